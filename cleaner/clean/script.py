"""Which script a Chinese text is written in (zh-Hans / zh-Hant), from the characters the two
scripts write differently (cleaner/data/script_chars.txt, made by scripts/script_table.py). The
spam search reads a traditional text through its simplified view; rows publish it as `script`."""

from __future__ import annotations

from functools import cache
from importlib import resources

import numpy as np


@cache
def script_tables() -> tuple[frozenset[str], frozenset[str]]:
    """(simplified-only, traditional-only) characters: made by scripts/script_table.py."""
    simplified: set[str] = set()
    traditional: set[str] = set()
    target = None
    text = resources.files("cleaner.data").joinpath("script_chars.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        if line.strip() in ("[simplified]", "[traditional]"):
            target = simplified if line.strip() == "[simplified]" else traditional
        elif target is not None:
            target.update(line.strip())
    return frozenset(simplified), frozenset(traditional)


@cache
def script_codes() -> np.ndarray:
    """Code point -> 1 for a simplified-only character, 2 for a traditional-only one, else 0:
    one table lookup per character instead of two set lookups in Python."""
    simplified, traditional = script_tables()
    table = np.zeros(0x110000, np.uint8)
    table[[ord(c) for c in simplified]] = 1
    table[[ord(c) for c in traditional]] = 2
    return table


def script(text: str) -> str | None:
    """zh-Hans or zh-Hant: which of the characters written differently in the two scripts the
    text uses more; None when it uses none of them (no Chinese, or nothing that tells)."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), np.uint32)
    _, s, t = np.bincount(script_codes()[codes], minlength=3)
    if s == t:
        return None
    return "zh-Hans" if s > t else "zh-Hant"
