"""Instrumentation hooks, called at three points: a call, a listing page, an HTTP attempt (and around
waiters and bulk calls, which are calls made of calls).

Two instruments sit behind them: the DEBUG line per attempt on the ``batchjobs`` logger, and the
OpenTelemetry spans of ``_tracing`` (with the ``otel`` extra). The operations, the paging and the
pipeline only call these hooks; when no instrument is on, each hook hands back a shared object
that does nothing, so an uninstrumented call costs a few attribute reads.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any

import httpx

from . import _tracing

if TYPE_CHECKING:
    from opentelemetry.trace import Span

    from ._api import Endpoint

__all__ = ["Attempt", "Listing", "attempt", "call", "listing", "loggable_path", "operation"]

logger = logging.getLogger("batchjobs")

_NOTHING: contextlib.nullcontext[None] = contextlib.nullcontext()


def call(endpoint: Endpoint, params: Mapping[str, str]) -> contextlib.AbstractContextManager[object]:
    """Around one operation call (it never yields to the caller's code while open)."""
    return _tracing.call_span(endpoint, params) if _tracing.ENABLED else _NOTHING


@contextlib.contextmanager
def _operation_span(name: str, attributes: Mapping[str, Any]) -> Any:
    with _tracing.operation_span(name, attributes) as span:
        yield span.set_attribute


def _ignore(key: str, value: Any) -> None:
    pass


_NO_OPERATION: contextlib.nullcontext[Callable[[str, Any], None]] = contextlib.nullcontext(_ignore)


def operation(name: str, attributes: Mapping[str, Any]) -> contextlib.AbstractContextManager[Any]:
    """Around a waiter or bulk call (``name``: ``JobOperations.wait_for_state``); the parent of its calls.

    Yields ``record(key, value)`` for what is known only at the end (polls made, items failed).
    """
    return _operation_span(name, attributes) if _tracing.ENABLED else _NO_OPERATION


class _Page:
    """One page of a traced listing: its span, current while the page is fetched."""

    __slots__ = ("_scope", "_span")

    def __init__(self, listing: Span, endpoint: Endpoint, index: int) -> None:
        self._scope = _tracing.page_span(listing, endpoint, index)
        self._span: Span | None = None

    def __enter__(self) -> _Page:
        self._span = self._scope.__enter__()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._scope.__exit__(exc_type, exc, tb)

    def items(self, count: int) -> None:
        if self._span is not None:
            self._span.set_attribute("batch.page.items", count)


class _NoPage:
    def __enter__(self) -> _NoPage:
        return self

    def __exit__(self, *exc_info: object) -> None:
        return None

    def items(self, count: int) -> None:
        pass


_NO_PAGE = _NoPage()


class Listing:
    """A listing's instruments: one span for the listing, never made current (the listing yields to
    the caller's code between items), and a child per page."""

    def __init__(self, endpoint: Endpoint, span: Span | None) -> None:
        self._endpoint = endpoint
        self._span = span

    def page(self, index: int) -> _Page | _NoPage:
        return _NO_PAGE if self._span is None else _Page(self._span, self._endpoint, index)

    def failed(self, exc: Exception) -> None:
        if self._span is not None:
            _tracing.record_error(self._span, exc)

    def end(self) -> None:
        if self._span is not None:
            self._span.end()


def listing(endpoint: Endpoint, params: Mapping[str, str]) -> Listing:
    """The instruments of one listing; ``end()`` must be called when it stops, however it stops."""
    return Listing(endpoint, _tracing.start_listing(endpoint, params) if _tracing.ENABLED else None)


class Attempt:
    """One HTTP attempt: its span (current while sent) and its DEBUG log line."""

    __slots__ = ("_log", "_number", "_request", "_scope", "_span", "_started")

    def __init__(self, endpoint: Endpoint, request: httpx.Request, number: int, log: bool) -> None:
        self._request = request
        self._number = number
        self._log = log
        self._started = 0.0
        self._span: Span | None = None
        self._scope = (
            _tracing.attempt_span(endpoint.method, endpoint.path, request, number)
            if _tracing.ENABLED
            else None
        )

    def __enter__(self) -> Attempt:
        self._started = time.perf_counter()
        if self._scope is not None:
            self._span = self._scope.__enter__()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._scope is not None:
            self._scope.__exit__(exc_type, exc, tb)

    def outcome(self, response: httpx.Response | None, error: Exception | None) -> None:
        """How the attempt ended: a response, or a transport failure (``error`` caused by it)."""
        if self._span is not None:
            _tracing.attempt_outcome(self._span, response, error)
        if self._log:
            request = self._request
            failure = type(error.__cause__ or error).__name__ if error is not None else None
            logger.debug(
                "%s %s -> %s client-request-id=%s request-id=%s attempt=%d elapsed=%.1fms",
                request.method,
                loggable_path(request),
                response.status_code if response is not None else failure,
                request.headers.get("client-request-id"),
                response.headers.get("request-id") if response is not None else None,
                self._number,
                (time.perf_counter() - self._started) * 1000,
            )


class _NoAttempt:
    def __enter__(self) -> _NoAttempt:
        return self

    def __exit__(self, *exc_info: object) -> None:
        return None

    def outcome(self, response: httpx.Response | None, error: Exception | None) -> None:
        pass


_NO_ATTEMPT = _NoAttempt()


def attempt(endpoint: Endpoint, request: httpx.Request, number: int) -> Attempt | _NoAttempt:
    """The instruments of HTTP attempt ``number`` (from 1) of a call."""
    log = logger.isEnabledFor(logging.DEBUG)
    if not (log or _tracing.ENABLED):
        return _NO_ATTEMPT
    return Attempt(endpoint, request, number, log)


def loggable_path(request: httpx.Request) -> str:
    """The still-encoded path, without the query (which may carry a continuation token)."""
    return request.url.raw_path.split(b"?", 1)[0].decode("ascii")
