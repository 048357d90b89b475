"""The command line: build, learn, explain, report, rules, diff, push."""

from __future__ import annotations

import os
import sys
from pathlib import Path

# numpy's BLAS is never used here, yet its idle threads spun for about 3% of a worker's CPU,
# taken from the other workers: one BLAS thread per process (before numpy is first imported)
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import click  # noqa: E402

from cleaner import __version__  # noqa: E402
from cleaner.settings import Settings  # noqa: E402

PROJECT_SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def default_inputs() -> list[str]:
    for candidate in (Path("seeds"), PROJECT_SEEDS):
        if candidate.is_dir():
            return [str(candidate)]
    raise click.UsageError("no INPUT given and no bundled seeds/ folder found")


def fail(message: str, code: int = 1) -> None:
    """One line on stderr (control characters of file names or values shown as escapes), exit."""
    from cleaner.terminal import safe_line

    click.echo(f"cleaner: {safe_line(message)}", err=True)
    sys.exit(code)


def first_line(error: Exception) -> str:
    """An exception's message, its first line only (or its type when it has none)."""
    return str(error).splitlines()[0] if str(error) else type(error).__name__


def version_dir_argument():
    """VERSION_DIR: a built version's folder (OUT/NAME/X.Y.Z)."""
    return click.argument("version_dir", type=click.Path(exists=True, file_okay=False))


def output_option(help: str):
    """-o/--output: the file a command writes (its default given in `help`)."""
    return click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help=help)


def articles_option(name: str, minimum: int, default: int, help: str):
    """A count of articles, at least `minimum`."""
    return click.option(name, type=click.IntRange(min=minimum), default=default, show_default=True, help=help)


def bounded_workers(workers: int | None) -> int:
    """--workers: all the CPUs this process may use when not given; below 1 refused; above the
    CPUs, lowered to them with a note (more processes would only cost memory)."""
    from cleaner.run.engine import max_workers

    cpus = max_workers()
    if workers is None:
        return cpus
    if workers < 1:
        fail(f"--workers must be 1 or more (got {workers}); leave it out to use all {cpus} CPUs")
    if workers > cpus:
        click.echo(f"cleaner: note: --workers {workers} lowered to {cpus}, the CPUs this process may use", err=True)
        return cpus
    return workers


def default_name(first_input: str) -> str:
    """The dataset name when --name is not given: the first input's folder name (or file stem),
    refused with the way out when it is no valid name (spaces, other characters)."""
    from cleaner.publish.version import NAME

    path = Path(first_input)
    name = path.resolve().name if path.is_dir() else path.stem
    if not NAME.fullmatch(name):
        fail(f"the dataset name would be the input's name {name!r}, which is not a valid name "
             f"(letters, digits, '.', '_', '-'): pass --name NAME")
    return name


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
@click.option("--workers", type=int, default=None,
              help="Processes, 1 or more; more than the CPUs is lowered to them [default: all CPUs].")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="local: processes on this machine; ray: Ray Data (pip install 'cleaner[ray]').")
@click.option("--ray-address", default=None, envvar="RAY_ADDRESS",
              help="With --engine ray: the cluster to join as it is (host:port, ray://host:port or auto; "
                   "default $RAY_ADDRESS). Without one, a local Ray with --workers CPUs is started.")
@click.option("--languages", default="", help="Comma-separated ISO 639-1 codes to keep; others are rejected.")
@click.option("--license", "license_id", default="unknown", show_default=True,
              help="Hugging Face Hub licence id for the card (mit, apache-2.0, cc-by-4.0, other...).")
@click.option("--follow-symlinks", is_flag=True,
              help="Read symbolic links that lead out of the inputs too (never into /proc, /sys, /dev).")
