"""Load the marker lists of cleaner/data/markers/ (literals, or regexes after `re:`)."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources


@cache
def entries(kind: str) -> tuple[str, ...]:
    text = resources.files("cleaner.data.markers").joinpath(f"{kind}.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def pattern(kind: str) -> re.Pattern:
    """One alternation of every marker of a kind."""
    parts = [e[3:] if e.startswith("re:") else re.escape(e) for e in entries(kind)]
    return re.compile("|".join(f"(?:{p})" for p in parts))


def literals(kind: str) -> tuple[str, ...]:
    return tuple(e for e in entries(kind) if not e.startswith("re:"))
