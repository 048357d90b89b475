"""Cycles: groups of candidate fragments whose occurrences take turns in one cyclic order, as
the shards of one slogan inserted in turn do."""

from __future__ import annotations

import bisect
from collections import defaultdict

from cleaner.clean.spam.candidates import Occ
from cleaner.clean.spam.joins import fits_alone
from cleaner.clean.spam.params import SpamParams


def _alternate(a: list[int], b: list[int]) -> bool:
    """Whether two fragments' occurrences (sorted starts, none shared) strictly take turns
    (a b a b ... or b a b a ...)."""
    if len(a) < len(b) or (len(a) == len(b) and b[0] < a[0]):
        a, b = b, a  # `a` leads
    if len(a) - len(b) > 1:
        return False
    if b and len(a) > 1 and not a[0] < b[0] < a[1]:
        return False  # (the first turn, tested before the generator is set up)
    return all(x < y < z for x, y, z in zip(a, b, a[1:])) and (len(a) > len(b) or a[-1] < b[-1])


def group_ok(params: SpamParams, members: list[Occ], mean_gap: int = 0) -> bool:
    """Shards of one stretch: consecutive ones close, none far out beyond the others (`mean_gap`:
    their mean distance at most, by default params.max_mean_gap)."""
    mean_gap = mean_gap or params.max_mean_gap
    gaps = [b[0] - a[1] for a, b in zip(members, members[1:])]
    if not gaps:
        return False
    widest = max(gaps)
    if widest > params.max_gap:
        return False
    if (members[-1][1] - members[0][0]) / (len(members) - 1) > mean_gap:
        return False
    # one member reaching far beyond the stretch: a term recurring further on (the gaps sorted
    # only then, for the next widest)
    return not (len(gaps) >= 3 and widest > 150 and widest > 3 * max(sorted(gaps)[-2], 10))


def _recurring(params: SpamParams, occs: list[Occ], k: int) -> dict[str, list[Occ]]:
    """The occurrences by fragment, of those a shard may be: a shard recurs once per round, so
    occurrences with a twin within one round's reach, of fragments seen `k` times at least
    whose occurrences all fit in one injected stretch."""
    by_type: dict[str, list[Occ]] = defaultdict(list)
    for o in occs:
        by_type[o[2]].append(o)
    for t in list(by_type):
        v = by_type[t]
        close = [b[0] - a[1] <= params.max_round for a, b in zip(v, v[1:])]  # close[i]: v[i] and v[i + 1]
        if not all(close):
            v = [o for i, o in enumerate(v) if (i > 0 and close[i - 1]) or (i < len(close) and close[i])]
        if len(v) < k or v[-1][1] - v[0][0] > params.max_stretch:
            del by_type[t]
        else:
            by_type[t] = v
    return by_type


def _alternation(by_type: dict[str, list[Occ]], types: list[str]) -> dict[str, set[str]]:
    """The graph of fragments whose occurrences strictly take turns (`types`: sorted by first
    occurrence)."""
    starts = {t: [o[0] for o in by_type[t]] for t in types}
    count = {t: len(v) for t, v in starts.items()}
    adj: dict[str, set[str]] = {t: set() for t in types}
    firsts = [starts[t][0] for t in types]  # ascending: types are sorted by first occurrence
    for i, t in enumerate(types):
        # cheap refusals of _alternate first. Occurrences never share a start, so `t` starts
        # first and must lead: the second type starts before the second occurrence of `t` (no
        # later one does: bisect), and has as many occurrences as `t` or one fewer
        n_t = count[t]
        for u in types[i + 1:bisect.bisect_left(firsts, starts[t][1], i + 1)]:
            if 0 <= n_t - count[u] <= 1 and _alternate(starts[t], starts[u]):
                adj[t].add(u)
                adj[u].add(t)
    return adj


def _cliques(params: SpamParams, adj: dict[str, set[str]], types: list[str]) -> list[set[str]]:
    """The maximal groups of two fragments or more that all alternate pairwise (Bron-Kerbosch
    with pivot, at most max_cliques of them)."""
    cliques: list[set[str]] = []

    def expand(r: set[str], p: set[str], x: set[str]) -> None:
        if len(cliques) >= params.max_cliques:
            return
        if not p and not x:
            if len(r) >= 2:
                cliques.append(r)
            return
        pivot = max(sorted(p | x), key=lambda u: len(adj[u] & p))
        for v in sorted(p - adj[pivot]):
            expand(r | {v}, p & adj[v], x & adj[v])
            p = p - {v}
            x = x | {v}

    expand(set(), {t for t in types if adj[t]}, set())
    return cliques


def _tightened(params: SpamParams, clique: set[str], by_type: dict[str, list[Occ]]) -> tuple[set[str], list[Occ]]:
    """The clique without the fragments lying far out, until its occurrences make one stretch
    (group_ok): each time, the one farthest from the others' middle (members and each type's
    occurrences are in text order: the ends of a type are farthest)."""
    group = set(clique)
    members: list[Occ] = []
    while len(group) >= 2:
        members = sorted(o for t in group for o in by_type[t])
        if group_ok(params, members):
            break
        mid = members[len(members) // 2][0]
        group.discard(max(sorted(group), key=lambda t: max(mid - by_type[t][0][0], by_type[t][-1][0] - mid)))
    return group, members


def find_cycles(params: SpamParams, occs: list[Occ], k: int) -> list[tuple[list[str], list[Occ]]]:
    """Groups of fragments whose occurrences take turns in a fixed cyclic order, as the shards
    of one slogan inserted in turn do: every two of them alternate strictly, and each shard
    follows the previous one within max_gap characters. Returns [(cycle order, occurrences)],
    largest groups first, single fragments last. Terms of the article that recur at random (a
    place name said eighteen times) alternate with nothing and stay out."""
    by_type = _recurring(params, occs, k)
    types = sorted(by_type, key=lambda t: (by_type[t][0][0], t))[:params.max_types]
    adj = _alternation(by_type, types)
    seen: set[frozenset[str]] = set()
    out = []
    for clique in sorted(_cliques(params, adj, types), key=lambda c: sorted(c)):
        group, members = _tightened(params, clique, by_type)
        key = frozenset(group)
        if len(group) < 2 or key in seen:
            continue
        seen.add(key)
        out.append((list(dict.fromkeys(o[2] for o in members)), members))
    for t in types:  # single fragments, last: they need hidden partners (see one_cycle)
        members = by_type[t]
        # three rounds at least (see convincing), each a whole round of the slogan apart
        if len(members) >= 3 and group_ok(params, members, params.max_lone_gap):
            out.append(([t], members))
    # larger groups first; among equals, pieces that fit together, then the tighter stretch
    out.sort(key=lambda c: (-len(c[0]), not fits_alone(params, tuple(c[0])), -len(c[1]), mean_gap(c[1]), sorted(c[0])))
    return out


def mean_gap(pieces: list[Occ]) -> float:
    """The mean distance from one piece's start to the next (pieces in text order)."""
    return (pieces[-1][1] - pieces[0][0]) / max(1, len(pieces) - 1)
