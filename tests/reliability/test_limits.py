"""Bounds: calls in flight beyond the connection limit, the size of a parsed body, a call's duration."""

from __future__ import annotations

import gzip
import tracemalloc
from collections.abc import AsyncIterator
from typing import Any

import anyio
import httpx
import pytest
import trio
import trio.testing

from batchjobs import (
    BatchServiceClient,
    BatchTimeoutError,
    DeserializationError,
    NotFoundError,
    ResponseTooLargeError,
    RetryPolicy,
    SharedKeyCredentials,
)
from batchjobs._config import DEFAULT_MAX_RESPONSE_SIZE, DEFAULT_REQUEST_TIMEOUT
from batchjobs._lazy_transport import LazyTransport
from tests.reliability.conftest import ACCOUNT, BASE_URL, KEY

MIB = 1024 * 1024
JOB = b'{"id": "job-1", "state": "active"}'


def _client(handler: Any, **settings: Any) -> BatchServiceClient:
    settings.setdefault("retry_policy", RetryPolicy.no_retries())
    return BatchServiceClient(
        SharedKeyCredentials(ACCOUNT, KEY), BASE_URL, transport=httpx.MockTransport(handler), **settings
    )


class Endless(httpx.AsyncByteStream):
    """A chunked body that never ends; it fails the test, rather than hanging it, past ``fail_after`` bytes."""

    def __init__(self, chunk: bytes = b" " * 65536, fail_after: int = 256 * MIB) -> None:
        self.chunk = chunk
        self.fail_after = fail_after
        self.sent = 0
        self.closed = False

    async def __aiter__(self) -> AsyncIterator[bytes]:
        while True:
            assert self.sent < self.fail_after, "the client kept reading an endless body"
            self.sent += len(self.chunk)
            yield self.chunk

    async def aclose(self) -> None:
        self.closed = True


# ------------------------------------------------------------------------ the size of a parsed body


async def test_a_body_over_max_response_size_raises_response_too_large():
    padded = JOB[:-1] + b" " * (1024 - len(JOB)) + b"}"
    assert len(padded) == 1024
    bodies = [padded, padded + b" "]
    async with _client(
        lambda request: httpx.Response(200, content=bodies.pop(0)), max_response_size=1024
    ) as client:
        assert (await client.job.get("job-1")).id == "job-1"  # exactly at the bound
        with pytest.raises(ResponseTooLargeError, match="max_response_size=1024") as info:
            await client.job.get("job-1")
    assert isinstance(info.value, DeserializationError)
    assert info.value.limit == 1024


async def test_an_endless_chunked_body_stops_at_the_bound_and_is_closed():
    body = Endless()
    async with _client(lambda request: httpx.Response(200, stream=body), max_response_size=MIB) as client:
        with pytest.raises(ResponseTooLargeError):
            await client.job.get("job-1")
    assert body.sent <= MIB + len(body.chunk)
    assert body.closed


async def test_an_error_body_is_bounded_too():
    body = Endless()
    async with _client(lambda request: httpx.Response(404, stream=body), max_response_size=MIB) as client:
        with pytest.raises(ResponseTooLargeError):
            await client.job.get("job-1")
    assert body.closed


async def test_a_gzip_bomb_is_refused_while_inflating_not_after():
    bomb = gzip.compress(b"\0" * (200 * MIB), compresslevel=9)
    assert len(bomb) < 250_000

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, stream=httpx.ByteStream(bomb), headers={"Content-Encoding": "gzip"})

    async with _client(handler, max_response_size=MIB) as client:
        tracemalloc.start()
        try:
            with pytest.raises(ResponseTooLargeError):
                await client.job.get("job-1")
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert peak < 16 * MIB  # the bomb inflated whole would be 200 MiB


async def test_a_gzip_body_under_the_bound_is_read_whole():
    body = b'{"id": "job-1", "displayName": "' + b"x" * 100_000 + b'"}'

    def handler(request: httpx.Request) -> httpx.Response:
        compressed = httpx.ByteStream(gzip.compress(body))
        return httpx.Response(200, stream=compressed, headers={"Content-Encoding": "gzip"})

    async with _client(handler, max_response_size=MIB) as client:
        job = await client.job.get("job-1")
    assert job.display_name == "x" * 100_000


async def test_max_response_size_can_be_raised_and_a_streamed_download_is_never_bounded():
    big = b"x" * (3 * MIB)

    def handler(request: httpx.Request) -> httpx.Response:
        if "/files/" in request.url.path:
            return httpx.Response(200, stream=httpx.ByteStream(big))
        return httpx.Response(200, content=b'{"id": "job-1", "displayName": "' + big + b'"}')

    async with _client(handler, max_response_size=MIB) as client:
        chunks = [chunk async for chunk in client.file.get_from_task("job-1", "task-1", "stdout.txt")]
        assert sum(map(len, chunks)) == len(big)
        with pytest.raises(ResponseTooLargeError):
            await client.job.get("job-1")
    async with _client(handler, max_response_size=4 * MIB) as client:
        assert (await client.job.get("job-1")).id == "job-1"


@pytest.mark.parametrize(
    ("value", "error"), [(0, ValueError), (-1, ValueError), (1.5, TypeError), (True, TypeError)]
)
def test_max_response_size_must_be_a_positive_int(value, error):
    with pytest.raises(error, match="max_response_size"):
        BatchServiceClient(SharedKeyCredentials(ACCOUNT, KEY), BASE_URL, max_response_size=value)


