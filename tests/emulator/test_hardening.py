"""Regressions for what a hostile or careless client could do to the emulator: inputs that used to
answer 500 or corrupt state, stale or replayed signatures, cross-site control-plane requests and
control-plane input that broke the Job API."""

from __future__ import annotations

import base64
import json
import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from batchjobs._auth import format_rfc1123, sign, string_to_sign
from batchjobs.emulator import ACCOUNT_KEY, ACCOUNT_NAME, Emulator, Fault, TransitionPolicy, create_app

from .conftest import Q, add_job, error_of, get_job, signed_client

JSON = {"content-type": "application/json"}


async def listing(client: httpx.AsyncClient) -> list[dict[str, Any]]:
    response = await client.get("/jobs", params=Q)
    assert response.status_code == 200, response.text
    jobs: list[dict[str, Any]] = response.json()["value"]
    return jobs


# --- 12: bad input is a 4xx with the Batch error body, and changes nothing -------------------------


@pytest.mark.parametrize(
    ("method", "url", "body", "code"),
    [
        (
            "POST",
            "/jobs",
            '{"id": "s", "poolInfo": {"poolId": "p"}, "displayName": "\\ud800"}',
            "InvalidRequestBody",
        ),
        ("POST", "/jobs", '{"id": "\\ud800", "poolInfo": {"poolId": "p"}}', "InvalidRequestBody"),
        ("POST", "/jobs/job-1/tasks", '{"id": "t", "commandLine": "\\ud800"}', "InvalidRequestBody"),
        (
            "PATCH",
            "/jobs/job-1",
            '{"priority": 1, "metadata": [{"name": "\\udfff", "value": ""}]}',
            "InvalidRequestBody",
        ),
        ("POST", "/jobs", "[" * 5000 + "]" * 5000, "InvalidRequestBody"),
        ("GET", "/jobs?timeout=%C2%B2", None, "InvalidQueryParameterValue"),
        ("GET", "/jobs?timeout=" + "9" * 5000, None, "InvalidQueryParameterValue"),
        ("GET", "/jobs?maxresults=%D9%A3", None, "InvalidQueryParameterValue"),
        ("GET", "/jobs?$skiptoken=" + "9" * 5000, None, "InvalidQueryParameterValue"),
        ("GET", "/jobs?$filter=creationTime%20gt%20priority", None, "InvalidQueryParameterValue"),
        ("GET", "/jobs?$filter=" + "not%20" * 2000 + "id%20eq%20'x'", None, "InvalidQueryParameterValue"),
        ("GET", "/jobs/a%0Ab", None, "JobNotFound"),
        ("GET", "/jobs/a%0Db/tasks", None, "JobNotFound"),
    ],
)
async def test_bad_input_is_refused_as_the_service_refuses_it(
    client: httpx.AsyncClient, method: str, url: str, body: str | None, code: str
) -> None:
    await add_job(client)
    before = await listing(client)
    separator = "&" if "?" in url else "?"
    content = body.encode("utf-8", "surrogatepass") if body is not None else None
    response = await client.request(
        method, f"{url}{separator}api-version={Q['api-version']}", content=content, headers=JSON
    )
    status, got, _ = error_of(response)
    assert 400 <= status < 500
    assert got == code
    assert await listing(client) == before  # and every later GET /jobs still answers


async def test_a_date_past_year_9999_in_a_condition_is_a_400(client: httpx.AsyncClient) -> None:
    await add_job(client)
    headers = {"If-Unmodified-Since": "Fri, 31 Dec 9999 23:59:59 -1400"}
    response = await client.get("/jobs/job-1", params=Q, headers=headers)
    assert error_of(response)[:2] == (400, "InvalidHeaderValue")


@pytest.mark.parametrize("method", ["POST", "PATCH", "PUT"])
async def test_a_wall_clock_limit_near_unlimited_is_kept_whole(
    client: httpx.AsyncClient, method: str
) -> None:
    """``P10675198D`` is just under the 'unlimited' value: past year 9999, so as good as no limit."""
    limit = {"constraints": {"maxWallClockTime": "P10675198D"}}
    if method == "POST":
        await add_job(client, "big", **limit)
        job_id = "big"
    else:
        await add_job(client)
        job_id, etag = "job-1", (await client.get("/jobs/job-1", params=Q)).headers["etag"]
        body = limit if method == "PATCH" else {"poolInfo": {"poolId": "pool-1"}, **limit}
        response = await client.request(method, "/jobs/job-1", params=Q, json=body)
        assert response.status_code == 200, response.text
        assert response.headers["etag"] != etag
    assert (await get_job(client, job_id))["constraints"]["maxWallClockTime"] == "P10675198D"


