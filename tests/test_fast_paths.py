"""The fast paths give the same answers as the plain ones: bfloat16 vs float32, the trimmed text
encoder vs open_clip's, the GPU-style JPEG decoder (run here on the CPU) vs Pillow, and the
indexer's core split and GPU-decode path. Speed itself is measured in benchmarks/, not here."""
import io
import random
import threading
import time

import numpy as np
import pytest
from PIL import Image, ImageOps

import toyworld
from photoclip.core import gpujpeg, indexer, models
from photoclip.core.imaging import Preprocess, decode
from photoclip.core.indexer import Indexer
from photoclip.core.models import Embedder, _encode_text, pick_precision


def _photos(n, seed, size=(640, 480)):
    rng = random.Random(seed)
    return [toyworld.render(toyworld.random_photo(rng, *size)) for _ in range(n)]


def _jpeg(img, orientation=1, quality=90) -> bytes:
    buf = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = orientation
    img.save(buf, "JPEG", quality=quality, exif=exif)
    return buf.getvalue()


def test_bfloat16_vectors_stay_within_cosine_099_of_float32(tiny_model):
    fp32 = Embedder(tiny_model, "cpu", precision="fp32").load()
    bf16 = Embedder(tiny_model, "cpu", precision="bf16").load()
    import torch

    assert (fp32.dtype, bf16.dtype) == (torch.float32, torch.bfloat16)
    prep = fp32.preprocess
    pixels = np.stack([prep(img) for img in _photos(12, 5)])
    cos = (fp32.encode_images(pixels) * bf16.encode_images(pixels)).sum(1)
    assert cos.min() >= 0.99, cos
    texts = ["a red circle", "a small blue square on grass", "two green triangles"]
    assert (fp32.encode_texts(texts) * bf16.encode_texts(texts)).sum(1).min() >= 0.99


def test_model_built_without_random_init_is_the_checkpoint(tiny_model):
    import open_clip
    import torch

    normal_ = torch.nn.init.normal_
    plain = open_clip.create_model(tiny_model).state_dict()
    fast = Embedder(tiny_model, "cpu", precision="fp32").load()._model.state_dict()
    assert plain.keys() == fast.keys() and all(torch.equal(plain[k], fast[k]) for k in plain)
    assert torch.nn.init.normal_ is normal_  # the real initialisers are back
    assert torch.nn.init.normal_(torch.zeros(1000)).std() > 0.5


def test_precision_choice(monkeypatch):
    import torch

    monkeypatch.delenv("PHOTOCLIP_PRECISION")  # conftest's
    assert pick_precision("cuda") == "fp16"
    assert pick_precision("cpu", "fp32") == "fp32"
    monkeypatch.setenv("PHOTOCLIP_PRECISION", "bf16")
    assert pick_precision("cpu") == "bf16"
    monkeypatch.setenv("PHOTOCLIP_PRECISION", "int8")
    assert pick_precision("cpu") == "int8" and models.DTYPES["int8"] == "float32"
    assert pick_precision("cuda") == "fp16"  # int8 is a CPU format
    monkeypatch.setenv("PHOTOCLIP_PRECISION", "int3")
    with pytest.raises(Exception, match="unknown precision"):
        pick_precision("cpu")
    monkeypatch.delenv("PHOTOCLIP_PRECISION")
    amx = torch.cpu._is_amx_tile_supported()
    assert pick_precision("cpu") == ("bf16" if amx else "fp32")


def test_trimmed_text_encoder_matches_open_clip(tiny_model):
    import torch

    e = Embedder(tiny_model, "cpu", precision="fp32").load()
    model = e._model
    texts = ["red", "a big red circle on a blue background", "three small yellow triangles"]
    tokens = e.tokenizer(texts)
    with torch.inference_mode():
        full = torch.nn.functional.normalize(model.encode_text(tokens), dim=-1)
        model.encode_text = None  # the trimmed path must not fall back to it
        try:
            trimmed = torch.nn.functional.normalize(_encode_text(model, tokens), dim=-1)
        finally:
            del model.encode_text
    assert (full * trimmed).sum(-1).min().item() > 0.9999


