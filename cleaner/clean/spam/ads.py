"""Ad vocabulary: every hit of the lexicon's brands, verticals, access forms, lures, URLs and
domains in a document, with the brand stems it teaches."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cleaner.clean.rules.base import SpanContext
from cleaner.clean.spam.lexicon import Lexicon, Patterns, lexicon_key, load_lexicon, patterns
from cleaner.clean.spam.page import document_body, overlaps, quoted
from cleaner.clean.spam.params import SpamParams
from cleaner.clean.spam.words import binds, is_han, segment, word_model


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


def _latin_vertical_hit(text: str, pos: int, lex: Lexicon, pat: Patterns) -> AdHit | None:
    """ABC体育, XY娱乐城官网: a Latin brand + vertical (+ access) at `pos`."""
    m = pat.latin_vertical.match(text, pos)
    return _brand_hit(text, m, lex) if m and m.start("b") == pos else None


def _latin_access_hit(text: str, pos: int, lex: Lexicon, pat: Patterns) -> AdHit | None:
    """XY星河入口: a Latin brand (two letters at least, no letter + number code) + a strong access form."""
    m = pat.latin_access.match(text, pos)
    if m:
        b = m.group("b")
        if b.upper() not in lex.latin_allow and re.search(r"[A-Za-z].*[A-Za-z]", b) \
                and not re.fullmatch(r"[A-Za-z]\d+", b):
            return AdHit(pos, m.end(), "latin_brand", True, text[pos:m.start("a")], b)
    return None


def _known_latin_hit(text: str, pos: int, lex: Lexicon, pat: Patterns) -> AdHit | None:
    """A Latin brand the lexicon knows (+ vertical, access)."""
    m = pat.latin_brand.match(text, pos) if pat.latin_brand else None
    if m:
        stem = text[pos:m.start("a")] if m.group("a") else ""
        return AdHit(pos, m.end(), "known_brand", True, stem, m.group("k"))
    return None


def _latin_lure_hit(text: str, pos: int, lex: Lexicon, pat: Patterns) -> AdHit | None:
    """QQ群 123456: a Latin-led contact lure with an account id."""
    m = pat.latin_lure.match(text, pos) if pat.latin_lure else None
    return AdHit(pos, m.end(), "lure", True) if m and _id_ok(m) else None


def _url_hit(text: str, pos: int, m: re.Match) -> AdHit | None:
    """A bare URL inside Chinese prose, not of an official (gov, edu) host, nor one the article
    gives in brackets of its own (请登录官方网站（www.example.cn）): a reference, not an injection."""
    end = m.end()
    while end > pos and text[end - 1] in ".-/":
        end -= 1
    if end - pos > 6 and _near_han(text, pos, end) and not OFFICIAL_SUFFIX.search(_host(text[pos:end])) \
            and not quoted(text, pos, end):
        return AdHit(pos, end, "url", True)
    return None


def _domain_hit(text: str, pos: int, pat: Patterns) -> AdHit | None:
    """A domain name glued into Chinese prose, not of an official (gov, edu) host."""
    m = pat.domain.match(text, pos) if pat.domain else None
    if m and not OFFICIAL_SUFFIX.search(_host(m.group(0))) and _near_han(text, pos, m.end()) \
            and not quoted(text, pos, m.end()):
        return AdHit(pos, m.end(), "domain", True)
    return None


def _latin_led(text: str, pos: int, lex: Lexicon, pat: Patterns) -> AdHit | None:
    """The first Latin-led form found where a Latin token starts (a URL ends the search there,
    kept or not)."""
    for form in (_latin_vertical_hit, _latin_access_hit, _known_latin_hit, _latin_lure_hit):
        h = form(text, pos, lex, pat)
        if h:
            return h
    m = pat.url.match(text, pos)
    if m:
        return _url_hit(text, pos, m)
    return _domain_hit(text, pos, pat)


def _han_led(text: str, lex: Lexicon, pat: Patterns) -> list[AdHit]:
    """Han-led forms: (a brand found by segmentation) + vertical + access, known Han brands
    (strong with a vertical or access form), Han-led contact lures."""
    hits: list[AdHit] = []
    for m in pat.han_vertical_access.finditer(text):
        if m.start() == 0 or not is_han(text[m.start() - 1]):
            continue
        start = _han_brand_before(text, m.start(), lex)
        if start is not None:
            hits.append(AdHit(start, m.end(), "brand", True, text[start:m.start("a")], text[start:m.start()]))
    for m in pat.han_brand.finditer(text) if pat.han_brand else ():
        strong = bool(m.group("v") or m.group("a"))
        if m.group("v") and not m.group("a") and _continues_word(text, m.end(), m.group("v")):
            strong = False
        end = m.end() if strong else m.end("k")
        stem = text[m.start():m.start("a")] if m.group("a") else ""
        hits.append(AdHit(m.start(), end, "known_brand", strong, stem, m.group("k")))
    for m in pat.han_lure.finditer(text) if pat.han_lure else ():
        if _id_ok(m):
            hits.append(AdHit(m.start(), m.end(), "lure", True))
    return hits


def _scan_strong(text: str, lex: Lexicon, pat: Patterns) -> list[AdHit]:
    """Every form of the lexicon in the text: Latin-led ones tried only where a Latin token
    starts, then digit brands, then Han-led forms (known Han brands may be weak)."""
    hits = [h for tok in pat.latin_token.finditer(text) if (h := _latin_led(text, tok.start(), lex, pat))]
    hits += [h for m in pat.digit_vertical.finditer(text) if (h := _brand_hit(text, m, lex))]
    return hits + _han_led(text, lex, pat)


def _allowed_spans(text: str, pat: Patterns) -> list[tuple[int, int]]:
    return [m.span() for m in pat.allow.finditer(text)] if pat.allow else []


def _learned_stems(strong: list[AdHit], lex: Lexicon) -> set[str]:
    """What the strong hits teach: a brand seen with a suffix (its stem), and the brand alone
    when it is a Han name outside the dictionary or a longer Latin one."""
    stems: set[str] = set()
    wm = word_model()
    for h in strong:
        if h.stem and len(h.stem) >= 2:
            stems.add(h.stem)
        core = h.core
        if core and len(core) >= 2 and core.upper() not in lex.latin_allow and not core.isdigit():
            latin = not any(is_han(c) for c in core)
            if (latin and len(core) >= 4) or (not latin and not wm.is_word(core)):
                stems.add(core)
    return stems


def _stands_alone(params: SpamParams, text: str, stem: str, pos: int, end: int) -> bool:
    """Whether a learned stem at text[pos:end] is a word of its own there: a Latin stem not
    inside a longer Latin token, a Han stem not bound to its neighbours."""
    if not any(is_han(c) for c in stem):
        return (pos == 0 or not text[pos - 1].isalnum() or is_han(text[pos - 1])) and (
            end == len(text) or not text[end].isalnum() or is_han(text[end]))
    if is_han(stem[0]) and is_han(stem[-1]):
        return not binds(params, text, pos, end)
    return True


def _stem_hits(params: SpamParams, text: str, stems: set[str], taken: list[tuple[int, int]]) -> list[AdHit]:
    """Every place a learned stem stands alone outside `taken` (longest stems first; `taken`
    grows with each hit)."""
    out: list[AdHit] = []
    for stem in sorted(stems, key=len, reverse=True):
        pos = text.find(stem)
        while pos >= 0:
            end = pos + len(stem)
            if not overlaps(pos, end, taken) and _stands_alone(params, text, stem, pos, end):
                out.append(AdHit(pos, end, "stem", False))
                taken.append((pos, end))
            pos = text.find(stem, end)
    return out


def _weak_hits(params: SpamParams, text: str, hits: list[AdHit], taken: list[tuple[int, int]]) -> list[AdHit]:
    """Bare known brands outside `taken`, no word and not bound to their neighbours."""
    wm = word_model()
    out: list[AdHit] = []
    for h in hits:
        if not h.strong and not overlaps(h.start, h.end, taken) and not wm.is_word(text[h.start:h.end]) \
                and not binds(params, text, h.start, h.end):
            out.append(h)
            taken.append((h.start, h.end))
    return out


def _term_hits(text: str, pat: Patterns, taken: list[tuple[int, int]], allowed: list[tuple[int, int]]) -> list[AdHit]:
    """The lexicon's ad copy outside `taken` and the allowed spans."""
    out: list[AdHit] = []
    if pat.term:
        for m in pat.term.finditer(text):
            if not overlaps(m.start(), m.end(), taken) and not overlaps(m.start(), m.end(), allowed):
                out.append(AdHit(m.start(), m.end(), "term", False))
                taken.append(m.span())
    return out


