"""Lines that carry metadata: source/date/editor fields, bylines, summaries.

They leave the text as removals of category `metadata`; cleaner/clean/metadata.py reads
their values into columns."""

from __future__ import annotations

import re
from functools import cache

from cleaner.clean.han import HAN
from cleaner.clean.rules import features, markers
from cleaner.clean.rules.base import Block, BlockContext, Label, Removal, SpanContext, rule, rule_id, span_removal


@cache
def field_pattern() -> re.Pattern:
    """A field name at the start of a line or after a separator, followed by a colon."""
    keys = "|".join(sorted(map(re.escape, markers.literals("metadata_fields")), key=len, reverse=True))
    return re.compile(rf"(?:^|[\s【\[|｜(（/])(?:{keys})\s*(?:[:：]|(?=(?:19|20)\d\d\s*[-/.年]))")


@cache
def byline_pattern() -> re.Pattern:
    """A byline: an optional outlet, a reporter role, then names."""
    roles = "|".join(e[3:] if e.startswith("re:") else re.escape(e) for e in markers.entries("byline_roles"))
    return re.compile(
        rf"^[(（【\[]?\s*(?P<outlet>[^\s:：]{{0,16}}?)(?P<role>{roles})(?P<sep>\s*[:：/丨|｜]\s*|\s+)?(?P<names>\S.*)$"
    )


@rule("metadata_lines.field_line", kind="block", category="metadata")
def field_line(block: Block, ctx: BlockContext) -> Label | None:
    """Source, date, author and editor fields (来源: ... 时间: ... 编辑: ...)."""
    text = block.text
    if len(text) > 160 or "。" in text:
        return None
    if field_pattern().search(text):
        return Label("metadata", rule_id(field_line), "fields")
    return None


DATE_FIRST = re.compile(r"^[\[【(（]?(?:(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}"
                        r"|\d{1,2}\.\d{1,2}\.(?:19|20)\d{2}(?!\d))")
OUTLET_DATE = re.compile(rf"^[{HAN}]{{1,11}}[报報网網台社刊]\s+(?:19|20)\d{{2}}\s*[-/.年]\s*\d{{1,2}}\s*[-/.月]\s*\d{{1,2}}日?"
                         r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?:\s+\S{1,4}){0,3}$")


@rule("metadata_lines.date_line", kind="block", category="metadata")
def date_line(block: Block, ctx: BlockContext) -> Label | None:
    """A short line that opens with a date, or names an outlet then a date (某某日报 2024-05-06 09:30).

    An outlet's name ends in 报, 网, 台, 社 or 刊: a headline then a date is a teaser."""
    text = block.text
    if len(text) <= 60 and "。" not in text and "，" not in text and (DATE_FIRST.match(text) or OUTLET_DATE.match(text)):
        return Label("metadata", rule_id(date_line), "date")
    return None


FIRST_NAME = re.compile(r"[^\s、,，;；/／丨|｜:：]+")
MAX_NAME_CHARS = 6  # a headline that says 记者 (全省百名记者走进茶乡) runs on past any name


def names_first(names: str) -> bool:
    """What follows a byline's role opens with a name, not with the rest of a sentence."""
    m = FIRST_NAME.match(names)
    return bool(m) and (len(m[0]) <= MAX_NAME_CHARS or m[0].isascii())


@rule("metadata_lines.byline", kind="block", category="metadata")
def byline(block: Block, ctx: BlockContext) -> Label | None:
    """A reporter byline on a line of its own (本报记者 X 通讯员 Y, 文/X)."""
    text = block.text
    if len(text) > 60 or features.SENTENCE_END.search(text) or "，" in text:
        return None
    m = byline_pattern().match(text)
    if m and (m.group("sep") or m.group("outlet") or m.group("role").endswith("/")) and names_first(m["names"]):
        return Label("metadata", rule_id(byline), "byline")
    return None


@rule("metadata_lines.summary", kind="block", category="metadata")
def summary(block: Block, ctx: BlockContext) -> Label | None:
    """A summary or lead-in marked 摘要/导语; its text becomes the summary column."""
    if markers.pattern("summary").match(block.text):
        return Label("metadata", rule_id(summary), "summary")
    return None


OPENING_BYLINE = re.compile(
    r"^[^\s，。,]{1,24}?(?:讯|电|訊|電)\s*[(（][^()（）]{0,16}?(?:记者|通讯员|特约|撰稿|記者|通訊員)[^()（）]{0,40}[)）]\s*"
    r"|^【[^【】]{0,24}?(?:记者|記者|通讯员|通訊員)[^【】]{1,40}】\s*"
    r"|^[(（][^()（）\s]{2,12}(?:讯|訊)[)）]\s*"
    r"|^[^\s，。,(（]{2,16}?\d{1,2}月\d{1,2}日(?:讯|訊|电|電)[?？]?(?:\s+|\s*[:：]\s*)"
    r"|^[^\s，。,(（]{2,16}?(?:记者|記者)[^\s，。,]{0,6}(?:报道|報導|报导)\s*[:：]\s*"
)


@rule("metadata_lines.opening_byline", kind="span", category="metadata")
def opening_byline(ctx: SpanContext) -> list[Removal]:
    """A dateline or byline opening the first paragraph (本报讯（记者 X）, 某社北京1日电（记者 Y）).

    Also 【某报／记者 X／某地报导】, (本报讯), 某某网3月2日讯 , 某某网记者特别报导:."""
    if not ctx.blocks:
        return []
    first = ctx.blocks[0]
    m = OPENING_BYLINE.match(first.text)
    if not m or m.end() >= len(first.text):
        return []
    return [span_removal(ctx.text, first.start, first.start + m.end(), "metadata", opening_byline)]


CLOSING_BYLINE = re.compile(
    r"[(（]\s*(?:[^()（）]{0,12}?(?:记者|通讯员|作者|编辑|撰稿|文/|摄)[^()（）]{0,40}|完|END)\s*[)）]\s*$"
)


@rule("metadata_lines.closing_byline", kind="span", category="metadata")
def closing_byline(ctx: SpanContext) -> list[Removal]:
    """A byline in brackets closing the last paragraph: (记者 X Y 通讯员 Z)."""
    if not ctx.blocks:
        return []
    last = ctx.blocks[-1]
    m = CLOSING_BYLINE.search(last.text)
    if not m or m.start() == 0:
        return []
    return [span_removal(ctx.text, last.start + m.start(), last.end, "metadata", closing_byline)]
