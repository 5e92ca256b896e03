"""The pipeline: the only code that talks to httpx. Builds requests, retries, maps errors, logs."""

from __future__ import annotations

import logging
import math
import platform
import uuid
from collections.abc import AsyncIterator, Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import quote

import anyio
import attrs
import httpx

from . import _instrument
from ._api import Endpoint
from ._auth import format_rfc1123
from ._config import (
    AMBIGUOUS_STATUSES,
    NOT_PROCESSED_STATUSES,
    RETRYABLE_STATUSES,
    OperationConfig,
    RetryPolicy,
)
from ._instrument import loggable_path
from ._serialization import structure
from ._version import __version__
from .errors import (
    BatchConnectionError,
    BatchErrorException,
    BatchJobsError,
    BatchTimeoutError,
    ClientClosedError,
    DeleteMayHaveSucceededError,
    DeserializationError,
    ResponseTooLargeError,
    TerminateMayHaveSucceededError,
    error_class_for,
    may_exist_class,
)
from .models import BatchError, ErrorMessage

__all__ = ["API_VERSION", "Pipeline", "RequestOptions", "endpoint_url"]

API_VERSION = "2023-05-01.17.0"
JSON_CONTENT_TYPE = "application/json; odata=minimalmetadata; charset=utf-8"
USER_AGENT = f"batchjobs/{__version__} python/{platform.python_version()} httpx/{httpx.__version__}"

logger = logging.getLogger("batchjobs")

# Query options in the order the 14.x SDK writes them, with their wire names.
_QUERY_OPTIONS = (("filter", "$filter"), ("select", "$select"), ("expand", "$expand"))
_CONDITION_HEADERS = (
    ("if_match", "If-Match"),
    ("if_none_match", "If-None-Match"),
    ("if_modified_since", "If-Modified-Since"),
    ("if_unmodified_since", "If-Unmodified-Since"),
)


@attrs.frozen
class RequestOptions:
    """What the caller's option object and arguments turn into on the wire, for every attempt and page.

    Headers merge as in 14.x: ``custom_headers`` replace the defaults of the same name, and the
    option object's values replace both.
    """

    query: tuple[tuple[str, str], ...]
    headers: tuple[tuple[str, str], ...]
    client_request_id: str | None

    @classmethod
    def from_options(
        cls, options: Any, options_type: type[Any], custom_headers: Mapping[str, str] | None
    ) -> RequestOptions:
        """Read a ``*Options`` object (or None) and ``custom_headers`` into wire query and headers."""
        query: list[tuple[str, str]] = [("api-version", API_VERSION)]
        headers: dict[str, tuple[str, str]] = {}
        client_request_id = None
        if custom_headers is not None:
            if not isinstance(custom_headers, Mapping):
                raise TypeError(f"custom_headers must be a mapping, got {type(custom_headers).__name__}")
            for name, header_value in custom_headers.items():
                if not isinstance(name, str) or not isinstance(header_value, str):
                    raise TypeError("custom_headers must map str to str")
                headers[name.lower()] = (name, header_value)
        if options is not None:
            if not isinstance(options, options_type):
                raise TypeError(f"expected {options_type.__name__} or None, got {type(options).__name__}")
            for attribute, wire in _QUERY_OPTIONS:
                value = getattr(options, attribute, None)
                if value is not None:
                    query.append((wire, _text(value, attribute)))
            max_results = getattr(options, "max_results", None)
            if max_results is not None:
                if isinstance(max_results, bool) or not isinstance(max_results, int):
                    raise TypeError(f"max_results must be an int, got {type(max_results).__name__}")
                if not 1 <= max_results <= 1000:
                    raise ValueError(f"max_results must be between 1 and 1000, got {max_results}")
                query.append(("maxresults", str(max_results)))
            if options.timeout is not None:
                if isinstance(options.timeout, bool) or not isinstance(options.timeout, int):
                    raise TypeError(f"timeout must be an int (seconds), got {type(options.timeout).__name__}")
                if options.timeout <= 0:
                    raise ValueError(f"timeout must be a positive number of seconds, got {options.timeout}")
                query.append(("timeout", str(options.timeout)))
            if options.client_request_id is not None:
                client_request_id = _request_id(options.client_request_id)
            if options.return_client_request_id is not None:
                if not isinstance(options.return_client_request_id, bool):
                    raise TypeError("return_client_request_id must be a bool")
                flag = "true" if options.return_client_request_id else "false"
                headers["return-client-request-id"] = ("return-client-request-id", flag)
            if options.ocp_date is not None:
                headers["ocp-date"] = ("ocp-date", _rfc1123(options.ocp_date, "ocp_date"))
            ocp_range = getattr(options, "ocp_range", None)
            if ocp_range is not None:  # e.g. "bytes=0-1023": part of a file
                headers["ocp-range"] = ("ocp-range", _text(ocp_range, "ocp_range"))
            for attribute, wire in _CONDITION_HEADERS:
                value = getattr(options, attribute, None)
                if value is None:
                    continue
                text = _rfc1123(value, attribute) if attribute.endswith("_since") else _text(value, attribute)
                headers[wire.lower()] = (wire, text)
        custom_id = headers.pop("client-request-id", None)
        if client_request_id is None and custom_id is not None:
            client_request_id = custom_id[1]
        return cls(tuple(query), tuple(headers.values()), client_request_id)


