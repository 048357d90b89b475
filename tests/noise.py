"""Noise injection for the in-line spam rules: deterministic, seeded, with exact spans.

Takes clean Chinese news text (tests/fixtures/clean_texts/*.txt, written for this project) and
inserts, like scraped SEO spam does:

- shards of an invented slogan, chopped at arbitrary characters into 2-6 character pieces and
  inserted in cyclic order at random word boundaries of the first paragraphs (kind `slogan`);
- invented ad brands: Han brand + vertical + access suffix (鑫盛娱乐官网), Latin brand glued to
  Chinese (KX娱乐城, MG星河入口), and the bare stem of a brand already shown with its suffix
  (kinds `brand`, `brand_stem`);
- contact lures with an account id (kind `lure`) and bare URLs / domain names (kind `url`);
- on some pages that carry ad brands, an invented brand coined from a gambling morpheme, said
  once with no suffix (kind `coined`; drawn from a random stream of its own, so the other
  noise of a seed stays the same).

`inject` returns the noisy text and the exact character span of every inserted piece, so a
benchmark can count spam characters removed and clean characters lost.

    from noise import generate
    for doc in generate(200, seed=1):
        doc.text, doc.spans
"""

from __future__ import annotations

import logging
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

CLEAN_DIR = Path(__file__).resolve().parent / "fixtures" / "clean_texts"

# invented slogans (not quoted from anywhere); each is chopped afresh for every document
SLOGANS = (
    "幸福生活从点滴做起",
    "文明出行安全到家人人有责",
    "绿水青山筑梦美好家园",
    "诚信立业实干兴邦共创辉煌",
    "科技点亮生活创新成就未来",
    "珍惜粮食勤俭节约是美德",
    "邻里和睦社区温暖万家灯火",
    "健康中国全民健身你我同行",
    "书香满城阅读点亮心灵",
    "守护蓝天碧水共享生态家园",
    "平安校园青春飞扬梦想起航",
    "乡村美丽产业兴旺农民增收",
)

# invented ad brands: (full form shown first, bare stem that may follow it, kind of the full form)
BRANDS = (
    ("鑫盛娱乐官网", "鑫盛娱乐"),
    ("金鼎彩票网址", "金鼎彩票"),
    ("宏发棋牌app下载", "宏发棋牌"),
    ("星耀真人平台", "星耀真人"),
    ("万利体育入口", "万利体育"),
    ("恒昇电子入口", "恒昇电子"),
    ("KX娱乐城", ""),
    ("TYB体育", ""),
    ("HB88棋牌官网", "HB88棋牌"),
    ("QY彩票注册", "QY彩票"),
    ("MG星河入口", "MG星河"),
    ("DB乐途官网入口", "DB乐途"),
    ("LX真人视讯", ""),
    ("888娱乐城", ""),
)

# invented brands coined from gambling morphemes, said alone once (kind `coined`)
COINED = ("鼎赢", "汇博", "尊游", "万赢", "盈彩", "聚玩", "金棋", "乐赢", "雅博", "宝游")

LURES = (
    "加微信 hy20885",
    "QQ群：51873462",
    "VX：kx99688",
    "加V：tyb7788",
    "薇信 jd6655a",
)

URLS = (
    "www.hb8899.com",
    "https://m.kx688.vip/?from=news",
    "tyb365.cc",
    "http://jd88.top",
    "www.xs777.net",
)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # slogan, brand, brand_stem, lure, url, coined
    text: str


@dataclass
class NoisyDoc:
    name: str
    text: str
    spans: list[Span] = field(default_factory=list)
    slogan: str = ""
    shards: tuple[str, ...] = ()


def load_clean_texts(directory: Path = CLEAN_DIR) -> list[tuple[str, str]]:
    return [(p.stem, p.read_text(encoding="utf-8").strip()) for p in sorted(directory.glob("*.txt"))]


