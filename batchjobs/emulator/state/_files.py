"""A task's directory on its (emulated) node: ``stdout.txt``, ``stderr.txt`` and ``wd/``, with the
file API's rules: listings of direct children or of every descendant, ranged reads, properties,
and deletes that need ``recursive`` for a directory that is not empty.

Paths arrive decoded, with ``/`` or ``\\`` as separators (tasks-api.md §9.2); listings name them
with ``/`` (the emulated node is Linux, so files carry a ``fileMode`` and no creation time).
"""

from __future__ import annotations

import mimetypes
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import attrs

from .._errors import BatchServiceError
from .._wire import iso7

__all__ = ["DirectoryFiles", "FileEntry", "TaskFiles", "byte_range", "file_not_found", "split_path"]

_CHUNK = 64 * 1024


def file_not_found(path: str) -> BatchServiceError:
    return BatchServiceError(404, "FileNotFound", "The specified file does not exist.", {"FilePath": path})


def _not_empty(path: str) -> BatchServiceError:
    return BatchServiceError(
        409,
        "DirectoryNotEmpty",
        "The directory is not empty: delete it with recursive=true.",
        {"FilePath": path},
    )  # [INF: status and code]


def split_path(path: str) -> tuple[str, ...]:
    """The steps of a task-relative path; ``.``/``..`` steps and empty paths are refused."""
    steps = tuple(step for step in path.replace("\\", "/").split("/") if step)
    if not steps or any(step in (".", "..") for step in steps):
        raise file_not_found(path)
    return steps


def byte_range(size: int, first: int | None, last: int | None) -> tuple[int, int]:
    """The inclusive range to send of a ``size``-byte file (all of it without ``first``); 416 if none."""
    if first is None:
        return 0, size - 1
    if first >= size:
        raise BatchServiceError(
            416, "InvalidRange", "The range specified is invalid for the current size of the resource."
        )
    return first, size - 1 if last is None else min(last, size - 1)


@attrs.define(eq=False)
class FileEntry:
    """One file or directory: its bytes (files only, in memory) or its size on disk, and its times."""

    is_directory: bool
    created: datetime
    modified: datetime
    data: bytearray = attrs.Factory(bytearray)
    size_on_disk: int | None = None

    @property
    def size(self) -> int:
        return len(self.data) if self.size_on_disk is None else self.size_on_disk

    def properties(self, name: str) -> dict[str, Any]:
        """``NodeFile.properties`` (files only): sizes as strings, as the service writes them."""
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return {
            "lastModified": iso7(self.modified),
            "contentLength": str(self.size),
            "contentType": content_type,
            "fileMode": "0o100644",
        }


class TaskFiles:
    """The files of one task: a tree of ``FileEntry`` keyed by path steps."""

    def __init__(self, now: datetime) -> None:
        self._entries: dict[tuple[str, ...], FileEntry] = {("wd",): FileEntry(True, now, now)}
        for name in ("stdout.txt", "stderr.txt"):
            self._entries[(name,)] = FileEntry(False, now, now)

    def write(self, path: str, data: bytes, now: datetime, *, append: bool = False) -> None:
        """Create or overwrite (or extend) a file, and its directories."""
        steps = split_path(path)
        for depth in range(1, len(steps)):
            self._entries.setdefault(steps[:depth], FileEntry(True, now, now))
        entry = self._entries.get(steps)
        if entry is None or entry.is_directory:
            entry = self._entries[steps] = FileEntry(False, now, now)
        if not append:
            entry.data.clear()
        entry.data += data
        entry.modified = now

    def entry(self, path: str) -> FileEntry:
        found = self._entries.get(split_path(path))
        if found is None:
            raise file_not_found(path)
        return found

    def read(self, path: str, first: int | None = None, last: int | None = None) -> bytes:
        """The bytes of a file, or of the inclusive range ``first``-``last``; 416 when unsatisfiable."""
        entry = self.entry(path)
        start, end = byte_range(entry.size, first, last)
        return bytes(entry.data[start : end + 1])

    def stream(self, path: str, first: int | None = None, last: int | None = None) -> Iterator[bytes]:
        return iter([self.read(path, first, last)])

    def listing(self, recursive: bool) -> list[tuple[str, FileEntry]]:
        """``(name, entry)`` for the direct children, or every descendant, in path order."""
        found = [
            ("/".join(steps), entry) for steps, entry in self._entries.items() if recursive or len(steps) == 1
        ]
        return sorted(found, key=lambda item: item[0])

    def delete(self, path: str, recursive: bool) -> None:
        """Remove a file, or a directory (with ``recursive``, or when it is empty)."""
        steps = split_path(path)
        entry = self.entry(path)
        below = [key for key in self._entries if key[: len(steps)] == steps and key != steps]
        if entry.is_directory and below and not recursive:
            raise _not_empty(path)
        for key in [steps, *below]:
            del self._entries[key]


class DirectoryFiles:
    """A task's real directory on the local disk (the subprocess executor's), with the same interface
    as ``TaskFiles``. Paths that would leave the directory (through a link) are not found."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, path: str) -> Path:
        target = self.root.joinpath(*split_path(path))
        try:
            target.resolve().relative_to(self.root.resolve())
        except ValueError:
            raise file_not_found(path) from None
        if not target.exists():
            raise file_not_found(path)
        return target

    @staticmethod
    def _entry(target: Path) -> FileEntry:
        info = target.stat()
        modified = datetime.fromtimestamp(info.st_mtime, UTC)
        directory = target.is_dir()
        return FileEntry(directory, modified, modified, size_on_disk=0 if directory else info.st_size)

    def entry(self, path: str) -> FileEntry:
        return self._entry(self._path(path))

    def read(self, path: str, first: int | None = None, last: int | None = None) -> bytes:
        return b"".join(self.stream(path, first, last))

    def stream(self, path: str, first: int | None = None, last: int | None = None) -> Iterator[bytes]:
        """The file's bytes in chunks, read as sent (a file still being written is read as far as it is)."""
        target = self._path(path)
        start, end = byte_range(target.stat().st_size, first, last)
        return _chunks(target, start, end)

    def listing(self, recursive: bool) -> list[tuple[str, FileEntry]]:
        found: list[tuple[str, FileEntry]] = []
        if not self.root.is_dir():  # the executor has not made it yet: a task just started
            return found
        paths = self.root.rglob("*") if recursive else self.root.iterdir()
        for target in paths:
            found.append((target.relative_to(self.root).as_posix(), self._entry(target)))
        return sorted(found, key=lambda item: item[0])

    def delete(self, path: str, recursive: bool) -> None:
        target = self._path(path)
        if not target.is_dir():
            target.unlink()
        elif recursive:
            shutil.rmtree(target)
        elif any(target.iterdir()):
            raise _not_empty(path)
        else:
            target.rmdir()


def _chunks(target: Path, start: int, end: int) -> Iterator[bytes]:
    with target.open("rb") as handle:
        handle.seek(start)
        left = end - start + 1
        while left > 0:
            chunk = handle.read(min(_CHUNK, left))
            if not chunk:
                return
            left -= len(chunk)
            yield chunk
