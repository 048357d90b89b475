"""Han characters, defined once: every pattern or table that looks for Chinese characters is
built from these blocks."""

from __future__ import annotations

HAN_BLOCKS = ((0x4E00, 0x9FFF),  # CJK Unified Ideographs: the characters of everyday Chinese text
              (0x3400, 0x4DBF),  # Extension A: rarer characters (names, places, traditional texts)
              (0xF900, 0xFAFF))  # compatibility ideographs (legacy encodings' duplicates)
HAN = "\u4e00-\u9fff"  # the first block, as a regex class range
HAN_ALL = "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in HAN_BLOCKS)  # every block, as a regex class range


def is_han(ch: str) -> bool:
    """One character of HAN_ALL (without a regex: the spam search asks this per character)."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"
