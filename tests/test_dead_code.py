"""No dead code in the core: every name it defines is used by the program or its tools
(benchmarks, scripts), not only by tests, and every parameter a core function takes is read.
Checked on the syntax tree."""
import ast
import re
from pathlib import Path

import photoclip

PACKAGE = Path(photoclip.__file__).resolve().parent
CORE = PACKAGE / "core"
# Called by a library with a signature it fixes, never by name in PhotoClip: watchdog's event
# handler, a torch module's forward pass.
CALLED_FROM_OUTSIDE = {"dispatch", "forward"}


def _sources(folder: Path) -> dict[Path, str]:
    return {p: p.read_text() for p in sorted(folder.rglob("*.py"))}


def test_every_name_the_core_defines_is_used_by_the_program():
    tools = [PACKAGE.parent / "benchmarks", PACKAGE.parent / "scripts"]
    program = "\n".join(text for folder in [PACKAGE, *tools] for text in _sources(folder).values())
    unused = []
    for path, text in _sources(CORE).items():
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                name = node.name
            elif isinstance(node, ast.Assign) and node.col_offset == 0 and isinstance(node.targets[0], ast.Name):
                name = node.targets[0].id
            else:
                continue
            if name.startswith("__") or name in CALLED_FROM_OUTSIDE:
                continue
            if len(re.findall(rf"\b{re.escape(name)}\b", program)) < 2:  # its definition only
                unused.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {name}")
    assert unused == []


def test_every_parameter_of_a_core_function_is_read():
    unread = []
    for path, text in _sources(CORE).items():
        for node in ast.walk(ast.parse(text)):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) or node.name.startswith("__") \
                    or node.name in CALLED_FROM_OUTSIDE:
                continue
            body = [s for s in node.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
            if all(isinstance(s, ast.Pass) or isinstance(s, ast.Return) and
                   not any(isinstance(n, ast.Name) for n in ast.walk(s)) for s in body):
                continue  # a hook for subclasses to fill in (returns a constant, or nothing)
            read = {n.id for s in node.body for n in ast.walk(s) if isinstance(n, ast.Name)}
            a = node.args
            for arg in [*a.posonlyargs, *a.args, *a.kwonlyargs]:
                if arg.arg not in ("self", "cls") and not arg.arg.startswith("_") and arg.arg not in read:
                    unread.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name}({arg.arg})")
    assert unread == []
