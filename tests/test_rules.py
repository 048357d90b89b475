"""The rule registry: every rule declared once with a fixed id and a one-line description, the
ids a build publishes all declared, and `cleaner rules` listing them."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest
from test_cli import cleaner

from cleaner.clean import pipeline
from cleaner.clean.label import BLOCK_RULES
from cleaner.clean.rules import layout, spam_lines
from cleaner.clean.rules.base import KINDS, rule, rule_id
from cleaner.clean.rules.registry import all_rules, get


def test_every_rule_has_a_unique_id_a_kind_and_a_one_line_description():
    rules = all_rules()
    ids = [r.id for r in rules]
    assert len(ids) == len(set(ids))
    for r in rules:
        assert r.kind in KINDS and r.category, r
        assert r.description and r.description.endswith((".", ")")), f"{r.id}: {r.description!r}"
        assert r.func.rule is r and rule_id(r.func) == r.id and get(r.id) is r


def test_every_rule_the_flow_calls_is_declared():
    called = [*BLOCK_RULES, *pipeline.SPAN_RULES, layout.body_span, layout.title_line, layout.bare_name,
              layout.outlet_link, layout.headline_run, layout.outside_body, spam_lines.stray_line,
              spam_lines.offtopic_headlines]
    declared = {r.func for r in all_rules()}
    assert all(f in declared for f in called)
    kinds = {r.kind for r in all_rules()}
    assert kinds == set(KINDS)


def test_ids_are_fixed_not_derived_from_the_function_name():
    @rule("test.fixed_id", kind="block", category="boilerplate")
    def some_name(block, ctx):
        """A line no page has."""

    assert rule_id(some_name) == "test.fixed_id"
    with pytest.raises(ValueError, match="declared twice"):
        @rule("test.fixed_id", kind="block", category="boilerplate")
        def other_name(block, ctx):
            """Another line no page has."""
    with pytest.raises(ValueError, match="unknown kind"):
        rule("test.bad_kind", kind="paragraph", category="boilerplate")
    from cleaner.clean.rules.base import DECLARED
    del DECLARED["test.fixed_id"]


def test_every_rule_id_a_seeds_build_publishes_is_declared(seeds_version):
    declared = {r.id for r in all_rules()}
    removed = pq.read_table(seeds_version / "data" / "removals").column("rule").to_pylist()
    assert removed and set(removed) <= declared, set(removed) - declared
    reasons = pq.read_table(seeds_version / "data" / "rejected").column("reason").to_pylist()
    assert set(reasons) <= {r.id for r in all_rules() if r.kind == "document"}


def test_rejections_carry_the_document_checks_ids():
    from helpers import clean_text

    from cleaner.clean.rules import checks
    from cleaner.settings import Settings

    assert checks.empty([], Settings()) and get("empty").func is checks.empty
    furniture = clean_text("首页 | 新闻 | 体育 | 财经 | 科技\n版权所有 © 2024 某某网\n")
    assert furniture.reason == "no_content" == rule_id(checks.no_content)
    short = clean_text("标题\n今天上午，市里召开了全市安全生产工作会议，部署下一阶段的工作。\n")
    assert short.reason == "too_short"
    other = clean_text("标题\n" + "今天天气很好，我们一起去公园散步，看到了很多花。" * 4, settings=Settings(languages=("en",)))
    assert other.reason == "language" and "zh" in other.detail


def test_the_rules_command_lists_every_rule_with_its_kind_category_and_description():
    result = cleaner("rules")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(all_rules())
    for line, r in zip(lines, all_rules()):
        assert line.split()[:3] == [r.id, r.kind, r.category]
        assert line.endswith(r.description)
    spans = cleaner("rules", "--kind", "span").stdout.splitlines()
    assert [s.split()[0] for s in spans] == [r.id for r in all_rules() if r.kind == "span"]
