"""Expanding the inputs a user names (files, folders, globs, ``-``, URLs) into streams to read.

Ids are derived from the inputs so reruns give the same ids: a file named directly (or via
a glob) is known by its file name, a file found under a folder by its path relative to the
folder, stdin as ``stdin``, a URL as itself.
"""

from __future__ import annotations

import glob
import io
import os
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path, PurePosixPath
from typing import BinaryIO
from urllib.parse import urlsplit

from newsgraph.config import IngestConfig
from newsgraph.ingest.documents import Origin
from newsgraph.ingest.fetch import FetchError, fetch
from newsgraph.ingest.readers import read_stream
from newsgraph.records import IngestError, RawDocument

Item = RawDocument | IngestError

_URL = re.compile(r"\A[A-Za-z][A-Za-z0-9+.-]*://")
_GLOB = re.compile(r"[*?[]")


def iter_inputs(paths: Sequence[str], config: IngestConfig, stdin: BinaryIO | None = None) -> Iterator[Item]:
    """Every document in ``paths``, in order, lazily; unreadable inputs become one-line IngestErrors."""
    for arg in paths:
        for item in _read_arg(arg, config, stdin):
            if isinstance(item, IngestError) and not item.message.isprintable():
                printable = "".join(ch if ch.isprintable() else " " for ch in item.message)
                item = IngestError(item.source, " ".join(printable.split()), item.line)
            yield item


def _read_arg(arg: str, config: IngestConfig, stdin: BinaryIO | None) -> Iterator[Item]:
    if not arg.strip():
        yield IngestError(repr(arg), "empty path")
    elif arg == "-":
        origin = Origin(id="stdin", source="stdin", name="")
        yield from _guarded(read_stream(stdin or sys.stdin.buffer, origin, config), "stdin")
    elif _URL.match(arg):
        yield from _guarded(_read_url(arg, config), arg)
    else:
        yield from _read_path(arg, config)


def _guarded(items: Iterator[Item], source: str) -> Iterator[Item]:
    """Last line of defence: an unforeseen failure on one input never stops the batch."""
    try:
        yield from items
    except Exception as exc:
        yield IngestError(source, f"unexpected error: {type(exc).__name__}: {exc}")


def _read_path(arg: str, config: IngestConfig) -> Iterator[Item]:
    path = Path(arg)
    if path.is_dir():
        yield from _read_folder(path, config)
    elif path.exists() or not _GLOB.search(arg):
        yield from _read_file(path, path.name, arg, config)
    else:
        matches = sorted(glob.glob(arg, recursive=True))
        if not matches:
            yield IngestError(arg, "no files match this pattern")
        for match in matches:
            found = Path(match)
            yield from (
                _read_folder(found, config)
                if found.is_dir()
                else _read_file(found, found.name, match, config)
            )


def _read_folder(folder: Path, config: IngestConfig) -> Iterator[Item]:
    for found in _files_under(folder):
        if isinstance(found, IngestError):
            yield found
        else:
            yield from _read_file(found, found.relative_to(folder).as_posix(), str(found), config)


def _files_under(directory: Path) -> Iterator[Path | IngestError]:
    """Regular files below ``directory``, depth first in name order, skipping hidden names and
    symlinked folders (which could loop)."""
    try:
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as exc:
        yield IngestError(str(directory), f"cannot list folder: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _files_under(Path(entry.path))
        elif entry.is_file():
            yield Path(entry.path)


def _read_file(path: Path, doc_id: str, source: str, config: IngestConfig) -> Iterator[Item]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield IngestError(source, f"cannot open: {exc.strerror or exc}")
        return
    with handle:
        size = os.fstat(handle.fileno()).st_size or None
        origin = Origin(id=doc_id, source=source, name=path.name, size=size)
        yield from _guarded(read_stream(handle, origin, config), source)


def _read_url(url: str, config: IngestConfig) -> Iterator[Item]:
    try:
        fetched = fetch(url, config)
    except FetchError as exc:
        yield IngestError(url, str(exc))
        return
    origin = Origin(
        id=url,
        source=url,
        name=PurePosixPath(urlsplit(fetched.url).path).name,
        charset=fetched.charset,
        content_type=fetched.content_type,
        url=fetched.url,
    )
    yield from read_stream(io.BytesIO(fetched.body), origin, config)
