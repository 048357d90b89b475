"""Rules that read what an HTML page's markup says about a line (Source.markup): its zone
(<nav>, <footer>, <aside>), its link density, the class/id words above it, and whether it stands
inside the main content container the reader found. They label whole lines, like block rules."""

from __future__ import annotations

import re

from cleaner.clean.han import HAN
from cleaner.clean.rules.base import Block, Label, rule, rule_id
from cleaner.document import LineFacts, Markup

LINK_LINE = 0.5  # a line with at least this share of link text ...
LINK_PROSE_CHARS = 60  # ... is a link unless it is this long with sentence punctuation
SENTENCE = re.compile(r"[。！？；]")
SENTENCE_END = re.compile(r"[。！？!?…][”’」』\"')）]*$")
MIN_SENTENCE = 6
FURNITURE_ZONES = {"nav": "navigation", "footer": "footer", "aside": "aside"}
WORD_DETAIL = {"nav": "navigation", "menu": "navigation", "breadcrumb": "navigation", "crumb": "navigation",
               "footer": "footer", "copyright": "footer", "share": "share",
               "toolbar": "share", "comment": "comments", "related": "related", "recommend": "related",
               "hotnews": "related", "ranking": "related", "sidebar": "aside", "tags": "tags", "keywords": "tags",
               "pager": "pagination", "pagination": "pagination", "login": "widget", "banner": "ad",
               "topbar": "navigation", "advert": "ad",
               "pinglun": "comments", "reply": "comments", "discuss": "comments"}
OWN_TITLES = ("og:title", "articletitle", "ld:headline", "twitter:title")
LONG_PART = 8  # a later part of <title> this long may be the headline (a site name stands first)
TITLE_SPLIT = re.compile(r"\s*(?:[_|｜]|--|——|\s-\s|\s—\s)\s*")


@rule("markup.furniture_zone", kind="markup", category="boilerplate")
def furniture_zone(block: Block, facts: LineFacts) -> Label | None:
    """A line inside <nav>, <footer> or <aside>: navigation and page furniture by the page's own word."""
    detail = FURNITURE_ZONES.get(facts.zone)
    return Label("boilerplate", rule_id(furniture_zone), detail) if detail else None


@rule("markup.link_line", kind="markup", category="boilerplate")
def link_line(block: Block, facts: LineFacts) -> Label | None:
    """A line that is mostly link text (a menu entry, a related headline, a tag), unless it reads as prose."""
    if facts.link_density < LINK_LINE:
        return None
    if len(block.text) >= LINK_PROSE_CHARS and SENTENCE.search(block.text):
        return None
    return Label("boilerplate", rule_id(link_line), "links")


@rule("markup.furniture_class", kind="markup", category="boilerplate")
def furniture_class(block: Block, facts: LineFacts) -> Label | None:
    """A line under an element whose class or id names furniture (nav, share, comment, related ...)."""
    for word in facts.words:
        return Label("boilerplate", rule_id(furniture_class), WORD_DETAIL.get(word, word))
    return None


@rule("markup.outside_main", kind="markup", category="boilerplate")
def outside_main(block: Block, facts: LineFacts) -> Label | None:
    """A line outside the page's main content container (found by text and link density)."""
    if facts.in_main:
        return None
    return Label("boilerplate", rule_id(outside_main), "outside_main")


def is_sentence(text: str) -> bool:
    """A line that ends a sentence (。！？ and the like, a closing quote allowed after them)."""
    return len(text) >= MIN_SENTENCE and SENTENCE_END.search(text) is not None


@rule("markup.main_edge", kind="context", category="boilerplate")
def main_edge(block: Block) -> Label | None:
    """A non-sentence line of the main container above its first sentence or below its last.

    字号, 评论(12), 关注, 微信扫一扫: the container's own furniture."""
    if is_sentence(block.text):
        return None
    return Label("boilerplate", rule_id(main_edge), "main_edge")


