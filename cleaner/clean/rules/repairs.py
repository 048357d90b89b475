"""Recorded repairs: residue a mirror or a converter left inside the text, taken out so that
the text reads as the page meant it. Each repair is a removal of category `repair`."""

from __future__ import annotations

import html
import re
import unicodedata
from functools import cache, lru_cache
from html.parser import HTMLParser

from cleaner.clean.han import HAN_ALL
from cleaner.clean.rules import markers
from cleaner.clean.rules.base import Block, Removal, SpanContext, rule, span_removal

CATEGORY = "repair"
TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
# A romanised syllable in brackets right after a CJK character: 區(qū), 公司(si).
ANNOTATION = re.compile(rf"(?<=[{HAN_ALL}])(?:[(（][a-z{TONED}]{{1,6}} ?[)）])+")
SYLLABLE_IN = re.compile(rf"[(（](?P<syl>[a-z{TONED}]{{1,6}}) ?[)）]")
MIN_TONED = 2  # annotations with tone marks a page must hold before they are taken for residue
MIN_PLAIN = 3  # ... and without: a lone 读(zhǎng) in a lesson on pronunciation stays


@cache
def syllable() -> re.Pattern:
    """One Hanyu Pinyin syllable without tone marks (initials and finals from the data file)."""
    parts = dict(e.split(":", 1) for e in markers.entries("pinyin"))
    initials = "|".join(sorted(parts["initials"].split(), key=len, reverse=True))
    finals = "|".join(sorted(parts["finals"].split(), key=len, reverse=True))
    return re.compile(rf"(?:{initials})?(?:{finals})")


def plain(syl: str) -> str:
    """The syllable with its tone marks dropped (ü as v)."""
    syl = syl.replace("ü", "v").replace("ǖ", "v").replace("ǘ", "v").replace("ǚ", "v").replace("ǜ", "v")
    return "".join(c for c in unicodedata.normalize("NFD", syl) if not unicodedata.combining(c))


@lru_cache(maxsize=8)
def pinyin_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of every bracketed pinyin syllable glued after a character, when the page
    carries enough of them to be a converter's residue rather than a pronunciation note."""
    found, toned = [], 0
    for run in ANNOTATION.finditer(text):
        for m in SYLLABLE_IN.finditer(run[0]):  # 答(da)(da): a doubled annotation goes too
            syl = m["syl"]
            if len(syl) < 2 and syl[0] not in TONED or not syllable().fullmatch(plain(syl)):
                break
            toned += any(c in TONED for c in syl)
            found.append((run.start() + m.start(), run.start() + m.end()))
    if toned >= MIN_TONED or len(found) >= MIN_PLAIN:
        return tuple(found)
    return ()


def without_pinyin(page: str, start: int, end: int) -> str:
    """page[start:end] with the page's pinyin residue taken out (for values read into columns)."""
    spans = [(s, e) for s, e in pinyin_spans(page) if start <= s and e <= end]
    cuts = [start] + [x for span in spans for x in span] + [end]
    return "".join(page[cuts[i]:cuts[i + 1]] for i in range(0, len(cuts), 2))


@rule("repairs.pinyin_residue", kind="span", category="repair")
def pinyin_residue(ctx: SpanContext) -> list[Removal]:
    """Pinyin a script converter glued after characters (區(qū), 公司(si)) inside kept lines."""
    if not ctx.blocks:
        return []
    spans = pinyin_spans(ctx.text)
    out = []
    for block in ctx.blocks:
        out.extend(span_removal(ctx.text, s, e, CATEGORY, pinyin_residue)
                   for s, e in spans if block.start <= s and e <= block.end)
    return out


def read_view(page: str, blocks: list[Block]) -> list[Block]:
    """The blocks as the labelling reads them: same offsets, pinyin residue left out of the text
    (a field name 發(fā)布時(shí)間 is then read as 發布時間)."""
    if not pinyin_spans(page):
        return blocks
    return [Block(b.index, b.start, b.end, without_pinyin(page, b.start, b.end)) for b in blocks]


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


def markup_spans(line: str) -> list[tuple[int, int]]:
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


@rule("repairs.markup_residue", kind="span", category="repair")
def markup_residue(ctx: SpanContext) -> list[Removal]:
    """HTML tags and entities a scraper left inside kept lines (<br/>, &nbsp;, &amp;)."""
    return [span_removal(ctx.text, b.start + s, b.start + e, CATEGORY, markup_residue)
            for b in ctx.blocks for s, e in markup_spans(b.text)]
