"""What rules receive, and how a rule's id is derived from its module and name."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Callable

from ..document import Block, Label, Removal
from ..settings import Settings


@dataclass(frozen=True)
class BlockContext:
    """What a block rule may look at besides its block's text: the settings. (Block rules answer
    from the line's text and the settings alone: label.py remembers answers per line text.)"""

    settings: Settings


@dataclass(frozen=True)
class SpanContext:
    """What a span rule sees: the decoded text and the blocks kept so far, in order; `shared`
    holds what one span rule worked out for this document that others use too (the spam rules'
    ad hits), so it is found once per document and goes with it."""

    text: str
    blocks: tuple[Block, ...]
    settings: Settings
    shared: dict = field(default_factory=dict, compare=False, repr=False)


BlockRule = Callable[[Block, BlockContext], "Label | None"]
SpanRule = Callable[[SpanContext], "list[Removal]"]


@cache
def rule_id(func: Callable) -> str:
    """`navigation.nav_bar` for cleaner.rules.navigation.nav_bar: module and function name."""
    module = func.__module__.rsplit(".", 1)[-1]
    return f"{module}.{func.__name__}"


def span_removal(text: str, start: int, end: int, category: str, func: Callable) -> Removal:
    return Removal(start, end, text[start:end], category, rule_id(func))


__all__ = ["Block", "BlockContext", "Label", "Removal", "SpanContext", "Settings", "rule_id", "span_removal"]
