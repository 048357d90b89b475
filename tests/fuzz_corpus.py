"""A fuzz corpus of hostile and broken inputs, the same for a given seed: random bytes, random
Unicode with lone surrogates and control characters, pages mixing real page lines with noise,
container edge cases (JSON Lines, Parquet, WARC/WET: empty, garbage, bad fields, hostile ids,
truncated and non-text records), odd file names and symbolic links of every kind.

Used by tests/test_fuzz.py (a few hundred inputs, in CI) and bench/fuzz.py (10,000 inputs)."""

from __future__ import annotations

import gzip
import io
import json
import os
import random
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
KINDS = ("bytes", "unicode", "page", "page", "page", "jsonl", "parquet", "warc", "link", "odd_name")
HOSTILE_IDS = ["", "\n", "../../etc/passwd", "\x1b[31mred\x1b[0m", "a|b`c", "\ud800", "x" * 5000, "0", "0",
               "\u202eevil", "id with spaces", "\x00"]


def seed_lines() -> list[str]:
    return sorted({ln.strip() for p in SEEDS.glob("*.txt") for ln in p.read_text("utf-8").splitlines() if ln.strip()})


def random_unicode(rng: random.Random, n: int) -> str:
    """Characters from everywhere: CJK, ASCII, controls, lone surrogates, astral, combining marks."""
    pools = [(0x4E00, 0x9FFF), (0x20, 0x7E), (0x00, 0x1F), (0xD800, 0xDFFF), (0x1F600, 0x1F64F),
             (0x0300, 0x036F), (0x2000, 0x206F), (0xFF00, 0xFFEF), (0x80, 0x9F), (0x3000, 0x303F)]
    out = []
    for _ in range(n):
        lo, hi = rng.choice(pools)
        out.append(chr(rng.randint(lo, hi)))
    return "".join(out)


def page(rng: random.Random, lines: list[str]) -> str:
    """Real page lines in a random order, with noise: repeats, random characters, odd breaks."""
    chosen = [rng.choice(lines) for _ in range(rng.randint(1, 30))]
    for _ in range(rng.randint(0, 4)):
        i = rng.randrange(len(chosen))
        chosen.insert(i, rng.choice([random_unicode(rng, rng.randint(1, 40)).replace("\ud800", ""),
                                     chosen[i], "", "\t", "\r\n", "\u3000" * 3]))
    text = rng.choice(["\n", "\r\n", "\n\n"]).join(chosen)
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "ignore")


def encode(rng: random.Random, text: str) -> bytes:
    name = rng.choice(["utf-8", "utf-8", "gb18030", "utf-16", "big5", "utf-8-sig"])
    return text.encode(name, errors="replace")


def jsonl(rng: random.Random, lines: list[str]) -> tuple[str, bytes]:
    shape = rng.choice(["records", "records", "records", "empty", "blank", "garbage"])
    if shape == "empty":
        return ".jsonl", b""
    if shape == "blank":
        return ".jsonl", b"\n  \n\t\n"
    if shape == "garbage":
        return ".jsonl", rng.randbytes(rng.randint(1, 500))
    out = []
    for i in range(rng.randint(1, 6)):
        record: dict = {}
        text = rng.choice([page(rng, lines), random_unicode(rng, 30), {"nested": 1}, 42, None, [1, 2], "", True])
        record[rng.choice(["text", "content", "body"])] = text
        if rng.random() < 0.5:
            record["id"] = rng.choice(HOSTILE_IDS + [i, 3.5, {"nested": 1}, None, f"r{i}"])
        if rng.random() < 0.5:
            record["url"] = rng.choice(["https://example.org/a", "http://\udc80", "\x1b]0;title\x07", 7, ""])
        line = json.dumps(record, ensure_ascii=rng.random() < 0.5)
        out.append(line.encode("utf-8", "surrogatepass") if rng.random() < 0.9 else rng.randbytes(20))
    data = b"\n".join(out) + b"\n"
    if rng.random() < 0.3:
        return ".jsonl.gz", gzip.compress(data, mtime=0)[: None if rng.random() < 0.8 else rng.randint(1, 40)]
    return ".jsonl", data


