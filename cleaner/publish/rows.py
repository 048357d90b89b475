"""Articles and rejections as rows of the four configs."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from cleaner.document import Article, Rejection
from cleaner.publish import nlp, schema
from cleaner.run.dedupe import text_signature

Columns = dict[str, list]  # a config's rows column by column: column name -> values in row order


def article_rows(a: Article) -> dict[str, list[dict]]:
    src, meta = a.source, a.metadata
    text = a.text
    body = [s for s in a.segments]
    article = {
        "id": a.id,
        "source_file": src.path,
        "source_sha256": src.sha256,
        "title": meta.title,
        "text": text,
        "published_at": meta.published_at,
        "source_name": meta.source_name,
        "authors": list(meta.authors),
        "editors": list(meta.editors),
        "summary": meta.summary,
        "language": a.language,
        "n_chars": len(text),
        "n_sentences": sum(len(s.sentences) for s in body if s.kind != "title"),
        "removed_chars": sum(r.end - r.start for r in a.removals),
        "url": src.url,
        "record_id": src.record_id,
        "source_bytes": src.n_bytes,
        "encoding": src.encoding,
        "repairs": list(src.repairs),
        "html_sha256": src.markup.html_sha256 if src.markup else None,
        "html_bytes": src.markup.html_bytes if src.markup else None,
        "doc_number": meta.doc_number,
        "index_number": meta.index_number,
        "issuer": meta.issuer,
        "written_at": meta.written_at,
        **nlp_columns(a, text),
    }
    segments = [
        {"id": a.id, "source_file": src.path, "index": i, "kind": s.kind, "text": s.text,
         "sentences": list(s.sentences), "start": s.start}
        for i, s in enumerate(body)
    ]
    removals = [
        {"id": a.id, "source_file": src.path, "start": r.start, "end": r.end, "text": r.text,
         "category": r.category, "rule": r.rule}
        for r in a.removals
    ]
    return {"articles": [article], "segments": segments, "removals": removals, "rejected": []}


def nlp_columns(a: Article, text: str) -> dict:
    """Word count, script, timestamp and quality summary of an article (see cleaner/publish/nlp.py)."""
    ts, precision = nlp.published(a.metadata.published_at)
    boilerplate, spam, has_spam = nlp.quality(a.removals, len(a.source.text))
    return {"n_tokens": nlp.n_tokens(text), "script": nlp.script(text), "published_ts": ts,
            "published_precision": precision, "boilerplate_share": boilerplate, "spam_share": spam,
            "has_spam": has_spam}


def rejection_rows(r: Rejection, duplicate_of: str | None = None) -> dict[str, list[dict]]:
    record_id = r.source.record_id if r.source is not None else r.record_id
    return rejected_rows(r.id, r.source_file, r.source_sha256, r.reason, r.detail, duplicate_of, record_id)


def rejected_rows(id: str, source_file: str, source_sha256: str, reason: str, detail: str,
                  duplicate_of: str | None = None, record_id: str | None = None) -> dict[str, list[dict]]:
    row = {"id": id, "source_file": source_file, "source_sha256": source_sha256,
           "reason": reason, "detail": detail, "duplicate_of": duplicate_of, "record_id": record_id}
    return {"articles": [], "segments": [], "removals": [], "rejected": [row]}


CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), check_circular=False)


def canonical(rows: list[dict]) -> bytes:
    """Rows' canonical JSON: what their content hash is taken of. (One encoder for every call:
    json.dumps with options builds a new one each time; rows are never circular.)"""
    return CANONICAL.encode(rows).encode("utf-8")


HASH_MOD = 1 << 256


def to_columns(config: str, rows: list[dict]) -> Columns:
    """The config's columns of these rows (a missing key is None, as for Table.from_pylist):
    cheaper than rows to pickle and to turn into Arrow."""
    return {name: [r.get(name) for r in rows] for name in schema.column_names(config)}


def column_count(columns: Columns) -> int:
    """How many rows the columns hold."""
    return len(next(iter(columns.values()), ()))


def to_rows(columns: Columns) -> list[dict]:
    """The rows back from their columns."""
    names = list(columns)
    return [dict(zip(names, values)) for values in zip(*columns.values())]


def row_hashes(rows: list[dict]) -> tuple[int, int]:
    """(sha256 of the rows' canonical JSON as a number, its bytes). Publishing sums these over
    documents modulo 2**256: a hash of the content that is the same in any document order."""
    blob = canonical(rows)
    return int.from_bytes(hashlib.sha256(blob).digest(), "big"), len(blob)


@dataclass
class Prepared:
    """One processed document as the publishing process needs it, made in the worker: its rows
    and their hashes, what the summary counts, and the article's duplicate signature."""

    id: str
    source_file: str
    source_sha256: str
    rows: dict[str, Columns]  # config -> its rows' columns, for the configs with rows
    hashes: dict[str, tuple[int, int]]  # config -> row_hashes of the config's rows
    removed: list[tuple[str, str, int]]  # (rule, category, characters) of every removal
    reason: str | None = None  # the rejection reason; None for an article
    signature: tuple | None = None  # dedupe.text_signature(text) of an article
    record_id: str | None = None  # the record's id inside a container input
    split: str = "train"  # the split an article's rows go to (engine: nlp.split_of)

    @property
    def name(self) -> str:
        """source_file, with #record_id for a record of a container: what duplicate_of names."""
        return self.source_file if self.record_id is None else f"{self.source_file}#{self.record_id}"


def prepare(result: Article | Rejection) -> Prepared:
    """Rows, hashes and summary facts of a result (the heavy part of publishing, done in workers)."""
    if isinstance(result, Rejection):
        rows = rejection_rows(result)
        return Prepared(result.id, result.source_file, result.source_sha256, _columns(rows),
                        {c: row_hashes(r) for c, r in rows.items() if r}, [], result.reason,
                        record_id=rows["rejected"][0]["record_id"])
    src = result.source
    rows = article_rows(result)
    return Prepared(result.id, src.path, src.sha256, _columns(rows), {c: row_hashes(r) for c, r in rows.items() if r},
                    [(r.rule, r.category, r.end - r.start) for r in result.removals],
                    signature=text_signature(result.text), record_id=src.record_id)


def _columns(rows: dict[str, list[dict]]) -> dict[str, Columns]:
    return {c: to_columns(c, r) for c, r in rows.items() if r}
