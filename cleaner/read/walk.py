"""Find the input files under the given files and folders, and name each one (`source_file`).

Names: with one input, a file's path relative to it (`a/b.txt`); with several, the input's own
name comes first (`texts/a/b.txt`, `sites/a/b.txt`), so that two folders holding the same
relative path never give two documents one name. Two inputs with one name are told apart by a
suffix in the order given: `texts`, `texts~2`, `texts~3`.

Symbolic links are followed only while they stay inside the inputs: a link (to a file or a
folder) that leads out of every input, or into /proc, /sys or /dev, is listed as an
`outside_input` input and not read, so that nothing from elsewhere on the machine reaches a
dataset. `follow_symlinks` lets links out of the inputs through, but never into /proc, /sys, /dev.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from cleaner.read import remote

PSEUDO_FILE_SYSTEMS = ("/proc", "/sys", "/dev")  # kernel and device files: never read through a link


@dataclass(frozen=True)
class InputFile:
    path: Path | remote.RemotePath  # a local file, or a file behind an fsspec URL
    relative: str  # its source_file: see the module's docstring (posix separators)
    error: str | None = None  # why it is not read (an unreadable folder, a link leading out)
    reason: str = "unreadable"  # the rejection reason when `error` is set


def printable(name: str) -> str:
    """A file name as valid Unicode: undecodable bytes escaped (\\xNN), never lost; a backslash
    of the name doubled, so that a name spelling out "\\xff" stays apart from one holding the byte."""
    return name.replace("\\", "\\\\").encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def input_labels(inputs: list[str | os.PathLike]) -> list[str]:
    """Each input's name as the first part of its files' names; "" when there is one input."""
    if len(inputs) < 2:
        return [""] * len(inputs)
    labels: list[str] = []
    for given in inputs:
        own = remote.RemotePath(str(given)).name if remote.is_url(given) else \
            Path(given).name or Path(given).resolve().name
        base = printable(own or "input")
        label, n = base, 1
        while label in labels:
            n += 1
            label = f"{base}~{n}"
        labels.append(label)
    return labels


def find_inputs(inputs: list[str | os.PathLike], follow_symlinks: bool = False) -> Iterator[InputFile]:
    """Files under each input (recursively, sorted, symlink loops skipped), or the file itself;
    an fsspec URL's files are listed through fsspec (read.remote)."""
    roots = [os.path.realpath(given) for given in inputs if not remote.is_url(given)]
    for given, label in zip(inputs, input_labels(inputs)):
        if remote.is_url(given):
            yield from _listed(str(given), label)
            continue
        root = Path(given)
        if not root.is_dir():  # a file, or something else (a FIFO...) that iter_documents rejects
            relative = label or printable(root.name)
            why = _pseudo(os.path.realpath(root)) if os.path.islink(root) else None
            yield InputFile(root, relative, why, "outside_input") if why else InputFile(root, relative)
            continue
        yield from _walk(root, label, roots, follow_symlinks)


def _listed(url: str, label: str) -> Iterator[InputFile]:
    """The files under a URL (or the URL's file), named as a local folder's would be."""
    folder, found = remote.list_url(url)
    for path, relative in found:
        if folder:
            yield InputFile(path, f"{label}/{printable(relative)}" if label else printable(relative))
        else:
            yield InputFile(path, label or printable(relative))


def _walk(root: Path, label: str, roots: list[str], follow: bool) -> Iterator[InputFile]:
    def name(path: Path) -> str:
        relative = printable(path.relative_to(root).as_posix())
        return f"{label}/{relative}" if label else relative

    seen: set[tuple[int, int]] = set()
    errors: list[OSError] = []
    real_root = os.path.realpath(root)
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=errors.append):
        yield from _unlisted(errors, root, label, name)
        try:
            st = os.stat(dirpath)
        except OSError:
            continue
        if (st.st_dev, st.st_ino) in seen:
            dirnames[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        walked = []
        for d in sorted(d for d in dirnames if not d.startswith(".")):
            path = Path(dirpath) / d
            why = leaves_inputs(path, root, real_root, roots, follow, folder=True)
            if why:
                yield InputFile(path, name(path) + "/", why, "outside_input")
            else:
                walked.append(d)
        dirnames[:] = walked
        for file in sorted(filenames):
            if file.startswith("."):
                continue
            path = Path(dirpath) / file
            why = leaves_inputs(path, root, real_root, roots, follow)
            yield InputFile(path, name(path), why, "outside_input") if why else InputFile(path, name(path))
    yield from _unlisted(errors, root, label, name)


def leaves_inputs(path: Path, root: Path, real_root: str, roots: list[str], follow: bool,
                  folder: bool = False) -> str | None:
    """Why `path`, found under the input `root` (real path `real_root`), is not read because a
    symbolic link leads out of the inputs or into /proc, /sys, /dev; None when it is read."""
    real = os.path.realpath(path)
    if real == os.path.join(real_root, os.path.relpath(path, root)):
        return None  # no link on the way down from the input
    why = _pseudo(real)
    if why:
        return why
    if follow or any(_under(real, r) for r in roots):
        return None
    kind = "a folder" if folder else "a file"
    return f"a symbolic link to {kind} outside the input folders: not followed (--follow-symlinks follows it)"


def _pseudo(real: str) -> str | None:
    for top in PSEUDO_FILE_SYSTEMS:
        if _under(real, top):
            return f"a symbolic link into {top}: never followed"
    return None


def _under(path: str, folder: str) -> bool:
    folder = folder.rstrip("/")
    return path == folder or path.startswith(folder + "/")


def _unlisted(errors: list[OSError], root: Path, label: str, name: Callable[[Path], str]) -> Iterator[InputFile]:
    """Folders os.walk could not list (permissions): one unreadable input each, not silence."""
    while errors:
        e = errors.pop(0)
        path = Path(e.filename) if e.filename else root
        relative = name(path) if path != root else (label or printable(root.name))
        yield InputFile(path, relative + "/", f"{type(e).__name__}: {e.strerror or e} (a folder)")
