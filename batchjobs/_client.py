"""``BatchServiceClient``: owns the HTTP client and exposes ``client.job``, ``client.task`` and ``client.file``."""

from __future__ import annotations

import ssl
from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING

import httpx

from ._auth import TokenCredentialAuth, is_loopback_host, make_auth
from ._config import DEFAULT_MAX_RESPONSE_SIZE, DEFAULT_REQUEST_TIMEOUT, RetryPolicy
from ._lazy_transport import LazyTransport
from ._transport import Pipeline

if TYPE_CHECKING:
    from .operations import FileOperations, JobOperations, TaskOperations

__all__ = ["BatchServiceClient"]


class BatchServiceClient:
    """An async client for the job, task and task-file operations of one Batch account.

    Use it as ``async with BatchServiceClient(credentials, batch_url) as client:`` or call
    ``await client.aclose()`` when done; one client (and its connection pool) serves any number
    of concurrent calls.

    Args:
        credentials: ``SharedKeyCredentials``, or any Microsoft Entra ID token credential from
            azure-identity, sync or async (anything with ``get_token(*scopes)``).
        batch_url: The account endpoint, e.g. ``https://myaccount.westeurope.batch.azure.com``.
        transport: Any ``httpx.AsyncBaseTransport``; tests pass ``httpx.MockTransport`` and the
            emulator is reached in-process with ``httpx.ASGITransport``.
        retry_policy: The default ``RetryPolicy`` (per call: ``retry_policy=`` in operation_config).
        request_timeout: Default deadline in seconds for a whole call, retries included: 300 unless
            set (None: none). ``read_timeout`` alone cannot stop a server that trickles a response.
        connect_timeout: Seconds to establish a connection.
        read_timeout: Seconds to wait for each read from the socket.
        max_connections: Upper bound of open connections. Calls beyond it wait in a queue in
            front of the connection pool, whose bookkeeping grows with every request it holds.
        max_keepalive_connections: Idle connections kept for reuse; more costs CPU in the pool.
        max_response_size: Bound in bytes of a response body that is parsed, after decompression
            (32 MiB); a larger one raises ``ResponseTooLargeError``. Streamed file downloads are
            read in chunks and not bounded.
        verify: TLS verification: True (default), False, or an ``ssl.SSLContext``.
    """

    def __init__(
        self,
        credentials: object,
        batch_url: str,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        retry_policy: RetryPolicy | None = None,
        request_timeout: float | None = DEFAULT_REQUEST_TIMEOUT,
        connect_timeout: float = 10.0,
        read_timeout: float = 60.0,
        max_connections: int = 100,
        max_keepalive_connections: int = 20,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
        verify: bool | ssl.SSLContext = True,
    ) -> None:
        base_url = _check_batch_url(batch_url)
        if retry_policy is not None and not isinstance(retry_policy, RetryPolicy):
            raise TypeError(
                f"retry_policy must be a batchjobs.RetryPolicy, got {type(retry_policy).__name__}"
            )
        if request_timeout is not None and request_timeout <= 0:
            raise ValueError("request_timeout must be a positive number of seconds or None")
        if isinstance(max_response_size, bool) or not isinstance(max_response_size, int):
            raise TypeError(
                f"max_response_size must be an int (bytes), got {type(max_response_size).__name__}"
            )
        if max_response_size <= 0:
            raise ValueError(f"max_response_size must be a positive number of bytes, got {max_response_size}")
        auth = make_auth(credentials)
        if (
            isinstance(auth, TokenCredentialAuth)
            and base_url.scheme == "http"
            and not is_loopback_host(base_url.host)
        ):
            raise ValueError(
                "refusing to send a bearer token over plain http to a non-loopback host; use https"
            )
        self.batch_url = str(base_url).rstrip("/")
        limits = httpx.Limits(
            max_connections=max_connections, max_keepalive_connections=max_keepalive_connections
        )
        self._http = httpx.AsyncClient(
            auth=auth,
            transport=transport if transport is not None else LazyTransport(verify=verify, limits=limits),
            timeout=httpx.Timeout(read_timeout, connect=connect_timeout),
            follow_redirects=False,
        )
        self._pipeline = Pipeline(
            self._http,
            base_url=base_url,
            retry_policy=retry_policy or RetryPolicy(),
            request_timeout=request_timeout,
            max_response_size=max_response_size,
        )

    # Each group (and the models it names) is imported on first use: a program that only lists
    # tasks does not load the job operations.
    @cached_property
    def job(self) -> JobOperations:
        """The job operations (azure-batch 14.x ``JobOperations``)."""
        from .operations import JobOperations

        return JobOperations(self._pipeline)

    @cached_property
    def task(self) -> TaskOperations:
        """The task operations (azure-batch 14.x ``TaskOperations``)."""
        from .operations import TaskOperations

        return TaskOperations(self._pipeline)

    @cached_property
    def file(self) -> FileOperations:
        """The task-file operations (the task part of azure-batch 14.x ``FileOperations``)."""
        from .operations import FileOperations

        return FileOperations(self._pipeline)

    async def aclose(self) -> None:
        """Close the connection pool. Calls made afterwards fail."""
        await self._http.aclose()

    async def __aenter__(self) -> BatchServiceClient:
        await self._http.__aenter__()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self._http.__aexit__(exc_type, exc, tb)

    @property
    def is_closed(self) -> bool:
        return self._http.is_closed

    def __repr__(self) -> str:
        return f"{type(self).__name__}(batch_url={self.batch_url!r})"


def _check_batch_url(batch_url: str) -> httpx.URL:
    if not isinstance(batch_url, str):
        raise TypeError(f"batch_url must be a str, got {type(batch_url).__name__}")
    try:
        url = httpx.URL(batch_url)
    except httpx.InvalidURL as exc:
        raise ValueError(f"batch_url is not a valid URL: {exc}") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise ValueError(f"batch_url must be an http(s) URL with a host, got {batch_url!r}")
    if url.query or url.fragment:
        raise ValueError("batch_url must not carry a query or fragment")
    return url
