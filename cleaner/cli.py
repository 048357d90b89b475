"""The command line: build, explain, diff, push."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__
from .settings import Settings

PROJECT_SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def default_inputs() -> list[str]:
    for candidate in (Path("seeds"), PROJECT_SEEDS):
        if candidate.is_dir():
            return [str(candidate)]
    raise click.UsageError("no INPUT given and no bundled seeds/ folder found")


def fail(message: str) -> None:
    click.echo(f"cleaner: {message}", err=True)
    sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cleaner")
def main() -> None:
    """Turn scraped news text into a clean, segmented, versioned Parquet dataset."""


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path())
@click.option("--out", default="dist", show_default=True, help="Folder that holds NAME/VERSION.")
@click.option("--name", default=None, help="Dataset name [default: the first input's folder name].")
@click.option("--version", "version", default=__version__, show_default=True, help="Semantic version X.Y.Z.")
@click.option("--workers", type=int, default=0, help="Processes [default: all cores].")
@click.option("--languages", default="", help="Comma-separated ISO 639-1 codes to keep; others are rejected.")
@click.option("--license", "license_id", default="unknown", show_default=True, help="License id for the card.")
@click.option("--spam-lexicon", "spam_lexicons", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra spam lexicon file (format of cleaner/data/spam_lexicon.txt); repeatable.")
def build(inputs, out, name, version, workers, languages, license_id, spam_lexicons) -> None:
    """Clean INPUT files and folders (default: the bundled seeds/) into OUT/NAME/VERSION."""
    from .build import build as run_build
    from .publish import PublishError

    inputs = list(inputs) or default_inputs()
    for given in inputs:
        if not os.path.exists(given):
            fail(f"input {given} does not exist")
    name = name or (Path(inputs[0]).resolve().name if Path(inputs[0]).is_dir() else Path(inputs[0]).stem)
    settings = Settings(
        languages=tuple(code.strip() for code in languages.split(",") if code.strip()),
        license=license_id,
        spam_lexicons=tuple(str(Path(p).resolve()) for p in spam_lexicons),
    )
    workers = workers or os.cpu_count() or 1
    try:
        Path(out).mkdir(parents=True, exist_ok=True)
        if not os.access(out, os.W_OK):
            fail(f"output folder {out} is not writable")
        if sys.stderr.isatty():
            from .read import find_inputs

            total = sum(1 for _ in find_inputs(inputs))
            with click.progressbar(length=total, label="cleaning", file=sys.stderr) as bar:
                summary = run_build(inputs, out, name, version, settings, workers, progress=bar.update)
        else:
            summary = run_build(inputs, out, name, version, settings, workers)
    except PublishError as e:
        fail(str(e))
    except OSError as e:
        fail(f"{e.strerror or e}: {e.filename or out}")
    except KeyboardInterrupt:
        fail("interrupted; nothing was published")
    verb = "unchanged (already published with the same content)" if summary.status == "unchanged" else "published"
    click.echo(f"{summary.version_dir}: {verb}")
    click.echo(summary.line())


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--color/--no-color", default=None, help="Colour the output [default: on a terminal].")
def explain(file, color) -> None:
    """Show how FILE is cleaned: each line's label and rule, removed text marked."""
    from .explain import explain_file

    click.echo(explain_file(file), color=color)


@main.command()
@click.argument("old", type=click.Path(exists=True, file_okay=False))
@click.argument("new", type=click.Path(exists=True, file_okay=False))
def diff(old, new) -> None:
    """Report articles added, removed and changed between two versions."""
    from .diff import diff_versions, format_diff

    click.echo(format_diff(diff_versions(old, new)))


@main.command()
@click.argument("version_dir", type=click.Path(exists=True, file_okay=False))
@click.argument("repo_id")
@click.option("--private", is_flag=True, help="Create the repository as private.")
def push(version_dir, repo_id, private) -> None:
    """Upload VERSION_DIR to the Hugging Face Hub as REPO_ID and tag the revision."""
    from .push import PushError, push_version

    try:
        url = push_version(version_dir, repo_id, private=private)
    except PushError as e:
        fail(str(e))
    click.echo(f"pushed {version_dir} to {url}")


if __name__ == "__main__":
    main()
