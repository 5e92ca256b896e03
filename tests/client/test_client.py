"""The client object: lifecycle, the ``job`` attribute, and never showing the account key."""

from __future__ import annotations

import httpx
import pytest
import respx

import batchjobs
from batchjobs import BatchServiceClient, RetryPolicy, SharedKeyCredentials
from tests.client.support import ACCOUNT, BASE_URL, KEY


def transport_for(router: respx.Router) -> httpx.MockTransport:
    return httpx.MockTransport(router.async_handler)


async def test_client_async_context_manager_sends_then_closes(router, credentials):
    route = router.get("/jobs/job-1").respond(200, json={"id": "job-1"})

    async with BatchServiceClient(credentials, BASE_URL, transport=transport_for(router)) as client:
        assert not client.is_closed
        job = await client.job.get("job-1")

    assert job.id == "job-1"
    assert route.call_count == 1
    assert client.is_closed


async def test_client_aclose_closes_and_can_be_repeated(router, credentials):
    client = BatchServiceClient(credentials, BASE_URL, transport=transport_for(router))
    assert not client.is_closed
    await client.aclose()
    assert client.is_closed
    await client.aclose()
    assert client.is_closed


async def test_client_call_after_aclose_raises_client_closed_and_sends_nothing(router, credentials):
    client = BatchServiceClient(credentials, BASE_URL, transport=transport_for(router))
    await client.aclose()
    with pytest.raises(batchjobs.ClientClosedError, match="closed"):
        await client.job.get("job-1")
    assert router.calls.call_count == 0


async def test_client_job_exposes_api_version_and_models(router, client):
    assert client.job.api_version == "2023-05-01.17.0"
    assert client.job.models is batchjobs.models
    assert client.job is client.job


async def test_client_batch_url_is_kept_without_trailing_slash(router, credentials):
    async with BatchServiceClient(credentials, f"{BASE_URL}/", transport=transport_for(router)) as client:
        assert client.batch_url == BASE_URL


async def test_client_and_credentials_repr_never_contain_the_key(router, client, credentials):
    texts = [repr(client), str(client), repr(credentials), str(credentials), repr(client.job)]
    for text in texts:
        assert KEY not in text
        assert KEY.rstrip("=") not in text
    assert ACCOUNT in repr(credentials)
    assert BASE_URL in repr(client)


def test_client_credentials_bad_key_error_does_not_echo_the_key():
    secret = "not base64 !!! secret-looking-value"
    with pytest.raises(ValueError, match="Base64") as info:
        SharedKeyCredentials(ACCOUNT, secret)
    assert secret not in str(info.value)


@pytest.mark.parametrize(
    "batch_url",
    ["myaccount.westus.batch.azure.com", "ftp://myaccount.westus.batch.azure.com", f"{BASE_URL}?x=1"],
)
def test_client_invalid_batch_url_raises_value_error(batch_url, credentials):
    with pytest.raises(ValueError, match="batch_url"):
        BatchServiceClient(credentials, batch_url)


def test_client_wrong_retry_policy_type_raises_type_error(credentials):
    with pytest.raises(TypeError, match="retry_policy"):
        BatchServiceClient(credentials, BASE_URL, retry_policy={"max_attempts": 1})  # type: ignore[arg-type]


async def test_client_one_client_serves_concurrent_calls(router, client):
    import anyio

    route = router.get(path__regex=r"^/jobs/job-\d$").respond(200, json={"id": "x"})
    results: list[str | None] = []

    async def fetch(job_id: str) -> None:
        results.append((await client.job.get(job_id)).id)

    async with anyio.create_task_group() as group:
        for n in range(5):
            group.start_soon(fetch, f"job-{n}")

    assert len(results) == 5
    assert route.call_count == 5
    ids = {call.request.headers["client-request-id"] for call in route.calls}
    assert len(ids) == 5


def test_client_retry_policy_helpers_never_wait():
    assert RetryPolicy.no_retries().max_attempts == 1
    immediate = RetryPolicy.immediate(3)
    assert immediate.max_attempts == 3
    assert immediate.backoff(1) == 0
    assert immediate.backoff(5) == 0