@pytest.mark.parametrize("orientation", range(1, 9))
def test_tensor_orientation_matches_pillow(orientation):
    import torch

    arr = np.random.default_rng(orientation).integers(0, 255, (30, 50, 3), dtype=np.uint8)
    img = Image.fromarray(arr)
    img.getexif()[0x0112] = orientation
    want = np.asarray(ImageOps.exif_transpose(img))
    got = gpujpeg.orient(torch.from_numpy(arr).permute(2, 0, 1), orientation).permute(1, 2, 0).numpy()
    assert got.shape == want.shape and (got == want).all()


@pytest.mark.parametrize("mode", ["shortest", "longest", "squash"])
def test_device_decode_matches_the_cpu_decoder(mode):
    prep = Preprocess(size=64, resize_mode=mode)
    photos = _photos(3, 7, (900, 600))
    jpegs = [_jpeg(photos[0]), _jpeg(photos[1], orientation=6), b"\xff\xd8 not really a jpeg", _jpeg(photos[2])[:3000]]
    x, failed = gpujpeg.to_model_input(jpegs, [1, 6, 1, 1], prep, "cpu")
    assert failed == [2, 3] and tuple(x.shape) == (2, 3, 64, 64)
    for i, data in enumerate(jpegs[:2]):
        # Pillow decoding at full size (no DCT reduction) and Preprocess: the same geometry and
        # resampling, so the same pixels give the same model input.
        pil = prep(ImageOps.exif_transpose(Image.open(io.BytesIO(data))).convert("RGB")).astype(np.float32)
        dev = x[i].permute(1, 2, 0).numpy()
        assert np.abs(dev - pil).mean() < 0.5, (mode, i)
        reduced = decode(None, prep, data).pixels.astype(np.float32)  # the CPU route: reduced decode
        assert np.abs(dev - reduced).mean() < 8, (mode, i)


def test_no_device_decoding_without_cuda():
    assert not gpujpeg.available("cpu")


def test_keep_jpeg_leaves_colour_jpegs_whole(tmp_path):
    prep = Preprocess(size=32)
    rgb = _jpeg(_photos(1, 3)[0], orientation=8)
    d = decode(None, prep, rgb, keep_jpeg=True)
    assert d.pixels is None and d.jpeg == rgb and d.orientation == 8 and (d.width, d.height) == (480, 640)
    cmyk = io.BytesIO()
    Image.new("CMYK", (40, 30), (0, 80, 160, 0)).save(cmyk, "JPEG")
    assert decode(None, prep, cmyk.getvalue(), keep_jpeg=True).pixels.shape == (32, 32, 3)  # CPU decodes it
    png = io.BytesIO()
    Image.new("RGB", (40, 30)).save(png, "PNG")
    assert decode(None, prep, png.getvalue(), keep_jpeg=True).pixels is not None
    times = {}
    decode(None, prep, rgb, times=times)
    assert set(times) == {"decode", "preprocess"} and min(times.values()) >= 0


def _index(library, photos_dir, **kwargs):
    library.add_folder(photos_dir)
    library.embedder.load()  # loaded before the run: every JPEG takes the device route
    report = Indexer(library, **kwargs).run()
    ids, vecs = library.catalog.all_vectors(library.model)
    by_path = {library.catalog.photo(int(i)).path: v for i, v in zip(ids, vecs)}
    return report, by_path, dict(library.catalog.skipped())


def test_device_decode_path_in_the_indexer_gives_the_cpu_results(tmp_path, tiny_model, monkeypatch):
    """The whole GPU decoding route (whole JPEGs to the model's device, CPU fallback, skips),
    run with torchvision's CPU decoder: same photos, same skips, vectors within cosine 0.99."""
    from photoclip.core.library import Library

    photos = tmp_path / "photos"
    photos.mkdir()
    for i, img in enumerate(_photos(6, 11)):
        (photos / f"p{i}.jpg").write_bytes(_jpeg(img, orientation=(1, 6, 3)[i % 3]))
    Image.new("CMYK", (300, 200), (0, 80, 160, 0)).save(photos / "cmyk.jpg", "JPEG")  # CPU only
    (photos / "half.jpg").write_bytes(_jpeg(_photos(1, 12)[0])[:2500])  # header fine, data cut
    toyworld.write_image(_photos(1, 13)[0], photos / "p.png")

    with Library(tmp_path / "cpu-lib", tiny_model, "cpu", writer=True) as lib:
        cpu_report, cpu_vecs, cpu_skips = _index(lib, photos, batch_size=4)
    monkeypatch.setattr(gpujpeg, "available", lambda device: True)
    calls = []
    real = Embedder.encode_jpegs
    monkeypatch.setattr(Embedder, "encode_jpegs", lambda self, *a: calls.append(len(a[0])) or real(self, *a))
    with Library(tmp_path / "dev-lib", tiny_model, "cpu", writer=True) as lib:
        dev_report, dev_vecs, dev_skips = _index(lib, photos, batch_size=4)

    assert sum(calls) >= 1  # JPEGs went whole to the device decoder
    assert set(dev_vecs) == set(cpu_vecs) and len(cpu_vecs) == 8
    assert dev_skips == cpu_skips and list(cpu_skips) == [str(photos / "half.jpg")]
    assert (dev_report.embedded, dev_report.skipped) == (cpu_report.embedded, cpu_report.skipped) == (8, 1)
    for path, v in cpu_vecs.items():
        assert float(v @ dev_vecs[path]) >= 0.99, path
    assert {"read", "fingerprint", "model", "catalog", "index"} <= set(dev_report.timings)