async def test_an_update_that_fails_changes_nothing(client: httpx.AsyncClient) -> None:
    await add_job(client)
    before = (await client.get("/jobs/job-1", params=Q)).json()
    bad = {"priority": 5, "constraints": {"maxWallClockTime": "not a duration"}}
    assert error_of(await client.patch("/jobs/job-1", params=Q, json=bad))[0] == 400
    assert (await client.get("/jobs/job-1", params=Q)).json() == before


@pytest.mark.parametrize("body", ["[" * 5000 + "]" * 5000, '{"policy": "\\ud800"}'])
async def test_bad_control_plane_json_is_a_400(client: httpx.AsyncClient, body: str) -> None:
    response = await client.put(
        "/_emulator/policy", content=body.encode("utf-8", "surrogatepass"), headers=JSON
    )
    assert error_of(response)[:2] == (400, "InvalidRequestBody")


# --- 13: a signed request is held to its date --------------------------------------------------------


def signed_request(
    client: httpx.AsyncClient, method: str, path: str, date: str | None, body: bytes = b""
) -> httpx.Request:
    """A request signed for the development account with the given ``ocp-date`` (none if None)."""
    target = f"{path}?api-version={Q['api-version']}"
    headers = [("ocp-date", date)] if date is not None else []
    if body or method != "GET":
        headers += [("content-length", str(len(body))), ("content-type", "application/json")]
    key = base64.b64decode(ACCOUNT_KEY)
    signature = sign(key, string_to_sign(method, target, headers, ACCOUNT_NAME))
    headers.append(("authorization", f"SharedKey {ACCOUNT_NAME}:{signature}"))
    return client.build_request(method, target, headers=headers, content=body or None)


def ago(**delta: float) -> str:
    return format_rfc1123(datetime.now(UTC) - timedelta(**delta))


@pytest.mark.parametrize(
    ("date", "detail"),
    [
        (ago(minutes=16), "too old"),
        (ago(days=1), "too old"),
        (ago(days=3650), "too old"),
        (ago(minutes=-20), "in the future"),
        ("yesterday-ish", "not an HTTP date"),
        (None, "not specified"),
    ],
)
async def test_a_stale_future_or_missing_date_is_refused(
    emulator: Emulator, date: str | None, detail: str
) -> None:
    async with signed_client(emulator) as client:
        response = await client.send(auth=None, request=signed_request(client, "GET", "/jobs", date))
    status, code, values = error_of(response)
    assert (status, code) == (403, "AuthenticationFailed")
    assert detail in values["AuthenticationErrorDetail"]


async def test_a_date_within_the_skew_is_accepted(emulator: Emulator) -> None:
    async with signed_client(emulator) as client:
        for date in (ago(minutes=14), ago(minutes=-14)):
            assert (
                await client.send(auth=None, request=signed_request(client, "GET", "/jobs", date))
            ).status_code == 200


async def test_a_captured_request_cannot_be_replayed_an_hour_later(emulator: Emulator) -> None:
    async with signed_client(emulator) as client:
        await add_job(client)
        body = json.dumps({"priority": 10}).encode()
        captured = signed_request(client, "PATCH", "/jobs/job-1", ago(hours=1), body)
        for _ in range(2):
            assert error_of(await client.send(captured, auth=None))[:2] == (403, "AuthenticationFailed")
        assert (await get_job(client))["priority"] == 0


async def test_the_skew_check_can_be_turned_off_to_replay_recordings() -> None:
    async with signed_client(Emulator(max_clock_skew=None)) as client:
        response = await client.send(
            auth=None, request=signed_request(client, "GET", "/jobs", "Thu, 01 Jun 2023 12:30:45 GMT")
        )
    assert response.status_code == 200


# --- 14: the control plane answers only what a web page cannot send --------------------------------


async def control(
    emulator: Emulator, method: str, path: str, *, base_url: str = "http://localhost", **kwargs: Any
) -> httpx.Response:
    transport = httpx.ASGITransport(app=create_app(emulator))
    async with httpx.AsyncClient(transport=transport, base_url=base_url) as plain:
        return await plain.request(method, f"/_emulator/{path}", **kwargs)


async def test_a_cross_site_request_cannot_reset_the_emulator(emulator: Emulator) -> None:
    emulator.set_policy("held")
    refusals = [
        # A "simple" cross-origin POST, as a web page can send without a preflight.
        await control(emulator, "POST", "reset", headers={"content-type": "text/plain"}),
        await control(emulator, "POST", "reset"),  # no body, no content type
        await control(emulator, "POST", "reset", json={}, headers={"origin": "https://evil.example"}),
        await control(emulator, "POST", "reset", json={}, base_url="http://evil.example:8080"),
        await control(emulator, "GET", "journal", base_url="http://evil.example:8080"),  # DNS rebinding
        await control(emulator, "GET", "journal", headers={"origin": "null"}),
    ]
    assert [error_of(response)[:2] for response in refusals] == [
        (415, "UnsupportedMediaType"),
        (415, "UnsupportedMediaType"),
        (403, "HostNotAllowed"),
        (403, "HostNotAllowed"),
        (403, "HostNotAllowed"),
        (403, "HostNotAllowed"),
    ]
    assert emulator.account.policy == TransitionPolicy.held()  # nothing was reset


