"""The command line: build, learn, explain, diff, push."""

from __future__ import annotations

import os
import sys
from pathlib import Path

# numpy's BLAS is never used here, yet its idle threads spun for about 3% of a worker's CPU,
# taken from the other workers: one BLAS thread per process (before numpy is first imported)
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import click  # noqa: E402

from . import __version__  # noqa: E402
from .settings import Settings  # noqa: E402

PROJECT_SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def default_inputs() -> list[str]:
    for candidate in (Path("seeds"), PROJECT_SEEDS):
        if candidate.is_dir():
            return [str(candidate)]
    raise click.UsageError("no INPUT given and no bundled seeds/ folder found")


def fail(message: str, code: int = 1) -> None:
    click.echo(f"cleaner: {message}", err=True)
    sys.exit(code)


class Commands(click.Group):
    """Click's group, with every command-line mistake reported on one line (click's own
    report is a usage block of four lines)."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as e:  # `cleaner` alone: the help, as click shows it
            e.show()
            sys.exit(e.exit_code)
        except click.UsageError as e:
            path = e.ctx.command_path if e.ctx is not None else "cleaner"
            fail(f"{e.format_message().rstrip('.')} (see '{path} --help')", e.exit_code)
        except click.ClickException as e:
            fail(e.format_message(), e.exit_code)
        except click.Abort:
            fail("interrupted", 130)
        sys.exit(rv if isinstance(rv, int) else 0)


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cleaner")
def main() -> None:
    """Turn scraped news text into a clean, segmented, versioned Parquet dataset."""


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path())
@click.option("--out", default="dist", show_default=True, help="Folder that holds NAME/VERSION.")
@click.option("--name", default=None, help="Dataset name [default: the first input's folder name].")
@click.option("--version", "version", default=__version__, show_default=True, help="Semantic version X.Y.Z.")
@click.option("--workers", type=int, default=0, help="Processes [default: all cores].")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="local: processes on this machine; ray: Ray Data (pip install 'cleaner[ray]').")
@click.option("--ray-address", default=None, envvar="RAY_ADDRESS",
              help="With --engine ray: the cluster to join as it is (host:port, ray://host:port or auto; "
                   "default $RAY_ADDRESS). Without one, a local Ray with --workers CPUs is started.")
@click.option("--languages", default="", help="Comma-separated ISO 639-1 codes to keep; others are rejected.")
@click.option("--license", "license_id", default="unknown", show_default=True, help="License id for the card.")
@click.option("--spam-lexicon", "spam_lexicons", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra spam lexicon file (format of cleaner/data/spam_lexicon.txt); repeatable.")
def build(inputs, out, name, version, workers, engine, ray_address, languages, license_id, spam_lexicons) -> None:
    """Clean INPUT files and folders (default: the bundled seeds/) into OUT/NAME/VERSION."""
    try:
        _build(inputs, out, name, version, workers, languages, license_id, spam_lexicons, engine, ray_address)
    except KeyboardInterrupt:  # also while importing, before the build has started
        fail("interrupted; nothing was published", 130)


def _build(inputs, out, name, version, workers, languages, license_id, spam_lexicons, engine="local",
           ray_address=None) -> None:
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
                summary = run_build(inputs, out, name, version, settings, workers, progress=bar.update,
                                    engine=engine, ray_address=ray_address)
        else:
            summary = run_build(inputs, out, name, version, settings, workers, engine=engine,
                                ray_address=ray_address)
    except PublishError as e:
        fail(str(e))
    except OSError as e:
        fail(f"{e.strerror or e}: {e.filename or out}")
    except RuntimeError as e:  # an engine that cannot start (Ray missing or unreachable)
        fail(str(e).splitlines()[0] if str(e) else type(e).__name__)
    verb = "unchanged (already published with the same content)" if summary.status == "unchanged" else "published"
    click.echo(f"{summary.version_dir}: {verb}")
    click.echo(summary.line())


@main.command()
@click.argument("version_dir", type=click.Path(exists=True, file_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write the lexicon file here [default: standard output].")
@click.option("--min-articles", type=click.IntRange(min=2), default=2, show_default=True,
              help="Different articles a slogan must have been found in.")
def learn(version_dir, output, min_articles) -> None:
    """Mine the spam vocabulary a built version's articles carry, as a lexicon for the next build.

    Slogans whose shards, and coined brands that were removed from MIN_ARTICLES different
    articles or more are written in the lexicon format (sections [slogan] and [brand]); give
    the file to the next build with --spam-lexicon, and they are found on pages that alone gave
    too little evidence."""
    from .learn import learn_version, lexicon_text

    try:
        slogans, brands = learn_version(version_dir, min_articles)
    except (OSError, ValueError) as e:
        fail(f"cannot learn from {version_dir}: {e}")
    text = lexicon_text(slogans, brands, Path(version_dir).as_posix())
    if output is None:
        click.echo(text, nl=False)
        return
    tmp = Path(f"{output}.part")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(output)
    click.echo(f"{len(slogans)} slogans and {len(brands)} brands learned from {version_dir} into {output}", err=True)


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--color/--no-color", default=None, help="Colour the output [default: on a terminal].")
@click.option("--spam-lexicon", "spam_lexicons", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra spam lexicon file, as for build (cleaner learn's output); repeatable.")
def explain(file, color, spam_lexicons) -> None:
    """Show how FILE is cleaned: each line's label and rule, removed text marked."""
    from .explain import explain_file

    if not os.path.isfile(file):  # a FIFO or a device: reading it would block or never end
        fail(f"{file} is not a regular file")
    settings = Settings(spam_lexicons=tuple(str(Path(p).resolve()) for p in spam_lexicons))
    try:
        click.echo(explain_file(file, settings), color=color)
    except ValueError as e:  # a lexicon file that does not parse
        fail(str(e))


@main.command()
@click.argument("old", type=click.Path(exists=True, file_okay=False))
@click.argument("new", type=click.Path(exists=True, file_okay=False))
def diff(old, new) -> None:
    """Report articles added, removed and changed between two versions."""
    import pyarrow as pa

    from .diff import diff_versions, format_diff

    try:
        report = format_diff(diff_versions(old, new))
    except (OSError, ValueError, KeyError, pa.ArrowException) as e:  # not a version, damaged Parquet
        fail(f"cannot compare {old} and {new}: {str(e).splitlines()[0] if str(e) else type(e).__name__}")
    click.echo(report)


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