class _FakeEmbedder:
    device = "cpu"
    cpu_threads = 7


@pytest.mark.parametrize("cores,model_seconds,others,decoding_done,split", [
    # model_seconds: the model's wall seconds a photo, by thread count, as timed so far; one
    # core decodes a photo in 0.03 s. split: (model threads, decode threads while the model
    # works); while it waits, decoding gets every free core.
    (2, {2: 0.044, 1: 0.078}, 0.0, False, (2, 0)),  # torch scales: all cores, taking turns (0.059 a photo, not 0.078)
    (2, {1: 0.078}, 0.0, False, (2, 0)),  # two threads not timed yet: tried (estimated 0.039)
    (2, {2: 0.070, 1: 0.078}, 0.0, False, (1, 1)),  # two threads barely faster: a core each
    (2, {1: 0.010, 2: 0.020}, 0.0, False, (1, 1)),  # a light model slower on two threads: decoding gets the other core
    (8, {8: 0.02, 4: 0.012}, 0.0, False, (5, 3)),  # eight threads scale badly; five, untimed, would beat four: tried
    (8, {8: 0.02, 5: 0.0125, 4: 0.012}, 0.0, False, (4, 4)),  # ... and five timed slower than hoped: four
    (16, {16: 0.02}, 0.0, False, (8, 8)),  # only all sixteen timed: half of them tried once (perfect scaling from 16 would never try fewer)
    (16, {16: 0.005, 8: 0.0098}, 0.0, False, (16, 0)),  # ... and sixteen scale well: taking turns on all of them
    (2, {2: 0.044, 1: 0.078}, 1.6, False, (1, 0)),  # other programs hold most cores: one thread, taking turns
    (4, {1: 0.078}, 0.0, True, (4, 0)),  # everything decoded: the model gets the cores
])
def test_cores_are_split_by_measured_speed(cores, model_seconds, others, decoding_done, split, monkeypatch):
    monkeypatch.setattr(indexer._OtherLoad, "update", lambda self: others)
    c = indexer._Cores(_FakeEmbedder(), cores, None)
    assert c.gate.limit == max(1, cores - 1)  # while the model loads, decoding leaves it a core
    for _ in range(10):
        c.photo_decoded({"fingerprint": 0.001, "decode": 0.025, "preprocess": 0.004})
    c.model_threads = next(iter(model_seconds))
    c.model_ran(16, 5.0)  # the warm-up batch: not timed
    for threads, seconds in model_seconds.items():
        c.model_threads = threads
        c.model_ran(16, 16 * seconds)
    c.update(decoding_done)
    free = max(1, round(cores - others))
    assert (c.model_threads, c.decode_threads[0]) == split
    assert c.gate.limit == free  # between batches, decoding may use every free core
    with c.model_working():
        assert c.gate.limit == split[1]
    assert c.gate.limit == free
    c.restore()
    assert c.embedder.cpu_threads == 7


def test_with_nothing_timed_yet_the_model_takes_every_free_core(monkeypatch):
    monkeypatch.setattr(indexer._OtherLoad, "update", lambda self: 0.0)
    c = indexer._Cores(_FakeEmbedder(), 2, None)
    c.photo_decoded({"fingerprint": 0.001, "decode": 0.025, "preprocess": 0.004})
    c.update(False)
    assert (c.model_threads, c.decode_threads) == (2, (0, 2))  # taking turns on both cores
    c.model_ran(16, 5.0)  # the warm-up batch: not timed, so still nothing to choose by
    c.update(False)
    assert c.model_wall == {} and c.model_threads == 2


