"""Slots: hidden shards (real words) found in the same place of every round of a cycle, and
the last piece of a round cut short."""

from __future__ import annotations

import functools
import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from cleaner.clean.spam.candidates import Occ, diverse
from cleaner.clean.spam.evidence import loose_count
from cleaner.clean.spam.joins import phrase_like
from cleaner.clean.spam.page import overlaps
from cleaner.clean.spam.params import SpamParams
from cleaner.clean.spam.words import HAN_RUN, WORD_MIN_FREQ, bind_gain, binds, join_gain, word_model


@functools.lru_cache(maxsize=1024)
def _unique_substrings(params: SpamParams, s: str) -> frozenset[str]:
    """Han substrings of 2..max_shard characters that occur once in `s`. Memoised: the
    retries of a cycle (without_one, one_cycle) search the same gaps again."""
    subs = [run[i:i + w] for run in HAN_RUN.findall(s) for w in range(2, params.max_shard + 1)
            for i in range(len(run) - w + 1)]
    seen: set[str] = set()
    again: set[str] = set()
    for y in subs:
        (again if y in seen else seen).add(y)
    return frozenset(seen - again)


def _proper_substrings(frags) -> set[str]:
    """Every substring of 2 characters or more of the fragments, shorter than its fragment:
    a fragment in this set lies inside another one (one set lookup instead of a scan of all
    pairs)."""
    return {z[i:j] for z in frags for i in range(len(z) - 1) for j in range(i + 2, len(z) + 1)
            if j - i < len(z)}


def _poisson_tail(m: int, lam: float) -> float:
    """P(X >= m) for X ~ Poisson(lam)."""
    term, cdf = math.exp(-lam), 0.0
    for i in range(m):
        cdf += term
        term *= lam / (i + 1)
    return max(0.0, 1.0 - cdf)


def _common_here(text: str, y: str, places: list[int], regions: list[tuple[int, int]]) -> bool:
    """Whether a word is just frequent on this page (体育彩票 in a lottery story): as often
    elsewhere, per character, as in the slots it was found in. An injected word (家园 in a
    story that uses it now and then) is far denser in its slots than anywhere else."""
    inside = sum(e - s for s, e in regions)
    lo = min(s for s, _ in regions)
    hi = max(e for _, e in regions)
    outside = len(text) - (hi - lo)
    elsewhere = text.count(y, 0, lo) + text.count(y, hi)
    lam = (elsewhere + 0.5) / max(outside, 200) * inside
    return _poisson_tail(len(places), lam) > 0.1


def _loose_elsewhere(params: SpamParams, text: str, y: str, core: tuple[int, int], places: list[int]) -> bool:
    """Whether `y` also stands loose inside the stretch outside the places found for it (where
    it forms words with its neighbours, 居民|安全 for 民安, it is another matter)."""
    p = text.find(y, core[0], core[1])
    while p >= 0:
        if p not in places and not binds(params, text, p, p + len(y)):
            return True
        p = text.find(y, p + 1, core[1])
    return False


Region = tuple[int, int]
# exposed shard -> the hidden shards of the slot after it, with their offset in its first gap
Slots = dict[str, list[tuple[int, str]]]


@dataclass
class _Regions:
    """Where the hidden shards of each slot may stand, per exposed shard (the slot after it):
    complete gaps (between it and the next shard, short enough to search), gaps too long to
    search, and the partial rounds before the first / after the last shard."""

    gaps: dict[str, list[Region]]
    wide: dict[str, list[Region]]
    partial: dict[str, list[Region]]


