"""Known slogans: shards of a slogan the corpus is known to carry (lexicon section [slogan]).

A spam campaign drops the same slogan into page after page, chopped afresh each time. One page
alone may give too little evidence for `spam_inline.injected_fragments` (a slogan seen twice,
cut between its words into dictionary words), while other pages of the corpus gave plenty.
`cleaner learn` mines the slogans found in several articles of a built version into a lexicon
file; a build given that file (--spam-lexicon) finds their shards wherever they stand:

- a shard is a piece of the slogan (2 characters or more, read cyclically: a round may start
  anywhere in it) standing loose between the article's words (no strong bond with them);
- shards follow one another in the slogan's order, each starting where the one before it ends,
  with the article's own text between them, and together they make one whole round at least
  (MIN_PIECES pieces or more).

The slogan said whole (a campaign named in quotation marks) is one piece and stays; so do its
words where the article uses them on its own account, out of such a chain.
"""

from __future__ import annotations

import functools
import re

from cleaner.clean.rules.base import Removal, SpanContext, rule
from cleaner.clean.spam.lexicon import lexicon_key, load_lexicon
from cleaner.clean.spam.page import document_body, removals
from cleaner.clean.spam.params import SpamParams
from cleaner.clean.spam.words import HAN_RUN, bind_gain

MIN_PIECES = 3  # pieces a chain needs, besides covering the whole slogan once

Piece = tuple[int, int, int]  # start, end in the body; offset of its text in the slogan


def _pieces_of(slogan: str) -> dict[str, tuple[int, ...]]:
    """Every piece of a slogan read cyclically (2 to len characters) -> where it starts in it."""
    n, ring = len(slogan), slogan + slogan
    out: dict[str, set[int]] = {}
    for i in range(n):
        for j in range(i + 2, i + n + 1):
            out.setdefault(ring[i:j], set()).add(i)
    return {p: tuple(sorted(v)) for p, v in out.items()}


@functools.lru_cache(maxsize=4)
def _index(slogans: tuple[str, ...]) -> tuple[re.Pattern, dict[str, dict[str, tuple[int, ...]]]]:
    """For one lexicon's slogans, built once: a pattern for the runs of two characters or more
    that they are made of (a cheap first pass), and each slogan's pieces (_pieces_of)."""
    chars = "".join(sorted(set("".join(slogans))))
    return re.compile(f"[{re.escape(chars)}]{{2,}}"), {s: _pieces_of(s) for s in slogans}


def _candidates(params: SpamParams, text: str, slogan: str, pieces: dict[str, tuple[int, ...]],
                runs: list[tuple[int, int]]) -> list[Piece]:
    """The longest pieces of `slogan` starting at each place of the runs, loose in the text;
    a piece inside a longer one of the same run is no candidate of its own."""
    out: list[Piece] = []
    for a, b in runs:
        reach = -1
        for i in range(a, b - 1):
            j = i + 2
            if text[i:j] not in pieces:
                continue
            while j < b and j - i < len(slogan) and text[i:j + 1] in pieces:
                j += 1
            if j <= reach:
                continue  # inside the piece found before
            reach = j
            if bind_gain(text, i, j) > params.cycle_bind_margin:
                continue
            out.extend((i, j, o) for o in pieces[text[i:j]])
    return sorted(out)


def _best_chain(params: SpamParams, text: str, slogan: str, cands: list[Piece]) -> list[Piece]:
    """The chain of candidates covering the most characters: each starts where the one before
    ends in the slogan, after some of the article's own Han text, within params.max_gap."""
    n = len(slogan)
    best: list[tuple[int, int]] = []  # per candidate: (covered characters, previous index or -1)
    for k, (s, e, o) in enumerate(cands):
        score = (e - s, -1)
        for m in range(k - 1, -1, -1):
            ps, pe, po = cands[m]
            if s - pe > params.max_gap:
                if ps < s - 2 * params.max_gap:
                    break
                continue
            if pe > s or (po + pe - ps) % n != o or not HAN_RUN.search(text, pe, s):
                continue
            if best[m][0] + e - s > score[0]:
                score = (best[m][0] + e - s, m)
        best.append(score)
    if not best:
        return []
    k = max(range(len(best)), key=lambda i: (best[i][0], -i))
    chain = []
    while k >= 0:
        chain.append(cands[k])
        k = best[k][1]
    chain.reverse()
    return chain if len(chain) >= MIN_PIECES and sum(e - s for s, e, _ in chain) >= n else []


@rule("spam_known.learned_slogan", kind="span", category="spam")
def learned_slogan(ctx: SpanContext) -> list[Removal]:
    """Shards of a slogan the corpus is known to carry (lexicon [slogan], mined by cleaner learn): pieces in the slogan's order, between the article's words, one whole round at least."""
    slogans = load_lexicon(lexicon_key(ctx.settings)).slogans
    if not slogans or not ctx.blocks:
        return []
    body = document_body(ctx)
    text = body.text
    run_pattern, pieces = _index(slogans)
    runs = [(m.start(), m.end()) for m in run_pattern.finditer(text)]
    if not runs:
        return []
    spans: list[tuple[int, int]] = []
    for slogan in slogans:
        cands = _candidates(ctx.settings.spam, text, slogan, pieces[slogan], runs)
        while len(cands) >= MIN_PIECES:
            chain = _best_chain(ctx.settings.spam, text, slogan, cands)
            if not chain:
                break
            spans.extend((s, e) for s, e, _ in chain)
            used = {(s, e) for s, e, _ in chain}
            cands = [c for c in cands if (c[0], c[1]) not in used]
    return removals(ctx, body, spans, learned_slogan) if spans else []
