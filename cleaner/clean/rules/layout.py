"""Context rules: where the one contiguous body lies, and what the lines around it are.

Block rules label lines by what they say; these label lines by where they stand, as
jusText and trafilatura do for HTML: boilerplate clusters before and after one body."""

from __future__ import annotations

import re

from cleaner.clean.han import HAN
from cleaner.clean.rules import credits, features, markers
from cleaner.clean.rules.base import Block, Label, rule, rule_id
from cleaner.settings import Settings

BYLINE_REACH = 3  # a line of bare names this close below the headline is its byline
BREAK_PENALTY = 150  # a labelled line inside the body costs this many characters of prose
NOT_TITLE = re.compile(r"(?:频道|栏目|专栏|首页|门户网?|官方网站)$")
NAME_LINE = re.compile(rf"^[{HAN}·]{{2,4}}(?:[\s、，,]+[{HAN}·]{{2,4}}){{0,3}}$")
NAME_SEPARATOR = re.compile(r"[\s、，,]+")  # between the names of a NAME_LINE
OUTLET_LINK = re.compile(rf"^(?P<outlet>[{HAN}]{{2,12}}?)(?:数字报|电子报|电子版|手机报|客户端|APP|App)$")


def block_score(block: Block, label: Label | None, settings: Settings) -> float:
    """Positive for prose, slightly negative for short lines, strongly negative for furniture."""
    if label is not None:
        return -8.0 if label.kind == "image" else -BREAK_PENALTY
    text = block.text
    if features.is_prose(text, settings.min_paragraph_chars):
        return float(features.cjk_count(text) or len(text))
    if len(text) <= settings.max_heading_chars:
        return -8.0
    return -len(text) / 4


@rule("layout.body_span", kind="context", category="body")
def body_span(blocks: list[Block], labels: list[Label | None], settings: Settings) -> tuple[int, int] | None:
    """The article's body: the one contiguous run of lines with the most prose; what lies outside is furniture.

    Returns its (first, last) block index (max subarray of block_score)."""
    best, best_span = 0.0, None
    run, run_start = 0.0, 0
    for i, (block, label) in enumerate(zip(blocks, labels)):
        score = block_score(block, label, settings)
        if run <= 0:
            run, run_start = score, i
        else:
            run += score
        if run > best:
            best, best_span = run, (run_start, i)
    return best_span


ADDRESSEE = re.compile(r"^[^。！？]{4,120}[、，,][^。！？]*[:：]$")  # 各县市区委、人民政府，…：
MAX_SOFT_GAP = 6  # short lines (a signature, a date, a repeated headline) a covering text may stand above


def soft(block: Block, label: Label | None, settings: Settings) -> bool:
    """A line the body may reach over at its top: short and unlabelled, or a bare date."""
    if label is not None:
        return label.kind == "metadata" and label.detail == "date"  # metadata_lines.date_line
    return len(block.text) <= settings.max_heading_chars and not features.is_link_list(block.text)


def extend_top(first: int, blocks: list[Block], labels: list[Label | None], settings: Settings) -> int:
    """The body's first line, moved up over a notice's covering text (addressee line, 现印发给你们
    paragraph) that a signature block and a date separate from the rest."""
    top, gap = first, 0
    for i in range(first - 1, -1, -1):
        block, label = blocks[i], labels[i]
        if label is None and ADDRESSEE.match(block.text):
            top, gap = i, 0  # only a notice's addressee line opens a covering text
        elif label is None and features.is_prose(block.text, settings.min_paragraph_chars):
            gap = 0
        elif soft(block, label, settings) and gap < MAX_SOFT_GAP:
            gap += 1
        else:
            break
    return top


MIN_CLOSING_CHARS = 8
MAX_CLOSING_LINES = 2  # short sentences closing a report (某某、某某出席开幕式。)


def extend_bottom(last: int, blocks: list[Block], labels: list[Label | None]) -> int:
    """The body's last line, moved down over short complete sentences that close the report."""
    for i in range(last + 1, min(last + 1 + MAX_CLOSING_LINES, len(blocks))):
        text = blocks[i].text.rstrip(features.CLOSERS)
        if labels[i] is not None or len(text) < MIN_CLOSING_CHARS or not text.endswith(("。", "！", "？")):
            break
        last = i
    return last


DATELINE = re.compile(r"^(?P<who>[^\s，。,、\d()（）]{2,12}?)\s*(?:\d{1,2}月\d{1,2}日\S?|讯|訊|电|電)[\s(（]")


@rule("layout.next_article", kind="context", category="boilerplate")
def next_article(first: int, last: int, blocks: list[Block], settings: Settings) -> int:
    """A second article on the page: from a paragraph opening with the first one's dateline on.

    某某网3月1日电 … 某某网3月2日电: the second article's headline goes with it. Returns the
    index the first article's body ends at."""
    opener = DATELINE.match(blocks[first].text)
    if opener is None:
        return last
    for k in range(first + 1, last + 1):
        m = DATELINE.match(blocks[k].text)
        if m and m["who"] == opener["who"]:
            above = blocks[k - 1].text
            headed = k - 1 > first and is_headline_like(above, settings) and not features.is_prose(
                above, settings.min_paragraph_chars)
            return k - 2 if headed else k - 1
    return last


