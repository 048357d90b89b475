"""Duplicates across documents: exact (hash of the normalised text) and near (MinHash + LSH),
decided over the whole build as connected components (DuplicateGroups), the same on every engine."""

from __future__ import annotations

import functools
import hashlib
import unicodedata
from array import array
from collections.abc import Iterator
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
    """What DuplicateGroups needs of a text: the hash of its normalised form and its MinHash
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


KEY_BYTES = 16  # a grouping key: the first 16 bytes of a digest (collisions beyond reach)


def group_keys(signature: tuple[str, bytes], threshold: float) -> tuple[bytes, list[bytes]]:
    """An article's keys to group on: its exact key (the normalised text's digest) and one key
    per LSH band (the band's values with the band's number, hashed): two articles share a band
    key exactly when datasketch's MinHashLSH would make them candidates through that band."""
    digest, values = signature
    bands, rows = lsh_bands(threshold)
    w = 4 * rows
    return bytes.fromhex(digest)[:KEY_BYTES], [
        hashlib.blake2b(values[b * w:(b + 1) * w], digest_size=KEY_BYTES, person=b"band%04d" % b).digest()
        for b in range(bands)]


@dataclass
class DuplicateGroups:
    """Duplicates across a whole build, decided once every article is known, so that the answer
    does not depend on the order articles arrive in or on how they were partitioned: articles
    sharing the exact key or any band key are linked; each connected component keeps its
    article first in input order (the least position) and the others are its duplicates,
    `exact` when their text normalises to the kept one's, `near` otherwise. Memory: 16 bytes
    per key and 8 per position, packed (about 90 bytes an article at the default threshold)."""

    threshold: float = 0.85
    _positions: array = field(default_factory=lambda: array("q"))
    _keys: list[bytearray] = field(default_factory=list)  # [exact, band 0, band 1, ...], packed

    def add(self, position: int, signature: tuple[str, bytes]) -> None:
        """Remember an article (its position in input order and its dedupe.text_signature)."""
        exact, bands = group_keys(signature, self.threshold)
        if not self._keys:
            self._keys = [bytearray() for _ in range(1 + len(bands))]
        self._positions.append(position)
        for packed, key in zip(self._keys, [exact, *bands]):
            packed += key

    def __len__(self) -> int:
        return len(self._positions)

    def decide(self) -> dict[int, tuple[str, int]]:
        """position -> (kind, position of the kept copy), for every article that is a duplicate."""
        if not self._positions:
            return {}
        positions = np.frombuffer(self._positions, dtype=np.int64)
        parent: dict[int, int] = {}
        for packed in self._keys:
            for a, b in _linked(positions, np.frombuffer(bytes(packed), dtype=f"V{KEY_BYTES}")):
                _union(parent, int(a), int(b))
        exact = dict(zip(positions.tolist(), np.frombuffer(bytes(self._keys[0]), dtype=f"V{KEY_BYTES}")))
        found = {}
        for p in sorted(parent):
            root = _find(parent, p)
            if root != p:
                found[p] = ("exact" if exact[p] == exact[root] else "near", root)
        return found


def _linked(positions: np.ndarray, keys: np.ndarray) -> Iterator[tuple[int, int]]:
    """(first position, other position) for every article sharing a key with another."""
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    same = np.flatnonzero(sorted_keys[1:] == sorted_keys[:-1]) + 1  # sorted index equal to its predecessor
    if not same.size:
        return
    run_start = np.arange(len(keys))
    starts = np.ones(len(keys), dtype=bool)
    starts[same] = False
    run_start = np.maximum.accumulate(np.where(starts, run_start, 0))
    yield from zip(positions[order[run_start[same]]].tolist(), positions[order[same]].tolist())


def _find(parent: dict[int, int], p: int) -> int:
    root = p
    while parent.get(root, root) != root:
        root = parent[root]
    while p != root:  # path compression
        parent[p], p = root, parent[p]
    return root


def _union(parent: dict[int, int], a: int, b: int) -> None:
    """Join a's and b's components under the lesser position (the copy first in input order)."""
    ra, rb = _find(parent, a), _find(parent, b)
    parent.setdefault(ra, ra)
    parent.setdefault(rb, rb)
    if ra != rb:
        parent[max(ra, rb)] = min(ra, rb)
