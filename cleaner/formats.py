"""Container inputs: JSON Lines, Parquet and WARC/WET files hold many documents each."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Callable, Iterator

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


def _first(record: dict, fields: tuple[str, ...]) -> str | None:
    for f in fields:
        value = record.get(f)
        if value is not None and value != "":
            return str(value)
    return None


def _record(item: InputFile, record: dict, n: int) -> RawDocument:
    rid = _first(record, ID_FIELDS) or str(n)
    text = _first(record, TEXT_FIELDS)
    if text is None:
        return RawDocument(item.relative, record_id=rid, url=_first(record, URL_FIELDS),
                           error=("empty", f"record {n} has no text field ({', '.join(TEXT_FIELDS)})"))
    return RawDocument(item.relative, text=text, url=_first(record, URL_FIELDS), record_id=rid)


def read_jsonl(item: InputFile) -> Iterator[RawDocument]:
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
                yield _record(item, record, n)
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
    """One document per WET conversion record or WARC text/plain response (warcio)."""
    from warcio.archiveiterator import ArchiveIterator

    try:
        with open(item.path, "rb") as f:
            for n, record in enumerate(ArchiveIterator(f)):
                if record.rec_type not in ("conversion", "response", "resource"):
                    continue
                content_type = record.rec_headers.get_header("Content-Type") or ""
                if record.http_headers is not None:
                    content_type = record.http_headers.get_header("Content-Type") or content_type
                if record.rec_type != "conversion" and "text/plain" not in content_type:
                    continue
                rid = record.rec_headers.get_header("WARC-Record-ID") or str(n)
                url = record.rec_headers.get_header("WARC-Target-URI")
                yield RawDocument(item.relative, data=record.content_stream().read(), url=url, record_id=rid)
    except Exception as e:  # warcio raises several kinds for a damaged archive
        yield RawDocument(item.relative, error=("unreadable", f"{type(e).__name__}: {e}"))