def _regions(params: SpamParams, text: str, order: list[str], members: list[Occ],
             stops: list[Region]) -> _Regions | None:
    """The slots' regions of a cycle (see _Regions); None when no gap is short enough to search."""
    n = len(order)
    nxt = {order[i]: order[(i + 1) % n] for i in range(n)}
    pred = {v: t for t, v in nxt.items()}
    gaps: dict[str, list[Region]] = defaultdict(list)
    wide: dict[str, list[Region]] = defaultdict(list)  # too long to search, still a slot
    for a, b in zip(members, members[1:]):
        if nxt[a[2]] == b[2]:
            (gaps if b[0] - a[1] <= params.max_fill_gap else wide)[a[2]].append((a[1], b[0]))
    longest = max((e - s for v in gaps.values() for s, e in v), default=0)
    if not longest:
        return None
    reach = min(params.max_fill_gap, int(longest * 1.5) + 8)
    first, last = members[0], members[-1]
    partial: dict[str, list[Region]] = defaultdict(list)
    partial[pred[first[2]]].append((max(0, first[0] - reach), first[0]))
    # the last round ends where other spam (a brand) is: what follows is the article again
    hi = min([len(text), last[1] + reach] + [s for s, e in stops if s >= last[1]])
    partial[last[2]].append((last[1], hi))
    return _Regions(gaps, wide, partial)


def _once_everywhere(params: SpamParams, text: str, complete: list[Region], outer: list[Region]) -> list[str]:
    """The maximal fragments present once in every complete gap and in two regions at least
    (with two complete gaps, every one of them is), longest first."""
    texts = sorted((text[s:e] for s, e in complete), key=len)
    once: frozenset[str] | set[str] = _unique_substrings(params, texts[0])
    for other in texts[1:]:
        once = {y for y in once if other.count(y) == 1}
    if len(complete) < 2:
        in_outer: set[str] = set()
        for s, e in outer:
            region = text[s:e]
            in_outer |= {y for y in once if region.count(y) == 1}
        once = once & in_outer
    inner = _proper_substrings(once)
    return sorted(once - inner, key=len, reverse=True)


def _places(text: str, y: str, complete: list[Region], outer: list[Region], blocked: list[Region]) -> list[int] | None:
    """Where `y` stands in the slot's regions, outside `blocked`: once in every complete gap
    and two places at least, else None."""
    n_y = len(y)
    places = [text.find(y, s, e) for s, e in complete] + \
        [text.find(y, s, e) for s, e in outer if text.count(y, s, e) == 1]
    places = [p for p in places if not overlaps(p, p + n_y, blocked)]
    complete_ok = sum(1 for p in places for s, e in complete if s <= p < e) == len(complete)
    if not complete_ok or len(places) < 2:
        return None
    return places


def _hidden_shard(params: SpamParams, text: str, y: str, places: list[int], regions: list[Region],
                  core: Region) -> bool:
    """Whether `y` at `places` is a hidden shard: in varied company, foreign to the rest of the
    article, loose at every place and nowhere else loose among the shards (cheap tests first)."""
    n_y = len(y)
    if not diverse(text, [(p, p + n_y, y) for p in places]):
        return False
    if len(places) == 2:
        if text.count(y) > 2:
            return False  # seen twice only: it must be foreign to the rest of the article
    elif _common_here(text, y, places, regions):
        return False
    if any(binds(params, text, p, p + n_y) for p in places):
        return False
    # also loose elsewhere among the shards, out of its slot: the article's word
    return not _loose_elsewhere(params, text, y, core, places)


def _search_slots(params: SpamParams, text: str, order: list[str], members: list[Occ], stops: list[Region],
                  reg: _Regions) -> tuple[list[Occ], Slots]:
    """Every hidden shard found in its slot (see fill_gaps), before the order and size checks."""
    blocked = [(o[0], o[1]) for o in members] + list(stops)
    core = (members[0][0], members[-1][1])
    found: list[Occ] = []
    slots: Slots = defaultdict(list)
    for t in order:
        complete = reg.gaps.get(t, [])
        if not complete:
            continue
        regions = complete + reg.partial.get(t, []) + reg.wide.get(t, [])
        outer = regions[len(complete):]
        for y in _once_everywhere(params, text, complete, outer):
            places = _places(text, y, complete, outer, blocked)
            if places is None or not _hidden_shard(params, text, y, places, regions, core):
                continue
            found.extend((p, p + len(y), y) for p in places)
            slots[t].append((places[0] - complete[0][0], y))
    return found, slots


