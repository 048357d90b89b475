"""Read title, date, outlet, authors, editors and summary out of the metadata lines."""

from __future__ import annotations

import re
from functools import cache

from cleaner.clean.han import HAN
from cleaner.clean.rules import credits, disclosure, layout, markers
from cleaner.clean.rules.metadata_lines import CLOSING_BYLINE, byline_pattern
from cleaner.clean.rules.repairs import markup_spans
from cleaner.document import Block, Label, Metadata

DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:\s*(?P<H>\d{1,2})[:：时](?P<M>\d{2})(?:[:：分](?P<S>\d{2}))?)?"
)
DATE_DMY = re.compile(r"^(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d{2})(?:\s+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?")
FIELD_NAME = re.compile(r"[:：]")  # a value that runs into the next field (来源:  日期:…) is empty
OUTLET_FIRST = re.compile(rf"^(?P<v>[{HAN}]{{2,12}})\s+(?:19|20)\d{{2}}")
SOURCE = re.compile(r"(?:Source|来源于|來源于|來源於|稿件来源|文章来源|信息来源|新闻来源|消息来源|本文来源|来源|出处|稿源|稿件來源|文章來源|資料來源|來源)\s*[:：]\s*(?P<v>[^\s|｜【】\[\]]+(?: [A-Z][^\s|｜【】\[\]]*)*)")
AUTHOR = re.compile(r"(?:作者|撰稿|撰文|文)\s*[:：/]\s*(?P<v>[^|｜【】\[\]]+?)(?=\s{2,}|\s*[|｜【】\[\]]|\s+\S+[:：]|$)")
NAME = re.compile(rf"^[{HAN}·]{{2,4}}$|^[A-Za-z][A-Za-z .'-]{{1,40}}$")
SPLIT_NAMES = re.compile(r"[\s、,，;；/／丨|｜]+")
LATIN_NAMES = re.compile(r"\s*(?:,|;|\band\b|&)\s*")  # Anna Lee and Tom Wu: names hold spaces
PLACE_REPORT = re.compile(rf"[\s/／]*[{HAN}]{{0,6}}\s*(?:报道|報導|报导|報道)[)）】]?\s*$")
TRAILING_FIELD = re.compile(r"\s+\S{1,6}[:：].*$")


@cache
def editor_pattern() -> re.Pattern:
    """An editor or reviewer role, a colon, then names (data/markers/editor_roles.txt)."""
    roles = "|".join(sorted(map(re.escape, markers.literals("editor_roles")), key=len, reverse=True))
    return re.compile(rf"(?:{roles})\s*[:：]\s*(?P<v>[^\s|｜【】\[\],，;；]+"
                      rf"(?:[ 、,，][{HAN}]{{2,3}}(?=\s|$|】|[,，;；]))*)")


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


PHOTO_CREDIT = re.compile(r"(?:\s|/|／)*(?:摄|攝|摄影|攝影)\s*$")  # 记者 X 摄: the names took the photograph


def byline_names(text: str) -> tuple[list[str], str | None]:
    """(authors, outlet) of a byline: names after a reporter role, up to a correspondent role;
    nothing from a photo credit (a byline ending in 摄)."""
    m = byline_pattern().match(text.strip("()（）【】[] "))
    if not m:
        return [], None
    if PHOTO_CREDIT.search(text.strip("()（）【】[] ")):
        return [], None  # names nor outlet: the credit's head is a caption's (▲某报图片记者)
    reporters, others, roles = _role_patterns()
    authors: list[str] = []
    body = PLACE_REPORT.sub("", text[m.start("role"):].rstrip(" :："))
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
            piece = piece.strip(" :：/()（）")
            for name in (LATIN_NAMES if piece.isascii() else SPLIT_NAMES).split(piece):
                if NAME.match(name):
                    authors.append(name)
    outlet = m.group("outlet").strip("/／ ") or None
    if outlet in self_outlets():
        outlet = None
    return authors, outlet


