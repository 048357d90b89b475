"""croissant.json of a real build of the seeds: it validates offline with mlcroissant, the records
of every record set read through mlcroissant equal the Parquet rows (and a file whose bytes do not
match its sha256 is refused), and the fields the spec requires but the validator does not check
are there, as are the Responsible-AI and PROV-O provenance fields."""

from __future__ import annotations

import datetime
import itertools
import json
import math
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from cleaner.publish import croissant, schema
from cleaner.publish import version as publish
from cleaner.run import provenance
from cleaner.settings import Settings

mlc = pytest.importorskip("mlcroissant")

FIRST = 5  # records compared per record set


def load_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def parquet_rows(version_dir: Path, manifest: dict, config: str) -> list[dict]:
    rows = []
    for o in sorted((o for o in manifest["outputs"] if o["config"] == config), key=lambda o: o["path"]):
        rows.extend(pq.read_table(version_dir / o["path"]).to_pylist())
    return rows


def plain(value):
    """mlcroissant's record values as Python values: bytes -> str, arrays -> lists, NaN -> None."""
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "tolist") and not isinstance(value, (str, int)):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def records(dataset, config: str, n: int | None = FIRST) -> list[dict]:
    it = dataset.records(record_set=config)
    out = list(itertools.islice(it, n)) if n is not None else list(it)
    return [{k.split("/", 1)[1]: plain(v) for k, v in r.items()} for r in out]


@pytest.fixture(scope="module")
def doc(seeds_version) -> dict:
    return load_json(seeds_version / "croissant.json")


@pytest.fixture(scope="module")
def dataset(seeds_version):
    return mlc.Dataset(jsonld=str(seeds_version / "croissant.json"))


def test_validates_offline_with_no_error_and_no_warning(dataset):
    issues = dataset.metadata.ctx.issues
    assert not issues.errors, issues.report()
    assert not issues.warnings, issues.report()
    assert [rs.name for rs in dataset.metadata.record_sets] == list(schema.CONFIGS)


def test_first_records_of_every_record_set_equal_the_parquet_rows(dataset, seeds_version):
    manifest = load_json(seeds_version / "manifest.json")
    for config in schema.CONFIGS:
        got = records(dataset, config)
        want = parquet_rows(seeds_version, manifest, config)[:FIRST]
        assert len(got) == min(FIRST, manifest["rows"][config]), config
        assert got == want, config


def test_a_file_whose_bytes_differ_from_its_sha256_is_refused(seeds_version, tmp_path):
    copy = tmp_path / "0.0.1"
    shutil.copytree(seeds_version, copy)
    [path] = (copy / "data" / "articles").glob("*.parquet")
    table = pq.read_table(path)
    pq.write_table(table, path, compression="snappy")  # same rows, other bytes
    dataset = mlc.Dataset(jsonld=str(copy / "croissant.json"))
    with pytest.raises(Exception) as raised:
        list(dataset.records(record_set="articles"))
    assert "Download(" + path.relative_to(copy).as_posix() in str(raised.value)
    assert "Hash of downloaded file" in str(raised.value.__cause__)


def test_spec_required_fields_the_validator_does_not_check(doc):
    assert doc["@type"] == "sc:Dataset"
    assert "http://mlcommons.org/croissant/1.1" in doc["conformsTo"]
    assert doc["name"] == "seeds"
    assert doc["version"] == "0.0.1"
    assert len(doc["description"]) > 100
    assert doc["url"] == "README.md"
    assert doc["creator"]["@type"] in ("sc:Organization", "sc:Person") and doc["creator"]["name"]
    datetime.date.fromisoformat(doc["datePublished"][:10])
    assert doc["citeAs"].startswith("@misc{")
    lic = doc["license"]
    assert lic["@type"] == "sc:CreativeWork" and lic["name"] == "unknown"
    assert "unknown" in lic["description"] and "not recorded" in lic["description"]


def test_date_published_is_deterministic_newest_article_date_or_source_date_epoch(doc, seeds_version, monkeypatch):
    manifest = load_json(seeds_version / "manifest.json")
    dates = [a["published_at"][:10] for a in parquet_rows(seeds_version, manifest, "articles") if a["published_at"]]
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    fresh = croissant.describe("seeds", "0.0.1", manifest, Settings(), root=seeds_version)
    assert fresh["datePublished"] == max(dates)
    assert fresh == croissant.describe("seeds", "0.0.1", manifest, Settings(), root=seeds_version)
    assert doc["rai:dataCollectionTimeframe"] == [min(dates), max(dates)]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    again = croissant.describe("seeds", "0.0.1", manifest, Settings(), root=seeds_version)
    assert again["datePublished"] == "2023-11-14T22:13:20Z"
    assert "SOURCE_DATE_EPOCH" in again["description"]


def test_every_parquet_file_is_a_file_object_with_its_sha256(doc, seeds_version):
    manifest = load_json(seeds_version / "manifest.json")
    objects = {d["@id"]: d for d in doc["distribution"] if d["@type"] == "cr:FileObject"}
    for o in manifest["outputs"]:
        fo = objects[o["path"]]
        assert fo["contentUrl"] == o["path"]
        assert fo["encodingFormat"] == "application/x-parquet"
        assert fo["sha256"] == o["sha256"] == publish.file_sha256(seeds_version / o["path"])
        assert fo["contentSize"] == f"{o['bytes']} B"
    assert objects["manifest.json"]["sha256"] == publish.file_sha256(seeds_version / "manifest.json")
    sets = {d["@id"]: d for d in doc["distribution"] if d["@type"] == "cr:FileSet"}
    assert {s["includes"] for s in sets.values()} == {f"data/{c}/*.parquet" for c in schema.CONFIGS}


