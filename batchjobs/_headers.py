"""Typed views of response headers: what an operation returns in headers rather than a body.

Pure: it reads any case-insensitive header mapping (``httpx.Headers``), so the operation records
can name these classes without importing the HTTP stack.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar
from urllib.parse import unquote

import attrs

from .errors import DeserializationError

__all__ = ["FileHeaders"]

T = TypeVar("T")


@attrs.frozen(kw_only=True)
class FileHeaders:
    """A task file's properties, as the service sends them in the headers of a HEAD (or GET).

    Attributes:
        content_length: The size in bytes (None on a GET, whose body is chunked).
        content_type: The media type, e.g. ``text/plain``.
        is_directory: Whether the path is a directory.
        url: The file's URL (the service sends it percent-encoded as a whole; this is decoded).
        file_mode: The file mode on Linux nodes, e.g. ``0o100644``; None on Windows.
        creation_time: When the file was created, on Windows nodes; None on Linux.
        last_modified: When the file was last changed.
    """

    content_length: int | None
    content_type: str | None
    is_directory: bool | None
    url: str | None
    file_mode: str | None
    creation_time: datetime | None
    last_modified: datetime | None

    @classmethod
    def from_headers(cls, headers: Mapping[str, str], response: Any = None) -> FileHeaders:
        """Read ``headers`` (case-insensitive); a malformed one raises ``DeserializationError`` naming it."""

        def parsed(name: str, parse: Callable[[str], T]) -> T | None:
            value = headers.get(name)
            if value is None:
                return None
            try:
                return parse(value)
            except ValueError as exc:
                raise DeserializationError(
                    f"the {name} header {value!r} is not valid: {exc}",
                    path=f"headers.{name}",
                    response=response,
                ) from None

        return cls(
            content_length=parsed("Content-Length", _non_negative_int),
            content_type=headers.get("Content-Type"),
            is_directory=parsed("ocp-batch-file-isdirectory", _boolean),
            url=parsed("ocp-batch-file-url", unquote),
            file_mode=headers.get("ocp-batch-file-mode"),
            creation_time=parsed("ocp-creation-time", _http_date),
            last_modified=parsed("Last-Modified", _http_date),
        )


def _non_negative_int(value: str) -> int:
    number = int(value.strip())
    if number < 0:
        raise ValueError("negative")
    return number


def _boolean(value: str) -> bool:
    """``True``/``False`` in any case: the service writes them capitalised."""
    lowered = value.strip().lower()
    if lowered not in ("true", "false"):
        raise ValueError("expected true or false")
    return lowered == "true"


def _http_date(value: str) -> datetime:
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError):
        raise ValueError("expected an RFC 1123 date") from None
