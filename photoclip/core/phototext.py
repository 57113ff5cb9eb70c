"""Text in photos: read at indexing (an ingest step), kept in a full-text index, found by search.

- `TextStep` reads each new photo's text on the decode pool (textengine: a detector gates the
  recognisers, so a photo without text costs one small detection) and stores the words with
  their boxes, keyed by content like the vectors. Photos indexed before recognition was on (or
  with other languages) are read by the next index run: the step says which it still needs.
- `text_matches` finds a query's words in the index: whole words, then prefixes ("pharm"), then
  words one or two letters off (recognition errors: "улища" for "улица"), accents and case
  ignored; Chinese by characters.
- Settings live in the library (meta): on/off and languages, shared by the CLI and the app.
"""
from __future__ import annotations

import locale
import logging
import os
import re
from dataclasses import dataclass, field

from .ingest import IngestPhoto, IngestStep
from .textengine import CJK, DETECT_SIDE, LANGUAGES, TextReader, Word, decode_reduced, fold

log = logging.getLogger(__name__)

ENGINE_VERSION = 1  # bump when reading changes enough to read every photo again
_ENABLED_KEY, _LANGUAGES_KEY = "text.enabled", "text.languages"
_TERM = re.compile(r"\w+")


# -- settings ---------------------------------------------------------------------------------
def default_languages() -> list[str]:
    """The languages read until some are chosen: English, plus the system's language when it is
    one recognition reads. The one source of the default, for the indexer, the CLI and Settings
    alike (the app's own UI language does not enter: a library indexed from the shell reads the
    same way as one indexed by the app)."""
    lang = system_language()
    return ["en"] + ([lang] if lang in LANGUAGES and lang != "en" else [])


def system_language() -> str:
    """The system's language as a two-letter code ("" when unknown): LANGUAGE, LC_ALL, LC_MESSAGES,
    LANG, then the locale (which on Windows names it in English: "Spanish_Spain")."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "").split(":")[0]
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return value[:2].lower()
    name = locale.getlocale()[0] or ""
    by_name = {english.lower(): code for code, english in LANGUAGES.items()}
    return by_name.get(name.split("_")[0].lower(), name[:2].lower())


@dataclass
class TextSettings:
    enabled: bool = True
    languages: list[str] = field(default_factory=default_languages)

    @property
    def engine(self) -> str:
        """What reading a photo depends on: a photo read otherwise is read again."""
        return f"v{ENGINE_VERSION}:{','.join(sorted(self.languages))}"


def load_settings(store) -> TextSettings:
    """The library's settings; languages never chosen are `default_languages()`."""
    enabled = store.get_meta(_ENABLED_KEY)
    langs = store.get_meta(_LANGUAGES_KEY)
    chosen = [code for code in langs.split(",") if code in LANGUAGES] if langs else None
    return TextSettings(enabled != "0", chosen or default_languages())


def save_settings(store, settings: TextSettings) -> None:
    with store.transaction():
        store.set_meta(_ENABLED_KEY, "1" if settings.enabled else "0")
        store.set_meta(_LANGUAGES_KEY, ",".join(code for code in settings.languages if code in LANGUAGES))


@dataclass
class TextProgress:
    settings: TextSettings
    problem: str | None  # why recognition cannot run here (None: it can)
    done: int  # photos (contents) read with these settings
    total: int
    with_text: int  # of those read, photos with words in them


def progress(store) -> TextProgress:
    settings = load_settings(store)
    problem = TextReader(settings.languages).problem() if settings.enabled else None
    return TextProgress(settings, problem, *store.text_progress(settings.engine))


def status_line(store) -> str:
    """One line for `photoclip status`: what recognition is doing."""
    p = progress(store)
    if not p.settings.enabled:
        return "Text in photos: off (photoclip index --text turns it on)"
    if p.problem:
        return f"Text in photos: cannot run: {p.problem}"
    names = ", ".join(LANGUAGES[code] for code in p.settings.languages)
    state = f"{p.done} of {p.total} photos read" + (f", {p.with_text} with text" if p.done else "")
    return f"Text in photos ({names}): {state}" + ("" if p.done >= p.total else " (photoclip index reads the rest)")


# -- the ingest step --------------------------------------------------------------------------
class TextStep(IngestStep):
    """Reads each photo's text on the decode pool; stores the words in the batch's transaction."""

    name = "text"
    frame_side = DETECT_SIDE

    def __init__(self, settings: TextSettings, reader: TextReader | None = None):
        self.settings = settings
        self.reader = reader or TextReader(settings.languages)
        self.read = self.found = 0  # photos read in this process, and of those with text
        self.problem = None if settings.enabled else "off"
        if settings.enabled:
            self.problem = self.reader.problem()
            if self.problem:
                log.warning("text in photos: %s", self.problem)

    @property
    def active(self) -> bool:  # the indexer runs only active steps
        return self.problem is None

    def pending(self, store) -> list[tuple[str, int, int]]:
        """Photos whose content has not been read with these settings."""
        return store.photos_missing_text(self.settings.engine) if self.active else []

    def photo(self, photo: IngestPhoto, data: bytes) -> list[Word] | None:
        if not self.active:
            return None
        frame = photo.decoded.frame
        if frame is None:  # nothing decoded for the model (content known already, a JPEG for the GPU)
            frame = decode_reduced(data, DETECT_SIDE)
        if frame is None:  # recorded as read, without text: not tried again on every run
            return []
        try:
            return self.reader.read(frame, data)
        except Exception:  # an engine failing on one photo costs that photo's text, once
            log.exception("reading the text in %s failed", photo.path)
            return []

    def batch(self, store, photos: list[IngestPhoto]) -> None:
        read = {p.fingerprint: p.results.get(self.name) for p in photos}
        read = {fp: words for fp, words in read.items() if words is not None}
        self.read += len(read)
        self.found += sum(bool(words) for words in read.values())
        if read:
            rows = {fp: [_as_row(w) for w in words] for fp, words in read.items()}
            store.store_text(self.settings.engine, {fp: (r, index_text(r)) for fp, r in rows.items()})


