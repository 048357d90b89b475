"""Blocks that repeat another block of the same article (a caption repeating a paragraph)."""

from __future__ import annotations

import re

from cleaner.clean.rules.base import rule

CREDIT = re.compile(r"\s*[(（]?\s*(?:均为|图片由)?[^\s。]{0,16}(?:供图|摄|摄影|提供)\s*[)）]?\s*$")
CREDIT_WORDS = ("供图", "摄", "提供")  # CREDIT cannot match a text holding none of these
CREDIT_WORD = re.compile("|".join(map(re.escape, CREDIT_WORDS)))
NOISE = re.compile(r"[\s\u3000，,。.、；;：:！!？?“”\"'‘’()（）]")
MIN_CHARS = 12


def key_of(text: str) -> str:
    """The text without its credit and without whitespace and punctuation."""
    if CREDIT_WORD.search(text):
        text = CREDIT.sub("", text)
    return NOISE.sub("", text)


@rule("duplicates.repeated_blocks", kind="segment", category="duplicate")
def repeated_blocks(texts: list[str]) -> set[int]:
    """Blocks repeating another block of the same article (a caption repeating a paragraph).

    Returns the indices of blocks whose text (credit aside) is contained in another, longer
    block, or equals an earlier block: the first of identical blocks stays."""
    keys = [key_of(t) for t in texts]
    long = sorted({k for k in keys if len(k) >= MIN_CHARS}, key=len, reverse=True)
    if not long:
        return set()
    # The long keys, longest first, in one string ("\n": in no key, NOISE removes it); the keys
    # longer than n characters end where the first key of n characters starts.
    joined = "\n".join(long)
    longer_end: dict[int, int] = {}
    offset = 0
    for k in long:
        longer_end.setdefault(len(k), max(offset - 1, 0))
        offset += len(k) + 1
    found: set[int] = set()
    seen: set[str] = set()
    for i, key in enumerate(keys):
        if len(key) < MIN_CHARS:
            continue
        if key in seen or joined.find(key, 0, longer_end[len(key)]) >= 0:
            found.add(i)
        seen.add(key)
    return found
