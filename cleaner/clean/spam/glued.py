"""Shards longer than the search sees: the characters glued on at their edges in every round."""

from __future__ import annotations

from collections import defaultdict

from cleaner.clean.spam.candidates import Occ
from cleaner.clean.spam.params import SpamParams
from cleaner.clean.spam.words import is_han, join_gain, word_model


def _outer(text: str, pos: int, step: int) -> str:
    """Up to four Han characters from `pos` on, going left (step -1) or right (step 1)."""
    out = []
    while 0 <= pos < len(text) and len(out) < 4 and is_han(text[pos]):
        out.append(text[pos])
        pos += step
    return "".join(reversed(out)) if step < 0 else "".join(out)


def _glued(params: SpamParams, text: str, spans: list[tuple[int, int]], taken, left: bool) -> bool:
    """Whether every span has the same Han character just outside it on one side, a character
    that is no function word and forms no word with what lies beyond it: a piece of the shard."""
    at = [s - 1 if left else e for s, e in spans]
    if any(p < 0 or p >= len(text) or p in taken for p in at):
        return False
    ch = text[at[0]]
    if not is_han(ch) or any(text[p] != ch for p in at) or word_model().free(ch) >= params.glued_free:
        return False
    for p in at:
        beyond = _outer(text, p - 1, -1) if left else _outer(text, p + 1, 1)
        gain = join_gain(beyond, ch) if left else join_gain(ch, beyond)
        if beyond and gain > params.reassemble_margin:
            return False
    return True


def widened(params: SpamParams, text: str, pieces: list[Occ]) -> list[Occ]:
    """The pieces, each fragment seen twice or more taking the characters glued on at its edges
    in all its rounds (at most params.max_glued a side): a shard longer than params.max_shard
    is found by its longest part, and its edges would stay behind, glued to the sentence."""
    by_frag: dict[str, list[Occ]] = defaultdict(list)
    for o in pieces:
        by_frag[o[2]].append(o)
    taken = {i for s, e, _ in pieces for i in range(s, e)}
    out: list[Occ] = []
    for frag, group in by_frag.items():
        spans = [(s, e) for s, e, _ in group]
        if len(spans) >= 2:
            for left in (True, False):
                for _ in range(params.max_glued):
                    if not _glued(params, text, spans, taken, left):
                        break
                    spans = [(s - 1, e) if left else (s, e + 1) for s, e in spans]
                    taken.update(s if left else e - 1 for s, e in spans)
        out.extend((s, e, text[s:e] if (s, e) != (o[0], o[1]) else frag) for (s, e), o in zip(spans, group))
    return sorted(out)
