"""Metadata from what an HTML page's <head> declares, where the text lines said nothing:
the headline (og:title, <title> without its site suffix), the date (article:published_time and
the CMS conventions PubDate/publishdate), the outlet and the author."""

from __future__ import annotations

import re

from ..document import Block, Label, Markup, Metadata
from ..metadata import DATE, iso_date
from ..rules import markup as rules

DATE_NAMES = ("article:published_time", "og:release_date", "pubdate", "publishdate", "publish_date",
              "datepublished", "article:published", "dc.date.issued", "dc.date", "date")
SOURCE_NAMES = ("contentsource", "source", "article:source")
AUTHOR_NAMES = ("author", "article:author", "dc.creator")
PERSON = re.compile(r"^(?:[\u4e00-\u9fff·]{2,4}|[A-Za-z][A-Za-z .'-]{1,30})$")
ISO_DAY = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?")


def page_date(markup: Markup) -> str | None:
    """The date a <meta> tag declares, as ISO 8601 (time zone dropped: the page's local time)."""
    value = markup.meta_value(*DATE_NAMES)
    if not value:
        return None
    m = ISO_DAY.match(value) or DATE.search(value)
    return iso_date(m) if m else None


def page_author(markup: Markup) -> str | None:
    """A <meta name=author> that names a person (not a site or an organisation)."""
    value = markup.meta_value(*AUTHOR_NAMES)
    return value if value and PERSON.match(value) else None


def fill(meta: Metadata, markup: Markup, blocks: list[Block], labels: list[Label]) -> None:
    """Fill what the text lines left empty from the page's head; the lines' reading wins."""
    if meta.title is None:
        meta.title = rules.page_title(markup)
    if meta.published_at is None:
        meta.published_at = page_date(markup)
    if meta.source_name is None:
        meta.source_name = markup.meta_value(*SOURCE_NAMES)
    if not meta.authors:
        author = page_author(markup)
        if author:
            meta.authors.append(author)
    if meta.summary is None:
        meta.summary = markup.meta_value("description", "og:description") or None
