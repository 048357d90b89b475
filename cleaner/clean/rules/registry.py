"""Every rule of the cleaner in one list: importing the rule modules declares their rules
(@rule in base.py), each with its fixed id, kind, category and one-line description.

Where each kind runs: block rules in label.BLOCK_RULES (first match wins), markup rules (what an
HTML page's markup says of a line) in markup/labels.py, context rules in
label.label_blocks, span rules in pipeline.SPAN_RULES, the segment rule and the document
checks in pipeline.clean."""

from __future__ import annotations

import importlib

from cleaner.clean.rules.base import DECLARED, KINDS, Rule

# The modules that declare rules: importing them fills DECLARED.
RULE_MODULES = ("checks", "credits", "disclosure", "duplicates", "images", "layout", "marker_lines", "markup",
                "metadata_lines", "navigation", "repairs", "spam_inline", "spam_known", "spam_lines", "spam_names")
for _module in RULE_MODULES:
    importlib.import_module(f"cleaner.clean.rules.{_module}")


def all_rules() -> list[Rule]:
    """Every declared rule, by kind in the order of the flow, then by id."""
    return sorted(DECLARED.values(), key=lambda r: (KINDS.index(r.kind), r.id))


def get(rule_id: str) -> Rule:
    """The rule declared with this id (KeyError when there is none)."""
    return DECLARED[rule_id]
