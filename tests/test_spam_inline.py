"""cleaner.clean.rules.spam_inline: what each span rule removes, and the look-alikes it must keep.

Everything here runs offline (jieba's dictionary ships inside the package); the seed checks at
the end are skipped when ../shared is not beside the project.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import noise
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from cleaner.clean.rules import spam_inline as si
from cleaner.clean.rules.base import SpanContext, rule_id
from cleaner.clean.spam import evidence, joins, lexicon
from cleaner.clean.spam.candidates import drop_overlaps, shard_seeds
from cleaner.clean.spam.cycles import find_cycles
from cleaner.clean.spam.params import SpamParams
from cleaner.document import Block
from cleaner.settings import Settings

HERE = Path(__file__).resolve().parent
CLEAN = dict(noise.load_clean_texts())
LOOKALIKES = {p.stem: p.read_text(encoding="utf-8") for p in sorted((HERE / "fixtures" / "lookalikes").glob("*.txt"))}
SHARED = HERE.parent.parent / "shared"
PARAMS = SpamParams()


def blocks_of(text: str) -> tuple[Block, ...]:
    """One block per non-blank line, stripped, with offsets into `text`."""
    out, pos = [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped)
            out.append(Block(len(out), start, start + len(stripped), stripped))
        pos += len(line) + 1
    return tuple(out)


def run(rule, text: str, settings: Settings | None = None):
    return rule(SpanContext(text, blocks_of(text), settings or Settings()))


def run_all(text: str, settings: Settings | None = None):
    return run(si.ad_vocabulary, text, settings) + run(si.injected_fragments, text, settings)


def removed(rule, text: str, settings: Settings | None = None) -> list[str]:
    return [r.text for r in sorted(run(rule, text, settings), key=lambda r: r.start)]


def apply(text: str, removals) -> str:
    out, last = [], 0
    for r in sorted(removals, key=lambda r: r.start):
        out.append(text[last:max(last, r.start)])
        last = max(last, r.end)
    out.append(text[last:])
    return "".join(out)


def check_shape(text: str, removals, rule) -> None:
    """Removals are spam rows of `rule`, inside one block each, not overlapping, text exact."""
    blocks = blocks_of(text)
    last = -1
    for r in sorted(removals, key=lambda r: r.start):
        assert r.category == "spam"
        assert r.rule == rule_id(rule)
        assert r.text == text[r.start:r.end] and r.end > r.start
        assert any(b.start <= r.start and r.end <= b.end for b in blocks)
        assert r.start >= last
        last = r.end


# --------------------------------------------------------------------------------------------
# ad_vocabulary: removes


def test_latin_brand_glued_to_chinese():
    text = "据介绍，活动现场XY娱乐城的展台前人头攒动，另有QKB体育官网的宣传单页散落一地。"
    got = run(si.ad_vocabulary, text)
    assert [r.text for r in got] == ["XY娱乐城", "QKB体育官网"]
    check_shape(text, got, si.ad_vocabulary)


def test_latin_brand_with_han_name_and_entrance_teaches_its_stem():
    text = ("车辆往返于两地、KW星河入口园区之间，车上的乘客一边打量新图景。\n"
            "他们探访工业园区，KW星河一起学习各地的好做法。")
    assert removed(si.ad_vocabulary, text) == ["KW星河入口", "KW星河"]


def test_han_brand_vertical_access_keeps_the_verb_before_it():
    text = "不少市民反映，近来常有陌生人劝他们进入鑫旺娱乐官网充值，请大家提高警惕。"
    assert removed(si.ad_vocabulary, text) == ["鑫旺娱乐官网"]
    assert "进入充值" in apply(text, run(si.ad_vocabulary, text))


def test_brand_with_two_verticals():
    assert removed(si.ad_vocabulary, "今年前十个月，LX真人视讯我省货物贸易进出口总值稳步增长。") == ["LX真人视讯"]


def test_contact_lures_with_an_id():
    text = "本站每日更新内部消息，详情加微信 abc12345 咨询，或加入QQ群：73821506 领取福利。"
    assert removed(si.ad_vocabulary, text) == ["加微信 abc12345", "QQ群：73821506"]


def test_bare_urls_and_domains_inside_chinese_text():
    text = "今年全省利用公益金新建了场地，点击www.hb8899.com领取，或登录 https://m.kx688.vip/?from=news 注册，xy365.cc也可以。"
    assert removed(si.ad_vocabulary, text) == ["www.hb8899.com", "https://m.kx688.vip/?from=news", "xy365.cc"]


def test_a_url_the_article_gives_in_brackets_is_a_reference_not_spam():
    text = ("售票平台提醒旅客，请通过官方网站（www.piaowu-example.cn）或“出行助手”客户端购票，"
            "相关说明见（https://help.piaowu-example.cn/faq）。")
    assert removed(si.ad_vocabulary, text) == []
    glued = "旅客可点击www.hb8899.com领取，或访问（xy365.cc）"  # glued is spam; bracketed stays
    assert removed(si.ad_vocabulary, glued) == ["www.hb8899.com"]


def test_bare_known_brand_and_ad_copy_only_once_the_page_carries_spam():
    warning = "民警提醒，凡是声称注册送彩金的平台都是骗局，开云之类的名字常被冒用。"
    assert removed(si.ad_vocabulary, warning) == []
    spammy = warning + "\n另据了解，不少人在XY娱乐城上当。"
    assert removed(si.ad_vocabulary, spammy) == ["注册送彩金", "开云", "XY娱乐城"]


# --------------------------------------------------------------------------------------------
# ad_vocabulary: keeps


@pytest.mark.parametrize("name", ["c02_phone_market", "c03_sports_lottery", "c12_anti_fraud"])
def test_real_news_with_brand_like_words_keeps_everything(name):
    """华为 / 腾讯 / 5G / APP / GDP in business news, 体育彩票 in a lottery policy story,
    网络赌博 and 赌博网站 in an anti-fraud story."""
    assert run(si.ad_vocabulary, CLEAN[name]) == []


@pytest.mark.parametrize("name", sorted(LOOKALIKES))
def test_lookalike_fixtures_keep_everything(name):
    assert run(si.ad_vocabulary, LOOKALIKES[name]) == []


@pytest.mark.parametrize("text", [
    "据中国体育彩票官网显示，本期开奖号码已公布，体彩公益金将用于全民健身。",
    "腾讯体育、新浪体育和CCTV5体育频道同步直播了比赛，NBA体育迷熬夜观看。",
    "LG电子和TCL电子发布了新款电视，SM娱乐旗下艺人出席活动。",
    "新建的ABC体育场将于明年投入使用，真人秀节目也在这里录制。",
    "2023年5月6日，我国GDP同比增长5.2%，5G基站达到337.7万个，手机APP下载量超过1.02亿次。",
    "“今年前三季度，我们的出货量同比增长了27%。”他说，G15沈海高速入口附近车流平稳。",
    "更多信息可登录www.example.gov.cn查询，投稿邮箱news@example.com。",
    "记者随后加微信联系了当事人，对方表示愿意配合调查。",
    "球迷可以登录腾讯体育官网观看直播，也可以在新浪体育官网查看赛程。",
    "比赛在PP体育、CCTV体育同步直播，PPTV体育频道也有转播。",
    "威信县的茶叶今年丰收，当地的太阳城小区也迎来了新住户。",
])
def test_look_alikes_are_kept(text):
    assert run(si.ad_vocabulary, text) == []


# --------------------------------------------------------------------------------------------
# the lexicon: format, users' extra files


def test_lexicon_sections_and_flags_parse():
    lex = lexicon.load_lexicon(())
    assert lex.verticals["娱乐城"] is True and lex.verticals["电子"] is False
    assert lex.access["入口"] is True and lex.access["平台"] is False
    assert "中国体育彩票" in lex.allow and "GDP" in lex.latin_allow
    assert "com" in lex.tlds


def test_unknown_section_is_an_error():
    with pytest.raises(ValueError, match="unknown lexicon section"):
        lexicon.parse_lexicon("[brands]\nfoo\n", {}, "x.txt")
    with pytest.raises(ValueError, match="before any"):
        lexicon.parse_lexicon("foo\n", {}, "x.txt")


def test_settings_add_lexicon_files(tmp_path):
    extra = tmp_path / "more_spam.txt"
    extra.write_text("# extra brands\n[brand:gambling]\nzzbet\n[tld]\npw\n", encoding="utf-8")
    settings = Settings(spam_lexicons=(str(extra),))
    text = "据了解，下载zzbet即可参与，网址是ab88.pw，请勿相信。"
    assert removed(si.ad_vocabulary, text) == []
    assert removed(si.ad_vocabulary, text, settings) == ["zzbet", "ab88.pw"]
    assert lexicon.lexicon_for(settings) is lexicon.lexicon_for(Settings(spam_lexicons=(str(extra),)))  # cached


# --------------------------------------------------------------------------------------------
# injected_fragments


def inject(name: str, shards: list[str], seed: int, clean: str | None = None, cycles: int = 3) -> noise.NoisyDoc:
    return noise.inject(name, clean or CLEAN[name], random.Random(seed), shards=shards, cycles=cycles,
                        n_brands=0, n_lures=0, n_urls=0)


@pytest.mark.parametrize("seed", range(6))
def test_shards_of_a_slogan_come_out_and_the_text_reads_as_before(seed):
    doc = inject("c07_metro_line", ["春风送", "暖万", "家欢乐"], seed)
    got = run(si.injected_fragments, doc.text)
    check_shape(doc.text, got, si.injected_fragments)
    assert apply(doc.text, got) == CLEAN["c07_metro_line"]


def test_a_shard_that_is_a_word_is_found_by_its_slot_and_kept_where_the_article_uses_it():
    clean = CLEAN["c08_museum"] + "\n\n不少观众表示，希望把这里建设成大家共同的精神家园。"
    doc = inject("c08_museum", ["青山绿", "水长流", "家园"], 4, clean)
    got = run(si.injected_fragments, doc.text)
    assert sorted({r.text for r in got}) == ["家园", "水长流", "青山绿"]
    cleaned = apply(doc.text, got)
    assert cleaned == clean
    assert cleaned.endswith("共同的精神家园。")  # the article's own use of the same characters stays


def test_same_characters_bound_in_a_word_stay():
    """民安 is a shard (a dictionary word, found by its slot) where it stands loose between
    words; inside the stretch, in 居民安全, it is part of two words and stays."""
    base = CLEAN["c06_family_doctor"]
    cut = base.index("\n\n")
    clean = base[:cut] + "社区还为居民安全出行加装了扶手，方便老人上下楼。" + base[cut:]
    doc = inject("c06_family_doctor", ["国泰民", "民安", "风调雨", "顺兴"], 1, clean)
    got = run(si.injected_fragments, doc.text)
    assert sorted({r.text for r in got}) == ["国泰民", "民安", "顺兴", "风调雨"]
    assert apply(doc.text, got) == clean


@pytest.mark.parametrize("seed", [2, 3, 4, 5])
def test_a_slogan_cut_between_its_words_comes_out_when_seen_three_times(seed):
    """No join of the pieces makes a word (the slogan is cut between its words) and one piece
    is a word found by its slot: three kinds, three rounds, close together and used nowhere
    else in the text are structure enough."""
    doc = inject("c04_typhoon", ["山河锦绣", "岁月", "静好如歌"], seed)
    got = run(si.injected_fragments, doc.text)
    check_shape(doc.text, got, si.injected_fragments)
    assert apply(doc.text, got) == CLEAN["c04_typhoon"]


@pytest.mark.parametrize("seed", [2, 3, 4, 5])
def test_a_slogan_cut_between_its_words_comes_out_when_seen_twice(seed):
    """Two rounds only, every shard a phrase of dictionary words the dictionary does not know
    together, none a piece of a word: phrases used nowhere else in the text, close together."""
    doc = inject("c07_metro_line", ["砥砺前行", "奋斗青春", "匠心传承"], seed, cycles=2)
    got = run(si.injected_fragments, doc.text)
    check_shape(doc.text, got, si.injected_fragments)
    assert apply(doc.text, got) == CLEAN["c07_metro_line"]


def shards_only(doc: noise.NoisyDoc):
    """injected_fragments' removals on `doc`, well formed and inside the injected spans (nothing
    of the article's own); and those spans."""
    got = run(si.injected_fragments, doc.text)
    check_shape(doc.text, got, si.injected_fragments)
    spans = {(s.start, s.end) for s in doc.spans}
    assert {(r.start, r.end) for r in got} <= spans
    return got, spans


