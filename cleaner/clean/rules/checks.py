"""Document checks: whole documents that are not articles, rejected with a reason code.

Each check returns a detail (why the document goes) or None; its id is the reason code that
`rejected.reason` publishes. empty and too_long look at the blocks before labelling; the others
at the kept body."""

from __future__ import annotations

from cleaner.clean.rules.base import Block, Settings, rule


def visible_chars(text: str) -> int:
    """Characters other than white space (str.split's white space is exactly re's \\s)."""
    return sum(map(len, text.split()))


@rule("empty", kind="document", category="rejected")
def empty(blocks: list[Block], settings: Settings) -> str | None:
    """A document with no line holding any character."""
    return None if blocks else "no line holds any character"


@rule("too_long", kind="document", category="rejected")
def too_long(blocks: list[Block], settings: Settings) -> str | None:
    """A document with a line far longer than any page's text (a data dump, not a page)."""
    longest = max(b.end - b.start for b in blocks)
    if longest > settings.max_line_chars:
        return (f"a single line of {longest} characters (limit {settings.max_line_chars}): "
                "not the text of a page")
    return None


@rule("no_content", kind="document", category="rejected")
def no_content(body_text: str, settings: Settings) -> str | None:
    """A page of furniture only: no article body found."""
    return None if body_text else "every line is page furniture: no article body found"


@rule("too_short", kind="document", category="rejected")
def too_short(body_text: str, settings: Settings) -> str | None:
    """A body too short to be an article (a stub, a caption page)."""
    if visible_chars(body_text) < settings.min_article_chars:
        return f"the body holds {len(body_text)} characters, under {settings.min_article_chars}"
    return None


@rule("language", kind="document", category="rejected")
def language(lang: str, settings: Settings) -> str | None:
    """An article in a language the settings do not keep."""
    if settings.languages and lang not in settings.languages:
        return f"language {lang} is not among {', '.join(settings.languages)}"
    return None
