"""The values that flow through the pipeline; every offset points into `Source.text`."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


def document_id(source_file: str, record_id: str | None = None) -> str:
    """Stable across versions: derived from where a document came from, not its content."""
    key = source_file if record_id is None else f"{source_file}#{record_id}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class LineFacts:
    """What the HTML says about one line of an HTML source's flattened text."""

    tag: str  # the block-level element the line belongs to (p, div, li, td, h2 ...)
    zone: str  # nearest enclosing nav, footer, aside or header element; "" for none
    words: tuple[str, ...]  # page-furniture words in the class/id of its ancestors (nav, share ...)
    link_density: float  # share of the line's characters inside <a>
    in_main: bool  # inside the main content container the reader found
    in_list: bool  # inside an <li>
    heading: int  # 1..6 inside <h1>..<h6>, else 0


@dataclass(frozen=True)
class Markup:
    """An HTML source's page-level facts, and one LineFacts per line of `Source.text`."""

    lines: tuple[LineFacts, ...]
    meta: tuple[tuple[str, str], ...]  # (name or property, lower-cased; content) of <meta> tags
    title: str | None  # <title>
    h1: tuple[str, ...]  # texts of the <h1> elements
    main: tuple[int, int] | None  # first and last line of the main content container
    html_sha256: str
    html_bytes: int

    def meta_value(self, *names: str) -> str | None:
        """The first non-empty content among <meta> tags with these names, in the order given."""
        for name in names:
            for key, value in self.meta:
                if key == name and value.strip():
                    return value.strip()
        return None


@dataclass(frozen=True)
class Source:
    """One input document after decoding and Unicode repair."""

    path: str  # relative to the input root it was found under
    sha256: str  # of the raw bytes
    n_bytes: int
    encoding: str
    repairs: tuple[str, ...]
    text: str
    url: str | None = None
    record_id: str | None = None
    markup: Markup | None = None  # for an HTML source: what the markup says


@dataclass(frozen=True)
class Block:
    """A line of `Source.text` with surrounding white space stripped."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Label:
    """What a block is, and which rule said so.

    kind: title, metadata, heading, paragraph, caption, quote, list_item,
    boilerplate, spam or duplicate; `detail` refines it (navigation, footer ...).
    """

    kind: str
    rule: str
    detail: str = ""
    outlet: str = ""  # an outlet's name the rule read off the line (an e-paper link), for the metadata
    names: tuple[str, ...] = ()  # people's names the rule read off the line (an author line), for the metadata


@dataclass(frozen=True)
class Removal:
    """A span taken out of `Source.text`."""

    start: int
    end: int
    text: str
    category: str  # boilerplate, spam, duplicate, metadata
    rule: str


@dataclass(frozen=True)
class Segment:
    kind: str  # title, heading, paragraph, caption, quote, list_item
    text: str
    sentences: tuple[str, ...]
    start: int  # offset of the block in Source.text


@dataclass
class Metadata:
    title: str | None = None
    published_at: str | None = None
    source_name: str | None = None
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    summary: str | None = None
    doc_number: str | None = None  # 发文字号 of a government document
    index_number: str | None = None  # 索引号 of an information-disclosure catalogue
    issuer: str | None = None  # 发布机构 / 发文机构
    written_at: str | None = None  # 成文日期 / 发文日期 (ISO date)


@dataclass
class Article:
    source: Source
    id: str
    metadata: Metadata
    language: str
    segments: list[Segment]
    removals: list[Removal]
    labels: list[tuple[Block, Label]]

    @property
    def text(self) -> str:
        """Body blocks in reading order, one per line (the title is a column of its own)."""
        return "\n".join(s.text for s in self.segments if s.kind != "title")


@dataclass(frozen=True)
class Rejection:
    source: Source | None
    source_file: str
    source_sha256: str
    reason: str  # a code documented in README.md
    detail: str
    id: str = ""
    record_id: str | None = None  # the record's id inside a container input (source may be None)