def test_the_decode_gate_serves_threads_in_the_order_they_came():
    """The indexer waits for its photos in queue order: a thread passed over at the gate (the
    one that just left taking it again) would hold everything up."""
    gate = indexer._Gate(1)
    order = []
    gate.__enter__()

    def second():
        with gate:
            order.append("waiting one")

    t = threading.Thread(target=second, daemon=True)  # a failure here must not hang the run
    t.start()
    deadline = time.monotonic() + 30
    while not gate._line and time.monotonic() < deadline:  # until it is in line at the gate
        time.sleep(0.001)
    assert gate._line
    gate.__exit__(None, None, None)
    with gate:  # straight back in: behind the thread that waited
        order.append("leaving one again")
    t.join(30)
    assert order == ["waiting one", "leaving one again"]


def test_model_on_a_gpu_leaves_the_cores_to_decoding():
    embedder = _FakeEmbedder()
    embedder.device = "cuda"
    c = indexer._Cores(embedder, 16, None)
    c.update(False)
    assert c.model_threads is None and c.gate.limit == 16 and embedder.cpu_threads == 7


def test_fixed_decode_threads_leave_torch_alone():
    c = indexer._Cores(_FakeEmbedder(), 2, 3)
    c.update(False)
    assert c.model_threads is None and c.gate.limit == 3


def test_other_load_reads_the_machine():
    load = indexer._OtherLoad(indexer._cpu_count())
    assert 0.0 <= load.update() <= indexer._cpu_count()


def test_number_format_measured_once_on_photos_and_remembered(tiny_vit, monkeypatch):
    from photoclip.core import inference

    monkeypatch.delenv("PHOTOCLIP_PRECISION", raising=False)
    e = Embedder(tiny_vit, "cpu").load_images()
    assert e._measure_pending and inference.remembered(str(e.spec)) is None
    pixels = np.stack([e.preprocess(img) for img in _photos(8, 11)])
    vectors = e.encode_images(pixels)
    decision = inference.remembered(str(e.spec))
    measured = set(inference.CANDIDATES) - ({"bf16"} if not inference.native_bfloat16() else set())
    assert decision["precision"] in measured and set(decision["cosine_min"]) == measured
    assert decision["cosine_min"][decision["precision"]] >= inference.MIN_COSINE
    assert e.precision_used == decision["precision"]
    assert (vectors * Embedder(tiny_vit, "cpu", precision="fp32").encode_images(pixels)).sum(1).min() >= 0.99
    e.wait_for_caches()
    again = Embedder(tiny_vit, "cpu").load_images()  # a later start: no measuring, the chosen traced copy
    assert not again._measure_pending and not again.loaded and again.precision_used == e.precision_used
    assert np.allclose(again.encode_images(pixels), vectors, atol=1e-4)
    assert decision["precision"] in inference.describe(decision)


def test_int8_vectors_stay_within_cosine_099_of_float32_and_its_traced_copy_is_kept(tiny_vit):
    fp32 = Embedder(tiny_vit, "cpu", precision="fp32").load()
    int8 = Embedder(tiny_vit, "cpu", precision="int8").load_images()
    assert int8.loaded and int8.precision_used == "int8"  # no traced copy yet: the model, quantised
    pixels = np.stack([fp32.preprocess(img) for img in _photos(12, 6)])
    vectors = int8.encode_images(pixels)
    cos = (fp32.encode_images(pixels) * vectors).sum(1)
    assert cos.min() >= 0.99 and cos.min() < 0.999999, cos  # int8 really ran, and kept the vectors
    int8.wait_for_caches()
    again = Embedder(tiny_vit, "cpu", precision="int8").load_images()
    assert not again.loaded and again.precision_used == "int8"  # the traced copy
    assert (again.encode_images(pixels) * vectors).sum(1).min() > 0.9999


