"""Duplicates across documents: exact (hash of the normalised text) and near (MinHash + LSH)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from datasketch import LeanMinHash, MinHash, MinHashLSH

WHITE = re.compile(r"\s+")
SHINGLE = 5
NUM_PERM = 64


def normalised(text: str) -> str:
    return WHITE.sub("", unicodedata.normalize("NFKC", text))


MAX_SHINGLED = 100_000  # near-duplicate signature from the first characters: bounded cost


def minhash(text: str) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, seed=1)
    text = text[:MAX_SHINGLED]
    grams = {text[i:i + SHINGLE] for i in range(max(1, len(text) - SHINGLE + 1))}
    m.update_batch([g.encode("utf-8") for g in sorted(grams)])
    return m


def text_signature(text: str) -> tuple[str, LeanMinHash]:
    """What `check_and_add` needs of a text: the hash of its normalised form and its MinHash.
    Pure, so that engines compute it in their workers, beside the document."""
    norm = normalised(text)
    return hashlib.sha256(norm.encode("utf-8")).hexdigest(), LeanMinHash(minhash(norm))


@dataclass
class DuplicateIndex:
    """Remembers kept articles; says which earlier one a new article copies, if any."""

    threshold: float = 0.85
    exact: dict[str, str] = field(default_factory=dict)
    _lsh: MinHashLSH | None = None

    def __post_init__(self) -> None:
        self._lsh = MinHashLSH(threshold=self.threshold, num_perm=NUM_PERM)

    def check_and_add(self, key: str, text: str,
                      signature: tuple[str, MinHash] | None = None) -> tuple[str, str] | None:
        """(kind, key of the kept copy) when `text` duplicates a kept article, else None (and
        the article is remembered as kept). `signature`: text_signature(text), when computed
        elsewhere already."""
        digest, m = signature if signature is not None else text_signature(text)
        if digest in self.exact:
            return "exact", self.exact[digest]
        near = sorted(self._lsh.query(m))
        if near:
            return "near", near[0]
        self.exact[digest] = key
        self._lsh.insert(key, m)
        return None
