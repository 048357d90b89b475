"""Evidence: whether a cycle is an injected slogan rather than terms of the article that
happen to take turns."""

from __future__ import annotations

from collections import Counter, defaultdict

from cleaner.clean.spam.candidates import Occ, diverse
from cleaner.clean.spam.cycles import mean_gap
from cleaner.clean.spam.joins import chopped, fits_alone, phrase_like, reassembles
from cleaner.clean.spam.page import overlaps
from cleaner.clean.spam.params import SpamParams
from cleaner.clean.spam.words import HAN_RUN, WORD_MIN_FREQ, binds, is_han, word_model


def _adjacent(params: SpamParams, text: str, members: list[Occ], collocations: bool = True) -> bool:
    """Whether consecutive fragments mostly touch (nothing but punctuation between them: a
    list or compound of the article said twice, 甲湖、乙湖) or two of them always stand close
    together: not pieces dropped at random places."""
    pairs = list(zip(members, members[1:]))
    close = sum(not HAN_RUN.search(text[a[1]:b[0]]) or b[0] - a[1] <= 1 for a, b in pairs)
    if close * 2 >= len(pairs):
        return True
    if not collocations:
        return False
    # a collocation said again and again (下一步，……将继续): the same two always a few
    # characters apart, where shards dropped at random places would drift
    near: dict[tuple[str, str], list[bool]] = defaultdict(list)
    for a, b in pairs:
        near[a[2], b[2]].append(b[0] - a[1] <= params.collocation_gap)
    return any(len(v) >= 3 and all(v) for v in near.values())


def convincing(params: SpamParams, text: str, order: list[str], members: list[Occ], filled: list[Occ],
               slots: dict[str, list[tuple[int, str]]]) -> bool:
    """Whether a cycle is an injected slogan rather than terms of the article that happen to
    take turns (two paragraphs in parallel, a topic's key words).

    - Pieces that do not fit back together and sit one round per paragraph, each paragraph
      saying each piece once, are paragraphs written in parallel (parallel_paragraphs).
    - Two exposed shards or more: the pieces fit back together into words across a join
      (reassembles), or the structure alone is strong: three kinds or more in three rounds or
      more, close together (exposed ones; or exposed and hidden together, then foreign to the
      rest of the text, _foreign_pieces). Two rounds must be close together (exposed shards,
      or exposed and hidden ones when the exposed ones fit by themselves), and fit, or be
      phrases of content words or pieces cut off words (phrase_like, chopped) used nowhere
      else in the text (one bigram may be, when word partners complete both rounds, _slack).
    - One exposed shard: forming words in fewer than half its places (hopeless), hidden
      partners (words, or phrases of words) in three rounds at least, one of them seen in
      three rounds too, and the shard and its partners foreign to the rest of the article (a
      topic's compound, 家庭医生, recurs with the topic's words around it). A shard in the same
      company twice or said once in each paragraph (lone_doubtful) needs every partner in
      three rounds (_lone_partners_hold)."""
    pieces = sorted(members + filled)
    if len(pieces) < params.min_evidence or _adjacent(params, text, pieces, False):
        return False
    fits = fits_alone(params, tuple(order)) or (any(slots.values()) and reassembles(params, order, slots))
    if not fits and parallel_paragraphs(pieces, text):
        return False
    if len(order) >= 2:
        return _several_convincing(params, text, order, members, filled, pieces, fits)
    return _lone_convincing(params, text, order, members, filled, pieces, fits)


