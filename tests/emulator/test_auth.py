"""Shared Key verification: the SDK's own signatures verify, anything altered is refused."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from batchjobs._auth import sign, string_to_sign
from batchjobs.emulator import ACCOUNT_KEY, ACCOUNT_NAME, Emulator, create_app

from .conftest import Q, error_of

VECTORS = json.loads((Path(__file__).parents[1] / "fixtures" / "sharedkey-vectors.json").read_text())
ALL = VECTORS["worked_examples"] + VECTORS["fuzz_vectors"]
VECTORS_KEY = base64.b64decode(VECTORS["key_base64"])
AUTH_CODES = {"MissingRequiredHeader", "InvalidAuthenticationInfo", "AuthenticationFailed"}


def vector_client(**settings: Any) -> httpx.AsyncClient:
    emulator = Emulator(
        account_name=VECTORS["account"], account_key=VECTORS["key_base64"], max_clock_skew=None, **settings
    )
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(emulator)))


async def send_vector(
    client: httpx.AsyncClient, vector: dict[str, Any], authorization: str
) -> httpx.Response:
    headers = [(name, value) for name, value in vector["headers_at_signing_time"]]
    length = next((int(value) for name, value in headers if name.lower() == "content-length"), 0)
    request = client.build_request(
        vector["method"],
        vector["url"],
        headers=[*headers, ("Authorization", authorization)],
        content=b"x" * length or None,
    )
    assert request.url.raw_path.decode() == vector["url"].split(".com", 1)[1]  # sent exactly as signed
    return await client.send(request)


@pytest.mark.parametrize("vector", ALL, ids=lambda v: f"{v['method']} {v['url'][45:80]}")
async def test_sdk_signatures_verify(vector: dict[str, Any]) -> None:
    async with vector_client() as client:
        response = await send_vector(client, vector, vector["authorization"])
    if response.status_code >= 400:
        assert error_of(response)[1] not in AUTH_CODES, response.text


@pytest.mark.parametrize("change", ["path", "query", "header", "signature"])
async def test_tampered_requests_are_refused(change: str) -> None:
    vector = dict(VECTORS["worked_examples"][2])  # DELETE with If-Match
    authorization = vector["authorization"]
    if change == "path":
        vector["url"] = vector["url"].replace("job-1", "job-2")
    elif change == "query":
        vector["url"] = vector["url"].replace("timeout=30", "timeout=31")
    elif change == "header":
        vector["headers_at_signing_time"] = [
            [n, "0x1" if n == "If-Match" else v] for n, v in vector["headers_at_signing_time"]
        ]
    else:
        authorization = authorization[:-6] + "AAAAA="
    async with vector_client() as client:
        response = await send_vector(client, vector, authorization)
    assert error_of(response)[:2] == (403, "AuthenticationFailed")


async def test_azure_batch_15_content_length_zero_variant_verifies() -> None:
    """15.x signs 'Content-Length: 0' for a body-less DELETE that goes out without the header."""
    target = "/jobs/job%201%2F%C3%BC?api-version=2023-05-01.17.0"
    headers = [("ocp-date", "Thu, 01 Jun 2023 12:30:45 GMT")]
    signature = sign(
        VECTORS_KEY, string_to_sign("DELETE", target, [*headers, ("content-length", "0")], VECTORS["account"])
    )
    async with vector_client() as client:
        request = client.build_request(
            "DELETE",
            "https://x" + target,
            headers=[*headers, ("Authorization", f"SharedKey {VECTORS['account']}:{signature}")],
        )
        assert "content-length" not in request.headers
        response = await client.send(request)
    assert error_of(response) == (404, "JobNotFound", {"JobId": "job 1/ü"})


async def test_missing_authorization_is_400_missing_required_header() -> None:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app())) as client:
        response = await client.get("http://x/jobs", params=Q)
    assert error_of(response) == (400, "MissingRequiredHeader", {"HeaderName": "Authorization"})


@pytest.mark.parametrize(
    ("value", "status", "code"),
    [
        ("SharedKey nocolon", 400, "InvalidAuthenticationInfo"),
        ("Basic abc", 400, "InvalidAuthenticationInfo"),
        ("SharedKey other:abc=", 403, "AuthenticationFailed"),
        ("Bearer token", 403, "AuthenticationFailed"),
    ],
)
async def test_malformed_or_foreign_authorization(value: str, status: int, code: str) -> None:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app())) as client:
        response = await client.get("http://x/jobs", params=Q, headers={"Authorization": value})
    assert error_of(response)[:2] == (status, code)


async def test_bearer_tokens_only_when_allowed() -> None:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(allow_tokens=True))) as client:
        ok = await client.get("http://x/jobs", params=Q, headers={"Authorization": "Bearer anything"})
        empty = await client.get("http://x/jobs", params=Q, headers={"Authorization": "Bearer "})
    assert ok.status_code == 200
    assert error_of(empty)[:2] == (400, "InvalidAuthenticationInfo")


async def test_auth_can_be_disabled() -> None:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(auth=False))) as client:
        assert (await client.get("http://x/jobs", params=Q)).status_code == 200


def test_dev_key_is_derived_from_the_public_phrase() -> None:
    phrase = b"batchjobs emulator development account key - public, not a secret"
    assert base64.b64decode(ACCOUNT_KEY) == hashlib.sha256(phrase).digest()
    assert ACCOUNT_NAME == "devaccount"