def _keep_in_order(params: SpamParams, text: str, found: list[Occ], slots: Slots, gaps: dict[str, list[Region]],
                   seen: Counter) -> tuple[list[Occ], Slots]:
    """Hidden shards keep their order in every round: per slot, the best attested set that does."""
    for t, ys in list(slots.items()):
        names = _in_order(params, text, found, {y for _, y in ys}, gaps[t], seen)
        gone = {y for _, y in ys} - names
        slots[t] = [(off, y) for off, y in ys if y in names]
        found = [o for o in found if o[2] not in gone]
    return found, slots


def _without_chance(found: list[Occ], slots: Slots, seen: Counter) -> tuple[list[Occ], Slots]:
    """A lone shard's partners are words (a fragment that is none would have been exposed):
    when some show in every round, one that is none and is seen less came by chance."""
    best = max(seen.values())
    weak = {y for y, c in seen.items()
            if c < best and not (word_model().is_word(y, WORD_MIN_FREQ) or phrase_like(y))}
    found = [o for o in found if o[2] not in weak]
    return found, {t: [(off, y) for off, y in v if y not in weak] for t, v in slots.items()}


def _a_handful(params: SpamParams, text: str, n: int, found: list[Occ], slots: Slots,
               seen: Counter) -> tuple[list[Occ], Slots]:
    """A round holds a handful of pieces: those seen in fewer rounds than the others go first;
    ([], {}) when they cannot be told apart."""
    while sum(len(v) for v in slots.values()) + n > params.max_pieces:
        weakest = [(seen[y], -text.count(y), y) for v in slots.values() for _, y in v]
        if not weakest or min(weakest)[0] == max(weakest)[0]:
            return [], {}
        y = min(weakest)[2]
        slots = {t: [(off, z) for off, z in v if z != y] for t, v in slots.items()}
        found = [o for o in found if o[2] != y]
    return found, slots


def fill_gaps(params: SpamParams, text: str, order: list[str], members: list[Occ],
              stops: list[Region]) -> tuple[list[Occ], Slots]:
    """Shards the dictionary cannot expose (real words such as 家园) sit in the same slot of
    every round of the cycle: between the same two exposed shards, or before the first / after
    the last one (a round cut short); a gap too long to search still counts as one of the
    slot's regions. A fragment found once in every complete gap of a slot,
    and in at least two of the slot's regions in all, loose there and in varied company, is a
    shard too. Returns the shards found and, per exposed shard, the fragments of the slot
    after it with their offset in its first gap."""
    reg = _regions(params, text, order, members, stops)
    if reg is None:
        return [], {}
    found, slots = _search_slots(params, text, order, members, stops, reg)
    seen = Counter(o[2] for o in found)
    found, slots = _keep_in_order(params, text, found, slots, reg.gaps, seen)
    if len(order) == 1 and seen and max(seen.values()) >= 3:
        found, slots = _without_chance(found, slots, seen)
    return _a_handful(params, text, len(order), found, slots, seen)


def _first_places(found: list[Occ], names: set[str], gaps: list[Region]) -> dict[str, list[int]]:
    """Per hidden shard, where it first stands in each gap (-1: not there)."""
    first: dict[str, list[int]] = {y: [] for y in names}
    for s, e in gaps:
        for y in names:
            first[y].append(min((o[0] for o in found if o[2] == y and s <= o[0] < e), default=-1))
    return first


def _best_agreeing(text: str, ys: list[str], clash: set[tuple[str, str]], seen: Counter) -> set[str]:
    """Of the subsets of `ys` holding no clashing pair, the one seen most often (then the one
    rarer in the text), searched exhaustively."""
    best: tuple = ()
    for mask in range(1, 1 << len(ys)):
        sub = [y for i, y in enumerate(ys) if mask >> i & 1]
        if any((a, b) in clash for i, a in enumerate(sub) for b in sub[i + 1:]):
            continue
        key = (sum(seen[y] for y in sub), -sum(text.count(y) for y in sub), sub)
        best = max(best, key) if best else key
    return set(best[2])


