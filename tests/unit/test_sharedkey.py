"""Shared Key signing: the spec's vectors, the httpx auth flow, and keeping the key secret."""

from __future__ import annotations

import base64
import json
import re
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx
import pytest

from batchjobs._auth import (
    SharedKeyAuth,
    SharedKeyCredentials,
    format_rfc1123,
    rfc1123_now,
    sign,
    string_to_sign,
)

VECTORS = json.loads(
    (Path(__file__).parents[1] / "fixtures" / "sharedkey-vectors.json").read_text(encoding="utf-8")
)
ACCOUNT = VECTORS["account"]
KEY_B64 = VECTORS["key_base64"]
KEY = base64.b64decode(KEY_B64)
WORKED = VECTORS["worked_examples"]
# 2023-06-01 12:30:45 UTC, the ocp-date of the worked examples.
PINNED = datetime(2023, 6, 1, 12, 30, 45, tzinfo=UTC).timestamp()
RFC1123 = re.compile(
    r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"\d{4} \d\d:\d\d:\d\d GMT"
)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40]


ALL_VECTORS = [
    pytest.param(v, id=f"worked-{'ABCD'[i]}-{_slug(v['title'])}") for i, v in enumerate(WORKED)
] + [pytest.param(v, id=f"fuzz-{i:02d}-{v['method']}") for i, v in enumerate(VECTORS["fuzz_vectors"])]
WORKED_BY_LETTER = [pytest.param(v, id=f"worked-{'ABCD'[i]}") for i, v in enumerate(WORKED)]


def _pairs(vector: dict[str, Any]) -> list[tuple[str, str]]:
    return [(name, value) for name, value in vector["headers_at_signing_time"]]


def _credentials() -> SharedKeyCredentials:
    return SharedKeyCredentials(ACCOUNT, KEY_B64)


def _run_flow(auth: httpx.Auth, request: httpx.Request) -> httpx.Request:
    flow = auth.auth_flow(request)
    signed = next(flow)
    with pytest.raises(StopIteration):
        flow.send(httpx.Response(200))
    return signed


def _raw_header_pairs(request: httpx.Request) -> list[tuple[str, str]]:
    return [(name.decode("ascii"), value.decode("ascii")) for name, value in request.headers.raw]


# --- the vectors -------------------------------------------------------------------------------


def test_vectors_fixture_has_all_cases():
    assert len(WORKED) == 4
    assert len(VECTORS["fuzz_vectors"]) == 40


@pytest.mark.parametrize("vector", ALL_VECTORS)
def test_string_to_sign_vector_matches_expected(vector):
    assert (
        string_to_sign(vector["method"], vector["url"], _pairs(vector), ACCOUNT) == vector["string_to_sign"]
    )


@pytest.mark.parametrize("vector", ALL_VECTORS)
def test_string_to_sign_httpx_url_matches_expected(vector):
    url = httpx.URL(vector["url"])
    assert string_to_sign(vector["method"], url, _pairs(vector), ACCOUNT) == vector["string_to_sign"]


@pytest.mark.parametrize("vector", ALL_VECTORS)
def test_string_to_sign_origin_form_target_matches_expected(vector):
    target = httpx.URL(vector["url"]).raw_path.decode("ascii")
    assert string_to_sign(vector["method"], target, _pairs(vector), ACCOUNT) == vector["string_to_sign"]


@pytest.mark.parametrize("vector", ALL_VECTORS)
def test_sign_vector_authorization_matches_expected(vector):
    signature = sign(KEY, string_to_sign(vector["method"], vector["url"], _pairs(vector), ACCOUNT))
    assert f"SharedKey {ACCOUNT}:{signature}" == vector["authorization"]


@pytest.mark.parametrize("vector", WORKED_BY_LETTER)
def test_string_to_sign_worked_example_lines_match(vector):
    lines = string_to_sign(vector["method"], vector["url"], _pairs(vector), ACCOUNT).split("\n")
    assert lines == vector["string_to_sign_lines"]


def test_string_to_sign_url_without_path_signs_slash():
    # requests (legacy) and httpx both send "/" for an empty path, so "/" is what is signed.
    assert string_to_sign("GET", "https://a.example", [], "acct").endswith("\n/acct/")
    assert string_to_sign("GET", httpx.URL("https://a.example"), [], "acct").endswith("\n/acct/")


# --- the auth flow -----------------------------------------------------------------------------


@pytest.mark.parametrize("vector", WORKED_BY_LETTER)
def test_auth_flow_worked_example_sets_expected_authorization(vector):
    body = vector["body"].encode("utf-8") if vector["body"] is not None else None
    request = httpx.Request(vector["method"], vector["url"], headers=vector["headers_in"], content=body)
    signed = _run_flow(SharedKeyAuth(_credentials()), request)
    assert signed.headers["Authorization"] == vector["authorization"]
    assert signed.headers["ocp-date"] == vector["headers_in"]["ocp-date"]


