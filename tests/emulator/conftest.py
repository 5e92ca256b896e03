"""Raw-HTTP fixtures for the emulator: an in-process app and httpx clients signed with Shared Key."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from batchjobs._auth import SharedKeyAuth, SharedKeyCredentials
from batchjobs.emulator import ACCOUNT_KEY, ACCOUNT_NAME, Emulator, ManualClock, create_app

API = "2023-05-01.17.0"
Q = {"api-version": API}
BASE = "https://devaccount.emulator.test"


def signed_client(emulator: Emulator, base_url: str = BASE) -> httpx.AsyncClient:
    auth = SharedKeyAuth(SharedKeyCredentials(ACCOUNT_NAME, ACCOUNT_KEY))
    transport = httpx.ASGITransport(app=create_app(emulator))
    return httpx.AsyncClient(transport=transport, base_url=base_url, auth=auth)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def emulator(clock: ManualClock) -> Emulator:
    return Emulator(clock=clock)


@pytest.fixture
async def client(emulator: Emulator) -> AsyncIterator[httpx.AsyncClient]:
    async with signed_client(emulator) as c:
        yield c


async def add_job(client: httpx.AsyncClient, job_id: str = "job-1", **body: Any) -> httpx.Response:
    payload = {"id": job_id, "poolInfo": {"poolId": "pool-1"}, **body}
    response = await client.post("/jobs", params=Q, json=payload)
    assert response.status_code == 201, response.text
    return response


async def get_job(client: httpx.AsyncClient, job_id: str = "job-1", **params: str) -> dict[str, Any]:
    response = await client.get(f"/jobs/{job_id}", params={**Q, **params})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def error_of(response: httpx.Response) -> tuple[int, str, dict[str, str]]:
    """(status, Batch code, values as a dict) of an error response, checking the body's shape."""
    body = response.json()
    assert body["odata.metadata"].endswith(
        "/$metadata#Microsoft.Azure.Batch.Protocol.Entities.Container.errors/@Element"
    )
    assert body["message"]["lang"] == "en-US"
    assert "\nRequestId:" + response.headers["request-id"] + "\nTime:" in body["message"]["value"]
    values = {item["key"]: item["value"] for item in body.get("values", [])}
    return response.status_code, body["code"], values
