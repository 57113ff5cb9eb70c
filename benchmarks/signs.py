"""Real photos with a sign rendered into them, for measuring text recognition and search.

A sign is 1-3 words of one script (Latin: English and Spanish; Cyrillic: Russian; Chinese) in a
Debian font, on a plate or straight on the photo, in any colour that contrasts with what is under
it, 2.5-9 % of the photo's height, tilted up to ±12°, anywhere in the frame. Every sign holds one
*query word* that no other sign of the set holds; searching it must find that sign's photo.
Plain photos are crops of the same sources with nothing drawn on them.

Sources: the raster wallpapers under SRC (`apt-get download gnome-backgrounds mate-backgrounds
ukui-wallpapers lomiri-wallpapers-20.04`, `dpkg -x` each; benchmarks/README.md). Fonts: Debian's
fonts-dejavu-core (Latin, Cyrillic), fonts-noto-cjk and fonts-wqy-zenhei (Chinese).
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

LATIN = ("pharmacy hotel station bakery museum garden market library parking airport harbour coffee "
         "bridge theatre cinema school hospital police ticket receipt office gallery kitchen river "
         "street avenue closed welcome entrance platform bicycle taxi bookshop florist butcher "
         "dentist laundry pizza noodles bakehouse chemist souvenirs tickets arrivals departures "
         "farmacia panadería salida entrada recibo estación biblioteca mercado tienda calle playa "
         "museo jardín cerrado abierto bienvenidos aeropuerto correos librería peluquería "
         "zapatería carnicería heladería frutería ferretería cafetería pastelería lavandería "
         "papelería floristería").split()
CYRILLIC = ("аптека ресторан выход вход магазин почта библиотека вокзал больница музей театр кино "
            "школа парк улица площадь рынок булочная гостиница аэропорт метро касса книги цветы "
            "продукты открыто закрыто такси остановка стоянка кафе столовая парикмахерская банк "
            "полиция гараж мост берег пекарня овощи фрукты молоко сувениры игрушки одежда обувь "
            "часы ремонт химчистка прачечная мебель посуда").split()
CHINESE = ("药店 出口 入口 餐厅 银行 超市 医院 学校 公园 车站 机场 图书馆 博物馆 酒店 咖啡 书店 邮局 "
           "地铁 停车场 洗手间 电影院 火车站 派出所 面包店 水果 花店 市场 大学 广场 茶馆 饭店 "
           "药房 超级 服装 鞋店 理发 洗衣 五金 眼镜 钟表 家具 电器 文具 玩具 蛋糕 面馆 饺子 "
           "烧烤 火锅 宾馆 旅馆 售票 候车 问讯").split()
WORDS = {"latin": LATIN, "cyrillic": CYRILLIC, "chinese": CHINESE}

_DEJAVU = "/usr/share/fonts/truetype/dejavu/"
_FONTS = {
    "latin": [_DEJAVU + f for f in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSerif.ttf",
                                    "DejaVuSerif-Bold.ttf", "DejaVuSansMono.ttf",
                                    "DejaVuSansCondensed-Bold.ttf", "DejaVuSerifCondensed-Italic.ttf")],
    "chinese": ["/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
                "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
                "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"],
}
_FONTS["cyrillic"] = _FONTS["latin"]
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")


def fonts(script: str) -> list[str]:
    return [f for f in _FONTS[script] if Path(f).exists()]


@dataclass
class Sign:
    script: str
    words: list[str]
    query: str  # the word searched for: one of words, unique in the set


def sources(src: Path) -> list[Path]:
    return sorted(p for p in src.rglob("*") if p.suffix.lower() in PHOTO_SUFFIXES)


def photo(path: Path, size: tuple[int, int], rng: random.Random) -> Image.Image:
    """A random 60-100 % crop of a real photo, resized to `size`."""
    with Image.open(path) as img:
        img = img.convert("RGB")
    w, h = img.size
    aspect = size[0] / size[1]
    cw = min(w, round(h * aspect)) * rng.uniform(0.6, 1.0)
    ch = cw / aspect
    x, y = rng.uniform(0, w - cw), rng.uniform(0, h - ch)
    return img.resize(size, Image.LANCZOS, box=(x, y, x + cw, y + ch))


def _luma(c) -> float:
    return 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]


def _contrasting(rng: random.Random, against) -> tuple[int, int, int]:
    for _ in range(100):
        c = tuple(rng.randrange(256) for _ in range(3))
        if abs(_luma(c) - _luma(against)) > 110:
            return c
    return (255, 255, 255) if _luma(against) < 128 else (0, 0, 0)


def draw_sign(img: Image.Image, sign: Sign, rng: random.Random) -> tuple[float, float, float, float]:
    """Draws the sign into img (in place); returns its bounding box (x0, y0, x1, y1)."""
    W, H = img.size
    font_path = rng.choice(fonts(sign.script))
    text = " ".join(sign.words)
    size = max(10, round(H * rng.uniform(0.025, 0.09)))
    for _ in range(20):  # shrink until it fits in 90 % of the width
        font = ImageFont.truetype(font_path, size)
        x0, y0, x1, y1 = font.getbbox(text)
        if x1 - x0 <= 0.8 * W:
            break
        size = round(size * 0.85)
    tw, th = x1 - x0, y1 - y0
    pad = round(size * rng.uniform(0.3, 0.8))
    plate = rng.random() < 0.7
    layer = Image.new("RGBA", (tw + 2 * pad, th + 2 * pad), (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    # What the text stands on: its plate, or the photo where it goes (its mean colour).
    ground = tuple(rng.randrange(256) for _ in range(3)) if plate else None
    tilt = rng.uniform(-12, 12)
    lw, lh = layer.size
    rad = math.radians(tilt)
    bw = abs(lw * math.cos(rad)) + abs(lh * math.sin(rad))
    bh = abs(lw * math.sin(rad)) + abs(lh * math.cos(rad))
    px, py = rng.uniform(0, max(1, W - bw)), rng.uniform(0, max(1, H - bh))
    if ground is None:
        region = img.crop((round(px), round(py), round(px + bw), round(py + bh))).resize((1, 1), Image.BOX)
        under = region.getpixel((0, 0))
        colour = _contrasting(rng, under)
    else:
        d.rounded_rectangle((0, 0, lw - 1, lh - 1), radius=pad // 2, fill=ground + (255,))
        colour = _contrasting(rng, ground)
    stroke = 0 if plate else max(1, size // 25)
    d.text((pad - x0, pad - y0), text, font=font, fill=colour + (255,), stroke_width=stroke,
           stroke_fill=(255 - colour[0], 255 - colour[1], 255 - colour[2], 255) if stroke else None)
    layer = layer.rotate(tilt, resample=Image.BICUBIC, expand=True)
    img.paste(layer, (round(px), round(py)), layer)
    return px, py, px + layer.width, py + layer.height


def make_signs(n_per_script: int, rng: random.Random, scripts=("latin", "cyrillic", "chinese")) -> list[Sign]:
    """n signs per script; each holds a query word found on no other sign."""
    signs = []
    for script in scripts:
        words = list(WORDS[script])
        rng.shuffle(words)
        queries, rest = words[:n_per_script], words[n_per_script:]
        if len(queries) < n_per_script:
            raise ValueError(f"only {len(queries)} {script} words: ask for fewer signs")
        for q in queries:
            extra = rng.sample(rest, rng.choice((0, 1, 1, 2))) if rest else []
            ws = extra + [q]
            rng.shuffle(ws)
            signs.append(Sign(script, ws, q))
    return signs


def blur_and_save(img: Image.Image, path: Path, rng: random.Random, quality: int = 88) -> None:
    if rng.random() < 0.3:
        img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 1.0)))
    img.save(path, quality=quality)
