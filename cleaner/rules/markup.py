"""Markup residue inside kept lines: tags (<br/>, </p>) and entities (&nbsp;, &amp;) a scraper
left in the text. html.parser finds them; each is taken out as a recorded repair."""

from __future__ import annotations

import html
from functools import cache
from html.parser import HTMLParser

from . import markers
from .base import Removal, SpanContext, span_removal

CATEGORY = "repair"


@cache
def tag_names() -> frozenset[str]:
    return frozenset(w for line in markers.entries("html_tags") for w in line.split())


class _Residue(HTMLParser):
    """(start, end, keep) of every tag and entity in one line; keep is what the entity stands for
    when only its tail may go (&amp; -> the `&` stays)."""

    def __init__(self, line: str) -> None:
        super().__init__(convert_charrefs=False)
        self.line, self.found = line, []

    def _col(self) -> int:
        return self.getpos()[1]

    def handle_starttag(self, tag, attrs) -> None:
        if tag in tag_names():
            col = self._col()
            self.found.append((col, col + len(self.get_starttag_text() or ""), ""))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag) -> None:
        col = self._col()
        end = self.line.find(">", col)
        if tag in tag_names() and end >= 0:
            self.found.append((col, end + 1, ""))

    def handle_entityref(self, name) -> None:
        self._entity(f"&{name}")

    def handle_charref(self, name) -> None:
        self._entity(f"&#{name}")

    def _entity(self, raw: str) -> None:
        col = self._col()
        end = col + len(raw) + (self.line[col + len(raw):col + len(raw) + 1] == ";")
        self.found.append((col, end, html.unescape(self.line[col:end])))


def residue(line: str) -> list[tuple[int, int]]:
    """Spans of the line to take out: tags whole; an entity whole when it stands for white space,
    else its tail after `&` when it stands for `&` (other entities are left as they are)."""
    if "<" not in line and "&" not in line:
        return []
    parser = _Residue(line)
    parser.feed(line)
    parser.close()
    spans = []
    for start, end, meant in parser.found:
        glued = 0 < start and end < len(line) and all(c.isascii() and c.isalnum() for c in line[start - 1] + line[end])
        if meant == "" or (meant.isspace() and not glued):
            spans.append((start, end))
        elif meant == "&":
            spans.append((start + 1, end))
    return spans


def markup_residue(ctx: SpanContext) -> list[Removal]:
    """HTML tags and entities left inside kept lines (<br/>, &nbsp;, &amp;)."""
    return [span_removal(ctx.text, b.start + s, b.start + e, CATEGORY, markup_residue)
            for b in ctx.blocks for s, e in residue(b.text)]
