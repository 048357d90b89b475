"""Container inputs: JSON Lines, Parquet and WARC/WET files hold many documents each."""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import sys
import zlib
from collections import Counter
from pathlib import Path
from typing import Callable, Iterator

from . import terminal
from .read import InputFile, RawDocument

TEXT_FIELDS = ("text", "content", "body")
URL_FIELDS = ("url", "link", "uri")
ID_FIELDS = ("id", "doc_id", "record_id", "uuid")


def reader_for(path: Path) -> Callable[[InputFile], Iterator[RawDocument]] | None:
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


def _record(item: InputFile, record: dict, n: int) -> RawDocument:
    """One record: its text field (a string, or bytes decoded as a file's bytes are) with url and
    id; a value of another kind (a number, an object, a list) is a `bad_field` rejection."""
    try:
        rid = _string(_first(record, ID_FIELDS), numbers=True) or str(n)
    except TypeError as e:
        return RawDocument(item.relative, record_id=str(n), error=("bad_field", f"record {n}: {e}"))
    try:
        url = _string(_first(record, URL_FIELDS))
    except TypeError as e:
        return RawDocument(item.relative, record_id=rid, error=("bad_field", f"record {n}: {e}"))
    found = _first(record, TEXT_FIELDS)
    if found is None:
        return RawDocument(item.relative, record_id=rid, url=url,
                           error=("empty", f"record {n} has no text field ({', '.join(TEXT_FIELDS)})"))
    field, value = found
    if isinstance(value, bytes):
        return RawDocument(item.relative, data=value, url=url, record_id=rid)
    if not isinstance(value, str):
        return RawDocument(item.relative, record_id=rid, url=url,
                           error=("bad_field", f"record {n}: field {field!r} holds {type(value).__name__}, not text"))
    return RawDocument(item.relative, text=value, url=url, record_id=rid)


def read_jsonl(item: InputFile) -> Iterator[RawDocument]:
    """One document per line of a JSON Lines file (optionally gzipped)."""
    opener = gzip.open if item.path.name.lower().endswith(".gz") else open
    try:
        with opener(item.path, "rb") as f:
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
                yield _record(item, record, n)
            if blank:
                yield RawDocument(item.relative, error=("empty", "the file holds no line with a record"))
    except (OSError, EOFError) as e:
        yield RawDocument(item.relative, error=("unreadable", f"{type(e).__name__}: {e}"))


def read_parquet(item: InputFile) -> Iterator[RawDocument]:
    """One document per row of a Parquet file with a text column, read batch by batch."""
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(item.path)
        names = set(pf.schema_arrow.names)
        columns = [c for c in (*TEXT_FIELDS, *URL_FIELDS, *ID_FIELDS) if c in names]
        if not any(c in names for c in TEXT_FIELDS):
            yield RawDocument(item.relative, error=("not_text", f"no text column ({', '.join(TEXT_FIELDS)})"))
            return
        n = 0
        for batch in pf.iter_batches(batch_size=1000, columns=columns):
            for record in batch.to_pylist():
                yield _record(item, record, n)
                n += 1
    except Exception as e:  # pyarrow raises several kinds for a damaged file
        yield RawDocument(item.relative, error=("unreadable", f"{type(e).__name__}: {e}"))


def read_warc(item: InputFile) -> Iterator[RawDocument]:
    """One document per WET conversion record or WARC text/plain response (warcio); a record cut
    off before its Content-Length is a `truncated` rejection; a file whose records are all of
    other types is one `unsupported_type` rejection."""
    from warcio.archiveiterator import ArchiveIterator

    skipped: Counter = Counter()
    n_text = n_truncated = 0
    try:
        with open(item.path, "rb") as f:
            records = ArchiveIterator(f)
            for n, record in enumerate(_quiet(records)):
                if record.rec_type not in ("conversion", "response", "resource"):
                    continue
                content_type = record.rec_headers.get_header("Content-Type") or ""
                if record.http_headers is not None:
                    content_type = record.http_headers.get_header("Content-Type") or content_type
                if record.rec_type != "conversion" and "text/plain" not in content_type:
                    skipped[content_type.split(";")[0].strip() or "(none)"] += 1
                    continue
                n_text += 1
                rid = record.rec_headers.get_header("WARC-Record-ID") or str(n)
                url = record.rec_headers.get_header("WARC-Target-URI")
                data = quietly(record.content_stream().read)
                cut = _cut_short(record)
                if cut:
                    n_truncated += 1
                    yield RawDocument(item.relative, data=data, url=url, record_id=rid, error=("truncated", cut))
                    continue
                yield RawDocument(item.relative, data=data, url=url, record_id=rid)
    except Exception as e:  # warcio raises several kinds for a damaged archive
        yield RawDocument(item.relative, error=("unreadable", terminal.safe(f"{type(e).__name__}: {e}")))
        return
    if item.path.name.lower().endswith(".gz") and not n_truncated and not _gzip_complete(item.path):
        yield RawDocument(item.relative, error=("truncated", "the file ends inside a gzip member: "
                                                "its last record is cut off"))
        return
    if not n_text and skipped:
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(skipped.items()))
        yield RawDocument(item.relative, error=("unsupported_type", terminal.safe(
            f"none of its {sum(skipped.values())} records is text (content types: {kinds})")))


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
        with gzip.open(path, "rb") as f:
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