def extract(blocks: list[Block], labels: list[Label], bylines: list[str]) -> Metadata:
    """Metadata from the blocks labelled title/metadata, plus bylines cut from paragraphs."""
    meta = Metadata()
    outlets: list[str] = []
    link_outlets: list[str] = []
    last_body = max((i for i, lab in enumerate(labels) if lab.kind == "body"), default=len(labels))
    for i, (block, label) in enumerate(zip(blocks, labels)):
        if label.kind == "title":
            meta.title, stamp = headline(block.text)
            meta.published_at = meta.published_at or stamp
        elif label.outlet:  # a link to the outlet's e-paper or app
            if credits.is_org(label.outlet):  # 某某日报客户端 names an outlet; 移动客户端, 下载APP do not
                link_outlets.append(label.outlet)
        elif label.kind == "metadata":
            read_metadata_line(block.text, label, i > last_body, meta, outlets)
    for text in bylines:
        read_cut_byline(text, meta, outlets)
    if meta.source_name is None and (outlets or link_outlets):
        meta.source_name = (outlets or link_outlets)[0]
    if meta.source_name is None and meta.issuer and meta.issuer not in markers.literals("not_sources"):
        meta.source_name = meta.issuer  # a disclosure table's 发布机构: the body that published it
    meta.authors = [a for a in dict.fromkeys(meta.authors) if is_person(a, meta.source_name)]
    meta.editors = list(dict.fromkeys(meta.editors))
    return meta


def read_metadata_line(text: str, label: Label, after_body: bool, meta: Metadata, outlets: list[str]) -> None:
    """One line labelled metadata into `meta`, as its label's detail says what it holds; outlets
    it names go to `outlets`. A bare date after the body belongs to a teaser and is not read."""
    detail = label.detail
    if detail.startswith("disclosure_value:"):
        set_field(meta, detail.split(":", 1)[1], text.strip())
    elif detail == "disclosure_row":
        for column, value in disclosure.read_row(text):
            set_field(meta, column, value)
    elif detail.startswith("disclosure_name:"):
        return
    elif detail == "summary":
        meta.summary = markers.pattern("summary").sub("", text, count=1).strip() or None
    elif detail == "byline":
        read_byline_line(text, label, meta, outlets)
    elif not (after_body and detail == "date"):
        read_fields(text, meta, outlets)


def read_byline_line(text: str, label: Label, meta: Metadata, outlets: list[str]) -> None:
    """A byline line's authors (after a role, in a credit, or the names alone) and outlet."""
    names, outlet = byline_names(text)
    names = names or credits.credit_names(text)
    outlet = outlet or credits.credit_outlet(text)
    if not names and label.names:  # a line of names alone
        names = list(label.names)
    meta.authors.extend(names)
    if outlet:
        outlets.append(outlet)


def read_cut_byline(text: str, meta: Metadata, outlets: list[str]) -> None:
    """A byline cut from a paragraph (opening or closing it): its authors, its outlet when it
    names an organisation, and the outlet of a dateline opening it."""
    names, outlet = byline_names(text[text.find("（") + 1 if "（" in text else text.find("(") + 1:])
    meta.authors.extend(names or credits.credit_names(text))
    if outlet and (text.startswith("【") or credits.is_org(outlet)):
        outlets.append(outlet)
    opener = dateline_outlet(text)
    if opener and opener not in self_outlets():
        outlets.append(opener)


DATELINE = re.compile(r"^(?P<head>[^\s，。,(（]{2,24}?)(?P<date>(?:\d{1,2}月)?\d{1,2}日)(?:讯|电|訊|電)"
                      r"|^(?P<plain>[^\s，。,(（]{2,24}?)(?:讯|电|訊|電)(?=[\s(（]|$)")


def dateline_outlet(text: str) -> str | None:
    """The outlet of a dateline (某某社北京3月5日电 -> 某某社): with a date, it ends at the first
    outlet ending before the place; without, it is the whole head (某某融媒体中心讯)."""
    m = DATELINE.match(text)
    if not m:
        return None
    head = m["head"] or m["plain"]
    if m["date"]:
        ends = [i for i, c in enumerate(head) if c in markers.literals("outlet_endings")]
        head = head[:ends[0] + 1] if ends else head
    return head if len(head) <= 12 else None