def _several_convincing(params: SpamParams, text: str, order: list[str], members: list[Occ], filled: list[Occ],
                        pieces: list[Occ], fits: bool) -> bool:
    """convincing for a cycle of two exposed shards or more (`fits`: its pieces fit back together)."""
    rounds = min(Counter(o[2] for o in members).values())
    gap = mean_gap(members)
    hidden = {o[2] for o in filled}
    if rounds >= 3:
        if fits or (len(order) >= 3 and gap <= params.strong_gap):
            return True
        # a slogan cut between its words (no join makes a word), some pieces real words
        # found by their slot: three kinds of pieces or more in three rounds or more, close
        # together, and foreign to the rest of the text
        return len(order) + len(hidden) >= 3 and mean_gap(pieces) <= params.strong_gap \
            and _foreign_pieces(text, pieces + _loose_beyond(params, text, pieces))
    if _collocated(params, text, pieces, 2, params.tight_gap):
        return False  # a collocation of the article said twice (心里也更有底了, 心里就有底了)
    if fits and gap <= params.two_round_gap:
        return True
    # exposed shards that fit, or phrases: their hidden partners may stand between them
    return mean_gap(pieces) <= params.two_round_gap and (fits_alone(params, tuple(order)) or (
        len(order) + len(hidden) >= 3
        and _two_round_phrases(params, text, order, members, _slack(params, text, pieces, filled))))


def _lone_convincing(params: SpamParams, text: str, order: list[str], members: list[Occ], filled: list[Occ],
                     pieces: list[Occ], fits: bool) -> bool:
    """convincing for a lone exposed shard and its hidden partners."""
    rounds = min(Counter(o[2] for o in members).values())
    hidden = {o[2] for o in filled}
    if not hidden or rounds < 3:
        return False
    count = Counter(o[2] for o in pieces)
    if any(loose_count(params, text, t) > count[t] for t in count):
        return False  # said loose elsewhere too; inside a word there (产业|链) it is another matter
    if not _foreign_pieces(text, members):
        return False
    # the hidden partners of a lone exposed shard are dictionary words (a fragment that is none
    # would have been exposed itself): a lead that repeats its site name and key phrases is not
    words = all(word_model().is_word(y, WORD_MIN_FREQ) or phrase_like(y) for y in hidden)
    # ... one of them seen in three rounds too (the others in every complete gap, fill_gaps:
    # a last round cut short may lack them)
    seen = Counter(o[2] for o in filled)
    if max(seen.values(), default=0) < 3:
        return False
    if lone_doubtful(text, order[0], members) and not _lone_partners_hold(seen):
        return False
    return mean_gap(members) <= params.max_lone_gap and (
        fits or (len(hidden) >= 2 and words and mean_gap(pieces) <= params.dense_gap))


def _slack(params: SpamParams, text: str, pieces: list[Occ], filled: list[Occ]) -> int:
    """How many of their character bigrams two rounds of phrases may share with the rest of the
    text (a slogan about schools in a story about schools): one, when word partners complete
    both rounds in their slots (_whole_rounds) and no two pieces keep together (_collocated)."""
    return int(_whole_rounds(filled) and not _collocated(params, text, pieces, 2))


def _collocated(params: SpamParams, text: str, pieces: list[Occ], rounds: int, gap: int = 0) -> bool:
    """Whether two pieces always stand at most `gap` characters apart, `rounds` times at least:
    a collocation of the article (每月……召开一次), where pieces dropped at random drift.
    (`gap` by default params.collocation_gap.)"""
    gap = gap or params.collocation_gap
    near: dict[tuple[str, str], list[bool]] = defaultdict(list)
    for a, b in zip(pieces, pieces[1:]):
        near[a[2], b[2]].append(b[0] - a[1] <= gap)
    return any(len(v) >= rounds and all(v) for v in near.values())


def _whole_rounds(filled: list[Occ]) -> bool:
    """Whether two words at least, hidden partners, were found in both rounds."""
    seen = Counter(o[2] for o in filled)
    return sum(n >= 2 and word_model().is_word(y, WORD_MIN_FREQ) for y, n in seen.items()) >= 2


def _two_round_phrases(params: SpamParams, text: str, order: list[str], members: list[Occ], slack: int = 0) -> bool:
    """Whether the exposed shards of a cycle seen twice are phrases of content words, or pieces
    cut off words, used nowhere else in the text (`slack`: bigrams they may share with it, see
    _foreign_pieces), and not all of them at set places of their sentences (慢病 after an
    enumeration comma and 数据显示 before a comma, twice)."""
    return all(phrase_like(t) or chopped(params, t) for t in order) and _foreign_pieces(text, members, slack) \
        and not _set_places(text, members, 1.0)


