"""Read inputs (found by walk.py), decode their bytes, repair mojibake: bytes in, `Source` (or `Rejection`) out."""

from __future__ import annotations

import hashlib
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import ftfy
from charset_normalizer import from_bytes

from cleaner.document import Rejection, Source, document_id
from cleaner.read.html import html_name, html_source, looks_like_html, markup_source
from cleaner.read.remote import open_input
from cleaner.read.walk import InputFile

# Only mojibake is repaired: no quote straightening, no width folding, no NFC/NFKC.
FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=True,
    remove_control_chars=False,
    normalization=None,
    explain=True,
)

# A UTF-8 lead byte read as Latin-1/cp1252 (Â..ô) followed by a continuation byte read the
# same way: text without such a pair cannot hold that mojibake, so ftfy (slow pure Python)
# is skipped. Curly quotes alone, common in Chinese text, do not send a page to ftfy.
MOJIBAKE_HINT = re.compile(
    r"[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
    r"\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f]")
INVISIBLES = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
LINE_BREAKS = re.compile(r"\r\n|[\r\u0085\u2028\u2029\u000b\u000c]")
BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Every character that looks_binary (CONTROL), repair (MOJIBAKE_HINT's first character) or
# normalise acts on: a text holding none is plain, and those three leave it as it is.
NOT_PLAIN = re.compile(r"[\x00-\x08\x0b-\x0d\x0e-\x1a\x1c-\x1f\x7f\u0085\u00a0\u00c2-\u00f4\u1680"
                       r"\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\ufeff]")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")


def looks_binary(text: str) -> bool:
    """Many C0 control characters in decoded text mean the input was not text."""
    sample = text[:65536]
    return len(CONTROL.findall(sample)) > max(8, 0.05 * len(sample))


def _utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when every other byte is mostly NUL (ASCII-heavy UTF-16)."""
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """(text, encoding name). UTF-8 and BOMs first (fast), then a real detector.

    Raises UnicodeError when no encoding reads the bytes."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return data.decode(name), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        utf8_error = e
    utf16 = _utf16_without_bom(data[:65536])
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    best = from_bytes(data[:262144] if len(data) > 262144 else data, threshold=0.6).best()
    if best is not None:
        name = _widen(best.encoding)
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            pass
    mixed = _decode_lines(data)
    if mixed is not None:
        return mixed
    # Mostly UTF-8 with a few broken bytes (a truncated or mixed file): keep it, mark the loss.
    text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") <= max(8, len(text) // 100):
        return text, "utf-8 (with replacements)"
    raise UnicodeError(f"no encoding reads these bytes ({utf8_error.reason} at byte {utf8_error.start})")


def _decode_lines(data: bytes) -> tuple[str, str] | None:
    """A file whose lines are in different encodings (UTF-8 lines among GB18030 or Big5 ones):
    each line decoded on its own; None when the lines do not all read."""
    lines = data.split(b"\n")
    legacy = [ln for ln in lines if not _is_utf8(ln)]
    if not legacy or len(legacy) == len(lines):
        return None
    best = from_bytes(b"\n".join(legacy)[:262144], threshold=0.6).best()
    if best is None:
        return None
    other = _widen(best.encoding)
    try:
        text = "\n".join(ln.decode("utf-8") if _is_utf8(ln) else ln.decode(other) for ln in lines)
    except (UnicodeDecodeError, LookupError):
        return None
    return text, f"mixed (utf-8 + {other})"


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _widen(name: str) -> str:
    """Decode with the superset of a detected legacy Chinese encoding."""
    name = name.lower().replace("_", "-")
    if name in {"gb2312", "gbk", "gb18030", "hz", "iso2022-cn"}:
        return "gb18030"
    if name in {"big5", "big5hkscs", "cp950"}:
        return "big5hkscs"
    return name


def normalise(text: str) -> str:
    """One line-break character, plain spaces for odd ones, no invisible characters."""
    text = LINE_BREAKS.sub("\n", text)
    text = ODD_SPACES.sub(" ", text)
    text = INVISIBLES.sub("", text)
    return text.replace("\x00", "")


def repair(text: str) -> tuple[str, tuple[str, ...]]:
    """Mojibake repaired by ftfy (its encoding fixes only); the names of the fixes applied."""
    if not MOJIBAKE_HINT.search(text):
        return text, ()
    fixed, explanation = ftfy.fix_and_explain(text, config=FTFY_CONFIG)
    steps = tuple(dict.fromkeys(f"{step.action}:{step.parameter}" for step in explanation or []))
    return fixed, steps


def decode_source(data: bytes, relative: str, url: str | None = None, record_id: str | None = None,
                  html: bool = False, charset: str | None = None) -> Source | Rejection:
    """Bytes of one input to a `Source`, or a `Rejection` saying why not. HTML (said so by the
    caller or the file name, or sniffed from the opening bytes) is parsed and flattened
    (markup.reader)."""
    digest = sha256_hex(data)
    rid = document_id(relative, record_id)
    if not data.strip():
        return Rejection(None, relative, digest, "empty", "the input holds no bytes or only white space", rid,
                         record_id)
    if html or html_name(relative) or looks_like_html(data):
        return html_source(data, relative, url, record_id, charset)
    try:
        text, encoding = decode_bytes(data)
    except (UnicodeError, LookupError) as e:
        if looks_binary(data[:65536].decode("latin-1")):
            return Rejection(None, relative, digest, "not_text", "the bytes hold many control bytes: a binary file", rid,
                             record_id)
        return Rejection(None, relative, digest, "undecodable", str(e), rid, record_id)
    plain = is_plain(text)
    if not plain and looks_binary(text):
        return Rejection(None, relative, digest, "not_text", "the decoded text is mostly control characters", rid,
                         record_id)
    return text_source(text, relative, digest, len(data), encoding, url, record_id, plain)


def is_plain(text: str) -> bool:
    """No character that looks_binary, repair or normalise acts on (one scan instead of five)."""
    return NOT_PLAIN.search(text) is None


def text_source(text: str, relative: str, digest: str, n_bytes: int, encoding: str, url: str | None = None,
                record_id: str | None = None, plain: bool | None = None) -> Source | Rejection:
    """Decoded text to a `Source`: mojibake repaired, line breaks and spaces normalised.
    `plain`: is_plain(text), when known already."""
    repairs: tuple[str, ...] = ()
    if not (is_plain(text) if plain is None else plain):
        text, repairs = repair(text)
        text = normalise(text)
    if not text.strip():
        return Rejection(None, relative, digest, "empty", "nothing but white space after decoding",
                         document_id(relative, record_id), record_id)
    return Source(relative, digest, n_bytes, encoding, repairs, text, url, record_id)


@dataclass(frozen=True)
class RawDocument:
    """One document as found: the bytes of a plain file, or one record of a container file."""

    relative: str
    data: bytes | None = None  # raw bytes (plain files, WARC payloads)
    text: str | None = None  # already-decoded text (JSON Lines, Parquet)
    url: str | None = None
    record_id: str | None = None
    error: tuple[str, str] | None = None  # (reason, detail) when it could not be read
    html: bool = False  # the bytes or text are HTML (a WARC content type, an `html` field)
    charset: str | None = None  # the charset an HTTP header declared for the bytes


LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")  # half of a UTF-16 pair: no character, cannot be written as UTF-8


def safe_text(text: str) -> str:
    """`text` with any lone surrogate escaped (\\udXXX): writable as UTF-8 (rows, JSON, ids)."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def to_source(raw: RawDocument) -> Source | Rejection:
    safe_record = None if raw.record_id is None else safe_text(raw.record_id)
    rid = document_id(raw.relative, safe_record)
    if raw.error is not None:
        digest = sha256_hex(raw.data) if raw.data is not None else ""
        return Rejection(None, raw.relative, digest, raw.error[0], safe_text(raw.error[1]), rid,
                         safe_record)
    for field_name, value in (("text", raw.text), ("url", raw.url), ("id", raw.record_id)):
        bad = LONE_SURROGATE.search(value) if value is not None else None
        if bad is not None:
            digest = sha256_hex(raw.text.encode("utf-8", "surrogatepass")) if raw.text is not None else \
                sha256_hex(raw.data or b"")
            return Rejection(None, raw.relative, digest, "undecodable",
                             f"the record's {field_name} holds a lone surrogate (U+{ord(bad.group()):04X}) at "
                             f"character {bad.start()}: not valid Unicode", rid, safe_record)
    if raw.text is not None:
        data = raw.text.encode("utf-8")
        if raw.html:
            return markup_source(raw.text, raw.relative, sha256_hex(data), len(data), "utf-8 (record)", raw.url,
                                 raw.record_id)
        return text_source(raw.text, raw.relative, sha256_hex(data), len(data), "utf-8 (record)", raw.url,
                           raw.record_id)
    return decode_source(raw.data or b"", raw.relative, raw.url, raw.record_id, raw.html, raw.charset)


def iter_documents(items: Iterable[InputFile], html_fields: tuple[str, ...] = ("html",)) -> Iterator[RawDocument]:
    """Every document of every input: one per plain file, one per record of a container (or
    one rejection for a container that holds none); `html_fields`: the record fields read as HTML."""
    from cleaner.read import containers as formats

    for item in items:
        problem = item.error or _not_a_regular_file(item.path)
        if problem:
            yield RawDocument(item.relative, error=(item.reason if item.error else "unreadable", problem))
            continue
        reader = formats.reader_for(item.path)
        if reader is None:
            try:
                data = item.path.read_bytes()
            except OSError as e:
                yield RawDocument(item.relative, error=("unreadable", f"{type(e).__name__}: {e.strerror or e}"))
                continue
            yield RawDocument(item.relative, data=data)
            continue
        yield from _records(item, reader, html_fields)


def _records(item: InputFile, reader, html_fields: tuple[str, ...]) -> Iterator[RawDocument]:
    """A container's documents; one rejection for the file when it holds none, or when the
    reader fails part-way (the documents read before it failed stay)."""
    n = 0
    try:
        if item.path.stat().st_size == 0:  # any format: no bytes is `empty` (a reader may call it damaged)
            yield RawDocument(item.relative, error=("empty", "the file holds no bytes"))
            return
        for raw in reader(item, html_fields):
            n += 1
            yield raw
    except Exception as e:  # a damaged container stops its own reading, never the run
        yield RawDocument(item.relative, error=("unreadable", f"after {n} records: {type(e).__name__}: {e}"))
        return
    if n == 0:
        yield RawDocument(item.relative, error=_nothing_in(item.path))


def _nothing_in(path: Path) -> tuple[str, str]:
    """The rejection of a container file with no record: `empty` (no bytes, or white space only)
    or `no_records` (something, but not one record)."""
    try:
        with open_input(path) as f:
            head = f.read(1 << 20)
    except OSError as e:
        return "unreadable", f"{type(e).__name__}: {e.strerror or e}"
    if not head.strip():
        return "empty", "the file holds no bytes or only white space"
    return "no_records", "the file holds no record this format's reader recognises"


def _not_a_regular_file(path: Path) -> str | None:
    """Why `path` cannot be read as a file, or None. A FIFO would block the run forever and a
    device (a link to /dev/zero) never ends: only regular files are read."""
    try:
        mode = path.stat().st_mode
    except OSError as e:
        return f"{type(e).__name__}: {e.strerror or e}"
    if stat.S_ISREG(mode):
        return None
    kind = "a folder" if stat.S_ISDIR(mode) else "a FIFO" if stat.S_ISFIFO(mode) else \
        "a socket" if stat.S_ISSOCK(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "special"
    return f"not a regular file ({kind})"


def read_input(item: InputFile) -> Source | Rejection:
    """Read one plain file; unreadable files become rejections, not exceptions."""
    problem = item.error or _not_a_regular_file(item.path)
    if problem:
        return Rejection(None, item.relative, "", item.reason if item.error else "unreadable", problem,
                         document_id(item.relative))
    try:
        data = item.path.read_bytes()
    except OSError as e:
        return Rejection(None, item.relative, "", "unreadable", f"{type(e).__name__}: {e.strerror or e}",
                         document_id(item.relative))
    return decode_source(data, item.relative)
