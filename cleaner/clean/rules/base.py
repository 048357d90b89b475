"""What rules receive, and how a rule is declared with its fixed id (@rule)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from cleaner.document import Block, Label, Removal
from cleaner.settings import Settings


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


KINDS = ("block", "markup", "context", "span", "segment", "document")  # how a rule is called, in the order of the flow


@dataclass(frozen=True)
class Rule:
    """A declared rule: its fixed id (what `removals.rule` or `rejected.reason` publishes), how
    it is called (`kind`: a block rule reads a line, a context rule a line's place, a span rule
    the kept lines, a segment rule the kept blocks together, a document check the whole
    document), what it takes out (`category`), and its function."""

    id: str
    kind: str
    category: str
    func: Callable = field(compare=False, repr=False)

    @property
    def description(self) -> str:
        """The first line of the function's docstring: what kind of noise the rule targets."""
        return (self.func.__doc__ or "").strip().split("\n")[0].strip()


DECLARED: dict[str, Rule] = {}  # id -> rule, filled as the rule modules are imported (see registry.py)


def rule(rule_id: str, kind: str, category: str) -> Callable[[Callable], Callable]:
    """Declare the decorated function a rule with this fixed id: the id never follows the
    function's name, so a published id always leads back to its code."""
    if kind not in KINDS:
        raise ValueError(f"rule {rule_id}: unknown kind {kind!r} (one of {', '.join(KINDS)})")

    def declare(func: Callable) -> Callable:
        known = DECLARED.get(rule_id)
        if known is not None and (known.func.__module__, known.func.__qualname__) != (func.__module__, func.__qualname__):
            raise ValueError(f"rule id {rule_id} declared twice: {known.func.__qualname__} and {func.__qualname__}")
        DECLARED[rule_id] = func.rule = Rule(rule_id, kind, category, func)
        return func

    return declare


def rule_id(func: Callable) -> str:
    """The fixed id a rule function was declared with (@rule)."""
    return func.rule.id


def span_removal(text: str, start: int, end: int, category: str, func: Callable) -> Removal:
    return Removal(start, end, text[start:end], category, rule_id(func))


__all__ = ["Block", "BlockContext", "Label", "Removal", "Rule", "SpanContext", "Settings", "rule", "rule_id", "span_removal"]
