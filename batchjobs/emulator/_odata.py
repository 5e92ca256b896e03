"""The OData side of a request: paging (``maxresults``, ``$skiptoken``, ``odata.nextLink``),
``$filter``, ``$select`` (and the projection it asks for) and ``$expand``.

Each reader takes the request's checked query (names lower-cased) and raises the 400 the service
sends for a bad value.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from ._errors import BatchServiceError, bad_query
from ._filter import FilterError, compile_filter
from ._wire import property_paths

__all__ = [
    "decode_token",
    "encode_token",
    "expand_stats",
    "filter_of",
    "is_ascii_number",
    "max_results",
    "next_link",
    "parse_select",
    "project",
    "select_of",
    "skip_position",
]


def max_results(query: dict[str, str]) -> int:
    """``maxresults``: 1-1000, 1000 when absent."""
    text = query.get("maxresults")
    if text is None:
        return 1000
    if not is_ascii_number(text.removeprefix("-")):
        raise bad_query("maxresults", text, "must be an integer")
    value = int(text)
    if not 1 <= value <= 1000:
        raise BatchServiceError(
            400,
            "OutOfRangeQueryParameterValue",
            "One of the query parameters specified in the request URI is outside the permissible range.",
            [
                ("QueryParameterName", "maxresults"),
                ("QueryParameterValue", text),
                ("Reason", "must be 1-1000"),
            ],
        )
    return value


def encode_token(value: int) -> str:
    """An opaque, URL-safe page token (base64url without padding, so no ``+``, ``/`` or ``=``)."""
    return base64.urlsafe_b64encode(f"s{value}".encode()).decode().rstrip("=")


def decode_token(token: str) -> int | None:
    """The position in a token from ``encode_token``; None if it is not one."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
    except (binascii.Error, ValueError):
        return None
    if not raw.startswith("s") or not is_ascii_number(raw[1:]):
        return None
    return int(raw[1:])


def is_ascii_number(text: str, digits: int = 18) -> bool:
    """Up to ``digits`` ASCII digits: ``isdigit`` alone also takes ``²`` and ``٣``, and any length."""
    return 0 < len(text) <= digits and text.isascii() and text.isdigit()


def skip_position(query: dict[str, str]) -> int | None:
    """The position a ``$skiptoken`` continues after; None for the first page."""
    token = query.get("$skiptoken")
    if token is None:
        return None
    position = decode_token(token)
    if position is None:
        raise bad_query("$skiptoken", token, "not a continuation token from this emulator")
    return position


def next_link(query: dict[str, str], page_url: str, after: int) -> str:
    """The absolute link to the page after ``after``, carrying the listing's query."""
    parts = [
        f"{name}={quote(query[name], safe='')}"
        for name in ("api-version", "maxresults", "$filter", "$select", "$expand", "timeout")
        if name in query
    ]
    parts.append(f"$skiptoken={encode_token(after)}")
    return f"{page_url}?{'&'.join(parts)}"


def filter_of(
    query: dict[str, str], cls: type, aliases: dict[str, str] | None = None
) -> Callable[[dict[str, Any]], bool] | None:
    """The ``$filter`` predicate over wire documents of ``cls``; None without a filter."""
    text = query.get("$filter")
    if not text:
        return None
    try:
        predicate = compile_filter(text, cls, aliases)
    except FilterError as exc:
        raise bad_query("$filter", text, str(exc)) from None
    except RecursionError:
        raise bad_query("$filter", text[:100], "nested too deeply") from None

    def match(doc: dict[str, Any]) -> bool:
        try:
            return predicate(doc)
        except TypeError:  # e.g. a datetime compared with a number
            raise bad_query("$filter", text, "compares values of different types") from None

    return match


def parse_select(text: str, cls: type) -> list[tuple[str, ...]]:
    """Split a ``$select`` value into property paths; raises ``KeyError`` naming an unknown one."""
    known = property_paths(cls)
    selected: list[tuple[str, ...]] = []
    for part in text.split(","):
        path = part.strip()
        if not path:
            continue
        if path not in known:
            raise KeyError(path)
        selected.append(tuple(path.split("/")))
    return selected


def select_of(query: dict[str, str], cls: type) -> list[tuple[str, ...]] | None:
    """The ``$select`` property paths; None without a selection."""
    text = query.get("$select")
    if not text:
        return None
    try:
        return parse_select(text, cls)
    except KeyError as exc:
        raise bad_query("$select", text, f"unknown property {exc.args[0]!r}") from None


def project(doc: dict[str, Any], paths: list[tuple[str, ...]]) -> dict[str, Any]:
    """Keep only the selected properties of a wire document (nested paths keep their parents)."""
    out: dict[str, Any] = {}
    for path in paths:
        source: Any = doc
        for key in path:
            if not isinstance(source, dict) or key not in source:
                break
            source = source[key]
        else:
            target = out
            for key in path[:-1]:
                target = target.setdefault(key, {})
            target[path[-1]] = source
    return out


def expand_stats(query: dict[str, str]) -> bool:
    """Whether ``$expand=stats`` was asked for (the only expansion there is)."""
    text = query.get("$expand")
    if not text:
        return False
    for part in text.split(","):
        if part.strip().lower() != "stats":
            raise bad_query("$expand", text, "only 'stats' can be expanded")
    return True
