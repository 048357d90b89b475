"""Kinds of noise real pages carry (tests/fixtures/realpages/: made-up pages), and the
legitimate look-alikes each rule must keep."""

from __future__ import annotations

from pathlib import Path

from helpers import clean_text

FIXTURES = Path(__file__).parent / "fixtures" / "realpages"


def cleaned(name: str):
    article = clean_text((FIXTURES / name).read_text(encoding="utf-8"), name)
    assert article.__class__.__name__ == "Article", article
    return article


def body(article) -> str:
    return "\n".join(s.text for s in article.segments if s.kind != "title")


def by_rule(article, rule: str) -> list[str]:
    return [r.text for r in article.removals if r.rule == rule]


def test_pinyin_after_characters_is_a_recorded_repair():
    a = cleaned("pinyin_residue.txt")
    text = body(a)
    assert "(" not in text and "展銷會" in text and "農產品" in text
    assert "(qū)" in by_rule(a, "repairs.pinyin_residue")
    assert {r.category for r in a.removals if r.rule == "repairs.pinyin_residue"} == {"repair"}
    assert a.metadata.title == "青禾區舉辦秋季農產品展銷會"
    assert a.metadata.authors == ["林小禾"]
    source = (FIXTURES / "pinyin_residue.txt").read_text(encoding="utf-8")
    assert all(source[r.start:r.end] == r.text for r in a.removals)


def test_plain_pinyin_without_tones_is_residue_when_the_page_is_full_of_it():
    text = body(cleaned("pinyin_plain.txt"))
    assert "公司組織員工" in text and "參加了活動" in text and "(" not in text


def test_pronunciation_notes_abbreviations_and_list_letters_stay():
    text = body(cleaned("pinyin_lookalikes.txt"))
    assert "长(zhǎng)" in text and "(AI)" in text and "(OCR)" in text and "(a)笔试" in text


def test_image_file_names_and_inline_image_data_leave_with_their_own_category():
    a = cleaned("image_files.txt")
    text = body(a)
    assert ".jpg" not in text.lower() and "data:image" not in text
    assert "现场还举行了农技知识问答" in text and "活动持续了一整天" in text
    images = [r for r in a.removals if r.category == "image"]
    assert len(images) == 4 and {r.rule for r in images} == {"images.image_file"}


def test_sentences_naming_a_file_type_stay():
    text = body(cleaned("image_lookalikes.txt"))
    assert ".jpg格式" in text and "读书笔记.png" in text


def test_channel_labels_above_the_headline_and_outlet_fields_are_not_authors():
    a = cleaned("channel_labels.txt")
    assert a.metadata.title == "某县举办首届乡村篮球联赛"
    assert a.metadata.authors == ["胡明远"]
    assert "(胡明远)" not in body(a) and "广泛开展。" in body(a)


def test_bracketed_credits_name_the_writer_and_leave_the_text():
    a = cleaned("credit_lines.txt")
    assert set(a.metadata.authors) == {"宋晓燕", "唐文静"}
    text = body(a)
    assert not text.startswith("(") and "供稿" not in text and text.startswith("近日")


def test_names_under_the_headline_stay_authors_and_bracketed_words_that_are_no_names_stay():
    a = cleaned("credit_lookalikes.txt")
    assert a.metadata.authors == ["韩立群"]
    text = body(a)
    assert "(资料图)" in text and "(高新区)" in text


def test_byline_shapes_parse():
    from cleaner.clean.metadata import byline_names, dateline_outlet

    assert byline_names("记者王小明/北京报道")[0] == ["王小明"]
    assert byline_names("記者王小明／台北報導")[0] == ["王小明"]
    assert byline_names("某通讯社北京3月5日电（记者张三、李四）")[0] == ["张三", "李四"]
    assert dateline_outlet("某通讯社北京3月5日电（记者张三、李四）") == "某通讯社"
    assert byline_names("特约记者 赵六")[0] == ["赵六"]
    assert byline_names("(记者 钱七 摄影报道)")[0] == ["钱七"]
    assert byline_names("【某某報／記者 孫八／高雄報導】") == (["孫八"], "某某報")


def test_the_headline_below_the_metadata_line_beats_a_placeholder():
    assert cleaned("title_furniture.txt").metadata.title == "某县召开春季森林防火工作会议"


def test_keyword_lists_codes_and_site_suffixes_never_make_the_title():
    assert cleaned("title_seo.txt").metadata.title == "某市启动老旧小区改造三年行动"


def test_ad_slots_and_bracketed_captions_are_no_headline():
    assert cleaned("title_adslot.txt").metadata.title is None


def test_a_date_stamp_before_the_headline_is_the_date():
    a = cleaned("title_stamp.txt")
    assert a.metadata.title == "某地小学举办六一游园会 家长学生同欢乐"
    assert a.metadata.published_at == "2025-06-01"
    assert a.metadata.authors == ["柯志明"] and a.metadata.source_name == "某某傳媒"


