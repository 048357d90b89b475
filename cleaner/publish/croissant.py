"""Croissant 1.1 metadata (croissant.json) for a published version, with the Responsible-AI
(RAI 1.0) vocabulary and PROV-O for provenance.

What it describes, all relative to the version directory (the folder holding croissant.json):

- `distribution`: one `cr:FileObject` per Parquet file (contentUrl `data/CONFIG/...parquet`,
  sha256, size) and one for `manifest.json`; per config one `cr:FileSet`
  (`includes: data/CONFIG/*.parquet`, the shards of that config).
- `recordSet`: one per config with one `cr:Field` per Parquet column (`schema.COLUMNS`);
  list<string> columns are arrays (`isArray`, `arrayShape "-1"`). A config written as a single
  shard reads straight from its FileObject, so a Croissant reader checks its sha256 while
  reading; a config with several shards reads from its FileSet (Croissant cannot union
  several FileObjects under one field source), whose shards are still listed with their
  hashes.
- Provenance: `prov:wasGeneratedBy` (the cleaner build: tool version, git commit, settings
  fingerprint), `prov:wasDerivedFrom` (every input file as a `prov:Entity` with its sha256,
  the first MAX_LISTED_INPUTS by name; the articles and rejected configs hold every one), and
  the RAI fields.

Deterministic (the file is byte-identical for the same inputs, settings and tool):

- `datePublished` is `SOURCE_DATE_EPOCH` (the reproducible-builds convention, seconds since
  the epoch, rendered as a UTC date-time) when that variable is set; otherwise the newest
  `published_at` date among the kept articles (the version cannot predate its newest
  article); otherwise, when no article states a date, 1970-01-01 and the description says
  that the publication date is unknown. Nothing reads the clock.
- `license`: `settings.license`. A Hub/SPDX identifier becomes the SPDX licence URL; `unknown`
  (the default) becomes a `CreativeWork` named "unknown" whose description says honestly that
  the source pages' licences were not recorded; `other` or an identifier SPDX does not know
  stays as its text in a `CreativeWork`.
- `url` and `creator` come from `settings.url` / `settings.creator` when Settings has them;
  otherwise `url` is `README.md` (the dataset card beside this file, resolved like every
  contentUrl against the version directory) and the creator is the cleaner tool, described as
  an automated build with no person recorded.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections import Counter
from pathlib import Path

from cleaner.publish import schema
from cleaner.publish import version as publish
from cleaner.run import provenance

CONFORMS_TO = "http://mlcommons.org/croissant/1.1"
RAI_CONFORMS_TO = "http://mlcommons.org/croissant/RAI/1.0"
PARQUET = "application/x-parquet"
MAX_LISTED_INPUTS = 30
EPOCH_DATE = "1970-01-01"

# The context mlcroissant writes for Croissant 1.1 (so that readers see a standard @context),
# plus the PROV-O prefix for provenance.
CONTEXT = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "arrayShape": "cr:arrayShape",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "containedIn": "cr:containedIn",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "prov": "http://www.w3.org/ns/prov#",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "description": {"@container": "@language"},
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isArray": "cr:isArray",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "name": {"@container": "@language"},
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "sdVersion": "cr:sdVersion",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}

DATA_TYPES = {"string": "sc:Text", "strings": "sc:Text", "int64": "sc:Integer", "int32": "sc:Integer",
              "float64": "sc:Float", "bool": "sc:Boolean", "timestamp[ms]": "sc:Date"}
KEYS = {"articles": ("id",), "segments": ("id", "index"), "rejected": ("id",)}
CONFIG_DESCRIPTIONS = {
    "articles": "One row per kept article: the cleaned body, metadata read from the page, "
                "and where it came from (source_file, source_sha256, source_bytes, encoding, repairs).",
    "segments": "One row per block of a kept article, in reading order, split into sentences. "
                "Join to articles on id.",
    "removals": "One row per span taken out of an input, with character offsets into the decoded "
                "input, the category and the id of the rule that removed it.",
    "rejected": "One row per input not published as an article, with a reason code.",
}
UNKNOWN_LICENSE = ("The licence of this dataset is unknown: the inputs are scraped news pages whose "
                   "licences and terms of use were not recorded. Check the original publishers' "
                   "terms before redistributing or training on this data.")


def describe(name: str, version: str, manifest: dict, settings, root: Path | str | None = None) -> dict:
    """The Croissant JSON-LD document for OUT/NAME/VERSION.

    `root` is the version (or staging) directory holding the files `manifest["outputs"]` lists;
    when given, article dates, per-rule removal counts and manifest.json's hash are read from it.
    """
    root = Path(root) if root is not None else None
    tool = manifest["tool"]
    rows = manifest["rows"]
    dates = article_dates(root, manifest) if root is not None else []
    published, date_basis = date_published(dates)
    n_inputs, outcomes, reasons = provenance.counts(manifest)
    languages = _languages(root, manifest) if root is not None else []

    description = (
        f"Version {version} of {name}: {rows.get('articles', 0)} cleaned news articles "
        f"(kept from {n_inputs} scraped text files) produced by {tool['name']} {tool['version']}. "
        "Page furniture (navigation, bylines, share widgets, related links, comments, footers) and "
        "injected spam were removed, metadata moved into columns, and every article segmented into "
        "blocks and sentences. Configs: articles, segments, removals (every removed span with the rule "
        "that removed it) and rejected (inputs not kept, with a reason). "
        f"datePublished: {date_basis}."
    )
    doc: dict = {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "name": name,
        "description": description,
        "conformsTo": [CONFORMS_TO, RAI_CONFORMS_TO],
        "version": version,
        "datePublished": published,
        "url": getattr(settings, "url", None) or "README.md",
        "creator": _creator(settings, tool),
        "license": license_value(getattr(settings, "license", None)),
        "citeAs": _cite_as(name, version, tool, published),
        "keywords": ["news", "Chinese", "web-scraped", "boilerplate removal", "text cleaning"],
        "inLanguage": languages or ["zh"],
        "isAccessibleForFree": True,
    }
    doc.update(_rai(name, version, manifest, settings, root, dates, outcomes, reasons))
    doc.update(_prov(manifest, root))
    doc["distribution"] = _distribution(manifest, root)
    doc["recordSet"] = [_record_set(config, manifest) for config in schema.CONFIGS]
    return doc


# -- dates --------------------------------------------------------------------------------------

def date_published(dates: list[str]) -> tuple[str, str]:
    """(datePublished, how it was chosen) from the articles' ISO dates. See the module docstring."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            moment = _dt.datetime.fromtimestamp(int(epoch), tz=_dt.UTC)
        except (ValueError, OverflowError, OSError):
            raise publish.PublishError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds") from None
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ"), "the build's SOURCE_DATE_EPOCH"
    if dates:
        return max(dates), "the newest publication date among the articles (no SOURCE_DATE_EPOCH was set)"
    return EPOCH_DATE, "unknown (no SOURCE_DATE_EPOCH was set and no article states a date; 1970-01-01 stands for unknown)"


