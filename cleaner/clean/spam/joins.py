"""How pieces of a cycle fit back together: words across their joins, phrases of words,
pieces cut off words."""

from __future__ import annotations

import functools

from cleaner.clean.spam.params import SpamParams
from cleaner.clean.spam.words import WORD_MIN_FREQ, join_gain, segment, word_model


def reassembles(params: SpamParams, order: list[str], slots: dict[str, list[tuple[int, str]]]) -> bool:
    """Whether the shards, put back together in their cyclic order, form words across at
    least one join, as pieces cut from one sentence at arbitrary characters do (…暖万|家欢…
    makes 万家, …绿|水长… makes 绿水). Recurring terms of an article that merely alternate (a village, a
    trade) do not. Only joins next to an exposed shard count: two hidden shards are words,
    and two words side by side make compounds anyway (工程|项目)."""
    seq: list[tuple[str, bool]] = []
    for t in order:
        seq.append((t, True))
        seq.extend((y, False) for _, y in sorted(slots.get(t, [])))
    for (a, sa), (b, sb) in zip(seq, seq[1:] + seq[:1]):
        if not (sa or sb) or words_meet(a, b):
            continue
        if join_gain(a, b) > params.reassemble_margin:
            return True
    return False


@functools.lru_cache(maxsize=4096)
def fits_alone(params: SpamParams, order: tuple[str, ...]) -> bool:
    """reassembles for the exposed shards alone (no hidden ones), memoised: one cycle is asked
    in turn by the ranking of cycles, hopeless and convincing."""
    return reassembles(params, list(order), {})


def words_meet(a: str, b: str) -> bool:
    """Whether a join of two pieces falls between two words of two characters or more
    (电池健康|评估标准: 健康 + 评估 read as 健康评估): two compounds of an article side by side make
    words across their join as readily as a slogan cut inside a word does."""
    wm = word_model()
    x, y = segment(a)[-1], segment(b)[0]
    return len(x) >= 2 and len(y) >= 2 and wm.is_word(x, WORD_MIN_FREQ) and wm.is_word(y, WORD_MIN_FREQ)


def phrase_like(frag: str) -> bool:
    """Whether a fragment reads as a phrase of content words the dictionary knows one by one
    (砥砺前行, 匠心传承): two words or more, none of one character. The article's own fragments
    that are no word are mostly a word with a function character glued on (的订单, 增长了, 能在)."""
    words = segment(frag)
    return len(words) >= 2 and all(len(w) >= 2 for w in words)


def chopped(params: SpamParams, frag: str) -> bool:
    """Whether a fragment ends (or starts) with a character cut off a word, beside a word of
    its own: a character that seldom stands alone (美 of 美景, 奋 of 奋楫) and that its
    neighbours in the text do not complete (they would have made it bind). The article's own
    fragments end in words or in function characters (的, 了, 在)."""
    words = segment(frag)
    wm = word_model()
    if len(words) < 2 or all(len(w) == 1 for w in words):
        return False  # single characters all (都会, 们的, 在官): function words, a name, an abbreviation
    a, b = words[0], words[-1]
    # a suffix (们) or a prefix (第) at the edge belongs to the word beside it in the fragment
    return (len(a) == 1 and wm.free(a) < params.bound_free and wm.tail[a] > params.affix_share * wm.head[a]) or \
        (len(b) == 1 and wm.free(b) < params.bound_free and wm.head[b] > params.affix_share * wm.tail[b])