def test_the_defaults_bound_every_call():
    client = BatchServiceClient(SharedKeyCredentials(ACCOUNT, KEY), BASE_URL)
    assert client._pipeline.max_response_size == DEFAULT_MAX_RESPONSE_SIZE == 32 * MIB
    assert client._pipeline.request_timeout == DEFAULT_REQUEST_TIMEOUT == 300


# ------------------------------------------------------------------ a server that trickles its body


class Trickle(httpx.AsyncByteStream):
    """One byte every half second: each read succeeds, so the read timeout never fires."""

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield b'{"id": "job-1", "displayName": "'
        while True:
            assert trio.current_time() < 10_000, "nothing bounded the call"
            await anyio.sleep(0.5)
            yield b"x"

    async def aclose(self) -> None:
        pass


def _run_on_a_mock_clock(call: Any) -> Any:
    """Run under trio with a clock that jumps ahead whenever every task waits: no real waiting."""
    return anyio.run(
        call, backend="trio", backend_options={"clock": trio.testing.MockClock(autojump_threshold=0)}
    )


def test_a_trickling_server_cannot_hold_a_call_past_the_default_deadline():
    async def main() -> float:
        async with _client(lambda request: httpx.Response(200, stream=Trickle())) as client:
            with pytest.raises(BatchTimeoutError, match="request_timeout=300"):
                await client.job.get("job-1")
        return trio.current_time()

    assert _run_on_a_mock_clock(main) == pytest.approx(DEFAULT_REQUEST_TIMEOUT, abs=1)


def test_request_timeout_none_still_removes_the_deadline():
    async def main() -> None:
        async with _client(
            lambda request: httpx.Response(200, stream=Trickle()), request_timeout=None
        ) as client:
            with pytest.raises(AssertionError, match="nothing bounded"):
                await client.job.get("job-1")

    _run_on_a_mock_clock(main)


# ------------------------------------------------------ calls beyond max_connections queue in front


class Gate(httpx.AsyncBaseTransport):
    """Stands in for httpcore's pool: records how many requests it holds until each response is closed."""

    def __init__(self) -> None:
        self.held = 0
        self.peak = 0
        self.order: list[str] = []
        self.open = anyio.Event()
        self.status = 200

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.held += 1
        self.peak = max(self.peak, self.held)
        self.order.append(request.url.path.rsplit("/", 1)[-1])
        try:
            await self.open.wait()
        except BaseException:
            self.held -= 1
            raise
        return httpx.Response(
            self.status, stream=_Release(self), headers={"Content-Type": "application/json"}
        )


class _Release(httpx.AsyncByteStream):
    def __init__(self, gate: Gate) -> None:
        self.gate = gate

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield JOB

    async def aclose(self) -> None:
        self.gate.held -= 1


def _gated_client(gate: Gate, max_connections: int, **settings: Any) -> BatchServiceClient:
    client = BatchServiceClient(
        SharedKeyCredentials(ACCOUNT, KEY),
        BASE_URL,
        max_connections=max_connections,
        retry_policy=RetryPolicy.no_retries(),
        **settings,
    )
    transport = client._http._transport
    assert isinstance(transport, LazyTransport)
    transport._inner = gate  # type: ignore[assignment]  # the pool under test: built here, not on first use
    return client


async def test_calls_beyond_max_connections_wait_in_order_outside_the_pool():
    gate = Gate()
    ids = [f"job-{n:02d}" for n in range(12)]
    async with _gated_client(gate, max_connections=3) as client, anyio.create_task_group() as tasks:
        for job_id in ids:
            tasks.start_soon(client.job.get, job_id)
            await anyio.wait_all_tasks_blocked()
        assert gate.held == 3  # nine calls wait in front of the pool, not inside it
        gate.open.set()
    assert gate.peak == 3
    assert gate.order == ids  # first come, first served
    assert gate.held == 0


async def test_a_slot_is_held_until_a_streamed_body_is_closed_and_freed_by_errors():
    gate = Gate()
    gate.open.set()
    async with _gated_client(gate, max_connections=1) as client:
        stream = client.file.get_from_task("job-1", "task-1", "stdout.txt")
        assert await stream.__anext__() == JOB
        assert gate.held == 1
        await stream.aclose()
        gate.status = 404
        for _ in range(3):  # each error response gives its slot back
            with pytest.raises(NotFoundError):
                await client.job.get("job-1")
        gate.status = 200
        assert (await client.job.get("job-1")).id == "job-1"
    assert gate.held == 0


async def test_waiting_for_a_slot_counts_against_the_pool_timeout():
    gate = Gate()
    raised: list[BatchTimeoutError] = []

    async def second() -> None:
        try:
            await client.job.get("job-2")
        except BatchTimeoutError as exc:
            raised.append(exc)

    async with (
        _gated_client(gate, max_connections=1, read_timeout=0) as client,
        anyio.create_task_group() as tasks,
    ):
        tasks.start_soon(client.job.get, "job-1")
        await anyio.wait_all_tasks_blocked()
        tasks.start_soon(second)
        await anyio.wait_all_tasks_blocked()
        gate.open.set()
    assert "PoolTimeout" in str(raised[0])
    assert gate.order == ["job-1"]