def test_a_later_start_in_int8_runs_the_export_without_importing_torch(tiny_vit, tmp_path):
    pixels = np.stack([Embedder(tiny_vit, "cpu").preprocess(img) for img in _photos(4, 7)])
    made = Embedder(tiny_vit, "cpu", precision="int8").load_images()  # makes the export
    assert made.precision_used == "int8"
    np.save(tmp_path / "pixels.npy", pixels)
    np.save(tmp_path / "vectors.npy", made.encode_images(pixels))
    script = f"""
import sys, numpy as np
from photoclip.core.models import Embedder
e = Embedder({tiny_vit!r}, precision="int8").load_images()  # device auto: no GPU here
vectors = e.encode_images(np.load({str(tmp_path / "pixels.npy")!r}))
assert np.allclose(vectors, np.load({str(tmp_path / "vectors.npy")!r}), atol=1e-5)
assert e.precision_used == "int8" and "torch" not in sys.modules and "open_clip" not in sys.modules
"""
    import subprocess
    import sys

    ran = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert ran.returncode == 0, ran.stderr


def test_a_format_that_cannot_be_made_is_measured_without_it(tiny_vit, monkeypatch):
    from photoclip.core import inference

    monkeypatch.delenv("PHOTOCLIP_PRECISION", raising=False)
    monkeypatch.setenv("PHOTOCLIP_FAILPOINTS", "int8.export=full")  # the disk fills while it is written
    e = Embedder(tiny_vit, "cpu").load_images()
    e.encode_images(np.stack([e.preprocess(img) for img in _photos(6, 13)]))
    decision = inference.remembered(str(e.spec))
    assert "No space left" in decision["not_candidates"]["int8"]
    assert set(decision["cosine_min"]) == ({"fp32", "bf16"} if inference.native_bfloat16() else {"fp32"})
    forced = Embedder(tiny_vit, "cpu", precision="int8").load_images()
    assert forced.precision_used == "fp32"  # said in the log, and still indexing


def test_the_text_tower_is_exported_after_measuring_or_when_too_few_photos_came_to_measure(tiny_vit, monkeypatch):
    from photoclip.core import textonnx

    monkeypatch.delenv("PHOTOCLIP_PRECISION", raising=False)
    e = Embedder(tiny_vit, "cpu").load_images()
    assert e._measure_pending and e.exporting is None  # held back: it would take CPU from the timing
    e.encode_images(np.stack([e.preprocess(img) for img in _photos(2, 5)]))  # too few photos to measure
    assert e._measure_pending and e.exporting is None
    e.wait_for_caches()  # the run ends
    assert textonnx.valid(e._text_files())


def test_unfaithful_format_is_not_chosen(tiny_vit, monkeypatch):
    from photoclip.core import inference

    monkeypatch.delenv("PHOTOCLIP_PRECISION", raising=False)
    monkeypatch.setattr(inference, "MIN_COSINE", 0.9999999)  # neither bfloat16 nor int8 can keep that
    e = Embedder(tiny_vit, "cpu").load_images()
    e.encode_images(np.stack([e.preprocess(img) for img in _photos(6, 12)]))
    decision = inference.remembered(str(e.spec))
    assert decision["precision"] == "fp32" and e.precision_used == "fp32"
    assert max(c for n, c in decision["cosine_min"].items() if n != "fp32") < inference.MIN_COSINE
    e.wait_for_caches()  # float32 was timed as the model runs it: its traced copy is made now
    again = Embedder(tiny_vit, "cpu").load_images()
    assert not again.loaded and again.precision_used == "fp32"


def test_precision_forced_from_the_command_line(cli, tiny_model, monkeypatch):
    monkeypatch.setenv("PHOTOCLIP_PRECISION", "auto")  # restored after the test
    out = cli("--precision", "fp32", "status").out
    assert "fp32 (forced" in out


def test_bfloat16_is_a_candidate_only_where_the_cpu_computes_it(monkeypatch):
    from photoclip.core import inference

    monkeypatch.setattr(inference, "cpu_name_and_flags", lambda: ("x", {"avx2", "avx512f", "avx512_vnni"}))
    assert not inference.native_bfloat16()
    monkeypatch.setattr(inference, "cpu_name_and_flags", lambda: ("x", {"avx2", "avx512f", "avx512_bf16"}))
    monkeypatch.delenv("ONEDNN_MAX_CPU_ISA", raising=False)
    assert inference.native_bfloat16()
    monkeypatch.setenv("ONEDNN_MAX_CPU_ISA", "AVX2")  # oneDNN told not to use it
    assert not inference.native_bfloat16()
    monkeypatch.setenv("ONEDNN_MAX_CPU_ISA", "AVX512_CORE_BF16")
    assert inference.native_bfloat16()
    monkeypatch.setattr(inference, "cpu_name_and_flags", lambda: ("Apple M2", set()))  # flags unknown: measured
    assert inference.native_bfloat16()
