"""Query-string and routing rules of the Job API: which operation a request is, the api-version,
paging (``maxresults``, ``$skiptoken``, ``odata.nextLink``), ``$filter``, ``$select`` and ``$expand``.

Routing works on the raw path (``/jobs/a%2Fb`` is the job ``a/b``), which is also what the
Shared Key signature covers, so it is matched here rather than by Starlette's decoded path.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any
from urllib.parse import quote

import attrs

from ._errors import BatchServiceError, bad_query
from ._filter import FilterError, compile_filter
from ._wire import decode_token, encode_token, parse_select

__all__ = [
    "Route",
    "api_version_key",
    "expand_stats",
    "filter_of",
    "max_results",
    "next_link",
    "query_rules",
    "resolve",
    "select_of",
    "skip_position",
]

TARGET_API_VERSION = (2023, 5, 1, 17, 0)
#: ``YYYY-MM-DD.MAJOR.MINOR`` (2023-05-01.17.0) or, since 2025, a bare date (2025-06-01).
_API_VERSION = re.compile(r"(\d{4})-(\d\d)-(\d\d)(?:\.(\d+)\.(\d+))?")

_COMMON = frozenset({"api-version", "timeout"})
_LISTING = frozenset({"$filter", "$select", "maxresults", "$skiptoken"})
#: Which query parameters each operation takes (names compared case-insensitively).
_QUERY = {
    "get": _COMMON | {"$select", "$expand"},
    "list": _COMMON | _LISTING | {"$expand"},
    "list_from_job_schedule": _COMMON | _LISTING | {"$expand"},
    "list_preparation_and_release_task_status": _COMMON | _LISTING,
    # Since 2024-07-01.20.0 (azure-batch 15.x): force=true|false. A forced delete/terminate does
    # not wait for the nodes, which the emulator never does anyway, so it acts as the plain one. [INF]
    "delete": _COMMON | {"force"},
    "terminate": _COMMON | {"force"},
}


@attrs.frozen
class Route:
    """Which operation a request is, and for which job or job schedule."""

    operation: str
    job_id: str | None = None
    schedule_id: str | None = None


_JOB_ACTIONS = {
    ("POST", "disable"): "disable",
    ("POST", "enable"): "enable",
    ("POST", "terminate"): "terminate",
    ("GET", "taskcounts"): "get_task_counts",
    ("GET", "jobpreparationandreleasetaskstatus"): "list_preparation_and_release_task_status",
}
_JOB_METHODS = {"GET": "get", "PATCH": "patch", "PUT": "update", "DELETE": "delete"}


def resolve(method: str, segments: list[str]) -> Route | None:
    """Match a request to one of the twelve operations; None if the emulator does not serve it."""
    words = [segment.lower() for segment in segments]
    if words == ["jobs"]:
        return {"POST": Route("add"), "GET": Route("list")}.get(method)
    if len(words) == 2 and words[0] == "jobs" and segments[1]:
        operation = _JOB_METHODS.get(method)
        return Route(operation, job_id=segments[1]) if operation else None
    if len(words) == 3 and words[0] == "jobs" and segments[1]:
        operation = _JOB_ACTIONS.get((method, words[2]))
        return Route(operation, job_id=segments[1]) if operation else None
    if (
        len(words) == 3
        and words[0] == "jobschedules"
        and words[2] == "jobs"
        and segments[1]
        and method == "GET"
    ):
        return Route("list_from_job_schedule", schedule_id=segments[1])
    return None


def query_rules(route: Route, query: dict[str, str]) -> None:
    """Reject unknown query parameters and a missing, malformed or too old api-version."""
    allowed = _QUERY.get(route.operation, _COMMON)
    for name in query:
        if name not in allowed:
            raise BatchServiceError(
                400,
                "UnsupportedQueryParameter",
                "One of the query parameters specified in the request URI is not supported.",
                {"QueryParameterName": name},
            )
    version = query.get("api-version")
    if not version:
        raise BatchServiceError(
            400,
            "MissingRequiredQueryParameter",
            "A query parameter that's mandatory for this request is not specified.",
            {"QueryParameterName": "api-version"},
        )
    if api_version_key(version) < TARGET_API_VERSION:
        raise BatchServiceError(
            400,
            "UnsupportedRequestVersion",
            "The specified api-version is older than the version this emulator implements (2023-05-01.17.0).",
            {"QueryParameterName": "api-version", "QueryParameterValue": version},
        )
    force = query.get("force")
    if force is not None and force.lower() not in ("true", "false"):
        raise bad_query("force", force, "must be true or false")
    timeout = query.get("timeout")
    if timeout is not None and not (timeout.isdigit() and int(timeout) > 0):
        raise bad_query("timeout", timeout, "must be a positive number of seconds")


def api_version_key(version: str) -> tuple[int, int, int, int, int]:
    """A sortable key: date first, then major/minor; a bare date sorts as ``.0.0`` of that date."""
    match = _API_VERSION.fullmatch(version)
    if match is None:
        raise bad_query("api-version", version, "expected YYYY-MM-DD or YYYY-MM-DD.MAJOR.MINOR")
    year, month, day, major, minor = (int(part or 0) for part in match.groups())
    try:
        date(year, month, day)
    except ValueError:
        raise bad_query("api-version", version, "not a calendar date") from None
    return year, month, day, major, minor


def max_results(query: dict[str, str]) -> int:
    """``maxresults``: 1-1000, 1000 when absent."""
    text = query.get("maxresults")
    if text is None:
        return 1000
    try:
        value = int(text)
    except ValueError:
        raise bad_query("maxresults", text, "must be an integer") from None
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


def skip_position(query: dict[str, str]) -> int | None:
    """The position a ``$skiptoken`` continues after; None for the first page."""
    token = query.get("$skiptoken")
    if token is None:
        return None
    position = decode_token(token)
    if position is None:
        raise bad_query("$skiptoken", token, "not a continuation token from this emulator")
    return position


def filter_of(
    query: dict[str, str], cls: type, aliases: dict[str, str] | None = None
) -> Callable[[dict[str, Any]], bool] | None:
    text = query.get("$filter")
    if not text:
        return None
    try:
        return compile_filter(text, cls, aliases)
    except FilterError as exc:
        raise bad_query("$filter", text, str(exc)) from None


def select_of(query: dict[str, str], cls: type) -> list[tuple[str, ...]] | None:
    text = query.get("$select")
    if not text:
        return None
    try:
        return parse_select(text, cls)
    except KeyError as exc:
        raise bad_query("$select", text, f"unknown property {exc.args[0]!r}") from None


def expand_stats(query: dict[str, str]) -> bool:
    text = query.get("$expand")
    if not text:
        return False
    for part in text.split(","):
        if part.strip().lower() != "stats":
            raise bad_query("$expand", text, "only 'stats' can be expanded")
    return True


def next_link(query: dict[str, str], page_url: str, after: int) -> str:
    """The absolute link to the page after ``after``, carrying the listing's query."""
    parts = [
        f"{name}={quote(query[name], safe='')}"
        for name in ("api-version", "maxresults", "$filter", "$select", "$expand", "timeout")
        if name in query
    ]
    parts.append(f"$skiptoken={encode_token(after)}")
    return f"{page_url}?{'&'.join(parts)}"
