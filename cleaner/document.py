"""The values that flow through the pipeline; every offset points into `Source.text`."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


def document_id(source_file: str, record_id: str | None = None) -> str:
    """Stable across versions: derived from where a document came from, not its content."""
    key = source_file if record_id is None else f"{source_file}#{record_id}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


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
