"""Container inputs: JSON Lines, Parquet and WARC/WET files hold many documents each."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Callable, Iterator

from .read import InputFile, RawDocument

TEXT_FIELDS = ("text", "content", "body")
HTML_FIELDS = ("html",)  # a record's HTML (flattened by markup.reader); Settings.html_fields names them
URL_FIELDS = ("url", "link", "uri")
HTML_TYPES = ("text/html", "application/xhtml+xml")
ID_FIELDS = ("id", "doc_id", "record_id", "uuid")


def reader_for(path: Path) -> Callable[[InputFile, tuple[str, ...]], Iterator[RawDocument]] | None:
    name = path.name.lower()
    if name.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")):
        return read_jsonl
    if name.endswith(".parquet"):
        return read_parquet
    if name.endswith((".warc", ".warc.gz", ".wet", ".wet.gz", ".warc.wet.gz")):
        return read_warc
    return None


def _first(record: dict, fields: tuple[str, ...]) -> str | None:
    for f in fields:
        value = record.get(f)
        if value is not None and value != "":
            return str(value)
    return None


def _record(item: InputFile, record: dict, n: int, html_fields: tuple[str, ...] = HTML_FIELDS) -> RawDocument:
    """A record's HTML field when it has one (read as HTML), else its text field."""
    rid = _first(record, ID_FIELDS) or str(n)
    html = _first(record, html_fields)
    if html is not None:
        return RawDocument(item.relative, text=html, url=_first(record, URL_FIELDS), record_id=rid, html=True)
    text = _first(record, TEXT_FIELDS)
    if text is None:
        return RawDocument(item.relative, record_id=rid, url=_first(record, URL_FIELDS),
                           error=("empty", f"record {n} has no text field ({', '.join(TEXT_FIELDS)})"))
    return RawDocument(item.relative, text=text, url=_first(record, URL_FIELDS), record_id=rid)


def read_jsonl(item: InputFile, html_fields: tuple[str, ...] = HTML_FIELDS) -> Iterator[RawDocument]:
    """One document per line of a JSON Lines file (optionally gzipped)."""
    opener = gzip.open if item.path.name.lower().endswith(".gz") else open
    try:
        with opener(item.path, "rb") as f:
            for n, line in enumerate(f):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except ValueError as e:
                    yield RawDocument(item.relative, data=line, record_id=str(n),
                                      error=("undecodable", f"line {n + 1} is not JSON: {e}"))
                    continue
                if not isinstance(record, dict):
                    yield RawDocument(item.relative, record_id=str(n), error=("not_text", f"line {n + 1} is not an object"))
                    continue
                yield _record(item, record, n, html_fields)
    except (OSError, EOFError) as e:
        yield RawDocument(item.relative, error=("unreadable", f"{type(e).__name__}: {e}"))


def read_parquet(item: InputFile, html_fields: tuple[str, ...] = HTML_FIELDS) -> Iterator[RawDocument]:
    """One document per row of a Parquet file with a text column, read batch by batch."""
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(item.path)
        names = set(pf.schema_arrow.names)
        columns = [c for c in (*html_fields, *TEXT_FIELDS, *URL_FIELDS, *ID_FIELDS) if c in names]
        if not any(c in names for c in (*html_fields, *TEXT_FIELDS)):
            yield RawDocument(item.relative, error=("not_text", f"no text column ({', '.join(TEXT_FIELDS)})"))
            return
        n = 0
        for batch in pf.iter_batches(batch_size=1000, columns=columns):
            for record in batch.to_pylist():
                yield _record(item, record, n, html_fields)
                n += 1
    except Exception as e:  # pyarrow raises several kinds for a damaged file
        yield RawDocument(item.relative, error=("unreadable", f"{type(e).__name__}: {e}"))


def media_type(content_type: str) -> tuple[str, str | None]:
    """('text/html', 'gbk') from 'text/html; charset=gbk'."""
    kind, _, params = content_type.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return kind.strip().lower(), charset


def read_warc(item: InputFile, html_fields: tuple[str, ...] = HTML_FIELDS) -> Iterator[RawDocument]:
    """One document per WET conversion record and per WARC response/resource record: HTML ones
    flattened, text/plain ones read as text, any other type (and a revisit record, whose payload
    is elsewhere) rejected as `unsupported_type`. Request, metadata and warcinfo records describe
    a capture and hold no document."""
    from warcio.archiveiterator import ArchiveIterator

    try:
        with open(item.path, "rb") as f:
            for n, record in enumerate(ArchiveIterator(f)):
                doc = _warc_document(item, record, n)
                if doc is not None:
                    yield doc
    except Exception as e:  # warcio raises several kinds for a damaged archive
        yield RawDocument(item.relative, error=("unreadable", f"{type(e).__name__}: {e}"))


def _warc_document(item: InputFile, record, n: int) -> RawDocument | None:
    """The document a WARC record holds (or why it is refused); None for capture bookkeeping."""
    rid = record.rec_headers.get_header("WARC-Record-ID") or str(n)
    url = record.rec_headers.get_header("WARC-Target-URI")
    if record.rec_type == "revisit":  # a capture whose payload is stored elsewhere
        return RawDocument(item.relative, url=url, record_id=rid,
                           error=("unsupported_type", "a revisit record: no payload of its own"))
    if record.rec_type not in ("conversion", "response", "resource"):
        return None
    content_type = record.rec_headers.get_header("Content-Type") or ""
    if record.http_headers is not None:
        content_type = record.http_headers.get_header("Content-Type") or content_type
    kind, charset = media_type(content_type)
    html = kind in HTML_TYPES
    if record.rec_type != "conversion" and not html and kind != "text/plain":
        return RawDocument(item.relative, url=url, record_id=rid,
                           error=("unsupported_type", f"a {record.rec_type} record of type "
                                  f"{kind or 'unknown'}: neither HTML nor text"))
    return RawDocument(item.relative, data=record.content_stream().read(), url=url, record_id=rid,
                       html=html, charset=charset)
