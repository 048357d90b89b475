"""Container inputs: JSON Lines, Parquet and WARC/WET files hold many documents each."""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import sys
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

from cleaner import terminal
from cleaner.read.files import RawDocument
from cleaner.read.remote import open_input
from cleaner.read.walk import InputFile

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


def _first(record: dict, fields: tuple[str, ...]) -> tuple[str, object] | None:
    """(field, value) of the first of `fields` the record holds a non-empty value for."""
    for f in fields:
        value = record.get(f)
        if value is not None and value != "" and value != b"":
            return f, value
    return None


def _string(found: tuple[str, object] | None, numbers: bool = False) -> str | None:
    """A url or id value as a string (bytes read as UTF-8, undecodable bytes escaped; numbers
    for ids); raises TypeError for any other kind of value."""
    if found is None:
        return None
    field, value = found
    if isinstance(value, str):
        return value
    if isinstance(value, bytes):
        return value.decode("utf-8", "backslashreplace")
    if numbers and isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise TypeError(f"field {field!r} holds {type(value).__name__}, not a string")


def _record(item: InputFile, record: dict, n: int, html_fields: tuple[str, ...] = HTML_FIELDS) -> RawDocument:
    """One record: its HTML field when it has one (read as HTML), else its text field (a string,
    or bytes decoded as a file's bytes are), with url and id; a value of another kind (a number,
    an object, a list) is a `bad_field` rejection."""
    try:
        rid = _string(_first(record, ID_FIELDS), numbers=True) or str(n)
    except TypeError as e:
        return RawDocument(item.relative, record_id=str(n), error=("bad_field", f"record {n}: {e}"))
    try:
        url = _string(_first(record, URL_FIELDS))
    except TypeError as e:
        return RawDocument(item.relative, record_id=rid, error=("bad_field", f"record {n}: {e}"))
    html = _first(record, html_fields)
    found = html or _first(record, TEXT_FIELDS)
    if found is None:
        return RawDocument(item.relative, record_id=rid, url=url,
                           error=("empty", f"record {n} has no text field ({', '.join(TEXT_FIELDS)})"))
    field, value = found
    if isinstance(value, bytes):
        return RawDocument(item.relative, data=value, url=url, record_id=rid, html=html is not None)
    if not isinstance(value, str):
        return RawDocument(item.relative, record_id=rid, url=url,
                           error=("bad_field", f"record {n}: field {field!r} holds {type(value).__name__}, not text"))
    return RawDocument(item.relative, text=value, url=url, record_id=rid, html=html is not None)


def read_jsonl(item: InputFile, html_fields: tuple[str, ...] = HTML_FIELDS) -> Iterator[RawDocument]:
    """One document per line of a JSON Lines file (optionally gzipped)."""
    gz = item.path.name.lower().endswith(".gz")
    try:
        with open_input(item.path) as raw, (gzip.open(raw, "rb") if gz else contextlib.nullcontext(raw)) as f:
            blank = True
            for n, line in enumerate(f):
                if not line.strip():
                    continue
                blank = False
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
            if blank:
                yield RawDocument(item.relative, error=("empty", "the file holds no line with a record"))
    except (OSError, EOFError) as e:
        yield RawDocument(item.relative, error=("unreadable", f"{type(e).__name__}: {e}"))


def read_parquet(item: InputFile, html_fields: tuple[str, ...] = HTML_FIELDS) -> Iterator[RawDocument]:
    """One document per row of a Parquet file with a text column, read batch by batch."""
    import pyarrow.parquet as pq

    try:
        with contextlib.ExitStack() as stack:
            source = item.path if isinstance(item.path, Path) else stack.enter_context(item.path.open())
            yield from _parquet_rows(item, pq.ParquetFile(source), html_fields)
    except Exception as e:  # pyarrow raises several kinds for a damaged file
        yield RawDocument(item.relative, error=("unreadable", f"{type(e).__name__}: {e}"))


def _parquet_rows(item: InputFile, pf, html_fields: tuple[str, ...]) -> Iterator[RawDocument]:
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
    is elsewhere) rejected as `unsupported_type`; a record cut off before its Content-Length is
    `truncated`. Request, metadata and warcinfo records describe a capture and hold no document."""
    from warcio.archiveiterator import ArchiveIterator

    n_truncated = 0
    try:
        with open_input(item.path) as f:
            for n, record in enumerate(_quiet(ArchiveIterator(f))):
                doc = _warc_document(item, record, n)
                if doc is not None:
                    n_truncated += doc.error is not None and doc.error[0] == "truncated"
                    yield doc
    except Exception as e:  # warcio raises several kinds for a damaged archive
        yield RawDocument(item.relative, error=("unreadable", terminal.safe(f"{type(e).__name__}: {e}")))
        return
    if item.path.name.lower().endswith(".gz") and not n_truncated and not _gzip_complete(item.path):
        yield RawDocument(item.relative, error=("truncated", "the file ends inside a gzip member: "
                                                "its last record is cut off"))


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
                           error=("unsupported_type", terminal.safe(f"a {record.rec_type} record of type "
                                                                    f"{kind or 'unknown'}: neither HTML nor text")))
    data = quietly(record.content_stream().read)
    cut = _cut_short(record)
    if cut:
        return RawDocument(item.relative, data=data, url=url, record_id=rid, error=("truncated", cut))
    return RawDocument(item.relative, data=data, url=url, record_id=rid, html=html, charset=charset)


def _cut_short(record) -> str | None:
    """Why a record read to its end is incomplete (its header or its payload cut off), or None."""
    declared = (record.rec_headers.get_header("Content-Length") or "").strip()
    if record.format == "warc" and not declared.isdigit():
        return "the record's header is cut off (no Content-Length)"
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:
        return f"the record ends {missing} bytes before its Content-Length"
    return None


def _gzip_complete(path) -> bool:
    """Every gzip member of the file ends (a record cut off inside its member's header leaves
    warcio nothing to report)."""
    try:
        with open_input(path) as raw, gzip.open(raw, "rb") as f:
            while f.read(1 << 20):
                pass
    except (OSError, EOFError, zlib.error):
        return False
    return True


def _quiet(records: Iterator) -> Iterator:
    """The records of a warcio iterator; what warcio writes to stderr meanwhile (warnings that may
    quote the archive) is passed on with control characters neutralised."""
    while True:
        record = quietly(next, records, None)
        if record is None:
            return
        yield record


def quietly(call, *args):
    """call(*args) with its writes to stderr caught, neutralised (terminal.safe) and passed on,
    also when it raises."""
    caught = io.StringIO()
    try:
        with contextlib.redirect_stderr(caught):
            return call(*args)
    finally:
        if caught.getvalue():
            sys.stderr.write(terminal.safe(caught.getvalue()))
