"""Label every block: block rules first (what a line says), then the context pass (where it stands)."""

from __future__ import annotations

import functools

from .document import Block, Label
from .rules import layout, metadata_lines, navigation, spam_lines
from .rules.marker_lines import RULES as MARKER_RULES
from .rules.base import BlockContext, rule_id
from .settings import Settings

# First match wins; metadata before furniture so that a source/date line is read, not dropped.
BLOCK_RULES = (
    metadata_lines.summary,
    metadata_lines.field_line,
    metadata_lines.date_line,
    metadata_lines.byline,
    MARKER_RULES["related.prev_next"],
    MARKER_RULES["related.list_heading"],
    MARKER_RULES["widgets.share_widget"],
    MARKER_RULES["widgets.comment_widget"],
    MARKER_RULES["widgets.tag_line"],
    MARKER_RULES["footer.disclaimer"],
    MARKER_RULES["footer.copyright_line"],
    navigation.breadcrumb,
    navigation.link_bar,
)


BODY = Label("body", rule_id(layout.body_span))  # every body line's label (labels are immutable: one will do)
LINE_CACHE = 16_384  # lines whose block-rule label is remembered, per settings (a site's furniture recurs)
CACHED_LINE_CHARS = 200  # ... lines up to this long: longer ones are prose, seldom seen twice


def label_block(block: Block, ctx: BlockContext) -> Label | None:
    """The first block rule's label for the block, or None. Block rules read the line's text and
    the settings only, so the answer is remembered per line text (`_line_labeller`)."""
    for rule in BLOCK_RULES:
        label = rule(block, ctx)
        if label is not None:
            return label
    return None


@functools.lru_cache(maxsize=4)
def _line_labeller(settings: Settings):
    """label_block for a line's text under these settings, with a bounded memory of recent lines:
    navigation bars, footers and share lines come back on every page of a site."""
    ctx = BlockContext(settings)

    @functools.lru_cache(maxsize=LINE_CACHE)
    def label_line(text: str) -> Label | None:
        return label_block(Block(0, 0, len(text), text), ctx)

    return label_line


def label_blocks(blocks: list[Block], settings: Settings) -> list[Label]:
    """A label for every block; kind paragraph/heading for the body, title, or what was removed."""
    label_line, ctx = _line_labeller(settings), BlockContext(settings)
    labels: list[Label | None] = [label_line(b.text) if len(b.text) <= CACHED_LINE_CHARS else label_block(b, ctx)
                                  for b in blocks]
    span = layout.body_span(blocks, labels, settings)
    if span is None:
        return [lab or layout.outside_body() for lab in labels]
    first, last = span

    page = "\n".join(b.text for b in blocks)

    head = list(range(0, first))
    title = layout.title_line(head, blocks, labels, settings)
    if title is not None:
        labels[title] = layout.title_label()
    for i in head:
        if labels[i] is None:
            labels[i] = (layout.bare_name(blocks[i]) or spam_lines.stray_line(blocks[i], page)
                         or layout.outlet_link(blocks[i]) or layout.outside_body())

    for i in range(first, last + 1):
        if labels[i] is None:
            labels[i] = spam_lines.stray_line(blocks[i], page) or BODY

    tail = [i for i in range(last + 1, len(blocks)) if labels[i] is None]
    body = "\n".join(b.text for b in blocks[first:last + 1])
    listed = {i for run in layout.headline_run(tail, blocks, settings) for i in run}
    offtopic = spam_lines.offtopic_headlines([blocks[i].text for i in tail], body)
    for i in tail:
        if offtopic and (i in listed or layout.is_headline_like(blocks[i].text, settings)):
            labels[i] = spam_lines.offtopic_label()
        elif i in listed:
            labels[i] = layout.headline_run_label()
    for i in tail:
        if labels[i] is None:
            labels[i] = layout.outlet_link(blocks[i]) or layout.outside_body()
    return labels  # type: ignore[return-value]
