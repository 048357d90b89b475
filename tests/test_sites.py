"""Generality: layouts the rules were not written for, scored with the team's own metric.

The fixtures (tests/fixtures/sites) are ten sites that share no marker strings with the
seeds beyond generic ones; their gold follows the format of shared/eval/gold. The score is
computed by shared/eval/score.py's own functions (LCS after NFKC, white space removed)."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys

import datasets
import pytest
from conftest import FIXTURES, SHARED

from cleaner.run.build import build
from cleaner.settings import Settings

SITES = FIXTURES / "sites"


def scorer():
    path = SHARED / "eval" / "score.py"
    if not path.exists():
        pytest.skip("shared/eval/score.py is not beside the project")
    spec = importlib.util.spec_from_file_location("team_score", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["team_score"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def site_articles(tmp_path_factory):
    inputs = tmp_path_factory.mktemp("sites")
    for f in SITES.glob("*.txt"):
        shutil.copy(f, inputs / f.name)
    out = tmp_path_factory.mktemp("out")
    build([str(inputs)], str(out), "sites", "0.0.1", Settings(), workers=1)
    ds = datasets.load_dataset(str(out / "sites" / "0.0.1"), "articles", split="train", cache_dir=str(out / ".c"))
    return ds.to_list()


def test_at_least_six_layouts_have_gold():
    assert len(list((SITES / "gold").glob("*.json"))) >= 6


def test_unseen_layouts_score_like_the_seeds(site_articles):
    score = scorer()
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((SITES / "gold").glob("*.json"))]
    docs = [score.score_doc(g, site_articles, []) for g in golds]
    n = len(docs)
    precision = sum(d["precision"] for d in docs) / n
    recall = sum(d["recall"] for d in docs) / n
    junk = sum(d["junk_chars"] for d in docs)
    spam = sum(d["spam_left"] for d in docs)
    meta = sum(d[f"{m}_ok"] for d in docs for m in ("title", "date", "source", "authors"))
    print(f"sites: precision={precision:.4f} recall={recall:.4f} junk_chars={junk} spam_left={spam} meta={meta}/{4 * n}")
    assert all(d["accounted"] for d in docs)
    assert precision >= 0.99 and recall >= 0.99
    assert junk <= 12 * n
    assert spam == 0
    assert meta >= 0.9 * 4 * n