def parquet(rng: random.Random, lines: list[str]) -> tuple[str, bytes]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    shape = rng.choice(["strings", "binary", "zero", "ints", "no_text", "garbage", "nulls"])
    if shape == "garbage":
        return ".parquet", rng.randbytes(rng.randint(0, 300))
    n = 0 if shape == "zero" else rng.randint(1, 4)
    texts = [page(rng, lines) for _ in range(n)]
    if shape == "binary":
        column = pa.array([encode(rng, t) for t in texts], pa.binary())
    elif shape == "ints":
        column = pa.array(list(range(n)), pa.int64())
    elif shape == "nulls":
        column = pa.array([None if i % 2 else t for i, t in enumerate(texts)], pa.string())
    else:
        column = pa.array(texts, pa.string())
    table = pa.table({"body" if shape == "no_text" else "text": column,
                      "id": pa.array([rng.choice(HOSTILE_IDS).encode("utf-8", "surrogatepass").decode("utf-8", "replace")
                                      for _ in range(n)], pa.string())})
    buf = io.BytesIO()
    pq.write_table(table, buf)
    return ".parquet", buf.getvalue()


def warc(rng: random.Random, lines: list[str]) -> tuple[str, bytes]:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    shape = rng.choice(["text", "text", "non_text", "truncated", "empty", "garbage"])
    if shape == "empty":
        return ".warc", b""
    if shape == "garbage":
        return rng.choice([".warc", ".wet", ".warc.gz"]), rng.randbytes(rng.randint(1, 400))
    gz = rng.random() < 0.4
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for _ in range(rng.randint(1, 3)):
        uri = rng.choice(["https://news.example/a", "https://x/\x1b[2J\x1b[31mred", "https://x/\u202e"])
        body = encode(rng, page(rng, lines)) if shape != "non_text" else rng.randbytes(200)
        if shape == "non_text" or rng.random() < 0.3:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "image/jpeg" if shape == "non_text" else
                                                   "text/plain; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
        else:
            record = writer.create_warc_record(uri, "conversion", payload=io.BytesIO(body),
                                               warc_content_type="text/plain")
        writer.write_record(record)
    data = buf.getvalue()
    if shape == "truncated":
        data = data[: max(1, len(data) - rng.randint(1, 300))]
    return (".warc.gz" if gz else rng.choice([".warc", ".wet"])), data


LINK_TARGETS = ("outside_file", "outside_dir", "/proc/self/environ", "/dev/zero", "/etc/passwd", "inside",
                "broken", "loop")


def link(rng: random.Random, d: Path, outside: Path, name: str) -> None:
    target = rng.choice(LINK_TARGETS)
    path = d / name
    if target == "outside_file":
        os.symlink(outside / "secret.txt", path)
    elif target == "outside_dir":
        os.symlink(outside, path)
    elif target == "inside":
        (d / f"{name}.target.txt").write_text("本地新闻\n" * 3, encoding="utf-8")
        os.symlink(f"{name}.target.txt", path)
    elif target == "broken":
        os.symlink(d / "nowhere", path)
    elif target == "loop":
        os.symlink(f"{name}", path)
    else:
        os.symlink(target, path)


def make(root: Path, n: int, seed: int) -> Path:
    """`n` inputs under root/in (a folder `outside` beside it holds what links point at)."""
    rng = random.Random(seed)
    lines = seed_lines()
    d, outside = root / "in", root / "outside"
    d.mkdir(parents=True)
    outside.mkdir()
    (outside / "secret.txt").write_text("AWS_SECRET_ACCESS_KEY=not-a-real-key\n" + "\n".join(lines[:40]), encoding="utf-8")
    sub = d
    for i in range(n):
        if i % 200 == 199:  # folders too, some of them nested
            sub = d / f"folder_{i}" if rng.random() < 0.5 else sub / f"nested_{i}"
            sub.mkdir()
        kind = rng.choice(KINDS)
        name = f"f{i:05d}"
        if kind == "link":
            link(rng, sub, outside, f"{name}.txt")
            continue
        if kind == "bytes":
            suffix, data = ".txt", rng.randbytes(rng.choice([0, 1, 10, 500, 3000]))
        elif kind == "unicode":
            suffix, data = ".txt", random_unicode(rng, rng.randint(1, 400)).encode("utf-8", "surrogatepass")
        elif kind in ("page", "odd_name"):
            suffix, data = ".txt", encode(rng, page(rng, lines))
        else:
            suffix, data = {"jsonl": jsonl, "parquet": parquet, "warc": warc}[kind](rng, lines)
        if kind == "odd_name":
            name = rng.choice([f"{name} new\nline", f"{name}\x1b[31m", f"{name} | `tick`", f"{name}\u202e"])
        (sub / f"{name}{suffix}").write_bytes(data)
    return d
