"""HTML inputs: reading (files, content sniffing, WARC, JSON Lines), flattening, markup rules,
metadata from the head, and whole builds over the CMS-shaped fixtures in tests/fixtures/html."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cleaner.clean.blocks import split_blocks
from cleaner.document import Article, Rejection
from cleaner.read.files import RawDocument, decode_source
from cleaner.run.engine import process
from cleaner.run.explain import explain_file
from cleaner.settings import Settings

ROOT = Path(__file__).resolve().parent
FIXTURES = ROOT / "fixtures" / "html"
GOLD = ROOT / "data" / "html_gold"
TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>河畔公园完成改造 - 某某网</title>
<meta property="og:title" content="河畔公园完成改造"><meta property="article:published_time" content="2022-04-03T09:00:00+08:00">
<meta name="author" content="某某网"><style>p{color:red}</style><script>var a = "<p>脚本里的字</p>";</script></head>
<body><nav><a href="/">首页</a> <a href="/n">新闻</a></nav><div class="breadcrumb"><a>首页</a> &gt; 本地</div>
<div class="wrap"><h1>河畔公园完成改造</h1><div class="meta">2022-04-03 09:00　来源：城市晚报</div>
<div class="article-content"><p>经过半年施工，河畔公园改造工程日前完工，新增了步道、座椅和儿童游乐区。</p>
<p>改造保留了原有的大树和草坪，并重新铺设了排水系统，雨天不再积水。</p>
<p>附近居民表示，公园变得更整洁了，早晚来散步的人明显多了。</p>
<form><input value="输入框里的字"><select><option>选项里的字</option></select></form>
<div style="display: none">隐藏的字</div><p hidden>也是隐藏的字</p></div>
<div class="share-box">分享到：<a>微信</a><a>微博</a></div></div>
<aside><h3>热门</h3><ul><li><a href="/1">另一条新闻的标题</a></li><li><a href="/2">还有一条新闻的标题</a></li></ul></aside>
<footer>版权所有 某某网</footer></body></html>"""


def html_source(text: str = PAGE, name: str = "page.html"):
    source = decode_source(text.encode("utf-8"), name)
    assert not isinstance(source, Rejection), source
    return source


def article(text: str = PAGE, name: str = "page.html") -> Article:
    result = process(RawDocument(name, data=text.encode("utf-8")), Settings())
    assert isinstance(result, Article), result
    return result


# --- reading and flattening -------------------------------------------------------------

def test_html_is_flattened_to_one_line_per_block_with_facts_for_each():
    source = html_source()
    lines = source.text.split("\n")
    assert source.markup is not None and len(source.markup.lines) == len(lines)
    assert len(split_blocks(source.text)) == len(lines)  # blocks map one to one onto the facts
    assert "河畔公园完成改造" in lines
    assert not TAG.search(source.text)


def test_scripts_styles_form_controls_and_hidden_elements_never_reach_the_text():
    text = html_source().text
    for hidden in ("脚本里的字", "color:red", "输入框里的字", "选项里的字", "隐藏的字", "也是隐藏的字"):
        assert hidden not in text


def test_html_is_sniffed_by_content_whatever_the_name():
    source = html_source(name="page.txt")
    assert source.markup is not None
    plain = decode_source("<b>不是网页</b> 只是一行提到标签的文字。".encode(), "note.txt")
    assert plain.markup is None


def test_declared_charset_decodes_a_gb2312_page():
    source = decode_source((FIXTURES / "dedecms.html").read_bytes(), "dedecms.html")
    assert source.encoding == "gb18030"
    assert "青禾村千亩稻田迎来丰收季" in source.text


def test_an_http_header_charset_wins_over_a_wrong_meta():
    body = PAGE.replace('charset="utf-8"', 'charset="iso-8859-1"').encode("gbk")
    source = decode_source(body, "p.html", html=True, charset="gbk")
    assert "河畔公园完成改造" in source.text


def test_offsets_of_removals_and_segments_point_into_the_flattened_text():
    a = article()
    text = a.source.text
    assert all(text[r.start:r.end] == r.text for r in a.removals)
    assert all(text[s.start:s.start + len(s.text)] == s.text for s in a.segments if s.kind != "title")


def test_the_page_records_the_html_sha256_and_byte_size():
    from cleaner.publish.rows import article_rows

    data = PAGE.encode("utf-8")
    row = article_rows(article())["articles"][0]
    import hashlib

    assert row["html_sha256"] == hashlib.sha256(data).hexdigest() and row["html_bytes"] == len(data)


