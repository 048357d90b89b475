"""In-line spam: text inserted into the article's own sentences, taken out span by span.

Span rules (`rule(ctx: SpanContext) -> list[Removal]`, category "spam", offsets inside the
kept lines of `ctx.blocks`):

- `ad_vocabulary`: gambling / ad vocabulary from a lexicon data file
  (cleaner/data/spam_lexicon.txt, format in its header, plus `Settings.spam_lexicons`):
  brand + vertical + access forms (XX体育官网, XY娱乐城, XY星河入口), Latin brands glued to
  Chinese, contact lures with an account id, bare URLs and domain names glued into Chinese
  text. A brand seen with a suffix teaches its stem, removed wherever it stands alone in the
  same page; bare known brands and ad copy go only on a page that already carries such spam.
- `injected_fragments`: slogan shards (2-6 characters) inserted between the words of
  sentences, found by how they break the language, not by a list:
    1. candidates (vectorised, cheap): Han bigrams that are no word in jieba's dictionary and
       recur, grown while all their occurrences agree, standing loose between words;
    2. cycles: shards of one slogan are inserted in turn, so every two of them alternate
       strictly, close together (a lone shard: a whole round apart); articles' own terms do
       not (_cycles); a cycle that fails is tried again without one of its fragments, a term
       of the article that happens to take turns with the shards (_without_one);
    3. the dictionary judges each occurrence: a fragment that forms a word with its
       neighbours (best-segmentation log-probability, jieba's DAG + Viterbi) stays;
    4. hidden shards: pieces that are real words (家园) sit in the same slot of every round,
       between the same two exposed shards; of those found, the best attested set that keeps
       one order in every round (_fill_gaps, _in_order);
    5. evidence: the pieces put back together form words across their joins, or the
       structure is strong enough by itself; two rounds of shards that are phrases of words
       (砥砺前行) or pieces cut off words (…画卷美) used nowhere else in the text; never
       paragraphs written in parallel, their terms at set places of the sentences
       (_convincing);
    6. completion: once a cycle holds, the last piece of a slogan seen twice whose second round
       was cut short (it shows once) is looked for in its slot: a fragment that fits back onto
       the shard before it or after it (_cut_short).

jieba's dictionary (shipped inside the package, never downloaded) and the lexicon are loaded
once per process, lazily; results are cached per document for the two rules to share.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import logging
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .base import Block, Removal, Settings, SpanContext, span_removal

CATEGORY = "spam"
DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DEFAULT_LEXICON = DATA_DIR / "spam_lexicon.txt"

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_RUN = re.compile(f"[{HAN}]+")


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


# ---------------------------------------------------------------------------------------------
# jieba's dictionary as a unigram word model


WB_MIN_FREQ = 100  # words at least this frequent make their inner bigrams "word-internal"
WORD_MIN_FREQ = 20  # rarer dictionary entries (梦美, 锦鲤 ...) do not make a fragment "a word"


BLOOM_BITS = 23
_H1, _H2 = np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F)
_SHIFT = np.uint64(64 - BLOOM_BITS)


def bloom_hashes(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    with np.errstate(over="ignore"):
        return (keys * _H1) >> _SHIFT, (keys * _H2) >> _SHIFT


class WordModel:
    """jieba's dict.txt (shipped inside the package) with its frequencies: lookups and the
    best-segmentation log-probability of short strings (jieba's DAG + Viterbi)."""

    def __init__(self) -> None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        jieba.dt.check_initialized()
        self.freq: dict[str, int] = jieba.dt.FREQ  # words and (freq 0) their prefixes
        self.logtotal = math.log(jieba.dt.total)
        inner: list[int] = []
        two: list[int] = []
        self.inside: Counter[str] = Counter()  # character -> frequency of the words holding it
        self.head: Counter[str] = Counter()  # character -> frequency of the words it starts
        self.tail: Counter[str] = Counter()  # ... and of those it ends
        for word, f in self.freq.items():
            if not f or len(word) < 2:
                continue
            if len(word) == 2 and f >= WORD_MIN_FREQ:
                two.append((ord(word[0]) << 32) | ord(word[1]))
            if f >= WB_MIN_FREQ:
                for a, b in zip(word, word[1:]):
                    inner.append((ord(a) << 32) | ord(b))
                for ch in word:
                    self.inside[ch] += f
                self.head[word[0]] += f
                self.tail[word[-1]] += f
        # a two-hash Bloom filter over bigram keys: bit 1 word-internal, bit 2 two-char word
        self.bloom = np.zeros(1 << BLOOM_BITS, dtype=np.uint8)
        for keys, bit in ((np.array(inner, dtype=np.uint64), 1), (np.array(two, dtype=np.uint64), 2)):
            for h in bloom_hashes(keys):
                self.bloom[h] |= bit

    def word_freq(self, s: str) -> int:
        return self.freq.get(s, 0) or 0

    def is_word(self, s: str, min_freq: int = 1) -> bool:
        return (self.freq.get(s) or 0) >= min_freq

    def free(self, ch: str) -> float:
        """How much a character stands as a word of its own rather than inside words: 的 0.86,
        从 0.68, 民 0.02."""
        f = self.freq.get(ch) or 0
        return f / (f + self.inside[ch] + 1)


@functools.lru_cache(maxsize=1)
def word_model() -> WordModel:
    return WordModel()


@functools.lru_cache(maxsize=200_000)
def logp(s: str) -> float:
    """Best segmentation log-probability of `s` under jieba's unigram model."""
    if not s:
        return 0.0
    wm = word_model()
    freq, lt = wm.freq, wm.logtotal
    n = len(s)
    route = [0.0] * (n + 1)
    for idx in range(n - 1, -1, -1):
        best = math.log(freq.get(s[idx]) or 1) - lt + route[idx + 1]
        i = idx + 2
        while i <= n:
            frag = s[idx:i]
            f = freq.get(frag)
            if f is None:
                break
            if f:
                v = math.log(f) - lt + route[i]
                if v > best:
                    best = v
            i += 1
        route[idx] = best
    return route[0]


@functools.lru_cache(maxsize=50_000)
def segment(s: str) -> tuple[str, ...]:
    """Best segmentation of a short Han string (same model as `logp`)."""
    wm = word_model()
    freq, lt = wm.freq, wm.logtotal
    n = len(s)
    route: list[tuple[float, int]] = [(0.0, n)] * (n + 1)
    for idx in range(n - 1, -1, -1):
        best = (math.log(freq.get(s[idx]) or 1) - lt + route[idx + 1][0], idx + 1)
        i = idx + 2
        while i <= n:
            f = freq.get(s[idx:i])
            if f is None:
                break
            if f:
                v = math.log(f) - lt + route[i][0]
                if v > best[0]:
                    best = (v, i)
            i += 1
        route[idx] = best
    out, i = [], 0
    while i < n:
        j = route[i][1]
        out.append(s[i:j])
        i = j
    return tuple(out)


BIND_MARGIN = 1.0  # nats: a fragment binds when a reading across its edges beats this much
CYCLE_BIND_MARGIN = 5.0  # nats: a bond that keeps an occurrence in its slot out of a cycle (居民|安全 13.6)
SLOT_BIND_MARGIN = 8.0  # nats: a weaker bond does not take an occurrence out of the slot it holds
REASSEMBLE_MARGIN = 2.5  # nats: shards put back together bind across a join (人|民 7.1, 临|门 3.1)


@functools.lru_cache(maxsize=4096)
def bind_gain(text: str, start: int, end: int, span: int = 4) -> float:
    """How much better (nats) the best reading of the window around text[start:end] is than
    reading the neighbours and the fragment apart: > 0 when it forms words with them.
    (Memoised for the retries of one cycle, _without_one, which ask again at the same places;
    a small cache: each entry keeps its page's text alive.)"""
    lo = start
    while lo > 0 and start - lo < span and is_han(text[lo - 1]):
        lo -= 1
    hi = end
    while hi < len(text) and hi - end < span and is_han(text[hi]):
        hi += 1
    left, frag, right = text[lo:start], text[start:end], text[end:hi]
    return logp(left + frag + right) - logp(left) - logp(frag) - logp(right)


def binds(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] forms words with its Han neighbours (民安 in 居民|安全)."""
    return bind_gain(text, start, end) > BIND_MARGIN


# ---------------------------------------------------------------------------------------------
# the document as the rules see it: kept blocks joined by newlines


@dataclass(frozen=True)
class Body:
    text: str  # the blocks' texts joined with "\n"
    starts: tuple[int, ...]  # where each block starts in `text`
    blocks: tuple[Block, ...]

    def to_abs(self, pos: int) -> int:
        i = bisect.bisect_right(self.starts, pos) - 1
        return self.blocks[i].start + (pos - self.starts[i])


@functools.lru_cache(maxsize=8)
def body_of(blocks: tuple[Block, ...]) -> Body:
    starts, pos = [], 0
    for b in blocks:
        starts.append(pos)
        pos += len(b.text) + 1
    return Body("\n".join(b.text for b in blocks), tuple(starts), blocks)


def _removals(ctx: SpanContext, body: Body, spans, func) -> list[Removal]:
    """Merge overlapping body spans and turn them into removals with absolute offsets."""
    out: list[Removal] = []
    last_s = last_e = -1
    for s, e in sorted(spans):
        if s < last_e:
            last_e = max(last_e, e)
            continue
        if last_e > last_s >= 0:
            out.append(span_removal(ctx.text, body.to_abs(last_s), body.to_abs(last_e - 1) + 1, CATEGORY, func))
        last_s, last_e = s, e
    if last_e > last_s >= 0:
        out.append(span_removal(ctx.text, body.to_abs(last_s), body.to_abs(last_e - 1) + 1, CATEGORY, func))
    return out


# ---------------------------------------------------------------------------------------------
# the lexicon


@dataclass(frozen=True)
class Lexicon:
    verticals: dict[str, bool]  # word -> strong
    access: dict[str, bool]  # word -> strong
    brands: dict[str, str]  # name -> category
    terms: dict[str, str]
    lures: dict[str, str]
    tlds: frozenset[str]
    modifiers: frozenset[str]
    allow: tuple[str, ...]
    latin_allow: frozenset[str]  # upper case
    morphemes: dict[str, str]  # character -> category: what coined spam names are built on
    slogans: tuple[str, ...] = ()  # whole slogans whose shards a corpus carries (cleaner learn)


SECTIONS = ("vertical", "access", "brand", "term", "lure", "tld", "modifier", "allow", "latin_allow", "morpheme",
            "slogan")


def parse_lexicon(text: str, into: dict[str, dict[str, tuple[str, bool]]], source: str = "") -> None:
    """Add the entries of one lexicon file (format: cleaner/data/spam_lexicon.txt) to `into`:
    section -> entry -> (category, strong)."""
    section, category = None, ""
    for n, raw in enumerate(text.splitlines(), 1):
        line = re.split(r"\s#", raw, maxsplit=1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if not line:
            continue
        m = re.fullmatch(r"\[([a-z_]+)(?::([\w-]+))?\]", line)
        if m:
            if m.group(1) not in SECTIONS:
                raise ValueError(f"{source}:{n}: unknown lexicon section [{m.group(1)}]")
            section, category = m.group(1), m.group(2) or m.group(1)
            continue
        if section is None:
            raise ValueError(f"{source}:{n}: entry before any [section] header")
        entry, *flags = line.split("\t")
        entry = entry.strip()
        if entry:
            into.setdefault(section, {})[entry] = (category, "strong" in (f.strip() for f in flags))


@functools.lru_cache(maxsize=16)
def load_lexicon(extra: tuple[str, ...] = ()) -> Lexicon:
    """The bundled lexicon plus the files in `extra` (Settings.spam_lexicons), cached."""
    sections: dict[str, dict[str, tuple[str, bool]]] = {}
    for path in (str(DEFAULT_LEXICON), *extra):
        parse_lexicon(Path(path).read_text(encoding="utf-8"), sections, path)

    def sec(name: str) -> dict[str, tuple[str, bool]]:
        return sections.get(name, {})

    return Lexicon(
        verticals={w: s for w, (_, s) in sec("vertical").items()},
        access={w: s for w, (_, s) in sec("access").items()},
        brands={w: c for w, (c, _) in sec("brand").items()},
        terms={w: c for w, (c, _) in sec("term").items()},
        lures={w: c for w, (c, _) in sec("lure").items()},
        tlds=frozenset(w.lower() for w in sec("tld")),
        modifiers=frozenset(sec("modifier")),
        allow=tuple(sec("allow")),
        latin_allow=frozenset(w.upper() for w in sec("latin_allow")),
        morphemes={w: c for w, (c, _) in sec("morpheme").items() if len(w) == 1},
        slogans=tuple(sorted(w for w in sec("slogan") if len(w) >= 4)),
    )


def lexicon_key(settings: Settings) -> tuple[str, ...]:
    """What identifies a document's lexicon: the extra files of its settings."""
    return tuple(settings.spam_lexicons)


def lexicon_for(settings: Settings) -> Lexicon:
    return load_lexicon(lexicon_key(settings))


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@dataclass(frozen=True)
class Patterns:
    latin_token: re.Pattern  # where Latin-led spam can start: a run of letters / digits with a letter
    latin_vertical: re.Pattern  # ABC体育, XY娱乐城官网, KX电子入口 (matched at a token)
    latin_access: re.Pattern  # XY星河入口 (matched at a token)
    digit_vertical: re.Pattern  # 365娱乐城
    han_vertical_access: re.Pattern  # (brand)体育官网: the brand is found by segmentation
    han_brand: re.Pattern | None  # known Han brands (+ vertical / access)
    latin_brand: re.Pattern | None  # known Latin brands (matched at a token)
    term: re.Pattern | None
    han_lure: re.Pattern | None  # 加微信 abc123 ...
    latin_lure: re.Pattern | None  # QQ群 123456 (matched at a token)
    url: re.Pattern  # matched at a token
    domain: re.Pattern | None  # matched at a token
    allow: re.Pattern | None


def _cases(words) -> set[str]:
    out: set[str] = set()
    for w in words:
        out.update((w, w.lower(), w.upper()))
    return out


@functools.lru_cache(maxsize=16)
def patterns(key: tuple[str, ...]) -> Patterns:
    lex = load_lexicon(key)
    verts = _alt(_cases(lex.verticals))
    strong_v = _alt(_cases(w for w, s in lex.verticals.items() if s))
    acc = _alt(_cases(lex.access))
    strong_a = _alt(_cases(w for w, s in lex.access.items() if s))
    latin_brands = [b for b in lex.brands if not any(is_han(c) for c in b)]
    han_brands = [b for b in lex.brands if b not in latin_brands]
    latin_lures = [w for w in _cases(lex.lures) if w[0].isascii() and w[0].isalpha()]
    han_lures = [w for w in _cases(lex.lures) if w not in latin_lures]
    ident = r"[\s:：=]*(?P<id>[A-Za-z0-9][A-Za-z0-9_-]{4,29})(?![A-Za-z0-9_-])"
    tld = _alt(lex.tlds)
    stop = "\\s<>\"'，。、；：！？）】」》“”‘’（【「《,;!?()\\[\\]{}"
    # (the two patterns scanned with finditer start with the character class of their first
    # character, the look-behind after it, `(?<!...).`: the regex engine then skips ahead to
    # candidate characters instead of testing the look-behind at every position; same matches
    # as (?<![A-Za-z0-9.@_-])[0-9]*[A-Za-z][A-Za-z0-9]* and (?<![A-Za-z0-9.@_-])(?P<b>[0-9]{2,4})...)
    return Patterns(
        latin_token=re.compile(r"[0-9A-Za-z](?<![A-Za-z0-9.@_-].)(?:(?<=[A-Za-z])|(?=[0-9]*[A-Za-z]))[A-Za-z0-9]*"),
        latin_vertical=re.compile(
            f"(?P<b>[A-Za-z0-9]{{2,12}})(?:(?P<vs>{strong_v})(?P<v2>{verts})?(?P<a1>{acc})?|(?P<vw>{verts})(?P<a2>{acc}))"),
        latin_access=re.compile(f"(?P<b>[A-Za-z0-9]{{2,12}})(?P<c>[{HAN}]{{1,4}}?)(?P<a>{strong_a})"),
        digit_vertical=re.compile(
            f"(?P<b>[0-9](?<![A-Za-z0-9.@_-].)[0-9]{{1,3}})(?:(?P<vs>{strong_v})(?P<v2>{verts})?(?P<a1>{acc})?|(?P<vw>{verts})(?P<a2>{acc}))"),
        han_vertical_access=re.compile(f"(?P<v>{verts})(?P<a>{acc})"),
        han_brand=re.compile(f"(?P<k>{_alt(han_brands)})(?P<v>{verts})?(?P<a>{acc})?") if han_brands else None,
        latin_brand=re.compile(
            f"(?P<k>{_alt(latin_brands)})(?![A-Za-z0-9])(?P<v>{verts})?(?P<a>{acc})?", re.I) if latin_brands else None,
        term=re.compile(_alt(_cases(lex.terms))) if lex.terms else None,
        han_lure=re.compile(f"(?P<l>{_alt(han_lures)}){ident}") if han_lures else None,
        latin_lure=re.compile(f"(?P<l>{_alt(latin_lures)}){ident}") if latin_lures else None,
        url=re.compile(f"(?:https?://|www\\.)[^{stop}{HAN}]+", re.I),
        domain=re.compile(
            f"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{{0,40}}[A-Za-z0-9])?\\.)+(?:{tld})"
            f"(?![A-Za-z0-9-])(?:/[A-Za-z0-9._~%/?#=&-]*)?", re.I) if tld else None,
        allow=re.compile(_alt(lex.allow)) if lex.allow else None,
    )


# ---------------------------------------------------------------------------------------------
# ad vocabulary


@dataclass(frozen=True)
class AdHit:
    start: int  # in Body.text
    end: int
    kind: str  # latin_brand, brand, known_brand, stem, term, lure, url, domain
    strong: bool
    stem: str = ""  # brand + vertical without its access suffix, learned for the document
    core: str = ""  # the brand alone


OFFICIAL_SUFFIX = re.compile(r"\.(?:gov|edu)(?:\.[a-z]{2})?$|\.gov\.cn$|\.edu\.cn$", re.I)


def _near_han(text: str, s: int, e: int) -> bool:
    """A Han character within two characters (spaces, colons) of the span: inside Chinese prose."""
    for i in range(max(0, s - 2), s):
        if is_han(text[i]):
            return True
    for i in range(e, min(len(text), e + 2)):
        if is_han(text[i]):
            return True
    return False


def _han_brand_before(text: str, pos: int, lex: Lexicon) -> int | None:
    """Start of a 2-4 character Han brand ending at `pos`, found by segmenting what precedes
    it; None when the preceding word is an ordinary word or a modifier (网上, 境外 ...)."""
    lo = pos
    while lo > 0 and pos - lo < 8 and is_han(text[lo - 1]):
        lo -= 1
    if pos - lo < 2:
        return None
    tokens = segment(text[lo:pos])
    length, taken = 0, []
    for tok in reversed(tokens):
        if length >= 2:
            break
        taken.append(tok)
        length += len(tok)
    if length > 4:
        return None
    brand = text[pos - length:pos]
    wm = word_model()
    if brand in lex.modifiers or taken[0] in lex.modifiers or wm.word_freq(brand) >= 500:
        return None
    if any(wm.word_freq(t) >= 500 for t in taken if len(t) >= 2):
        return None
    return pos - length


def _continues_word(text: str, end: int, head: str) -> bool:
    """Whether the vertical `head` ending at `end` runs on into an ordinary word (体育场, 真人秀)."""
    wm = word_model()
    return any(end + k <= len(text) and is_han(text[end + k - 1]) and wm.is_word(head + text[end:end + k])
               for k in (1, 2))


def _brand_hit(text: str, m: re.Match, lex: Lexicon) -> AdHit | None:
    """A Latin / digit brand + vertical (+ access) match, unless the brand is a known acronym
    or the vertical runs on into an ordinary word (ABC体育场)."""
    b = m.group("b")
    if b.upper() in lex.latin_allow:
        return None
    if b.isdigit() and (m.group("vs") or "") in ("体育", "彩票"):
        return None  # 2023体育 ... is a year more often than a brand
    access = m.group("a1") or m.group("a2")
    vert = (m.group("vs") or m.group("vw")) + (m.group("v2") or "")
    if not access and _continues_word(text, m.end(), vert[-2:]):
        return None
    stem = text[m.start():m.end() - len(access)] if access else ""
    return AdHit(m.start(), m.end(), "latin_brand", True, stem, b)


def _id_ok(m: re.Match) -> bool:
    ident = m.group("id")
    return bool(re.search(r"\d", ident)) or len(ident) >= 6


def _host(url: str) -> str:
    url = url.split("://", 1)[-1]
    return re.split(r"[/?#:]", url, maxsplit=1)[0]


def _scan_strong(text: str, lex: Lexicon, pat: Patterns) -> list[AdHit]:
    hits: list[AdHit] = []
    # Latin-led forms, tried only where a Latin token starts
    for tok in pat.latin_token.finditer(text):
        pos = tok.start()
        m = pat.latin_vertical.match(text, pos)
        if m and m.start("b") == pos:
            h = _brand_hit(text, m, lex)
            if h:
                hits.append(h)
                continue
        m = pat.latin_access.match(text, pos)
        if m:
            b = m.group("b")
            if b.upper() not in lex.latin_allow and re.search(r"[A-Za-z].*[A-Za-z]", b) \
                    and not re.fullmatch(r"[A-Za-z]\d+", b):
                hits.append(AdHit(pos, m.end(), "latin_brand", True, text[pos:m.start("a")], b))
                continue
        if pat.latin_brand:
            m = pat.latin_brand.match(text, pos)
            if m:
                stem = text[pos:m.start("a")] if m.group("a") else ""
                hits.append(AdHit(pos, m.end(), "known_brand", True, stem, m.group("k")))
                continue
        if pat.latin_lure:
            m = pat.latin_lure.match(text, pos)
            if m and _id_ok(m):
                hits.append(AdHit(pos, m.end(), "lure", True))
                continue
        m = pat.url.match(text, pos)
        if m:
            end = m.end()
            while end > pos and text[end - 1] in ".-/":
                end -= 1
            if end - pos > 6 and _near_han(text, pos, end) and not OFFICIAL_SUFFIX.search(_host(text[pos:end])):
                hits.append(AdHit(pos, end, "url", True))
            continue
        if pat.domain:
            m = pat.domain.match(text, pos)
            if m and not OFFICIAL_SUFFIX.search(_host(m.group(0))) and _near_han(text, pos, m.end()):
                hits.append(AdHit(pos, m.end(), "domain", True))
    for m in pat.digit_vertical.finditer(text):
        h = _brand_hit(text, m, lex)
        if h:
            hits.append(h)
    # Han-led forms
    for m in pat.han_vertical_access.finditer(text):
        if m.start() == 0 or not is_han(text[m.start() - 1]):
            continue
        start = _han_brand_before(text, m.start(), lex)
        if start is None:
            continue
        hits.append(AdHit(start, m.end(), "brand", True, text[start:m.start("a")], text[start:m.start()]))
    if pat.han_brand:
        for m in pat.han_brand.finditer(text):
            strong = bool(m.group("v") or m.group("a"))
            if m.group("v") and not m.group("a") and _continues_word(text, m.end(), m.group("v")):
                strong = False
            end = m.end() if strong else m.end("k")
            stem = text[m.start():m.start("a")] if m.group("a") else ""
            hits.append(AdHit(m.start(), end, "known_brand", strong, stem, m.group("k")))
    if pat.han_lure:
        for m in pat.han_lure.finditer(text):
            if _id_ok(m):
                hits.append(AdHit(m.start(), m.end(), "lure", True))
    return hits


def _allowed_spans(text: str, pat: Patterns) -> list[tuple[int, int]]:
    return [m.span() for m in pat.allow.finditer(text)] if pat.allow else []


def _overlaps(s: int, e: int, spans) -> bool:
    return any(s < b and a < e for a, b in spans)


@functools.lru_cache(maxsize=8)
def ad_hits(blocks: tuple[Block, ...], key: tuple[str, ...] = ()) -> tuple[AdHit, ...]:
    """Every ad-vocabulary hit of the document (body offsets; `key`: extra lexicon files),
    weak ones only when the document already holds a strong (pattern-found) one."""
    body = body_of(blocks)
    text = body.text
    lex = load_lexicon(key)
    pat = patterns(key)
    allowed = _allowed_spans(text, pat)
    hits = [h for h in _scan_strong(text, lex, pat) if not _overlaps(h.start, h.end, allowed)]
    strong = [h for h in hits if h.strong]
    if not strong:
        return ()
    taken = [(h.start, h.end) for h in strong]
    # learned stems: a brand seen with a suffix goes wherever it stands alone
    stems: set[str] = set()
    wm = word_model()
    for h in strong:
        if h.stem and len(h.stem) >= 2:
            stems.add(h.stem)
        core = h.core  # the brand alone: a Han name outside the dictionary, a longer Latin one
        if core and len(core) >= 2 and core.upper() not in lex.latin_allow and not core.isdigit():
            latin = not any(is_han(c) for c in core)
            if (latin and len(core) >= 4) or (not latin and not wm.is_word(core)):
                stems.add(core)
    out = list(strong)
    for stem in sorted(stems, key=len, reverse=True):
        latin = not any(is_han(c) for c in stem)
        pos = text.find(stem)
        while pos >= 0:
            end = pos + len(stem)
            ok = not _overlaps(pos, end, taken)
            if ok and latin:
                ok = (pos == 0 or not text[pos - 1].isalnum() or is_han(text[pos - 1])) and (
                    end == len(text) or not text[end].isalnum() or is_han(text[end]))
            elif ok and is_han(stem[0]) and is_han(stem[-1]):
                ok = not binds(text, pos, end)
            if ok:
                out.append(AdHit(pos, end, "stem", False))
                taken.append((pos, end))
            pos = text.find(stem, end)
    # bare known brands and ad copy, now that the page is known to carry spam
    for h in hits:
        if not h.strong and not _overlaps(h.start, h.end, taken) and not wm.is_word(text[h.start:h.end]) \
                and not binds(text, h.start, h.end):
            out.append(h)
            taken.append((h.start, h.end))
    if pat.term:
        for m in pat.term.finditer(text):
            if not _overlaps(m.start(), m.end(), taken) and not _overlaps(m.start(), m.end(), allowed):
                out.append(AdHit(m.start(), m.end(), "term", False))
                taken.append(m.span())
    return tuple(sorted(out, key=lambda h: (h.start, h.end)))


def ad_vocabulary(ctx: SpanContext) -> list[Removal]:
    """Gambling / ad vocabulary from the spam lexicon: brand + vertical + access forms, Latin brands glued to Chinese, contact lures, bare URLs and domains, learned brand stems."""
    if not ctx.blocks:
        return []
    hits = ad_hits(ctx.blocks, lexicon_key(ctx.settings))
    if not hits:
        return []
    body = body_of(ctx.blocks)
    return _removals(ctx, body, [(h.start, h.end) for h in hits], ad_vocabulary)


# ---------------------------------------------------------------------------------------------
# injected slogan shards

# the hundred commonest surnames: a short out-of-vocabulary fragment starting with one reads as a person's
# name and is not taken as a shard on its own evidence
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")

MAX_SHARD = 6
MIN_FREE = 1  # occurrences loose on both edges a candidate needs
MAX_GAP = 240  # chars between two shards of one cycle
MAX_MEAN_GAP = 80  # mean distance between the exposed shards of one cycle
MAX_LONE_GAP = 150  # mean distance between the rounds of a lone exposed shard (its partners hidden)
MAX_FILL_GAP = 150  # a slot searched for hidden shards is at most this long
MAX_ROUND = 400  # chars between two occurrences of one shard (one round of the slogan)
MAX_STRETCH = 1500  # chars an injected stretch spans at most
MAX_TYPES = 80  # candidate fragments considered per document
MAX_CLIQUES = 200
MAX_TRIES = 16  # candidate cycles judged per document (a retry without one fragment counts)
MIN_EVIDENCE = 4  # shard occurrences a sparse cycle needs, found and filled
DENSE_GAP = 40  # mean distance between the pieces of a densely injected stretch
STRONG_GAP = 60  # ... when the exposed shards are this close on average
COLLOCATION_GAP = 6  # two fragments always this close are a collocation of the article
TIGHT_GAP = 2  # ... this close twice: a collocation even in a cycle seen only twice
TWO_ROUND_GAP = 50  # mean distance of exposed shards in a cycle seen only twice
MAX_PIECES = 6  # pieces of one slogan per round, exposed and hidden
MAX_ORDER_SET = 10  # hidden shards of one slot searched exhaustively for the largest set in order
BOUND_FREE = 0.3  # a character standing alone at most this often (free()) is cut off a word
AFFIX_SHARE = 0.05  # ... unless it starts words (or ends them) less than this often against the other way: an affix


Occ = tuple[int, int, str]  # start, end, fragment
PAD = MAX_SHARD


_HAN_TABLE = np.zeros(0x110000, bool)  # code point -> Han (every code point: no clipping to do)
for _lo, _hi in ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)):
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


