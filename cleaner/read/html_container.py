"""Find the main content container: the block element whose lines carry the most prose.

Each line of prose scores (1 + its commas and stops + its length in hundreds, at most 3), given
in full to the element that owns it and to that element's parent, in halves and thirds further
up (readability's idea); an element's score is then scaled by the share of its text outside
links, and raised or lowered by its class words. Written for this project; no code copied.
"""

from __future__ import annotations

import re

from cleaner.read.html_flatten import Element, Flat

PUNCT = re.compile(r"[，。！？；、,.!?;]")
MIN_LINE = 10  # characters outside links for a line to count as prose
CONTAINERS = frozenset({"div", "article", "section", "main", "td", "body", "form", "center", "font",
                        "table", "tbody", "ul", "blockquote"})
UP_LEVELS = 6
GOOD_BONUS = 1.25
BOILER_MALUS = 0.4
TITLE_REACH = 25  # lines below the headline at which a container's weight halves
LEAD_BONUS = 1.5
LEAD_CHARS = 12


def line_score(text: str, link_chars: int) -> float:
    plain = len(text) - link_chars
    if plain < MIN_LINE:
        return 0.0
    return 1.0 + len(PUNCT.findall(text)) + min(plain / 100, 3.0)


def main_container(flat: Flat, title: int | None = None, lead: int | None = None) -> int | None:
    """Index (in flat.elements) of the best container, or None when no line reads as prose.
    `title`: the headline's line; containers starting far below it lose weight. `lead`: a line
    the page's description repeats; containers holding it gain."""
    elements = flat.elements
    score = [0.0] * len(elements)
    chars = [0] * len(elements)
    links = [0] * len(elements)
    first = [-1] * len(elements)
    has_lead = [False] * len(elements)
    for i, (text, n_links, owner) in enumerate(zip(flat.lines, flat.link_chars, flat.owners)):
        s = line_score(text, n_links)
        level, el = 0, owner
        while el >= 0:
            chars[el] += len(text)
            links[el] += n_links
            if first[el] < 0:
                first[el] = i
            has_lead[el] = has_lead[el] or i == lead
            if s and level <= UP_LEVELS:
                score[el] += s if level <= 1 else s / level
            level += 1
            el = elements[el].parent
    best, best_score = None, 0.0
    for i, el in enumerate(elements):
        if not score[i] or el.tag not in CONTAINERS:
            continue
        value = score[i] * (1 - links[i] / chars[i] if chars[i] else 0.0) * weight(el, first[i], title, has_lead[i])
        if value > best_score:
            best, best_score = i, value
    return best


def weight(el: Element, first: int, title: int | None, has_lead: bool) -> float:
    """Class words, distance below the headline, and holding the described lead, as one factor."""
    value = GOOD_BONUS if el.good else 1.0
    if el.boiler:
        value *= BOILER_MALUS
    if title is not None and first > title:
        value /= 1 + (first - title) / TITLE_REACH
    if has_lead:
        value *= LEAD_BONUS
    return value


def lead_line(lines: list[str], description: str | None) -> int | None:
    """The first line that the page's description starts with (or that starts the description)."""
    key = "".join((description or "").split())[:LEAD_CHARS]
    if len(key) < LEAD_CHARS:
        return None
    for i, line in enumerate(lines):
        plain = "".join(line.split())
        if len(plain) >= LEAD_CHARS and (key in plain or plain[:LEAD_CHARS] in key):
            return i
    return None
