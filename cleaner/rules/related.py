"""Links to other articles: previous/next links and the headings of related lists."""

from __future__ import annotations

from . import markers
from .base import Block, BlockContext, Label, rule, rule_id


@rule("related.prev_next", kind="block", category="boilerplate")
def prev_next(block: Block, ctx: BlockContext) -> Label | None:
    """上一篇 / 下一篇 links to neighbouring articles."""
    if len(block.text) <= 100 and markers.pattern("prev_next").search(block.text):
        return Label("boilerplate", rule_id(prev_next), "related")
    return None


@rule("related.list_heading", kind="block", category="boilerplate")
def list_heading(block: Block, ctx: BlockContext) -> Label | None:
    """The heading of a related-articles box (相关阅读, 热门推荐, 友情链接 ...)."""
    if len(block.text) <= 14 and markers.pattern("related").search(block.text):
        return Label("boilerplate", rule_id(list_heading), "related")
    return None