def test_an_html_page_without_visible_text_is_rejected_as_empty():
    result = process(RawDocument("e.html", data=b"<html><body><script>x()</script></body></html>"), Settings())
    assert isinstance(result, Rejection) and result.reason == "empty"


# --- the markup rules and the main container ---------------------------------------------

def test_furniture_outside_the_main_container_goes_and_the_body_stays():
    a = article()
    assert a.text.split("\n") == [
        "经过半年施工，河畔公园改造工程日前完工，新增了步道、座椅和儿童游乐区。",
        "改造保留了原有的大树和草坪，并重新铺设了排水系统，雨天不再积水。",
        "附近居民表示，公园变得更整洁了，早晚来散步的人明显多了。",
    ]
    rules = {r.text: r.rule for r in a.removals}
    assert rules["首页 新闻"] == "markup.outside_main"
    assert rules["版权所有 某某网"] == "markup.outside_main"


def _lines(body: str) -> list[tuple[str, str, str]]:
    html = f"<html><head><title>一篇文章的标题在这里</title></head><body>{body}</body></html>"
    a = article(html)
    return [(b.text, lab.kind, lab.rule) for b, lab in a.labels]


PROSE = "".join(f"<p>这是正文的第{n}段，讲述了一件普通的事情，句子完整，标点齐全，读来通顺。</p>" for n in "一二三四")


def test_nav_footer_and_aside_inside_the_container_are_furniture():
    rows = _lines(f'<div class="content">{PROSE}<nav>上一页 下一页</nav><aside>边栏里的一句话</aside></div>')
    found = {t: r for t, _, r in rows}
    assert found["上一页 下一页"] == "markup.furniture_zone"
    assert found["边栏里的一句话"] == "markup.furniture_zone"


def test_class_words_name_furniture_and_look_alikes_stay():
    rows = _lines(f'<div class="content">{PROSE}<div class="share-bar">转发到朋友圈</div>'
                  f'<div class="canvas-wrap">画布旁边的一句说明文字。</div><div class="inside">内页里的一句正文。</div>'
                  f'{PROSE}</div>')
    found = {t: (k, r) for t, k, r in rows}
    assert found["转发到朋友圈"] == ("boilerplate", "markup.furniture_class")
    assert found["画布旁边的一句说明文字。"][0] == "body"  # "canvas" holds "nav" but neither starts nor ends with it
    assert found["内页里的一句正文。"][0] == "body"


def test_link_lines_go_but_prose_holding_a_link_stays():
    long_link = "<p>据<a href='/r'>有关部门发布的年度报告</a>显示，今年前三季度全市接待游客人数同比增长百分之十二，旅游收入稳步回升。</p>"
    rows = _lines(f'<div class="content">{PROSE}<p><a href="/x">点击查看更多精彩内容</a></p>{long_link}{PROSE}</div>')
    found = {t: (k, r) for t, k, r in rows}
    assert found["点击查看更多精彩内容"] == ("boilerplate", "markup.link_line")
    assert found["据有关部门发布的年度报告显示，今年前三季度全市接待游客人数同比增长百分之十二，旅游收入稳步回升。"][0] == "body"


def test_short_furniture_at_the_container_edges_goes_but_a_closing_sentence_stays():
    rows = _lines(f'<div class="content"><p>字号</p>{PROSE}<p>县有关部门负责同志参加了当天的活动。</p><p>阅读 1024</p></div>')
    found = {t: (k, r) for t, k, r in rows}
    assert found["字号"] == ("boilerplate", "markup.main_edge")
    assert found["阅读 1024"] == ("boilerplate", "markup.main_edge")
    assert found["县有关部门负责同志参加了当天的活动。"][0] == "body"


def test_repeated_blocks_inside_the_container_stay():
    question = "<h3>这个问题应该怎么回答？</h3>"
    a = article(f"<html><body><div class='content'>{question}{PROSE}{question}{PROSE}</div></body></html>")
    assert a.text.count("这个问题应该怎么回答？") == 2


# --- metadata from the markup --------------------------------------------------------------

def test_headline_date_and_outlet_from_the_page():
    meta = article().metadata
    assert meta.title == "河畔公园完成改造"
    assert meta.published_at.startswith("2022-04-03")
    assert meta.source_name == "城市晚报"
    assert meta.authors == []  # <meta name=author> names the site here, not a person


def test_head_title_without_a_headline_line_loses_its_site_suffix():
    html = f"<html><head><title>春季招聘会下周举行_某某人才网</title></head><body><div>{PROSE}</div></body></html>"
    assert article(html).metadata.title == "春季招聘会下周举行"