def article_dates(root: Path, manifest: dict) -> list[str]:
    import pyarrow.parquet as pq

    out = []
    for path in _paths(root, manifest, "articles"):
        for value in pq.read_table(path, columns=["published_at"]).column(0).to_pylist():
            day = _iso_date(value)
            if day:
                out.append(day)
    return sorted(out)


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return _dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def _languages(root: Path, manifest: dict) -> list[str]:
    import pyarrow.parquet as pq

    found: set[str] = set()
    for path in _paths(root, manifest, "articles"):
        found.update(v for v in pq.read_table(path, columns=["language"]).column(0).to_pylist() if v and v != "und")
    return sorted(found)


def _paths(root: Path, manifest: dict, config: str) -> list[Path]:
    return [root / o["path"] for o in manifest["outputs"] if o["config"] == config and o["rows"]]


# -- who, what licence --------------------------------------------------------------------------

def license_value(license_id: str | None) -> str | dict:
    """An SPDX licence URL, or a CreativeWork saying what is (not) known."""
    lid = (license_id or "unknown").strip()
    if lid.lower() == "unknown":
        return {"@type": "sc:CreativeWork", "name": "unknown", "description": UNKNOWN_LICENSE}
    spdx = _spdx_id(lid)
    if spdx:
        return f"https://spdx.org/licenses/{spdx}.html"
    return {"@type": "sc:CreativeWork", "name": lid,
            "description": f"Licence given in the build settings as {lid!r}; it is not an SPDX identifier."}


