"""faust is the runtime's business: outside ``shared/runtime/`` no module imports it to run.

A service may name ``faust.App`` as the type its ``build_app`` returns (an import under
``if TYPE_CHECKING:``); anything else that needs faust belongs in the runner.
"""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RUNTIME = REPO / "shared" / "runtime"


def _type_checking_block(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def faust_imports(source: str) -> list[int]:
    """Line numbers of the imports of faust (or mode, its service library) outside TYPE_CHECKING."""
    tree = ast.parse(source)
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if _type_checking_block(node):
            skipped.update(id(child) for child in ast.walk(node))
    lines = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        if isinstance(node, ast.stmt) and any(n.split(".")[0] in ("faust", "mode") for n in names):
            lines.append(node.lineno)
    return lines


def test_the_check_sees_an_import_and_ignores_type_checking() -> None:
    assert faust_imports("import faust\n") == [1]
    assert faust_imports("def f():\n    from faust.types import TP\n") == [2]
    assert faust_imports("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import faust\n") == []


def test_only_the_runtime_imports_faust() -> None:
    offenders = []
    for root in ("shared", "services", "wirewatch"):
        for path in sorted((REPO / root).rglob("*.py")):
            if RUNTIME in path.parents:
                continue
            lines = faust_imports(path.read_text(encoding="utf-8"))
            offenders += [f"{path.relative_to(REPO)}:{n}" for n in lines]
    assert offenders == [], "faust imported outside shared/runtime/: " + ", ".join(offenders)
    assert faust_imports((RUNTIME / "runner.py").read_text(encoding="utf-8"))  # the runner does