async def test_loopback_json_or_signed_requests_are_served(emulator: Emulator) -> None:
    assert (await control(emulator, "POST", "reset", json={})).status_code == 200
    assert (
        await control(emulator, "GET", "health", headers={"origin": "http://127.0.0.1:3000"})
    ).status_code == 200
    async with signed_client(emulator, "http://emulator.test") as signed:  # another host, but signed
        assert (await signed.post("/_emulator/reset", json={})).status_code == 200
        foreign_origin = await signed.get("/_emulator/health", headers={"origin": "https://x.example"})
        assert foreign_origin.status_code == 200  # signed: the signature is what counts


# --- 15: control-plane input is checked before it can break the Job API -----------------------------


@pytest.mark.parametrize(
    "fault",
    [
        {"operation": "job.get", "status": 503, "count": 1.5},
        {"operation": "job.get", "status": 503, "jobId": 7},
        {"operation": "job.get", "status": 503, "retryAfter": "soon"},
        {"operation": "job.get", "drop": "no"},
        {"operation": "job.get", "status": True},
        {"operation": "job.get", "status": 503, "delay": 10**9},
        {"operation": "job.get", "status": 503, "count": 0},
        {"operation": 7},
    ],
)
async def test_a_bad_fault_is_a_400_and_is_not_kept(
    emulator: Emulator, client: httpx.AsyncClient, fault: dict[str, Any]
) -> None:
    await add_job(client)
    assert error_of(await control(emulator, "POST", "faults", json=fault))[:2] == (400, "InvalidRequestBody")
    assert emulator.pending_faults() == []
    assert (await client.get("/jobs/job-1", params=Q)).status_code == 200
    with pytest.raises(ValueError, match="fault"):
        Fault.from_json(fault)


@pytest.mark.parametrize("policy", ["clock:1e308", "clock:nan", "clock:inf", "reads:99999999999", 7])
async def test_a_policy_out_of_bounds_is_a_400(
    emulator: Emulator, client: httpx.AsyncClient, policy: Any
) -> None:
    await add_job(client)
    response = await control(emulator, "PUT", "policy", json={"policy": policy})
    assert error_of(response)[:2] == (400, "InvalidRequestBody")
    disabled = await client.post("/jobs/job-1/disable", params=Q, json={"disableTasks": "requeue"})
    assert disabled.status_code == 202  # the Job API still works


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("policy", {"policy": "held", "jobId": 7}),
        ("release", {"jobId": ["job-1"]}),
        ("clock/advance", {"seconds": "x"}),
        ("clock/advance", {"seconds": 1e308}),
        ("countlag", {"seconds": True}),
        ("jobschedules/s/jobs", {"poolId": 7}),
        ("jobs/job-1/taskcounts", {"taskCounts": {"active": "x"}}),
        ("jobs/job-1/taskcounts", {"taskCounts": {"active": -1}}),
        ("jobs/job-1/taskcounts", {"taskCounts": {"active": 1}, "taskSlotCounts": 7}),
        ("jobs/job-1/preparationandreleasetaskstatus", {"value": [7]}),
        ("jobs/job-1/tasks/release", {"taskId": 7}),
        ("jobs/job-1/taskscripts", {"outcomes": [{"exitCode": 1.5}]}),
        ("jobs/job-1/taskscripts", {"outcomes": [{"exitCode": 2**40}]}),
        ("jobs/job-1/taskscripts", {"outcomes": [{"stdout": 7}]}),
    ],
)
async def test_bad_control_plane_values_are_400s(
    emulator: Emulator, client: httpx.AsyncClient, path: str, body: dict[str, Any]
) -> None:
    await add_job(client)
    method = (
        "PUT" if path in ("policy", "countlag") or path.endswith(("taskcounts", "taskstatus")) else "POST"
    )
    response = await control(emulator, method, path, json=body)
    assert error_of(response)[0] == 400
    assert (await client.get("/jobs/job-1/taskcounts", params=Q)).status_code == 200


async def test_a_bug_in_a_handler_is_the_services_500_json_and_is_logged(
    emulator: Emulator, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken() -> dict[str, Any]:
        raise RuntimeError("a bug")

    monkeypatch.setattr(emulator, "health", broken)
    with caplog.at_level(logging.ERROR, logger="batchjobs.emulator"):
        response = await control(emulator, "GET", "health")
    assert error_of(response)[:2] == (500, "InternalError")
    assert [record.exc_info[0] for record in caplog.records if record.exc_info] == [RuntimeError]