def test_a_slogan_whose_last_rounds_spread_out_is_still_foreign_to_the_text():
    """Four rounds, cut between its words (春华秋实|岁月|如歌|同心): the slot search reaches the
    first three rounds; the fourth spreads out over the next paragraphs. Its pieces stand loose
    there too, within a round's reach, so they count as the slogan's, not as the article using
    the same words elsewhere (which would make the pieces no longer foreign to the text)."""
    doc = inject("h01", ["春华秋实", "岁月", "如歌", "同心"], 3, HELDOUT["h01_hospital_reform"], cycles=4)
    got, spans = shards_only(doc)
    assert len(got) >= len(spans) - 1  # at most the very last piece, far out, stays


def test_an_article_word_in_a_lone_shards_slot_is_dropped_not_the_slogan():
    """山高水 is the one shard exposed in three rounds; in its slot the search also finds a word
    the article says loose elsewhere (a canteen story's own words). That word is the article's
    and drops out; the slogan's pieces still come out, and nothing else."""
    doc = inject("h06", ["山高水", "长路", "远行", "者无疆"], 0, HELDOUT["h06_elderly_canteen"])
    got, _ = shards_only(doc)
    assert {r.text for r in got} >= {"山高水", "远行"}


@pytest.mark.parametrize("seed", [1, 3])
def test_a_slogan_is_found_in_an_article_full_of_recurring_terms(seed):
    """A court report says its terms again and again (的犯罪, 在共同犯罪中, 到案后, 审法院 ...):
    they make many candidate cycles, judged before the slogan's (MAX_TRIES leaves room)."""
    doc = inject("h07", ["春华秋实", "岁月", "如歌", "同心"], seed, HELDOUT["h07_court_case"])
    got, spans = shards_only(doc)
    assert len(got) == len(spans)


