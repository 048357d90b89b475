"""Site footers: copyright and licence lines, reprint disclaimers."""

from __future__ import annotations

from . import markers
from .base import Block, BlockContext, Label, rule, rule_id


@rule("footer.copyright_line", kind="block", category="boilerplate")
def copyright_line(block: Block, ctx: BlockContext) -> Label | None:
    """Copyright, ICP licence, site-map and host-organisation lines."""
    if len(block.text) <= 200 and markers.pattern("footer").search(block.text):
        return Label("boilerplate", rule_id(copyright_line), "footer")
    return None


@rule("footer.disclaimer", kind="block", category="boilerplate")
def disclaimer(block: Block, ctx: BlockContext) -> Label | None:
    """Statements about views, reprint rights and takedown requests."""
    if len(block.text) <= 200 and markers.pattern("disclaimer").search(block.text):
        return Label("boilerplate", rule_id(disclaimer), "disclaimer")
    return None
