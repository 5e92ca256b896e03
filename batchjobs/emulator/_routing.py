"""Which operation a request is, and whether its query string fits that operation.

The route table is built from the operation records (``batchjobs._api``): the method, the path
template and the options class say which requests an operation answers and which query parameters
it takes. Matching works on the raw path (``/jobs/a%2Fb`` is the job ``a/b``, and a job id may hold
``:``), which is also what the Shared Key signature covers, so it is done here rather than by
Starlette's decoded path: literal segments compare case-insensitively, parameter segments are
percent-decoded and must not be empty.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from urllib.parse import parse_qsl, unquote

import attrs
from starlette.types import ASGIApp, Receive, Scope, Send

from .._api import Endpoint, Kind
from ._context import CONTEXT, RequestContext, context_of
from ._emulator import Emulator
from ._errors import BatchServiceError, bad_query
from ._newer import NEWER_QUERY
from ._odata import is_ascii_number

__all__ = ["FrontDoor", "RouteTable", "Router", "allowed_query", "api_version_key", "split_path"]

TARGET_API_VERSION = (2023, 5, 1, 17, 0)
#: ``YYYY-MM-DD.MAJOR.MINOR`` (2023-05-01.17.0) or, since 2025, a bare date (2025-06-01).
_API_VERSION = re.compile(r"(\d{4})-(\d\d)-(\d\d)(?:\.(\d+)\.(\d+))?")
#: Options-class fields that travel as query parameters, and their wire names.
_OPTION_QUERY = (
    ("timeout", "timeout"),
    ("filter", "$filter"),
    ("select", "$select"),
    ("expand", "$expand"),
    ("max_results", "maxresults"),
)


def split_path(raw_path: str) -> list[str]:
    """The percent-decoded segments of a raw path (``/jobs/a%2Fb`` -> ``["jobs", "a/b"]``)."""
    stripped = raw_path.strip("/")
    return [unquote(part) for part in stripped.split("/")] if stripped else []


def allowed_query(endpoint: Endpoint) -> frozenset[str]:
    """The query parameters an operation takes (lower-case): ``api-version``, those of its options
    class, ``$skiptoken`` on listings, those taken from arguments and those newer api-versions add."""
    fields = {field.name for field in attrs.fields(endpoint.options_type)}
    allowed = {"api-version"}
    allowed.update(wire for name, wire in _OPTION_QUERY if name in fields)
    if endpoint.kind is Kind.LIST:
        allowed.add("$skiptoken")
    allowed.update(wire.lower() for _, wire in endpoint.query_args)
    allowed.update(NEWER_QUERY.get(endpoint.id, ()))
    return frozenset(allowed)


@attrs.frozen
class _Route:
    endpoint: Endpoint
    literals: tuple[tuple[int, str], ...]  # (segment index, lower-case text)
    params: tuple[tuple[int, str], ...]  # (segment index, parameter name)


@attrs.frozen
class _QueryRules:
    allowed: frozenset[str]
    booleans: tuple[str, ...]


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
#: Path roots whose every Batch operation the emulator serves ("" is ``/`` itself).
_SERVED_ROOTS = frozenset({"", "jobs", "lifetimejobstats"})


class RouteTable:
    """The operations the emulator serves, looked up by method and raw path.

    Args:
        endpoints: The operation records to serve (those the emulator has handlers for).
    """

    def __init__(self, endpoints: Iterable[Endpoint]) -> None:
        self._routes: dict[tuple[str, int], list[_Route]] = {}
        self._tails: dict[str, list[tuple[int, _Route]]] = {}
        self._rules: dict[str, _QueryRules] = {}
        for endpoint in endpoints:
            parts = endpoint.path.strip("/").split("/")
            literals = tuple((i, part.lower()) for i, part in enumerate(parts) if not part.startswith("{"))
            params = tuple((i, part[1:-1]) for i, part in enumerate(parts) if part.startswith("{"))
            route = _Route(endpoint, literals, params)
            self._routes.setdefault((endpoint.method, len(parts)), []).append(route)
            if any(param.file_path and param.name == params[-1][1] for param in endpoint.params):
                # A file path may come with real slashes too (``files/wd/out.txt``): it takes the rest.
                self._tails.setdefault(endpoint.method, []).append((len(parts), route))
            booleans = (*NEWER_QUERY.get(endpoint.id, ()), *(wire.lower() for _, wire in endpoint.query_args))
            self._rules[endpoint.id] = _QueryRules(allowed_query(endpoint), booleans)
        for candidates in self._routes.values():
            candidates.sort(key=lambda route: -len(route.literals))  # the most specific path first

    def refusal(self, method: str, segments: list[str]) -> BatchServiceError:
        """Why a request the table has no operation for is refused. Under the roots whose every
        operation the emulator serves, 405 if the path takes other methods, else 400 (no Batch
        operation has it [INF]); elsewhere 501: a part of the Batch API the emulator leaves out."""
        if (segments or [""])[0].lower() not in _SERVED_ROOTS:
            return BatchServiceError(
                501, "NotImplemented", f"The emulator does not implement {method} /{'/'.join(segments)}."
            )
        allowed = [other for other in _METHODS if other != method and self.match(other, segments)]
        if allowed:
            return BatchServiceError(
                405,
                "UnsupportedHttpVerb",
                "The resource doesn't support the specified HTTP verb.",
                {"HttpVerb": method},
                headers={"Allow": ", ".join(allowed)},
            )
        return BatchServiceError(
            400, "InvalidUri", "The requested URI does not represent any resource on the server."
        )

    def match(self, method: str, segments: list[str]) -> tuple[Endpoint, dict[str, str]] | None:
        """The operation and its path parameters; None if the emulator does not serve the request."""
        words = [segment.lower() for segment in segments]
        for route in self._routes.get((method, len(segments)), ()):
            if all(words[index] == text for index, text in route.literals):
                params = {name: segments[index] for index, name in route.params}
                return (route.endpoint, params) if all(params.values()) else None
        for length, route in self._tails.get(method, ()):
            if len(segments) > length and all(words[index] == text for index, text in route.literals):
                params = {name: segments[index] for index, name in route.params}
                last = route.params[-1][1]
                params[last] = "/".join(segments[length - 1 :])
                return (route.endpoint, params) if all(params.values()) else None
        return None

    def check_query(self, endpoint: Endpoint, query_string: str) -> dict[str, str]:
        """The query parameters (names lower-case, the first of repeated ones); raises the 400 the
        service sends for an unknown parameter and a missing, malformed or too old api-version."""
        query: dict[str, str] = {}
        for name, value in parse_qsl(query_string, keep_blank_values=True):
            query.setdefault(name.lower(), value)
        rules = self._rules[endpoint.id]
        for name in query:
            if name not in rules.allowed:
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
                "The specified api-version is older than the version this emulator implements "
                "(2023-05-01.17.0).",
                {"QueryParameterName": "api-version", "QueryParameterValue": version},
            )
        for name in rules.booleans:
            flag = query.get(name)
            if flag is not None and flag.lower() not in ("true", "false"):
                raise bad_query(name, flag, "must be true or false")
        timeout = query.get("timeout")
        if timeout is not None and not (is_ascii_number(timeout, 9) and int(timeout) > 0):
            raise bad_query("timeout", timeout, "must be a positive number of seconds")
        return query


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


class FrontDoor:
    """The app's one route: ``/_emulator/…`` goes to the control plane, everything else to the data
    plane, each with its ``RequestContext`` (for the data plane with the operation it matched)."""

    def __init__(self, emulator: Emulator, table: RouteTable, *, data: ASGIApp, control: ASGIApp) -> None:
        self.emulator = emulator
        self.table = table
        self.data = data
        self.control = control

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        raw_path = (scope.get("raw_path") or scope["path"].encode()).decode("latin-1")
        segments = split_path(raw_path)
        if segments[:1] == ["_emulator"]:
            scope[CONTEXT] = RequestContext(self.emulator, scope, receive, raw_path, segments, echo_ids=False)
            await self.control(scope, receive, send)
            return
        matched = self.table.match(scope["method"], segments)
        endpoint, params = matched if matched is not None else (None, None)
        scope[CONTEXT] = RequestContext(self.emulator, scope, receive, raw_path, segments, endpoint, params)
        await self.data(scope, receive, send)


class Router:
    """The data-plane layer that refuses what the emulator does not serve (``RouteTable.refusal``)
    and a query string
    the operation does not take (400), before the request goes on to ``app``."""

    def __init__(self, table: RouteTable, app: ASGIApp) -> None:
        self.table = table
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        ctx = context_of(scope)
        if ctx.endpoint is None:
            raise self.table.refusal(ctx.method, ctx.segments)
        ctx.query = self.table.check_query(ctx.endpoint, ctx.query_string)
        await self.app(scope, receive, send)
