"""Decoding, repair and input discovery on real bytes."""

from __future__ import annotations

import os

import pytest

from cleaner.document import Rejection
from cleaner.read.files import (
    CONTROL,
    MOJIBAKE_HINT,
    InputFile,
    decode_source,
    is_plain,
    normalise,
    read_input,
)
from cleaner.read.walk import find_inputs

TEXT = "“党建引领”，基层治理有成效。ＡＢＣ全角字母与‘引号’保持原样。\n第二段：群众满意度达９０％。"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be"])
def test_common_encodings_decode_to_the_same_text(encoding):
    source = decode_source(TEXT.encode(encoding), "doc.txt")
    assert not isinstance(source, Rejection), source
    assert source.text == TEXT


def test_big5_traditional_chinese_decodes():
    text = "臺灣的基層組織工作報導。市民對公共服務的滿意度持續提高，政府將繼續推動相關改革措施。" * 3
    source = decode_source(text.encode("big5"), "big5.txt")
    assert source.text == text
    assert "big5" in source.encoding


def test_gbk_detected_not_misread_as_something_else():
    text = "记者从市委组织部获悉，今年全市新建党群服务中心四十二个，覆盖所有街道和社区。" * 4
    source = decode_source(text.encode("gbk"), "gbk.txt")
    assert source.text == text
    assert source.encoding == "gb18030"


def test_mojibake_is_repaired_but_quotes_and_width_are_kept():
    broken = TEXT.encode("utf-8").decode("latin-1", errors="strict")  # classic UTF-8 read as Latin-1
    source = decode_source(broken.encode("utf-8"), "moji.txt")
    assert source.text == TEXT  # curly quotes and full-width characters untouched
    assert source.repairs  # the repair is recorded


def test_clean_text_is_not_touched_by_ftfy():
    source = decode_source(TEXT.encode("utf-8"), "clean.txt")
    assert source.repairs == ()
    assert source.text == TEXT


def test_line_endings_and_odd_spaces_are_normalised():
    raw = "第一行\r\n第二行\r第三\u00a0行\u200b\n".encode("utf-8")
    assert decode_source(raw, "x.txt").text == "第一行\n第二行\n第三 行\n"


def test_plain_text_is_left_alone_by_binary_check_repair_and_normalise():
    """is_plain lets decoding skip those three: no BMP character it accepts is one they act on."""
    for c in map(chr, range(0x10000)):
        if is_plain(c):
            assert normalise(c) == c and not CONTROL.match(c) and not MOJIBAKE_HINT.match(c + "\u0080"), hex(ord(c))
    assert not is_plain("正文\u3000正文\r\n") and is_plain("正文\u3000正文\n")


def test_empty_and_binary_inputs_are_rejected_with_reasons():
    assert decode_source(b"", "e.txt").reason == "empty"
    assert decode_source(b"  \n\t\n", "w.txt").reason == "empty"
    binary = bytes(range(256)) * 40
    assert decode_source(binary, "b.bin").reason == "not_text"


def test_find_inputs_is_recursive_sorted_and_relative(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / ".hidden").write_text("x", encoding="utf-8")
    found = [i.relative for i in find_inputs([tmp_path])]
    assert found == ["a.txt", "b/2.txt"]


def test_symlink_loop_terminates(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text("x", encoding="utf-8")
    os.symlink(tmp_path / "d", tmp_path / "d" / "loop")
    found = [i.relative for i in find_inputs([tmp_path])]
    assert found.count("d/a.txt") == 1
    assert len(found) <= 2


def test_unreadable_file_becomes_a_rejection(tmp_path):
    missing = InputFile(tmp_path / "gone.txt", "gone.txt")
    result = read_input(missing)
    assert isinstance(result, Rejection) and result.reason == "unreadable"


def test_mixed_encodings_in_one_file_decode_line_by_line():
    utf8_line = "第一段用的是UTF-8编码，记者从市里了解到相关情况。"
    gbk_line = "第二段却是GBK编码，这是抓取拼接时常见的问题，需要逐行识别。" * 2
    raw = utf8_line.encode("utf-8") + b"\n" + gbk_line.encode("gbk") + b"\n"
    source = decode_source(raw, "mixed.txt")
    assert source.text == utf8_line + "\n" + gbk_line + "\n"
    assert source.encoding.startswith("mixed")


def test_truncated_utf8_keeps_the_text_and_marks_the_loss():
    text = "完整的一段中文新闻内容，用于测试截断的字节序列。" * 20
    raw = text.encode("utf-8")[:-1]  # cut inside the last character
    source = decode_source(raw, "cut.txt")
    assert source.text.startswith(text[:-2])
    assert "replacement" in source.encoding


def test_nul_bytes_in_text_are_dropped_not_fatal():
    raw = "正文第一句。\x00正文第二句。".encode()
    assert decode_source(raw, "nul.txt").text == "正文第一句。正文第二句。"


def test_printable_names_are_one_to_one():
    import os

    from cleaner.read.walk import printable

    undecodable = os.fsdecode(b"a\xff.txt")
    spelled_out = "a\\xff.txt"  # a valid name that spells out the escape
    assert printable(undecodable) == "a\\xff.txt"
    assert printable(spelled_out) == "a\\\\xff.txt" != printable(undecodable)
    assert printable("党建 工作.txt") == "党建 工作.txt"