def test_auth_flow_without_ocp_date_adds_lowercase_ocp_date_and_signs_it():
    vector = WORKED[0]
    headers = {k: v for k, v in vector["headers_in"].items() if k != "ocp-date"}
    request = httpx.Request("GET", vector["url"], headers=headers)
    signed = _run_flow(SharedKeyAuth(_credentials(), clock=lambda: PINNED), request)
    assert (b"ocp-date", b"Thu, 01 Jun 2023 12:30:45 GMT") in signed.headers.raw
    assert signed.headers["Authorization"] == vector["authorization"]


def test_auth_flow_without_ocp_date_uses_current_time_by_default():
    request = httpx.Request("GET", "https://acct.example/jobs")
    signed = _run_flow(SharedKeyAuth(_credentials()), request)
    assert RFC1123.fullmatch(signed.headers["ocp-date"])


def test_auth_flow_with_ocp_date_keeps_it():
    request = httpx.Request(
        "GET", "https://acct.example/jobs", headers={"ocp-date": "Mon, 02 Jan 2023 00:00:00 GMT"}
    )
    signed = _run_flow(SharedKeyAuth(_credentials(), clock=lambda: PINNED), request)
    assert signed.headers.get_list("ocp-date") == ["Mon, 02 Jan 2023 00:00:00 GMT"]


def test_auth_flow_with_empty_ocp_date_replaces_it():
    request = httpx.Request("GET", "https://acct.example/jobs", headers={"ocp-date": ""})
    signed = _run_flow(SharedKeyAuth(_credentials(), clock=lambda: PINNED), request)
    assert signed.headers.get_list("ocp-date") == ["Thu, 01 Jun 2023 12:30:45 GMT"]


def test_auth_flow_capitalised_ocp_date_is_renamed_and_signed():
    # Servers read header names case-insensitively; signing "Ocp-Date" by the legacy case-sensitive
    # rule would leave it out of the signature, so the flow sends it as "ocp-date".
    request = httpx.Request("GET", WORKED[0]["url"], headers={"Ocp-Date": "Thu, 01 Jun 2023 12:30:45 GMT"})
    signed = _run_flow(SharedKeyAuth(_credentials(), clock=lambda: 0.0), request)
    names = [name for name, _ in signed.headers.raw]
    assert b"ocp-date" in names
    assert b"Ocp-Date" not in names
    assert "\nocp-date:Thu, 01 Jun 2023 12:30:45 GMT\n" in string_to_sign(
        "GET", signed.url, _raw_header_pairs(signed), ACCOUNT
    )


@pytest.mark.parametrize("method", ["DELETE", "POST", "PUT", "PATCH"])
def test_auth_flow_bodyless_non_get_sends_and_signs_content_length_zero(method):
    request = httpx.Request(method, "https://acct.example/jobs/job-1", headers={"ocp-date": "x"})
    signed = _run_flow(SharedKeyAuth(_credentials()), request)
    assert signed.headers.get_list("Content-Length") == ["0"]
    expected = string_to_sign(method, signed.url, _raw_header_pairs(signed), ACCOUNT)
    assert expected.split("\n")[3] == "0"
    assert signed.headers["Authorization"] == f"SharedKey {ACCOUNT}:{sign(KEY, expected)}"


def test_auth_flow_get_without_body_has_no_content_length():
    signed = _run_flow(SharedKeyAuth(_credentials()), httpx.Request("GET", "https://acct.example/jobs"))
    assert "Content-Length" not in signed.headers


def test_auth_flow_post_with_body_signs_real_length():
    request = httpx.Request("POST", "https://acct.example/jobs", content=b"{}", headers={"ocp-date": "x"})
    signed = _run_flow(SharedKeyAuth(_credentials()), request)
    assert signed.headers.get_list("Content-Length") == ["2"]
    assert string_to_sign("POST", signed.url, _raw_header_pairs(signed), ACCOUNT).split("\n")[3] == "2"


@pytest.mark.parametrize("method", ["GET", "DELETE", "POST"])
def test_auth_flow_through_client_wire_headers_verify(method):
    # What reaches the transport is what goes on the wire: re-derive the signature from it the way
    # a server would (lower-case names, as ASGI delivers them) and compare.
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200)

    with httpx.Client(transport=httpx.MockTransport(handler), auth=_credentials().make_auth()) as client:
        client.request(method, "https://acct.example/jobs/job%201?api-version=2023-05-01.17.0&timeout=30")
    (sent,) = seen
    scheme, _, signature = sent.headers["Authorization"].partition(" ")
    assert scheme == "SharedKey"
    lowered = [
        (name.lower(), value) for name, value in _raw_header_pairs(sent) if name.lower() != "authorization"
    ]
    target = sent.url.raw_path.decode("ascii")
    assert signature == f"{ACCOUNT}:{sign(KEY, string_to_sign(method, target, lowered, ACCOUNT))}"
    assert ("Content-Length" in sent.headers) == (method != "GET")


