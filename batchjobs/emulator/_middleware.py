"""The layers a data-plane request passes before its handler, as small ASGI wrappers:

``Journal`` -> ``ErrorResponses`` -> ``Authentication`` -> ``Router`` (``_routing``) ->
``FaultInjection`` -> the handler. The journal sees every answer, errors included; a fault hits
only a request that was signed and well-formed, as the service would have served it. Each layer
reads and adds to the request's ``RequestContext`` (``_context``).
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .._auth import is_loopback_host
from ._context import RequestContext, context_of
from ._errors import BatchServiceError, error_response
from ._faults import JOURNAL_HEADERS, ConnectionDropped, Fault
from ._wire import iso7

__all__ = [
    "Authentication",
    "ControlPlaneGuard",
    "ErrorResponses",
    "FaultInjection",
    "Journal",
    "LoopbackOnly",
]


_log = logging.getLogger("batchjobs.emulator")


class Journal:
    """Records each request in the emulator's journal as its answer starts (before the client can
    see it), or as a fault cuts its connection."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        ctx = context_of(scope)
        started = iso7(ctx.emulator.clock())

        async def journaled(message: Message) -> None:
            if message["type"] == "http.response.start":
                ctx.emulator.journal.record(_entry(ctx, started, message["status"]))
            await send(message)

        await self.app(scope, receive, journaled)


def _entry(ctx: RequestContext, started: str, status: int) -> dict[str, Any]:
    headers = ctx.headers
    entry: dict[str, Any] = {
        "time": started,
        "method": ctx.method,
        "path": ctx.raw_path,
        "query": ctx.query_string,
        "operation": ctx.endpoint.id if ctx.endpoint is not None else None,
        "jobId": ctx.subject_id,
        "requestId": ctx.request_id,
        "headers": {name: headers[name] for name in JOURNAL_HEADERS if name in headers},
        "auth": ctx.auth,
        "fault": ctx.fault,
        "status": None if ctx.dropped else status,
    }
    if ctx.dropped:
        entry["dropped"] = True
    return entry


class ErrorResponses:
    """Renders a ``BatchServiceError`` raised by any inner layer or handler as the service's error
    JSON: the one place errors become responses, for the data and the control plane."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        except BatchServiceError as error:
            await self._render(error, scope, receive, send)
        except ConnectionDropped:
            raise
        except Exception:
            if started:
                raise
            # A bug, not a client's mistake: logged, and answered as the service answers its own.
            _log.exception("the emulator failed on %s %s", scope["method"], scope["path"])
            failure = BatchServiceError(500, "InternalError", "The emulator failed to process the request.")
            await self._render(failure, scope, receive, send)

    @staticmethod
    async def _render(error: BatchServiceError, scope: Scope, receive: Receive, send: Send) -> None:
        ctx = context_of(scope)
        now = ctx.emulator.clock()
        response = error_response(
            error, base_url=ctx.base_url, request_id=ctx.request_id, now=now, echo=ctx.echo
        )
        await response(scope, receive, send)


class LoopbackOnly:
    """While the emulator runs command lines, it answers only requests addressed to a loopback host
    name: a web page that reaches the port through DNS rebinding (``Host: evil.example``) is refused."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        ctx = context_of(scope)
        if ctx.emulator.runs_commands:
            host = ctx.headers.get("host", "")
            if not is_loopback_host(_host_name(host)):
                raise BatchServiceError(
                    403,
                    "HostNotAllowed",
                    "This emulator runs task command lines and answers only requests to a loopback host.",
                    {"HeaderName": "Host", "HeaderValue": host},
                )
        await self.app(scope, receive, send)


def _host_name(host: str) -> str:
    """The name in a Host header, without its port (``[::1]:8080`` -> ``[::1]``)."""
    if host.startswith("["):
        return host[: host.find("]") + 1]
    return host.rsplit(":", 1)[0]


class ControlPlaneGuard:
    """The control plane resets state and injects faults without Shared Key, so it answers only
    what a web page that knows the port cannot send: requests to a loopback host name with no
    foreign ``Origin`` (or signed for the account), and changes sent as JSON, a content type a
    browser sends to another origin only after a preflight the emulator never approves."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        ctx = context_of(scope)
        origin = ctx.headers.get("origin")
        local = is_loopback_host(_host_name(ctx.headers.get("host", ""))) and (
            origin is None or is_loopback_host(urlsplit(origin).hostname or "")
        )
        if not local and not self._signed(ctx):
            raise BatchServiceError(
                403,
                "HostNotAllowed",
                "The control plane answers requests to a loopback host from no other origin, "
                "or requests signed for the account.",
                {"HeaderName": "Host" if origin is None else "Origin"},
            )
        media_type = ctx.headers.get("content-type", "").partition(";")[0].strip().lower()
        if ctx.method not in ("GET", "HEAD") and media_type != "application/json":
            raise BatchServiceError(
                415,
                "UnsupportedMediaType",
                "Control-plane changes are sent with Content-Type: application/json.",
                {"HeaderName": "Content-Type", "HeaderValue": media_type},
            )
        await self.app(scope, receive, send)

    @staticmethod
    def _signed(ctx: RequestContext) -> bool:
        if not ctx.emulator.auth.enabled or "authorization" not in ctx.headers:
            return False
        return ctx.verify_auth() == "SharedKey"


class Authentication:
    """Verifies the ``Authorization`` header (Shared Key, or a bearer token if allowed)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        ctx = context_of(scope)
        ctx.auth = ctx.verify_auth()
        await self.app(scope, receive, send)


class FaultInjection:
    """Applies the first injected fault that matches the request: a delay, an error instead of the
    answer (or after carrying the operation out), or a cut connection."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        ctx = context_of(scope)
        assert ctx.endpoint is not None  # the router let only served operations through
        fault = ctx.emulator.faults.take(ctx.endpoint.id, ctx.subject_id)
        if fault is None:
            await self.app(scope, receive, send)
            return
        ctx.fault = fault.id
        if fault.delay:
            await anyio.sleep(fault.delay)
        if not fault.fails:
            await self.app(scope, receive, send)
            return
        if fault.apply_first:
            await self.app(scope, receive, _discard)
        if fault.drop:
            ctx.dropped = True
            await _drop_connection(send)
        raise _fault_error(fault)


async def _discard(message: Message) -> None:
    """Where the answer of an operation carried out before its fault goes: nowhere."""


async def _drop_connection(send: Send) -> None:
    # Start a response and abandon it: a real server then closes the connection mid-response.
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"1024")]})
    raise ConnectionDropped("Server disconnected without sending a complete response.")


def _fault_error(fault: Fault) -> BatchServiceError:
    assert fault.status is not None
    headers = {"Retry-After": f"{fault.retry_after:g}"} if fault.retry_after is not None else None
    message = fault.message or "The emulator injected this failure."
    return BatchServiceError(fault.status, fault.error_code(), message, headers=headers)
