"""Labels for an HTML source: the main container decides what may be body, the markup rules
name the furniture inside it, and the text rules still read every line (dates, bylines, spam).

Where the reader found no main container, the markup rules only add their labels to the text
path's block labels, and the text path's context pass decides the rest."""

from __future__ import annotations

from cleaner.clean.rules import layout, spam_lines
from cleaner.clean.rules import markup as rules
from cleaner.clean.rules.base import rule_id
from cleaner.document import Block, Label, Markup
from cleaner.settings import Settings

BODY = Label("body", rule_id(layout.body_span))
HEADER_LINES = 8  # without a title line, metadata may stand this many lines above the main text
TAIL_LINES = 3
TITLE_ABOVE = 15  # the headline stands at most this many lines above the main container  # ... and this many below it (责任编辑, 来源 after the article)


def with_container(blocks: list[Block], labels: list[Label | None], markup: Markup,
                   settings: Settings) -> list[Label]:
    """Body only inside the main container; metadata lines kept between the title and it."""
    first, last = markup.main  # type: ignore[misc]
    title = rules.title_block(blocks, markup, settings.max_title_chars)
    if title is None or title < first - TITLE_ABOVE or not rules.vouched_title(markup, title):
        title = text_title(blocks, labels, markup, first, settings) or title
    header_start = title + 1 if title is not None and title < first else max(0, first - HEADER_LINES)
    page = "\n".join(b.text for b in blocks)
    inner = [label or rules.markup_label(block, markup.lines[first + k])
             for k, (block, label) in enumerate(zip(blocks[first:last + 1], labels[first:last + 1]))]
    prose = [first + k for k, (block, label) in enumerate(zip(blocks[first:last + 1], inner))
             if label is None and rules.is_sentence(block.text)]
    lo, hi = (prose[0], prose[-1]) if prose else (first, last)
    out: list[Label] = []
    for i, (block, label) in enumerate(zip(blocks, labels)):
        facts = markup.lines[i]
        if i == title:
            out.append(rules.title_label())
        elif title is not None and first <= i < title:
            out.append(rules.above_title())
        elif first <= i <= last:
            out.append(inner[i - first] or (rules.main_edge(block) if not lo <= i <= hi else None)
                       or stray(block, page) or BODY)
        elif label is not None and label.kind == "metadata" and (
                header_start <= i < first or last < i <= last + TAIL_LINES):
            out.append(label)
        else:
            out.append(rules.outside_main(block, facts) or label or BODY)
    return out


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