# --- credentials and secrecy -------------------------------------------------------------------


def test_credentials_repr_shows_account_hides_key():
    credentials = _credentials()
    for text in (repr(credentials), str(credentials)):
        assert "contosobatch" in text
        assert "<redacted>" in text
        assert KEY_B64 not in text
        assert repr(KEY) not in text


def test_auth_repr_hides_key():
    auth = SharedKeyAuth(_credentials())
    for text in (repr(auth), str(auth)):
        assert "contosobatch" in text
        assert KEY_B64 not in text
        assert repr(KEY) not in text


def test_credentials_make_auth_returns_shared_key_auth():
    assert isinstance(_credentials().make_auth(), SharedKeyAuth)


def test_credentials_key_with_surrounding_whitespace_is_accepted():
    signed = _run_flow(
        SharedKeyAuth(SharedKeyCredentials(ACCOUNT, f"  {KEY_B64}\n")),
        httpx.Request("GET", WORKED[0]["url"], headers=WORKED[0]["headers_in"]),
    )
    assert signed.headers["Authorization"] == WORKED[0]["authorization"]


@pytest.mark.parametrize(
    "bad_key",
    [
        pytest.param("not base64 at all!", id="garbage"),
        pytest.param("c2VjcmV0LWtleQ", id="missing-padding"),
        pytest.param("c2VjcmV0*LWtleQ==", id="bad-character"),
        pytest.param("c2VjcmV0LWtleQ==\u00fc", id="non-ascii"),
        pytest.param("", id="empty"),
    ],
)
def test_credentials_bad_key_raises_value_error_without_key(bad_key):
    with pytest.raises(ValueError, match="key") as info:
        SharedKeyCredentials("acct", bad_key)
    error = info.value
    if bad_key:
        assert bad_key not in str(error)
        assert bad_key not in repr(error)
    assert error.__cause__ is None
    assert error.__context__ is None or error.__suppress_context__


def test_credentials_non_string_key_raises_type_error():
    with pytest.raises(TypeError, match="Base64 string"):
        SharedKeyCredentials("acct", KEY)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["", "my acct", "a/b", "a:b"])
def test_credentials_bad_account_name_raises_value_error(name):
    with pytest.raises(ValueError, match="account_name"):
        SharedKeyCredentials(name, KEY_B64)


# --- RFC 1123 ----------------------------------------------------------------------------------


def test_format_rfc1123_aware_utc_formats_spec_example():
    assert (
        format_rfc1123(datetime(2023, 6, 1, 12, 30, 45, 999999, tzinfo=UTC))
        == "Thu, 01 Jun 2023 12:30:45 GMT"
    )


def test_format_rfc1123_naive_is_taken_as_utc():
    assert format_rfc1123(datetime(2024, 2, 29, 0, 0, 5)) == "Thu, 29 Feb 2024 00:00:05 GMT"


def test_format_rfc1123_other_offset_converts_to_utc():
    local = datetime(2023, 1, 1, 1, 0, 0, tzinfo=timezone(timedelta(hours=2)))
    assert format_rfc1123(local) == "Sat, 31 Dec 2022 23:00:00 GMT"


def test_rfc1123_now_clock_is_used():
    assert rfc1123_now(lambda: PINNED) == "Thu, 01 Jun 2023 12:30:45 GMT"


def test_ocp_date_follows_the_clock_across_seconds():
    """The date is formatted once per second, never reused once the second has passed."""
    now = [1_700_000_000.2]
    auth = SharedKeyAuth(_credentials(), clock=lambda: now[0])
    dates = []
    for step in (0.0, 0.5, 0.4, 1.0, 3600.0):
        now[0] += step
        request = httpx.Request("GET", "https://acct.region.batch.azure.com/jobs?api-version=x")
        next(auth.auth_flow(request))
        dates.append(request.headers["ocp-date"])
    assert dates == [
        "Tue, 14 Nov 2023 22:13:20 GMT",
        "Tue, 14 Nov 2023 22:13:20 GMT",
        "Tue, 14 Nov 2023 22:13:21 GMT",
        "Tue, 14 Nov 2023 22:13:22 GMT",
        "Tue, 14 Nov 2023 23:13:22 GMT",
    ]
