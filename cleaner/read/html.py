"""HTML bytes (or text) to a `Source`: decode with the declared charset, parse, flatten to one
line per block, find the main container, keep the page-level facts (title, <meta>) for the rules."""

from __future__ import annotations

import codecs
import hashlib
import json
import re
from dataclasses import replace

from selectolax.lexbor import LexborHTMLParser

from cleaner.clean.rules.markup import headline_texts, title_line
from cleaner.document import LineFacts, Markup, Rejection, Source, document_id
from cleaner.read.html_container import lead_line, line_score, main_container
from cleaner.read.html_flatten import SPACE, Flat, flatten
from cleaner.settings import DEFAULT

HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
HTML_OPENINGS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title")
TITLE_CHARS = DEFAULT.max_title_chars
SNIFF_BYTES = 1024
LEAD_LINES = 2
SENTENCE_MARK = re.compile(r"[。！？；]")
WECHAT_TIME = re.compile(r'\bvar\s+ct\s*=\s*"(\d{9,10})"')  # the publication time a WeChat page's script holds
CHARSET_BYTES = 4096  # where <meta charset> must stand (the HTML standard's prescan reads 1024)


def html_name(name: str) -> bool:
    """A file name that says HTML (.html, .htm, .shtml, .xhtml)."""
    return name.lower().endswith(HTML_SUFFIXES)


