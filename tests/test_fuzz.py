"""A fuzzed corpus through a whole build (fixed seed, bounded size): no traceback, every document
of every input accounted for exactly once, every input file named in the output, every removal
an exact slice of its source, nothing read through a link that leaves the inputs."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from fuzz_corpus import make
from test_properties import REASONS

from cleaner.document import Rejection
from cleaner.read.files import iter_documents, safe_text, to_source
from cleaner.read.walk import find_inputs, printable
from cleaner.run.build import build
from cleaner.settings import Settings

N_INPUTS = 160
SEED = 19


def rows(version: Path, config: str) -> list[dict]:
    return [r for f in sorted((version / "data" / config).glob("*.parquet")) for r in pq.read_table(f).to_pylist()]


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz")
    d = make(root, N_INPUTS, SEED)
    summary = build([str(d)], str(root / "out"), "fuzz", "1.0.0", Settings(), workers=2)
    version = root / "out" / "fuzz" / "1.0.0"
    docs = list(iter_documents(find_inputs([str(d)])))
    return {"dir": d, "summary": summary, "docs": docs, "articles": rows(version, "articles"),
            "rejected": rows(version, "rejected"), "removals": rows(version, "removals")}


def test_every_document_is_accounted_for_exactly_once(fuzzed):
    expected = Counter(to_source_id(raw) for raw in fuzzed["docs"])
    got = Counter(r["id"] for r in fuzzed["articles"] + fuzzed["rejected"])
    assert got == expected
    assert fuzzed["summary"].read == len(fuzzed["docs"]) == sum(expected.values())
    assert len({r["id"] for r in fuzzed["articles"]}) == len(fuzzed["articles"]), "article ids are unique"


def to_source_id(raw) -> str:
    from cleaner.document import document_id

    return document_id(raw.relative, None if raw.record_id is None else safe_text(raw.record_id))


def test_every_input_file_is_named_in_the_output(fuzzed):
    """Every entry of the folder (files and links, listed without following any link) is named by
    a row: its own, or (a linked folder) its name with a slash."""
    names = {r["source_file"] for r in fuzzed["articles"] + fuzzed["rejected"]}
    assert {i.relative for i in find_inputs([str(fuzzed["dir"])])} <= names
    entries = []
    for dirpath, dirnames, filenames in os.walk(fuzzed["dir"]):
        here = Path(dirpath)
        entries += [(here / f, "") for f in filenames]
        entries += [(here / x, "/") for x in dirnames if (here / x).is_symlink()]
    assert len(entries) >= N_INPUTS
    missing = [p for p, slash in entries if printable(p.relative_to(fuzzed["dir"]).as_posix()) + slash not in names]
    assert not missing


def test_reasons_are_documented_and_every_kind_of_trouble_is_met(fuzzed):
    reasons = Counter(r["reason"] for r in fuzzed["rejected"])
    assert set(reasons) <= REASONS, set(reasons) - REASONS
    for reason in ("empty", "not_text", "undecodable", "unreadable", "outside_input", "no_records", "bad_field",
                   "unsupported_type", "truncated"):
        assert reasons[reason], f"the corpus should hold a `{reason}` input: {reasons}"
    assert "error" not in reasons, [r["detail"] for r in fuzzed["rejected"] if r["reason"] == "error"]
    assert len(fuzzed["articles"]) > 40


def test_every_removal_slices_its_source(fuzzed):
    sources: dict[str, list[str]] = {}  # id -> texts (a container may repeat an id: duplicate_id)
    for raw in fuzzed["docs"]:
        source = to_source(raw)
        if not isinstance(source, Rejection):
            sources.setdefault(to_source_id(raw), []).append(source.text)
    assert fuzzed["removals"]
    for r in fuzzed["removals"]:
        assert any(text[r["start"]:r["end"]] == r["text"] for text in sources[r["id"]]), r


def test_nothing_from_outside_or_from_proc_is_published(fuzzed):
    everything = " ".join(r["text"] for r in fuzzed["articles"] + fuzzed["removals"])
    assert "AWS_SECRET_ACCESS_KEY" not in everything
    assert os.environ.get("PATH", "PATH=") not in everything
    for r in fuzzed["rejected"]:
        if r["reason"] == "outside_input":
            assert r["source_sha256"] == ""
