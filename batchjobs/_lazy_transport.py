"""The default HTTP transport, created on the first request rather than with the client.

Building ``httpx.AsyncHTTPTransport`` loads the system's CA certificates into an SSL context,
which takes about as long as importing httpx itself. A client that is built but never used (or
used only over plain http to the emulator) should not pay that at construction.

Requests beyond ``max_connections`` wait here, in a first-come queue, rather than in httpcore's
pool: the pool rescans every request it holds whenever a connection changes, so its cost per call
grows with the number waiting (at 400 calls in flight, most of the client's CPU went there).
"""

from __future__ import annotations

import ssl
from collections.abc import AsyncIterator
from typing import Any

import anyio
import httpx

__all__ = ["LazyTransport"]


class LazyTransport(httpx.AsyncBaseTransport):
    """An ``httpx.AsyncHTTPTransport`` with these settings, built when first needed."""

    def __init__(self, *, verify: bool | ssl.SSLContext, limits: httpx.Limits) -> None:
        self._settings: dict[str, Any] = {"verify": verify, "limits": limits}
        self._inner: httpx.AsyncHTTPTransport | None = None
        self._max_connections = limits.max_connections
        self._slots: anyio.CapacityLimiter | None = None

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        inner = self._inner
        if inner is None:
            inner = self._inner = httpx.AsyncHTTPTransport(**self._settings)
        if self._max_connections is None:
            return await inner.handle_async_request(request)
        slots = self._slots
        if slots is None:  # made here, on the event loop that will use it
            slots = self._slots = anyio.CapacityLimiter(self._max_connections)
        slot = _Slot(slots)
        await slot.acquire(request)
        try:
            response = await inner.handle_async_request(request)
        except BaseException:
            slot.release()
            raise
        # The connection stays busy until the body is read or the response closed: so does the slot.
        assert isinstance(response.stream, httpx.AsyncByteStream)
        response.stream = _SlotStream(response.stream, slot)
        return response

    async def aclose(self) -> None:
        if self._inner is not None:
            await self._inner.aclose()


class _Slot:
    """One request's place among ``max_connections``, released once, from whichever task closes it."""

    __slots__ = ("_slots",)

    def __init__(self, slots: anyio.CapacityLimiter) -> None:
        self._slots: anyio.CapacityLimiter | None = slots

    async def acquire(self, request: httpx.Request) -> None:
        assert self._slots is not None
        try:
            self._slots.acquire_on_behalf_of_nowait(self)
            return
        except anyio.WouldBlock:
            pass
        # Waiting for a connection counts against the pool timeout, as it would inside httpcore.
        timeout = request.extensions.get("timeout", {}).get("pool")
        with anyio.move_on_after(timeout) as scope:
            await self._slots.acquire_on_behalf_of(self)
        if scope.cancelled_caught:
            self._slots = None
            raise httpx.PoolTimeout("no connection became free within the pool timeout", request=request)

    def release(self) -> None:
        slots, self._slots = self._slots, None
        if slots is not None:
            slots.release_on_behalf_of(self)


class _SlotStream(httpx.AsyncByteStream):
    def __init__(self, stream: httpx.AsyncByteStream, slot: _Slot) -> None:
        self._stream = stream
        self._slot = slot

    def __aiter__(self) -> AsyncIterator[bytes]:
        return self._stream.__aiter__()

    async def aclose(self) -> None:
        try:
            await self._stream.aclose()
        finally:
            self._slot.release()
