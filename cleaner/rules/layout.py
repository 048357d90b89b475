"""Context rules: where the one contiguous body lies, and what the lines around it are.

Block rules label lines by what they say; these label lines by where they stand, as
jusText and trafilatura do for HTML: boilerplate clusters before and after one body."""

from __future__ import annotations

import re

from . import features
from .base import Block, Label, rule, rule_id
from ..settings import Settings

BREAK_PENALTY = 150  # a labelled line inside the body costs this many characters of prose
NOT_TITLE = re.compile(r"(?:频道|栏目|专栏|首页|门户网?|官方网站)$")
NAME_LINE = re.compile(r"^[\u4e00-\u9fff·]{2,4}(?:[\s、，,]+[\u4e00-\u9fff·]{2,4}){0,3}$")
NAME_SEPARATOR = re.compile(r"[\s、，,]+")  # between the names of a NAME_LINE
OUTLET_LINK = re.compile(r"^(?P<outlet>[\u4e00-\u9fff]{2,12}?)(?:数字报|电子报|电子版|手机报|客户端|APP|App)$")


def block_score(block: Block, label: Label | None, settings: Settings) -> float:
    """Positive for prose, slightly negative for short lines, strongly negative for furniture."""
    if label is not None:
        return -BREAK_PENALTY
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


def is_headline_like(text: str, settings: Settings) -> bool:
    return 2 <= len(text) <= settings.max_title_chars and "。" not in text and not text.endswith(("：", ":"))


@rule("layout.title_line", kind="context", category="title")
def title_line(head: list[int], blocks: list[Block], labels: list[Label | None], settings: Settings) -> int | None:
    """The headline: the unlabelled head line nearest above the first metadata line, else the first."""
    candidates = [i for i in head if labels[i] is None and is_headline_like(blocks[i].text, settings)
                  and not NAME_LINE.match(blocks[i].text) and not NOT_TITLE.search(blocks[i].text)]
    if not candidates:
        return None
    first_meta = next((i for i in head if (label := labels[i]) is not None and label.kind == "metadata"), None)
    if first_meta is not None:
        before = [i for i in candidates if i < first_meta]
        if before:
            return before[-1]
    return candidates[0]


def title_label() -> Label:
    return Label("title", rule_id(title_line), "title")


@rule("layout.bare_name", kind="context", category="metadata")
def bare_name(block: Block) -> Label | None:
    """A line holding only one to four personal names near the title: an author line."""
    if NAME_LINE.match(block.text):
        return Label("metadata", rule_id(bare_name), "byline", names=tuple(NAME_SEPARATOR.split(block.text)))
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
