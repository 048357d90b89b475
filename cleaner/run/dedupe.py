"""Duplicates across documents: exact (hash of the normalised text) and near (MinHash + LSH)."""

from __future__ import annotations

import functools
import hashlib
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from datasketch import LeanMinHash

SHINGLE = 5
NUM_PERM = 64
SEED = 1
SCHEME = "affine32"  # datasketch's scheme for h -> a*h + b mod 2**32, a odd: a bijection per permutation
BASE = np.uint64(0x9E3779B97F4A7C15)  # odd multiplier of the polynomial shingle hash (mod 2**64)
# The permutations' a (odd) and b, fixed: from SHAKE-256, not from numpy's random streams, which
# numpy does not promise to keep across versions (workers of a cluster may differ).
_PERM = np.frombuffer(hashlib.shake_256(b"cleaner minhash %d" % SEED).digest(8 * NUM_PERM), dtype="<u4")
PERM_A = (_PERM[:NUM_PERM] | 1).astype(np.uint32)[:, None]
PERM_B = _PERM[NUM_PERM:].astype(np.uint32)[:, None]
CHUNK = 16_384  # shingles permuted at a time: bounds the NUM_PERM x CHUNK scratch array


def normalised(text: str) -> str:
    """NFKC without whitespace (str.split's whitespace is exactly the `\\s` of re)."""
    codes = normalised_codes(text)
    if codes is None:
        return _normalised_slowly(text)
    return codes.tobytes().decode("utf-32-le")


def _normalised_slowly(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


BMP = 0x10000


@functools.lru_cache(maxsize=1)
def nfkc_tables() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per BMP code point c: (inert, length, start) and the flat code points they index: c's NFKC
    form without white space is flat[start:start + length]. `inert`: NFKC never joins c to the
    character before it (its compatibility decomposition opens with a starter that is no second
    half of a canonical composite), so NFKC of a text of inert characters is the concatenation
    of its characters' NFKC forms (Unicode's composition boundaries, UAX #15)."""
    second = set(range(0x1161, 0x1176)) | set(range(0x11A8, 0x11C3))  # Hangul V and T jamo
    for c in range(0x30000):  # no canonical decomposition lies beyond plane 2
        mapping = unicodedata.decomposition(chr(c))
        if mapping and mapping[0] != "<" and " " in mapping:
            second.add(int(mapping.split()[1], 16))
    inert = np.ones(BMP, dtype=bool)
    inert[0xD800:0xE000] = False  # lone surrogates
    length = np.ones(BMP, dtype=np.intp)
    start = np.arange(BMP, dtype=np.intp)
    extra: list[int] = []
    for c in range(BMP):
        ch = chr(c)
        decomposed = unicodedata.is_normalized("NFKD", ch)
        first = ch if decomposed else unicodedata.normalize("NFKD", ch)[0]
        if unicodedata.combining(first) or ord(first) in second:
            inert[c] = False
            continue
        form = "".join((ch if decomposed else unicodedata.normalize("NFKC", ch)).split())
        if form != ch:
            length[c] = len(form)
            start[c] = BMP + len(extra)
            extra.extend(map(ord, form))
    flat = np.concatenate((np.arange(BMP), np.array(extra, dtype=np.intp))).astype("<u4")
    return inert, length, start, flat


def normalised_codes(text: str) -> np.ndarray | None:
    """normalised(text) as little-endian 32-bit code points, by table look-ups; None when the text
    holds a character outside the BMP, a lone surrogate, or one that NFKC may join to the
    character before it."""
    try:
        codes = np.frombuffer(text.encode("utf-32-le"), dtype="<u4")
    except UnicodeEncodeError:  # lone surrogates
        return None
    if codes.size and int(codes.max()) >= BMP:
        return None
    inert, length, start, flat = nfkc_tables()
    if not inert[codes].all():
        return None
    n = length[codes]
    ends = np.cumsum(n)
    index = np.arange(int(ends[-1]) if n.size else 0) + np.repeat(start[codes] - (ends - n), n)
    return flat[index]


MAX_SHINGLED = 100_000  # near-duplicate signature from the first characters: bounded cost


def shingle_hashes(text: str) -> np.ndarray:
    """Distinct 32-bit hashes of the text's SHINGLE-character shingles (the whole text when shorter):
    a polynomial hash of the code points mod 2**64, avalanched (MurmurHash3's finalizer), high half.
    Depends on the text only, never on the process or PYTHONHASHSEED."""
    return _shingle_hashes(np.frombuffer(text.encode("utf-32-le"), dtype="<u4"))


def _shingle_hashes(codes: np.ndarray) -> np.ndarray:
    """shingle_hashes of the text whose code points these are."""
    codes = codes.astype(np.uint64)
    width = min(SHINGLE, len(codes))
    count = max(1, len(codes) - SHINGLE + 1)
    h = np.full(count, width, dtype=np.uint64)
    for k in range(width):
        h *= BASE
        h += codes[k:k + count]
    h ^= h >> np.uint64(33)
    h *= np.uint64(0xFF51AFD7ED558CCD)
    h ^= h >> np.uint64(33)
    h *= np.uint64(0xC4CEB9FE1A85EC53)
    h ^= h >> np.uint64(33)
    h = np.sort((h >> np.uint64(32)).astype(np.uint32))
    return h[np.concatenate(([True], h[1:] != h[:-1]))]


def minhash(text: str) -> LeanMinHash:
    """MinHash of the shingles of the first MAX_SHINGLED characters: per permutation
    h -> a*h + b (mod 2**32), the least value over the shingle hashes."""
    from datasketch import LeanMinHash

    values = _minhash_values(np.frombuffer(text[:MAX_SHINGLED].encode("utf-32-le"), dtype="<u4"))
    return LeanMinHash(seed=SEED, hashvalues=values, scheme=SCHEME)


def _minhash_values(codes: np.ndarray) -> np.ndarray:
    """minhash's NUM_PERM values (uint32) for the text whose first MAX_SHINGLED code points these are."""
    h = _shingle_hashes(codes)
    least = np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)
    for i in range(0, len(h), CHUNK):
        p = PERM_A * h[i:i + CHUNK]
        p += PERM_B
        np.minimum(least, p.min(axis=1), out=least)
    return least


