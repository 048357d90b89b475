"""Inputs given as fsspec URLs (memory://, file://): listed and read through fsspec, every
container format included, publishing the bytes a local folder of the same files publishes."""

from __future__ import annotations

import gzip
import io
import json
import uuid
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import FIXTURES
from helpers import parquet_files

from cleaner.publish.version import PublishError
from cleaner.read.remote import RemotePath, list_url
from cleaner.read.walk import find_inputs
from cleaner.run.build import build
from cleaner.settings import Settings

TEXTS = sorted((FIXTURES / "clean_texts").glob("*.txt"))


def warc_bytes(texts: list[str]) -> bytes:
    """A gzipped WARC of HTML responses, one per text, with fixed record ids."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for i, text in enumerate(texts):
        lines = text.splitlines()
        html = f"<html><head><title>{lines[0]}</title></head><body><article>" + \
            "".join(f"<p>{ln}</p>" for ln in lines[1:] if ln.strip()) + "</article></body></html>"
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(f"https://news.example/w{i}", "response",
                                           payload=io.BytesIO(html.encode("utf-8")), http_headers=http,
                                           warc_headers_dict={"WARC-Record-ID": f"<urn:test:{i}>"})
        writer.write_record(record)
    return buf.getvalue()


def corpus_files() -> dict[str, bytes]:
    """Relative name -> bytes: plain texts, a JSON Lines file, a gzipped one, a WARC, a Parquet file."""
    texts = [p.read_text(encoding="utf-8") for p in TEXTS]
    files = {f"plain/{p.name}": p.read_bytes() for p in TEXTS[:4]}
    lines = "".join(json.dumps({"id": f"j{i}", "url": f"https://news.example/j{i}", "text": t}, ensure_ascii=False)
                    + "\n" for i, t in enumerate(texts[4:7]))
    files["records.jsonl"] = lines.encode("utf-8")
    files["more/records.jsonl.gz"] = gzip.compress(lines.replace('"j', '"g').encode("utf-8"), mtime=0)
    files["crawl/part.warc.gz"] = warc_bytes(texts[7:10])
    table = pa.table({"id": ["p0", "p1"], "text": texts[10:12]})
    sink = io.BytesIO()
    pq.write_table(table, sink)
    files["table.parquet"] = sink.getvalue()
    files[".hidden.txt"] = texts[0].encode("utf-8")  # hidden: not an input, as in a folder
    return files


@pytest.fixture(scope="module")
def local_corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    for name, data in corpus_files().items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root


@pytest.fixture(scope="module")
def memory_corpus() -> str:
    import fsspec

    fs = fsspec.filesystem("memory")
    root = f"/corpus-{uuid.uuid4().hex}"
    for name, data in corpus_files().items():
        fs.pipe(f"{root}/{name}", data)
    yield f"memory://{root}"
    fs.rm(root, recursive=True)


def built(inputs: list[str], out: Path, workers: int = 1, engine: str = "local") -> Path:
    build(inputs, str(out), "urls", "1.0.0", Settings(), workers=workers, engine=engine)
    return out / "urls" / "1.0.0"


@pytest.fixture(scope="module")
def local_build(local_corpus, tmp_path_factory) -> Path:
    return built([str(local_corpus)], tmp_path_factory.mktemp("local"))


def test_a_url_folder_lists_as_the_local_folder_does(local_corpus, memory_corpus):
    local = [i.relative for i in find_inputs([str(local_corpus)])]
    remote = list(find_inputs([memory_corpus]))
    assert [i.relative for i in remote] == local and len(local) == 8
    assert all(isinstance(i.path, RemotePath) for i in remote)
    folder, found = list_url(memory_corpus + "/records.jsonl")
    assert not folder and [r for _, r in found] == ["records.jsonl"]


@pytest.mark.parametrize("workers", [1, 2])
def test_memory_url_publishes_the_local_folders_bytes(local_build, memory_corpus, tmp_path, workers):
    version = built([memory_corpus], tmp_path, workers)
    assert parquet_files(version) == parquet_files(local_build)
    manifest = json.loads((version / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["documents"]["read"] == 4 + 3 + 3 + 3 + 2
    urls = pq.read_table(version / "data" / "articles", columns=["url"]).column("url").to_pylist()
    assert "https://news.example/w1" in urls and "https://news.example/j0" in urls


def test_file_url_is_the_local_path(local_build, local_corpus, tmp_path):
    assert parquet_files(built([f"file://{local_corpus}"], tmp_path)) == parquet_files(local_build)


def test_a_missing_url_or_protocol_is_refused_before_anything_is_written(tmp_path):
    with pytest.raises(PublishError, match="does not exist"):
        built([f"memory:///nothing-{uuid.uuid4().hex}"], tmp_path)
    with pytest.raises(PublishError, match="nosuchfs"):
        built(["nosuchfs://bucket/crawl"], tmp_path)
    assert not (tmp_path / "urls").exists()


@pytest.fixture(scope="module")
def local_ray():
    ray = pytest.importorskip("ray")
    pytest.importorskip("ray.data")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield ray
    ray.shutdown()


def test_ray_workers_read_a_file_url(local_ray, local_build, local_corpus, tmp_path):
    version = built([f"file://{local_corpus}"], tmp_path, workers=2, engine="ray")
    assert parquet_files(version) == parquet_files(local_build)


def test_ray_refuses_memory_urls_its_workers_cannot_see(local_ray, memory_corpus, tmp_path):
    with pytest.raises(RuntimeError, match="memory:// files live in this process"):
        built([memory_corpus], tmp_path, workers=2, engine="ray")
    assert not list((tmp_path / "urls").glob("1.0.0*"))


def test_ray_workers_read_through_fsspec(local_ray, local_build, local_corpus, tmp_path):
    """`local://` is fsspec's own name for this machine's files: not turned into a path, so
    the workers list nothing themselves and read every file (WARC, JSON Lines...) through fsspec."""
    assert all(isinstance(i.path, RemotePath) for i in find_inputs([f"local://{local_corpus}"]))
    version = built([f"local://{local_corpus}"], tmp_path, workers=2, engine="ray")
    assert parquet_files(version) == parquet_files(local_build)
