"""A block repeating another block of the same article is removed as `duplicate`."""

from __future__ import annotations

from cleaner.rules.duplicates import repeated_blocks
from helpers import clean_text

PARA = "2021年，某市全面落实发展战略，推动经济社会发展迈上新台阶，县域经济综合实力跃居全省前列。"


def test_caption_repeating_a_paragraph_with_a_credit_is_a_duplicate():
    texts = ["前文。" + PARA + "后文还有很多内容。", "2021年，某市全面落实发展战略，推动经济社会发展迈上新台阶，县域经济综合实力跃居全省前列。 均为某市委宣传部供图"]
    assert repeated_blocks(texts) == {1}


def test_the_first_of_two_identical_paragraphs_is_kept():
    assert repeated_blocks([PARA, "中间一段不同的内容，写的是别的事情，和前后都不一样。", PARA]) == {2}


def test_short_repeated_lines_and_distinct_paragraphs_stay():
    assert repeated_blocks(["小标题", "小标题", PARA, PARA.replace("全省", "全国")]) == set()


def test_pipeline_records_the_duplicate_removal():
    page = "标题一二三四\n" + PARA + "此外还有更多。\n某县还将组织开展专题培训，提升村干部服务群众的能力，并建立定期回访制度。\n" + PARA + "\n"
    a = clean_text(page)
    dups = [r for r in a.removals if r.category == "duplicate"]
    assert [r.text for r in dups] == [PARA] and dups[0].rule == "duplicates.repeated_blocks"
    assert a.text.count(PARA) == 1
