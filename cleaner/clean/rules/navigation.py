"""Navigation: menu bars, region lists, breadcrumbs."""

from __future__ import annotations

import re

from cleaner.clean.rules import features
from cleaner.clean.rules.base import Block, BlockContext, Label, rule, rule_id

BREADCRUMB_START = re.compile(r"^(当前位置|您的位置|你的位置|您现在的位置|你现在的位置|所在位置|当前栏目)\s*[:：]?")
ARROWS = re.compile(r"\s*(?:>>?|»|›|＞|→)\s*")
NUMERIC = re.compile(r"\d|%")
SECTION = re.compile(r"首页|主页|频道|栏目|中心|新闻|资讯|专题")
SLASH = re.compile(r"\s+/\s+|/")


@rule("navigation.link_bar", kind="block", category="boilerplate")
def link_bar(block: Block, ctx: BlockContext) -> Label | None:
    """A menu or region list: many short items separated by spaces, bars or dots."""
    if len(block.text) <= 400 and features.is_link_list(block.text):
        return Label("boilerplate", rule_id(link_bar), "navigation")
    return None


@rule("navigation.breadcrumb", kind="block", category="boilerplate")
def breadcrumb(block: Block, ctx: BlockContext) -> Label | None:
    """A breadcrumb trail: 当前位置, or short items joined by > » (or / after 首页)."""
    text = block.text
    if len(text) > 80 or features.SENTENCE_END.search(text):
        return None
    if BREADCRUMB_START.match(text):
        return Label("boilerplate", rule_id(breadcrumb), "breadcrumb")
    splitter = ARROWS if ARROWS.search(text) else SLASH if "首页" in text.split("/")[0] else None
    if splitter is None:
        return None
    parts = [p for p in splitter.split(text) if p.strip()]
    if not all(len(p) <= 12 and not NUMERIC.search(p) for p in parts):
        return None
    if len(parts) >= 3 or (len(parts) == 2 and SECTION.search(parts[0])):
        return Label("boilerplate", rule_id(breadcrumb), "breadcrumb")
    return None
