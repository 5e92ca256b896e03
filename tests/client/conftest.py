"""Fixtures: a respx router behind ``httpx.MockTransport`` and clients that talk to it (no patching)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator

import httpx
import pytest
import respx

from batchjobs import BatchServiceClient, RetryPolicy, SharedKeyCredentials
from tests.client.support import ACCOUNT, BASE_URL, KEY

ClientFactory = Callable[..., BatchServiceClient]


@pytest.fixture
def credentials() -> SharedKeyCredentials:
    return SharedKeyCredentials(ACCOUNT, KEY)


@pytest.fixture
def router() -> Iterator[respx.Router]:
    router = respx.Router(base_url=BASE_URL, assert_all_called=True)
    yield router
    router.assert_all_called()


@pytest.fixture
async def make_client(credentials: SharedKeyCredentials) -> AsyncIterator[ClientFactory]:
    """Build clients on any transport or base URL; all of them are closed after the test."""
    clients: list[BatchServiceClient] = []

    def make(
        transport: httpx.AsyncBaseTransport,
        batch_url: str = BASE_URL,
        retry_policy: RetryPolicy | None = None,
    ) -> BatchServiceClient:
        client = BatchServiceClient(
            credentials,
            batch_url,
            transport=transport,
            retry_policy=retry_policy or RetryPolicy.no_retries(),
        )
        clients.append(client)
        return client

    yield make
    for client in clients:
        await client.aclose()


@pytest.fixture
def client(router: respx.Router, make_client: ClientFactory) -> BatchServiceClient:
    """A client whose every request goes to ``router``; no retries, so nothing waits."""
    return make_client(httpx.MockTransport(router.async_handler))
