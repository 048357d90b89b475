"""Score cleaner's HTML path beside GeneralNewsExtractor (gne), magic-html and trafilatura on
real and fixture HTML pages, with MB/s of HTML per core.

    .venv/bin/pip install gne trafilatura && .venv/bin/pip install --ignore-requires-python magic-html
    .venv/bin/python bench/html_bench.py                       # htmldev and tests/fixtures/html
    .venv/bin/python bench/html_bench.py --set NAME PAGES GOLD  # any folder of pages with gold

(Not bench/html.py: a file of that name beside the other bench scripts would shadow the
standard library's `html` module for them.)

Each tool runs in this one process over every page of a set (three passes, the fastest kept);
MB/s per core = bytes of HTML / CPU seconds of this process (time.process_time), so other work
on a shared machine does not count. cleaner's time includes decoding; the other tools get the
text decoded beforehand. Every tool's output is scored with shared/eval/score.py's own
per-document functions (recall, precision, f1, title/date/source/authors). cleaner runs page by
page here, without the build's duplicate detection; `--build` also prints score.py's line for
a real `cleaner build` of each set (a page repeating another stays an article, marked in duplicate_of).
Tools that are not installed are reported as such and skipped.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "eval"
SETS = {"htmldev": (SHARED / "htmldev" / "pages", SHARED / "htmldev" / "gold"),
        "fixtures": (ROOT / "tests" / "fixtures" / "html", ROOT / "tests" / "data" / "html_gold")}
PASSES = 3


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def iso(value) -> str | None:
    from cleaner.clean.metadata import DATE, iso_date

    m = DATE.search(str(value or ""))
    return iso_date(m) if m else None


def html_text(html: str) -> str:
    """Extracted HTML (magic-html's output) as one line per block, by cleaner's own flattener."""
    from selectolax.lexbor import LexborHTMLParser

    from cleaner.read.html_flatten import flatten

    return "\n".join(flatten(LexborHTMLParser(html)).lines)


def run_cleaner() -> Callable[[str, bytes, str], dict]:
    from cleaner.clean.pipeline import warm_up
    from cleaner.document import Article
    from cleaner.read.files import RawDocument
    from cleaner.run.engine import process
    from cleaner.settings import Settings

    settings = Settings()
    warm_up(settings)

    def extract(name: str, data: bytes, text: str) -> dict:
        result = process(RawDocument(name, data=data), settings)
        if not isinstance(result, Article):
            return {}
        m = result.metadata
        return {"title": m.title, "text": result.text, "published_at": m.published_at,
                "source_name": m.source_name, "authors": list(m.authors)}
    return extract


def run_cleaner_text() -> Callable[[str, bytes, str], dict]:
    """cleaner's text path on the same pages already flattened to lines (decode_source(...).text
    done beforehand): what the markup adds, and the text path's speed on the same content."""
    from cleaner.read.files import decode_source

    html_path = run_cleaner()
    flat: dict[bytes, bytes] = {}

    def extract(name: str, data: bytes, text: str) -> dict:
        if data not in flat:
            flat[data] = decode_source(data, name).text.encode("utf-8")
        return html_path(name.rsplit(".", 1)[0] + ".txt", flat[data], text)
    return extract


def run_gne() -> Callable[[str, bytes, str], dict]:
    from gne import GeneralNewsExtractor

    extractor = GeneralNewsExtractor()

    def extract(name: str, data: bytes, text: str) -> dict:
        r = extractor.extract(text)
        return {"title": r.get("title"), "text": r.get("content") or "", "published_at": iso(r.get("publish_time")),
                "source_name": None, "authors": [r["author"]] if r.get("author") else []}
    return extract


def run_trafilatura() -> Callable[[str, bytes, str], dict]:
    import trafilatura

    def extract(name: str, data: bytes, text: str) -> dict:
        doc = trafilatura.bare_extraction(text, with_metadata=True)
        if doc is None:
            return {}
        r = doc.as_dict() if hasattr(doc, "as_dict") else doc
        authors = [a.strip() for a in (r.get("author") or "").replace(",", ";").split(";") if a.strip()]
        return {"title": r.get("title"), "text": r.get("text") or "", "published_at": iso(r.get("date")),
                "source_name": r.get("sitename"), "authors": authors}
    return extract


def run_magic_html() -> Callable[[str, bytes, str], dict]:
    from magic_html import GeneralExtractor

    extractor = GeneralExtractor()

    def extract(name: str, data: bytes, text: str) -> dict:
        r = extractor.extract(text, base_url="")
        return {"title": r.get("title"), "text": html_text(r.get("html") or ""), "published_at": None,
                "source_name": None, "authors": []}
    return extract


