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
  up to MAX_LISTED_INPUTS; beyond that manifest.json holds the list), and the RAI fields.

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

Modules: vocabulary.py (the JSON-LD context and fixed texts), about.py (dates, languages,
licence, creator, citation), rai.py (RAI fields and provenance), files.py (distribution and
record sets); describe() here puts them together.
"""

from __future__ import annotations

from pathlib import Path

from cleaner.publish import schema
from cleaner.publish.croissant.about import (
    article_dates,
    cite_as,
    creator,
    date_published,
    languages_of,
    license_value,
)
from cleaner.publish.croissant.files import distribution, record_set
from cleaner.publish.croissant.rai import provenance, rai
from cleaner.publish.croissant.vocabulary import CONFIG_DESCRIPTIONS, CONFORMS_TO, CONTEXT, RAI_CONFORMS_TO
from cleaner.run import provenance as run_provenance

KEYWORDS = ["news", "Chinese", "web-scraped", "boilerplate removal", "text cleaning"]


def describe(name: str, version: str, manifest: dict, settings, root: Path | str | None = None) -> dict:
    """The Croissant JSON-LD document for OUT/NAME/VERSION.

    `root` is the version (or staging) directory holding the files `manifest["outputs"]` lists;
    when given, article dates, per-rule removal counts and manifest.json's hash are read from it.
    """
    root = Path(root) if root is not None else None
    tool = manifest["tool"]
    dates = article_dates(root, manifest) if root is not None else []
    published, date_basis = date_published(dates)
    _, outcomes, reasons = run_provenance.counts(manifest)
    languages = languages_of(root, manifest) if root is not None else []
    doc: dict = {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "name": name,
        "description": _description(name, version, manifest, date_basis),
        "conformsTo": [CONFORMS_TO, RAI_CONFORMS_TO],
        "version": version,
        "datePublished": published,
        "url": getattr(settings, "url", None) or "README.md",
        "creator": creator(settings, tool),
        "license": license_value(getattr(settings, "license", None)),
        "citeAs": cite_as(name, version, tool, published),
        "keywords": list(KEYWORDS),
        "inLanguage": languages or ["zh"],
        "isAccessibleForFree": True,
    }
    doc.update(rai(name, version, manifest, root, dates, outcomes, reasons))
    doc.update(provenance(manifest, root))
    doc["distribution"] = distribution(manifest, root)
    doc["recordSet"] = [record_set(config, manifest) for config in schema.CONFIGS]
    return doc


def _description(name: str, version: str, manifest: dict, date_basis: str) -> str:
    """The dataset's one-paragraph description: what it holds and how datePublished was chosen."""
    tool = manifest["tool"]
    return (
        f"Version {version} of {name}: {manifest['rows'].get('articles', 0)} cleaned news articles "
        f"(kept from {run_provenance.counts(manifest)[0]} scraped text files) produced by {tool['name']} {tool['version']}. "
        "Page furniture (navigation, bylines, share widgets, related links, comments, footers) and "
        "injected spam were removed, metadata moved into columns, and every article segmented into "
        "blocks and sentences. Configs: articles, segments, removals (every removed span with the rule "
        "that removed it) and rejected (inputs not kept, with a reason). "
        f"datePublished: {date_basis}."
    )


__all__ = ["CONFIG_DESCRIPTIONS", "article_dates", "date_published", "describe", "license_value"]
