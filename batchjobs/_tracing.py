"""Optional OpenTelemetry spans: one per logical call, with a child per HTTP attempt and per listing page.

Tracing needs the ``otel`` extra (opentelemetry-api). Whether it is there is decided once, at
import: without it ``ENABLED`` is False and every caller skips its hook behind
``if _tracing.ENABLED``, so a call pays one attribute check and nothing else. With it, spans go to
whatever tracer provider the application set up. With none, OpenTelemetry's no-op tracer hands out
invalid spans: those are never made current and get no attributes, so they cost a few microseconds.

Span names and attributes:

- ``JobOperations.<method>`` (internal; the group's 14.x class name): one per logical call, also for
  waiters and bulk calls; one attribute per path parameter (``batch.job.id``,
  ``batch.job_schedule.id``); on failure ``error.type``, ``batch.error.code``,
  ``http.response.status_code``, ``az.service_request_id`` and status ERROR.
- ``JobOperations.<list method> page`` (internal): one per page of a listing, a child of the listing's
  span; ``batch.page.index`` (from 1) and ``batch.page.items``.
- ``<METHOD> <path template>`` (client): one per HTTP attempt; ``http.request.method``, ``url.full``
  (without the query, which may carry a continuation token), ``url.template``, ``server.address``,
  ``server.port``, ``batch.attempt`` (from 1), ``http.request.resend_count``,
  ``http.response.status_code``, ``az.service_request_id`` (the service's request-id),
  ``batch.error.code``.

A 304 (an If-None-Match that matched) is recorded but is not an error, as HTTP conventions have it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any

import httpx

from ._version import __version__
from .errors import BatchErrorException, NotModifiedError

if TYPE_CHECKING:
    from contextvars import Token

    from opentelemetry.context.context import Context
    from opentelemetry.trace import Span

    from ._api import Endpoint

try:
    from opentelemetry import context as otel_context
    from opentelemetry import trace
    from opentelemetry.trace import SpanKind, Status, StatusCode
except ImportError:  # the otel extra is not installed: callers never reach the functions below
    ENABLED = False
else:
    ENABLED = True
    # A proxy until the application installs a provider, so import order does not matter.
    _tracer = trace.get_tracer("batchjobs", __version__)

__all__ = [
    "ENABLED",
    "SpanScope",
    "attempt_outcome",
    "attempt_span",
    "call_span",
    "operation_span",
    "page_span",
    "record_error",
    "start_listing",
]


class SpanScope:
    """Ends a span on exit, recording an ``Exception`` (not a cancellation) as its failure.

    While open, the span is the current one if it has a valid context. Spans of the no-op tracer
    (no provider configured) have none, so they cost no context switch; attributes are likewise
    only computed for recording spans, which is why they are set after the span starts.
    """

    __slots__ = ("_on_error", "_span", "_token")

    def __init__(self, span: Span, on_error: Callable[[Span, Exception], None]) -> None:
        self._span = span
        self._on_error = on_error
        self._token: Token[Context] | None = None

    def __enter__(self) -> Span:
        if self._span.get_span_context().is_valid:
            self._token = otel_context.attach(trace.set_span_in_context(self._span))
        return self._span

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            if isinstance(exc, Exception) and self._span.is_recording():
                self._on_error(self._span, exc)
        finally:
            if self._token is not None:
                otel_context.detach(self._token)
            self._span.end()


def call_span(endpoint: Endpoint, params: Mapping[str, str]) -> SpanScope:
    """The span of one operation call, current while its coroutine runs (it never yields to user code)."""
    span = _tracer.start_span(endpoint.span_name, kind=SpanKind.INTERNAL)
    if span.is_recording():
        span.set_attributes(_call_attributes(params))
    return SpanScope(span, record_error)


def operation_span(name: str, attributes: Mapping[str, Any]) -> SpanScope:
    """The span of a waiter or bulk call (``name``: e.g. ``JobOperations.wait_for_state``), the parent
    of the calls it makes."""
    span = _tracer.start_span(name, kind=SpanKind.INTERNAL)
    if span.is_recording():
        span.set_attributes({"az.namespace": "Microsoft.Batch", **attributes})
    return SpanScope(span, record_error)


def start_listing(endpoint: Endpoint, params: Mapping[str, str]) -> Span:
    """The span of a listing. Never made current: the listing yields to user code between pages."""
    span = _tracer.start_span(endpoint.span_name, kind=SpanKind.INTERNAL)
    if span.is_recording():
        span.set_attributes(_call_attributes(params))
    return span


def page_span(listing: Span, endpoint: Endpoint, index: int) -> SpanScope:
    """The span of one page: a child of ``listing`` by explicit context, current only while fetched."""
    span = _tracer.start_span(
        f"{endpoint.span_name} page", context=trace.set_span_in_context(listing), kind=SpanKind.INTERNAL
    )
    if span.is_recording():
        span.set_attribute("batch.page.index", index)
    return SpanScope(span, record_error)


def attempt_span(method: str, template: str, request: httpx.Request, attempt: int) -> SpanScope:
    """The span of one HTTP attempt, current while it is sent (so httpx instrumentation nests below it)."""
    span = _tracer.start_span(f"{method} {template}", kind=SpanKind.CLIENT)
    if span.is_recording():
        url = request.url
        path = url.raw_path.split(b"?", 1)[0].decode("ascii")
        span.set_attributes(
            {
                "http.request.method": method,
                "url.full": f"{url.scheme}://{url.netloc.decode('ascii')}{path}",
                "url.template": template,
                "server.address": url.host,
                "server.port": url.port or (443 if url.scheme == "https" else 80),
                "batch.attempt": attempt,
            }
        )
        if attempt > 1:
            span.set_attribute("http.request.resend_count", attempt - 1)
    return SpanScope(span, _attempt_failed)


def _call_attributes(params: Mapping[str, str]) -> dict[str, Any]:
    attributes: dict[str, Any] = {"az.namespace": "Microsoft.Batch"}
    for name, value in params.items():  # job_id -> batch.job.id, job_schedule_id -> batch.job_schedule.id
        attributes[f"batch.{name.removesuffix('_id')}.id"] = value
    return attributes


def _attempt_failed(span: Span, exc: Exception) -> None:
    """An attempt that raised instead of ending with a response (e.g. an undecodable body)."""
    span.set_attribute("error.type", _qualified_name(exc))
    span.record_exception(exc)
    span.set_status(Status(StatusCode.ERROR, str(exc)))


def attempt_outcome(span: Span, response: httpx.Response | None, error: Exception | None) -> None:
    """Record how an attempt ended: its response, and the error it will raise or retry after."""
    if not span.is_recording():
        return
    if response is not None:
        span.set_attribute("http.response.status_code", response.status_code)
        request_id = response.headers.get("request-id")
        if request_id:
            span.set_attribute("az.service_request_id", request_id)
    if isinstance(error, BatchErrorException):
        if error.code:
            span.set_attribute("batch.error.code", error.code)
        if isinstance(error, NotModifiedError):
            return
        span.set_attribute("error.type", str(error.status_code))
        span.set_status(Status(StatusCode.ERROR, str(error)))
    elif error is not None:
        _attempt_failed(span, error)


def record_error(span: Span, exc: Exception) -> None:
    """Mark a call (or page) span as failed by ``exc``; a 304 is only noted."""
    if isinstance(exc, BatchErrorException):
        span.set_attribute("http.response.status_code", exc.status_code)
        if exc.code:
            span.set_attribute("batch.error.code", exc.code)
        if exc.request_id:
            span.set_attribute("az.service_request_id", exc.request_id)
        if isinstance(exc, NotModifiedError):
            return
    span.set_attribute("error.type", _qualified_name(exc))
    span.record_exception(exc)
    span.set_status(Status(StatusCode.ERROR, str(exc)))


def _qualified_name(exc: BaseException) -> str:
    cls = type(exc)
    return f"{cls.__module__}.{cls.__qualname__}" if cls.__module__ != "builtins" else cls.__qualname__