# offsets of the characters a bigram at p may grow over: p-1 ... p-5 on the left, p+2 ... p+6 on the right
_GROW_OFFSETS = np.r_[-np.arange(1, MAX_SHARD), 1 + np.arange(1, MAX_SHARD)]


def _growth(padded: np.ndarray, pidx: np.ndarray, starts: np.ndarray) -> tuple[np.ndarray, ...]:
    """How far each group of bigram occurrences (rows pidx, groups from `starts`) grows left
    and right while all its occurrences agree on a Han character, the left side first, up to
    MAX_SHARD characters in all; and whether it would grow beyond (too long for a shard)."""
    c = padded[pidx[:, None] + _GROW_OFFSETS]
    lo, hi = np.minimum.reduceat(c, starts, axis=0), np.maximum.reduceat(c, starts, axis=0)
    agree = (lo == hi) & _is_han_arr(lo)
    n_side = MAX_SHARD - 1
    # agreeing characters in a row
    run_l = np.logical_and.accumulate(agree[:, :n_side], axis=1).sum(axis=1)
    run_r = np.logical_and.accumulate(agree[:, n_side:], axis=1).sum(axis=1)
    left = np.minimum(run_l, MAX_SHARD - 2)
    room = MAX_SHARD - 2 - left
    right = np.minimum(run_r, room)
    return left, right, (run_l > MAX_SHARD - 2) | (run_r > room)