def test_a_person_in_meta_author_is_an_author_and_an_organisation_is_not():
    person = PAGE.replace('content="某某网">', 'content="王小明">')
    assert article(person).metadata.authors == ["王小明"]
    org = PAGE.replace('content="某某网">', 'content="城市发展研究中心">')
    assert article(org).metadata.authors == []


def test_date_line_tail_names_the_outlet_and_names_are_authors():
    one = PAGE.replace("2022-04-03 09:00　来源：城市晚报", "2022-04-03 09:00 晨光日报")
    assert article(one).metadata.source_name == "晨光日报"
    many = PAGE.replace("2022-04-03 09:00　来源：城市晚报", "2022-04-03 09:00 张三丰 李四海")
    assert article(many).metadata.authors == ["张三丰", "李四海"]


@pytest.mark.parametrize("name", sorted(p.stem for p in GOLD.glob("*.json")))
def test_each_cms_fixture_gives_its_title_date_outlet_authors(name):
    gold = json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))
    result = process(RawDocument(f"{name}.html", data=(FIXTURES / f"{name}.html").read_bytes()), Settings())
    assert isinstance(result, Article)
    meta = result.metadata
    assert meta.title == gold["title"]
    assert (meta.published_at or "")[:10] == gold["published_at"]
    assert (meta.source_name in gold["source_name"]) if gold["source_name"] else meta.source_name is None
    assert meta.authors == gold["authors"]
    assert not TAG.search(result.text)
    assert "注册送彩金" not in result.text  # the hidden injected link


def test_explain_reads_html(tmp_path):
    path = tmp_path / "p.html"
    path.write_text(PAGE, encoding="utf-8")
    out = explain_file(str(path))
    assert "markup.outside_main" in out and "河畔公园完成改造" in out


def test_without_a_main_container_the_text_path_decides_and_markup_rules_still_name_furniture():
    from cleaner.clean.label import label_blocks

    html = ("<html><body><nav><a href='/'>首页</a> <a href='/a'>栏目</a></nav>"
            "<div><p>春日迟迟</p><p>卉木萋萋</p><p>仓庚喈喈</p></div><aside>一段边栏文字</aside></body></html>")
    source = html_source(html)
    assert source.markup.main is None  # no line reads as prose
    blocks = split_blocks(source.text)
    found = {b.text: lab.rule for b, lab in zip(blocks, label_blocks(blocks, Settings(), source.markup))}
    assert found["首页 栏目"] == "markup.furniture_zone" and found["一段边栏文字"] == "markup.furniture_zone"


def test_a_line_of_symbols_goes_and_a_line_with_a_number_stays():
    rows = _lines(f'<div class="content">{PROSE}<p>★ ★ ★</p><p>2023</p>{PROSE}</div>')
    found = {t: (k, r) for t, k, r in rows}
    assert found["★ ★ ★"] == ("boilerplate", "markup.symbol_line")
    assert found["2023"][1] != "markup.symbol_line"


def test_a_lead_in_a_sibling_element_just_above_the_container_joins_it():
    lead = "<div class='lead'><p>开头这一段交代了事情的来龙去脉，是正文的一部分。</p></div>"
    html = (f"<html><head><title>一篇文章的标题在这里_某网</title></head><body><h1>一篇文章的标题在这里</h1>"
            f"<div class='art'>{lead}<div class='txt'>{PROSE}</div></div></body></html>")
    assert article(html).text.startswith("开头这一段交代了事情的来龙去脉，是正文的一部分。")
    menu = html.replace("<div class='lead'>", "<div class='menu-lead'>")  # furniture above it stays out
    assert "开头这一段" not in article(menu).text


def test_pinyin_and_english_comment_words_name_comment_sections():
    rows = _lines(f'<div class="content">{PROSE}<div class="pinglun-list">沙发！说得太对了。</div>'
                  f'<div class="replyBox">楼上说得对。</div></div>')
    found = {t: r for t, _, r in rows}
    assert found["沙发！说得太对了。"] == "markup.furniture_class" and found["楼上说得对。"] == "markup.furniture_class"


from hypothesis import given  # noqa: E402
from hypothesis import settings as hsettings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

TAGS = ["div", "p", "span", "a", "li", "ul", "nav", "footer", "br", "h1", "table", "td", "pre", "script", "b"]
PIECES = st.one_of(
    st.sampled_from(TAGS).map(lambda t: f"<{t} class='x content share'>"),
    st.sampled_from(TAGS).map(lambda t: f"</{t}>"),
    st.sampled_from(["正文里的一句话，说了一件事。", "短", "首页", "&nbsp;&amp;", "\n", "<!-- c -->", "<", ">", "\u200b"]),
)