def endpoint_url(
    base_url: httpx.URL,
    endpoint: Endpoint,
    options: RequestOptions,
    params: dict[str, str],
    query: list[tuple[str, str]] | None = None,
) -> httpx.URL:
    """The request URL: the record's path with its parameters quoted, then the query options."""
    pairs = options.query if not query else (*options.query, *query)
    return httpx.URL(f"{str(base_url).rstrip('/')}{endpoint.path_for(params)}?{encode_query(pairs)}")


def _text(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, got {type(value).__name__}")
    return value


def _rfc1123(value: Any, name: str) -> str:
    if not isinstance(value, datetime):
        raise TypeError(f"{name} must be a datetime, got {type(value).__name__}")
    if value.tzinfo is None:
        raise ValueError(f"{name} must be an aware datetime (e.g. tzinfo=datetime.UTC)")
    return format_rfc1123(value)


def _request_id(value: Any) -> str:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, str) and value:
        return value
    raise TypeError(f"client_request_id must be a str or uuid.UUID, got {type(value).__name__}")


def encode_query(params: Mapping[str, str] | tuple[tuple[str, str], ...]) -> str:
    """Encode query parameters as the service's SDKs do: names literal, values fully quoted."""
    items = params.items() if isinstance(params, Mapping) else params
    return "&".join(f"{name}={quote(value, safe='')}" for name, value in items)


@attrs.define
class CallState:
    """What one logical call has seen so far: attempts, and whether a failure left its effect unknown."""

    request: httpx.Request
    attempts: int = 0
    ambiguous: bool = False


