"""Responsible-AI (RAI 1.0) fields and PROV-O provenance: how the data was collected and
processed, what it is for and where it falls short, and which build made it from which inputs."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from cleaner.publish.croissant.about import parquet_paths
from cleaner.publish.croissant.vocabulary import MAX_LISTED_INPUTS
from cleaner.run import provenance as run_provenance

PROCESSING_STEPS = [
    ("Read: inputs found recursively; bytes decoded (BOM, UTF-8, then charset-normalizer for GB18030/GBK, "
     "Big5, UTF-16); mojibake repaired by ftfy (encoding fixes only); line endings and odd spaces "
     "normalised. Offsets in removals and segments point into this decoded text."),
    ("Label lines: block rules by what a line says, then a context pass that finds the one contiguous "
     "body; title, metadata lines and page furniture are labelled and removed."),
    ("Remove spam inside kept lines (ad vocabulary, injected fragments), bylines closing the last "
     "paragraph, and blocks repeating another block of the same article."),
    ("Move title, date, outlet, authors, editors and summary into columns; segment the body into "
     "headings, paragraphs, captions, quotes and list items, and those into sentences."),
    ("Identify the language (langdetect, seeded); reject empty, undecodable and too short documents; "
     "find duplicates (exact hash of the normalised text, and MinHash LSH near duplicates): the copy "
     "first in input order is kept, the others are marked in duplicate_of (or rejected, as the "
     "settings' `duplicates` says)."),
]


def rai(name: str, version: str, manifest: dict, root: Path | None, dates: list[str],
        outcomes: dict, reasons: dict) -> dict:
    """The rai:* fields, in the order the vocabulary lists them."""
    out = {**_collection(manifest, outcomes, reasons), **_processing(manifest, root), **_uses_and_limits(manifest)}
    out["rai:dataReleaseMaintenancePlan"] = (
        f"Version {version} is immutable: rebuilding {name} {version} over different content is refused. "
        "Changes are published as new semantic versions, with the changelog in README.md; "
        "`cleaner diff` lists articles added, removed and changed between versions.")
    if dates:
        out["rai:dataCollectionTimeframe"] = [dates[0], dates[-1]]
    return out


def _collection(manifest: dict, outcomes: dict, reasons: dict) -> dict:
    """How the inputs were collected, what they were, and which of them were not kept."""
    n_inputs = run_provenance.counts(manifest)[0]
    rejected = ", ".join(f"{k} {v}" for k, v in sorted(reasons.items())) or "none"
    return {
        "rai:dataCollection": (
            f"{n_inputs} inputs (text files, or records in container files) saved from news "
            f"web pages by a scraper outside this tool; {tool_line(manifest)} read them as given. Which pages "
            "were scraped, when and how is not recorded beyond each input's path and sha256."),
        "rai:dataCollectionType": ["Web Scraping", "Software Collection"],
        "rai:dataCollectionRawData": (
            "Scraped news pages as text files (one page per file, or records inside JSON Lines, Parquet or "
            "WARC containers), with navigation, bylines, comments, footers and injected spam. Every input's "
            "path and sha256 is a row of the articles or the rejected config (source_file, source_sha256), "
            "the first ones also in prov:wasDerivedFrom."),
        "rai:dataCollectionMissingData": (
            f"{outcomes.get('rejected', 0)} of {n_inputs} inputs were not published as "
            f"articles (by reason: {rejected}); they are listed in the rejected config. Columns title, "
            "published_at, source_name and summary are null when the page does not state them."),
    }


def _processing(manifest: dict, root: Path | None) -> dict:
    """The cleaning steps (with what each rule removed), what is never rewritten, the tools used."""
    steps = PROCESSING_STEPS + [f"Rule {rule} ({category}) removed {n} characters."
                                for (rule, category), n in _removed_by_rule(root, manifest)]
    return {
        "rai:dataPreprocessingProtocol": steps,
        "rai:dataManipulationProtocol": (
            "No text is rewritten: kept text is the input's characters minus removed spans (each listed in "
            "the removals config with its offsets and rule), after Unicode repair (listed per article in "
            "repairs)."),
        "rai:machineAnnotationTools": [
            "langdetect (seeded) for the language column",
            f"{tool_line(manifest)} rules for block kinds, metadata columns and sentence splits",
        ],
    }


def _uses_and_limits(manifest: dict) -> dict:
    """What the data is for, where it falls short, whose views and names it carries."""
    return {
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
            f"{manifest['rows'].get('articles', 0)} articles: far too few to represent any outlet, period or topic.",
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
    }


def tool_line(manifest: dict) -> str:
    tool = manifest["tool"]
    return f"{tool['name']} {tool['version']}"


def _removed_by_rule(root: Path | None, manifest: dict) -> list[tuple[tuple[str, str], int]]:
    if root is None:
        return []
    import pyarrow.parquet as pq

    counts: Counter = Counter()
    for path in parquet_paths(root, manifest, "removals"):
        with pq.ParquetFile(path) as f:  # a row group at a time: memory does not grow with the build
            for group in range(f.num_row_groups):
                table = f.read_row_group(group, columns=["rule", "category", "start", "end"]).to_pydict()
                for rule, category, start, end in zip(table["rule"], table["category"], table["start"], table["end"]):
                    counts[(rule, category)] += end - start
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def provenance(manifest: dict, root: Path | None) -> dict:
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
    n_inputs = run_provenance.counts(manifest)[0]
    listed = run_provenance.first_inputs(root, MAX_LISTED_INPUTS) if root is not None else []
    entities = [{"@type": "prov:Entity", "prov:label": i["source_file"], "sha256": i["sha256"]} for i in listed]
    out: dict = {"prov:wasGeneratedBy": activity, "prov:wasAttributedTo": agent}
    if entities:
        out["prov:wasDerivedFrom"] = entities
    if n_inputs > len(entities):
        from cleaner.publish.summaries import folder_line

        groups = f" ({folder_line(run_provenance.inputs(root))})" if root is not None else ""
        activity["description"] += (f" {n_inputs} inputs{groups}; the first {len(entities)} by name are listed in "
                                    "prov:wasDerivedFrom, every one in the articles and rejected configs "
                                    "(source_file, source_sha256).")
    return out