def _loose_fragments(text: str, k: int) -> dict[str, tuple[list[int], list[int]]]:
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
    wm = word_model()
    padded = np.concatenate((np.zeros(PAD + 1, np.uint32), a, np.zeros(PAD + 1, np.uint32)))
    pkeys = _pair_keys(padded[:-1], padded[1:])  # pkeys[i]: the pair padded[i], padded[i + 1]
    pbits = _pair_bits(wm, pkeys)
    bits = pbits[PAD + 1:PAD + a.size]  # the pairs of `a`
    idx = np.nonzero(pair & ((bits & 2) == 0))[0]
    if idx.size < k:
        return {}
    keys = pkeys[idx + PAD + 1]  # the pairs a[idx], a[idx + 1]
    # group the occurrences by bigram (ascending key, in text order inside a group), keep the
    # groups of k or more
    order = np.argsort(keys, kind="stable")
    sk = keys[order]
    # (np.concatenate, not np.r_: its index-trick machinery costs more than the arrays here)
    first = np.flatnonzero(np.concatenate(([True], sk[1:] != sk[:-1])))
    counts = np.concatenate((first[1:], [sk.size])) - first
    big = counts >= k
    if not big.any():
        return {}
    idx = idx[order[np.repeat(big, counts)]]
    sizes = counts[big]
    # a shard comes back once per round: an occurrence with no twin within one round's reach
    # belongs to the article (a term used now and then over a long text). A bigram with fewer
    # than k such occurrences stands loose fewer than k times: it goes before growing (growth
    # moves all the occurrences of a bigram alike, so their distances are the bigram's)
    group = np.repeat(np.arange(sizes.size), sizes)
    close = (group[1:] == group[:-1]) & (idx[1:] - idx[:-1] <= MAX_ROUND)
    twin = np.zeros(idx.size, bool)
    twin[1:] |= close
    twin[:-1] |= close
    starts = np.concatenate(([0], np.cumsum(sizes[:-1])))
    paired = np.add.reduceat(twin.astype(np.int64), starts) >= k
    if not paired.any():
        return {}
    rows = np.repeat(paired, sizes)
    idx, twin, sizes = idx[rows], twin[rows], sizes[paired]
    starts = np.concatenate(([0], np.cumsum(sizes[:-1])))
    group = np.repeat(np.arange(starts.size), sizes)
    pidx = idx + PAD + 1
    left, right, too_long = _growth(padded, pidx, starts)
    s = pidx - left[group]
    e = pidx + 2 + right[group]
    free_l, free_r = (pbits[s - 1] & 1) == 0, (pbits[e - 1] & 1) == 0
    loose = (free_l | free_r) & ~too_long[group] & twin
    n_loose = np.add.reduceat(loose.astype(np.int64), starts)
    n_free = np.add.reduceat((free_l & free_r & loose).astype(np.int64), starts)
    chosen = np.nonzero((n_loose >= k) & (n_free >= MIN_FREE))[0]
    out: dict[str, tuple[list[int], list[int]]] = {}
    if chosen.size == 0:
        return out
    keep = np.zeros(starts.size, bool)
    keep[chosen] = True
    mask = keep[group]  # the rows of the groups kept, in order
    every_all = (s[mask] - PAD - 1).tolist()
    loose_all = (s[mask & loose] - PAD - 1).tolist()  # the same rows, loose ones only
    lengths = (left + right + 2)[chosen].tolist()
    i = j = 0
    for size, size_loose, n in zip(sizes[chosen].tolist(), n_loose[chosen].tolist(), lengths):
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