def text_signature(text: str) -> tuple[str, bytes]:
    """What `check_and_add` needs of a text: the hash of its normalised form and its MinHash
    values (NUM_PERM little-endian uint32, as bytes: cheap to pickle). Pure, so that engines
    compute it in their workers, beside the document."""
    codes = normalised_codes(text)
    if codes is None:
        norm = _normalised_slowly(text)
        codes = np.frombuffer(norm.encode("utf-32-le"), dtype="<u4")
    else:
        norm = codes.tobytes().decode("utf-32-le")
    values = _minhash_values(codes[:MAX_SHINGLED]).astype("<u4").tobytes()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest(), values


# datasketch's MinHashLSH bands (b, r) for NUM_PERM and a threshold (its _optimal_param with equal
# weights), known for the default threshold: no scipy import for it. tests/test_duplicates.py checks.
LSH_BANDS = {0.85: (4, 15)}


def lsh_bands(threshold: float) -> tuple[int, int]:
    """(bands, rows per band) of the LSH index for this threshold."""
    if threshold not in LSH_BANDS:
        from datasketch import MinHashLSH

        lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        LSH_BANDS[threshold] = (lsh.b, lsh.r)
    return LSH_BANDS[threshold]


@dataclass
class DuplicateIndex:
    """Remembers kept articles; says which earlier one a new article copies, if any. Near
    duplicates by MinHash LSH as datasketch's MinHashLSH finds them: the same bands, a candidate
    being any kept article whose values agree with the new one's on a whole band."""

    threshold: float = 0.85
    exact: dict[str, str] = field(default_factory=dict)
    _tables: list[dict[bytes, list[str]]] = field(default_factory=list)  # per band: its values -> keys
    _width: int = 0  # bytes of a band
    _keys: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        bands, rows = lsh_bands(self.threshold)
        self._tables = [{} for _ in range(bands)]
        self._width = 4 * rows

    def check_and_add(self, key: str, text: str) -> tuple[str, str] | None:
        """(kind, key of the kept copy) when `text` duplicates a kept article, else None (and
        the article is remembered as kept)."""
        return self.check_signature(key, text_signature(text))

    def check_signature(self, key: str, signature: tuple[str, bytes]) -> tuple[str, str] | None:
        """check_and_add for an article's text_signature computed elsewhere (in a worker)."""
        digest, values = signature
        if digest in self.exact:
            return "exact", self.exact[digest]
        w = self._width
        bands = [values[i * w:(i + 1) * w] for i in range(len(self._tables))]
        near = [k for table, band in zip(self._tables, bands) for k in table.get(band, ())]
        if near:
            return "near", min(near)
        if key in self._keys:
            raise ValueError("The given key already exists")  # as MinHashLSH.insert
        self._keys.add(key)
        self.exact[digest] = key
        for table, band in zip(self._tables, bands):
            table.setdefault(band, []).append(key)
        return None
