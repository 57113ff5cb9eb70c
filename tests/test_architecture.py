"""The core stays Qt-free (as napari enforces its boundary): checked statically and at run time."""
import pkgutil
import subprocess
import sys
from pathlib import Path

import photoclip.core

ROOT = Path(__file__).resolve().parents[1]


def test_import_linter_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    for contract in ("The core imports no Qt", "The front ends sit on the core", "Core layers"):
        assert f"{contract} KEPT" in result.stdout


def test_ruff_finds_nothing():
    """The lint CI runs first (.ci/run), here too so that a full test run shows it."""
    ruff = Path(sys.executable).with_name("ruff")
    result = subprocess.run([str(ruff), "check", "--no-cache", "--output-format", "concise"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_importing_every_core_module_loads_no_qt():
    modules = [m.name for m in pkgutil.iter_modules(photoclip.core.__path__, "photoclip.core.")]
    assert "photoclip.core.store" in modules
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "import photoclip.cli\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