@pytest.mark.parametrize("seed", [1, 4, 5, 8])
def test_a_lone_exposed_shard_with_word_partners_comes_out_at_a_rounds_distance(seed):
    """One shard the dictionary exposes, three partners that are words: its rounds are a whole
    slogan apart (more than the distance between the shards of a cycle), the partners are
    found in its slot in every round."""
    doc = inject("c07_metro_line", ["笑语盈盈", "家园", "温暖", "和谐"], seed)
    got = run(si.injected_fragments, doc.text)
    check_shape(doc.text, got, si.injected_fragments)
    assert apply(doc.text, got) == CLEAN["c07_metro_line"]


@pytest.mark.parametrize("name,seed", [("c10_community_party", 1), ("c10_community_party", 10),
                                       ("c12_anti_fraud", 5), ("c05_after_school", 2)])
def test_a_lone_shard_said_once_per_paragraph_comes_out_when_its_partners_hold(name, seed):
    """灿烂照 is the one shard the dictionary exposes; it lands once in each paragraph (or
    beside the same word twice), which alone reads like a turn of phrase of the article. Its
    partners, words all, come back in its slot in every one of three rounds: that outweighs it."""
    doc = inject(name, ["星河", "灿烂照", "前程", "远方"], seed, cycles=3)
    exposed = [(s.start, s.end, s.text) for s in doc.spans if s.text == "灿烂照"]
    assert evidence.lone_doubtful(doc.text, "灿烂照", exposed)
    got = run(si.injected_fragments, doc.text)
    check_shape(doc.text, got, si.injected_fragments)
    assert apply(doc.text, got) == CLEAN[name]