def _spdx_id(license_id: str) -> str | None:
    if license_id.lower() in ("other", "cc", "bsd", "gpl", "lgpl", "gfdl", "openrail"):
        return None  # Hub family names, not one licence
    try:
        from packaging.licenses import (
            InvalidLicenseExpression,
            canonicalize_license_expression,
        )
    except ImportError:  # packaging < 24.2
        return None
    try:
        spdx = canonicalize_license_expression(license_id)
    except InvalidLicenseExpression:
        return None
    return spdx if " " not in spdx else None  # one licence, not an expression


def _creator(settings, tool: dict) -> dict | list:
    given = getattr(settings, "creator", None)
    if given:
        return given if isinstance(given, (dict, list)) else {"@type": "sc:Person", "name": str(given)}
    return {"@type": "sc:Organization", "name": f"{tool['name']} (automated build)",
            "description": f"Built by {tool['name']} {tool['version']}; the build settings record no "
                           "person or organisation as the creator."}


def _cite_as(name: str, version: str, tool: dict, published: str) -> str:
    key = "".join(ch if ch.isalnum() else "_" for ch in f"{name}_{version}")
    return (f"@misc{{{key}, title = {{{name}}}, version = {{{version}}}, year = {{{published[:4]}}}, "
            f"note = {{Cleaned news text built with {tool['name']} {tool['version']}}}}}")


# -- Responsible AI and provenance --------------------------------------------------------------