class Pipeline:
    """Sends requests for the operations: one logical call may make several HTTP attempts."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        *,
        base_url: httpx.URL,
        retry_policy: RetryPolicy,
        request_timeout: float | None,
        max_response_size: int,
    ) -> None:
        self._client = client
        self.base_url = base_url
        self.retry_policy = retry_policy
        self.request_timeout = request_timeout
        self.max_response_size = max_response_size

    async def send(
        self,
        endpoint: Endpoint,
        url: httpx.URL,
        options: RequestOptions,
        config: OperationConfig,
        *,
        body: bytes | None = None,
        stream: bool = False,
    ) -> httpx.Response:
        """Send one logical call, retrying per policy, and return its successful response.

        With ``stream`` the successful response comes back with its body unread: the caller reads
        and closes it. Retries and ``request_timeout`` then cover the time until the headers arrive.
        Otherwise the body is read here, up to ``max_response_size`` bytes (decompressed).

        Raises a ``BatchErrorException`` subclass for an error status (after retries), a
        ``BatchConnectionError``/``BatchTimeoutError`` for transport failures and deadlines,
        ``ResponseTooLargeError`` for a body over the bound.
        """
        policy = config.get("retry_policy", self.retry_policy)
        deadline_seconds = config.get("request_timeout", self.request_timeout)
        state = CallState(self._build(endpoint, url, options, body, None))
        call = (endpoint, url, options, body)
        if deadline_seconds is None:
            return await self._send_with_retries(call, policy, state, None, stream)
        deadline = anyio.current_time() + deadline_seconds
        try:
            with anyio.fail_after(deadline_seconds):
                return await self._send_with_retries(call, policy, state, deadline, stream)
        except TimeoutError as exc:
            raise BatchTimeoutError(
                f"{endpoint.name} did not complete within request_timeout={deadline_seconds}s "
                f"after {state.attempts} attempt(s)",
                request=state.request,
                attempts=state.attempts,
            ) from exc

    def _build(
        self,
        endpoint: Endpoint,
        url: httpx.URL,
        options: RequestOptions,
        body: bytes | None,
        client_request_id: str | None,
    ) -> httpx.Request:
        request_id = client_request_id or options.client_request_id or str(uuid.uuid4())
        headers = {
            "user-agent": ("User-Agent", USER_AGENT),
            "accept": ("Accept", "application/json"),
            "client-request-id": ("client-request-id", request_id),
        }
        if body is not None:
            headers["content-type"] = ("Content-Type", JSON_CONTENT_TYPE)
        for name, value in options.headers:
            lowered = name.lower()
            if lowered == "user-agent":  # keep naming batchjobs, as support cases need it
                value = f"{USER_AGENT} {value}"
            headers[lowered] = (name, value)
        return self._client.build_request(endpoint.method, url, headers=list(headers.values()), content=body)

    async def _send_with_retries(
        self,
        call: tuple[Endpoint, httpx.URL, RequestOptions, bytes | None],
        policy: RetryPolicy,
        state: CallState,
        deadline: float | None,
        stream: bool = False,
    ) -> httpx.Response:
        endpoint = call[0]
        while True:
            state.attempts += 1
            if state.attempts > 1:
                # A fresh request, so the auth dates and signs it anew: the service refuses an
                # ocp-date more than 15 minutes old. The client-request-id stays the call's.
                state.request = self._build(*call, state.request.headers["client-request-id"])
            request = state.request
            with _instrument.attempt(endpoint, request, state.attempts) as attempt:
                response, error, retry = await self._attempt(endpoint, request, policy, state, stream)
                attempt.outcome(response, error)
            if error is None:
                assert response is not None
                return response
            if not retry or not await self._wait_before_retry(
                policy, state, request, response, deadline, error
            ):
                raise error

    async def _attempt(
        self,
        endpoint: Endpoint,
        request: httpx.Request,
        policy: RetryPolicy,
        state: CallState,
        stream: bool = False,
    ) -> tuple[httpx.Response | None, BatchJobsError | None, bool]:
        """One HTTP attempt: the response, or the error it ends with and whether a retry may help."""
        if self._client.is_closed:
            raise ClientClosedError("this BatchServiceClient is closed; create a new one")
        try:
            response = await self._client.send(request, stream=True)
            if not stream or response.status_code != endpoint.ok:
                await _read_body(response, self.max_response_size, endpoint)
        except httpx.DecodingError as exc:
            raise DeserializationError(
                f"{endpoint.name}: the response body could not be decoded: {exc}"
            ) from exc
        except httpx.TransportError as exc:
            not_sent = isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)
            error = _map_transport_error(endpoint, exc, request, state.attempts, not_sent)
            error.__cause__ = exc  # raised later, by the retry loop, as if "from exc"
            error.__suppress_context__ = True
            retry = not_sent or endpoint.idempotent or policy.retry_ambiguous_writes
            if not not_sent:
                state.ambiguous = True
            return None, error, retry
        if response.status_code == endpoint.ok:
            return response, None, False
        status_error = make_status_error(response, state, endpoint)
        status = response.status_code
        if status in NOT_PROCESSED_STATUSES:
            retry = True
        elif status in RETRYABLE_STATUSES:
            retry = endpoint.idempotent or policy.retry_ambiguous_writes
            state.ambiguous = True
        else:
            retry = False
        return response, status_error, retry

    async def _wait_before_retry(
        self,
        policy: RetryPolicy,
        state: CallState,
        request: httpx.Request,
        response: httpx.Response | None,
        deadline: float | None,
        error: Exception,
    ) -> bool:
        """Wait before the next attempt; False if no attempt is left or the wait would pass the deadline."""
        if state.attempts >= policy.max_attempts:
            return False
        delay = _server_delay(response, policy.max_retry_after)
        if delay is None:
            delay = policy.backoff(state.attempts)
        if deadline is not None and anyio.current_time() + delay >= deadline:
            return False
        logger.info(
            "retrying %s %s in %.2fs after attempt %d failed: %s",
            request.method,
            loggable_path(request),
            delay,
            state.attempts,
            error,
        )
        await policy.sleep(delay)
        return True


async def _read_body(response: httpx.Response, limit: int, endpoint: Endpoint) -> None:
    """Read a body to parse, decompressed, refusing more than ``limit`` bytes; close the response."""
    chunks = []
    size = 0
    if "content-encoding" in response.headers:
        assert isinstance(response.stream, httpx.AsyncByteStream)
        response.stream = _SmallReads(response.stream)
    try:
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > limit:
                raise ResponseTooLargeError(
                    f"{endpoint.name}: the response body is larger than max_response_size={limit} bytes "
                    "(decompressed); raise max_response_size on the client if such responses are expected",
                    limit=limit,
                    response=response,
                )
            chunks.append(chunk)
    finally:
        await response.aclose()
    # What Response.aread() would store: .content, .text and .json() read it from here.
    response._content = b"".join(chunks)
    # httpx's stream refers back to its response: left in place, that cycle keeps every page's
    # body alive until the garbage collector's rare full pass, instead of freeing it at once.
    response.stream = httpx.ByteStream(response._content)


class _SmallReads(httpx.AsyncByteStream):
    """A compressed body handed to the decoder in small pieces: one 64 KiB read of deflate can
    inflate to 64 MiB at once, before the size could be checked."""

    SIZE = 2 * 1024

    def __init__(self, stream: httpx.AsyncByteStream) -> None:
        self._stream = stream

    async def __aiter__(self) -> AsyncIterator[bytes]:
        size = self.SIZE
        async for chunk in self._stream:
            for start in range(0, len(chunk), size):
                yield chunk[start : start + size]

    async def aclose(self) -> None:
        await self._stream.aclose()


def _server_delay(response: httpx.Response | None, cap: float) -> float | None:
    """The wait a throttling response asks for (``retry-after-ms`` or ``Retry-After``), capped."""
    if response is None:
        return None
    millis = response.headers.get("retry-after-ms")
    if millis is not None:
        seconds = _finite(millis)
        if seconds is not None:
            return min(max(seconds / 1000, 0.0), cap)
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    seconds = _finite(value)
    if seconds is not None:
        return min(max(seconds, 0.0), cap)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return min(max((when - datetime.now(UTC)).total_seconds(), 0.0), cap)


def _finite(value: str) -> float | None:
    """A header's number, or None if it is not one (``nan`` and ``inf`` are not waits)."""
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def make_status_error(response: httpx.Response, state: CallState, endpoint: Endpoint) -> BatchErrorException:
    """Build the exception for an error status, from a Batch error body when there is one."""
    error = BatchError()
    if response.content:
        try:
            error = structure(response.json(), BatchError)
        except Exception:
            text = response.text.strip()
            error = BatchError(message=None) if not text else _unparsed_error(text)
    cls = error_class_for(response.status_code)
    note = None
    done_by = (
        _done_by_earlier_attempt(endpoint, response.status_code, error.code) if state.ambiguous else None
    )
    if done_by is not None:
        cls, done = done_by
        note = f"an earlier attempt of this {endpoint.name} failed ambiguously and may have {done} it"
    elif (
        endpoint.exists_code is not None
        and state.ambiguous
        and response.status_code == 409
        and error.code == endpoint.exists_code
    ):
        cls = may_exist_class(endpoint.exists_code)
        note = (
            f"an earlier attempt of this {endpoint.name} failed ambiguously "
            f"and may have created the {endpoint.group}"
        )
    elif not endpoint.idempotent and response.status_code in AMBIGUOUS_STATUSES:
        note = f"the service may have applied this {endpoint.name} before failing; check before repeating it"
    if response.status_code == 304 and error.code is None:
        note = "not modified: the If-None-Match/If-Modified-Since condition matched"
    return cls(
        error,
        status_code=response.status_code,
        request_id=response.headers.get("request-id"),
        client_request_id=response.request.headers.get("client-request-id"),
        response=response,
        attempts=state.attempts,
        note=note,
    )


