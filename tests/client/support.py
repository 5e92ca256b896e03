"""Constants and helpers shared by the client tests: the account, wire checks, error bodies."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any, TypeVar
from urllib.parse import parse_qsl, quote

import httpx

from tests.helpers import load_fixture

T = TypeVar("T")

WIRE_CAPTURES: dict[str, Any] = load_fixture("sdk-wire-captures.json")
CAPTURES: dict[str, Any] = {case["case"]: case for case in WIRE_CAPTURES["cases"]}

ACCOUNT: str = WIRE_CAPTURES["account_name"]
KEY: str = WIRE_CAPTURES["invented_key_base64"]
BASE_URL = f"https://{ACCOUNT}.westus.batch.azure.com"
API_VERSION = "2023-05-01.17.0"
JSON_CONTENT_TYPE = "application/json; odata=minimalmetadata; charset=utf-8"

# The option values of the 14.x "all options" captures.
CLIENT_REQUEST_ID = "9c4d50ee-2d56-4cd3-8152-34347dc9f2b0"
OCP_DATE = datetime(2023, 6, 1, 12, 30, 45, tzinfo=UTC)
OCP_DATE_WIRE = "Thu, 01 Jun 2023 12:30:45 GMT"
ETAG = "0x8DB62A1B2C3D4E5"
IF_MODIFIED_SINCE = datetime(2023, 5, 1, tzinfo=UTC)
IF_MODIFIED_SINCE_WIRE = "Mon, 01 May 2023 00:00:00 GMT"
IF_UNMODIFIED_SINCE = datetime(2023, 7, 1, 8, 0, 0, tzinfo=UTC)
IF_UNMODIFIED_SINCE_WIRE = "Sat, 01 Jul 2023 08:00:00 GMT"
REQUEST_ID = "11111111-2222-3333-4444-555555555555"

# Response headers the service sends with a write (as in the 14.x captures).
RESPONSE_HEADERS = {
    "client-request-id": CLIENT_REQUEST_ID,
    "request-id": REQUEST_ID,
    "ETag": ETAG,
    "Last-Modified": OCP_DATE_WIRE,
    "DataServiceId": f"{BASE_URL}/jobs/job-1",
    "DataServiceVersion": "3.0",
}

ERROR_METADATA = f"{BASE_URL}/$metadata#Microsoft.Azure.Batch.Protocol.Entities.Container.errors/@Element"

_SIGNED_HEADERS = (
    "Content-Encoding",
    "Content-Language",
    "Content-Length",
    "Content-MD5",
    "Content-Type",
    "Date",
    "If-Modified-Since",
    "If-Match",
    "If-None-Match",
    "If-Unmodified-Since",
    "Range",
)


def quoted(value: str) -> str:
    """How the 14.x SDK quotes a query value or a path parameter."""
    return quote(value, safe="")


def raw_target(request: httpx.Request) -> str:
    """The request target as sent on the wire: the still-encoded path and query."""
    return request.url.raw_path.decode("ascii")


def header_names(request: httpx.Request) -> set[str]:
    return {name.lower() for name in request.headers}


def json_body(request: httpx.Request) -> Any:
    return json.loads(request.content)


def is_uuid(value: str | None) -> bool:
    if not value:
        return False
    try:
        return str(uuid.UUID(value)) == value.lower()
    except ValueError:
        return False


def shared_key_string_to_sign(request: httpx.Request, account: str) -> str:
    """jobs-api.md section 8.1, written out again here so the client's signer is checked independently."""
    lines = [request.method]
    for name in _SIGNED_HEADERS:
        lines.append(request.headers.get(name, ""))
    ocp = sorted(
        (name.decode().lower(), value.decode())
        for name, value in request.headers.raw
        if b"ocp-" in name and value
    )
    lines.extend(f"{name}:{value}" for name, value in ocp)
    path, _, query = raw_target(request).partition("?")
    lines.append(f"/{account}{path}")
    first: dict[str, str] = {}
    for name, value in parse_qsl(query):
        first.setdefault(name, value)
    lines.extend(f"{name}:{first[name]}" for name in sorted(first))
    return "\n".join(lines)


def expected_authorization(request: httpx.Request, account: str = ACCOUNT, key: str = KEY) -> str:
    digest = hmac.new(
        base64.b64decode(key), shared_key_string_to_sign(request, account).encode(), hashlib.sha256
    ).digest()
    return f"SharedKey {account}:{base64.b64encode(digest).decode()}"


def assert_common_request_shape(request: httpx.Request, *, has_body: bool) -> None:
    """What every request carries: api-version first, our User-Agent, JSON accept, a valid signature."""
    query = request.url.raw_path.decode("ascii").partition("?")[2]
    assert query.split("&")[0] == f"api-version={API_VERSION}"
    assert request.headers["User-Agent"].startswith("batchjobs/")
    assert request.headers["Accept"] == "application/json"
    assert request.headers["ocp-date"]
    assert request.headers["Authorization"] == expected_authorization(request)
    if has_body:
        assert request.headers["Content-Type"] == JSON_CONTENT_TYPE
        assert request.headers["Content-Length"] == str(len(request.content))
    else:
        assert "content-type" not in header_names(request)
        assert request.content == b""


def batch_error(
    code: str,
    message: str,
    *,
    request_id: str = "6b2b2a7e-0000-0000-0000-000000000000",
    values: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    """A Batch error body as the service writes it: odata.metadata, message with RequestId/Time lines."""
    body: dict[str, Any] = {
        "odata.metadata": ERROR_METADATA,
        "code": code,
        "message": {
            "lang": "en-US",
            "value": f"{message}\nRequestId:{request_id}\nTime:2023-06-01T12:30:46.0000000Z",
        },
    }
    if values is not None:
        body["values"] = values
    return body


async def collect(items: AsyncIterator[T]) -> list[T]:
    return [item async for item in items]
