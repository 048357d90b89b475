"""Columns for NLP use: n_tokens, script, published_ts with its precision, the quality summary,
and the hashed validation split."""

from __future__ import annotations

import json
from datetime import UTC

import datasets
import pyarrow.parquet as pq
import pytest
from conftest import SEEDS
from helpers import clean_text
from huggingface_hub import DatasetCard
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from cleaner.publish import nlp
from cleaner.publish.rows import article_rows
from cleaner.run.build import build
from cleaner.settings import Settings

SIMPLIFIED = "这个城市的经济发展很快，图书馆里读书的人越来越多，学校还开设了新的课程。"
TRADITIONAL = "這個城市的經濟發展很快，圖書館裡讀書的人越來越多，學校還開設了新的課程。"


def test_script_tells_simplified_from_traditional_and_says_nothing_of_other_text():
    assert nlp.script(SIMPLIFIED) == "zh-Hans"
    assert nlp.script(TRADITIONAL) == "zh-Hant"
    assert nlp.script("The library opened on Monday.") is None
    assert nlp.script("中文") is None  # written alike in both scripts: nothing tells


def test_characters_both_scripts_write_are_in_neither_table():
    simplified, traditional = nlp.script_tables()
    assert not simplified & traditional
    for ch in "了于中人的":
        assert ch not in simplified | traditional, ch
    assert "发" in simplified and "發" in traditional


@hypothesis_settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list(SIMPLIFIED + TRADITIONAL + "ab 1。\ud800\U0001F600中文")), max_size=40))
def test_script_is_the_majority_of_the_characters_written_differently(chars):
    """The table lookup counts what the character sets say, whatever else the text holds
    (lone surrogates, characters past the basic plane)."""
    text = "".join(chars)
    simplified, traditional = nlp.script_tables()
    s, t = sum(c in simplified for c in text), sum(c in traditional for c in text)
    assert nlp.script(text) == (None if s == t else "zh-Hans" if s > t else "zh-Hant")


def test_n_tokens_counts_jieba_words_without_punctuation():
    assert nlp.n_tokens("我们在图书馆读书。") == 4  # 我们 / 在 / 图书馆 / 读书 (no 。)
    assert nlp.n_tokens("，。！") == 0
    assert nlp.n_tokens("AI 芯片 2024 年") == 4


@pytest.mark.parametrize("value, precision", [("2024-03-05", "day"), ("2024-03-05T10:20", "minute"),
                                              ("2024-03-05T10:20:11", "second")])
def test_published_keeps_its_precision(value, precision):
    ms, got = nlp.published(value)
    assert got == precision
    from datetime import datetime
    assert datetime.fromtimestamp(ms / 1000, UTC).isoformat().startswith(value)
    assert nlp.published(None) == (None, None) and nlp.published("2024-13-40") == (None, None)


def test_quality_shares_add_up_to_the_removals():
    page = ("首页 | 新闻 | 体育 | 财经\n" + SIMPLIFIED + "\n" + SIMPLIFIED.replace("城市", "乡村") + "\n"
            "本站版权所有 未经授权禁止转载\n")
    article = clean_text(page)
    row = article_rows(article)["articles"][0]
    boilerplate = sum(r.end - r.start for r in article.removals if r.category == "boilerplate")
    assert boilerplate > 0
    assert row["boilerplate_share"] == round(boilerplate / len(article.source.text), 4)
    assert row["spam_share"] == 0.0 and row["has_spam"] is False
    assert row["script"] == "zh-Hans" and row["n_tokens"] > 20


def test_the_seeds_columns_load_with_their_types(seeds_version):
    ds = datasets.load_dataset(str(seeds_version), "articles", split="train",
                               cache_dir=str(seeds_version.parent.parent / ".cache-nlp"))
    assert str(ds.features["published_ts"].dtype) == "timestamp[ms]"
    for row in ds:
        assert row["script"] == "zh-Hans"
        assert row["n_tokens"] > 0 and 0 <= row["boilerplate_share"] < 1 and 0 <= row["spam_share"] < 1
        if row["published_at"]:
            assert row["published_ts"].isoformat().startswith(row["published_at"])
            assert row["published_precision"] in ("day", "minute", "second")
        else:
            assert row["published_ts"] is None and row["published_precision"] is None
    assert any(row["has_spam"] for row in ds)  # the seeds carry injected spam


def test_validation_split_is_a_stable_hash_of_the_id(tmp_path):
    settings = Settings(validation_fraction=0.4)
    build([str(SEEDS)], str(tmp_path / "a"), "seeds", "1.0.0", settings, workers=1)
    build([str(SEEDS)], str(tmp_path / "b"), "seeds", "1.0.0", settings, workers=2)
    version = tmp_path / "a" / "seeds" / "1.0.0"
    for name in ("README.md", "manifest.json"):
        assert (version / name).read_bytes() == (tmp_path / "b" / "seeds" / "1.0.0" / name).read_bytes()
    splits = json.loads((version / "manifest.json").read_text(encoding="utf-8"))["splits"]
    ids = {s: set(pq.read_table(version / "data" / "articles" / f).column("id").to_pylist())
           for s in ("train", "validation") for f in [f"{s}-00000-of-00001.parquet"]}
    assert {s: len(v) for s, v in ids.items()} == splits["articles"]
    for split, members in ids.items():
        assert all(nlp.split_of(i, 0.4) == split for i in members)
        segment_ids = set(pq.read_table(version / "data" / "segments" / f"{split}-00000-of-00001.parquet")
                          .column("id").to_pylist())
        assert segment_ids == members  # an article's segments go with it
    card = DatasetCard.load(version / "README.md").data.to_dict()
    articles = next(c for c in card["configs"] if c["config_name"] == "articles")
    assert [f["split"] for f in articles["data_files"]] == ["train", "validation"]
    for split in ("train", "validation"):
        if splits["articles"][split]:
            ds = datasets.load_dataset(str(version), "articles", split=split, cache_dir=str(tmp_path / "cache"))
            assert set(ds["id"]) == ids[split]
    fractions = [sum(nlp.split_of(f"{n:016x}", 0.1) == "validation" for n in range(5000)) / 5000]
    assert 0.08 < fractions[0] < 0.12


def test_rjieba_counts_what_jieba_counts(seeds_version):
    """n_tokens uses jieba-rs for speed; on the seeds' articles and text of our own it gives
    jieba's own count (precise mode, HMM off)."""
    import jieba

    texts = pq.read_table(seeds_version / "data" / "articles").column("text").to_pylist()
    texts += [SIMPLIFIED, TRADITIONAL, "AI 芯片厂商2024年营收增长35%，CEO表示5G业务仍是重点。"]
    for text in texts:
        expected = sum(1 for t in jieba.dt.cut(text, HMM=False) if nlp.WORD.search(t))
        assert nlp.n_tokens(text) == expected
