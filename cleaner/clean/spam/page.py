"""The document as the spam rules see it (kept blocks joined by newlines), and how its spans
become removals; small judgments of a fragment's place shared by the spam rules."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from cleaner.clean.rules import markers
from cleaner.clean.rules.base import Block, Removal, SpanContext, span_removal
from cleaner.clean.spam.hant import word_view

CATEGORY = "spam"


@dataclass(frozen=True)
class Body:
    text: str  # the blocks' texts joined with "\n"
    starts: tuple[int, ...]  # where each block starts in `text`
    blocks: tuple[Block, ...]
    words: str  # `text` as the word model reads it (spam.hant.word_view): same length, same offsets

    def to_abs(self, pos: int) -> int:
        i = bisect.bisect_right(self.starts, pos) - 1
        return self.blocks[i].start + (pos - self.starts[i])


def body_of(blocks: tuple[Block, ...]) -> Body:
    """The kept blocks as one text, joined by newlines, with where each starts in it."""
    starts, pos = [], 0
    for b in blocks:
        starts.append(pos)
        pos += len(b.text) + 1
    text = "\n".join(b.text for b in blocks)
    return Body(text, tuple(starts), blocks, word_view(text))


def document_body(ctx: SpanContext) -> Body:
    """The document's Body, made by the first spam rule that asks and kept in the span context
    for the others."""
    body = ctx.shared.get("spam.body")
    if body is None:
        body = ctx.shared["spam.body"] = body_of(ctx.blocks)
    return body


def removals(ctx: SpanContext, body: Body, spans, func) -> list[Removal]:
    """Merge overlapping body spans and turn them into removals with absolute offsets."""
    out: list[Removal] = []
    last_s = last_e = -1
    for s, e in sorted(spans):
        if s < last_e:
            last_e = max(last_e, e)
            continue
        if last_e > last_s >= 0:
            out.append(span_removal(ctx.text, body.to_abs(last_s), body.to_abs(last_e - 1) + 1, CATEGORY, func))
        last_s, last_e = s, e
    if last_e > last_s >= 0:
        out.append(span_removal(ctx.text, body.to_abs(last_s), body.to_abs(last_e - 1) + 1, CATEGORY, func))
    return out


def overlaps(s: int, e: int, spans) -> bool:
    return any(s < b and a < e for a, b in spans)


# the hundred commonest surnames (data/markers/common_surnames.txt)
SURNAMES = frozenset("".join(markers.entries("common_surnames")))

QUOTES = {"“": "”", "‘": "’", "「": "」", "『": "』", "《": "》", "【": "】", "〈": "〉", '"': '"', "(": ")", "（": "）"}
OPENING = re.compile("[" + re.escape("".join(QUOTES)) + "]")


def quoted(text: str, s: int, e: int) -> bool:
    """Whether the fragment fills a pair of quotation marks or brackets: a named term
    (“产业十条”), never a piece dropped between words."""
    return s > 0 and e < len(text) and QUOTES.get(text[s - 1]) == text[e]


def name_like(frag: str) -> bool:
    """Whether a short fragment starts with a common surname: it reads as a person's name."""
    return len(frag) <= 3 and frag[0] in SURNAMES