def _rai(name: str, version: str, manifest: dict, settings, root: Path | None, dates: list[str],
         outcomes: dict, reasons: dict) -> dict:
    rows = manifest["rows"]
    rejected = ", ".join(f"{k} {v}" for k, v in sorted(reasons.items())) or "none"
    steps = [
        ("Read: inputs found recursively; bytes decoded (BOM, UTF-8, then charset-normalizer for GB18030/GBK, "
        "Big5, UTF-16); mojibake repaired by ftfy (encoding fixes only); line endings and odd spaces "
        "normalised. Offsets in removals and segments point into this decoded text."),
        ("Label lines: block rules by what a line says, then a context pass that finds the one contiguous "
        "body; title, metadata lines and page furniture are labelled and removed."),
        ("Remove spam inside kept lines (ad vocabulary, injected fragments), bylines closing the last "
        "paragraph, and blocks repeating another block of the same article."),
        ("Move title, date, outlet, authors, editors and summary into columns; segment the body into "
        "headings, paragraphs, captions, quotes and list items, and those into sentences."),
        ("Identify the language (langdetect, seeded); reject empty, undecodable, too short and duplicate "
        "documents (exact hash of the normalised text, and MinHash LSH near duplicates)."),
    ]
    steps += [f"Rule {rule} ({category}) removed {n} characters." for (rule, category), n in _removed_by_rule(root, manifest)]
    timeframe = [dates[0], dates[-1]] if dates else None
    out = {
        "rai:dataCollection": (
            f"{provenance.counts(manifest)[0]} inputs (text files, or records in container files) saved from news "
            f"web pages by a scraper outside this tool; {tool_line(manifest)} read them as given. Which pages "
            "were scraped, when and how is not recorded beyond each input's path and sha256."),
        "rai:dataCollectionType": ["Web Scraping", "Software Collection"],
        "rai:dataCollectionRawData": (
            "Scraped news pages as text files (one page per file, or records inside JSON Lines, Parquet or "
            "WARC containers), with navigation, bylines, comments, footers and injected spam. Every input's "
            "path and sha256 is a row of the articles or the rejected config (source_file, source_sha256), "
            "the first ones also in prov:wasDerivedFrom."),
        "rai:dataCollectionMissingData": (
            f"{outcomes.get('rejected', 0)} of {provenance.counts(manifest)[0]} inputs were not published as "
            f"articles (by reason: {rejected}); they are listed in the rejected config. Columns title, "
            "published_at, source_name and summary are null when the page does not state them."),
        "rai:dataPreprocessingProtocol": steps,
        "rai:dataManipulationProtocol": (
            "No text is rewritten: kept text is the input's characters minus removed spans (each listed in "
            "the removals config with its offsets and rule), after Unicode repair (listed per article in "
            "repairs)."),
        "rai:machineAnnotationTools": [
            "langdetect (seeded) for the language column",
            f"{tool_line(manifest)} rules for block kinds, metadata columns and sentence splits",
        ],
        "rai:dataUseCases": [
            "Training and evaluating language models and text classifiers on Chinese news text.",
            "Studying boilerplate and spam removal: the removals config keeps every removed span.",
        ],
        "rai:dataLimitations": [
            ("Rules are tuned on Chinese news pages; other languages keep their language code but lose "
            "boilerplate only through generic markers and layout."),
            ("Metadata columns come from what each page states; missing or misleading bylines give empty or "
            "wrong columns, and dates are the page's, not verified."),
            "Spam detection can cut rare names next to injected text and can miss fluent injected text.",
            f"{rows.get('articles', 0)} articles: far too few to represent any outlet, period or topic.",
        ],
        "rai:dataBiases": [
            ("The sources are scraped news sites and carry their editorial viewpoints and topic selection; "
            "which sites were scraped was chosen outside this tool."),
            ("Cleaning rules were written against a small set of Chinese sites; pages laid out differently may "
            "keep more boilerplate or lose more body text."),
        ],
        "rai:personalSensitiveInformation": [
            ("Names of reporters and editors (authors and editors columns) and of people mentioned in the "
            "news; no other personal data is collected and nothing is anonymised."),
        ],
        "rai:dataSocialImpact": (
            "News text can spread the viewpoints of its outlets into models trained on it; the per-article "
            "source fields let users filter or weight by source."),
        "rai:dataReleaseMaintenancePlan": (
            f"Version {version} is immutable: rebuilding {name} {version} over different content is refused. "
            "Changes are published as new semantic versions, with the changelog in README.md; "
            "`cleaner diff` lists articles added, removed and changed between versions."),
    }
    if timeframe:
        out["rai:dataCollectionTimeframe"] = timeframe
    return out


def tool_line(manifest: dict) -> str:
    tool = manifest["tool"]
    return f"{tool['name']} {tool['version']}"