def _foreign_pieces(text: str, pieces: list[Occ], slack: int = 1) -> bool:
    """Whether the fragments of a cycle are foreign to the rest of the text, as pieces of a
    slogan are and the terms of an article (家庭医生, 省体育局, 下一步 ... 将继续) are not:
    each occurs only where the cycle has it, no two share a character bigram (a topic's
    compounds do: 初期运营, 运营公司), and at most `slack` of their bigrams is used anywhere
    else in the text."""
    count = Counter(o[2] for o in pieces)
    if any(text.count(t) > n for t, n in count.items()):
        return False
    mask = bytearray(len(text) + 1)
    for s, e, _ in pieces:
        mask[s:e] = b"\x01" * (e - s)
    owner: dict[str, str] = {}
    used = 0
    for t in count:
        for i in range(len(t) - 1):
            bg = t[i:i + 2]
            if owner.setdefault(bg, t) != t:
                return False
            p = text.find(bg)
            while p >= 0:
                if not (mask[p] and mask[p + 1]):
                    used += 1
                    if used > slack:
                        return False
                    break
                p = text.find(bg, p + 1)
    return True


def loose_around(params: SpamParams, text: str, pieces: list[Occ], reach: int, stops=(), frags=None) -> list[Occ]:
    """Other occurrences of the pieces' fragments (or of `frags`) starting within `reach`
    characters of the stretch the pieces span, loose between words and outside `stops`."""
    lo, hi = max(0, pieces[0][0] - reach), pieces[-1][1] + reach
    taken = {(o[0], o[1]) for o in pieces}
    out = []
    for frag in frags or dict.fromkeys(o[2] for o in pieces):
        p = text.find(frag, lo)
        while 0 <= p < hi:
            if (p, p + len(frag)) not in taken and not overlaps(p, p + len(frag), stops) \
                    and not binds(params, text, p, p + len(frag)):
                out.append((p, p + len(frag), frag))
            p = text.find(frag, p + 1)
    return sorted(out)


def _loose_beyond(params: SpamParams, text: str, pieces: list[Occ]) -> list[Occ]:
    """Further occurrences of the pieces, loose between words, within one round's reach of the
    stretch found so far (max_round): the rounds a slot search did not reach (the last ones,
    spread out) are the slogan's too, not the article's own use of its words."""
    return loose_around(params, text, pieces, params.max_round)


def parallel_paragraphs(pieces: list[Occ], text: str) -> bool:
    """Whether the cycle is paragraphs written in parallel (数据显示 ... 同比增长 ... 其中 in
    three reports side by side): each paragraph holding the pieces says each of them once,
    two paragraphs or more say them all, and the pieces hold set places in their sentences
    (_set_places). Pieces dropped at random word boundaries run across paragraph breaks
    wherever these fall, and when their rounds happen to match the paragraphs, they still
    stand between arbitrary words."""
    kinds = {o[2] for o in pieces}
    lines: dict[int, list[str]] = defaultdict(list)
    for o in pieces:
        lines[text.count("\n", 0, o[0])].append(o[2])
    if len(lines) < 2 or any(len(set(v)) < len(v) for v in lines.values()):
        return False
    return sum(len(v) == len(kinds) for v in lines.values()) >= 2 and _set_places(text, pieces)


def _char_class(text: str, i: int) -> str:
    """What stands at text[i] for _set_places: "" for a Han character (anything may follow
    a word), else the kind of boundary (line edge, digit, Latin letter, punctuation)."""
    if i < 0 or i >= len(text) or text[i] == "\n":
        return "edge"
    ch = text[i]
    if is_han(ch):
        return ""
    if ch.isdigit():
        return "digit"
    return "latin" if ch.isascii() and ch.isalpha() else "punct"


