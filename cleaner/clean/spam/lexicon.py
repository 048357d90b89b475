"""The spam lexicon (cleaner/data/spam_lexicon.txt plus Settings.spam_lexicons) and the
patterns built from it."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from cleaner.clean.spam.words import HAN, is_han
from cleaner.settings import Settings

DATA_DIR = Path(__file__).resolve().parents[2] / "data"  # cleaner/data


DEFAULT_LEXICON = DATA_DIR / "spam_lexicon.txt"


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


def _opt(source: str, present, flags: int = 0) -> re.Pattern | None:
    """The compiled pattern when the lexicon has entries for it (`present`), else None."""
    return re.compile(source, flags) if present else None


def _vertical_patterns(lex: Lexicon) -> dict[str, re.Pattern | None]:
    """The brand + vertical + access forms (Latin, digit and Han led, known brands)."""
    verts = _alt(_cases(lex.verticals))
    strong_v = _alt(_cases(w for w, s in lex.verticals.items() if s))
    acc = _alt(_cases(lex.access))
    strong_a = _alt(_cases(w for w, s in lex.access.items() if s))
    latin_brands = [b for b in lex.brands if not any(is_han(c) for c in b)]
    han_brands = [b for b in lex.brands if b not in latin_brands]
    # (digit_vertical, scanned with finditer, starts with the character class of its first
    # character, the look-behind after it, `(?<!...).`: see patterns)
    return dict(
        latin_vertical=re.compile(
            f"(?P<b>[A-Za-z0-9]{{2,12}})(?:(?P<vs>{strong_v})(?P<v2>{verts})?(?P<a1>{acc})?|(?P<vw>{verts})(?P<a2>{acc}))"),
        latin_access=re.compile(f"(?P<b>[A-Za-z0-9]{{2,12}})(?P<c>[{HAN}]{{1,4}}?)(?P<a>{strong_a})"),
        digit_vertical=re.compile(
            f"(?P<b>[0-9](?<![A-Za-z0-9.@_-].)[0-9]{{1,3}})(?:(?P<vs>{strong_v})(?P<v2>{verts})?(?P<a1>{acc})?|(?P<vw>{verts})(?P<a2>{acc}))"),
        han_vertical_access=re.compile(f"(?P<v>{verts})(?P<a>{acc})"),
        han_brand=_opt(f"(?P<k>{_alt(han_brands)})(?P<v>{verts})?(?P<a>{acc})?", han_brands),
        latin_brand=_opt(f"(?P<k>{_alt(latin_brands)})(?![A-Za-z0-9])(?P<v>{verts})?(?P<a>{acc})?", latin_brands, re.I),
    )


@functools.lru_cache(maxsize=16)
def patterns(key: tuple[str, ...]) -> Patterns:
    """The patterns of the lexicon of `key` (lexicon_key), built once per process."""
    lex = load_lexicon(key)
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
        term=_opt(_alt(_cases(lex.terms)), lex.terms),
        han_lure=_opt(f"(?P<l>{_alt(han_lures)}){ident}", han_lures),
        latin_lure=_opt(f"(?P<l>{_alt(latin_lures)}){ident}", latin_lures),
        url=re.compile(f"(?:https?://|www\\.)[^{stop}{HAN}]+", re.I),
        domain=_opt(f"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{{0,40}}[A-Za-z0-9])?\\.)+(?:{tld})"
                    f"(?![A-Za-z0-9-])(?:/[A-Za-z0-9._~%/?#=&-]*)?", tld, re.I),
        allow=_opt(_alt(lex.allow), lex.allow),
        **_vertical_patterns(lex),
    )
