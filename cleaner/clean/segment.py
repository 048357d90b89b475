"""Segment kept blocks into headings, paragraphs, captions, quotes and list items, and sentences."""

from __future__ import annotations

import re

from cleaner.clean.rules import features, markers
from cleaner.settings import Settings

# A sentence ends at 。！？!?；;… (runs of them), closing quotes and brackets staying with it,
# or at . ! ? followed by white space (Latin-script text); trailing white space stays too.
SENTENCE_BREAK = re.compile(r"(?:[。！？!?；;…]+[”’」』）)\]》〉\"']*|[.!?]+[\"')\]]*(?=\s))\s*")
LIST_ITEM = re.compile(r"^(?:[•·●○◆◇■□▪►\-*]\s*|\d{1,2}[.、)）]\s*|[(（]\d{1,2}[)）]|[(（][一二三四五六七八九十]{1,3}[)）])")
QUOTE_OPEN = "“「『\""
QUOTE_CLOSE = "”」』\""


# One sentence per match, found in one pass: the longest run holding no break (a "." counts as
# a break only when SENTENCE_BREAK matches there), then its break; or the rest of the text.
SENTENCE = re.compile(r"(?:[^。！？!?；;….]++|(?![.!?]+[\"')\]]*\s)\.)*+(?:" + SENTENCE_BREAK.pattern + r")|.+",
                      re.DOTALL)


def sentences(text: str) -> tuple[str, ...]:
    """Split a block into sentences; joined they give the block back exactly. Each sentence ends
    where SENTENCE_BREAK's next match ends (SENTENCE finds the same ends in one findall)."""
    return tuple(SENTENCE.findall(text))


def block_kind(text: str, indent: str, body_indent: str | None, settings: Settings) -> str:
    """heading, caption, quote, list_item or paragraph, from the line's shape."""
    short = len(text) <= settings.max_heading_chars
    if len(text) <= 120 and markers.pattern("caption").search(text):
        return "caption"
    if len(text) <= 200 and LIST_ITEM.match(text):
        return "list_item"
    if short and not features.SENTENCE_END.search(text[-1:]) and not features.is_prose(text, 10):
        return "heading"
    if (body_indent and not indent and len(text) <= 60 and text.endswith(("。", "."))
            and text.count("。") <= 1):
        return "caption"  # an unindented one-sentence line among indented paragraphs
    if text[0] in QUOTE_OPEN and text[-1] in QUOTE_CLOSE and sum(text.count(c) for c in QUOTE_OPEN[:3]) == 1:
        return "quote"
    return "paragraph"
