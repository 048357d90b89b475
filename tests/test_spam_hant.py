"""The spam word model on traditional-script text (cleaner.clean.spam.hant): jieba's dictionary
is simplified, so a traditional document is read through a one-for-one character map. The
article's recurring places, quoted names and phrases stay; injected shards still come out."""

from __future__ import annotations

import random
from pathlib import Path

import noise
import pytest
from test_spam_inline import apply, check_shape, run, run_all

from cleaner.clean.rules import spam_inline as si
from cleaner.clean.script import script, script_tables
from cleaner.clean.spam import hant, page

HANT = {p.stem: p.read_text(encoding="utf-8").strip()
        for p in sorted((Path(__file__).parent / "fixtures" / "hant_texts").glob("*.txt"))}


def test_the_view_keeps_every_offset_and_leaves_simplified_text_alone():
    text = HANT["t01_lantern_festival"]
    view = hant.word_view(text)
    assert len(view) == len(text) and view != text
    assert script(view) == "zh-Hans"
    simplified = "乾隆年间的著名书法作品于本周在馆内展出，观众可以预约参观。"
    assert hant.word_view(simplified) == simplified  # 乾, 著 keep their simplified sense here
    assert hant.word_view("乾淨的街道於週末開放") == "干净的街道于周末开放"


def test_the_table_maps_one_character_to_one():
    table = hant.hans_table()
    simplified_only, traditional_only = script_tables()
    assert len(table) > 2000
    assert all(len(v) == 1 and chr(k) != v for k, v in table.items())
    assert not {chr(k) for k in table} & simplified_only
    assert not set(table.values()) & traditional_only


@pytest.mark.parametrize("name", sorted(HANT))
def test_traditional_articles_lose_nothing(name):
    """A township, a quoted exhibit, 尚未開放, 表示 ... said again in later paragraphs."""
    assert run_all(HANT[name]) == []


def test_read_as_written_their_recurring_words_would_look_like_shards(monkeypatch):
    """What the view prevents: unknown to a simplified dictionary, the terms of a lead restated
    later in the same order read as out-of-vocabulary fragments taking turns."""
    monkeypatch.setattr(page, "word_view", lambda text: text)
    assert run(si.injected_fragments, HANT["t03_harbour_art"])


@pytest.mark.parametrize("name", sorted(HANT))
@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("shards", [["春風送", "暖萬", "家歡樂"], ["砥礪前行", "奮鬥青春", "匠心傳承"]])
def test_shards_in_a_traditional_article_come_out_and_the_text_reads_as_before(name, seed, shards):
    doc = noise.inject(name, HANT[name], random.Random(seed), shards=shards, cycles=3,
                       n_brands=0, n_lures=0, n_urls=0)
    got = run(si.injected_fragments, doc.text)
    check_shape(doc.text, got, si.injected_fragments)
    assert apply(doc.text, got) == HANT[name]


@pytest.mark.parametrize("text,expected", [
    ("據介紹，活動現場XY娛樂城的展臺前人頭攢動，另有QKB體育官網的宣傳單頁散落一地。", ["XY娛樂城", "QKB體育官網"]),
    ("不少市民反映，近來常有陌生人勸他們進入鑫旺娛樂官網充值，請大家提高警惕。", ["鑫旺娛樂官網"]),
    ("今年前十個月，LX真人視訊我省貨物貿易進出口總值穩步增長。", ["LX真人視訊"]),
])
def test_ad_vocabulary_in_traditional_script_comes_out_whole(text, expected):
    """The lexicon's verticals and access forms are written in simplified; read through the
    view they match their traditional forms, and the removal keeps the page's own characters."""
    got = run(si.ad_vocabulary, text)
    check_shape(text, got, si.ad_vocabulary)
    assert [r.text for r in got] == expected


@pytest.mark.parametrize("text", [
    "據中國體育彩票官網顯示，本期開獎號碼已公佈，體彩公益金將用於全民健身。",
    "騰訊體育、新浪體育和CCTV5體育頻道同步直播了比賽，NBA體育迷熬夜觀看。",
    "球迷可以登錄騰訊體育官網觀看直播，也可以在新浪體育官網查看賽程。",
    "威信縣的茶葉今年豐收，當地的太陽城小區也迎來了新住戶。",
])
def test_traditional_look_alikes_of_ad_vocabulary_are_kept(text):
    assert run_all(text) == []
