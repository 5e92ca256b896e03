"""One request on its way through the emulator: what was asked and how to answer it.

The front door (``_routing.FrontDoor``) builds a ``RequestContext`` for every request and puts it in
the ASGI scope; each layer (journal, auth, router, faults) and then the handler read it there and
add what they found out (the auth scheme accepted, the checked query, the fault that hit).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope

from .._api import Endpoint
from ._auth import verify_request
from ._emulator import Emulator
from ._errors import JSON_TYPE, bad_header
from ._wire import parse_rfc1123
from .state._conditions import Conditions

__all__ = ["CONTEXT", "Handler", "RequestContext", "base_url_of", "context_of"]

#: The ASGI scope key of the request's ``RequestContext``.
CONTEXT = "batchjobs.emulator.context"

_DATE_CONDITIONS = ("if-modified-since", "if-unmodified-since")


def base_url_of(scope: Scope, headers: Mapping[str, str]) -> str:
    """``scheme://host[:port]`` as the client reached us (Host header), for links and URLs."""
    host = headers.get("host")
    if not host:
        server = scope.get("server") or ("localhost", None)
        host = server[0] if server[1] is None else f"{server[0]}:{server[1]}"
    return f"{scope.get('scheme', 'http')}://{host}"


class RequestContext:
    """One request: the raw request, the operation it matched and what the layers learned of it.

    Attributes:
        emulator: The account the request is served from.
        request: The Starlette request (for the body).
        method: The HTTP method.
        raw_path: The path as sent, still percent-encoded (what Shared Key signs).
        segments: The path's segments, percent-decoded.
        query_string: The raw query string.
        header_pairs: The request headers as ASGI delivers them (names lower-case).
        headers: The same as a dict.
        base_url: ``scheme://host[:port]`` as the client reached us.
        request_id: The ``request-id`` of the response (and of the journal entry).
        echo: The headers echoed on every response (``client-request-id`` when asked for).
        endpoint: The operation matched, or None (the control plane, or a path the emulator lacks).
        params: The path parameters of that operation, decoded (``{"job_id": "a/b"}``).
        query: The query parameters (names lower-case), once the router has checked them.
        auth: The ``Authorization`` scheme the auth layer accepted.
        fault: The id of the injected fault that hit the request.
        dropped: Whether a fault cut the connection instead of answering.
    """

    def __init__(
        self,
        emulator: Emulator,
        scope: Scope,
        receive: Receive,
        raw_path: str,
        segments: list[str],
        endpoint: Endpoint | None = None,
        params: dict[str, str] | None = None,
        *,
        echo_ids: bool = True,
    ) -> None:
        self.emulator = emulator
        self.request = Request(scope, receive)
        self.method: str = scope["method"]
        self.raw_path = raw_path
        self.segments = segments
        self.query_string: str = scope.get("query_string", b"").decode("latin-1")
        self.header_pairs = [
            (name.decode("latin-1"), value.decode("latin-1")) for name, value in scope["headers"]
        ]
        self.headers = headers = dict(self.header_pairs)
        self.base_url = base_url_of(scope, headers)
        self.request_id = str(uuid.uuid4())
        self.echo: dict[str, str] = {}
        client_request_id = headers.get("client-request-id")
        if echo_ids and client_request_id and headers.get("return-client-request-id", "").lower() == "true":
            self.echo["client-request-id"] = client_request_id
        self.endpoint = endpoint
        self.params: dict[str, str] = params if params is not None else {}
        self.query: dict[str, str] = {}
        self.auth: str | None = None
        self.fault: int | None = None
        self.dropped = False

    def verify_auth(self) -> str | None:
        """Check the request's ``Authorization`` (``_auth.verify_request``): its scheme, or the
        service's error."""
        target = self.raw_path + ("?" + self.query_string if self.query_string else "")
        return verify_request(self.emulator.auth, self.method, target, self.header_pairs)

    @property
    def job_id(self) -> str:
        """The ``job_id`` path parameter (of an operation on one job)."""
        return self.params["job_id"]

    @property
    def subject_id(self) -> str | None:
        """The job (or job schedule) the request is about, as faults match and the journal records it."""
        params = self.params
        return params.get("job_id") or params.get("job_schedule_id")

    async def body(self) -> bytes:
        return await self.request.body()

    def conditions(self) -> Conditions | None:
        """The ``If-*`` headers, for an operation that honours them; None if none was sent."""
        if self.endpoint is None or not self.endpoint.conditional:
            return None
        headers = self.headers
        dates: dict[str, datetime | None] = {}
        for name in _DATE_CONDITIONS:
            value = headers.get(name) or None
            try:
                dates[name] = parse_rfc1123(value) if value else None
            except ValueError:
                raise bad_header(name, value or "", "not an RFC 1123 date") from None
        if not any(dates.values()) and not headers.get("if-match") and not headers.get("if-none-match"):
            return None
        return Conditions(
            if_match=headers.get("if-match") or None,
            if_none_match=headers.get("if-none-match") or None,
            if_modified_since=dates["if-modified-since"],
            if_unmodified_since=dates["if-unmodified-since"],
        )

    def respond(
        self, status: int, body: dict[str, Any] | None = None, headers: dict[str, str] | None = None
    ) -> Response:
        """A Job API response: the service's common headers, then ``headers``, then the JSON body."""
        out = {"request-id": self.request_id, "DataServiceVersion": "3.0", **self.echo}
        if headers:
            out.update(headers)
        if body is None:
            return Response(status_code=status, headers=out)
        content = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
        return Response(content, status_code=status, headers=out, media_type=JSON_TYPE)


#: A handler of one operation: the request in, the response out (errors raised as BatchServiceError).
Handler = Callable[[RequestContext], Awaitable[Response]]


def context_of(scope: Scope) -> RequestContext:
    """The request's context, as the front door stored it."""
    ctx: RequestContext = scope[CONTEXT]
    return ctx