def _set_places(text: str, pieces: list[Occ], share: float = 0.5) -> bool:
    """Whether most fragments hold a set place in their sentences: every time the same kind of
    boundary on one side (数据显示 before a comma, 同比增长 before a number, 其中 after a
    comma). Pieces dropped at random word boundaries have words on either side, now and then
    a comma."""
    by_kind: dict[str, list[Occ]] = defaultdict(list)
    for o in pieces:
        by_kind[o[2]].append(o)
    fixed = 0
    for occs in by_kind.values():
        for side in ({_char_class(text, o[0] - 1) for o in occs}, {_char_class(text, o[1]) for o in occs}):
            if len(side) == 1 and "" not in side:
                fixed += 1
                break
    return fixed >= share * len(by_kind)


def _paragraphs_own(text: str, frag: str, members: list[Occ]) -> bool:
    """Whether a lone fragment is a turn of phrase of its paragraphs (长处方等服务, 维修等服务:
    a word with a function character glued on, said once in each paragraph). A lone shard
    falls twice into one paragraph sooner or later, or reads as a phrase of content words."""
    lines = [text.count("\n", 0, o[0]) for o in members]
    return len(set(lines)) == len(lines) and not phrase_like(frag)


def loose_count(params: SpamParams, text: str, frag: str) -> int:
    """How often a fragment stands in the text without forming a word with its neighbours."""
    n, p = 0, text.find(frag)
    while p >= 0:
        n += not binds(params, text, p, p + len(frag))
        p = text.find(frag, p + 1)
    return n


def lone_doubtful(text: str, frag: str, members: list[Occ]) -> bool:
    """Whether a lone exposed fragment looks like a turn of phrase of the article: the same
    neighbour in most places (diverse) or said once in each paragraph (_paragraphs_own)."""
    return not diverse(text, members, 2) or _paragraphs_own(text, frag, members)


def _lone_partners_hold(seen: Counter) -> bool:
    """Whether the hidden partners of a doubtful lone fragment outweigh the doubt: two of them
    at least, each found in three rounds or more (a turn of phrase of the article does not
    come back with the same words between its occurrences, in the same order, every time)."""
    return len(seen) >= 2 and min(seen.values()) >= 3


def _shared_between(params: SpamParams, text: str, members: list[Occ]) -> bool:
    """Whether two character bigrams or more recur in every gap between consecutive
    occurrences short enough to search (fill_gaps): without them no two partners can be found
    in every round (a cheap test before the slot search)."""
    gaps = [text[a[1]:b[0]] for a, b in zip(members, members[1:]) if b[0] - a[1] <= params.max_fill_gap]
    if not gaps:
        return False
    common = {g[i:i + 2] for g in gaps[:1] for i in range(len(g) - 1)}
    for g in gaps[1:]:
        common = {bg for bg in common if bg in g}
    return sum(is_han(bg[0]) and is_han(bg[1]) for bg in common) >= 2


def _walled(text: str, o: Occ) -> bool:
    """Whether an occurrence touches no Han character on either side: a field of a sentence
    pattern between numbers and punctuation (截至|9|月底|，), not a piece dropped between words."""
    return (o[0] == 0 or not is_han(text[o[0] - 1])) and (o[1] >= len(text) or not is_han(text[o[1]]))


def hopeless(params: SpamParams, text: str, order: list[str], members: list[Occ]) -> bool:
    """Cheap refusals, before the dictionary and the slot search (see convincing)."""
    if _adjacent(params, text, members) or all(_walled(text, o) for o in members):
        return True
    rounds = min(Counter(o[2] for o in members).values())
    if len(order) == 1:
        # (bound in a word at half its places or more: 的老人, 的老旧小区)
        return rounds < 3 or text.count(order[0]) > len(members) or mean_gap(members) > params.max_lone_gap \
            or sum(binds(params, text, o[0], o[1]) for o in members) * 2 >= len(members) \
            or (lone_doubtful(text, order[0], members) and not _shared_between(params, text, members))
    if rounds > 2:
        return False
    # two rounds: close together, or phrases used nowhere else (their hidden partners between them)
    gap = mean_gap(members)
    return gap > params.max_mean_gap or gap > params.two_round_gap and not fits_alone(params, tuple(order)) \
        and not _two_round_phrases(params, text, order, members)
