"""Page widgets: share/print/font-size controls, comment boxes, tag lines."""

from __future__ import annotations

from . import markers
from .base import Block, BlockContext, Label, rule, rule_id


@rule("widgets.share_widget", kind="block", category="boilerplate")
def share_widget(block: Block, ctx: BlockContext) -> Label | None:
    """Share, print, font-size, back-to-top and logo controls on a short line."""
    if len(block.text) <= 40 and markers.pattern("share").search(block.text):
        return Label("boilerplate", rule_id(share_widget), "widget")
    return None


@rule("widgets.comment_widget", kind="block", category="boilerplate")
def comment_widget(block: Block, ctx: BlockContext) -> Label | None:
    """Comment boxes: 发表评论, N条评论, 抢沙发 and the like, on a short line."""
    text = block.text
    if len(text) <= 40 and "。" not in text and markers.pattern("comments").search(text):
        return Label("boilerplate", rule_id(comment_widget), "comments")
    return None


@rule("widgets.tag_line", kind="block", category="boilerplate")
def tag_line(block: Block, ctx: BlockContext) -> Label | None:
    """Keyword and tag lines (关键词: ...)."""
    if len(block.text) <= 80 and markers.pattern("keywords").search(block.text):
        return Label("boilerplate", rule_id(tag_line), "tags")
    return None
