"""The context pass: one body, title and metadata above it, furniture around it."""

from __future__ import annotations

from helpers import labels_of

P1 = "今年以来，某县坚持把基层组织建设作为重点工作，先后选派一百余名干部驻村帮扶，群众满意度明显提升。"
P2 = "县委组织部负责人介绍，下一步将继续完善考核机制，推动各项措施落地见效，确保群众得到实实在在的好处。"
P3 = "据了解，该县还将组织开展专题培训，提升村干部服务群众的能力，并建立定期回访制度，及时解决群众反映的问题。"


def kinds(text):
    return {line: (kind, rule) for line, kind, rule in labels_of(text)}


def test_headline_list_after_the_body_without_any_marker_is_removed():
    page = "\n".join(["某县推进基层组织建设", P1, P2, P3,
                      "全市秋粮收购工作有序开展", "老旧小区改造今年再启动80个", "这个周末全市气温将明显下降", "市区新增三条公交线路"])
    k = kinds(page)
    assert k["全市秋粮收购工作有序开展"] == ("boilerplate", "layout.headline_run")
    assert k["市区新增三条公交线路"][0] == "boilerplate"
    assert k[P3] == ("body", "layout.body_span")


def test_title_is_the_line_above_the_metadata_not_the_site_name():
    page = "\n".join(["某某新闻网", "首页 | 新闻 | 政务 | 社会 | 文化", "某县推进基层组织建设", "来源：某某日报 2023-05-06",
                      P1, P2, P3])
    k = kinds(page)
    assert k["某县推进基层组织建设"][0] == "title"
    assert k["某某新闻网"][0] == "boilerplate"


def test_a_page_without_a_title_starts_with_its_body():
    k = kinds("\n".join([P1, P2, P3]))
    assert all(kind == "body" for kind, _ in k.values())


def test_headings_between_paragraphs_stay_in_the_body():
    k = kinds("\n".join(["标题在此处", P1, "一、抓好班子建设", P2, "二、完善工作机制", P3]))
    assert k["一、抓好班子建设"][0] == "body" and k["二、完善工作机制"][0] == "body"


def test_stray_line_under_the_title_sharing_nothing_with_the_page_is_spam():
    page = "\n".join(["某县推进基层组织建设", "星链量子币", P1, P2, P3])
    assert kinds(page)["星链量子币"] == ("spam", "spam_lines.stray_line")


def test_a_short_heading_sharing_words_with_the_page_is_not_stray():
    page = "\n".join(["某县推进基层组织建设", P1, "基层组织建设见成效", P2, P3])
    assert kinds(page)["基层组织建设见成效"][0] == "body"


def test_bare_author_name_under_the_title_is_metadata():
    page = "\n".join(["某县推进基层组织建设", "王小明", P1, P2, P3])
    assert kinds(page)["王小明"] == ("metadata", "layout.bare_name")


def test_furniture_inside_a_long_body_does_not_cut_it():
    page = "\n".join(["标题在此处", P1, P2, "相关阅读", P3, P1 + P2, P2 + P3])
    k = kinds(page)
    assert k["相关阅读"][0] == "boilerplate"
    assert k[P1 + P2][0] == "body" and k[P3][0] == "body"


def test_pure_boilerplate_has_no_body():
    page = "\n".join(["首页 | 新闻 | 政务 | 社会 | 文化", "分享到：", "Copyright © 2020 某某网", "京ICP备12345678号"])
    assert all(kind != "body" for kind, _ in kinds(page).values())


def test_headline_list_about_another_city_is_offtopic_spam():
    others = ["北川市举办第三届美食节", "北川市地铁二号线开通运营", "北川市高考成绩今日放榜", "北川市新增两所公办幼儿园",
              "北川市发布暴雨预警"]
    page = "\n".join(["某县推进基层组织建设", P1, P2, P3, "本文仅代表作者观点，不代表本站立场。"] + others)
    k = kinds(page)
    assert all(k[line] == ("spam", "spam_lines.offtopic_headlines") for line in others)


def test_headline_list_of_the_same_place_stays_boilerplate():
    same = ["某县秋粮收购工作有序开展", "某县老旧小区改造今年再启动", "某县新增三条公交线路", "某县举办农民丰收节"]
    page = "\n".join(["某县推进基层组织建设", P1, P2, P3] + same)
    k = kinds(page)
    assert all(k[line] == ("boilerplate", "layout.headline_run") for line in same)
