"""One settings object for every threshold and list; its fingerprint goes into the manifest."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass

from cleaner.clean.spam.params import SpamParams


@dataclass(frozen=True)
class Settings:
    # blocks and the body
    min_paragraph_chars: int = 25  # a block this long with sentence punctuation reads as prose
    max_heading_chars: int = 40  # a short line inside the body is a heading up to this length
    max_title_chars: int = 80
    # documents
    min_article_chars: int = 40
    max_line_chars: int = 1_000_000  # a longer line is not a page's text: rejected as too_long  # a kept body shorter than this is rejected as too_short
    languages: tuple[str, ...] = ()  # keep only these ISO 639-1 codes; empty keeps all
    language_sample_chars: int = 300  # langdetect on this much of the body (agreement 399/399 with the whole body in bench/run.py's sweep)
    # inputs
    html_fields: tuple[str, ...] = ("html",)  # JSON Lines / Parquet fields read as HTML (before text fields)
    # spam
    spam_lexicons: tuple[str, ...] = ()  # extra lexicon files (same format as cleaner/data/spam_lexicon.txt)
    shard_min_count: int = 2  # an injected fragment must recur this often in a document
    spam: SpamParams = SpamParams()  # the spam machinery's thresholds (cleaner/clean/spam/params.py)
    # near duplicates across documents
    near_duplicate_threshold: float = 0.85
    # mark: a duplicate stays an article, duplicate_of naming the copy kept first in input order;
    # reject: it becomes a `duplicate` rejection instead
    duplicates: str = "mark"
    # splits: this share of articles goes to a `validation` split, by a hash of the article id
    validation_fraction: float = 0.0
    # the published card
    license: str = "unknown"

    def as_dict(self) -> dict:
        return asdict(self)

    def fingerprint(self) -> str:
        blob = json.dumps(self.as_dict(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


DEFAULT = Settings()
