"""Label every block: block rules first (what a line says), then the context pass (where it stands)."""

from __future__ import annotations

import functools

from cleaner.clean import markup_labels as markup_labels
from cleaner.clean.rules import credits, disclosure, images, layout, metadata_lines, navigation, spam_lines
from cleaner.clean.rules.base import BlockContext, rule_id
from cleaner.clean.rules.marker_lines import RULES as MARKER_RULES
from cleaner.document import Block, Label, Markup
from cleaner.settings import Settings

# First match wins; metadata before furniture so that a source/date line is read, not dropped.
BLOCK_RULES = (
    images.image_file,
    images.photo_credit,
    metadata_lines.summary,
    disclosure.field_name,
    disclosure.field_row,
    metadata_lines.field_line,
    metadata_lines.date_line,
    metadata_lines.byline,
    credits.credit_line,
    MARKER_RULES["related.prev_next"],
    MARKER_RULES["related.list_heading"],
    MARKER_RULES["widgets.share_widget"],
    MARKER_RULES["widgets.comment_widget"],
    MARKER_RULES["widgets.tag_line"],
    MARKER_RULES["widgets.account_promo"],
    MARKER_RULES["widgets.app_promo"],
    MARKER_RULES["widgets.video_player"],
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


def label_blocks(blocks: list[Block], settings: Settings, markup: Markup | None = None) -> list[Label]:
    """A label for every block; kind paragraph/heading for the body, title, or what was removed.
    For an HTML source (`markup`), what the markup says comes in: see markup/labels.py."""
    label_line, ctx = _line_labeller(settings), BlockContext(settings)
    labels: list[Label | None] = [label_line(b.text) if len(b.text) <= CACHED_LINE_CHARS else label_block(b, ctx)
                                  for b in blocks]
    disclosure.pair_values(blocks, labels)
    if markup is not None and len(markup.lines) == len(blocks):
        if markup.main is not None:
            return markup_labels.with_container(blocks, labels, markup, settings)
        labels = markup_labels.without_container(blocks, labels, markup)
    return context_labels(blocks, labels, settings)


def context_labels(blocks: list[Block], labels: list[Label | None], settings: Settings) -> list[Label]:
    """The text path's context pass: the body span, the title above it, what stands around it."""
    span = layout.body_span(blocks, labels, settings)
    if span is None:
        return [lab or layout.outside_body() for lab in labels]
    first, last = body_bounds(span, blocks, labels, settings)
    page = "\n".join(b.text for b in blocks)
    label_head(first, blocks, labels, settings, page)
    for i in range(first, last + 1):
        if labels[i] is None:
            labels[i] = spam_lines.stray_line(blocks[i], page) or BODY
    label_tail(first, last, blocks, labels, settings)
    return labels  # type: ignore[return-value]


def body_bounds(span: tuple[int, int], blocks: list[Block], labels: list[Label | None],
                settings: Settings) -> tuple[int, int]:
    """The body span grown over the lines that belong to it, and cut where a next article
    begins (the lines from there on are labelled as that next article)."""
    first, last = span
    first = layout.extend_top(first, blocks, labels, settings)
    last = layout.extend_bottom(last, blocks, labels)
    end = layout.next_article(first, last, blocks, settings)
    for i in range(end + 1, last + 1):
        labels[i] = labels[i] or layout.next_article_label()
    return first, end


def label_head(first: int, blocks: list[Block], labels: list[Label | None], settings: Settings, page: str) -> None:
    """The lines above the body: the title, then bylines, fields, stray lines and furniture."""
    head = list(range(0, first))
    title = layout.title_line(head, blocks, labels, settings)
    if title is not None:
        labels[title] = layout.title_label()
    for i in head:
        if labels[i] is None:
            labels[i] = head_line_label(i, title, blocks[i], page)


def head_line_label(i: int, title: int | None, block: Block, page: str) -> Label:
    """An unlabelled line above the body. A line of names is a byline only just below the
    headline; elsewhere, a channel or a menu."""
    near = title is not None and 0 < i - title <= layout.BYLINE_REACH
    byline = layout.bare_name(block) if near else None
    return (byline or layout.field_label(block) or spam_lines.stray_line(block, page)
            or layout.outlet_link(block) or layout.outside_body())


def label_tail(first: int, last: int, blocks: list[Block], labels: list[Label | None], settings: Settings) -> None:
    """The unlabelled lines below the body: off-topic headlines, runs of headlines, outlet links,
    and the rest as outside the body."""
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
