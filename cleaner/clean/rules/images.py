"""Image residue flattened into text: file names (微信图片_2023….jpg), inline image data, image
markup, photo credits and alt text. They leave the text with a category of their own, `image`."""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser

from cleaner.clean.rules import markers
from cleaner.clean.rules.base import Block, BlockContext, Label, rule, rule_id

CATEGORY = "image"
MAX_CHARS = 2000  # an inline data URI can be long; a file name line never is prose


@cache
def image_line() -> re.Pattern:
    parts = [e[3:] if e.startswith("re:") else re.escape(e) for e in markers.entries("image_files")]
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)


IMAGE_TAGS = {"img", "image", "picture", "figure", "source"}


class _TagReader(HTMLParser):
    """Collects a line's tag names and its text outside tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.data: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)

    def handle_startendtag(self, tag, attrs) -> None:
        self.tags.append(tag)

    def handle_data(self, data) -> None:
        self.data.append(data)


def image_markup(text: str) -> bool:
    """The line is an image element left as markup (<img src=…>, <image>data:…</image>)."""
    if not text.startswith("<") or not text.endswith(">"):
        return False
    reader = _TagReader()
    reader.feed(text)
    reader.close()
    rest = "".join(reader.data).strip()
    return bool(IMAGE_TAGS & set(reader.tags)) and (not rest or bool(image_line().fullmatch(rest.split()[0])))


@rule("images.image_file", kind="block", category="image")
def image_file(block: Block, ctx: BlockContext) -> Label | None:
    """A line that is only an image's file name or its inline data: no reader sees it."""
    text = block.text.strip()
    if len(text) <= MAX_CHARS and (image_line().fullmatch(text) or image_markup(text)):
        return Label(CATEGORY, rule_id(image_file), "file_name")
    return None


@cache
def credit_line() -> re.Pattern:
    parts = [e[3:] if e.startswith("re:") else re.escape(e) for e in markers.entries("image_credits")]
    return re.compile("|".join(f"(?:{p})" for p in parts))


MAX_CREDIT_CHARS = 60


@rule("images.photo_credit", kind="block", category="image")
def photo_credit(block: Block, ctx: BlockContext) -> Label | None:
    """A photo credit or image alt text on a line of its own (某区政府 供图, 记者 某某 摄)."""
    text = block.text.strip()
    if len(text) <= MAX_CREDIT_CHARS and credit_line().fullmatch(text):
        return Label(CATEGORY, rule_id(photo_credit), "credit")
    return None