@pytest.mark.parametrize("seed", [2, 7, 15])
def test_a_partner_word_the_article_uses_inside_a_longer_word_is_still_a_partner(seed):
    """产业 is a partner of the lone shard 锦绣山; the article says 产业链 further down. There
    it forms a word with its neighbour and stays; in the slots it stands loose and goes."""
    doc = inject("c02_phone_market", ["锦绣山", "产业", "繁荣"], seed)
    assert "产业链" in CLEAN["c02_phone_market"]
    got = run(si.injected_fragments, doc.text)
    check_shape(doc.text, got, si.injected_fragments)
    assert apply(doc.text, got) == CLEAN["c02_phone_market"]


@pytest.mark.parametrize("name,seed", [("c04_typhoon", 1), ("c09_river", 3), ("c07_metro_line", 5)])
def test_a_lone_shard_whose_last_round_is_cut_short_keeps_its_partners(name, seed):
    """桃李芬芳满园 is exposed, 春风 and 硕果 are words; the third round stops before 硕果, so
    that partner is seen twice only, in both complete gaps: one partner in three rounds and
    the other in every gap are evidence enough."""
    doc = inject(name, ["春风", "桃李芬芳满园", "硕果"], seed)
    last = [s for s in doc.spans if s.kind == "slogan"][-1]
    assert last.text == "硕果"
    text = doc.text[:last.start] + doc.text[last.end:]
    got = run(si.injected_fragments, text)
    check_shape(text, got, si.injected_fragments)
    assert apply(text, got) == CLEAN[name]