def ad_hits(params: SpamParams, text: str, key: tuple[str, ...] = ()) -> tuple[AdHit, ...]:
    """Every ad-vocabulary hit of a document's Body text (`key`: extra lexicon files), weak ones
    only when the document already holds a strong (pattern-found) one."""
    lex = load_lexicon(key)
    pat = patterns(key)
    allowed = _allowed_spans(text, pat)
    hits = [h for h in _scan_strong(text, lex, pat) if not overlaps(h.start, h.end, allowed)]
    strong = [h for h in hits if h.strong]
    if not strong:
        return ()
    taken = [(h.start, h.end) for h in strong]
    # a brand seen with a suffix goes wherever it stands alone; then, now that the page is
    # known to carry spam, bare known brands and ad copy
    out = list(strong) + _stem_hits(params, text, _learned_stems(strong, lex), taken)
    out += _weak_hits(params, text, hits, taken)
    out += _term_hits(text, pat, taken, allowed)
    return tuple(sorted(out, key=lambda h: (h.start, h.end)))


def document_hits(ctx: SpanContext) -> tuple[AdHit, ...]:
    """The document's ad hits (Body offsets), found by the first spam rule that asks and kept in
    the span context for the others."""
    hits = ctx.shared.get("spam.ad_hits")
    if hits is None:
        hits = ad_hits(ctx.settings.spam, document_body(ctx).words, lexicon_key(ctx.settings))
        ctx.shared["spam.ad_hits"] = hits
    return hits
