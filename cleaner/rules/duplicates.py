"""Blocks that repeat another block of the same article (a caption repeating a paragraph)."""

from __future__ import annotations

import re

CREDIT = re.compile(r"\s*[(（]?\s*(?:均为|图片由)?[^\s。]{0,16}(?:供图|摄|摄影|提供)\s*[)）]?\s*$")
NOISE = re.compile(r"[\s\u3000，,。.、；;：:！!？?“”\"'‘’()（）]")
RULE_ID = "duplicates.repeated_blocks"
MIN_CHARS = 12


def repeated_blocks(texts: list[str]) -> set[int]:
    """Indices of blocks whose text (credit aside) is contained in another, longer block."""
    keys = [NOISE.sub("", CREDIT.sub("", t)) for t in texts]
    found: set[int] = set()
    for i, key in enumerate(keys):
        if len(key) < MIN_CHARS:
            continue
        for j, other in enumerate(keys):
            if j == i or j in found:
                continue
            if (len(other) > len(key) or (other == key and j < i)) and key in other:
                found.add(i)
                break
    return found