def test_headlines_that_mention_ads_or_reporters_stay_titles():
    a = cleaned("title_lookalikes.txt")
    assert a.metadata.title == "某市整治违法户外广告 百名记者走进街巷监督"
    assert a.metadata.authors == []


def test_date_shapes_of_real_pages_are_read():
    a = cleaned("date_shapes.txt")
    assert a.metadata.published_at == "2024-05-16T15:20" and a.metadata.authors == ["蒋文博"]
    b = cleaned("date_fields.txt")
    assert b.metadata.published_at == "2024-03-09T08:15"
    assert b.metadata.source_name is None  # 来源：互联网 names no outlet


def test_an_outlet_then_a_date_gives_both():
    a = cleaned("date_outlet.txt")
    assert a.metadata.published_at.startswith("2024-07-15") and a.metadata.source_name == "某某晨报"
    assert a.metadata.authors == ["谢天明"]


def test_a_date_label_without_colon_counts_and_teaser_dates_do_not():
    a = cleaned("date_teasers.txt")
    assert a.metadata.published_at.startswith("2024-08-02") and a.metadata.source_name is None


def test_dates_under_teaser_headlines_after_the_body_are_not_the_articles():
    a = cleaned("teaser_dates_only.txt")
    assert a.metadata.published_at is None
    assert "2024-09-25" not in body(a) and "农机安全检查" not in body(a)


def test_disclosure_table_values_go_to_their_columns_not_to_title_or_spam():
    a = cleaned("disclosure_table.txt")
    m = a.metadata
    assert m.title == "某县人民政府关于做好秋冬季森林防火工作的通知"
    assert (m.index_number, m.doc_number, m.issuer) == ("000000000/2024-000123", "某政办发〔2024〕12号",
                                                         "某县人民政府办公室")
    assert m.written_at == "2024-10-08" and m.published_at == "2024-10-09T09:30"
    assert m.source_name == m.issuer  # no 来源 given: the publishing body is the source
    assert not [r for r in a.removals if r.category == "spam"]
    assert "索引号" not in body(a) and "现就有关事项通知如下" in body(a)


def test_disclosure_fields_on_one_line_are_read():
    m = cleaned("disclosure_row.txt").metadata
    assert (m.index_number, m.doc_number, m.issuer) == ("000000000/2023-004567", "某政发〔2023〕5号", "某市人民政府")
    assert m.title == "某市人民政府关于印发某市数字经济发展规划的通知" and m.published_at == "2023-03-01"


def test_sentences_that_mention_field_names_stay():
    a = cleaned("disclosure_lookalikes.txt")
    assert "自助查询机" in body(a) and "有效性方面" in body(a) and a.metadata.index_number is None


def test_markup_residue_is_a_recorded_repair():
    a = cleaned("markup_residue.txt")
    text = body(a)
    assert "A&B精密机械" in text and "<br" not in text and "&nbsp;" not in text and "</p>" not in text
    assert "该公司专注于" in text
    assert {r.rule for r in a.removals if r.category == "repair"} == {"repairs.markup_residue"}


def test_angle_brackets_and_ampersands_in_prose_stay():
    text = body(cleaned("markup_lookalikes.txt"))
    assert "<<三国演义>>" in text and "x<y且y<z" in text


def test_an_english_page_is_cleaned_and_kept_as_english():
    a = cleaned("english_body.txt")
    assert a.language == "en" and a.metadata.authors == ["Anna Lee"]
    assert a.metadata.title == "City opens new riverside park for residents"
    text = body(a)
    assert text.startswith("The city opened") and text.endswith("the old town next year.")
    assert "Related" not in text and "Copyright" not in text


def test_english_lines_starting_with_by_are_no_bylines():
    a = cleaned("english_lookalikes.txt")
    assert a.metadata.authors == [] and body(a).startswith("Byron Hall")


def test_a_notices_covering_text_stays_with_its_body():
    a = cleaned("notice_covering.txt")
    text = body(a)
    assert "各区县人民政府，市政府各部门，各直属机构：" in text
    assert "现印发给你们，请认真贯彻执行。" in text and "第三条" in text
    assert "浏览量" not in text and "当前位置" not in text
    assert a.metadata.published_at == "2024-03-12T10:20"


def test_a_short_closing_sentence_stays_and_the_headline_list_after_it_goes():
    text = body(cleaned("closing_sentence.txt"))
    assert text.endswith("县领导周正、林远出席开幕式。")
    assert "招聘会" not in text


def test_a_page_holding_several_articles_keeps_the_first_with_its_own_metadata():
    a = cleaned("several_articles.txt")
    text = body(a)
    assert "尽快成长。" in text and "逆转" not in text
    assert a.metadata.title == "某队主帅谈新赛季目标" and a.metadata.published_at is None
    assert "layout.next_article" in {r.rule for r in a.removals}


