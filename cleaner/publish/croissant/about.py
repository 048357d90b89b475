"""The dataset's dates, languages, licence, creator and citation."""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path

from cleaner.publish import version as publish
from cleaner.publish.croissant.vocabulary import EPOCH_DATE, UNKNOWN_LICENSE

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
    for path in parquet_paths(root, manifest, "articles"):
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


def languages_of(root: Path, manifest: dict) -> list[str]:
    import pyarrow.parquet as pq

    found: set[str] = set()
    for path in parquet_paths(root, manifest, "articles"):
        found.update(v for v in pq.read_table(path, columns=["language"]).column(0).to_pylist() if v and v != "und")
    return sorted(found)


def parquet_paths(root: Path, manifest: dict, config: str) -> list[Path]:
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


def creator(settings, tool: dict) -> dict | list:
    given = getattr(settings, "creator", None)
    if given:
        return given if isinstance(given, (dict, list)) else {"@type": "sc:Person", "name": str(given)}
    return {"@type": "sc:Organization", "name": f"{tool['name']} (automated build)",
            "description": f"Built by {tool['name']} {tool['version']}; the build settings record no "
                           "person or organisation as the creator."}


def cite_as(name: str, version: str, tool: dict, published: str) -> str:
    key = "".join(ch if ch.isalnum() else "_" for ch in f"{name}_{version}")
    return (f"@misc{{{key}, title = {{{name}}}, version = {{{version}}}, year = {{{published[:4]}}}, "
            f"note = {{Cleaned news text built with {tool['name']} {tool['version']}}}}}")
