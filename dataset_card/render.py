"""Render README.md (the dataset card) from a build's manifest and statistics.

The YAML front matter follows the Hugging Face dataset card specification: configs with
data_files (every config, rows or not: each has a Parquet file, empty or not, and its
features are stated, so each loads), one of
them the default, and dataset_info whose features are spelled the datasets-3.x way
(`sequence:`), which datasets 4+ still reads, so that both load the same features."""

from __future__ import annotations

import statistics
from collections import Counter
from importlib import resources
from pathlib import Path
from string import Template

import yaml

from cleaner.publish import schema, summaries
from cleaner.run import provenance

SIZE_CATEGORIES = ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M"),
                   (10_000_000, "1M<n<10M"), (100_000_000, "10M<n<100M"), (1_000_000_000, "100M<n<1B"),
                   (10_000_000_000, "1B<n<10B"), (100_000_000_000, "10B<n<100B"),
                   (1_000_000_000_000, "100B<n<1T"))
DEFAULT_CONFIG = "articles"
MAX_RULES = 40  # rules listed in the card, the most characters first
TASK_CATEGORIES = ["text-generation", "text-classification"]
TAGS = ["news", "web-scraped", "boilerplate-removal", "chinese"]
REJECTION_REASONS = {
    "empty": "the input (or container record) holds no text",
    "no_content": "every line is page furniture: no article body was found",
    "not_text": "not a text document (binary content, or a container without a text field or column)",
    "undecodable": "the bytes decode as text in none of the supported encodings",
    "unreadable": "the file or container could not be read (I/O error, damaged archive)",
    "unsupported_type": "a WARC record whose content type is neither HTML nor text (an image, a PDF ...)",
    "language": "the detected language is not among the languages the settings keep",
    "too_short": "the kept body is shorter than the settings' min_article_chars",
    "too_long": "a single line longer than the settings' max_line_chars: not a page's text",
    "duplicate": "an exact or near duplicate of an article kept earlier (duplicate_of names it)",
    "error": "the cleaner failed on this input (detail holds the error); other inputs are unaffected",
    "outside_input": "a symbolic link leading out of the input folders, or into /proc, /sys or /dev: not read",
    "no_records": "a container file (JSON Lines, Parquet, WARC) with bytes but not one record",
    "bad_field": "a container record whose text, url or id field holds a number, object or list, not text",
    "truncated": "a WARC record cut off before the length its header announces",
    "duplicate_id": "a container record repeating the record id of an article kept earlier",
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
    """Every config, with rows or without: each has at least one Parquet file, empty or not,
    carrying its features, and the card's dataset_info states them, so every one loads."""
    return list(schema.CONFIGS)


def config_splits(manifest: dict, config: str) -> dict[str, int]:
    """split -> rows of a config (a manifest without splits: all of it is train)."""
    return manifest.get("splits", {}).get(config) or {"train": manifest["rows"].get(config, 0)}


def default_config(configs: list[str]) -> str | None:
    if DEFAULT_CONFIG in configs:
        return DEFAULT_CONFIG
    return configs[0] if configs else None


def license_id(settings) -> str:
    """The Hub licence identifier: lower case, `unknown` when none is set."""
    value = (getattr(settings, "license", None) or "unknown").strip().lower()
    return value or "unknown"


def arrow_bytes(root: Path, manifest: dict, config: str, split: str = "train") -> int:
    """What `datasets` records as a split's num_bytes: the Arrow size of the table, summed over
    the row groups read one at a time, so that memory holds one row group, not a whole shard."""
    import pyarrow.parquet as pq

    total = 0
    for o in manifest["outputs"]:
        if o["config"] == config and o.get("split", "train") == split:
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
            {"config_name": c, "data_files": [{"split": s, "path": f"data/{c}/{s}-*.parquet"}
                                              for s in config_splits(manifest, c)],
             **({"default": True} if c == default else {})}
            for c in configs
        ],
    })
    infos = []
    for c in configs:
        info: dict = {"config_name": c, "features": schema.yaml_features(c)}
        splits = config_splits(manifest, c)
        if root is not None:
            sizes = {s: arrow_bytes(root, manifest, c, s) for s in splits}
            info["splits"] = [{"name": s, "num_bytes": sizes[s], "num_examples": n} for s, n in splits.items()]
            info["download_size"] = sum(o["bytes"] for o in manifest["outputs"] if o["config"] == c)
            info["dataset_size"] = sum(sizes.values())
        else:
            info["splits"] = [{"name": s, "num_examples": n} for s, n in splits.items()]
        infos.append(info)
    meta["dataset_info"] = infos
    return meta