@hsettings(max_examples=60, deadline=None)
@given(st.lists(PIECES, max_size=60))
def test_any_tag_soup_gives_an_article_or_a_reason_never_an_error(pieces):
    data = ("<html><body>" + "".join(pieces)).encode("utf-8")
    result = process(RawDocument("soup.html", data=data), Settings())
    assert isinstance(result, (Article, Rejection))
    if isinstance(result, Rejection):
        assert result.reason != "error", result.detail
        return
    text = result.source.text
    assert len(result.source.markup.lines) == len(text.split("\n"))
    assert all(text[r.start:r.end] == r.text for r in result.removals)


def test_a_name_slash_outlet_line_gives_author_and_outlet_and_look_alikes_stay():
    html = PAGE.replace("2022-04-03 09:00　来源：城市晚报", "2022-04-03 09:00").replace(
        '<div class="article-content">', '<div class="article-content"><p>王小明/晨光日报</p>').replace(
        'content="某某网">', 'content="">')
    meta = article(html).metadata
    assert meta.authors == ["王小明"] and meta.source_name == "晨光日报"
    rows = _lines(f'<div class="content">{PROSE}<p>北京/上海</p><p>进口/出口</p>{PROSE}</div>')
    assert all(r != "markup.slash_byline" for _, _, r in rows)


def test_a_date_bar_above_the_headline_inside_the_container_is_not_the_articles_date():
    html = (f"<html><head><title>一篇文章的标题在这里_某网</title></head><body><div class='content'>"
            f"<div>2024年1月9日 星期二</div><h1>一篇文章的标题在这里</h1><div>2022-04-03 10:00 来源：城市晚报</div>"
            f"{PROSE}</div></body></html>")
    a = article(html)
    assert a.metadata.published_at.startswith("2022-04-03")
    assert {r.text: r.rule for r in a.removals}["2024年1月9日 星期二"] == "markup.above_title"


def test_a_fragment_named_html_is_read_as_html():
    fragment = f"<div class='content'>{PROSE}</div>".encode()
    source = decode_source(fragment, "part.htm")
    assert source.markup is not None and "<p>" not in source.text
    assert decode_source(fragment, "part.txt").markup is None  # no opening tag, no HTML name: text


def test_an_outlet_glued_to_the_next_field_by_inline_elements_is_cut_before_it():
    html = PAGE.replace("2022-04-03 09:00　来源：城市晚报",
                        "2022-04-03 09:00 来源：城市晚报<span class='font'>字号：大 中 小</span>")
    assert article(html).metadata.source_name == "城市晚报"
    plain = PAGE.replace("来源：城市晚报", "来源：字号新闻")  # an outlet whose name holds a field word
    assert article(plain).metadata.source_name == "字号新闻"


def test_json_ld_gives_headline_date_and_author():
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
          '"headline": "春季招聘会下周举行", "datePublished": "2021-03-02T08:00:00+08:00", '
          '"author": [{"@type": "Person", "name": "赵一鸣"}]}</script><script type="application/ld+json">{broken</script>')
    html = f"<html><head><title>某某人才网</title>{ld}</head><body><div>{PROSE}</div></body></html>"
    meta = article(html).metadata
    assert (meta.title, meta.published_at[:10], meta.authors) == ("春季招聘会下周举行", "2021-03-02", ["赵一鸣"])


def test_the_site_a_title_ends_with_is_the_outlet_only_when_the_page_names_none():
    from cleaner.clean.markup_meta import title_site

    assert title_site("河畔公园完成改造_本地_城市晚报-City Evening") == "城市晚报"
    assert title_site("河畔公园完成改造 - 某某新闻网") == "某某新闻网"
    assert title_site("河畔公园完成改造_第2页") is None  # a page number, no outlet's name
    assert title_site("专栏作者：河畔公园完成改造") is None  # no separator: all headline
    page = (f"<html><head><title>河畔公园完成改造_城市晚报</title></head><body><div class='content'>"
            f"<h1>河畔公园完成改造</h1>{PROSE}</div></body></html>")
    assert article(page).metadata.source_name == "城市晚报"
    named = page.replace("<h1>河畔公园完成改造</h1>", "<h1>河畔公园完成改造</h1><div>2022-04-03 10:00 来源：江畔日报</div>")
    assert article(named).metadata.source_name == "江畔日报"
