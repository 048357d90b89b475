"""Labels for an HTML source: the main container decides what may be body, the markup rules
name the furniture inside it, and the text rules still read every line (dates, bylines, spam).

Where the reader found no main container, the markup rules only add their labels to the text
path's block labels, and the text path's context pass decides the rest."""

from __future__ import annotations

from dataclasses import dataclass

from cleaner.clean.rules import layout, spam_lines
from cleaner.clean.rules import markup as rules
from cleaner.clean.rules.base import rule_id
from cleaner.document import Block, Label, LineFacts, Markup
from cleaner.settings import Settings

BODY = Label("body", rule_id(layout.body_span))
HEADER_LINES = 8  # without a title line, metadata may stand this many lines above the main text
TAIL_LINES = 3  # ... and this many below it (责任编辑, 来源 after the article)
TITLE_ABOVE = 15  # the headline stands at most this many lines above the main container


@dataclass(frozen=True)
class Container:
    """Where the main container and the headline stand, and what is known inside the container."""
    first: int  # the container's first and last line
    last: int
    title: int | None  # the headline's line
    header_start: int  # metadata lines from here up to the container are kept as metadata
    prose: tuple[int, int]  # the first and last whole sentence the rules left unlabelled inside it
    inner: list[Label | None]  # the block and markup rules' labels inside the container
    page: str


def with_container(blocks: list[Block], labels: list[Label | None], markup: Markup,
                   settings: Settings) -> list[Label]:
    """Body only inside the main container; metadata lines kept between the title and it."""
    where = locate(blocks, labels, markup, settings)
    return [line_label(i, block, label, markup.lines[i], where)
            for i, (block, label) in enumerate(zip(blocks, labels))]


def locate(blocks: list[Block], labels: list[Label | None], markup: Markup, settings: Settings) -> Container:
    """The container, its headline, and the labels and prose found inside it."""
    first, last = markup.main  # type: ignore[misc]
    title = container_title(blocks, labels, markup, first, settings)
    header_start = title + 1 if title is not None and title < first else max(0, first - HEADER_LINES)
    inner = [label or rules.markup_label(block, markup.lines[first + k])
             for k, (block, label) in enumerate(zip(blocks[first:last + 1], labels[first:last + 1]))]
    prose = [first + k for k, (block, label) in enumerate(zip(blocks[first:last + 1], inner))
             if label is None and rules.is_sentence(block.text)]
    return Container(first, last, title, header_start, (prose[0], prose[-1]) if prose else (first, last), inner,
                     "\n".join(b.text for b in blocks))


def container_title(blocks: list[Block], labels: list[Label | None], markup: Markup, first: int,
                    settings: Settings) -> int | None:
    """The headline's line: the markup's title when it stands near the container and the page
    vouches for it, otherwise the text path's headline above the container."""
    title = rules.title_block(blocks, markup, settings.max_title_chars)
    if title is None or title < first - TITLE_ABOVE or not rules.vouched_title(markup, title):
        title = text_title(blocks, labels, markup, first, settings) or title
    return title


def line_label(i: int, block: Block, label: Label | None, facts: LineFacts, where: Container) -> Label:
    """One line's label by where it stands: the headline, above it inside the container, inside
    the container, metadata kept near it, or outside it."""
    if i == where.title:
        return rules.title_label()
    if where.title is not None and where.first <= i < where.title:
        return rules.above_title()
    if where.first <= i <= where.last:
        return inner_label(i, block, where)
    if label is not None and label.kind == "metadata" and (
            where.header_start <= i < where.first or where.last < i <= where.last + TAIL_LINES):
        return label
    return rules.outside_main(block, facts) or label or BODY


def inner_label(i: int, block: Block, where: Container) -> Label:
    """A line inside the container: the rules' label, an edge line outside the prose, a stray
    line, or body."""
    lo, hi = where.prose
    return (where.inner[i - where.first] or (rules.main_edge(block) if not lo <= i <= hi else None)
            or stray(block, where.page) or BODY)


def text_title(blocks: list[Block], labels: list[Label | None], markup: Markup, first: int,
               settings: Settings) -> int | None:
    """The text path's headline (layout.title_line) among the lines just above the container,
    when no line near it repeats the head's title (a <title> that holds only the site's name)."""
    head = list(range(max(0, first - TITLE_ABOVE), min(first + 3, len(blocks))))
    known: list[Label | None] = [label or rules.markup_label(block, facts)
                                 for block, label, facts in zip(blocks, labels, markup.lines)]
    return layout.title_line(head, blocks, known, settings)


def stray(block: Block, page: str) -> Label | None:
    """spam_lines.stray_line, for lines that are not whole sentences: inside the container the
    markup already vouches for a short sentence that shares no word with the rest (县领导出席。)."""
    return None if rules.is_sentence(block.text) else spam_lines.stray_line(block, page)


def without_container(blocks: list[Block], labels: list[Label | None], markup: Markup) -> list[Label | None]:
    """The text path's block labels, with the markup rules' labels where those found nothing."""
    return [label or rules.markup_label(block, facts) for block, label, facts in zip(blocks, labels, markup.lines)]
