"""An interrupted build keeps its completed input shards: rerun, it cleans only the others and
publishes the same bytes as a build that was never interrupted."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from helpers import parquet_files

from cleaner.run import engine, spool
from cleaner.run.build import build
from cleaner.settings import Settings

sys.path.insert(0, str(ROOT / "bench"))
import generate

PAGES = 90
SHARD = 16


@pytest.fixture()
def corpus(tmp_path, monkeypatch) -> Path:
    monkeypatch.setattr(spool, "SHARD_FILES", SHARD)
    generate.generate(tmp_path / "pages", PAGES, seed=5)
    first = sorted((tmp_path / "pages").rglob("*.txt"))[0]
    shutil.copy(first, tmp_path / "pages" / "zz-copy.txt")  # a duplicate in the last shard
    return tmp_path / "pages"


class Stop(KeyboardInterrupt):
    pass


def interrupt_after(n: int):
    seen = [0]

    def progress(k: int) -> None:
        seen[0] += k
        if seen[0] == n:
            raise Stop

    return progress


def counting(monkeypatch) -> list[int]:
    calls = [0]
    work = engine.work

    def counted(*args, **kwargs):
        calls[0] += 1
        return work(*args, **kwargs)

    monkeypatch.setattr(engine, "work", counted)
    return calls


def test_an_interrupted_build_resumed_redoes_only_the_missing_shards(corpus, tmp_path, monkeypatch):
    build([str(corpus)], str(tmp_path / "once"), "r", "1.0.0", Settings(), workers=1)
    expected = parquet_files(tmp_path / "once" / "r" / "1.0.0")
    out = tmp_path / "out"
    with pytest.raises(Stop):
        build([str(corpus)], str(out), "r", "1.0.0", Settings(), workers=1, progress=interrupt_after(3 * SHARD + 5))
    assert not (out / "r" / "1.0.0").exists()
    (work,) = (out / "r").glob(".1.0.0.work-*")
    assert len(list(work.glob("*.done"))) == 3 and not list(work.glob("*.part"))
    calls = counting(monkeypatch)
    build([str(corpus)], str(out), "r", "1.0.0", Settings(), workers=1)
    assert calls[0] == PAGES + 1 - 3 * SHARD  # the three completed shards were not cleaned again
    assert parquet_files(out / "r" / "1.0.0") == expected
    assert not work.exists()


def test_a_file_changed_since_the_interruption_has_its_shard_cleaned_again(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    with pytest.raises(Stop):
        build([str(corpus)], str(out), "r", "1.0.0", Settings(), workers=2, progress=interrupt_after(2 * SHARD + 1))
    changed = sorted(corpus.rglob("*.txt"))[3]  # in the first shard, completed
    changed.write_text("换了一篇\n\n" + "本市今天发布了一条新闻，内容涉及交通、教育和医疗等多个方面的安排。" * 3, encoding="utf-8")
    calls = counting(monkeypatch)
    build([str(corpus)], str(out), "r", "1.0.0", Settings(), workers=1)
    assert calls[0] == PAGES + 1 - SHARD  # shard 0 again (its file changed), shard 1 kept
    build([str(corpus)], str(tmp_path / "fresh"), "r", "1.0.0", Settings(), workers=1)
    assert parquet_files(out / "r" / "1.0.0") == parquet_files(tmp_path / "fresh" / "r" / "1.0.0")
