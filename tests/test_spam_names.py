"""spam_names.coined_brand: a made-up gambling name said once, on a page that already carries spam."""

from __future__ import annotations

from helpers import clean_text

from cleaner.clean.spam.lexicon import load_lexicon
from cleaner.document import Rejection

# a page of our own: a water-saving project, with a pattern-found ad (Latin brand + vertical +
# access suffix) in its second paragraph and a coined name ({name}) alone in the third
PAGE = """河口镇节水灌溉工程全面完工
来源：某某日报　2024-05-12 08:30
本报讯 河口镇节水灌溉工程近日全面完工，全镇三万亩农田用上了滴灌和喷灌设施，每年可节约用水约四百万立方米。
工程由镇政府牵头，县水务局提供技术指导，施工单位克服雨季影响，提前一个月完成了管网铺设。{ad}附近的村民说，过去浇一次地要排好几天的队。
在镇上新建的{name}智慧水务中心，技术人员通过大屏幕查看每块田的土壤墒情，远程开关阀门。
下一步，河口镇将把节水灌溉经验推广到周边乡镇，并加强设施的日常维护。
"""


def article(name: str, ad: str = "KX体育官网"):
    a = clean_text(PAGE.format(name=name, ad=ad))
    assert not isinstance(a, Rejection), a
    return a


def removed(a, rule: str = "spam_names.coined_brand") -> list[str]:
    return [r.text for r in a.removals if r.rule == rule]


def test_lexicon_lists_gambling_morphemes_by_category():
    morphemes = load_lexicon().morphemes
    assert {"博", "彩", "游"} <= set(morphemes) and set(morphemes.values()) == {"gambling"}


def test_coined_names_go_on_a_spammed_page_and_the_sentence_reads_on():
    for name in ("赢途", "博悦", "七博", "星博", "游聚", "八彩"):  # none is a dictionary word
        a = article(name)
        assert removed(a) == [name], (name, a.removals)
        assert "在镇上新建的智慧水务中心" in a.text
        r = next(r for r in a.removals if r.rule == "spam_names.coined_brand")
        assert r.category == "spam" and a.source.text[r.start:r.end] == name


def test_names_the_segmenter_leaves_in_two_pieces_go_too():
    for name in ("鸿彩", "翔赢"):  # jieba cuts these into two one-character words
        assert removed(article(name)) == [name], name


def test_nothing_goes_on_a_page_without_pattern_found_spam():
    a = article("赢途", ad="")
    assert removed(a) == [] and "赢途智慧水务中心" in a.text


def test_real_words_and_the_pages_own_names_stay():
    # dictionary words with the same characters
    for name in ("旅游", "博物馆", "游客", "彩色"):
        assert removed(article(name)) == [], name
    # a name sharing a character with the page (河口镇 ... 河博) is the page's own
    assert removed(article("河博")) == []
    # a name said twice is a name the article uses
    page = PAGE.format(name="星博", ad="KX体育官网").replace("周边乡镇", "周边乡镇，星博智慧水务中心的数据也将公开")
    a = clean_text(page)
    assert removed(a) == []


def test_list_items_quotes_and_personal_names_stay():
    assert removed(article("“星博”")) == []
    assert removed(article("星博、")) == []
    assert removed(article("王博")) == []  # a surname and a given name