def _diverse(text: str, occs: list[Occ], limit: float = 0) -> bool:
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


QUOTES = {"“": "”", "‘": "’", "「": "」", "『": "』", "《": "》", "【": "】", "〈": "〉", '"': '"', "(": ")", "（": "）"}
OPENING = re.compile("[" + re.escape("".join(QUOTES)) + "]")


def _quoted(text: str, s: int, e: int) -> bool:
    """Whether the fragment fills a pair of quotation marks or brackets: a named term
    (“产业十条”), never a piece dropped between words."""
    return s > 0 and e < len(text) and QUOTES.get(text[s - 1]) == text[e]


def _name_like(frag: str) -> bool:
    return len(frag) <= 3 and frag[0] in SURNAMES


def _free(text: str, frag: str, starts: list[int], claimed: bytearray, closers: dict[int, str]) -> list[Occ]:
    """The occurrences of `frag` at `starts` that overlap no claimed character and are not
    quoted (as _quoted; `closers`: offset after an opening mark -> the mark that closes it)."""
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


def _near_others(seeds: dict[str, list[Occ]], k: int) -> dict[str, list[Occ]]:
    """Each seed's occurrences with another seed's occurrence starting at most MAX_GAP before
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
          if (lo is not None and lo >= o[0] - MAX_GAP) or (hi is not None and hi <= o[1] + MAX_GAP)}
    near: dict[str, list[Occ]] = {}
    for frag, occs in seeds.items():
        kept = [o for o in occs if o[0] in ok]
        if len(kept) >= k:
            near[frag] = kept
    return near


def _shard_seeds(text: str, k: int, stops: tuple[tuple[int, int], ...] = ()) -> dict[str, list[Occ]]:
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
    found = sorted(_loose_fragments(text, k).items(), key=lambda kv: (-len(kv[1][0]), -len(kv[0]), kv[0]))
    for frag, (loose, every) in found:
        if wm.is_word(frag, WORD_MIN_FREQ) or _name_like(frag):
            continue
        free = _free(text, frag, every, claimed, closers)  # the loose ones are among them
        if len(loose) < len(every):
            ok = set(loose)
            occs = [o for o in free if o[0] in ok]
        else:
            occs = free
        if len(occs) < k or not _diverse(text, occs):
            continue
        seeds[frag] = free
        mark = b"\x01" * len(frag)
        for p, e, _ in free:
            claimed[p:e] = mark
    # an occurrence far from every other seed's is no part of an injected stretch
    return _near_others(seeds, k)


def _drop_overlaps(occs: list[Occ]) -> list[Occ]:
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


def _group_ok(members: list[Occ], mean_gap: int = MAX_MEAN_GAP) -> bool:
    """Shards of one stretch: consecutive ones close, none far out beyond the others."""
    gaps = [b[0] - a[1] for a, b in zip(members, members[1:])]
    if not gaps:
        return False
    widest = max(gaps)
    if widest > MAX_GAP:
        return False
    if (members[-1][1] - members[0][0]) / (len(members) - 1) > mean_gap:
        return False
    # one member reaching far beyond the stretch: a term recurring further on (the gaps sorted
    # only then, for the next widest)
    return not (len(gaps) >= 3 and widest > 150 and widest > 3 * max(sorted(gaps)[-2], 10))


def _cycles(occs: list[Occ], k: int) -> list[tuple[list[str], list[Occ]]]:
    """Groups of fragments whose occurrences take turns in a fixed cyclic order, as the shards
    of one slogan inserted in turn do: every two of them alternate strictly, and each shard
    follows the previous one within MAX_GAP characters. Returns [(cycle order, occurrences)],
    largest groups first, single fragments last. Terms of the article that recur at random (a
    place name said eighteen times) alternate with nothing and stay out."""
    by_type: dict[str, list[Occ]] = defaultdict(list)
    for o in occs:
        by_type[o[2]].append(o)
    # a shard recurs once per round: keep occurrences with a twin within one round's reach,
    # and types whose occurrences all fit in one injected stretch
    for t in list(by_type):
        v = by_type[t]
        close = [b[0] - a[1] <= MAX_ROUND for a, b in zip(v, v[1:])]  # close[i]: v[i] and v[i + 1]
        if not all(close):
            v = [o for i, o in enumerate(v) if (i > 0 and close[i - 1]) or (i < len(close) and close[i])]
        if len(v) < k or v[-1][1] - v[0][0] > MAX_STRETCH:
            del by_type[t]
        else:
            by_type[t] = v
    types = sorted(by_type, key=lambda t: (by_type[t][0][0], t))[:MAX_TYPES]
    span = {t: (by_type[t][0][0], by_type[t][-1][1]) for t in types}
    starts = {t: [o[0] for o in by_type[t]] for t in types}
    count = {t: len(v) for t, v in starts.items()}
    adj: dict[str, set[str]] = {t: set() for t in types}
    firsts = [span[t][0] for t in types]  # ascending: types are sorted by first occurrence
    for i, t in enumerate(types):
        # cheap refusals of _alternate first. Occurrences never share a start, so `t` starts
        # first and must lead: the second type starts before the second occurrence of `t` (no
        # later one does: bisect), and has as many occurrences as `t` or one fewer
        n_t = count[t]
        for u in types[i + 1:bisect.bisect_left(firsts, starts[t][1], i + 1)]:
            if 0 <= n_t - count[u] <= 1 and _alternate(starts[t], starts[u]):
                adj[t].add(u)
                adj[u].add(t)
    cliques: list[set[str]] = []

    def expand(r: set[str], p: set[str], x: set[str]) -> None:  # Bron-Kerbosch with pivot
        if len(cliques) >= MAX_CLIQUES:
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
    seen: set[frozenset[str]] = set()
    out = []
    for clique in sorted(cliques, key=lambda c: sorted(c)):
        group = set(clique)
        while len(group) >= 2:
            members = sorted(o for t in group for o in by_type[t])
            if _group_ok(members):
                break
            # drop the type whose occurrences lie farthest from the others' middle (members
            # and each type's occurrences are in text order: the ends of a type are farthest)
            mid = members[len(members) // 2][0]
            group.discard(max(sorted(group), key=lambda t: max(mid - by_type[t][0][0], by_type[t][-1][0] - mid)))
        key = frozenset(group)
        if len(group) < 2 or key in seen:
            continue
        seen.add(key)
        out.append((list(dict.fromkeys(o[2] for o in members)), members))
    for t in types:  # single fragments, last: they need hidden partners (see _one_cycle)
        members = by_type[t]
        # three rounds at least (see _convincing), each a whole round of the slogan apart
        if len(members) >= 3 and _group_ok(members, MAX_LONE_GAP):
            out.append(([t], members))
    # larger groups first; among equals, pieces that fit together, then the tighter stretch
    out.sort(key=lambda c: (-len(c[0]), not _fits_alone(tuple(c[0])), -len(c[1]), _mean_gap(c[1]), sorted(c[0])))
    return out


@functools.lru_cache(maxsize=1024)
def _unique_substrings(s: str) -> frozenset[str]:
    """Han substrings of 2..MAX_SHARD characters that occur once in `s`. Memoised: the
    retries of a cycle (_without_one, _one_cycle) search the same gaps again."""
    subs = [run[i:i + w] for run in HAN_RUN.findall(s) for w in range(2, MAX_SHARD + 1)
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


def _loose_elsewhere(text: str, y: str, core: tuple[int, int], places: list[int]) -> bool:
    """Whether `y` also stands loose inside the stretch outside the places found for it (where
    it forms words with its neighbours, 居民|安全 for 民安, it is another matter)."""
    p = text.find(y, core[0], core[1])
    while p >= 0:
        if p not in places and not binds(text, p, p + len(y)):
            return True
        p = text.find(y, p + 1, core[1])
    return False


def _fill_gaps(text: str, order: list[str], members: list[Occ],
               stops: list[tuple[int, int]]) -> tuple[list[Occ], dict[str, list[tuple[int, str]]]]:
    """Shards the dictionary cannot expose (real words such as 家园) sit in the same slot of
    every round of the cycle: between the same two exposed shards, or before the first / after
    the last one (a round cut short); a gap too long to search still counts as one of the
    slot's regions. A fragment found once in every complete gap of a slot,
    and in at least two of the slot's regions in all, loose there and in varied company, is a
    shard too. Returns the shards found and, per exposed shard, the fragments of the slot
    after it with their offset in its first gap."""
    n = len(order)
    nxt = {order[i]: order[(i + 1) % n] for i in range(n)}
    pred = {v: t for t, v in nxt.items()}
    gaps: dict[str, list[tuple[int, int]]] = defaultdict(list)
    wide: dict[str, list[tuple[int, int]]] = defaultdict(list)  # too long to search, still a slot
    for a, b in zip(members, members[1:]):
        if nxt[a[2]] == b[2]:
            (gaps if b[0] - a[1] <= MAX_FILL_GAP else wide)[a[2]].append((a[1], b[0]))
    longest = max((e - s for v in gaps.values() for s, e in v), default=0)
    if not longest:
        return [], {}
    reach = min(MAX_FILL_GAP, int(longest * 1.5) + 8)
    first, last = members[0], members[-1]
    partial: dict[str, list[tuple[int, int]]] = defaultdict(list)
    partial[pred[first[2]]].append((max(0, first[0] - reach), first[0]))
    # the last round ends where other spam (a brand) is: what follows is the article again
    hi = min([len(text), last[1] + reach] + [s for s, e in stops if s >= last[1]])
    partial[last[2]].append((last[1], hi))
    blocked = [(o[0], o[1]) for o in members] + list(stops)
    core = (first[0], last[1])
    found: list[Occ] = []
    slots: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for t in order:
        complete = gaps.get(t, [])
        if not complete:
            continue
        regions = complete + partial.get(t, []) + wide.get(t, [])
        # cheap conditions first: present once in every complete gap and in two regions at least
        texts = sorted((text[s:e] for s, e in complete), key=len)
        once: frozenset[str] | set[str] = _unique_substrings(texts[0])
        for other in texts[1:]:
            once = {y for y in once if other.count(y) == 1}
        outer = regions[len(complete):]
        # in two regions at least (with two complete gaps, every one of `once` is); only the
        # maximal ones are looked at, so their places are found after that
        if len(complete) < 2:
            in_outer: set[str] = set()
            for s, e in outer:
                region = text[s:e]
                in_outer |= {y for y in once if region.count(y) == 1}
            once = once & in_outer
        inner = _proper_substrings(once)
        for y in sorted(once - inner, key=len, reverse=True):  # (maximal fragments only)
            # `once` holds only fragments present once in each complete gap: there, find it
            n_y = len(y)
            places = [text.find(y, s, e) for s, e in complete] + \
                [text.find(y, s, e) for s, e in outer if text.count(y, s, e) == 1]
            places = [p for p in places if not _overlaps(p, p + n_y, blocked)]
            complete_ok = sum(1 for p in places for s, e in complete if s <= p < e) == len(complete)
            if not complete_ok or len(places) < 2:
                continue
            # the cheap tests before the dictionary's
            occ = [(p, p + n_y, y) for p in places]
            if not _diverse(text, occ):
                continue
            if len(places) == 2:
                if text.count(y) > 2:
                    continue  # seen twice only: it must be foreign to the rest of the article
            elif _common_here(text, y, places, regions):
                continue
            if any(binds(text, p, p + n_y) for p in places):
                continue
            if _loose_elsewhere(text, y, core, places):
                continue  # also loose elsewhere among the shards, out of its slot: the article's word
            found.extend(occ)
            slots[t].append((places[0] - complete[0][0], y))
    # hidden shards keep their order in every round: the best attested set that does
    seen = Counter(o[2] for o in found)
    for t, ys in list(slots.items()):
        names = _in_order(text, found, {y for _, y in ys}, gaps[t], seen)
        gone = {y for _, y in ys} - names
        slots[t] = [(off, y) for off, y in ys if y in names]
        found = [o for o in found if o[2] not in gone]
    if n == 1 and seen and max(seen.values()) >= 3:
        # a lone shard's partners are words (a fragment that is none would have been exposed):
        # when some show in every round, one that is none and is seen less came by chance
        best = max(seen.values())
        weak = {y for y, c in seen.items()
                if c < best and not (word_model().is_word(y, WORD_MIN_FREQ) or _phrase_like(y))}
        found = [o for o in found if o[2] not in weak]
        slots = {t: [(off, y) for off, y in v if y not in weak] for t, v in slots.items()}
    # ... and a round holds a handful of pieces: those seen in fewer rounds than the others go first
    while sum(len(v) for v in slots.values()) + n > MAX_PIECES:
        weakest = [(seen[y], -text.count(y), y) for v in slots.values() for _, y in v]
        if not weakest or min(weakest)[0] == max(weakest)[0]:
            return [], {}
        y = min(weakest)[2]
        slots = {t: [(off, z) for off, z in v if z != y] for t, v in slots.items()}
        found = [o for o in found if o[2] != y]
    return found, slots


def _in_order(text: str, found: list[Occ], names: set[str], gaps: list[tuple[int, int]],
              seen: Counter) -> set[str]:
    """The hidden shards of one slot that keep one order in every complete gap: of the sets
    whose pairs never swap, the one seen most often (then the one rarer in the text)."""
    first: dict[str, list[int]] = {y: [] for y in names}
    for s, e in gaps:
        for y in names:
            first[y].append(min((o[0] for o in found if o[2] == y and s <= o[0] < e), default=-1))
    ys = sorted(names)
    clash = {(a, b) for i, a in enumerate(ys) for b in ys[i + 1:]
             if len({pa < pb for pa, pb in zip(first[a], first[b])}) > 1}
    if not clash:
        return names
    if len(ys) > MAX_ORDER_SET:  # too many to choose from: drop the commonest until they agree
        while clash:
            y = max({a for pair in clash for a in pair}, key=lambda y: (text.count(y), y))
            clash = {c for c in clash if y not in c}
            names = names - {y}
        return names
    best: tuple = ()
    for mask in range(1, 1 << len(ys)):
        sub = [y for i, y in enumerate(ys) if mask >> i & 1]
        if any((a, b) in clash for i, a in enumerate(sub) for b in sub[i + 1:]):
            continue
        key = (sum(seen[y] for y in sub), -sum(text.count(y) for y in sub), sub)
        best = max(best, key) if best else key
    return set(best[2])


def _adjacent(text: str, members: list[Occ], collocations: bool = True) -> bool:
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
        near[a[2], b[2]].append(b[0] - a[1] <= COLLOCATION_GAP)
    return any(len(v) >= 3 and all(v) for v in near.values())


def _reassembles(order: list[str], slots: dict[str, list[tuple[int, str]]]) -> bool:
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
        if not (sa or sb) or _words_meet(a, b):
            continue
        if _join_gain(a, b) > REASSEMBLE_MARGIN:
            return True
    return False


@functools.lru_cache(maxsize=4096)
def _fits_alone(order: tuple[str, ...]) -> bool:
    """_reassembles for the exposed shards alone (no hidden ones), memoised: one cycle is asked
    in turn by the ranking of _cycles, _hopeless and _convincing."""
    return _reassembles(list(order), {})


def _words_meet(a: str, b: str) -> bool:
    """Whether a join of two pieces falls between two words of two characters or more
    (电池健康|评估标准: 健康 + 评估 read as 健康评估): two compounds of an article side by side make
    words across their join as readily as a slogan cut inside a word does."""
    wm = word_model()
    x, y = segment(a)[-1], segment(b)[0]
    return len(x) >= 2 and len(y) >= 2 and wm.is_word(x, WORD_MIN_FREQ) and wm.is_word(y, WORD_MIN_FREQ)


def _convincing(text: str, order: list[str], members: list[Occ], filled: list[Occ],
                slots: dict[str, list[tuple[int, str]]]) -> bool:
    """Whether a cycle is an injected slogan rather than terms of the article that happen to
    take turns (two paragraphs in parallel, a topic's key words).

    - Pieces that do not fit back together and sit one round per paragraph, each paragraph
      saying each piece once, are paragraphs written in parallel (_parallel_paragraphs).
    - Two exposed shards or more: the pieces fit back together into words across a join
      (_reassembles), or the structure alone is strong: three kinds or more in three rounds or
      more, close together (exposed ones; or exposed and hidden together, then foreign to the
      rest of the text, _foreign_pieces). Two rounds must be close together (exposed shards,
      or exposed and hidden ones when the exposed ones fit by themselves), and fit, or be
      phrases of content words or pieces cut off words (_phrase_like, _chopped) used nowhere
      else in the text (one bigram may be, when word partners complete both rounds, _slack).
    - One exposed shard: forming words in fewer than half its places (_hopeless), hidden
      partners (words, or phrases of words) in three rounds at least, one of them seen in
      three rounds too, and the shard and its partners foreign to the rest of the article (a
      topic's compound, 家庭医生, recurs with the topic's words around it). A shard in the same
      company twice or said once in each paragraph (_lone_doubtful) needs every partner in
      three rounds (_lone_partners_hold)."""
    pieces = sorted(members + filled)
    if len(pieces) < MIN_EVIDENCE or _adjacent(text, pieces, False):
        return False
    rounds = min(Counter(o[2] for o in members).values())
    fits = _fits_alone(tuple(order)) or (any(slots.values()) and _reassembles(order, slots))
    gap = _mean_gap(members)
    hidden = {o[2] for o in filled}
    if not fits and _parallel_paragraphs(pieces, text):
        return False
    if len(order) >= 2:
        if rounds >= 3:
            if fits or (len(order) >= 3 and gap <= STRONG_GAP):
                return True
            # a slogan cut between its words (no join makes a word), some pieces real words
            # found by their slot: three kinds of pieces or more in three rounds or more, close
            # together, and foreign to the rest of the text
            return len(order) + len(hidden) >= 3 and _mean_gap(pieces) <= STRONG_GAP \
                and _foreign_pieces(text, pieces + _loose_beyond(text, pieces))
        if _collocated(text, pieces, 2, TIGHT_GAP):
            return False  # a collocation of the article said twice (心里也更有底了, 心里就有底了)
        if fits and gap <= TWO_ROUND_GAP:
            return True
        # exposed shards that fit, or phrases: their hidden partners may stand between them
        return _mean_gap(pieces) <= TWO_ROUND_GAP and (_fits_alone(tuple(order)) or (
            len(order) + len(hidden) >= 3 and _two_round_phrases(text, order, members, _slack(text, pieces, filled))))
    if not hidden or rounds < 3:
        return False
    count = Counter(o[2] for o in pieces)
    if any(_loose_count(text, t) > count[t] for t in count):
        return False  # said loose elsewhere too; inside a word there (产业|链) it is another matter
    if not _foreign_pieces(text, members):
        return False
    # the hidden partners of a lone exposed shard are dictionary words (a fragment that is none
    # would have been exposed itself): a lead that repeats its site name and key phrases is not
    words = all(word_model().is_word(y, WORD_MIN_FREQ) or _phrase_like(y) for y in hidden)
    # ... one of them seen in three rounds too (the others in every complete gap, _fill_gaps:
    # a last round cut short may lack them)
    seen = Counter(o[2] for o in filled)
    if max(seen.values(), default=0) < 3:
        return False
    if _lone_doubtful(text, order[0], members) and not _lone_partners_hold(seen):
        return False
    return gap <= MAX_LONE_GAP and (fits or (len(hidden) >= 2 and words and _mean_gap(pieces) <= DENSE_GAP))


def _phrase_like(frag: str) -> bool:
    """Whether a fragment reads as a phrase of content words the dictionary knows one by one
    (砥砺前行, 匠心传承): two words or more, none of one character. The article's own fragments
    that are no word are mostly a word with a function character glued on (的订单, 增长了, 能在)."""
    words = segment(frag)
    return len(words) >= 2 and all(len(w) >= 2 for w in words)


def _slack(text: str, pieces: list[Occ], filled: list[Occ]) -> int:
    """How many of their character bigrams two rounds of phrases may share with the rest of the
    text (a slogan about schools in a story about schools): one, when word partners complete
    both rounds in their slots (_whole_rounds) and no two pieces keep together (_collocated)."""
    return int(_whole_rounds(filled) and not _collocated(text, pieces, 2))


def _collocated(text: str, pieces: list[Occ], rounds: int, gap: int = COLLOCATION_GAP) -> bool:
    """Whether two pieces always stand at most `gap` characters apart, `rounds` times at least:
    a collocation of the article (每月……召开一次), where pieces dropped at random drift."""
    near: dict[tuple[str, str], list[bool]] = defaultdict(list)
    for a, b in zip(pieces, pieces[1:]):
        near[a[2], b[2]].append(b[0] - a[1] <= gap)
    return any(len(v) >= rounds and all(v) for v in near.values())


def _whole_rounds(filled: list[Occ]) -> bool:
    """Whether two words at least, hidden partners, were found in both rounds."""
    seen = Counter(o[2] for o in filled)
    return sum(n >= 2 and word_model().is_word(y, WORD_MIN_FREQ) for y, n in seen.items()) >= 2


def _chopped(frag: str) -> bool:
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
    return (len(a) == 1 and wm.free(a) < BOUND_FREE and wm.tail[a] > AFFIX_SHARE * wm.head[a]) or \
        (len(b) == 1 and wm.free(b) < BOUND_FREE and wm.head[b] > AFFIX_SHARE * wm.tail[b])


def _two_round_phrases(text: str, order: list[str], members: list[Occ], slack: int = 0) -> bool:
    """Whether the exposed shards of a cycle seen twice are phrases of content words, or pieces
    cut off words, used nowhere else in the text (`slack`: bigrams they may share with it, see
    _foreign_pieces), and not all of them at set places of their sentences (慢病 after an
    enumeration comma and 数据显示 before a comma, twice)."""
    return all(_phrase_like(t) or _chopped(t) for t in order) and _foreign_pieces(text, members, slack) \
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


def _loose_around(text: str, pieces: list[Occ], reach: int, stops=(), frags=None) -> list[Occ]:
    """Other occurrences of the pieces' fragments (or of `frags`) starting within `reach`
    characters of the stretch the pieces span, loose between words and outside `stops`."""
    lo, hi = max(0, pieces[0][0] - reach), pieces[-1][1] + reach
    taken = {(o[0], o[1]) for o in pieces}
    out = []
    for frag in frags or dict.fromkeys(o[2] for o in pieces):
        p = text.find(frag, lo)
        while 0 <= p < hi:
            if (p, p + len(frag)) not in taken and not _overlaps(p, p + len(frag), stops) \
                    and not binds(text, p, p + len(frag)):
                out.append((p, p + len(frag), frag))
            p = text.find(frag, p + 1)
    return sorted(out)


def _loose_beyond(text: str, pieces: list[Occ]) -> list[Occ]:
    """Further occurrences of the pieces, loose between words, within one round's reach of the
    stretch found so far (MAX_ROUND): the rounds a slot search did not reach (the last ones,
    spread out) are the slogan's too, not the article's own use of its words."""
    return _loose_around(text, pieces, MAX_ROUND)


def _parallel_paragraphs(pieces: list[Occ], text: str) -> bool:
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
    return len(set(lines)) == len(lines) and not _phrase_like(frag)


def _loose_count(text: str, frag: str) -> int:
    """How often a fragment stands in the text without forming a word with its neighbours."""
    n, p = 0, text.find(frag)
    while p >= 0:
        n += not binds(text, p, p + len(frag))
        p = text.find(frag, p + 1)
    return n


def _lone_doubtful(text: str, frag: str, members: list[Occ]) -> bool:
    """Whether a lone exposed fragment looks like a turn of phrase of the article: the same
    neighbour in most places (_diverse) or said once in each paragraph (_paragraphs_own)."""
    return not _diverse(text, members, 2) or _paragraphs_own(text, frag, members)


def _lone_partners_hold(seen: Counter) -> bool:
    """Whether the hidden partners of a doubtful lone fragment outweigh the doubt: two of them
    at least, each found in three rounds or more (a turn of phrase of the article does not
    come back with the same words between its occurrences, in the same order, every time)."""
    return len(seen) >= 2 and min(seen.values()) >= 3


def _shared_between(text: str, members: list[Occ]) -> bool:
    """Whether two character bigrams or more recur in every gap between consecutive
    occurrences short enough to search (_fill_gaps): without them no two partners can be found
    in every round (a cheap test before the slot search)."""
    gaps = [text[a[1]:b[0]] for a, b in zip(members, members[1:]) if b[0] - a[1] <= MAX_FILL_GAP]
    if not gaps:
        return False
    common = {g[i:i + 2] for g in gaps[:1] for i in range(len(g) - 1)}
    for g in gaps[1:]:
        common = {bg for bg in common if bg in g}
    return sum(is_han(bg[0]) and is_han(bg[1]) for bg in common) >= 2


def _mean_gap(pieces: list[Occ]) -> float:
    return (pieces[-1][1] - pieces[0][0]) / max(1, len(pieces) - 1)


def _hopeless(text: str, order: list[str], members: list[Occ]) -> bool:
    """Cheap refusals, before the dictionary and the slot search (see _convincing)."""
    if _adjacent(text, members):
        return True
    rounds = min(Counter(o[2] for o in members).values())
    if len(order) == 1:
        # (bound in a word at half its places or more: 的老人, 的老旧小区)
        return rounds < 3 or text.count(order[0]) > len(members) or _mean_gap(members) > MAX_LONE_GAP \
            or sum(binds(text, o[0], o[1]) for o in members) * 2 >= len(members) \
            or (_lone_doubtful(text, order[0], members) and not _shared_between(text, members))
    if rounds > 2:
        return False
    # two rounds: close together, or phrases used nowhere else (their hidden partners between them)
    gap = _mean_gap(members)
    return gap > MAX_MEAN_GAP or gap > TWO_ROUND_GAP and not _fits_alone(tuple(order)) \
        and not _two_round_phrases(text, order, members)


def _one_cycle(text: str, order: list[str], members: list[Occ], k: int, stops) -> list[Occ]:
    """The shards of one cycle, once the dictionary has judged each occurrence; [] when the
    evidence does not hold."""
    if _hopeless(text, order, members):
        return []
    for _ in range(4):
        # does the fragment form a word with its neighbours at this point? In its slot of the
        # cycle a shard may touch a word by chance (活创新成|为了), so only a strong bond counts
        gains = [bind_gain(text, o[0], o[1]) for o in members]
        kept = [o for o, g in zip(members, gains) if g <= CYCLE_BIND_MARGIN]
        if len(kept) == len(members):
            break
        cycles = [c for c in _cycles(kept, k) if set(c[0]) <= set(order)]
        if (not cycles or len(cycles[0][0]) < len(order)) and max(gains) <= SLOT_BIND_MARGIN:
            break  # without them the cycle falls apart: they hold their slots, the bonds are chance
        if not cycles:
            return []
        order, members = cycles[0]
        if _hopeless(text, order, members):
            return []
    filled, slots = _fill_gaps(text, order, members, list(stops))
    if len(order) == 1:
        filled, slots = _without_loose_words(text, filled, slots)
    pieces = sorted(members + filled)
    if not _convincing(text, order, members, filled, slots):
        return []
    pieces += _cut_short(text, order, members, pieces, slots, stops)
    # other occurrences of the exposed shards inside the injected stretch
    return pieces + _loose_around(text, pieces, MAX_GAP // 2, stops, order)


def _without_loose_words(text: str, filled: list[Occ], slots: dict[str, list[tuple[int, str]]]):
    """A lone shard's hidden partners without those the article also says loose elsewhere
    (被告人 in a court report, found in the shard's slot twice by chance): the article's own
    words, not pieces of the slogan, which the other partners may still make."""
    count = Counter(o[2] for o in filled)
    common = {y for y, n in count.items() if _loose_count(text, y) > n}
    if not common:
        return filled, slots
    return [o for o in filled if o[2] not in common], \
        {t: [(off, y) for off, y in v if y not in common] for t, v in slots.items()}


def _cut_short(text: str, order: list[str], members: list[Occ], pieces: list[Occ],
               slots: dict[str, list[tuple[int, str]]], stops) -> list[Occ]:
    """The last piece of a slogan seen twice, its second round cut short: it shows once, in
    the slot after the exposed shard that ends the stretch, and fits back onto that shard or
    the next (活创新成|就未来 makes 成就, 梦美|好家园 美好); loose between the article's words,
    no word itself, nowhere else in the text. Taken only once the cycle holds."""
    last = pieces[-1]
    t = last[2]
    firsts = [o for o in members if o[2] == t]
    if t != members[-1][2] or len(firsts) != 2 or slots.get(t):
        return []
    nxt = order[(order.index(t) + 1) % len(order)]
    after = [o for o in members if o[0] >= firsts[0][1]]
    if not after or after[0][2] != nxt or after[0][0] - firsts[0][1] > MAX_FILL_GAP:
        return []
    lo, hi = firsts[0][1], after[0][0]
    best: tuple = ()
    for run in HAN_RUN.finditer(text, lo, hi):
        for i in range(run.start(), run.end() - 1):
            for j in range(i + 2, min(run.end(), i + MAX_SHARD) + 1):
                y = text[i:j]
                fit = max(_join_gain(t, y), _join_gain(y, nxt))
                if fit <= REASSEMBLE_MARGIN or word_model().is_word(y, WORD_MIN_FREQ) or text.count(y) > 1 \
                        or _overlaps(i, j, stops) or bind_gain(text, i, j) > BIND_MARGIN:
                    continue
                best = max(best, (fit, j - i, i)) if best else (fit, j - i, i)
    if not best:
        return []
    _, n, i = best
    return [(i, i + n, text[i:i + n])]


def _join_gain(a: str, b: str) -> float:
    """How much better (nats) two pieces read joined than apart (人|民 7.1, 临|门 3.1)."""
    a, b = a[-4:], b[:4]
    return logp(a + b) - logp(a) - logp(b)


def _without_one(text: str, order: list[str], members: list[Occ]):
    """The cycle with one fragment left out, each in turn: a term of the article that happens
    to take turns with the shards of a slogan (it recurs there too) spoils their evidence.
    Paragraphs written in parallel stay parallel without any one of their terms."""
    if _parallel_paragraphs(members, text):
        return
    for t in order:
        rest = [o for o in members if o[2] != t]
        if len(order) > 2 and _group_ok(rest) or len(order) == 2 and len(rest) >= 3 and _group_ok(rest, MAX_LONE_GAP):
            yield [x for x in order if x != t], rest


@functools.lru_cache(maxsize=8)
def shard_spans(blocks: tuple[Block, ...], k: int, stops: tuple[tuple[int, int], ...] = ()) -> tuple[Occ, ...]:
    """Injected slogan shards of the document (body offsets); `stops`: known spam spans."""
    text = body_of(blocks).text
    seeds = _shard_seeds(text, k, stops)
    if not seeds:
        return ()
    occs = _drop_overlaps([o for v in seeds.values() for o in v])
    out: list[Occ] = []
    used: set[str] = set()
    tries = 0
    for order, members in _cycles(occs, k):
        if used & set(order):
            continue
        for sub_order, sub in itertools.chain([(order, members)], _without_one(text, order, members)):
            tries += 1
            if tries > MAX_TRIES:
                break
            got = _one_cycle(text, sub_order, sub, k, stops)
            if got:
                break
        if tries > MAX_TRIES:
            break
        if got:
            out.extend(got)
            used.update(order)
    return tuple(_drop_overlaps(out))


def injected_fragments(ctx: SpanContext) -> list[Removal]:
    """Slogan shards (2-6 chars) inserted between the words of sentences: recurring, forming no word with their neighbours, in a cyclic order."""
    if not ctx.blocks:
        return []
    k = max(2, ctx.settings.shard_min_count)
    hits = ad_hits(ctx.blocks, lexicon_key(ctx.settings))
    stops = tuple((h.start, h.end) for h in hits if h.strong or h.kind == "stem")
    spans = shard_spans(ctx.blocks, k, stops)
    if not spans:
        return []
    return _removals(ctx, body_of(ctx.blocks), [(s, e) for s, e, _ in spans], injected_fragments)

