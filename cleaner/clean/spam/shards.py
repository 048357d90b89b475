"""The shard search of one document: candidates, cycles, the dictionary's judgment of each
occurrence, slots and evidence, cycle by cycle."""

from __future__ import annotations

import itertools

from cleaner.clean.spam.candidates import Occ, drop_overlaps, shard_seeds
from cleaner.clean.spam.cycles import find_cycles, group_ok
from cleaner.clean.spam.evidence import convincing, hopeless, loose_around, parallel_paragraphs
from cleaner.clean.spam.glued import widened
from cleaner.clean.spam.params import SpamParams
from cleaner.clean.spam.slots import cut_short, fill_gaps, without_loose_words
from cleaner.clean.spam.words import bind_gain


def one_cycle(params: SpamParams, text: str, order: list[str], members: list[Occ], k: int, stops) -> list[Occ]:
    """The shards of one cycle, once the dictionary has judged each occurrence; [] when the
    evidence does not hold."""
    if hopeless(params, text, order, members):
        return []
    for _ in range(4):
        # does the fragment form a word with its neighbours at this point? In its slot of the
        # cycle a shard may touch a word by chance (活创新成|为了), so only a strong bond counts
        gains = [bind_gain(text, o[0], o[1]) for o in members]
        kept = [o for o, g in zip(members, gains) if g <= params.cycle_bind_margin]
        if len(kept) == len(members):
            break
        cycles = [c for c in find_cycles(params, kept, k) if set(c[0]) <= set(order)]
        if (not cycles or len(cycles[0][0]) < len(order)) and max(gains) <= params.slot_bind_margin:
            break  # without them the cycle falls apart: they hold their slots, the bonds are chance
        if not cycles:
            return []
        order, members = cycles[0]
        if hopeless(params, text, order, members):
            return []
    filled, slots = fill_gaps(params, text, order, members, list(stops))
    if len(order) == 1:
        filled, slots = without_loose_words(params, text, filled, slots)
    pieces = sorted(members + filled)
    if not convincing(params, text, order, members, filled, slots):
        return []
    pieces += cut_short(params, text, order, members, pieces, slots, stops)
    # other occurrences of the exposed shards inside the injected stretch
    return pieces + loose_around(params, text, pieces, params.max_gap // 2, stops, order)


def without_one(params: SpamParams, text: str, order: list[str], members: list[Occ]):
    """The cycle with one fragment left out, each in turn: a term of the article that happens
    to take turns with the shards of a slogan (it recurs there too) spoils their evidence.
    Paragraphs written in parallel stay parallel without any one of their terms."""
    if parallel_paragraphs(members, text):
        return
    for t in order:
        rest = [o for o in members if o[2] != t]
        if len(order) > 2 and group_ok(params, rest) \
                or len(order) == 2 and len(rest) >= 3 and group_ok(params, rest, params.max_lone_gap):
            yield [x for x in order if x != t], rest


def shard_spans(params: SpamParams, text: str, k: int, stops: tuple[tuple[int, int], ...] = ()) -> tuple[Occ, ...]:
    """Injected slogan shards of a document's Body text, recurring `k` times at least;
    `stops`: spans known as spam."""
    seeds = shard_seeds(params, text, k, stops)
    if not seeds:
        return ()
    occs = drop_overlaps([o for v in seeds.values() for o in v])
    out: list[Occ] = []
    used: set[str] = set()
    tries = 0
    for order, members in find_cycles(params, occs, k):
        if used & set(order):
            continue
        for sub_order, sub in itertools.chain([(order, members)], without_one(params, text, order, members)):
            tries += 1
            if tries > params.max_tries:
                break
            got = one_cycle(params, text, sub_order, sub, k, stops)
            if got:
                break
        if tries > params.max_tries:
            break
        if got:
            out.extend(widened(params, text, drop_overlaps(got)))
            used.update(order)
    return tuple(drop_overlaps(out))
