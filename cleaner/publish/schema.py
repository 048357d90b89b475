"""The published columns: Arrow types and `datasets` features for every config.

Features are spelled the way datasets 3.x writes them (`Sequence`, YAML `sequence:`),
which datasets 4+ still reads, so one version loads with both."""

from __future__ import annotations

import pyarrow as pa

STRING = ("string", pa.string())
INT64 = ("int64", pa.int64())
INT32 = ("int32", pa.int32())
STRINGS = ("strings", pa.list_(pa.string()))
FLOAT = ("float64", pa.float64())
BOOL = ("bool", pa.bool_())
TIMESTAMP = ("timestamp[ms]", pa.timestamp("ms"))  # Parquet has no second unit: ms

COLUMNS: dict[str, list[tuple[str, tuple[str, pa.DataType], str]]] = {
    "articles": [
        ("id", STRING, "stable article id: sha256 of source_file (and record id), 16 hex digits"),
        ("source_file", STRING, "the input file's path relative to the input root"),
        ("source_sha256", STRING, "hex sha256 of the input file's raw bytes"),
        ("title", STRING, "the headline; null when the page has none"),
        ("text", STRING, "the article body: headings and paragraphs in reading order, one block per line"),
        ("published_at", STRING, "ISO 8601 date or date-time stated by the page; null when none"),
        ("source_name", STRING, "the outlet the page names (来源 and the like); null when none"),
        ("authors", STRINGS, "reporters and authors named by the byline, in order"),
        ("editors", STRINGS, "editors named by the page (编辑, 责任编辑)"),
        ("summary", STRING, "the page's own summary or lead-in (摘要, 导语); null when none"),
        ("language", STRING, "ISO 639-1 code from langdetect"),
        ("n_chars", INT64, "characters in text"),
        ("n_sentences", INT64, "sentences in the body segments"),
        ("removed_chars", INT64, "characters of the input taken out (see config removals)"),
        ("url", STRING, "the page's URL when the input records one"),
        ("record_id", STRING, "the record's id inside a container input (JSON Lines, Parquet, WARC)"),
        ("source_bytes", INT64, "byte length of the input"),
        ("encoding", STRING, "the encoding the input was decoded with"),
        ("repairs", STRINGS, "Unicode repairs applied by ftfy"),
        ("html_sha256", STRING, "hex sha256 of the page's HTML when the input was HTML (UTF-8 of a record's field); null for text"),
        ("html_bytes", INT64, "byte length of that HTML; null for text"),
        ("doc_number", STRING, "a government document's number (发文字号, 文号); null when none"),
        ("index_number", STRING, "an information-disclosure catalogue's index number (索引号); null when none"),
        ("issuer", STRING, "the body that issued a government document (发布机构, 发文机构); null when none"),
        ("written_at", STRING, "ISO 8601 date a government document was written (成文日期, 发文日期); null when none"),
        ("n_tokens", INT64, "words in text as jieba segments it (jieba-rs via rjieba: precise mode, HMM "
                            "off), punctuation and white space not counted"),
        ("script", STRING, "zh-Hans or zh-Hant: the script most of text's script-specific characters belong "
                           "to; null when it has none"),
        ("published_ts", TIMESTAMP, "published_at as a timestamp (the page's clock, no time zone); null when none"),
        ("published_precision", STRING, "day, minute or second: how much of published_ts the page stated"),
        ("boilerplate_share", FLOAT, "share of the input's characters removed as boilerplate (0-1, 4 places)"),
        ("spam_share", FLOAT, "share of the input's characters removed as spam (0-1, 4 places)"),
        ("has_spam", BOOL, "whether any spam was found and removed"),
    ],
    "segments": [
        ("id", STRING, "the article's id (join key)"),
        ("source_file", STRING, "as in articles (join key)"),
        ("index", INT32, "0-based reading order within the article"),
        ("kind", STRING, "title, heading, paragraph, caption, quote or list_item"),
        ("text", STRING, "the block's clean text"),
        ("sentences", STRINGS, "the block split into sentences; joined they give text back"),
        ("start", INT64, "offset of the block in the decoded input"),
    ],
    "removals": [
        ("id", STRING, "the article's id"),
        ("source_file", STRING, "as in articles"),
        ("start", INT64, "offset of the span's first character in the decoded input"),
        ("end", INT64, "offset just past the span's last character"),
        ("text", STRING, "the removed characters"),
        ("category", STRING, "boilerplate, spam, duplicate, metadata (moved into a column), image (file names and "
                                   "image markup, photo credits) or repair (residue taken out: pinyin after characters, HTML tags "
                                   "and entities)"),
        ("rule", STRING, "the fixed id of the rule that removed it (`cleaner rules` lists every rule)"),
    ],
    "rejected": [
        ("id", STRING, "the input's id"),
        ("source_file", STRING, "as in articles"),
        ("source_sha256", STRING, "hex sha256 of the input's raw bytes (empty when unreadable)"),
        ("reason", STRING, "a stable reason code (see the card)"),
        ("detail", STRING, "a human-readable explanation"),
        ("duplicate_of", STRING, "for reason duplicate: source_file of the copy that was kept, with "
                                 "#record_id when it is a record of a container"),
        ("record_id", STRING, "the record's id inside a container input (JSON Lines, Parquet, WARC)"),
    ],
}
CONFIGS = tuple(COLUMNS)


def column_names(config: str) -> list[str]:
    return [name for name, _, _ in COLUMNS[config]]


def arrow_schema(config: str) -> pa.Schema:
    return pa.schema([pa.field(name, kind[1]) for name, kind, _ in COLUMNS[config]])


def hf_feature(kind: str) -> dict:
    if kind == "strings":
        return {"feature": {"dtype": "string", "_type": "Value"}, "_type": "Sequence"}
    return {"dtype": kind, "_type": "Value"}


def hf_features(config: str) -> dict:
    return {name: hf_feature(kind[0]) for name, kind, _ in COLUMNS[config]}


def yaml_features(config: str) -> list[dict]:
    out = []
    for name, kind, _ in COLUMNS[config]:
        out.append({"name": name, "sequence": "string"} if kind[0] == "strings" else {"name": name, "dtype": kind[0]})
    return out
