"""Which script a Chinese text is written in (zh-Hans / zh-Hant), from the characters the two
scripts write differently (cleaner/data/script_chars.txt, made by scripts/script_table.py). The
spam search reads a traditional text through its simplified view; rows publish it as `script`."""

from __future__ import annotations

from functools import cache
from importlib import resources


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


def script(text: str) -> str | None:
    """zh-Hans or zh-Hant: which of the characters written differently in the two scripts the
    text uses more; None when it uses none of them (no Chinese, or nothing that tells)."""
    simplified, traditional = script_tables()
    s = sum(map(simplified.__contains__, text))
    t = sum(map(traditional.__contains__, text))
    if s == t:
        return None
    return "zh-Hans" if s > t else "zh-Hant"