def chop(slogan: str, rng: random.Random) -> list[str]:
    """Cut a slogan at arbitrary characters into 3-6 pieces of 2-6 characters."""
    n = len(slogan)
    for _ in range(200):
        k = rng.randint(3, min(6, n // 2))
        cuts = sorted(rng.sample(range(2, n - 1), k - 1))
        pieces = [slogan[a:b] for a, b in zip([0] + cuts, cuts + [n])]
        if all(2 <= len(p) <= 6 for p in pieces) and len(set(pieces)) == len(pieces):
            return pieces
    return [slogan[i:i + 3] for i in range(0, n, 3) if len(slogan[i:i + 3]) >= 2]


_WORD_CUT = None


def _tokens(text: str) -> list[str]:
    global _WORD_CUT
    if _WORD_CUT is None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        _WORD_CUT = jieba.lcut
    from cleaner.clean.spam.hant import word_view

    # the words of a traditional-script text as the simplified dictionary reads them (same lengths)
    view = word_view(text)
    out, pos = [], 0
    for tok in _WORD_CUT(view):
        out.append(text[pos:pos + len(tok)])
        pos += len(tok)
    return out


def word_boundaries(text: str, start: int, end: int) -> list[int]:
    """Offsets in text[start:end] between two words (jieba), never inside a number or a Latin word."""
    out, pos = [], start
    for tok in _tokens(text[start:end]):
        pos += len(tok)
        if pos >= end or pos <= start:
            continue
        a, b = text[pos - 1], text[pos]
        if a.isascii() and a.isalnum() and b.isascii() and b.isalnum():
            continue
        if b in "，。、；：？！”」』）》" or a in "“「『（《":
            continue
        out.append(pos)
    return out


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group(0).strip()]


def inject(name: str, clean: str, rng: random.Random, *, slogan: str | None = None, shards: list[str] | None = None,
           cycles: int | None = None, n_brands: int | None = None, n_lures: int | None = None,
           n_urls: int | None = None) -> NoisyDoc:
    """Insert noise into `clean`; every choice not given comes from `rng`. `shards` gives the
    pieces of the slogan explicitly (else `slogan`, or a random one of SLOGANS, is chopped);
    `slogan=""` inserts no slogan."""
    paras = _paragraph_spans(clean)
    inserts: list[tuple[int, str, str]] = []  # (offset in clean, kind, text)
    doc = NoisyDoc(name, clean)
    if shards:
        slogan = "".join(shards)
    elif slogan is None:
        slogan = rng.choice(SLOGANS)
    if slogan:
        shards = list(shards or chop(slogan, rng))
        cycles = cycles or rng.randint(2, 4)
        count = len(shards) * cycles - rng.choice((0, 0, 0, 1))  # now and then a last round cut short
        # the injected stretch: the first paragraphs (at most about half the text), about 12-40
        # characters per insertion
        target = min(count * rng.randint(12, 40), len(clean) // 2)
        zone_paras = 1
        while zone_paras < len(paras) and paras[zone_paras - 1][1] < target:
            zone_paras += 1
        zone_end = min(paras[zone_paras - 1][1], max(target, paras[0][1]))
        spots = word_boundaries(clean, 0, zone_end)
        while len(spots) < count and zone_paras < len(paras):
            zone_paras += 1
            zone_end = paras[zone_paras - 1][1]
            spots = word_boundaries(clean, 0, zone_end)
        chosen = sorted(rng.sample(spots, min(count, len(spots))))
        for i, p in enumerate(chosen):
            inserts.append((p, "slogan", shards[i % len(shards)]))
        doc.slogan, doc.shards = slogan, tuple(shards)
    everywhere = word_boundaries(clean, 0, len(clean))
    used = {p for p, _, _ in inserts}
    free = [p for p in everywhere if p not in used]
    n_brands = rng.choice((0, 1, 1, 2, 2, 3)) if n_brands is None else n_brands
    for full, stem in rng.sample(BRANDS, n_brands):
        if not free:
            break
        p = rng.choice(free)
        free.remove(p)
        inserts.append((p, "brand", full))
        later = [q for q in free if q > p]
        if stem and later and rng.random() < 0.6:
            q = rng.choice(later)
            free.remove(q)
            inserts.append((q, "brand_stem", stem))
    for kind, pool, n in (("lure", LURES, n_lures), ("url", URLS, n_urls)):
        n = rng.choice((0, 0, 0, 1)) if n is None else n
        for piece in rng.sample(pool, n):
            if not free:
                break
            p = rng.choice(free)
            free.remove(p)
            inserts.append((p, kind, piece))
    # build the noisy text; insertions at the same offset keep their order
    out, spans, last, shift = [], [], 0, 0
    for p, kind, piece in sorted(inserts, key=lambda x: x[0]):
        out.append(clean[last:p])
        start = p + shift
        out.append(piece)
        spans.append(Span(start, start + len(piece), kind, piece))
        shift += len(piece)
        last = p
    out.append(clean[last:])
    doc.text = "".join(out)
    doc.spans = spans
    return doc


def add_piece(doc: NoisyDoc, pos: int, kind: str, piece: str) -> NoisyDoc:
    """`doc` with `piece` inserted at offset `pos` (outside every span), spans shifted."""
    text = doc.text[:pos] + piece + doc.text[pos:]
    spans = [Span(s.start + (len(piece) if s.start >= pos else 0), s.end + (len(piece) if s.start >= pos else 0),
                  s.kind, s.text) for s in doc.spans]
    spans.append(Span(pos, pos + len(piece), kind, piece))
    return NoisyDoc(doc.name, text, sorted(spans, key=lambda s: s.start), doc.slogan, doc.shards)


def add_coined(doc: NoisyDoc, rng: random.Random, share: float = 0.5) -> NoisyDoc:
    """On a page that carries an ad brand, now and then one coined brand at a word boundary."""
    if not any(s.kind == "brand" for s in doc.spans) or rng.random() >= share:
        return doc
    taken = [(s.start, s.end) for s in doc.spans]
    spots = [p for p in word_boundaries(doc.text, 0, len(doc.text)) if not any(a <= p <= b for a, b in taken)]
    if not spots:
        return doc
    return add_piece(doc, rng.choice(spots), "coined", rng.choice(COINED))


def generate(n_docs: int, seed: int = 1, texts: list[tuple[str, str]] | None = None,
             clean_share: float = 0.1) -> list[NoisyDoc]:
    """`n_docs` documents over the clean texts, round robin; about `clean_share` of them get no
    noise at all (they measure clean loss on untouched text), the others a slogan and/or ads."""
    rng = random.Random(seed)
    texts = texts or load_clean_texts()
    docs = []
    for i in range(n_docs):
        name, clean = texts[i % len(texts)]
        r = rng.random()
        if r < clean_share:
            docs.append(inject(f"{name}#{i}", clean, rng, slogan="", n_brands=0, n_lures=0, n_urls=0))
        elif r < clean_share + 0.1:
            docs.append(inject(f"{name}#{i}", clean, rng, slogan=""))  # ads only
        else:
            docs.append(inject(f"{name}#{i}", clean, rng))
        docs[-1] = add_coined(docs[-1], random.Random(f"coined-{seed}-{i}"))
    return docs


def check(doc: NoisyDoc, clean: str) -> None:
    """Sanity check: taking the spans out gives back the clean text."""
    out, last = [], 0
    for s in doc.spans:
        out.append(doc.text[last:s.start])
        last = s.end
    out.append(doc.text[last:])
    assert "".join(out) == clean