def test_one_record_set_per_config_with_a_field_per_column(doc, dataset):
    by_id = {rs["@id"]: rs for rs in doc["recordSet"]}
    assert list(by_id) == list(schema.CONFIGS)
    for config, rs in by_id.items():
        fields = rs["field"]
        assert [f["name"] for f in fields] == [n for n, _, _ in schema.COLUMNS[config]]
        for f, (column, (kind, _), _) in zip(fields, schema.COLUMNS[config]):
            assert f["source"]["extract"] == {"column": column}
            expected = {"float64": "sc:Float", "bool": "sc:Boolean", "timestamp[ms]": "sc:Date"}.get(
                kind, "sc:Integer" if kind.startswith("int") else "sc:Text")
            assert f["dataType"] == expected
            assert f.get("isArray", False) == (kind == "strings")
    parsed = {rs.name: rs for rs in dataset.metadata.record_sets}
    assert [f.name for f in parsed["segments"].fields if f.is_array] == ["sentences"]


def test_responsible_ai_and_provenance_fields(doc, dataset, seeds_version):
    manifest = load_json(seeds_version / "manifest.json")
    meta = dataset.metadata  # read back by mlcroissant: the RAI terms are in its vocabulary
    assert meta.data_collection and "sha256" in meta.data_collection
    assert meta.data_collection_type == ["Web Scraping", "Software Collection"]
    assert meta.data_collection_raw_data and meta.data_collection_missing_data
    assert len(meta.data_preprocessing_protocol) > 5
    assert meta.data_limitations and meta.data_biases and meta.personal_sensitive_information
    assert meta.data_use_cases and meta.data_release_maintenance_plan and meta.data_social_impact
    assert meta.machine_annotation_tools
    # spelled as in the RAI vocabulary (croissant_rai.ttl); mlcroissant 1.1.1 reads these two under
    # other IRIs (dataDataManipulationProtocol, dataCollectionTimeFrame), so they are checked as JSON
    assert doc["rai:dataManipulationProtocol"]
    assert len(doc["rai:dataCollectionTimeframe"]) == 2
    steps = "\n".join(meta.data_preprocessing_protocol)
    for rule in {r["rule"] for r in parquet_rows(seeds_version, manifest, "removals")}:
        assert f"Rule {rule} (" in steps
    derived = doc["prov:wasDerivedFrom"]
    assert {(e["prov:label"], e["sha256"]) for e in derived} == {(i["source_file"], i["sha256"]) for i in provenance.inputs(seeds_version)}
    activity = doc["prov:wasGeneratedBy"]
    assert activity["@type"] == "prov:Activity"
    assert manifest["settings_fingerprint"] in activity["description"]
    assert manifest["content_fingerprint"] in activity["description"]
    assert activity["prov:wasAssociatedWith"]["prov:label"] == f"cleaner {manifest['tool']['version']}"


def test_a_known_licence_becomes_its_spdx_url(seeds_version):
    manifest = load_json(seeds_version / "manifest.json")
    doc = croissant.describe("seeds", "0.0.1", manifest, Settings(license="cc-by-4.0"), root=seeds_version)
    assert doc["license"] == "https://spdx.org/licenses/CC-BY-4.0.html"
    other = croissant.describe("seeds", "0.0.1", manifest, Settings(license="other"), root=seeds_version)
    assert other["license"]["@type"] == "sc:CreativeWork" and other["license"]["name"] == "other"


def test_a_config_in_several_shards_reads_through_its_file_set(seeds_version, tmp_path):
    """A config past the shard size has several files: its fields read from the FileSet."""
    version = tmp_path / "0.0.1"
    shutil.copytree(seeds_version, version)
    manifest = load_json(version / "manifest.json")
    [path] = (version / "data" / "segments").glob("*.parquet")
    table = pq.read_table(path)
    path.unlink()
    half = table.num_rows // 2
    outputs = [o for o in manifest["outputs"] if o["config"] != "segments"]
    for i, part in enumerate((table.slice(0, half), table.slice(half))):
        shard = version / "data" / "segments" / f"train-{i:05d}-of-00002.parquet"
        pq.write_table(part, shard, compression="zstd")
        outputs.append({"path": shard.relative_to(version).as_posix(), "config": "segments",
                        "sha256": publish.file_sha256(shard), "bytes": shard.stat().st_size, "rows": part.num_rows})
    manifest["outputs"] = outputs
    publish.write_json(version / "manifest.json", manifest)
    doc = croissant.describe("seeds", "0.0.1", manifest, Settings(), root=version)
    publish.write_json(version / "croissant.json", doc)
    segments = next(rs for rs in doc["recordSet"] if rs["@id"] == "segments")
    assert all(f["source"]["fileSet"] == {"@id": "segments-parquet-files"} for f in segments["field"])
    dataset = mlc.Dataset(jsonld=str(version / "croissant.json"))
    assert not dataset.metadata.ctx.issues.errors and not dataset.metadata.ctx.issues.warnings
    got = records(dataset, "segments", None)
    assert sorted((r["id"], r["index"]) for r in got) == sorted((r["id"], r["index"]) for r in table.to_pylist())
