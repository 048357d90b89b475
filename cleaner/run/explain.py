"""`cleaner explain`: how the build treats each document of a file, each line with its label
and rule, removed text marked.

It follows `build`: the same reader splits JSON Lines, Parquet and WARC files into records, the
same engine function cleans each one, and the same duplicate groups (decided once every record of
the file is known) reject a record that repeats another one of the file kept before it, so what
explain says is what the build publishes."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import click

from cleaner.document import Article, Label, Rejection
from cleaner.read.files import RawDocument, iter_documents
from cleaner.read.walk import InputFile
from cleaner.run.dedupe import DuplicateGroups, text_signature
from cleaner.run.engine import process
from cleaner.settings import Settings
from cleaner.terminal import safe

COLOURS = {"boilerplate": "yellow", "metadata": "cyan", "spam": "red", "duplicate": "magenta", "title": "green",
           "image": "blue", "repair": "blue"}
STDIN_SUFFIXES = ((b"PAR1", ".parquet"), (b"WARC/", ".warc"), (b"\x1f\x8b", ".warc.gz"), (b"{", ".jsonl"))


def explain_file(path: str, settings: Settings | None = None, record: str | None = None,
                 shown: str | None = None) -> str:
    """The explanation of every document of `path` (or only of record `record`), naming the
    file `shown` (default: path) in the headers.

    Raises ValueError when `record` names no record of the file."""
    settings = settings or Settings()
    item = InputFile(Path(path), Path(path).name)
    groups = DuplicateGroups(settings.near_duplicate_threshold)
    names: list[str] = []  # each record's name, by its position in the file
    shown_results: list[tuple[int, RawDocument, Article | Rejection]] = []
    seen: list[str] = []
    for position, raw in enumerate(iter_documents([item], settings.html_fields)):
        seen.append(raw.record_id or "")
        result = process(raw, settings)
        names.append((shown or path) + (f"#{raw.record_id}" if raw.record_id is not None else ""))
        if isinstance(result, Article):
            groups.add(position, text_signature(result.text))
        if record is None or (raw.record_id == record and not shown_results):  # a record: its first
            shown_results.append((position, raw, result))
    duplicates = groups.decide()
    out = [explain_result(shown or path, raw, result, _duplicate(duplicates.get(position), names), settings)
           for position, raw, result in shown_results]
    if record is not None and not out:
        if not any(seen):
            raise ValueError(f"{path} holds one document, not records: --record is for JSON Lines, Parquet "
                             "and WARC files")
        listed = ", ".join(r for r in seen[:5] if r)
        raise ValueError(f"{path} has no record {record!r} (its first records: {listed}); "
                         f"give one of its record ids to --record")
    out.append("legend: keep = article text; [[...]] = span removed inside a kept line (rule in braces)")
    return "\n\n".join(out)


def _duplicate(dup: tuple[str, int] | None, names: list[str]) -> str | None:
    """The build's cross-document check: 'exact duplicate of NAME' for an article whose group
    keeps a record of the file before it."""
    if dup is None:
        return None
    kind, kept = dup
    return f"{kind} duplicate of {names[kept]}"


def explain_result(path: str, raw: RawDocument, result: Article | Rejection, duplicate: str | None,
                   settings: Settings) -> str:
    """A header saying what became of the document, then each of its lines with its label and
    rule, removed text marked."""
    name = path + (f"#{raw.record_id}" if raw.record_id is not None else "")
    if isinstance(result, Rejection):
        header = f"{name}: rejected ({result.reason}): {result.detail}"
        if result.source is None:
            return safe(header)
        pairs, spans = rejected_lines(result.source, settings), []
    else:
        header = article_header(name, result, duplicate, settings.duplicates == "reject")
        pairs, spans = article_lines(result)
    return "\n".join([safe(header), ""] + [explain_line(block, label, spans) for block, label in pairs])


def rejected_lines(source, settings: Settings) -> list[tuple]:
    """A rejected document's lines labelled as the build labelled them before rejecting it."""
    from cleaner.clean.blocks import split_blocks
    from cleaner.clean.label import label_blocks
    from cleaner.clean.rules.repairs import read_view

    blocks = split_blocks(source.text)
    return list(zip(blocks, label_blocks(read_view(source.text, blocks), settings, source.markup)))


def article_header(name: str, result: Article, duplicate: str | None, reject: bool = False) -> str:
    """An article's outcome (and the duplicate it is of: rejected for it when `reject`), language,
    encoding and metadata."""
    meta = result.metadata
    dup = "" if not duplicate else (f"rejected (duplicate): {duplicate}; otherwise " if reject else f"{duplicate}; ")
    return (f"{name}: " + dup + f"article, language {result.language}, encoding {result.source.encoding}; "
            f"title {meta.title!r}, published_at {meta.published_at}, "
            f"source {meta.source_name}, authors {', '.join(meta.authors) or '-'}")


def article_lines(result: Article) -> tuple[list[tuple], list]:
    """An article's labelled lines and the spans to mark inside them. A kept line the build
    drops as a repeat shows as the build has it."""
    whole = {(r.start, r.end): r for r in result.removals if r.category == "duplicate"}
    pairs = [(b, Label(whole[b.start, b.end].category, whole[b.start, b.end].rule)
              if lab.kind == "body" and (b.start, b.end) in whole else lab) for b, lab in result.labels]
    spans = [r for r in result.removals if r.category in ("spam", "metadata", "duplicate", "repair")]
    return pairs, spans


def explain_line(block, label: Label, spans: list) -> str:
    """One line: its label (keep for body), its rule, and its text with the spans inside it marked."""
    tag = label.kind if label.kind != "body" else "keep"
    colour = COLOURS.get(label.kind)
    inner = [r for r in spans if block.start <= r.start and r.end <= block.end and
             not (r.start == block.start and r.end == block.end)]
    text = _mark(block, inner) if inner else (click.style(safe(block.text), fg=colour) if colour else safe(block.text))
    return f"{click.style(f'{tag:<11}', bold=True)} {label.rule:<34} {text}"


def _mark(block, spans) -> str:
    out, pos = [], block.start
    for r in sorted(spans, key=lambda r: r.start):
        out.append(safe(block.text[pos - block.start:r.start - block.start]))
        out.append(click.style(f"[[{safe(r.text)}]]{{{r.rule}}}", fg=COLOURS.get(r.category, "red")))
        pos = r.end
    out.append(safe(block.text[pos - block.start:]))
    return "".join(out)


def stdin_copy(data: bytes | None = None) -> str:
    """Standard input saved to a temporary file whose suffix tells its format (Parquet, WARC,
    JSON Lines by their first bytes; plain text otherwise), so that it is read as build would
    read such a file. The caller removes it."""
    data = sys.stdin.buffer.read() if data is None else data
    head = data.lstrip()[:8]
    suffix = next((s for magic, s in STDIN_SUFFIXES if head.startswith(magic)), ".txt")
    fd, name = tempfile.mkstemp(prefix="cleaner-stdin-", suffix=suffix)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    return name
