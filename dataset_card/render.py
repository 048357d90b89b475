"""Render README.md (the dataset card) from a build's manifest and statistics."""

from __future__ import annotations

import statistics
from importlib import resources
from string import Template

import yaml

from cleaner import schema

SIZE_CATEGORIES = ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M"),
                   (10_000_000, "1M<n<10M"), (100_000_000, "10M<n<100M"))


def size_category(n: int) -> str:
    for bound, name in SIZE_CATEGORIES:
        if n < bound:
            return name
    return "n>1T"


def listed_configs(rows: dict[str, int]) -> list[str]:
    """Configs with rows: `datasets` cannot load an empty split, so empty ones are left out."""
    return [c for c in schema.CONFIGS if rows.get(c, 0) > 0]


def front_matter(name: str, version: str, manifest: dict, languages: list[str], license_id: str) -> dict:
    rows = manifest["rows"]
    configs = listed_configs(rows)
    return {
        "pretty_name": name,
        "license": license_id,
        "language": languages or ["zh"],
        "task_categories": ["text-generation", "text-classification"],
        "size_categories": [size_category(rows.get("articles", 0))],
        "tags": ["news", "web-scraped", "boilerplate-removal", "chinese"],
        "version": version,
        "configs": [
            {"config_name": c, "data_files": [{"split": "train", "path": f"data/{c}/*.parquet"}],
             **({"default": True} if c == "articles" else {})}
            for c in configs
        ],
        "dataset_info": [
            {"config_name": c, "features": schema.yaml_features(c),
             "splits": [{"name": "train", "num_examples": rows[c]}]}
            for c in configs
        ],
    }


def render_card(name: str, version: str, manifest: dict, summary, settings, changelog: str | None = None) -> str:
    languages = sorted(summary.languages) if summary.languages else []
    license_id = settings.license or "unknown"
    meta = front_matter(name, version, manifest, [l for l in languages if l != "und"], license_id)
    rows = manifest["rows"]
    fields = []
    for config in schema.CONFIGS:
        note = "" if rows.get(config) else " (no rows in this version: left out of `configs`)"
        fields.append(f"### `{config}`{note}\n\n| column | type | meaning |\n| --- | --- | --- |")
        fields.extend(f"| {n} | {k[0]} | {d} |" for n, k, d in schema.COLUMNS[config])
        fields.append("")
    lengths = summary.article_lengths
    if lengths:
        q = statistics.quantiles(lengths, n=4) if len(lengths) > 1 else [lengths[0]] * 3
        length_line = (f"min {min(lengths)}, quartiles {q[0]:.0f} / {q[1]:.0f} / {q[2]:.0f}, max {max(lengths)}, "
                       f"mean {statistics.mean(lengths):.0f}")
    else:
        length_line = "no articles"
    stats = [("documents read", summary.read), ("articles kept", summary.kept),
             ("inputs rejected", sum(summary.rejected.values())), ("characters in article text", summary.chars),
             ("sentences", summary.sentences), ("segments", rows.get("segments", 0)),
             ("removed spans", rows.get("removals", 0))]
    stats += [(f"characters removed as {k}", v) for k, v in sorted(summary.removed_chars.items())]
    rules = [f"| `{rule}` | {cat} | {n} |" for (rule, cat), n in
             sorted(summary.removed_by_rule.items(), key=lambda kv: (-kv[1], kv[0]))]
    sources = [f"| `{i['source_file']}` | `{i['sha256']}` | {i['outcome']}"
               + (f" ({i['reason']})" if i.get("reason") else "") + " |" for i in manifest["inputs"]]
    license_line = (f"`{license_id}`" if license_id != "unknown" else
                    "unknown: the inputs are scraped pages whose licences were not recorded; "
                    "check the original publishers' terms before redistributing")
    template = Template(resources.files("dataset_card").joinpath("template.md").read_text(encoding="utf-8"))
    return template.substitute(
        yaml=yaml.safe_dump(meta, allow_unicode=True, sort_keys=False).strip(),
        pretty_name=name,
        summary_line=f"Version {version} of `{name}`: {summary.kept} cleaned news articles.",
        tool_version=manifest["tool"]["version"],
        n_inputs=summary.read,
        version=version,
        content_fingerprint=manifest["content_fingerprint"][:16],
        n_articles=summary.kept,
        n_rejected=sum(summary.rejected.values()),
        license_line=license_line,
        load_path=f"{name}/{version}",
        fields="\n".join(fields),
        sources="\n".join(sources) or "| (none) | | |",
        rules="\n".join(rules) or "| (none) | | |",
        stats="\n".join(f"| {k} | {v} |" for k, v in stats),
        languages=", ".join(f"{k} {v}" for k, v in sorted(summary.languages.items())) or "none",
        lengths=length_line,
        rejections=", ".join(f"{k} {v}" for k, v in sorted(summary.rejected.items())) or "none",
        settings_fingerprint=manifest["settings_fingerprint"],
        changelog=changelog or f"- {version}: first published version.",
    )
