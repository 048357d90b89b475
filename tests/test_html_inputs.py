"""HTML in containers and whole builds: WARC responses (built here with warcio), JSON Lines
records with an html field, a folder of HTML files; and the HTML path against the same pages
given as flattened text."""

from __future__ import annotations

import difflib
import io
import json
import re
import shutil
from pathlib import Path

import pyarrow.parquet as pq
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from cleaner.cli import main
from cleaner.document import Article
from cleaner.read.files import RawDocument, decode_source
from cleaner.run.build import build
from cleaner.run.engine import process
from cleaner.settings import Settings

ROOT = Path(__file__).resolve().parent
FIXTURES = ROOT / "fixtures" / "html"
GOLD = ROOT / "data" / "html_gold"
TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
PAGES = sorted(FIXTURES.glob("*.html"))


def rows(version: Path, config: str) -> list[dict]:
    files = sorted((version / "data" / config).glob("*.parquet"))
    return [r for f in files for r in pq.read_table(f).to_pylist()]


def write_warc(path: Path) -> dict[str, str]:
    """A WARC of the fixtures as HTML responses (one in GBK with the charset only in the HTTP
    header), plus a request, a text/plain response and a PNG response. Returns url -> kind."""
    kinds = {}
    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=True)

        def response(url: str, body: bytes, content_type: str) -> None:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))
            kinds[url] = content_type

        for page in PAGES:
            response(f"http://example.org/{page.stem}", page.read_bytes(),
                     "text/html; charset=gb2312" if page.stem == "dedecms" else "text/html")
        writer.write_record(writer.create_warc_record("http://example.org/x", "request",
                                                      payload=io.BytesIO(b"GET /x HTTP/1.1\r\n\r\n")))
        response("http://example.org/note.txt", "一段纯文字的说明，用于检查文本类型的记录也能读入。".encode() * 3,
                 "text/plain; charset=utf-8")
        response("http://example.org/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png")
        writer.write_record(writer.create_revisit_record("http://example.org/wechat", "sha1:AAAA",
                                                         "http://example.org/wechat", "2023-01-01T00:00:00Z"))
        kinds["revisit"] = "revisit"
    return kinds


def test_a_warc_of_html_responses_builds_articles_and_accounts_for_every_record(tmp_path):
    (tmp_path / "in").mkdir()
    kinds = write_warc(tmp_path / "in" / "crawl.warc.gz")
    summary = build([str(tmp_path / "in")], str(tmp_path / "out"), "crawl", "0.0.1", Settings(), workers=1)
    version = Path(summary.version_dir)
    articles, rejected = rows(version, "articles"), rows(version, "rejected")
    assert len(articles) + len(rejected) == len(kinds)  # the request record holds no document
    by_url = {a["url"]: a for a in articles}
    for page in PAGES:
        a = by_url[f"http://example.org/{page.stem}"]
        assert not TAG.search(a["text"]) and a["html_bytes"] == page.stat().st_size
        assert a["record_id"].startswith("<urn:uuid:")
    assert by_url["http://example.org/dedecms"]["encoding"] == "gb18030"
    assert by_url["http://example.org/note.txt"]["html_sha256"] is None
    assert [r["reason"] for r in rejected] == ["unsupported_type"] * 2
    assert "image/png" in rejected[0]["detail"] and "revisit" in rejected[1]["detail"]


def test_jsonl_records_with_an_html_field_and_a_named_field(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    page = (FIXTURES / "wordpress.html").read_text(encoding="utf-8")
    lines = [{"id": "a", "url": "http://example.org/a", "html": page},
             {"id": "b", "text": "纯文本记录的第一句话写在这里，讲的是社区图书角新添了一批儿童绘本。\n"
                                        "第二句话说明这条记录没有网页标记，照常按文本读入，借阅时间为每天上午九点到下午五点。"}]
    (folder / "r.jsonl").write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    other = (FIXTURES / "empirecms.html").read_text(encoding="utf-8")
    (folder / "s.jsonl").write_text(json.dumps({"id": "c", "raw_page": other}, ensure_ascii=False) + "\n",
                                    encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(folder), "--out", str(tmp_path / "out"), "--name", "j",
                                       "--version", "0.0.1", "--workers", "1", "--html-field", "raw_page"])
    assert result.exit_code == 0, result.output
    articles = {a["record_id"]: a for a in rows(tmp_path / "out" / "j" / "0.0.1", "articles")}
    assert set(articles) == {"a", "b", "c"}
    assert articles["a"]["title"] == "在阳台上种番茄的一年" and articles["c"]["title"] == "滨江社区开设老年智能手机课堂"
    assert articles["a"]["html_sha256"] and articles["b"]["html_sha256"] is None
    assert not TAG.search(articles["a"]["text"])


def test_cleaner_build_on_a_folder_of_html_files(tmp_path):
    folder = tmp_path / "pages"
    shutil.copytree(FIXTURES, folder)
    (folder / "sniffed.txt").write_bytes((FIXTURES / "phpcms.html").read_bytes())
    summary = build([str(folder)], str(tmp_path / "out"), "h", "0.0.1", Settings(), workers=1)
    version = Path(summary.version_dir)
    articles, rejected = rows(version, "articles"), rows(version, "rejected")
    assert len(articles) == len(PAGES) + 1 and not rejected
    copies = [(a["source_file"], a["duplicate_of"]) for a in articles if a["duplicate_of"]]
    assert copies == [("sniffed.txt", "phpcms.html")]  # read as HTML by its content
    for a in articles:
        assert not TAG.search(a["text"]) and "&nbsp;" not in a["text"]


def lcs(a: str, b: str) -> int:
    return sum(m.size for m in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())


def f1(gold: dict, text: str) -> float:
    keep = "".join("".join(b["text"].split()) for b in gold["blocks"])
    out = "".join(text.split())
    if not out:
        return 0.0
    common = lcs(keep, out)
    recall, precision = common / len(keep), common / len(out)
    return 2 * recall * precision / (recall + precision) if common else 0.0


def test_the_html_path_is_at_least_as_good_as_the_same_page_flattened_to_text():
    settings = Settings()
    for page in PAGES:
        gold = json.loads((GOLD / f"{page.stem}.json").read_text(encoding="utf-8"))
        html = process(RawDocument(page.name, data=page.read_bytes()), settings)
        flat = decode_source(page.read_bytes(), page.name).text  # the same page as lines of text
        text = process(RawDocument(page.stem + ".txt", data=flat.encode("utf-8")), settings)
        assert isinstance(html, Article) and isinstance(text, Article)
        assert f1(gold, html.text) >= f1(gold, text.text), page.name
        assert f1(gold, html.text) >= 0.9, page.name