def looks_like_html(data: bytes) -> bool:
    """The bytes open (after white space, a BOM or comments) with an HTML tag."""
    head = data[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    while head.startswith((b"<!--", b"<?xml")):
        end = head.find(b">")
        if end < 0:
            return False
        head = head[end + 1:].lstrip()
    return head.startswith(HTML_OPENINGS)


def known_codec(name: str | None) -> str | None:
    """The codec a declared charset names (GB2312/GBK widened to GB18030), or None if unknown."""
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    if name in {"gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936", "euc-cn"}:
        name = "gb18030"
    elif name in {"big5", "x-x-big5", "cp950"}:
        name = "big5hkscs"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def meta_charset(data: bytes) -> str | None:
    """The charset a <meta charset> or <meta http-equiv content="...charset="> declares, read
    by the parser from the page's opening bytes."""
    head = LexborHTMLParser(data[:CHARSET_BYTES].decode("latin-1"))
    for node in head.css("meta"):
        attrs = node.attributes
        if attrs.get("charset"):
            return attrs["charset"]
        content = (attrs.get("content") or "").lower()
        if (attrs.get("http-equiv") or "").lower() == "content-type" and "charset=" in content:
            return content.split("charset=", 1)[1].split(";")[0].strip()
    return None


def decode_html(data: bytes, header_charset: str | None) -> tuple[str, str] | None:
    """(text, encoding) with the HTTP header's charset, else the page's own; None when neither
    is declared or reads the bytes (the caller then uses the detector)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    for declared in (header_charset, meta_charset(data)):
        name = known_codec(declared)
        if name is None:
            continue
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            continue
    return None


def page_facts(tree: LexborHTMLParser) -> tuple[tuple[tuple[str, str], ...], str | None, tuple[str, ...]]:
    """(<meta> name/content pairs, <title>, <h1> texts)."""
    meta = []
    for node in tree.css("meta"):
        attrs = node.attributes
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
        if key and attrs.get("content"):
            meta.append((key.strip().lower(), SPACE.sub(" ", attrs["content"]).strip()))
    meta.extend(linked_data(tree))
    account = tree.css_first("#js_name")  # a WeChat article's account (公众号) name
    if account is not None and account.text(strip=True):
        meta.append(("page:account", account.text(strip=True)))
        stamp = WECHAT_TIME.search(tree.html or "")
        if stamp:
            meta.append(("page:timestamp", stamp[1]))
    title_node = tree.css_first("title")
    title = SPACE.sub(" ", title_node.text()).strip() if title_node is not None else None
    h1 = tuple(t for t in (SPACE.sub(" ", n.text(separator=" ")).strip() for n in tree.css("h1")) if t)
    return tuple(meta), title or None, h1


def linked_data(tree: LexborHTMLParser) -> list[tuple[str, str]]:
    """headline, datePublished and author of schema.org JSON-LD blocks, as ("ld:<key>", value)."""
    found: list[tuple[str, str]] = []
    for node in tree.css('script[type="application/ld+json"]'):
        for item in linked_data_items(node.text() or "null"):
            found.extend(linked_data_fields(item))
    return found


def linked_data_items(text: str) -> list[dict]:
    """The objects of one JSON-LD block: the top-level ones and those in their @graph (none when
    the block is not JSON)."""
    try:
        data = json.loads(text)
    except ValueError:
        return []
    items = data if isinstance(data, list) else [data]
    items += [x for d in list(items) if isinstance(d, dict) for x in d.get("@graph") or [] if isinstance(x, dict)]
    return [x for x in items if isinstance(x, dict)]


def linked_data_fields(item: dict) -> list[tuple[str, str]]:
    """An object's non-empty headline, datePublished and (first) author's name."""
    found = [(f"ld:{key.lower()}", item[key].strip()) for key in ("headline", "datePublished")
             if isinstance(item.get(key), str) and item[key].strip()]
    author = item.get("author")
    author = author[0] if isinstance(author, list) and author else author
    name = author.get("name") if isinstance(author, dict) else author
    if isinstance(name, str) and name.strip():
        found.append(("ld:author", name.strip()))
    return found


def html_source(data: bytes, relative: str, url: str | None = None, record_id: str | None = None,
                header_charset: str | None = None) -> Source | Rejection:
    """HTML bytes to a Source: the declared charset first, then the text path's detector."""
    from cleaner.read.files import decode_bytes

    digest = sha256_hex(data)
    decoded = decode_html(data, header_charset)
    if decoded is None:
        try:
            decoded = decode_bytes(data)
        except (UnicodeError, LookupError) as e:
            return Rejection(None, relative, digest, "undecodable", str(e), document_id(relative, record_id),
                             record_id)
    return markup_source(decoded[0], relative, digest, len(data), decoded[1], url, record_id)


def markup_source(html: str, relative: str, digest: str, n_bytes: int, encoding: str, url: str | None,
                  record_id: str | None) -> Source | Rejection:
    """Parsed HTML to a Source whose text is one line per block, each line repaired and
    normalised as the text path does."""
    from cleaner.read.files import MOJIBAKE_HINT, normalise, repair

    tree = LexborHTMLParser(html)
    flat = flatten(tree)
    lines, repairs = [], []
    for text in flat.lines:
        if MOJIBAKE_HINT.search(text):
            text, steps = repair(text)
            repairs.extend(steps)
        lines.append(SPACE.sub(" ", normalise(text)).strip(" \t\u3000"))
    facts = flat.facts
    keep = [i for i, line in enumerate(lines) if line]
    if not keep:
        return Rejection(None, relative, digest, "empty", "the HTML holds no visible text",
                         document_id(relative, record_id), record_id)
    flat_kept = Flat([lines[i] for i in keep], [facts[i] for i in keep], [flat.owners[i] for i in keep],
                     [flat.link_chars[i] for i in keep], flat.elements)
    meta, title, h1 = page_facts(tree)
    headline = title_line(flat_kept.lines, [f.heading for f in flat_kept.facts], headline_texts(meta, title),
                          TITLE_CHARS)
    description = next((v for k, v in meta if k in ("description", "og:description")), None)
    best = main_container(flat_kept, headline, lead_line(flat_kept.lines, description))
    main, line_facts = main_lines(flat_kept, best, headline)
    markup = Markup(line_facts, meta, title, h1, main, digest, n_bytes)
    return Source(relative, digest, n_bytes, encoding, tuple(dict.fromkeys(repairs)), "\n".join(flat_kept.lines), url, record_id, markup)


def main_lines(flat: Flat, best: int | None, headline: int | None = None
               ) -> tuple[tuple[int, int] | None, tuple[LineFacts, ...]]:
    """First and last line of the main container (a subtree's lines are contiguous), and the
    lines' facts with `in_main` set; inside it, only class words below the container count.
    Up to LEAD_LINES lines of prose just above it (below the headline) join it: a lead or
    summary the page puts in a sibling element."""
    if best is None:
        return None, tuple(flat.facts)
    above: set[str] = set()
    el = best
    while el >= 0:
        above.update(flat.elements[el].boiler)
        el = flat.elements[el].parent
    inside = [i for i, owner in enumerate(flat.owners) if _within(flat, owner, best)]
    if not inside:
        return None, tuple(flat.facts)
    first, last = inside[0], inside[-1]
    for _ in range(LEAD_LINES):
        i = first - 1
        fact = flat.facts[i] if i >= 0 else None
        if fact is None or (headline is not None and i <= headline) or fact.words or fact.zone \
                or not line_score(flat.lines[i], flat.link_chars[i]) or not SENTENCE_MARK.search(flat.lines[i]):
            break
        first = i
    facts = tuple(replace(f, in_main=True, words=tuple(w for w in f.words if w not in above))
                  if first <= i <= last else f for i, f in enumerate(flat.facts))
    return (first, last), facts


def _within(flat: Flat, element: int, ancestor: int) -> bool:
    while element >= 0:
        if element == ancestor:
            return True
        element = flat.elements[element].parent
    return False


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