@pytest.mark.parametrize("seed", [5, 6])
def test_the_last_piece_of_a_round_cut_short_is_found_in_its_slot(seed):
    """Two rounds, the second cut short before its last piece: that piece shows once, after
    the first round's 繁星点, and fits back onto it (点|亮 makes 点亮)."""
    doc = inject("c08_museum", ["碧海蓝", "天映", "繁星点", "亮夜空"], seed, cycles=2)
    last = [s for s in doc.spans if s.kind == "slogan"][-1]
    assert last.text == "亮夜空"
    text = doc.text[:last.start] + doc.text[last.end:]
    got = run(si.injected_fragments, text)
    check_shape(text, got, si.injected_fragments)
    assert "亮夜空" in {r.text for r in got}
    assert apply(text, got) == CLEAN["c08_museum"]


def test_phrases_and_pieces_cut_off_words():
    """What a two-round cycle's shards must look like: phrases of content words (奋斗青春), or
    pieces with a character cut off a word at an edge (…画卷美); not a word with a function
    character or an affix glued on (的订单, 增长了, 孩子们)."""
    assert joins.phrase_like("奋斗青春") and joins.phrase_like("红色基因代代传")
    assert not any(joins.phrase_like(f) for f in ("的订单", "增长了", "孩子们", "廉洁自律"))
    assert joins.chopped(PARAMS, "山水画卷美") and joins.chopped(PARAMS, "民安居乐")
    assert not any(joins.chopped(PARAMS, f) for f in ("的订单", "增长了", "孩子们", "奋斗青春"))


def test_a_topic_term_said_in_parallel_paragraphs_stays():
    """体育彩票 once in one paragraph, twice in another, with 今年，全省 …… 开展 …… 活动 around
    it each time: a lone fragment whose characters the text uses elsewhere (体育, 体彩) is
    the article's term, not a shard with hidden partners."""
    lottery = [p for p in LOOKALIKES["l02_sports_lottery"].split("\n") if p.strip()]
    grain = [p for p in CLEAN["c01_summer_grain"].split("\n") if p.strip()]
    text = "\n".join([next(p for p in lottery if p.startswith("公益金的使用")), grain[0],
                      next(p for p in lottery if p.startswith("体育彩票的公益"))])
    assert run_all(text) == []


