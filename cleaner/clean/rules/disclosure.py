"""Government information-disclosure tables (索引号, 发文字号, 发布机构, 成文日期…): field names
and their values. They leave the text as metadata; metadata.py reads the values into columns
(never into the title or the outlet), and a lone field name is furniture, not spam."""

from __future__ import annotations

import re
from functools import cache

from cleaner.clean.rules import markers
from cleaner.clean.rules.base import Block, BlockContext, Label, rule, rule_id

BULLET = r"[\s•·●▪■◆]*"
MAX_VALUE_CHARS = 80  # a value is a number, a date or a body's name: never a paragraph


@cache
def columns() -> dict[str, str]:
    """Field name -> the column its value goes to."""
    out = {}
    for entry in markers.entries("disclosure_fields"):
        column, names = entry.split(":", 1)
        out.update({name: column.strip() for name in names.split()})
    return out


GENERIC = {"published_at", "source_name", "overview"}  # names other pages use too (来源, 发布日期)


@cache
def name_pattern(specific: bool = False) -> str:
    names = [n for n, col in columns().items() if not (specific and col in GENERIC)]
    return "|".join(sorted(map(re.escape, names), key=len, reverse=True))


@cache
def lone_name() -> re.Pattern:
    """A name only a disclosure table uses, alone on its line; or any of its names after a bullet."""
    return re.compile(rf"{BULLET}(?P<name>{name_pattern(True)})\s*[:：]?\s*"
                      rf"|[\s]*[•·●▪■◆]\s*(?P<any>{name_pattern()})\s*[:：]\s*")


@cache
def inline_field() -> re.Pattern:
    """A field name, a colon, then its value up to the next field name or the line's end."""
    names = name_pattern()
    return re.compile(rf"(?P<name>{names})\s*[:：]\s*(?P<value>(?:(?!\s*(?:{names})\s*[:：]).)*)")


@rule("disclosure.field_name", kind="block", category="metadata")
def field_name(block: Block, ctx: BlockContext) -> Label | None:
    """A disclosure-table field name alone on its line (• 索引号:), its value on the next."""
    m = lone_name().fullmatch(block.text)
    if m:
        name = next(n for n in m.groups() if n) if m.lastindex else re.sub(r"[\s•·●▪■◆:：]", "", block.text)
        return Label("metadata", rule_id(field_name), f"disclosure_name:{columns().get(name, '')}")
    return None


@rule("disclosure.field_row", kind="block", category="metadata")
def field_row(block: Block, ctx: BlockContext) -> Label | None:
    """Disclosure-table fields with their values on one line (索引号：… 发文字号：…)."""
    text = block.text
    if len(text) > 200 or "。" in text:
        return None
    found = list(inline_field().finditer(text))
    if (found and re.match(BULLET, text).end() == found[0].start()
            and any(columns()[m["name"]] not in GENERIC for m in found)):
        return Label("metadata", rule_id(field_row), "disclosure_row")
    return None


def is_value(text: str) -> bool:
    return len(text) <= MAX_VALUE_CHARS and "。" not in text and not lone_name().fullmatch(text)


@rule("disclosure.field_value", kind="context", category="metadata")
def field_value(column: str) -> Label:
    """The line after a lone field name: that field's value (a code, a date, an issuing body)."""
    return Label("metadata", rule_id(field_value), f"disclosure_value:{column}")


def pair_values(blocks: list[Block], labels: list[Label | None]) -> None:
    """Label the line after each lone field name as its value (in place)."""
    for i in range(len(blocks) - 1):
        label, nxt = labels[i], labels[i + 1]
        if label is None or not label.detail.startswith("disclosure_name:"):
            continue
        if (nxt is None or (nxt.kind == "metadata" and nxt.detail == "date")) and is_value(blocks[i + 1].text):
            labels[i + 1] = field_value(label.detail.split(":", 1)[1])


def read_row(text: str) -> list[tuple[str, str]]:
    """(column, value) of every field on a disclosure row."""
    return [(columns()[m["name"]], m["value"].strip()) for m in inline_field().finditer(text) if m["value"].strip()]
