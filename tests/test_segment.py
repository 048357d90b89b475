"""Sentence splitting and block kinds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.clean.segment import SENTENCE_BREAK, block_kind, sentences
from cleaner.settings import Settings


def test_sentences_keep_closing_quotes_and_join_back():
    text = "他说：“我们是渔业大村。”记者走进村里……看到了变化！真的吗？是的；当然。"
    parts = sentences(text)
    assert parts == ("他说：“我们是渔业大村。”", "记者走进村里……", "看到了变化！", "真的吗？", "是的；", "当然。")
    assert "".join(parts) == text


def test_latin_sentences_split_on_stops_followed_by_space():
    text = "It rained. The match went on! Did it? Yes."
    assert sentences(text) == ("It rained. ", "The match went on! ", "Did it? ", "Yes.")


def test_decimals_and_trailing_text_are_not_split():
    assert sentences("增长了3.5个百分点，达到90%以上") == ("增长了3.5个百分点，达到90%以上",)


@settings(max_examples=200, derandomize=True)
@given(st.text(alphabet=st.sampled_from(list("党建引领。！？；…”」）.!? a基层\n")), max_size=60))
def test_sentences_always_join_back(text):
    assert "".join(sentences(text)) == text


def sentences_by_breaks(text):
    """Sentences as cut at the end of every SENTENCE_BREAK match: what sentences() must give."""
    out, start = [], 0
    for m in SENTENCE_BREAK.finditer(text):
        out.append(text[start:m.end()])
        start = m.end()
    return tuple(out + [text[start:]] if start < len(text) else out)


@settings(max_examples=500, derandomize=True)
@given(st.text(alphabet=st.sampled_from(list("党建。！？；;…”’」』）)]》〉\"'.!? a\n\t\u3000")), max_size=40))
def test_sentences_end_where_sentence_breaks_end(text):
    assert sentences(text) == sentences_by_breaks(text)


def test_block_kinds():
    s = Settings()
    assert block_kind("打造乡村振兴示范样板", "", "", s) == "heading"
    assert block_kind("图为石门村队队员赛后庆祝夺冠。（严可 摄）", "", "", s) == "caption"
    assert block_kind("永安镇永和村美丽宜居村庄建设成果喜人。", "", "  ", s) == "caption"
    assert block_kind("“我们要让每一个支部都充满力量。”", "", "", s) == "quote"
    assert block_kind("1. 完善考核机制，推动措施落地见效。", "", "", s) == "list_item"
    assert block_kind("去年以来，该区统筹谋划示范工程，最终实现党建激活经济社会发展全盘棋。", "", "", s) == "paragraph"
