"""Shard candidates: recurring Han fragments that are no word, stand loose between words and
sit in varied company (vectorised first pass, then per fragment)."""

from __future__ import annotations

import functools
from collections import Counter

import numpy as np

from cleaner.clean.han import HAN_BLOCKS
from cleaner.clean.spam.page import OPENING, QUOTES, name_like
from cleaner.clean.spam.params import SpamParams
from cleaner.clean.spam.words import WORD_MIN_FREQ, WordModel, bloom_hashes, word_model

Occ = tuple[int, int, str]  # start, end, fragment




_HAN_TABLE = np.zeros(0x110000, bool)  # code point -> Han (every code point: no clipping to do)


for _lo, _hi in HAN_BLOCKS:
    _HAN_TABLE[_lo:_hi + 1] = True


def _is_han_arr(a: np.ndarray) -> np.ndarray:
    return _HAN_TABLE[a]


@functools.lru_cache(maxsize=4)
def _han_mask(text: str) -> bytes:
    """Per character of `text` (and one more, past its end): 1 where it is Han, else 0."""
    a = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    return _is_han_arr(a).tobytes() + b"\x00"


def _pair_keys(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """The bigram keys of the character pairs (left[i], right[i])."""
    return (left.astype(np.uint64) << np.uint64(32)) | right.astype(np.uint64)


def _pair_bits(wm: WordModel, keys: np.ndarray) -> np.ndarray:
    """The word model's Bloom bits of bigram keys (see _pair_keys)."""
    h1, h2 = bloom_hashes(keys)
    return wm.bloom[h1] & wm.bloom[h2]


@functools.lru_cache(maxsize=4)
def _grow_offsets(max_shard: int) -> np.ndarray:
    """Offsets of the characters a bigram at p may grow over: p-1 ... p-(max_shard-1) on the
    left, p+2 ... p+max_shard on the right."""
    return np.r_[-np.arange(1, max_shard), 1 + np.arange(1, max_shard)]


def _growth(params: SpamParams, padded: np.ndarray, pidx: np.ndarray, starts: np.ndarray) -> tuple[np.ndarray, ...]:
    """How far each group of bigram occurrences (rows pidx, groups from `starts`) grows left
    and right while all its occurrences agree on a Han character, the left side first, up to
    max_shard characters in all; and whether it would grow beyond (too long for a shard)."""
    c = padded[pidx[:, None] + _grow_offsets(params.max_shard)]
    lo, hi = np.minimum.reduceat(c, starts, axis=0), np.maximum.reduceat(c, starts, axis=0)
    agree = (lo == hi) & _is_han_arr(lo)
    n_side = params.max_shard - 1
    # agreeing characters in a row
    run_l = np.logical_and.accumulate(agree[:, :n_side], axis=1).sum(axis=1)
    run_r = np.logical_and.accumulate(agree[:, n_side:], axis=1).sum(axis=1)
    left = np.minimum(run_l, params.max_shard - 2)
    room = params.max_shard - 2 - left
    right = np.minimum(run_r, room)
    return left, right, (run_l > params.max_shard - 2) | (run_r > room)


def _loose_fragments(params: SpamParams, text: str, k: int) -> dict[str, tuple[list[int], list[int]]]:
    """The cheap, vectorised filter: Han bigrams that are no word and recur at least `k` times,
    each grown left and right while all its occurrences agree (a shard such as 满乾坤 holds a
    word, 乾坤, and a bigram that is none, 满乾), kept where the grown fragment stands loose
    between words at least `k` times (no frequent word runs across one of its edges; across
    neither at least once: the dictionary's rarer words bind by chance, 名|门好运 ...).
    Returns fragment -> (start offsets of its loose occurrences, of all its occurrences)."""
    a = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    if a.size < 4:
        return {}
    han = _is_han_arr(a)
    pair = han[:-1] & han[1:]
    if int(pair.sum()) < 2 * k:
        return {}
    pad = params.max_shard  # zeros around the text: a bigram grows over them, never past the ends
    padded = np.concatenate((np.zeros(pad + 1, np.uint32), a, np.zeros(pad + 1, np.uint32)))
    pkeys = _pair_keys(padded[:-1], padded[1:])  # pkeys[i]: the pair padded[i], padded[i + 1]
    pbits = _pair_bits(word_model(), pkeys)
    bits = pbits[pad + 1:pad + a.size]  # the pairs of `a`
    idx = np.nonzero(pair & ((bits & 2) == 0))[0]
    if idx.size < k:
        return {}
    grouped = _grouped(pkeys[idx + pad + 1], idx, k)  # (keys: the pairs a[idx], a[idx + 1])
    if grouped is None:
        return {}
    twinned = _twinned(params, *grouped, k)
    if twinned is None:
        return {}
    idx, twin, sizes = twinned
    return _grown(params, text, padded, pbits, idx + pad + 1, twin, sizes, k)


def _grouped(keys: np.ndarray, idx: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray] | None:
    """The occurrences `idx` grouped by bigram (ascending key, in text order inside a group),
    the groups of k or more kept: (their occurrences, the size of each group)."""
    order = np.argsort(keys, kind="stable")
    sk = keys[order]
    # (np.concatenate, not np.r_: its index-trick machinery costs more than the arrays here)
    first = np.flatnonzero(np.concatenate(([True], sk[1:] != sk[:-1])))
    counts = np.concatenate((first[1:], [sk.size])) - first
    big = counts >= k
    if not big.any():
        return None
    return idx[order[np.repeat(big, counts)]], counts[big]


def _twinned(params: SpamParams, idx: np.ndarray, sizes: np.ndarray, k: int) -> tuple[np.ndarray, ...] | None:
    """A shard comes back once per round: an occurrence with no twin within one round's reach
    belongs to the article (a term used now and then over a long text). A bigram with fewer
    than k such occurrences stands loose fewer than k times: it goes before growing (growth
    moves all the occurrences of a bigram alike, so their distances are the bigram's).
    Returns the groups kept: (occurrences, whether each has a twin, group sizes)."""
    group = np.repeat(np.arange(sizes.size), sizes)
    close = (group[1:] == group[:-1]) & (idx[1:] - idx[:-1] <= params.max_round)
    twin = np.zeros(idx.size, bool)
    twin[1:] |= close
    twin[:-1] |= close
    starts = np.concatenate(([0], np.cumsum(sizes[:-1])))
    paired = np.add.reduceat(twin.astype(np.int64), starts) >= k
    if not paired.any():
        return None
    rows = np.repeat(paired, sizes)
    return idx[rows], twin[rows], sizes[paired]


def _grown(params: SpamParams, text: str, padded: np.ndarray, pbits: np.ndarray, pidx: np.ndarray,
           twin: np.ndarray, sizes: np.ndarray, k: int) -> dict[str, tuple[list[int], list[int]]]:
    """Each group of bigram occurrences (at `pidx` in `padded`) grown into its fragment, kept
    when it stands loose `k` times (see _loose_fragments)."""
    pad = params.max_shard
    starts = np.concatenate(([0], np.cumsum(sizes[:-1])))
    group = np.repeat(np.arange(starts.size), sizes)
    left, right, too_long = _growth(params, padded, pidx, starts)
    s = pidx - left[group]
    e = pidx + 2 + right[group]
    free_l, free_r = (pbits[s - 1] & 1) == 0, (pbits[e - 1] & 1) == 0
    loose = (free_l | free_r) & ~too_long[group] & twin
    n_loose = np.add.reduceat(loose.astype(np.int64), starts)
    n_free = np.add.reduceat((free_l & free_r & loose).astype(np.int64), starts)
    chosen = np.nonzero((n_loose >= k) & (n_free >= params.min_free))[0]
    if chosen.size == 0:
        return {}
    keep = np.zeros(starts.size, bool)
    keep[chosen] = True
    mask = keep[group]  # the rows of the groups kept, in order
    every_all = (s[mask] - pad - 1).tolist()
    loose_all = (s[mask & loose] - pad - 1).tolist()  # the same rows, loose ones only
    lengths = (left + right + 2)[chosen].tolist()
    return _by_fragment(text, every_all, loose_all, sizes[chosen].tolist(), n_loose[chosen].tolist(), lengths)


def _by_fragment(text: str, every_all: list[int], loose_all: list[int], sizes: list[int], loose_sizes: list[int],
                 lengths: list[int]) -> dict[str, tuple[list[int], list[int]]]:
    """fragment -> (starts of its loose occurrences, of all), from the kept groups' rows in order."""
    out: dict[str, tuple[list[int], list[int]]] = {}
    i = j = 0
    for size, size_loose, n in zip(sizes, loose_sizes, lengths):
        every, pos = every_all[i:i + size], loose_all[j:j + size_loose]
        i += size
        j += size_loose
        frag = text[every[0]:every[0] + n]
        if frag in out:  # two bigrams of one shard grew into the same fragment
            if out[frag] == (pos, every):
                continue  # at the same places, as they mostly do: nothing to add
            pos, every = sorted(set(pos) | set(out[frag][0])), sorted(set(every) | set(out[frag][1]))
        out[frag] = (pos, every)
    return out


def diverse(text: str, occs: list[Occ], limit: float = 0) -> bool:
    """Whether the occurrences sit in different company, as fragments dropped at random word
    boundaries do; a term of the article keeps returning with the same neighbour
    (志愿服务日活动, 志愿服务日活动 ...). Punctuation next to the fragment tells nothing.
    `limit`: how many occurrences may share a neighbour (by default all of two or three, 60%
    of more)."""
    n = len(occs)
    if not n:
        return True
    limit = limit or (n if n <= 3 else 0.6 * n)
    han = _han_mask(text)
    # (fewer neighbours than the limit: none can be shared that often)
    lefts = [text[max(0, s - 2):s] for s, _, _ in occs if s > 0 and han[s - 1]]
    if len(lefts) >= limit and _most_repeated(lefts) >= limit:
        return False
    rights = [text[e:e + 2] for _, e, _ in occs if han[e]]
    return len(rights) < limit or _most_repeated(rights) < limit


def _most_repeated(items: list[str]) -> int:
    """How often the commonest item occurs (no Counter when none repeats, the common case;
    nor for a short list, where counting each distinct item is cheaper)."""
    distinct = set(items)
    if len(distinct) == len(items):
        return min(1, len(items))
    if len(items) <= 16:
        return max(map(items.count, distinct))
    return max(Counter(items).values())


def _free(text: str, frag: str, starts: list[int], claimed: bytearray, closers: dict[int, str]) -> list[Occ]:
    """The occurrences of `frag` at `starts` that overlap no claimed character and are not
    quoted (as quoted; `closers`: offset after an opening mark -> the mark that closes it)."""
    n = len(frag)
    if not starts:
        return []
    # nothing claimed anywhere between the first and the last: no occurrence to look at
    some = claimed.find(1, starts[0], starts[-1] + n) >= 0
    if not some and closers.keys().isdisjoint(starts):
        return [(p, p + n, frag) for p in starts]  # (none claimed, none after an opening mark)
    # (one loop, not comprehensions: each of those is a call of its own before Python 3.12)
    out: list[Occ] = []
    for p in starts:
        if some and claimed.find(1, p, p + n) >= 0:
            continue
        close = closers.get(p)
        if close is not None and text[p + n:p + n + 1] == close:
            continue
        out.append((p, p + n, frag))
    return out


def _near_others(params: SpamParams, seeds: dict[str, list[Occ]], k: int) -> dict[str, list[Occ]]:
    """Each seed's occurrences with another seed's occurrence starting at most max_gap before
    their start or after their end; seeds left with fewer than `k` go. (Seeds never share a
    start, so the nearest other one on either side decides.)"""
    spots = sorted(o for v in seeds.values() for o in v)
    count = len(spots)
    near_l: list[int | None] = [None] * count  # start of the nearest other seed's occurrence before
    near_r: list[int | None] = [None] * count  # ... after
    last = None
    for i in range(1, count):
        if spots[i - 1][2] != spots[i][2]:
            last = spots[i - 1][0]
        near_l[i] = last
    last = None
    for i in range(count - 2, -1, -1):
        if spots[i + 1][2] != spots[i][2]:
            last = spots[i + 1][0]
        near_r[i] = last
    ok = {o[0] for o, lo, hi in zip(spots, near_l, near_r)
          if (lo is not None and lo >= o[0] - params.max_gap) or (hi is not None and hi <= o[1] + params.max_gap)}
    near: dict[str, list[Occ]] = {}
    for frag, occs in seeds.items():
        kept = [o for o in occs if o[0] in ok]
        if len(kept) >= k:
            near[frag] = kept
    return near


def shard_seeds(params: SpamParams, text: str, k: int, stops: tuple[tuple[int, int], ...] = ()) -> dict[str, list[Occ]]:
    """Recurring fragments that are no word, stand loose between words at least `k` times, sit
    in varied company and do not read as a name: the shards that give themselves away.
    Returns fragment -> all its occurrences near others (each is judged later).
    `stops`: spans already known as spam."""
    wm = word_model()
    seeds: dict[str, list[Occ]] = {}
    claimed = bytearray(len(text) + 1)
    for a, b in stops:
        claimed[a:b] = b"\x01" * (b - a)
    closers = {m.end(): QUOTES[m.group()] for m in OPENING.finditer(text)}
    found = sorted(_loose_fragments(params, text, k).items(), key=lambda kv: (-len(kv[1][0]), -len(kv[0]), kv[0]))
    for frag, (loose, every) in found:
        if wm.is_word(frag, WORD_MIN_FREQ) or name_like(frag):
            continue
        free = _free(text, frag, every, claimed, closers)  # the loose ones are among them
        if len(loose) < len(every):
            ok = set(loose)
            occs = [o for o in free if o[0] in ok]
        else:
            occs = free
        if len(occs) < k or not diverse(text, occs):
            continue
        seeds[frag] = free
        mark = b"\x01" * len(frag)
        for p, e, _ in free:
            claimed[p:e] = mark
    # an occurrence far from every other seed's is no part of an injected stretch
    return _near_others(params, seeds, k)


def drop_overlaps(occs: list[Occ]) -> list[Occ]:
    """The occurrences left to right, of overlapping ones the longest. (In plain tuple order,
    without a key: of several starting at one place, each longer one replaces the one before,
    so the longest stays, as when the longest came first.)"""
    out: list[Occ] = []
    for o in sorted(occs):
        if out and o[0] < out[-1][1]:
            if o[1] - o[0] > out[-1][1] - out[-1][0]:
                out[-1] = o
            continue
        out.append(o)
    return out