@click.option("--spam-lexicon", "spam_lexicons", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra spam lexicon file (format of cleaner/data/spam_lexicon.txt); repeatable.")
@click.option("--html-field", "html_fields", multiple=True,
              help="JSON Lines / Parquet field holding a record's HTML, besides `html`; repeatable.")
@click.option("--validation-fraction", type=click.FloatRange(0, 1, max_open=True), default=0.0,
              show_default=True, help="Share of articles put in a `validation` split, chosen by a hash of the id.")
@click.option("--allow-empty", is_flag=True, help="Publish even when no article is kept (refused otherwise).")
@click.option("--duplicates", type=click.Choice(["mark", "reject"]), default="mark", show_default=True,
              help="An exact or near duplicate of an earlier article: kept with duplicate_of naming it (mark), "
                   "or a `duplicate` rejection (reject).")
def build(inputs, out, name, version, workers, engine, ray_address, languages, license_id, follow_symlinks,
          spam_lexicons, html_fields, validation_fraction, allow_empty, duplicates) -> None:
    """Clean INPUT files and folders (default: the bundled seeds/) into OUT/NAME/VERSION."""
    try:
        _build(inputs, out, name, version, workers, languages, license_id, spam_lexicons, engine, follow_symlinks,
               html_fields, validation_fraction, allow_empty, ray_address, duplicates)
    except KeyboardInterrupt as e:  # also while importing, before the build has started
        if type(e).__name__ == "Terminated":  # publish.Terminated: SIGTERM (publish may not be imported yet)
            fail("terminated; nothing was published", 143)
        fail("interrupted; nothing was published", 130)


def language_codes(languages: str) -> tuple[str, ...]:
    """--languages as codes, each one langdetect can answer (an unknown one would reject every page)."""
    from cleaner.clean.language import check_codes

    codes = tuple(dict.fromkeys(code.strip().lower() for code in languages.split(",") if code.strip()))
    try:
        check_codes(codes)
    except ValueError as e:
        fail(f"--languages: {e}", 2)
    return codes


def output_folder(out: str) -> None:
    """--out made a folder; one clear line when it names a file or lies under one."""
    target = Path(out)
    for p in (target, *target.parents):
        if p.exists() and not p.is_dir():
            fail(f"--out {out}: {p} is a file, not a folder; give a folder to hold NAME/VERSION")
    target.mkdir(parents=True, exist_ok=True)


def _build(inputs, out, name, version, workers, languages, license_id, spam_lexicons, engine="local",
           follow_symlinks=False, html_fields=(), validation_fraction=0.0, allow_empty=False,
           ray_address=None, duplicates="mark") -> None:
    from cleaner.publish.version import PublishError
    from cleaner.run.build import build as run_build
    from cleaner.terminal import safe_line

    inputs = list(inputs) or default_inputs()
    for given in inputs:
        if not os.path.exists(given):
            fail(f"input {given} does not exist")
    name = default_name(inputs[0]) if name is None else name
    settings = Settings(
        languages=language_codes(languages),
        license=license_id.lower(),
        spam_lexicons=tuple(str(Path(p).resolve()) for p in spam_lexicons),
        html_fields=tuple(dict.fromkeys((*html_fields, *Settings.html_fields))),
        validation_fraction=validation_fraction,
        duplicates=duplicates,
    )
    workers = bounded_workers(workers)
    try:
        output_folder(out)
        if not os.access(out, os.W_OK):
            fail(f"output folder {out} is not writable")
        if sys.stderr.isatty():
            from cleaner.read.walk import find_inputs

            total = sum(1 for _ in find_inputs(inputs, follow_symlinks))
            with click.progressbar(length=total, label="cleaning", file=sys.stderr) as bar:
                summary = run_build(inputs, out, name, version, settings, workers, progress=bar.update,
                                    engine=engine, follow_symlinks=follow_symlinks, allow_empty=allow_empty,
                                    ray_address=ray_address)
        else:  # a Ray job's log, a batch system: progress as log lines (run.progress)
            from cleaner.run.progress import log_lines

            with log_lines(sys.stderr):
                summary = run_build(inputs, out, name, version, settings, workers, engine=engine,
                                    follow_symlinks=follow_symlinks, allow_empty=allow_empty, ray_address=ray_address)
    except PublishError as e:
        fail(str(e))
    except OSError as e:
        fail(f"{e.strerror or e}: {e.filename or out}")
    except RuntimeError as e:  # an engine that cannot start (Ray missing or unreachable)
        fail(first_line(e))
    verb = "unchanged (already published with the same content)" if summary.status == "unchanged" else "published"
    click.echo(f"{safe_line(summary.version_dir)}: {verb}")
    click.echo(summary.line())


@main.command()
@version_dir_argument()
@output_option("Write the lexicon file here [default: standard output].")
@articles_option("--min-articles", 2, 2, "Different articles a slogan must have been found in.")
def learn(version_dir, output, min_articles) -> None:
    """Mine the spam vocabulary a built version's articles carry, as a lexicon for the next build.

    Slogans whose shards, and coined brands that were removed from MIN_ARTICLES different
    articles or more are written in the lexicon format (sections [slogan] and [brand]); give
    the file to the next build with --spam-lexicon, and they are found on pages that alone gave
    too little evidence."""
    from cleaner.run.learn import learn_version, lexicon_text

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
@click.argument("file", type=click.Path(allow_dash=True))
@click.option("--record", default=None, help="Explain only this record of a JSON Lines, Parquet or WARC file.")
@click.option("--languages", default="", help="As for build: ISO 639-1 codes to keep.")
@click.option("--color/--no-color", default=None, help="Colour the output [default: on a terminal].")
@click.option("--spam-lexicon", "spam_lexicons", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra spam lexicon file, as for build (cleaner learn's output); repeatable.")
@click.option("--duplicates", type=click.Choice(["mark", "reject"]), default="mark", show_default=True,
              help="As for build: what a duplicate of an earlier record becomes.")
def explain(file, record, languages, color, spam_lexicons, duplicates) -> None:
    """Show how FILE (- for standard input) is cleaned, document by document as build reads it:
    each line's label and rule, removed text marked, and the outcome (duplicates included)."""
    from cleaner.run.explain import explain_file, stdin_copy

    settings = Settings(languages=language_codes(languages),
                        spam_lexicons=tuple(str(Path(p).resolve()) for p in spam_lexicons), duplicates=duplicates)
    if file != "-":
        if not os.path.exists(file):
            fail(f"{file} does not exist (give a file, or - for standard input)", 2)
        if not os.path.isfile(file):  # a folder, a FIFO or a device: reading it would block or never end
            fail(f"{file} is not a regular file (explain reads one file; build reads folders)")
    path = stdin_copy() if file == "-" else file
    try:
        click.echo(explain_file(path, settings, record=record, shown=file), color=color)
    except ValueError as e:  # a lexicon file that does not parse, a record that is not there
        fail(str(e))
    finally:
        if file == "-":
            os.unlink(path)


@main.command()
@version_dir_argument()
@output_option("Write the HTML here [default: OUT/NAME/X.Y.Z.report.html, beside the version].")
@articles_option("--max-articles", 0, 1000, "Articles listed in full (the charts and tables count them all).")
def report(version_dir, output, max_articles) -> None:
    """Write a self-contained HTML review of a built version: what was kept and removed, and
    every article with its removed spans highlighted."""
    import pyarrow as pa

    from cleaner.publish.report import write_report

    if not (Path(version_dir) / "manifest.json").is_file():
        fail(f"{version_dir} is not a built version (no manifest.json); give OUT/NAME/X.Y.Z")
    try:
        target = write_report(version_dir, output, max_articles)
    except (OSError, ValueError, KeyError, pa.ArrowException) as e:
        fail(f"cannot report on {version_dir}: {first_line(e)}")
    click.echo(f"{target}: {target.stat().st_size} bytes")


@main.command()
@click.option("--kind", type=click.Choice(["block", "markup", "context", "span", "segment", "document"]), default=None,
              help="Only the rules of this kind.")
def rules(kind) -> None:
    """List every rule: its fixed id (as published in removals.rule or rejected.reason), kind,
    category and what kind of noise it targets."""
    from cleaner.clean.rules.registry import all_rules

    listed = [r for r in all_rules() if kind is None or r.kind == kind]
    width = max(len(r.id) for r in listed)
    for r in listed:
        click.echo(f"{r.id:<{width}}  {r.kind:<8}  {r.category:<11}  {r.description}")


@main.command()
@click.argument("old", type=click.Path(exists=True, file_okay=False))
@click.argument("new", type=click.Path(exists=True, file_okay=False))
def diff(old, new) -> None:
    """Report articles added, removed and changed between two versions."""
    import pyarrow as pa

    from cleaner.publish.diff import diff_versions, format_diff

    try:
        report = format_diff(diff_versions(old, new))
    except (OSError, ValueError, KeyError, pa.ArrowException) as e:  # not a version, damaged Parquet
        fail(f"cannot compare {old} and {new}: {first_line(e)}")
    from cleaner.terminal import safe

    click.echo(safe(report))


@main.command()
@version_dir_argument()
@click.argument("repo_id")
@click.option("--private", is_flag=True, help="Create the repository as private.")
def push(version_dir, repo_id, private) -> None:
    """Upload VERSION_DIR to the Hugging Face Hub as REPO_ID and tag the revision."""
    from cleaner.publish.push import PushError, push_version

    try:
        url = push_version(version_dir, repo_id, private=private)
    except PushError as e:
        fail(str(e))
    click.echo(f"pushed {version_dir} to {url}")


if __name__ == "__main__":
    main()
