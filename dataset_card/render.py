"""Render README.md (the dataset card) from a build's manifest and statistics.

The YAML front matter follows the Hugging Face dataset card specification: configs with
data_files (configs without rows are left out: `datasets` cannot load an empty split), one of
them the default, and dataset_info whose features are spelled the datasets-3.x way
(`sequence:`), which datasets 4+ still reads, so that both load the same features."""

from __future__ import annotations

import statistics
from collections import Counter
from importlib import resources
from pathlib import Path
from string import Template

import yaml

from cleaner import provenance, schema

SIZE_CATEGORIES = ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M"),
                   (10_000_000, "1M<n<10M"), (100_000_000, "10M<n<100M"), (1_000_000_000, "100M<n<1B"),
                   (10_000_000_000, "1B<n<10B"), (100_000_000_000, "10B<n<100B"),
                   (1_000_000_000_000, "100B<n<1T"))
DEFAULT_CONFIG = "articles"
LISTED_INPUTS = 50  # the Sources table lists the first inputs by name; the configs hold every one
TASK_CATEGORIES = ["text-generation", "text-classification"]
TAGS = ["news", "web-scraped", "boilerplate-removal", "chinese"]
REJECTION_REASONS = {
    "empty": "the input (or container record) holds no text",
    "no_content": "every line is page furniture: no article body was found",
    "not_text": "not a text document (binary content, or a container without a text field or column)",
    "undecodable": "the bytes decode as text in none of the supported encodings",
    "unreadable": "the file or container could not be read (I/O error, damaged archive)",
    "language": "the detected language is not among the languages the settings keep",
    "too_short": "the kept body is shorter than the settings' min_article_chars",
    "too_long": "a single line longer than the settings' max_line_chars: not a page's text",
    "duplicate": "an exact or near duplicate of an article kept earlier (duplicate_of names it)",
    "error": "the cleaner failed on this input (detail holds the error); other inputs are unaffected",
}


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell and a code span: no line breaks, bars or backticks."""
    return repr(text)[1:-1].replace("|", "\\|").replace("`", "'")


def size_category(n: int) -> str:
    for bound, name in SIZE_CATEGORIES:
        if n < bound:
            return name
    return "n>1T"


def listed_configs(rows: dict[str, int]) -> list[str]:
    """Configs with rows: `datasets` cannot load an empty split, so empty ones are left out."""
    return [c for c in schema.CONFIGS if rows.get(c, 0) > 0]


def default_config(configs: list[str]) -> str | None:
    if DEFAULT_CONFIG in configs:
        return DEFAULT_CONFIG
    return configs[0] if configs else None


def license_id(settings) -> str:
    """The Hub licence identifier: lower case, `unknown` when none is set."""
    value = (getattr(settings, "license", None) or "unknown").strip().lower()
    return value or "unknown"


def arrow_bytes(root: Path, manifest: dict, config: str) -> int:
    """What `datasets` records as a split's num_bytes: the Arrow size of the table, summed over
    the row groups read one at a time, so that memory holds one row group, not a whole shard."""
    import pyarrow.parquet as pq

    total = 0
    for o in manifest["outputs"]:
        if o["config"] == config:
            with pq.ParquetFile(root / o["path"]) as f:
                total += sum(f.read_row_group(i).nbytes for i in range(f.num_row_groups))
    return total


def front_matter(name: str, version: str, manifest: dict, languages: list[str], license_name: str,
                 root: Path | None = None) -> dict:
    rows = manifest["rows"]
    configs = listed_configs(rows)
    default = default_config(configs)
    meta: dict = {"pretty_name": name, "license": license_name}
    if languages:
        meta["language"] = languages
    meta.update({
        "task_categories": TASK_CATEGORIES,
        "size_categories": [size_category(rows.get("articles", 0))],
        "tags": TAGS,
        "version": version,
        "configs": [
            {"config_name": c, "data_files": [{"split": "train", "path": f"data/{c}/*.parquet"}],
             **({"default": True} if c == default else {})}
            for c in configs
        ],
    })
    infos = []
    for c in configs:
        info: dict = {"config_name": c, "features": schema.yaml_features(c)}
        if root is not None:
            n_bytes = arrow_bytes(root, manifest, c)
            download = sum(o["bytes"] for o in manifest["outputs"] if o["config"] == c)
            info["splits"] = [{"name": "train", "num_bytes": n_bytes, "num_examples": rows[c]}]
            info["download_size"] = download
            info["dataset_size"] = n_bytes
        else:
            info["splits"] = [{"name": "train", "num_examples": rows[c]}]
        infos.append(info)
    meta["dataset_info"] = infos
    return meta


def render_card(name: str, version: str, manifest: dict, summary, settings, changelog: str | None = None,
                root: Path | str | None = None) -> str:
    """README.md for OUT/NAME/VERSION. `root` is the (staging) version directory: when given, the
    split sizes and the Croissant publication date are read from the files in it."""
    from cleaner import croissant

    root = Path(root) if root is not None else None
    languages = sorted(lang for lang in summary.languages if lang and lang != "und")
    lic = license_id(settings)
    meta = front_matter(name, version, manifest, languages, lic, root)
    rows = manifest["rows"]
    listed = listed_configs(rows)
    unlisted = [c for c in schema.CONFIGS if c not in listed]

    fields = []
    for config in schema.CONFIGS:
        note = "" if rows.get(config) else " (no rows in this version: left out of `configs`)"
        fields.append(f"### `{config}`{note}\n\n{croissant.CONFIG_DESCRIPTIONS[config]} "
                      f"Rows: {rows.get(config, 0)}.\n\n| column | type | meaning |\n| --- | --- | --- |")
        fields.extend(f"| `{n}` | {_type_name(k[0])} | {d} |" for n, k, d in schema.COLUMNS[config])
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
    listed = provenance.first_inputs(root, LISTED_INPUTS) if root is not None else []
    sources = [f"| `{cell(i['source_file'])}` | `{i['sha256']}` | {i['outcome']}"
               + (f" ({i['reason']})" if i.get("reason") else "") + " |" for i in listed]
    if summary.read > len(listed):
        sources.append(f"| ({summary.read - len(listed)} more: every input is a row of the articles or the "
                       "rejected config, with source_file and source_sha256) | | |")
    outputs = [f"| `{o['path']}` | {o['config']} | {o['rows']} | {o['bytes']} | `{o['sha256']}` |"
               for o in manifest["outputs"]]
    license_line = (f"`{lic}`" if lic != "unknown" else
                    "unknown: the inputs are scraped pages whose licences were not recorded; "
                    "check the original publishers' terms before redistributing")
    dates = croissant.article_dates(root, manifest) if root is not None else []
    published, basis = croissant.date_published(dates)
    configs_line = ", ".join(f"`{c}`" for c in listed) or "none"
    if unlisted:
        configs_line += ("; " + ", ".join(f"`{c}`" for c in unlisted)
                         + " has no rows in this version and is left out of `configs` (read it as empty)")
    rejected_by = Counter(provenance.counts(manifest)[2])
    reasons = [f"| `{code}` | {meaning} | {rejected_by.get(code, 0)} |" for code, meaning in REJECTION_REASONS.items()]
    reasons += [f"| `{code}` | see the detail column | {n} |" for code, n in sorted(rejected_by.items())
                if code not in REJECTION_REASONS]
    tool = manifest["tool"]
    template = Template(resources.files("dataset_card").joinpath("template.md").read_text(encoding="utf-8"))
    return template.substitute(
        yaml=yaml.safe_dump(meta, allow_unicode=True, sort_keys=False).strip(),
        pretty_name=name,
        summary_line=f"Version {version} of `{name}`: {summary.kept} cleaned news articles.",
        tool_version=tool["version"],
        n_inputs=summary.read,
        version=version,
        content_fingerprint=manifest["content_fingerprint"][:16],
        n_articles=summary.kept,
        n_rejected=sum(summary.rejected.values()),
        license_line=license_line,
        configs_line=configs_line,
        default_config=default_config(listed) or "none",
        load_path=f"{name}/{version}",
        fields="\n".join(fields),
        reasons="\n".join(reasons),
        sources="\n".join(sources) or "| (none) | | |",
        outputs="\n".join(outputs) or "| (none) | | | | |",
        rules="\n".join(rules) or "| (none) | | |",
        stats="\n".join(f"| {k} | {v} |" for k, v in stats),
        languages=", ".join(f"{k} {v}" for k, v in sorted(summary.languages.items())) or "none",
        lengths=length_line,
        rejections=", ".join(f"{k} {v}" for k, v in sorted(summary.rejected.items())) or "none",
        settings_fingerprint=manifest["settings_fingerprint"],
        lexicons=", ".join(f"`{Path(x['path']).name}` (sha256 `{x['sha256'][:16]}`)"
                           for x in manifest.get("lexicons", [])) or "none",
        git_commit=tool.get("git_commit") or "none recorded",
        pyarrow_version=tool.get("pyarrow", "unknown"),
        date_published=published,
        date_basis=basis,
        changelog=changelog or f"- {version}: first published version.",
    )


def _type_name(kind: str) -> str:
    return "list of string" if kind == "strings" else kind
