"""Metadata read from bylines and field lines."""

from __future__ import annotations

import pytest
from helpers import clean_text

from cleaner.clean.metadata import byline_names

BODY = ("今年以来，某县坚持把基层组织建设作为重点工作，先后选派一百余名干部驻村帮扶，群众满意度明显提升。\n"
        "县委组织部负责人介绍，下一步将继续完善考核机制，推动各项措施落地见效，确保群众得到实实在在的好处。\n")


@pytest.mark.parametrize("line,authors,outlet", [
    ("某某日报全媒体记者  王一  李二 特约记者 赵三  通讯员 钱四", ["王一", "李二", "赵三"], "某某日报"),
    ("本报记者 孙五 通讯员 周六", ["孙五"], None),
    ("记者 梁甲 杨乙 通讯员 覃丙", ["梁甲", "杨乙"], None),
    ("文/吴七", ["吴七"], None),
    ("某日报/某网记者 冯九", ["冯九"], "某日报/某网"),
    ("▲某某晚报全媒体图片记者方一、陈二摄", [], None),  # a photo credit: photographers
    ("记者 刘三 摄", [], None),
    ("记者 刘三/摄影", [], None),
    ("记者 刘三 通讯员 马四 摄影报道", ["刘三"], None),  # reported and photographed: the reporter writes
])
def test_byline_names(line, authors, outlet):
    assert byline_names(line) == (authors, outlet)


def test_fields_become_columns_and_lines_become_metadata_removals():
    page = "某县推进基层组织建设\n来源:某某网 时间:2019-08-29 08:38\n记者 王一 通讯员 钱四\n" + BODY + "编辑:小李\n"
    a = clean_text(page)
    m = a.metadata
    assert (m.title, m.published_at, m.source_name, m.authors, m.editors) == (
        "某县推进基层组织建设", "2019-08-29T08:38", "某某网", ["王一"], ["小李"])
    meta_rules = {r.rule for r in a.removals if r.category == "metadata"}
    assert {"layout.title_line", "metadata_lines.field_line", "metadata_lines.byline"} <= meta_rules
    assert "来源" not in a.text and "记者" not in a.text and "编辑" not in a.text


def test_closing_byline_in_brackets_is_cut_from_the_last_paragraph():
    a = clean_text("标题一二三四\n" + BODY + "最后一段写到这里为止，各项工作稳步推进。（记者 梁甲 杨乙 通讯员 覃丙）\n")
    assert a.metadata.authors == ["梁甲", "杨乙"]
    assert a.text.endswith("各项工作稳步推进。")
    cut = [r for r in a.removals if r.rule == "metadata_lines.closing_byline"]
    assert cut and cut[0].text == "（记者 梁甲 杨乙 通讯员 覃丙）"


def test_opening_dateline_byline_is_cut_and_read():
    a = clean_text("标题一二三四\n某某财经讯（记者 俞甲）5月5日晚间，某公司发布一季度报告，营业收入同比增长。\n" + BODY)
    assert a.metadata.authors == ["俞甲"]
    assert a.metadata.source_name == "某某财经"
    assert a.text.startswith("5月5日晚间")


def test_no_date_is_invented_from_the_body():
    a = clean_text("标题一二三四\n" + "2021年11月11日，全省会议在某市召开，与会代表参观了多个示范村。\n" + BODY)
    assert a.metadata.published_at is None
    assert a.metadata.source_name is None
    assert a.metadata.authors == []


def test_empty_author_field_gives_no_author():
    a = clean_text("标题一二三四\n来源:某某晚报    作者：    阅读：2,318\n" + BODY)
    assert a.metadata.authors == []
    assert a.metadata.source_name == "某某晚报"


@pytest.mark.parametrize("value,outlet", [("某某新闻·某某号·政务", "某某新闻"), ("某某日报 · 要闻", "某某日报"),
                                          ("某某网·", "某某网"), ("约翰·史密斯", "约翰·史密斯"),
                                          ("新华社字号：默认", "新华社")])
def test_a_source_followed_by_its_channels_is_the_outlet(value, outlet):
    from cleaner.clean.metadata import trim_source

    assert trim_source(value) == outlet