BULLETIN = ("前三季度全区经济运行稳中向好。截至9月底，溪桥区规上工业企业1832家，同比增长6.4%。"
            "截至8月底，全区新能源汽车保有量12.7万辆，同比增长38.1%。"
            "截至9月底，溪桥区城镇新增就业5.6万人，同比增长3.2%。"
            "截至7月底，全区金融机构存款余额2100亿元，同比增长9.7%。\n"
            "截至9月底，溪桥区快递业务量4.3亿件，同比增长15.5%。下一步将继续做好监测分析。\n")


def _cycle(text: str, order: list[str]):
    """The members of the candidate cycle with this order that the shard search finds in `text`."""
    seeds = shard_seeds(PARAMS, text, 2)
    occs = drop_overlaps([o for v in seeds.values() for o in v])
    return next(members for o, members in find_cycles(PARAMS, occs, 2) if o == order)


def test_fields_of_a_sentence_pattern_are_no_shards():
    """同比增长 comes back once per sentence of a statistical bulletin, always between a comma
    and a number, with 截至 and 月底 around numbers in the same places: fields of a sentence
    pattern, refused before the slot search; the bulletin loses nothing."""
    members = _cycle(BULLETIN, ["同比增长"])
    assert all(evidence._walled(BULLETIN, o) for o in members)
    assert evidence.hopeless(PARAMS, BULLETIN, ["同比增长"], members)
    assert run_all(BULLETIN) == []


def test_a_shard_touching_text_in_one_round_is_still_judged():
    """The same rounds with one occurrence dropped between two words of a sentence: not every
    occurrence is walled in by numbers and punctuation, so the refusal above does not apply."""
    text = BULLETIN.replace("新增就业5.6万人", "新增同比增长就业5.6万人")
    members = _cycle(text, ["同比增长"])
    assert not all(evidence._walled(text, o) for o in members)
    assert not evidence.hopeless(PARAMS, text, ["同比增长"], members)


def test_a_passage_told_twice_in_two_articles_stays():
    """Two articles tell the same thing in nearly the same words (每月召开一次居民代表 ... 设立
    ... 群众): phrases taking turns twice, with word partners in both rounds, but two of the
    pieces keep together each time, as a passage does and pieces dropped at random do not."""
    def paragraph(text: str, start: str) -> str:
        return next(p for p in text.split("\n") if p.startswith(start))

    text = "\n".join([paragraph(LOOKALIKES["l01_party_building"], "在基层党建中的好做法"),
                      paragraph(CLEAN["c10_community_party"], "在城北街道"),
                      paragraph(LOOKALIKES["l02_sports_lottery"], "公益金的使用"),
                      paragraph(CLEAN["c03_sports_lottery"], "记者日前"),
                      paragraph(CLEAN["c12_anti_fraud"], "网络赌博也是")])
    assert run_all(text) == []


def test_parallel_reports_taking_turns_stay():
    """Three reports side by side say the same key words in the same order, each paragraph
    once: a cycle of the article's own terms, not a slogan."""
    text = ("国家统计局数据显示，上半年全市地区生产总值同比增长5.1%，其中第三产业增加值占比过半。\n"
            "海关统计数据显示，前十个月全市外贸进出口同比增长4.3%，其中出口增长5.1%。\n"
            "市商务局数据显示，今年以来全市社会消费品零售总额同比增长6.2%，其中网上零售额增长较快。")
    assert run_all(text) == []


@pytest.mark.parametrize("name", sorted(CLEAN))
def test_clean_texts_lose_nothing(name):
    """Recurring real terms (党建, 基层, 群众, 护城河, 课后服务 ...), quotations, numbers, dates."""
    assert run_all(CLEAN[name]) == []


HELDOUT = {p.stem: p.read_text(encoding="utf-8").strip()
           for p in sorted((Path(__file__).parent / "fixtures" / "heldout_texts").glob("*.txt"))}


@pytest.mark.parametrize("name", sorted(HELDOUT))
def test_heldout_texts_lose_nothing(name):
    """Articles written after the rules, to measure them (never to tune them): topic compounds
    said twice side by side (two phrases taking turns), names of places and people, lists."""
    assert run_all(HELDOUT[name]) == []


