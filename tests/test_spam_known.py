"""spam_known.learned_slogan and cleaner.run.learn: slogans a corpus carries, mined from one build's
removals and found by the next build wherever their shards stand (slogans invented here)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import noise
import pyarrow.parquet as pq
import pytest
from test_spam_inline import CLEAN, HELDOUT, LOOKALIKES, apply, check_shape, run

from cleaner.clean.rules import spam_known
from cleaner.publish import version as publish
from cleaner.run import learn
from cleaner.run.build import build
from cleaner.settings import Settings

SLOGAN = "晨光照大地万物竞生长"


def lexicon(tmp_path, *slogans: str) -> Settings:
    path = tmp_path / "learned.txt"
    path.write_text(learn.lexicon_text([(s, 3) for s in slogans]), encoding="utf-8")
    return Settings(spam_lexicons=(str(path),))


def noisy(name: str, shards: list[str], seed: int, cycles: int = 2) -> noise.NoisyDoc:
    return noise.inject(name, CLEAN[name], random.Random(seed), shards=shards, cycles=cycles,
                        n_brands=0, n_lures=0, n_urls=0)


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("shards", [["晨光", "照大地", "万物", "竞生长"], ["光照大", "地万物竞", "生长晨"]])
def test_shards_of_a_known_slogan_come_out(tmp_path, shards, seed):
    """Cut between its words or inside them, the round starting anywhere in the slogan."""
    doc = noisy("c09_river", shards, seed)
    got = run(spam_known.learned_slogan, doc.text, lexicon(tmp_path, SLOGAN))
    check_shape(doc.text, got, spam_known.learned_slogan)
    assert apply(doc.text, got) == CLEAN["c09_river"]


def test_without_the_lexicon_the_rule_does_nothing():
    doc = noisy("c09_river", ["晨光", "照大地", "万物", "竞生长"], 1)
    assert run(spam_known.learned_slogan, doc.text) == []


def test_the_slogan_said_whole_and_its_words_used_alone_stay(tmp_path):
    """A campaign named in quotation marks, and the slogan's words where the article uses them
    on its own account (not one round of pieces in the slogan's order)."""
    text = ("社区开展“晨光照大地 万物竞生长”主题宣传活动，居民踊跃参加。清晨的晨光洒在河面上，"
            "岸边草木生长茂盛，万物复苏。志愿者说，春天里万物竞相生长，大地一片生机。\n"
            "活动持续到周末，主办方还准备了晨光摄影展。")
    assert run(spam_known.learned_slogan, text, lexicon(tmp_path, SLOGAN)) == []


def test_the_slogans_words_in_the_articles_own_sentences_stay(tmp_path):
    """The same words in order, in the article's own wording (晨光 ... 照亮大地 ... 万物 ... 竞相
    生长): the pieces do not join end to end into the slogan."""
    text = ("清晨，第一缕晨光照亮大地，河畔的万物渐渐苏醒，草木竞相生长。晨光中，环卫工人已经开始"
            "清扫街道，照顾大地上的花草树木。万物生长的季节，公园里游人如织。\n"
            "园林部门表示，将继续做好绿化养护，让晨光下的公园更加整洁。")
    assert run(spam_known.learned_slogan, text, lexicon(tmp_path, SLOGAN)) == []


def test_clean_texts_lose_nothing_to_many_known_slogans(tmp_path):
    settings = lexicon(tmp_path, SLOGAN, *noise.SLOGANS)
    for name, text in {**CLEAN, **HELDOUT, **LOOKALIKES}.items():
        assert run(spam_known.learned_slogan, text, settings) == [], name


# --------------------------------------------------------------------------------------------
# mining


def test_cycle_of_takes_pieces_in_their_first_order():
    assert learn.cycle_of([(30, "万物"), (5, "晨光"), (12, "照大地"), (60, "晨光"), (40, "竞生长")]) == "晨光照大地万物竞生长"


def test_mine_keeps_cycles_found_in_two_articles_and_prefers_the_pure_one():
    pure = [(0, "晨光"), (9, "照大地"), (20, "万物"), (31, "竞生长"), (50, "晨光")]
    polluted = pure + [(40, "负责人")]  # a word of one article taken along
    rotated = [(0, "万物"), (9, "竞生长"), (20, "晨光"), (31, "照大地")]  # a round starting elsewhere
    lonely = [(0, "星河"), (5, "璀璨")]
    got = learn.mine([("a1", pure), ("a2", rotated), ("a3", polluted), ("a3", pure), ("a4", lonely)])
    assert got == [(SLOGAN, 3)]
    # one article, however many documents: not learned
    assert learn.mine([("a1", pure), ("a1", pure)]) == []


def test_lexicon_text_parses_back(tmp_path):
    from cleaner.clean.spam.lexicon import load_lexicon

    path = tmp_path / "l.txt"
    path.write_text(learn.lexicon_text([(SLOGAN, 4)], [("鼎赢", 3)], "dist/x/1.0.0"), encoding="utf-8")
    lex = load_lexicon((str(path),))
    assert lex.slogans == (SLOGAN,) and lex.brands["鼎赢"] == "learned"


# --------------------------------------------------------------------------------------------
# build -> learn -> build


def test_a_second_build_with_the_learned_lexicon_takes_more_spam(tmp_path):
    """Six articles carry one slogan: the first build finds it whole in some of them, learns
    it, and the second build finds it in all; the manifest records the lexicon it used."""
    corpus = tmp_path / "crawl"
    corpus.mkdir()
    names = ["c01_summer_grain", "c04_typhoon", "c07_metro_line", "c08_museum", "c09_river", "c11_port_trade"]
    cuts = [["晨光照", "大地万", "物竞生长"], ["晨光", "照大地", "万物", "竞生长"]]
    docs = []
    for i, name in enumerate(names):
        doc = noisy(name, cuts[i % 2], seed=i, cycles=3 if i < 3 else 2)
        docs.append(doc)
        (corpus / f"{name}.txt").write_text(doc.text, encoding="utf-8")
    build([str(corpus)], str(tmp_path / "out"), "crawl", "1.0.0", Settings(), workers=1)
    first = tmp_path / "out" / "crawl" / "1.0.0"
    slogans, _ = learn.learn_version(first)
    assert [s for s, _ in slogans] and learn.canonical(slogans[0][0]) == learn.canonical(SLOGAN)
    settings = lexicon(tmp_path, slogans[0][0])
    build([str(corpus)], str(tmp_path / "out"), "crawl", "1.1.0", settings, workers=1)
    second = tmp_path / "out" / "crawl" / "1.1.0"

    def spam_left(version) -> int:
        texts = pq.read_table(version / "data" / "articles").column("text").to_pylist()
        return sum(t.count(p) for t in texts for p in ("晨光", "照大地", "万物", "竞生长", "物竞生长", "大地万"))

    assert spam_left(second) == 0 < spam_left(first)
    rules = set(pq.read_table(second / "data" / "removals").column("rule").to_pylist())
    assert "spam_known.learned_slogan" in rules
    manifest = json.loads((second / "manifest.json").read_text(encoding="utf-8"))
    digest = publish.file_sha256(Path(settings.spam_lexicons[0]))
    assert [x["sha256"] for x in manifest["lexicons"]] == [digest]
    card = (second / "README.md").read_text(encoding="utf-8")
    assert f"`learned.txt` (sha256 `{digest[:16]}`)" in card
    assert "(here: none)" in (first / "README.md").read_text(encoding="utf-8")


def test_brands_found_alone_in_two_articles_are_learned():
    got = learn.brands([("a1", ["鼎赢"]), ("a2", ["鼎赢", "汇博"]), ("a2", ["汇博"]), ("a3", [])])
    assert got == [("鼎赢", 2)]


def test_a_learned_brand_goes_where_its_characters_are_the_pages_own(tmp_path):
    """coined_brand needs a name's characters foreign to the page (鼎 and 赢 used nowhere else);
    once learned, the name is a known brand: on a page carrying spam, it goes even where the
    page uses its characters, and only there where it stands loose."""
    from cleaner.clean.rules import spam_inline, spam_names

    text = ("今年全市鼎力推进老旧小区改造，居民赢得了实惠。KX娱乐城记者走访发现，改造后的小区鼎赢"
            "环境明显改善，不少居民说住得更舒心了。\n街道负责人表示，下一步将继续推进相关工作。")
    assert "鼎赢" not in [r.text for r in run(spam_names.coined_brand, text)]
    path = tmp_path / "l.txt"
    path.write_text(learn.lexicon_text([], [("鼎赢", 2)]), encoding="utf-8")
    got = run(spam_inline.ad_vocabulary, text, Settings(spam_lexicons=(str(path),)))
    assert sorted(r.text for r in got) == ["KX娱乐城", "鼎赢"]


def test_explain_shows_the_learned_rule_with_the_lexicon(tmp_path):
    """`cleaner explain --spam-lexicon` audits one page as a build with that lexicon cleans it."""
    import subprocess
    import sys

    doc = noisy("c09_river", ["晨光", "照大地", "万物", "竞生长"], 3)
    page = tmp_path / "page.txt"
    page.write_text(doc.text, encoding="utf-8")
    settings = lexicon(tmp_path, SLOGAN)
    command = [sys.executable, "-m", "cleaner.cli", "explain", "--no-color", str(page)]
    plain = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    learned = subprocess.run([*command, "--spam-lexicon", settings.spam_lexicons[0]],
                             capture_output=True, text=True, check=True).stdout
    assert "spam_known.learned_slogan" in learned and "spam_known.learned_slogan" not in plain


def test_learn_from_reads_each_documents_cycle_apart_and_counts_articles():
    """Two documents of one article carry two different slogans: each document's shards make
    its own cycle (never one cycle of both); an article counts once however many of its
    documents carry a slogan."""
    rows = []
    for doc, pieces in (("a1#1", ["晨光", "照大地", "万物", "竞生长"]), ("a1#2", ["星河", "璀璨", "照前程"]),
                        ("a2#1", ["晨光照", "大地万", "物竞生长"]), ("a3#1", ["星河", "璀璨", "照前程"])):
        rows += [(doc, learn.SHARD_RULE, 10 * i, p) for i, p in enumerate(pieces)]
    rows.append(("a2#1", learn.BRAND_RULE, 90, "鼎赢"))
    rows.append(("a3#1", learn.BRAND_RULE, 90, "鼎赢"))
    slogans, names = learn.learn_from(rows, article_of=lambda d: d.split("#")[0])
    assert sorted(slogans) == [("星河璀璨照前程", 2), (SLOGAN, 2)]
    assert names == [("鼎赢", 2)]
    assert learn.learn_from(rows[:8]) == ([], [])  # a1#1 and a1#2 alone: one slogan each, once