TOOLS = {"cleaner": run_cleaner, "cleaner-text": run_cleaner_text, "gne": run_gne, "magic-html": run_magic_html, "trafilatura": run_trafilatura}


def decode(data: bytes) -> str:
    from cleaner.read.files import decode_bytes
    from cleaner.read.html import decode_html

    return (decode_html(data, None) or decode_bytes(data))[0]


def measure(extract, pages: list[Path], inputs: list[tuple[bytes, str]]) -> tuple[list[dict], float]:
    """(rows, MB/s of HTML per core): the fastest of PASSES passes over every page (a first,
    untimed pass fills what a tool prepares once, such as cleaner-text's flattened pages)."""
    best, rows = float("inf"), []
    for page, (data, text) in zip(pages, inputs):
        try:
            extract(page.name, data, text)
        except Exception:
            pass
    for _ in range(PASSES):
        start, out = time.process_time(), []
        for page, (data, text) in zip(pages, inputs):
            try:
                row = extract(page.name, data, text)
            except Exception as e:  # a tool failing on a page scores 0 there
                print(f"  {page.name}: {type(e).__name__}: {e}", file=sys.stderr)
                row = {}
            out.append(row)
        best, rows = min(best, time.process_time() - start), out
    total = sum(len(d) for d, _ in inputs)
    return rows, total / 1e6 / best if best else float("inf")


def score(scorer, gold_dir: Path, pages: list[Path], rows: list[dict]) -> dict:
    golds = {g["source_file"]: g for g in scorer.load_gold(str(gold_dir))}
    articles = [dict(row, source_file=p.name) for p, row in zip(pages, rows) if row]
    docs = [scorer.score_doc(g, articles, []) for g in golds.values()]
    n = len(docs)
    mean = {k: sum(d[k] for d in docs) / n for k in ("f1", "recall", "precision")}
    meta = {m: sum(bool(d.get(f"{m}_ok")) for d in docs) for m in scorer.META}
    return {**mean, "meta": sum(meta.values()), "meta_of": 4 * n, "fields": meta,
            "junk": sum(d.get("junk_chars", 0) for d in docs)}


def build_line(pages: Path, gold: Path, scorer_path: Path) -> str:
    cleaner = Path(sys.executable).parent / "cleaner"
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([str(cleaner), "build", str(pages), "--out", tmp, "--name", "bench", "--version", "0.0.1",
                        "--workers", "1"], check=True, capture_output=True)
        out = subprocess.run([sys.executable, str(scorer_path), f"{tmp}/bench/0.0.1", "--gold", str(gold)],
                             capture_output=True, text=True).stdout.strip().splitlines()
    return out[-1] if out else "(no score)"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", nargs=3, action="append", metavar=("NAME", "PAGES", "GOLD"), help="a set to score")
    ap.add_argument("--tools", default=",".join(TOOLS), help="comma-separated, of: " + ", ".join(TOOLS))
    ap.add_argument("--scorer", default=str(SHARED / "score.py"))
    ap.add_argument("--build", action="store_true", help="also score a real `cleaner build` of each set")
    ap.add_argument("--json", help="write the figures here")
    args = ap.parse_args(argv)
    scorer = load_scorer(Path(args.scorer))
    sets = {n: (Path(p), Path(g)) for n, p, g in args.set} if args.set else SETS
    results = []
    print(f"{'set':10} {'tool':12} {'f1':>6} {'P':>6} {'R':>6} {'meta':>7} {'junk':>6} {'MB/s/core':>10}  "
          "title/date/source/authors")
    for set_name, (pages_dir, gold_dir) in sets.items():
        pages = sorted(p for p in pages_dir.iterdir() if p.suffix in (".html", ".htm", ".shtml"))
        inputs = [(p.read_bytes(), decode(p.read_bytes())) for p in pages]
        for tool in args.tools.split(","):
            try:
                extract = TOOLS[tool]()
            except ImportError as e:
                print(f"{set_name:10} {tool:12} not installed ({e})")
                continue
            rows, speed = measure(extract, pages, inputs)
            s = score(scorer, gold_dir, pages, rows)
            fields = "/".join(str(s["fields"][m]) for m in scorer.META)
            print(f"{set_name:10} {tool:12} {s['f1']:6.3f} {s['precision']:6.3f} {s['recall']:6.3f} "
                  f"{s['meta']:>3}/{s['meta_of']:<3} {s['junk']:6} {speed:10.2f}  {fields}")
            results.append({"set": set_name, "tool": tool, "mb_per_s_per_core": speed, **s})
        if args.build:
            print(f"{set_name:10} cleaner build + score.py: {build_line(pages_dir, gold_dir, Path(args.scorer))}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