def _removed_by_rule(root: Path | None, manifest: dict) -> list[tuple[tuple[str, str], int]]:
    if root is None:
        return []
    import pyarrow.parquet as pq

    counts: Counter = Counter()
    for path in _paths(root, manifest, "removals"):
        with pq.ParquetFile(path) as f:  # a row group at a time: memory does not grow with the build
            for group in range(f.num_row_groups):
                table = f.read_row_group(group, columns=["rule", "category", "start", "end"]).to_pydict()
                for rule, category, start, end in zip(table["rule"], table["category"], table["start"], table["end"]):
                    counts[(rule, category)] += end - start
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def _prov(manifest: dict, root: Path | None) -> dict:
    tool = manifest["tool"]
    agent = {"@type": "prov:SoftwareAgent", "prov:label": tool_line(manifest)}
    if tool.get("git_commit"):
        agent["description"] = f"git commit {tool['git_commit']}"
    activity = {
        "@type": "prov:Activity",
        "prov:label": f"{tool['name']} build",
        "description": (f"Cleaning with settings fingerprint {manifest['settings_fingerprint']} "
                        f"(complete settings in manifest.json), pyarrow {tool.get('pyarrow')}; "
                        f"content fingerprint {manifest['content_fingerprint']}."),
        "prov:wasAssociatedWith": agent,
    }
    n_inputs = provenance.counts(manifest)[0]
    listed = provenance.first_inputs(root, MAX_LISTED_INPUTS) if root is not None else []
    entities = [{"@type": "prov:Entity", "prov:label": i["source_file"], "sha256": i["sha256"]} for i in listed]
    out: dict = {"prov:wasGeneratedBy": activity, "prov:wasAttributedTo": agent}
    if entities:
        out["prov:wasDerivedFrom"] = entities
    if n_inputs > len(entities):
        from cleaner.publish.summaries import folder_line

        groups = f" ({folder_line(provenance.inputs(root))})" if root is not None else ""
        activity["description"] += (f" {n_inputs} inputs{groups}; the first {len(entities)} by name are listed in "
                                    "prov:wasDerivedFrom, every one in the articles and rejected configs "
                                    "(source_file, source_sha256).")
    return out


# -- files and record sets ----------------------------------------------------------------------

def file_object_id(path: str) -> str:
    return path


def file_set_id(config: str) -> str:
    return f"{config}-parquet-files"


def _shards(manifest: dict, config: str) -> list[dict]:
    return [o for o in manifest["outputs"] if o["config"] == config]


def _distribution(manifest: dict, root: Path | None) -> list[dict]:
    out = []
    for o in manifest["outputs"]:
        out.append({
            "@type": "cr:FileObject",
            "@id": file_object_id(o["path"]),
            "name": o["path"],
            "description": f"Config {o['config']}: {o['rows']} rows.",
            "contentUrl": o["path"],
            "contentSize": f"{o['bytes']} B",
            "encodingFormat": PARQUET,
            "sha256": o["sha256"],
        })
    for config in schema.CONFIGS:
        out.append({
            "@type": "cr:FileSet",
            "@id": file_set_id(config),
            "name": file_set_id(config),
            "description": f"The Parquet shards of config {config}.",
            "encodingFormat": PARQUET,
            "includes": f"data/{config}/*.parquet",
        })
    if root is not None and (root / "manifest.json").is_file():
        out.append({
            "@type": "cr:FileObject",
            "@id": "manifest.json",
            "name": "manifest.json",
            "description": ("Build manifest: tool version and git commit, complete settings and their "
                            "fingerprint, every input's sha256, every output file's sha256 and row count, "
                            "and the content fingerprint."),
            "contentUrl": "manifest.json",
            "contentSize": f"{(root / 'manifest.json').stat().st_size} B",
            "encodingFormat": "application/json",
            "sha256": publish.file_sha256(root / "manifest.json"),
        })
    return out


def _record_set(config: str, manifest: dict) -> dict:
    shards = _shards(manifest, config)
    if len(shards) == 1:
        source = {"fileObject": {"@id": file_object_id(shards[0]["path"])}}
    else:
        source = {"fileSet": {"@id": file_set_id(config)}}
    fields = []
    for column, (kind, _), meaning in schema.COLUMNS[config]:
        field = {
            "@type": "cr:Field",
            "@id": f"{config}/{column}",
            "name": column,
            "description": meaning,
            "dataType": DATA_TYPES[kind],
            "source": {**source, "extract": {"column": column}},
        }
        if kind == "strings":
            field["isArray"] = True
            field["arrayShape"] = "-1"
        fields.append(field)
    rs = {
        "@type": "cr:RecordSet",
        "@id": config,
        "name": config,
        "description": f"{CONFIG_DESCRIPTIONS.get(config, config)} {manifest['rows'].get(config, 0)} rows.",
        "field": fields,
    }
    if config in KEYS:
        keys = [{"@id": f"{config}/{k}"} for k in KEYS[config]]
        rs["key"] = keys[0] if len(keys) == 1 else keys
    return rs