def render_card(name: str, version: str, manifest: dict, summary, settings, changelog: str | None = None,
                root: Path | str | None = None) -> str:
    """README.md for OUT/NAME/VERSION. `root` is the (staging) version directory: when given, the
    split sizes and the Croissant publication date are read from the files in it."""
    from cleaner.publish import croissant

    root = Path(root) if root is not None else None
    languages = sorted(lang for lang in summary.languages if lang and lang != "und")
    lic = license_id(settings)
    meta = front_matter(name, version, manifest, languages, lic, root)
    rows = manifest["rows"]
    listed = listed_configs(rows)

    fields = field_tables(rows)
    stats, length_line = statistics_rows(summary, rows)
    rules = [f"| `{rule}` | {cat} | {n} |" for (rule, cat), n in
             sorted(summary.removed_by_rule.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_RULES]]
    sources = sources_section(provenance.counts(manifest)[0], root)
    outputs = [f"| `{o['path']}` | {o['config']} | {o['rows']} | {o['bytes']} | `{o['sha256']}` |"
               for o in manifest["outputs"]]
    license_line = (f"`{lic}`" if lic != "unknown" else "unknown: the inputs are scraped pages whose licences "
                    "were not recorded; check the original publishers' terms before redistributing")
    published, basis = croissant.date_published(croissant.article_dates(root, manifest) if root is not None else [])
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
        configs_line=configs_sentence(listed, rows),
        default_config=default_config(listed) or "none",
        load_path=f"{name}/{version}",
        splits_line=splits_line(manifest, settings),
        load_lines=load_lines(f"{name}/{version}", rows),
        duplicates_line=duplicates_line(summary, settings),
        fields="\n".join(fields),
        reasons="\n".join(reason_rows(provenance.counts(manifest)[2])),
        sources=sources,
        outputs="\n".join(outputs) or "| (none) | | | | |",
        rules="\n".join(rules) or "| (none) | | |",
        stats="\n".join(f"| {k} | {v} |" for k, v in stats),
        languages=", ".join(f"{k} {v}" for k, v in sorted(summary.languages.items())) or "none",
        lengths=length_line,
        rejections=", ".join(f"{k} {v}" for k, v in sorted(summary.rejected.items())) or "none",
        settings_fingerprint=manifest["settings_fingerprint"],
        lexicons=", ".join(f"`{cell(Path(x['path']).name)}` (sha256 `{x['sha256'][:16]}`)"
                           for x in manifest.get("lexicons", [])) or "none",
        git_commit=tool.get("git_commit") or "none recorded",
        pyarrow_version=tool.get("pyarrow", "unknown"),
        date_published=published,
        date_basis=basis,
        changelog=changelog or f"- {version}: first published version.",
    )


def field_tables(rows: dict[str, int]) -> list[str]:
    """Per config: a heading, its description and row count, and its columns' table."""
    from cleaner.publish import croissant

    fields = []
    for config in schema.CONFIGS:
        note = "" if rows.get(config) else " (no rows in this version: it loads as an empty table)"
        fields.append(f"### `{config}`{note}\n\n{croissant.CONFIG_DESCRIPTIONS[config]} "
                      f"Rows: {rows.get(config, 0)}.\n\n| column | type | meaning |\n| --- | --- | --- |")
        fields.extend(f"| `{n}` | {_type_name(k[0])} | {d} |" for n, k, d in schema.COLUMNS[config])
        fields.append("")
    return fields


def configs_sentence(listed: list[str], rows: dict[str, int]) -> str:
    line = ", ".join(f"`{c}`" for c in listed) or "none"
    empty = [c for c in listed if not rows.get(c)]
    if empty:
        line += "; " + ", ".join(f"`{c}`" for c in empty) + " has no rows in this version (loads empty)"
    return line


def reason_rows(rejected: dict[str, int]) -> list[str]:
    """Every documented reason code with how many inputs it covers, then undocumented ones seen
    (`rejected`: reason -> inputs, as provenance.counts gives it)."""
    rejected_by = Counter(rejected)
    reasons = [f"| `{code}` | {meaning} | {rejected_by.get(code, 0)} |" for code, meaning in REJECTION_REASONS.items()]
    reasons += [f"| `{code}` | see the detail column | {n} |" for code, n in sorted(rejected_by.items())
                if code not in REJECTION_REASONS]
    return reasons