def test_compounds_side_by_side_do_not_reassemble():
    """Pieces cut from a slogan inside its words make words across their joins (暖万|家欢乐:
    万家); two compounds of an article make words across their join between whole words
    (电池健康|评估标准: 健康评估), which tells nothing."""
    assert joins.words_meet("电池健康", "评估标准")
    assert not joins.reassembles(PARAMS, ["电池健康", "评估标准"], {})
    assert not joins.words_meet("暖万", "家欢乐")
    assert joins.reassembles(PARAMS, ["春风送", "暖万", "家欢乐"], {})


@pytest.mark.parametrize("name", sorted(LOOKALIKES))
def test_lookalikes_lose_nothing(name):
    """党群服务中心人来车往, repeated 党建 / 基层 / 党群服务中心, 体育彩票 / 官网, APP / 5G / GDP."""
    assert run(si.injected_fragments, LOOKALIKES[name]) == []


def test_alternating_names_quotes_and_repeated_phrases_stay():
    text = ("“红色议事厅”开张以来，王晓峰和李建国轮流主持。王晓峰说，“红色议事厅”要议大事；"
            "李建国说，“小事也要议”。王晓峰补充道，“红色议事厅”的规矩大家定，李建国点头称是。\n"
            "下一步，街道将继续推广这一做法。下一步，社区将继续完善议事规则。下一步，居民将继续参与监督。")
    assert run_all(text) == []


def test_quoted_names_taking_turns_stay():
    """Three named programmes, each quoted, mentioned in turn three times: terms, not shards."""
    text = ("村里办起了“乡村夜话”，又开了“田间课堂”，还有“院坝会”。每周一是“乡村夜话”，周三是“田间课堂”，"
            "周五开“院坝会”。有人说“乡村夜话”最热闹，也有人喜欢“田间课堂”，老人们更爱“院坝会”。")
    assert run_all(text) == []


def test_title_repeated_in_the_lead_stays():
    text = ("长河县出台“产业十条” 激发增收动力\n"
            "摘要：长河县出台“产业十条”，聚焦产业发展中的难点，激发增收动力。\n"
            "近日，长河县出台“产业十条”，从资金、土地、人才等方面支持乡村产业，激发增收动力。")
    assert run_all(text) == []


# --------------------------------------------------------------------------------------------
# properties


PARAGRAPHS = [p.strip() for text in list(CLEAN.values()) + list(LOOKALIKES.values())
              for p in text.split("\n") if p.strip()]


def paragraph(name: str, index: int) -> str:
    return [p.strip() for p in CLEAN[name].split("\n") if p.strip()][index]


def test_a_collocation_said_in_two_articles_is_no_two_round_slogan():
    """心里……有底了 a character or two apart in two stories, beside a term the second story
    repeats: found by the property below, once, as a cycle seen twice with a hidden partner."""
    text = "\n".join([paragraph("c06_family_doctor", 5), paragraph("c01_summer_grain", 5),
                      paragraph("c01_summer_grain", 1)])
    assert text.count("心里") == 2 and text.count("有底了") == 2
    assert run_all(text) == []


# derandomized: the same examples on every run (CI must not turn on a lucky draw); larger
# random draws: bench/spam_noise.py's clean mixes
@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(st.lists(st.sampled_from(PARAGRAPHS), min_size=3, max_size=8, unique=True))
def test_any_mix_of_clean_paragraphs_loses_nothing(paragraphs):
    """Several articles side by side (parallel wording across them) are still no slogan."""
    assert run_all("\n".join(paragraphs)) == []


@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10_000))
def test_removals_on_noisy_pages_are_well_formed(seed):
    doc = noise.generate(1, seed=seed)[0]
    for rule in (si.ad_vocabulary, si.injected_fragments):
        check_shape(doc.text, run(rule, doc.text), rule)