@rule("markup.symbol_line", kind="markup", category="boilerplate")
def symbol_line(block: Block, facts: LineFacts) -> Label | None:
    """A line with no letter, digit or Han character (icons, separators, undecodable emoji)."""
    if any(ch.isalnum() for ch in block.text):
        return None
    return Label("boilerplate", rule_id(symbol_line), "symbols")


SLASH_BYLINE = re.compile(rf"^(?P<name>[{HAN}·]{{2,4}})\s*[/／]\s*(?P<outlet>[{HAN}]{{2,10}}"
                          r"(?:报|网|社|台|刊|杂志|新闻|周刊))$")


@rule("markup.slash_byline", kind="markup", category="metadata")
def slash_byline(block: Block, facts: LineFacts) -> Label | None:
    """A line holding only `name/outlet` (王小明/某某日报): the author and the outlet of the piece."""
    if SLASH_BYLINE.match(block.text):
        return Label("metadata", rule_id(slash_byline), "slash_byline")
    return None


MARKUP_RULES = (furniture_zone, furniture_class, link_line, symbol_line, slash_byline)


def markup_label(block: Block, facts: LineFacts) -> Label | None:
    for markup_rule in MARKUP_RULES:
        label = markup_rule(block, facts)
        if label is not None:
            return label
    return None


def headline_texts(meta: tuple[tuple[str, str], ...], title: str | None) -> list[str]:
    """What the page's head says its headline is: og:title and similar, then <title> (whole, and
    its first part before a site suffix)."""
    values = dict(reversed(meta))  # the first tag of a name wins
    found = [values.get(n) for n in ("og:title", "articletitle", "ld:headline", "twitter:title", "title")]
    if title:
        parts = TITLE_SPLIT.split(title)
        found += [title, parts[0]] + [p for p in parts[1:] if len(p) >= LONG_PART]
    return [t for t in dict.fromkeys(found) if t and len(t) >= 4]


def title_line(texts: list[str], headings: list[int], heads: list[str], max_chars: int) -> int | None:
    """The line that shows the headline the page's head names: a line equal to a head title
    (an <h1>-<h3> first), else a line standing at the start of one; the longer of equals."""
    best, best_rank = None, (99, 0)
    for i, text in enumerate(texts):
        if not 4 <= len(text) <= max_chars:
            continue
        level = headings[i] or 9
        if text in heads:
            rank = (min(level, 4), -len(text))
        elif len(text) >= 6 and any(h.startswith(text) or h.endswith(text) for h in heads):
            rank = (4 + min(level, 4), -len(text))
        else:
            continue
        if rank < best_rank:
            best, best_rank = i, rank
    return best


@rule("markup.title_block", kind="context", category="title")
def title_block(blocks: list[Block], markup: Markup, max_chars: int) -> int | None:
    """The headline's line (title_line), looked for above the main text and just inside it."""
    heads = headline_texts(markup.meta, markup.title)
    end = markup.main[0] + 3 if markup.main else len(blocks)
    return title_line([b.text for b in blocks[:end]], [f.heading for f in markup.lines[:end]], heads, max_chars)


def vouched_title(markup: Markup, line: int) -> bool:
    """The headline line found is an <h1>-<h3>, or the head names its headline apart from
    <title> (og:title ...): not merely a line that repeats <title> (a logo repeating the site)."""
    return 1 <= markup.lines[line].heading <= 3 or markup.meta_value(*OWN_TITLES) is not None


@rule("markup.above_title", kind="context", category="boilerplate")
def above_title() -> Label:
    """A line of the main container above the headline (a date bar, a channel name, a breadcrumb).

    A date bar there shows today's date, not the article's."""
    return Label("boilerplate", rule_id(above_title), "above_title")


def title_label() -> Label:
    return Label("title", rule_id(title_block), "title")


def page_title(markup: Markup) -> str | None:
    """The headline when no line shows it: og:title, else <title> without its site suffix."""
    heads = headline_texts(markup.meta, markup.title)
    if markup.meta_value(*OWN_TITLES):
        return heads[0]
    if markup.title:
        return TITLE_SPLIT.split(markup.title)[0] or markup.title
    return None
