"""Inputs given as fsspec URLs (`s3://bucket/crawl`, `hf://datasets/owner/name/data`,
`memory://corpus`...): listed and read through fsspec, by whichever process reads the input.

A `file://` URL is a local path and is read as one (links, special files and all). Any other
protocol's files are `RemotePath`s: a URL that behaves, for the readers, as a `Path` does (name,
stat, read_bytes, open). The file systems' own packages (s3fs, gcsfs, huggingface_hub for
hf://) are the user's to install; fsspec names the one missing.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import BinaryIO

URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
PROCESS_LOCAL = ("memory",)  # file systems held in the memory of one process: no other process sees them


def is_url(given: str | object) -> bool:
    """`given` names a file system through a protocol (`s3://...`), not a local path."""
    return isinstance(given, str) and URL.match(given) is not None


def local_path(given: str) -> str | None:
    """The local path of a `file://` URL; None for any other protocol."""
    if given.lower().startswith("file://"):
        return given[len("file://"):] or "/"
    return None


def file_system(url: str):
    """(fsspec file system, path inside it) of a URL; ValueError naming a missing package."""
    import fsspec

    try:
        return fsspec.core.url_to_fs(url)
    except ImportError as e:
        raise ValueError(f"reading {url.split('://')[0]}:// needs a package: {e}") from None


@dataclass(frozen=True)
class RemotePath:
    """A file behind an fsspec URL, with the few methods of Path that the readers use."""

    url: str

    def __str__(self) -> str:
        return self.url

    def __fspath__(self) -> str:  # os.path functions on it see the URL, never a local file
        return self.url

    @property
    def protocol(self) -> str:
        return self.url.split("://", 1)[0].lower()

    @property
    def name(self) -> str:
        return self.url.rstrip("/").rsplit("/", 1)[-1]

    def stat(self) -> SimpleNamespace:
        """Size, kind (st_mode) and a version stamp (st_mtime_ns: modification time or ETag)."""
        fs, path = file_system(self.url)
        try:
            info = fs.info(path)
        except FileNotFoundError:
            raise
        except Exception as e:  # each file system raises its own kinds
            raise OSError(f"{type(e).__name__}: {e}") from e
        mode = stat.S_IFDIR if info.get("type") == "directory" else stat.S_IFREG
        stamp = next((info[k] for k in ("ETag", "etag", "mtime", "LastModified", "last_modified", "created")
                      if info.get(k) is not None), None)
        return SimpleNamespace(st_size=int(info.get("size") or 0), st_mode=mode,
                               st_mtime_ns=None if stamp is None else str(stamp))

    def open(self) -> BinaryIO:
        fs, path = file_system(self.url)
        return fs.open(path, "rb")

    def read_bytes(self) -> bytes:
        with self.open() as f:
            return f.read()


def open_input(path: Path | RemotePath) -> BinaryIO:
    """A local file or a URL's file, opened for reading bytes."""
    return path.open() if isinstance(path, RemotePath) else open(path, "rb")


def exists(url: str) -> bool:
    fs, path = file_system(url)
    return fs.exists(path)


def list_url(url: str) -> tuple[bool, list[tuple[RemotePath, str]]]:
    """(is a folder, [(file, its path relative to the URL)]) sorted, hidden files and folders
    (a name starting with '.') left out; a file URL lists itself with its own name."""
    fs, root = file_system(url)
    if not fs.isdir(root):
        return False, [(RemotePath(url), RemotePath(url).name)]
    root = root.rstrip("/")
    found = []
    # as walk._walk does: top-down, a folder's files (sorted) before its sub-folders (sorted)
    for folder, dirnames, filenames in fs.walk(root, topdown=True, detail=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(f for f in filenames if not f.startswith(".")):
            path = f"{folder.rstrip('/')}/{name}"
            relative = path[len(root):].lstrip("/") if path.startswith(root) else path
            found.append((RemotePath(fs.unstrip_protocol(path)), relative))
    return True, found