DATE_STAMP = re.compile(r"^(?:date|日期|發布日期|发布日期)?\s*[:：]?\s*" + DATE.pattern + r"(?:T\S*)?\s+", re.IGNORECASE)


def headline(text: str) -> tuple[str | None, str | None]:
    """(title, date) of the headline line: a leading date stamp is read as the date, and a
    site's name after a separator (…_某某网, … - 某某网站) is left out."""
    date = None
    spans = markup_spans(text)  # a title line's tags and entities (A&amp;B<br/>) are no part of it
    if spans:
        cuts = [0] + [x for span in spans for x in span] + [len(text)]
        text = "".join(text[cuts[i]:cuts[i + 1]] for i in range(0, len(cuts), 2))
    m = DATE_STAMP.match(text)
    if m and m.end() < len(text):
        date, text = iso_date(m), text[m.end():]
    return layout.site_suffix_off(text).strip() or None, date


FIELD_COLUMNS = ("doc_number", "index_number", "issuer")


def set_field(meta: Metadata, column: str, value: str) -> None:
    """A disclosure-table value into its column (the first one given wins)."""
    if column in FIELD_COLUMNS and getattr(meta, column) is None:
        setattr(meta, column, value)
    elif column in ("written_at", "published_at") and getattr(meta, column) is None:
        m = DATE.search(value)
        setattr(meta, column, iso_date(m) if m else None)
    elif column == "source_name" and meta.source_name is None and value not in markers.literals("not_sources"):
        meta.source_name = value


def is_person(name: str, outlet: str | None) -> bool:
    """An author value names a person: not the outlet, a body or place, or a CMS placeholder."""
    return name != outlet and not credits.is_org(name) and name.casefold() not in markers.literals("not_authors")


CHANNEL_DOT = re.compile(r"\s*[·•・]\s*")


def trim_source(value: str | None) -> str | None:
    """An outlet run into the next field by adjacent inline elements (`新华社字号：默认`): cut
    before the next field's label. An outlet followed by its channels (某某新闻·某某号·政务):
    the outlet."""
    if not value:
        return value
    m = glued_field().search(value)
    value = value[:m.start()] if m and m.start() > 0 else value
    head = CHANNEL_DOT.split(value, maxsplit=1)[0]
    return head if head != value and credits.is_org(head) else value


@cache
def glued_field() -> re.Pattern:
    """A metadata field's name (data/markers/metadata_fields.txt, longest first) and its colon."""
    names = sorted(markers.literals("metadata_fields"), key=len, reverse=True)
    return re.compile(rf"(?:{'|'.join(map(re.escape, names))})\s*[:：]")


@cache
def self_outlets() -> frozenset[str]:
    """How an outlet names itself (本报, 本台 ...: data/markers/self_outlets.txt), never a source."""
    return frozenset(w for line in markers.entries("self_outlets") for w in line.split())


def read_fields(text: str, meta: Metadata, outlets: list[str]) -> None:
    if meta.published_at is None:
        m = DATE.search(text) or DATE_DMY.match(text)
        if m:
            meta.published_at = iso_date(m)
    if meta.source_name is None:
        m = SOURCE.search(text)
        value = (trim_source(m["v"]) or "").strip() if m else ""
        if value and not FIELD_NAME.search(value) and value not in markers.literals("not_sources"):
            meta.source_name = value
        elif (m := OUTLET_FIRST.match(text)) and credits.is_org(m["v"]):
            meta.source_name = m["v"]
    for m in editor_pattern().finditer(text):
        meta.editors.extend(n for n in SPLIT_NAMES.split(m["v"]) if n)
    for m in AUTHOR.finditer(text):
        meta.authors.extend(n for n in SPLIT_NAMES.split(TRAILING_FIELD.sub("", m["v"])) if NAME.match(n))
    if re.search(r"[记記]者", text):
        names, outlet = byline_names(re.sub(r"^.*?(?=\S*[记記]者)", "", text))
        meta.authors.extend(names)
        if outlet:
            outlets.append(outlet)


__all__ = ["extract", "CLOSING_BYLINE"]
