"""README.md is for users: exactly two set-up commands (the first installs and runs the main
job, the second installs the test extras and runs the tests, as .ci/run does), every reason
code the card documents is in its table, and the notes it links to exist."""

from __future__ import annotations

import re

from conftest import ROOT

from dataset_card.render import REJECTION_REASONS

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_two_set_up_commands_and_ci_runs_the_second():
    setup = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    commands = [ln.strip() for ln in setup.splitlines() if ln.startswith("    ")]
    assert commands == ["python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/cleaner build",
                        ".venv/bin/pip install -e '.[test]' && .venv/bin/python -m pytest"]
    assert commands[1].replace("install -e", "install -q -e") in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_reason_codes_table_lists_every_documented_code():
    table = README.split("## Rejection reason codes", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"^\| `([a-z_]+)` \|", table, re.MULTILINE))
    assert set(REJECTION_REASONS) <= listed


def test_user_sections_are_there_and_the_linked_notes_exist():
    for heading in ("## Set up", "## Use", "## Loading the result", "## Rejection reason codes", "## How it works"):
        assert f"\n{heading}\n" in README, heading
    links = re.findall(r"\]\((docs/[^)]+)\)", README)
    assert {"docs/benchmarks.md", "docs/scaling.md", "docs/spam.md"} <= set(links)
    for link in links:
        assert (ROOT / link).is_file(), link
    assert len(README.encode()) < 12_000  # benchmark rounds and history live in docs/
    assert "| workers | wall s |" not in README
