"""HTML to lines: one line per block-level element (and per `<br>`), with what the markup says
about each line (its tag, the zone and class words above it, how much of it is link text).

The parser is selectolax's lexbor binding (a maintained HTML5 parser in C); this module only
walks the tree it builds. Scripts, styles, form controls and hidden elements never become text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from cleaner.document import LineFacts

SKIP = frozenset({
    "script", "style", "noscript", "template", "iframe", "select", "option", "optgroup", "button",
    "input", "textarea", "svg", "canvas", "head", "object", "embed", "video", "audio", "map", "math",
    "title", "link", "meta", "datalist", "dialog", "-comment", "!doctype",
})
BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dir", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary",
    "table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption", "ul", "legend", "html",
})
ZONES = {"nav": "nav", "footer": "footer", "aside": "aside", "header": "header", "menu": "nav"}
# Class/id words that name page furniture; a token matches when it starts or ends with one.
BOILER_WORDS = ("nav", "menu", "footer", "share", "comment", "related", "breadcrumb", "crumb", "sidebar",
                "recommend", "copyright", "pager", "pagination", "toolbar", "login", "banner", "hotnews",
                "ranking", "tags", "keywords", "topbar", "advert", "pinglun", "reply", "discuss")
GOOD_WORDS = ("article", "content", "main", "body", "text", "post", "entry", "detail", "story", "rich_media")
TOKEN = re.compile(r"[A-Za-z]+")
SPACE = re.compile(r"[\s\u00a0\u3000\u200b-\u200d\u2060\ufeff]+")
MAX_DEPTH = 400  # deeper elements are flattened into their ancestor's line, not walked


def class_words(attrs: dict, vocabulary: tuple[str, ...]) -> tuple[str, ...]:
    """The vocabulary words that a class or id token of the element starts or ends with."""
    raw = f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()
    if not raw.strip():
        return ()
    found = []
    for token in TOKEN.findall(raw):
        for word in vocabulary:
            if token.startswith(word) or token.endswith(word):
                found.append(word)
    return tuple(dict.fromkeys(found))


def is_hidden(attrs: dict) -> bool:
    """`hidden` or an inline `display:none`. (An inline `visibility:hidden` is left alone: pages
    use it to reveal their article by script once loaded.)"""
    if "hidden" in attrs:
        return True
    style = attrs.get("style")
    return bool(style) and "display:none" in style.replace(" ", "").lower()


@dataclass
class Element:
    """A block-level element met on the walk: where its lines are and what it weighs."""

    tag: str
    parent: int  # index of the enclosing Element, -1 for none
    depth: int
    good: bool
    boiler: tuple[str, ...]
    first: int = 0  # its first line
    last: int = -1  # its last line


@dataclass
class Flat:
    lines: list[str] = field(default_factory=list)
    facts: list[LineFacts] = field(default_factory=list)
    owners: list[int] = field(default_factory=list)  # the Element each line belongs to
    link_chars: list[int] = field(default_factory=list)
    elements: list[Element] = field(default_factory=list)


@dataclass
class Walker:
    flat: Flat = field(default_factory=Flat)
    pieces: list[str] = field(default_factory=list)
    links: int = 0
    heading: int = 0
    in_list: bool = False
    in_pre: bool = False

    def flush(self, owner: int, zone: str, words: tuple[str, ...]) -> None:
        if not self.pieces:
            return
        text = SPACE.sub(" ", "".join(self.pieces)).strip()
        raw_links, self.pieces, self.links = self.links, [], 0
        if not text:
            return
        el = self.flat.elements[owner]
        self.flat.lines.append(text)
        self.flat.link_chars.append(min(raw_links, len(text)))
        self.flat.owners.append(owner)
        self.flat.facts.append(LineFacts(el.tag, zone, words, round(min(raw_links, len(text)) / len(text), 3),
                                         False, self.in_list, self.heading))

    def walk(self, node: LexborNode, owner: int, zone: str, words: tuple[str, ...], in_link: bool) -> None:
        """Visit the children of `node`; `owner` is the nearest block element's index."""
        child = node.child
        while child is not None:
            tag = child.tag
            if tag == "-text":
                text = child.text_content
                if text and self.in_pre and "\n" in text:
                    *done, text = text.split("\n")
                    for part in done:
                        self.pieces.append(part)
                        self.flush(owner, zone, words)
                if text:
                    self.pieces.append(text)
                    if in_link:
                        self.links += len(text.strip())
            elif tag == "br":
                self.flush(owner, zone, words)
            elif tag not in SKIP and not is_hidden(child.attributes):
                if tag in BLOCK:
                    self.enter_block(child, tag, owner, zone, words)
                else:
                    self.walk(child, owner, zone, words, in_link or tag == "a")
            child = child.next

    def enter_block(self, node: LexborNode, tag: str, owner: int, zone: str, words: tuple[str, ...]) -> None:
        flat = self.flat
        self.flush(owner, zone, words)
        parent = flat.elements[owner] if owner >= 0 else None
        if parent is not None and parent.depth >= MAX_DEPTH:
            self.walk(node, owner, zone, words, False)
            return
        attrs = node.attributes
        good = bool(class_words(attrs, GOOD_WORDS)) or tag in ("article", "main")
        boiler = () if good else class_words(attrs, BOILER_WORDS)  # "artibody bshare_pop": content
        element = Element(tag, owner, parent.depth + 1 if parent else 0, good, boiler, len(flat.lines))
        flat.elements.append(element)
        index = len(flat.elements) - 1
        saved = (self.heading, self.in_list, self.in_pre)
        if tag[0] == "h" and tag[1:].isdigit():
            self.heading = int(tag[1:])
        self.in_list = self.in_list or tag == "li"
        self.in_pre = self.in_pre or tag == "pre"
        inner_zone = ZONES.get(tag, zone)
        inner_words = tuple(dict.fromkeys(words + boiler)) if boiler else words
        self.walk(node, index, inner_zone, inner_words, False)
        self.flush(index, inner_zone, inner_words)
        self.heading, self.in_list, self.in_pre = saved
        element.last = len(flat.lines) - 1


def flatten(tree: LexborHTMLParser) -> Flat:
    """The body's lines in reading order, each with its facts and owning element."""
    walker = Walker()
    root = tree.body or tree.root
    if root is None:
        return walker.flat
    walker.flat.elements.append(Element(root.tag or "body", -1, 0, False, (), 0))
    walker.walk(root, 0, "", (), False)
    walker.flush(0, "", ())
    walker.flat.elements[0].last = len(walker.flat.lines) - 1
    return walker.flat
