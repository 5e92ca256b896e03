"""The default transport is built on the first request, with TLS verification on by default."""

from __future__ import annotations

import ssl

import httpx

from batchjobs import BatchServiceClient, SharedKeyCredentials, models
from batchjobs._lazy_transport import LazyTransport
from batchjobs.emulator import Emulator
from batchjobs.testing import EmulatorServer, credentials_for

KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw=="


async def test_no_transport_and_no_ssl_context_until_the_first_request():
    emulator = Emulator()
    with EmulatorServer(emulator) as server:
        async with BatchServiceClient(credentials_for(emulator), server.url) as client:
            transport = client._http._transport
            assert isinstance(transport, LazyTransport)
            assert transport._inner is None
            await client.job.add(
                models.JobAddParameter(id="j", pool_info=models.PoolInformation(pool_id="p"))
            )
            assert isinstance(transport._inner, httpx.AsyncHTTPTransport)
            inner = transport._inner
            await client.job.get("j")
            assert transport._inner is inner  # built once


async def test_tls_verification_is_on_by_default_and_configurable():
    async with BatchServiceClient(
        SharedKeyCredentials("a", KEY), "https://a.westus.batch.azure.com"
    ) as client:
        assert client._http._transport._settings["verify"] is True
    context = ssl.create_default_context()
    async with BatchServiceClient(SharedKeyCredentials("a", KEY), "https://a.b", verify=context) as client:
        assert client._http._transport._settings["verify"] is context


async def test_closing_an_unused_client_builds_nothing():
    client = BatchServiceClient(SharedKeyCredentials("a", KEY), "https://a.westus.batch.azure.com")
    await client.aclose()
    assert client._http._transport._inner is None
