"""Read title, date, outlet, authors, editors and summary out of the metadata lines."""

from __future__ import annotations

import re
from functools import cache

from .document import Block, Label, Metadata
from .rules import markers
from .rules.metadata_lines import CLOSING_BYLINE, byline_pattern

DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:\s*(?P<H>\d{1,2})[:：时](?P<M>\d{2})(?:[:：分](?P<S>\d{2}))?)?"
)
SOURCE = re.compile(r"(?:Source|稿件来源|文章来源|信息来源|新闻来源|消息来源|本文来源|来源|出处|稿源|稿件來源|文章來源|資料來源|來源)\s*[:：]\s*(?P<v>[^\s|｜【】\[\]]+(?: [A-Z][^\s|｜【】\[\]]*)*)")
EDITOR = re.compile(r"(?:责任编辑|编辑|责编|責任編輯|編輯|責編)\s*[:：]\s*(?P<v>[^\s|｜【】\[\]]+(?:[ 、,，][\u4e00-\u9fff]{2,3}(?=\s|$|】))*)")
AUTHOR = re.compile(r"(?:作者|撰稿|撰文|文)\s*[:：/]\s*(?P<v>[^|｜【】\[\]]+?)(?=\s{2,}|\s*[|｜【】\[\]]|\s+\S+[:：]|$)")
NAME = re.compile(r"^[\u4e00-\u9fff·]{2,4}$|^[A-Za-z][A-Za-z .'-]{1,40}$")
SPLIT_NAMES = re.compile(r"[\s、,，;；/丨|｜]+")
TRAILING_FIELD = re.compile(r"\s+\S{1,6}[:：].*$")


def iso_date(m: re.Match) -> str | None:
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    date = f"{y:04d}-{mo:02d}-{d:02d}"
    if m["H"] is not None and int(m["H"]) < 24 and int(m["M"]) < 60:
        date += f"T{int(m['H']):02d}:{m['M']}" + (f":{m['S']}" if m["S"] else "")
    return date


def _role_pattern(kind: str) -> str:
    return "|".join(e[3:] if e.startswith("re:") else re.escape(e) for e in markers.entries(kind))


@cache
def _role_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """Reporter roles, other roles, and a splitter that keeps either: built once."""
    reporters = re.compile(rf"(?:{_role_pattern('byline_roles')})")
    others = re.compile(rf"(?:{_role_pattern('correspondent_roles')})")
    return reporters, others, re.compile(rf"({reporters.pattern}|{others.pattern})")


def byline_names(text: str) -> tuple[list[str], str | None]:
    """(authors, outlet) of a byline: names after a reporter role, up to a correspondent role."""
    m = byline_pattern().match(text.strip("()（）【】[] "))
    if not m:
        return [], None
    reporters, others, roles = _role_patterns()
    authors: list[str] = []
    body = text[m.start("role"):]
    # Walk role by role: names after a reporter role are authors, after others are not.
    pieces = roles.split(body)
    current_is_author = False
    for piece in pieces:
        if not piece:
            continue
        if reporters.fullmatch(piece):
            current_is_author = True
            continue
        if others.fullmatch(piece):
            current_is_author = False
            continue
        if current_is_author:
            for name in SPLIT_NAMES.split(piece.strip(" :：/()（）")):
                if NAME.match(name):
                    authors.append(name)
    outlet = m.group("outlet").strip("/ ") or None
    if outlet in {"本报", "本台", "本网", "本刊", "本站"}:
        outlet = None
    return authors, outlet


def extract(blocks: list[Block], labels: list[Label], bylines: list[str]) -> Metadata:
    """Metadata from the blocks labelled title/metadata, plus bylines cut from paragraphs."""
    meta = Metadata()
    outlets: list[str] = []
    link_outlets: list[str] = []
    for block, label in zip(blocks, labels):
        text = block.text
        if label.kind == "title":
            meta.title = meta.title or text
        elif label.outlet:  # a link to the outlet's e-paper or app
            link_outlets.append(label.outlet)
        elif label.kind != "metadata":
            continue
        elif label.detail == "summary":
            meta.summary = markers.pattern("summary").sub("", text, count=1).strip() or None
        elif label.detail == "byline":
            names, outlet = byline_names(text)
            if not names and label.names:  # a line of names alone
                names = list(label.names)
            meta.authors.extend(names)
            if outlet:
                outlets.append(outlet)
        else:
            read_fields(text, meta, outlets)
    for text in bylines:
        names, outlet = byline_names(text[text.find("（") + 1 if "（" in text else text.find("(") + 1:])
        meta.authors.extend(names)
        opener = re.match(r"^(.{2,12}?)(?:讯|电)", text)
        if opener and opener[1] not in {"本报", "本台", "本网", "本刊", "本站"}:
            outlets.append(opener[1])
    if meta.source_name is None and (outlets or link_outlets):
        meta.source_name = (outlets or link_outlets)[0]
    meta.authors = list(dict.fromkeys(meta.authors))
    meta.editors = list(dict.fromkeys(meta.editors))
    return meta


def read_fields(text: str, meta: Metadata, outlets: list[str]) -> None:
    if meta.published_at is None:
        m = DATE.search(text)
        if m:
            meta.published_at = iso_date(m)
    if meta.source_name is None:
        m = SOURCE.search(text)
        if m:
            meta.source_name = m["v"].strip()
    for m in EDITOR.finditer(text):
        meta.editors.extend(n for n in SPLIT_NAMES.split(m["v"]) if n)
    for m in AUTHOR.finditer(text):
        meta.authors.extend(n for n in SPLIT_NAMES.split(TRAILING_FIELD.sub("", m["v"])) if NAME.match(n))
    if re.search(r"[记記]者", text):
        names, outlet = byline_names(re.sub(r"^.*?(?=\S*[记記]者)", "", text))
        meta.authors.extend(names)
        if outlet:
            outlets.append(outlet)


__all__ = ["extract", "CLOSING_BYLINE"]