def statistics_rows(summary, rows: dict[str, int]) -> tuple[list[tuple[str, int]], str]:
    """The Statistics table's (measure, value) rows and the article-length line."""
    lengths = summary.article_lengths
    if lengths:
        q = statistics.quantiles(lengths, n=4) if len(lengths) > 1 else [lengths[0]] * 3
        length_line = (f"min {min(lengths)}, quartiles {q[0]:.0f} / {q[1]:.0f} / {q[2]:.0f}, max {max(lengths)}, "
                       f"mean {statistics.mean(lengths):.0f}")
    else:
        length_line = "no articles"
    stats = [("documents read", summary.read), ("articles kept", summary.kept),
             ("inputs rejected", sum(summary.rejected.values())),
             ("articles that duplicate an earlier one", sum(summary.duplicates.values())), ("characters in article text", summary.chars),
             ("sentences", summary.sentences), ("segments", rows.get("segments", 0)),
             ("removed spans", rows.get("removals", 0))]
    stats += [(f"characters removed as {k}", v) for k, v in sorted(summary.removed_chars.items())]
    return stats, length_line


def _type_name(kind: str) -> str:
    return "list of string" if kind == "strings" else kind


def duplicates_line(summary, settings) -> str:
    """What this build did with duplicates, and how to keep one copy of each."""
    if settings.duplicates == "reject":
        return "each copy after the first in input order is rejected (reason `duplicate`, `duplicate_of` names the first)."
    counts = ", ".join(f"{v} {k}" for k, v in sorted(summary.duplicates.items())) or "none"
    return ("each copy after the first in input order stays an article, its `duplicate_of` naming the first and "
            f"`duplicate_kind` saying exact or near (this version: {counts}); "
            '`ds.filter(lambda r: r["duplicate_of"] is None)` keeps one copy of each.')


def load_lines(path: str, rows: dict[str, int]) -> str:
    """One load_dataset line per config; streamed (and said why) for a config without rows."""
    return "\n".join(f'{c} = load_dataset("{path}", "{c}", split="train")' if rows.get(c) else
                     f'{c} = load_dataset("{path}", "{c}", split="train", streaming=True)  # 0 rows'
                     for c in schema.CONFIGS)


def splits_line(manifest: dict, settings) -> str:
    """What the card says of the splits: train only, or train and a hashed validation split."""
    fraction = getattr(settings, "validation_fraction", 0.0) or 0.0
    if fraction <= 0:
        return "Each config has one split, `train`."
    n = config_splits(manifest, "articles")
    return (f"The article configs (`articles`, `segments`, `removals`) have a `validation` split beside "
            f"`train`: about {fraction:g} of the articles, chosen by a hash of the article id (stable across "
            f"builds), with their segments and removals ({n.get('train', 0)} / {n.get('validation', 0)} "
            f"articles); load it with `split=\"validation\"`. `rejected` has `train` only.")


def sources_section(n_inputs: int, root: Path | None) -> str:
    """Every input with its sha256 and outcome (by name), up to summaries.MAX_LISTED of them;
    past that, counts per source folder (or web domain) and reason: the per-input detail is in
    the articles and rejected configs (source_file, source_sha256), read back from the version
    under `root` (run.provenance)."""
    if root is None or n_inputs <= summaries.MAX_LISTED:
        inputs = provenance.first_inputs(root, summaries.MAX_LISTED) if root is not None else []
        rows = [f"| `{cell(i['source_file'])}` | `{i['sha256']}` | {i['outcome']}"
                + (f" ({i['reason']})" if i.get("reason") else "") + " |" for i in inputs]
        return ("Every input, with the sha256 of its raw bytes and what became of it:\n\n"
                "| input | sha256 | outcome |\n| --- | --- | --- |\n" + ("\n".join(rows) or "| (none) | | |"))
    rows = [f"| `{cell(g)}` | {k} | {r} | {', '.join(f'{c} {n}' for c, n in sorted(reasons.items())) or '-'} |"
            for g, k, r, reasons in summaries.by_group(provenance.inputs(root))]
    return (f"{n_inputs} inputs, counted per source folder (or web domain); each input's path and "
            "sha256 are in the `articles` and `rejected` configs (`source_file`, `source_sha256`):\n\n"
            "| source | articles | rejected | reasons |\n| --- | --- | --- | --- |\n" + "\n".join(rows))
