"""Metadata from what an HTML page's <head> declares, where the text lines said nothing:
the headline (og:title, <title> without its site suffix), the date (article:published_time and
the CMS conventions PubDate/publishdate), the outlet and the author."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from cleaner.clean.han import HAN
from cleaner.clean.metadata import DATE, iso_date, trim_source
from cleaner.clean.rules import markup as rules
from cleaner.document import Block, Label, Markup, Metadata

DATE_NAMES = ("article:published_time", "ld:datepublished", "og:release_date", "pubdate", "publishdate", "publish_date",
              "datepublished", "article:published", "dc.date.issued", "dc.date", "date")
SOURCE_NAMES = ("contentsource", "source", "article:source", "mediaid", "page:account")
AUTHOR_NAMES = ("author", "article:author", "ld:author", "dc.creator")
PERSON = re.compile(rf"^(?:[{HAN}·]{{2,4}}|[A-Za-z][A-Za-z .'-]{{1,30}})$")
ORGANISATION = re.compile(r"(?:网|报|社|台|刊|新闻|科技|财经|中心|政府|办|局|委|院|公司|集团|平台)$")
OUTLET = re.compile(rf"^[{HAN}A-Za-z0-9·\-]{{2,20}}$")
WEEKDAY = re.compile(r"^(?:星期|礼拜|周)[一二三四五六日天]$")
NAME = re.compile(rf"^[{HAN}·]{{2,4}}$")
ISO_DAY = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?")


def page_date(markup: Markup) -> str | None:
    """The date a <meta> tag declares, as ISO 8601 (time zone dropped: the page's local time),
    or the Unix time a WeChat page's script holds (in China's time, UTC+8)."""
    value = markup.meta_value(*DATE_NAMES)
    if not value:
        stamp = markup.meta_value("page:timestamp")
        if stamp:
            moment = datetime.fromtimestamp(int(stamp), timezone(timedelta(hours=8)))
            return moment.strftime("%Y-%m-%dT%H:%M:%S")
        return None
    m = ISO_DAY.match(value) or DATE.search(value)
    return iso_date(m) if m else None


def page_author(markup: Markup) -> str | None:
    """A <meta name=author> that names a person: not a site or an organisation, nor the outlet
    another tag names."""
    value = markup.meta_value(*AUTHOR_NAMES)
    if not value or not PERSON.match(value) or ORGANISATION.search(value):
        return None
    outlets = {v for k, v in markup.meta if k in SOURCE_NAMES or k == "og:site_name"}
    return None if value in outlets else value


def dateline_tail(blocks: list[Block], labels: list[Label]) -> str | None:
    """What follows the date and time on the first date line under the headline (`2019年11月25日
    18:57 某报`); a weekday (星期四) is no outlet."""
    title = next((i for i, label in enumerate(labels) if label.kind == "title"), 0)
    for block, label in zip(blocks[title:], labels[title:]):
        if label.kind == "metadata" and label.detail == "date":  # metadata_lines.date_line
            m = DATE.search(block.text)
            if m and m.start() == 0:
                return block.text[m.end():].strip() or None
            return None
    return None


def fill_from_dateline(meta: Metadata, tail: str | None) -> None:
    """A lone name after the date is the outlet (it stands under the headline: it wins over an
    opening `X讯` of the body); two to four personal names are the authors."""
    if not tail or ":" in tail or "：" in tail:
        return
    words = tail.split()
    if len(words) == 1 and OUTLET.match(tail) and not WEEKDAY.match(tail):
        meta.source_name = tail
    elif 2 <= len(words) <= 4 and all(NAME.match(w) for w in words) and not meta.authors:
        meta.authors.extend(words)


def fill_from_slash_byline(meta: Metadata, blocks: list[Block], labels: list[Label]) -> None:
    """The author and outlet of the first `name/outlet` line (rules.markup.slash_byline)."""
    for block, label in zip(blocks, labels):
        if label.detail == "slash_byline":
            m = rules.SLASH_BYLINE.match(block.text)
            if m:
                if not meta.authors:
                    meta.authors.append(m["name"])
                meta.source_name = meta.source_name or m["outlet"]
            return


def fill(meta: Metadata, markup: Markup | None, blocks: list[Block], labels: list[Label]) -> Metadata:
    """Fill what the text lines left empty from an HTML page's head (the lines' reading wins,
    but for the outlet after the date under the headline); text sources pass through."""
    if markup is None:
        return meta
    if meta.title is None:
        meta.title = rules.page_title(markup)
    if meta.published_at is None:
        meta.published_at = page_date(markup)
    meta.source_name = trim_source(meta.source_name)
    fill_from_dateline(meta, dateline_tail(blocks, labels))
    fill_from_slash_byline(meta, blocks, labels)
    if meta.source_name is None:
        meta.source_name = markup.meta_value(*SOURCE_NAMES) or title_site(markup.title)
    if not meta.authors:
        author = page_author(markup)
        if author:
            meta.authors.append(author)
    return meta  # <meta name=description> is no summary: mostly the body's first sentences, cut


SITE_PART = re.compile(rf"^[{HAN}]{{2,12}}$")
LATIN_TAIL = re.compile(r"\s*[-–—]\s*[A-Za-z][A-Za-z .]*$")  # 某某新闻-The Paper: the name's Latin form


def title_site(title: str | None) -> str | None:
    """The site's name a <title> ends with (headline_频道_某某新闻): the outlet when the page
    names none; only a last part shaped like an outlet's name (某某网, 某某报, 某某新闻 ...)."""
    if not title:
        return None
    parts = rules.TITLE_SPLIT.split(LATIN_TAIL.sub("", title.strip()))
    if len(parts) < 2:
        return None
    last = parts[-1].strip()
    return last if SITE_PART.match(last) and ORGANISATION.search(last) else None