def _as_row(w: Word) -> list:
    return [w.text, *(round(v, 4) for v in w.box)]


# -- search -----------------------------------------------------------------------------------
EXACT, PREFIX, FUZZY = 1.0, 0.8, 0.6  # how much a query word counts, by how it was found


@dataclass
class TextMatch:
    photo_id: int
    score: float  # 0-1: the share of the query's words found, weighted by how exactly
    words: list[str]  # the photo's words that matched, as read
    boxes: list[tuple[float, float, float, float]]  # where they are (fractions of the photo)
    complete: bool = False  # every word of the query was found (whole, a prefix or close)


def query_terms(text: str) -> list[list[str]]:
    """The query's words as index terms: [word], or for Chinese [character, ...] (a phrase).
    Words of one or two letters ("a", "on") are left to the picture search."""
    terms = []
    for chunk in text.split():
        run: list[str] = []
        for token in _TERM.findall(fold(chunk)):
            if CJK.match(token):
                run.append(token)
                continue
            if run:
                terms.append(run)
                run = []
            if len(token) >= 3 or (token.isdigit() and len(token) >= 2):
                terms.append([token])
        if run:
            terms.append(run)
    return terms


def text_matches(store, query: str, allowed: set[int] | None = None, limit: int = 500) -> dict[int, TextMatch]:
    """Photos whose text holds the query's words, by photo id (`limit`: per way of matching a
    word, the best this many; -1: all)."""
    terms = query_terms(query)
    if not terms:
        return {}
    found: dict[int, dict[int, float]] = {}  # photo id -> query word index -> best weight
    words_of: dict[int, list] = {}
    vocabulary = None
    for i, term in enumerate(terms):
        if CJK.match(term[0]):  # Chinese: its characters in a row
            ways = [('"' + " ".join(term) + '"', EXACT)]
        else:
            word = term[0]
            ways = [(f'"{word}"', EXACT), (f'"{word}"*', PREFIX)]
            if len(word) >= 4:
                vocabulary = vocabulary if vocabulary is not None else store.text_vocabulary()
                near = [t for t in vocabulary if t != word and _close(word, t)]
                if near:
                    ways.append((" OR ".join(f'"{t}"' for t in near[:50]), FUZZY))
        for expr, weight in ways:
            for photo_id, rows in store.search_text(expr, limit):
                if allowed is not None and photo_id not in allowed:
                    continue
                best = found.setdefault(photo_id, {})
                best[i] = max(best.get(i, 0.0), weight)
                words_of[photo_id] = rows
    out = {}
    for photo_id, best in found.items():
        matched = _matched_words(words_of[photo_id], terms, best)
        out[photo_id] = TextMatch(photo_id, sum(best.values()) / len(terms), [w[0] for w in matched],
                                  [tuple(w[1:5]) for w in matched], len(best) == len(terms))
    return out


def _matched_words(rows: list, terms: list[list[str]], best: dict[int, float]) -> list:
    """The photo's words that a found query word points at (for highlighting and --json), as
    rows [text, x0, y0, x1, y1]. A Chinese query word is cut out of the run it was read in: a
    run is a whole line of characters without spaces, and its characters are equally wide, so
    the word's share of the run's box is its share of the characters."""
    out = []
    for i in best:
        t = terms[i]
        for row in rows:
            folded = fold(row[0])
            if CJK.match(t[0]):
                hit = _cjk_span(row, "".join(t))
            elif any(w.startswith(t[0]) or (len(t[0]) >= 4 and _close(t[0], w)) for w in _TERM.findall(folded)):
                hit = row
            else:
                hit = None
            if hit and hit not in out:
                out.append(hit)
    return out


def _cjk_span(row: list, phrase: str) -> list | None:
    """The part of a row [text, x0, y0, x1, y1] that holds a phrase of Chinese characters."""
    chars = fold(row[0]).replace(" ", "")
    at = chars.find(phrase)
    if at < 0:
        return None
    x0, y0, x1, y1 = row[1:5]
    a, b = at / len(chars), (at + len(phrase)) / len(chars)
    return [phrase if len(phrase) < len(chars) else row[0],
            round(x0 + (x1 - x0) * a, 4), y0, round(x0 + (x1 - x0) * b, 4), y1]


def _close(a: str, b: str) -> bool:
    """Within the edit distance a recognition error makes: 1 for words up to 7 letters, else 2."""
    limit = 1 if len(a) <= 7 else 2
    if abs(len(a) - len(b)) > limit:
        return False
    return _distance(a, b, limit) <= limit


def _distance(a: str, b: str, limit: int) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def index_text(words: list) -> str:
    """What goes into the full-text index for a photo's words."""
    return fold(" ".join(w[0] for w in words))