def _done_by_earlier_attempt(
    endpoint: Endpoint, status: int, code: str | None
) -> tuple[type[BatchErrorException], str] | None:
    """The error (and the verb for its note) when this status means an earlier attempt did the job.

    Read from the record: the resource is the last path parameter (``job_id`` -> ``Job``), so a
    delete meets ``JobNotFound`` and a terminate ``JobCompleted`` (or ``JobBeingTerminated``).
    """
    if code is None or not endpoint.path_params:
        return None
    resource = endpoint.path_params[-1].partition("_")[0].capitalize()
    if endpoint.method == "DELETE" and status == 404 and code == f"{resource}NotFound":
        return DeleteMayHaveSucceededError, "deleted"
    if (
        endpoint.name == "terminate"
        and status == 409
        and code in (f"{resource}Completed", f"{resource}BeingTerminated")
    ):
        return TerminateMayHaveSucceededError, "terminated"
    return None


def _unparsed_error(text: str) -> BatchError:
    return BatchError(message=ErrorMessage(value=text[:500]))


def _map_transport_error(
    endpoint: Endpoint, exc: httpx.TransportError, request: httpx.Request, attempts: int, not_sent: bool
) -> BatchConnectionError:
    cls = BatchTimeoutError if isinstance(exc, httpx.TimeoutException) else BatchConnectionError
    message = f"{endpoint.name}: {type(exc).__name__} talking to {request.url.host}: {exc or 'no detail'}"
    if not not_sent and not endpoint.idempotent:
        message += f" (the service may have applied this {endpoint.name}; check before repeating it)"
    return cls(message, request=request, attempts=attempts)