def test_noise_benchmark_floor():
    """A small run of the benchmark (bench/spam_noise.py does 200): most spam goes, almost no
    clean text does. The floor guards against regressions; the bench reports the real figures."""
    docs = noise.generate(40, seed=7)
    spam = spam_hit = clean = clean_hit = 0
    for doc in docs:
        marks = bytearray(len(doc.text))
        for s in doc.spans:
            marks[s.start:s.end] = b"\x01" * (s.end - s.start)
        cut = bytearray(len(doc.text))
        for r in run_all(doc.text):
            cut[r.start:r.end] = b"\x01" * (r.end - r.start)
        for i, ch in enumerate(doc.text):
            if ch.isspace():
                continue
            if marks[i]:
                spam, spam_hit = spam + 1, spam_hit + cut[i]
            else:
                clean, clean_hit = clean + 1, clean_hit + cut[i]
    assert spam_hit / spam >= 0.7
    assert clean_hit / clean <= 0.003


# --------------------------------------------------------------------------------------------
# the noise generator


def test_noise_is_deterministic_and_its_spans_exact():
    a, b = noise.generate(30, seed=3), noise.generate(30, seed=3)
    assert [(d.text, d.spans) for d in a] == [(d.text, d.spans) for d in b]
    assert [d.text for d in a] != [d.text for d in noise.generate(30, seed=4)]
    for doc in a:
        noise.check(doc, CLEAN[doc.name.split("#")[0]])
        for s in doc.spans:
            assert doc.text[s.start:s.end] == s.text


def test_noise_has_enough_variety_and_shards_come_in_cyclic_order():
    assert len(noise.SLOGANS) >= 10 and len(noise.BRANDS) >= 10
    assert all(len(text) >= 600 for text in CLEAN.values()) and len(CLEAN) >= 8
    docs = noise.generate(200, seed=1)
    assert len({d.slogan for d in docs if d.slogan}) >= 10
    assert len({s.text for d in docs for s in d.spans if s.kind == "brand"}) >= 10
    for doc in docs:
        pieces = [s.text for s in doc.spans if s.kind == "slogan"]
        assert pieces == [doc.shards[i % len(doc.shards)] for i in range(len(pieces))]
        assert all(2 <= len(p) <= 6 for p in doc.shards)


# --------------------------------------------------------------------------------------------
# the seeds (read at run time; nothing of them is written here)


def seed_file(prefix: str) -> Path:
    found = sorted((SHARED / "seeds").glob(f"{prefix}_*.txt")) if (SHARED / "seeds").is_dir() else []
    if not found:
        pytest.skip("shared seeds are not beside the project")
    return found[0]


@pytest.mark.parametrize("prefix", ["000", "001", "004"])
def test_clean_seeds_lose_nothing(prefix):
    assert run_all(seed_file(prefix).read_text(encoding="utf-8")) == []


def test_seed_with_paragraphs_and_a_stray_line_loses_nothing_inside_paragraphs():
    path = seed_file("002")
    gold = json.loads((SHARED / "eval" / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8")
    keep = [b["text"] for b in gold["blocks"] if b["label"] == "keep"]
    for r in run_all(text):
        line = next(b.text for b in blocks_of(text) if b.start <= r.start < b.end)
        assert not any(line in k or k in line for k in keep)


def test_seed_with_injected_shards_reads_as_the_gold():
    path = seed_file("003")
    gold = json.loads((SHARED / "eval" / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8")
    cleaned = [b.text for b in blocks_of(apply(text, run_all(text)))]
    keep = [b["text"] for b in gold["blocks"] if b["label"] == "keep"]
    assert cleaned[:3] == keep[:3]


def test_the_spam_thresholds_are_settings():
    """SpamParams travel in Settings.spam: the fingerprint covers them, and the shard search
    reads them (with no cycle to judge, nothing is taken)."""
    doc = inject("c07_metro_line", ["春风送", "暖万", "家欢乐"], 1)
    assert removed(si.injected_fragments, doc.text)
    strict = Settings(spam=SpamParams(max_tries=0))
    assert strict.fingerprint() != Settings().fingerprint()
    assert removed(si.injected_fragments, doc.text, strict) == []
