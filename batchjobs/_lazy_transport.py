"""The default HTTP transport, created on the first request rather than with the client.

Building ``httpx.AsyncHTTPTransport`` loads the system's CA certificates into an SSL context,
which takes about as long as importing httpx itself. A client that is built but never used (or
used only over plain http to the emulator) should not pay that at construction.
"""

from __future__ import annotations

import ssl
from typing import Any

import httpx

__all__ = ["LazyTransport"]


class LazyTransport(httpx.AsyncBaseTransport):
    """An ``httpx.AsyncHTTPTransport`` with these settings, built when first needed."""

    def __init__(self, *, verify: bool | ssl.SSLContext, limits: httpx.Limits) -> None:
        self._settings: dict[str, Any] = {"verify": verify, "limits": limits}
        self._inner: httpx.AsyncHTTPTransport | None = None

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        inner = self._inner
        if inner is None:
            inner = self._inner = httpx.AsyncHTTPTransport(**self._settings)
        return await inner.handle_async_request(request)

    async def aclose(self) -> None:
        if self._inner is not None:
            await self._inner.aclose()
