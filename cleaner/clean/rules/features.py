"""Cheap text features the rules share: length, punctuation, list shape."""

from __future__ import annotations

import re

from cleaner.clean.han import HAN_ALL

CJK = re.compile(rf"[{HAN_ALL}]")
CJK_RUN = re.compile(CJK.pattern + "+")
ASCII_LETTER = re.compile(r"[A-Za-z]")  # what ch.isascii() and ch.isalpha() accept
SENTENCE_END = re.compile(r"[。！？!?；;…]")
FULL_STOP = re.compile(r"[。！？!?]|\.(?=\s|$)")
CLOSERS = "”’」』)）\"'"
CLAUSE = re.compile(r"[，,、：:；;]")
LIST_SEPARATORS = re.compile(r"\s*[|｜·•]\s*|\s+")
BAR_SEPARATORS = re.compile(r"[|｜·•]")
MIN_LATIN_WORDS = 8  # a line in a Latin script ending a sentence with this many words is prose


def cjk_count(text: str) -> int:
    """Characters of the text matching CJK (counted by runs: fewer objects than one per character)."""
    return sum(map(len, CJK_RUN.findall(text)))


def is_prose(text: str, min_chars: int) -> bool:
    """Reads as running text: long enough, with a full stop (headlines rarely have one)."""
    if len(text) < min_chars:
        return False
    if "。" in text or "．" in text:
        return True
    stops = len(FULL_STOP.findall(text))
    clauses = len(CLAUSE.findall(text))
    ends_sentence = bool(FULL_STOP.match(text.rstrip(CLOSERS)[-1:]))
    if ends_sentence and len(ASCII_LETTER.findall(text)) > 0.5 * len(text):
        return len(text.split()) >= MIN_LATIN_WORDS  # an English sentence: words, not clauses
    return stops >= 2 or (ends_sentence and clauses >= 1) or (stops >= 1 and clauses >= 2 and len(text) >= 2 * min_chars)


def list_items(text: str) -> list[str]:
    return [t for t in LIST_SEPARATORS.split(text) if t]


def is_link_list(text: str, min_items: int = 4, max_item_chars: int = 8) -> bool:
    """Many short items separated by spaces or bars and no sentence punctuation."""
    if SENTENCE_END.search(text) or "，" in text or "," in text:
        return False
    latin = len(ASCII_LETTER.findall(text)) > 0.5 * len(text)
    items = [t.strip() for t in BAR_SEPARATORS.split(text) if t.strip()] if latin else list_items(text)
    if len(items) < min_items:
        return False
    short = sum(1 for t in items if len(t) <= max_item_chars)
    return short >= 0.8 * len(items)