def next_article_label() -> Label:
    return Label("boilerplate", rule_id(next_article), "next_article")


def is_headline_like(text: str, settings: Settings) -> bool:
    return 2 <= len(text) <= settings.max_title_chars and "。" not in text and not text.endswith(("：", ":"))


def site_suffix_off(text: str) -> str:
    """A <title>-like line without the site's name after it (…_某某网, … - 某某网站)."""
    stripped = markers.pattern("title_suffixes").sub("", text).strip()
    return stripped if len(stripped) >= 4 else text


KEYWORD_LIST = re.compile(r"(?:[^,，]+[,，]){3,}")  # an SEO keyword list, not a headline


def title_shaped(text: str, settings: Settings) -> bool:
    """Could be a headline: short, unpunctuated, with words, and not a name, a channel label,
    a placeholder, an ad slot, a dialog, a code or a keyword list."""
    if not is_headline_like(text, settings) or NAME_LINE.match(text) or NOT_TITLE.search(site_suffix_off(text)):
        return False
    if markers.pattern("not_titles").search(text) or KEYWORD_LIST.match(text):
        return False
    words = features.cjk_count(text) or len(re.findall(r"[A-Za-z]{2,}", text))
    return words >= 3


@rule("layout.title_line", kind="context", category="title")
def title_line(head: list[int], blocks: list[Block], labels: list[Label | None], settings: Settings) -> int | None:
    """The headline: the unlabelled head line nearest above the first metadata line, else the first.

    When another head line is that line without a trailing site name, that one."""
    candidates = [i for i in head if labels[i] is None and title_shaped(blocks[i].text, settings)]
    if not candidates:
        return None
    first_meta = next((i for i in head if (label := labels[i]) is not None and label.kind == "metadata"), None)
    before = [i for i in candidates if first_meta is not None and i < first_meta]
    chosen = before[-1] if before else candidates[0]
    # A <title>-like line repeats the headline with the site's name after it: take the headline.
    text = blocks[chosen].text
    bare = [i for i in candidates if len(blocks[i].text) < len(text) and text.startswith(blocks[i].text)
            and len(blocks[i].text) >= len(text) / 2]
    return bare[0] if bare else chosen


def title_label() -> Label:
    return Label("title", rule_id(title_line), "title")


@rule("layout.bare_name", kind="context", category="metadata")
def bare_name(block: Block) -> Label | None:
    """A line holding only one to four personal names near the title: an author line."""
    names = tuple(NAME_SEPARATOR.split(block.text.strip()))
    if NAME_LINE.match(block.text) and all(re.fullmatch(credits.person(), n) for n in names):
        return Label("metadata", rule_id(bare_name), "byline", names=names)
    return None


FIELD_LABEL = re.compile(r"^[^:：\s]{1,8}[:：]|^[(（【\[][^)）】\]]*[)）】\]]$|^第[一二三四五六七八九十百千\dA-Z]+[章节条编版]")


@rule("layout.field_label", kind="context", category="boilerplate")
def field_label(block: Block) -> Label | None:
    """A head line shaped like page furniture (视力保护色：, 归档时间：…, (资料图), 第一章…).

    A label or a caption, never counted as injected spam however rare its words."""
    if FIELD_LABEL.match(block.text):
        return Label("boilerplate", rule_id(field_label), "label")
    return None


@rule("layout.outlet_link", kind="context", category="boilerplate")
def outlet_link(block: Block) -> Label | None:
    """A link to the outlet's e-paper or app (XX数字报) outside the body."""
    m = OUTLET_LINK.match(block.text)
    if m:
        return Label("boilerplate", rule_id(outlet_link), "outlet", outlet=m["outlet"])
    return None


@rule("layout.headline_run", kind="context", category="boilerplate")
def headline_run(indices: list[int], blocks: list[Block], settings: Settings) -> list[list[int]]:
    """Runs of two or more short unpunctuated lines after the body: lists of other headlines."""
    found: list[list[int]] = []
    run: list[int] = []
    for i in indices + [-1]:
        if i >= 0 and is_headline_like(blocks[i].text, settings) and not features.is_prose(
                blocks[i].text, settings.min_paragraph_chars):
            if run and i != run[-1] + 1:
                if len(run) >= 2:
                    found.append(run)
                run = []
            run.append(i)
            continue
        if len(run) >= 2:
            found.append(run)
        run = []
    return found


def headline_run_label() -> Label:
    return Label("boilerplate", rule_id(headline_run), "related")


@rule("layout.outside_body", kind="context", category="boilerplate")
def outside_body() -> Label:
    """Any other line before or after the body: page furniture no other rule named."""
    return Label("boilerplate", rule_id(outside_body), "outside_body")
