"""The code-shape limits of the house rules: no module under cleaner/ longer than 400 lines, no
function longer than 60 (decorators and docstring included), so that each reads in one sitting."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "cleaner"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def long_functions(source: str, limit: int) -> list[tuple[str, int, int]]:
    """(name, first line, lines) of every function or method in `source` longer than `limit`,
    counted from its first decorator to its last line."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            first = min([node.lineno] + [d.lineno for d in node.decorator_list])
            length = node.end_lineno - first + 1
            if length > limit:
                found.append((node.name, first, length))
    return found


def test_the_package_is_found():
    assert len(modules()) > 20
    assert (PACKAGE / "clean" / "pipeline.py") in modules()


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_module_exceeds_the_line_limit(path):
    n = len(path.read_text(encoding="utf-8").splitlines())
    assert n <= MAX_MODULE_LINES, f"{path.relative_to(PACKAGE)}: {n} lines; split it by concern"


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_function_exceeds_the_line_limit(path):
    long = long_functions(path.read_text(encoding="utf-8"), MAX_FUNCTION_LINES)
    assert not long, f"{path.relative_to(PACKAGE)}: " + ", ".join(
        f"{name} (line {line}, {n} lines)" for name, line, n in long)


def test_the_measure_counts_decorators_docstrings_and_nested_functions():
    body = "\n".join(f"    x{i} = {i}" for i in range(56))
    source = f'@cache\ndef outer():\n    """Doc."""\n{body}\n    def inner():\n        return 1\n'
    assert long_functions(source, 60) == [("outer", 1, 61)]
    assert long_functions(source, 61) == []
    assert long_functions("def short():\n    return 1\n", 60) == []
