"""`cleaner report`: one self-contained HTML page; checked as HTML here and in headless
Chromium (Debian's package, installed by .ci/run): no console errors, every article of the
seeds shown with each of its removals highlighted and labelled, a screenshot that is not blank."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from test_cli import cleaner

from cleaner.publish.report import render, write_report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--enable-logging=stderr", "--v=0"]


class Page(HTMLParser):
    """Per article: its removed spans (category, rule label); and every external reference."""

    def __init__(self) -> None:
        super().__init__()
        self.articles: dict[str, list[tuple[str, str]]] = {}
        self.external: list[str] = []
        self._article: str | None = None
        self._in_rule = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("src", "href"):
            if a.get(key):
                self.external.append(a[key])
        if tag == "link" or (tag == "script" and a.get("src")):
            self.external.append(tag)
        if tag == "div" and "article" in (a.get("class") or "").split():
            self._article = a["id"][2:]
            self.articles[self._article] = []
        if tag == "mark" and self._article:
            classes = a["class"].split()
            assert classes[0] == "rm"
            self.articles[self._article].append((classes[1], ""))
        self._in_rule = tag == "span" and a.get("class") == "rule"

    def handle_data(self, data):
        if self._in_rule and self._article:  # the label of the mark just opened: its rule id
            category, rule = self.articles[self._article][-1]
            assert rule == "" and re.fullmatch(r"[a-z_]+\.[a-z_]+", data), data
            self.articles[self._article][-1] = (category, data)
        self._in_rule = False


def removals_by_article(version: Path) -> Counter:
    rows = pq.read_table(version / "data" / "removals").to_pylist()
    return Counter(r["id"] for r in rows)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


def test_every_article_is_shown_with_every_removal_labelled_and_nothing_is_fetched(seeds_version):
    html = render(seeds_version)
    page = parse(html)
    articles = pq.read_table(seeds_version / "data" / "articles").column("id").to_pylist()
    assert sorted(page.articles) == sorted(articles) and len(articles) == 5
    expected = removals_by_article(seeds_version)
    for article_id, spans in page.articles.items():
        assert len(spans) == expected[article_id], article_id
        assert {c for c, _ in spans} <= {"boilerplate", "spam", "metadata", "duplicate"}
        assert all(rule for _, rule in spans)  # every span labelled with its rule id
    assert page.external == []  # no stylesheet, script, image or link to fetch
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "") and "https://" not in html
    for chart in ("by category", "by rule", "Article length", "per language", "per month"):
        assert chart in html


def test_kept_text_and_spans_rebuild_each_kept_line(seeds_version):
    """Inline spans are put back into their line: the line minus its marks is the segment's text."""
    from cleaner.publish.report import inline_rules, pieces

    segments = pq.read_table(seeds_version / "data" / "segments").to_pylist()
    removals = pq.read_table(seeds_version / "data" / "removals").to_pylist()
    inline = inline_rules()
    checked = 0
    for article_id in {s["id"] for s in segments}:
        segs = [s for s in segments if s["id"] == article_id]
        spans = [r for r in removals if r["id"] == article_id]
        kept = [items for kind, items in pieces(segs, spans, inline) if kind == "keep"]
        texts = ["".join(x for x in items if isinstance(x, str)) for items in kept]
        assert texts == [s["text"] for s in sorted(segs, key=lambda s: s["start"]) if s["kind"] != "title"]
        for items in kept:
            for x in items:
                if isinstance(x, dict):
                    checked += 1
        shown = sum(len([x for x in items if isinstance(x, dict)]) for _, items in pieces(segs, spans, inline))
        assert shown == len(spans)
    assert checked > 0  # the seeds have spans cut inside kept lines


def test_report_command_writes_beside_the_version_and_refuses_a_folder_that_is_no_version(seeds_version, tmp_path):
    target = tmp_path / "r.html"
    r = cleaner("report", str(seeds_version), "-o", str(target))
    assert r.returncode == 0, r.stderr
    assert target.stat().st_size > 10_000 and str(target) in r.stdout
    (tmp_path / "nothing").mkdir()
    from test_cli import one_clear_line
    one_clear_line(cleaner("report", str(tmp_path / "nothing")), "not a built version")


def png_has_content(data: bytes) -> bool:
    """Decode a PNG's scanlines (8-bit RGB/RGBA, filters undone) and say whether they hold more
    than a few colours: a blank page is one colour."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height, channels = 8, b"", 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8
            channels = {2: 3, 6: 4}[colour]
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw, stride = zlib.decompress(idat), width * channels
    previous, colours = bytearray(stride), set()
    for y in range(height):
        filt, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, up_left = previous[i], previous[i - channels] if i >= channels else 0
            if filt == 1:
                line[i] = (line[i] + left) & 255
            elif filt == 2:
                line[i] = (line[i] + up) & 255
            elif filt == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif filt == 4:
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else up_left)) & 255
        if y % 8 == 0:
            colours.update(bytes(line[i:i + 3]) for i in range(0, stride, channels * 4))
        previous = line
    return len(colours) > 20


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium: apt-get install chromium (.ci/run does)")
def test_the_report_in_headless_chromium(seeds_version, tmp_path):
    report = write_report(seeds_version, tmp_path / "seeds.report.html")
    url = report.resolve().as_uri()

    def chromium(*args: str) -> subprocess.CompletedProcess:
        profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
        return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args, url],
                              capture_output=True, text=True, timeout=180, check=False)

    dom = chromium("--dump-dom")
    assert dom.returncode == 0, dom.stderr[-2000:]
    console = [ln for ln in dom.stderr.splitlines() if ":CONSOLE" in ln]
    assert console == [], console
    page = parse(dom.stdout)  # the DOM after the page's script ran
    expected = removals_by_article(seeds_version)
    assert len(page.articles) == 5
    for article_id, spans in page.articles.items():
        assert len(spans) == expected[article_id] > 0, article_id
    assert re.search(r'<span id="shown">5</span>', dom.stdout)

    shot = tmp_path / "report.png"
    done = chromium("--window-size=1280,2400", f"--screenshot={shot}")
    assert done.returncode == 0 and shot.is_file(), done.stderr[-2000:]
    assert png_has_content(shot.read_bytes())
    keep = Path(__file__).resolve().parent.parent / "dist" / "report-screenshot.png"
    keep.parent.mkdir(exist_ok=True)
    shutil.copy(shot, keep)  # for a look by eye: dist/report-screenshot.png


def test_a_blank_screenshot_is_told_from_a_real_one(tmp_path):
    """png_has_content itself: a one-colour PNG is blank."""
    width, height = 64, 16
    raw = b"".join(b"\x00" + b"\xff\xff\xff" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    assert not png_has_content(png)