def test_the_outlet_named_again_inside_one_article_does_not_split_it():
    text = body(cleaned("several_lookalike.txt"))
    assert "干得热火朝天。" in text and "一百余亩。" in text


def test_datelines_opening_the_first_paragraph_go_to_the_metadata():
    a = cleaned("opener_dateline.txt")
    assert body(a).startswith("近年来") and a.metadata.source_name == "某某文明网"
    b = cleaned("opener_paren.txt")
    assert body(b).startswith("某中學日前") and b.metadata.published_at == "2013-02-01"
    c = cleaned("opener_report.txt")
    assert body(c).startswith("某鄉公所") and c.metadata.authors == []
    assert c.metadata.source_name == "某某新聞網" and c.metadata.title == "某鄉巨型花燈吸引遊客"


def test_a_doubled_pinyin_annotation_goes_whole():
    from cleaner.clean.rules.repairs import pinyin_spans

    text = "通過簡單的(de)趣味問答(da)(da)把知識(shi)講清楚"
    assert "".join(text[a:b] for a, b in pinyin_spans(text)) == "(de)(da)(da)(shi)"


def test_editors_and_reviewers_go_to_editors_not_authors():
    a = cleaned("editors.txt")
    assert a.metadata.editors == ["严文华", "陆晓东", "邵春明", "孔令仪", "余海峰"]
    assert a.metadata.authors == []
    assert "经过编审委员会审核" in body(a) and "一审" not in body(a)


def test_photo_credits_and_image_notes_leave_as_image():
    a = cleaned("photo_credits.txt")
    text = body(a)
    assert "供图" not in text and "摄）" not in text and "图片来源" not in text
    assert "赛出了风格和水平。" in text and "掌握游泳技能。" in text
    assert {r.rule for r in a.removals if r.category == "image"} == {"images.photo_credit"}


def test_sentences_about_photography_stay():
    text = body(cleaned("photo_lookalikes.txt"))
    assert "他从小就喜欢摄影" in text and "历时一年拍摄完成" in text


def test_teaser_headlines_with_dates_are_neither_body_nor_the_articles_date():
    a = cleaned("teasers_inline.txt")
    assert a.metadata.published_at is None
    assert "演练" not in body(a) and body(a).endswith("重特大火灾事故发生。")


def test_the_body_does_not_reach_up_past_the_headline_to_a_sites_welcome_line():
    a = cleaned("edge_lookalikes.txt")
    assert a.metadata.title == "某村新建文化广场投入使用"
    assert body(a).startswith("近日") and "欢迎访问" not in body(a)


def test_a_headline_listing_names_is_still_a_headline():
    from cleaner.clean.rules.layout import title_shaped
    from cleaner.settings import Settings

    assert title_shaped("张晓明、李红、王强、赵磊获评市级劳动模范", Settings())
    assert not title_shaped("精品推荐,热门资讯,在线观看,免费下载", Settings())


def test_a_names_slash_outlet_line_is_a_byline_and_ui_words_are_not_authors():
    a = cleaned("byline_portal.txt")
    assert a.metadata.title == "某市共享单车将调整收费标准"
    assert a.metadata.authors == ["石小川"] and a.metadata.source_name == "某某青年报"


def test_a_compilers_role_after_the_name_is_no_author():
    a = cleaned("byline_compiled.txt")
    assert a.metadata.authors == ["陈立"] and a.metadata.source_name == "某某网"


def test_the_headline_is_taken_without_the_site_name_a_title_line_adds():
    a = cleaned("title_repeated.txt")
    assert a.metadata.title == "某街道召开老旧小区加装电梯推进会"
    assert a.metadata.source_name == "某某街道办事处"


def test_a_site_name_prefixed_to_the_headline_is_left_out_and_a_place_prefix_stays():
    assert cleaned("title_prefix.txt").metadata.title == "某县开展防汛应急演练"
    assert cleaned("title_stamp.txt").metadata.title.startswith("某地小学")
    from cleaner.clean.metadata import headline

    assert headline("某区：老街焕新颜 居民乐开怀")[0] == "某区：老街焕新颜 居民乐开怀"


def test_markup_in_a_headline_is_left_out_of_the_title():
    from cleaner.clean.metadata import headline

    assert headline("某市A&amp;B公司获评先进企业<br/>")[0] == "某市A&B公司获评先进企业"


def test_furniture_labels_in_the_head_are_boilerplate_not_spam():
    a = cleaned("head_labels.txt")
    assert not [r.text for r in a.removals if r.category == "spam"]
    assert a.metadata.title == "某市推进政务公开标准化建设" and a.metadata.published_at.startswith("2023-11-20")
