"""Which code runs: the hot modules compiled by mypyc at install time, or their Python source.

setup.py compiles the modules listed in data/compiled_modules.txt and records the sha256 of
each source it compiled in _compiled.json. A compiled module is used only while every listed
source still matches that record; otherwise (a file edited after `pip install -e .`, no
record, or CLEANER_PURE=1) all of them are imported from source, so an edit always takes
effect and compiled and interpreted modules never mix. Both give the same results: the tests
build the same Parquet files both ways.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.abc
import importlib.util
import json
import os
import sys
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
LIST = Path(__file__).resolve().parent / "data" / "compiled_modules.txt"
RECORD = Path(__file__).resolve().parent / "_compiled.json"


def listed_modules() -> list[str]:
    """The modules setup.py compiles, in the order of data/compiled_modules.txt."""
    lines = (line.split("#", 1)[0].strip() for line in LIST.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def source_of(module: str) -> Path:
    return PACKAGE_ROOT / (module.replace(".", "/") + ".py")


def why_source(record_path: Path = RECORD) -> str | None:
    """Why the listed modules run from source, as a reason code (None: they run compiled):
    pure (CLEANER_PURE=1), not_built (no record of a build), edited (a source changed since)."""
    if os.environ.get("CLEANER_PURE") == "1":
        return "pure"
    try:
        record = json.loads(record_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "not_built"
    for module in listed_modules():
        try:
            digest = hashlib.sha256(source_of(module).read_bytes()).hexdigest()
        except OSError:
            return "edited"
        if record.get(module) != digest:
            return "edited"
    return None


class SourceFirst(importlib.abc.MetaPathFinder):
    """Imports the listed modules from their .py files, ahead of any compiled extension."""

    def __init__(self, modules: list[str]) -> None:
        self.modules = set(modules)

    def find_spec(self, name, path=None, target=None):
        if name not in self.modules:
            return None
        return importlib.util.spec_from_file_location(name, source_of(name))


REASON = why_source()
if REASON is not None and not any(isinstance(f, SourceFirst) for f in sys.meta_path):
    sys.meta_path.insert(0, SourceFirst(listed_modules()))


def mode() -> str:
    """"compiled", or "source (reason)": what runs the rules in this process."""
    if REASON is not None:
        return f"source ({REASON})"
    spam_inline = importlib.import_module("cleaner.rules.spam_inline")
    return "source (not_built)" if str(spam_inline.__file__).endswith(".py") else "compiled"
