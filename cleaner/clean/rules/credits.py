"""Bracketed credits that name the writer without a role: (王小明) closing the last paragraph,
(某院供稿 王小明 文/图), (某公司:王小明/图文) on a line of their own, (王小明) opening the first
paragraph. They leave the text as metadata; the names become authors."""

from __future__ import annotations

import re
from functools import cache

from cleaner.clean.han import HAN
from cleaner.clean.rules import markers
from cleaner.clean.rules.base import Block, BlockContext, Label, Removal, SpanContext, rule, rule_id, span_removal

WORK = r"(?:[/／]?\s*(?:文[/／]图|文[/／]圖|图文|圖文|文|图|圖|摄|攝))"
GIVER = r"[^()（）\s:：]{2,16}?(?:供稿|供图|供圖|提供)\s*|[^()（）\s:：]{2,16}[:：]\s*"


def _words(kind: str) -> str:
    return "|".join(sorted((w for line in markers.entries(kind) for w in line.split()), key=len, reverse=True))


@cache
def person() -> str:
    """A personal name: a common family name and one or two characters, not a place or body."""
    return rf"(?:{_words('surnames')})[{HAN}]{{1,2}}(?<!{')(?<!'.join(_org_endings())})"


@cache
def _org_endings() -> tuple[str, ...]:
    return tuple(w for line in markers.entries("org_suffixes") for w in line.split())


@cache
def credit() -> re.Pattern:
    names = rf"{person()}(?:[\s、，,]+{person()})*"
    return re.compile(rf"[(（]\s*(?:{GIVER})?(?P<names>{names})\s*{WORK}?\s*[)）]")


@cache
def name_outlet() -> re.Pattern:
    """Names, a slash, then the outlet they write for: 王小明/某某日报."""
    return re.compile(rf"(?P<names>{person()}(?:[\s、，,]+{person()})*)\s*[/／]\s*(?P<outlet>[^\s/／]{{2,16}})")


def credit_names(text: str) -> list[str]:
    """The names of a credit, in order ([] when the text holds none)."""
    m = credit().search(text) or name_outlet().fullmatch(text.strip())
    if not m:
        return []
    return re.findall(person(), m["names"])


def credit_outlet(text: str) -> str | None:
    """The outlet of a names/outlet byline (王小明/某某日报), else None."""
    m = name_outlet().fullmatch(text.strip())
    return m["outlet"] if m and is_org(m["outlet"]) else None


def is_org(word: str) -> bool:
    """The word ends like an organisation or place name (某某网, 某某区, 新闻中心)."""
    return word.endswith(_org_endings())


@rule("credits.credit_line", kind="block", category="metadata")
def credit_line(block: Block, ctx: BlockContext) -> Label | None:
    """A line holding only a credit: (王小明), (某公司:王小明/图文), 王小明/某某日报."""
    text = block.text.strip()
    if credit().fullmatch(text) or credit_outlet(text):
        return Label("metadata", rule_id(credit_line), "byline")
    return None


@rule("credits.closing_credit", kind="span", category="metadata")
def closing_credit(ctx: SpanContext) -> list[Removal]:
    """A bracketed credit closing the last paragraph: …。(王小明)."""
    if not ctx.blocks:
        return []
    last = ctx.blocks[-1]
    m = re.search(rf"(?<=[。！？!?”」])\s*{credit().pattern}\s*$", last.text)
    if not m:
        return []
    return [span_removal(ctx.text, last.start + m.start(), last.end, "metadata", closing_credit)]


@rule("credits.opening_credit", kind="span", category="metadata")
def opening_credit(ctx: SpanContext) -> list[Removal]:
    """A bracketed name opening the first paragraph: (王小明)某镇近日…."""
    if not ctx.blocks:
        return []
    first = ctx.blocks[0]
    m = re.match(rf"\s*[(（](?P<names>{person()}(?:[\s、，,]+{person()})*)[)）]\s*", first.text)
    if not m or m.end() >= len(first.text):
        return []
    return [span_removal(ctx.text, first.start, first.start + m.end(), "metadata", opening_credit)]