def _in_order(params: SpamParams, text: str, found: list[Occ], names: set[str], gaps: list[Region],
              seen: Counter) -> set[str]:
    """The hidden shards of one slot that keep one order in every complete gap: of the sets
    whose pairs never swap, the one seen most often (then the one rarer in the text)."""
    first = _first_places(found, names, gaps)
    ys = sorted(names)
    clash = {(a, b) for i, a in enumerate(ys) for b in ys[i + 1:]
             if len({pa < pb for pa, pb in zip(first[a], first[b])}) > 1}
    if not clash:
        return names
    if len(ys) <= params.max_order_set:
        return _best_agreeing(text, ys, clash, seen)
    # too many to choose from: drop the commonest until they agree
    while clash:
        y = max({a for pair in clash for a in pair}, key=lambda y: (text.count(y), y))
        clash = {c for c in clash if y not in c}
        names = names - {y}
    return names


def without_loose_words(params: SpamParams, text: str, filled: list[Occ], slots: dict[str, list[tuple[int, str]]]):
    """A lone shard's hidden partners without those the article also says loose elsewhere
    (被告人 in a court report, found in the shard's slot twice by chance): the article's own
    words, not pieces of the slogan, which the other partners may still make."""
    count = Counter(o[2] for o in filled)
    common = {y for y, n in count.items() if loose_count(params, text, y) > n}
    if not common:
        return filled, slots
    return [o for o in filled if o[2] not in common], \
        {t: [(off, y) for off, y in v if y not in common] for t, v in slots.items()}


def _cut_short_slot(params: SpamParams, order: list[str], members: list[Occ], pieces: list[Occ],
                    slots: Slots) -> tuple[str, str, int, int] | None:
    """The slot a round cut short left its last piece in: (the exposed shard before it, the one
    after it, the slot's start and end); None when the stretch does not end that way."""
    t = pieces[-1][2]
    firsts = [o for o in members if o[2] == t]
    if t != members[-1][2] or len(firsts) != 2 or slots.get(t):
        return None
    nxt = order[(order.index(t) + 1) % len(order)]
    after = [o for o in members if o[0] >= firsts[0][1]]
    if not after or after[0][2] != nxt or after[0][0] - firsts[0][1] > params.max_fill_gap:
        return None
    return t, nxt, firsts[0][1], after[0][0]


def cut_short(params: SpamParams, text: str, order: list[str], members: list[Occ], pieces: list[Occ],
              slots: Slots, stops) -> list[Occ]:
    """The last piece of a slogan seen twice, its second round cut short: it shows once, in
    the slot after the exposed shard that ends the stretch, and fits back onto that shard or
    the next (活创新成|就未来 makes 成就, 梦美|好家园 美好); loose between the article's words,
    no word itself, nowhere else in the text. Taken only once the cycle holds."""
    slot = _cut_short_slot(params, order, members, pieces, slots)
    if slot is None:
        return []
    t, nxt, lo, hi = slot
    best: tuple = ()
    for i, j in _han_pieces(params, text, lo, hi):
        y = text[i:j]
        fit = max(join_gain(t, y), join_gain(y, nxt))
        if fit <= params.reassemble_margin or word_model().is_word(y, WORD_MIN_FREQ) or text.count(y) > 1 \
                or overlaps(i, j, stops) or bind_gain(text, i, j) > params.bind_margin:
            continue
        best = max(best, (fit, j - i, i)) if best else (fit, j - i, i)
    if not best:
        return []
    _, n, i = best
    return [(i, i + n, text[i:i + n])]


def _han_pieces(params: SpamParams, text: str, lo: int, hi: int):
    """(start, end) of every piece of 2 to max_shard Han characters of text[lo:hi], in order."""
    for run in HAN_RUN.finditer(text, lo, hi):
        for i in range(run.start(), run.end() - 1):
            for j in range(i + 2, min(run.end(), i + params.max_shard) + 1):
                yield i, j
