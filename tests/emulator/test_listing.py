"""Listing: paging with odata.nextLink, $filter, $select and $expand."""

from __future__ import annotations

import random
from urllib.parse import parse_qs, quote, urlsplit

import httpx
import pytest

from batchjobs.emulator import Emulator, ManualClock
from batchjobs.models import JobAddParameter, PoolInformation

from .conftest import Q, add_job, error_of, get_job, signed_client


def seed(emulator: Emulator, ids: list[str]) -> None:
    for job_id in ids:
        emulator.store.add(JobAddParameter(id=job_id, pool_info=PoolInformation(pool_id="pool-1")))


async def test_next_link_is_absolute_and_carries_the_query(
    emulator: Emulator, client: httpx.AsyncClient
) -> None:
    seed(emulator, [f"job-{i}" for i in range(5)])
    params = {
        **Q,
        "maxresults": "2",
        "$filter": "startswith(id,'job-')",
        "$select": "id,state",
        "$expand": "stats",
        "timeout": "30",
    }
    first = (await client.get("/jobs", params=params)).json()
    link = first["odata.nextLink"]
    parts = urlsplit(link)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://devaccount.emulator.test/jobs"
    query = parse_qs(parts.query)
    assert query["api-version"] == [Q["api-version"]]
    assert query["maxresults"] == ["2"]
    assert query["$filter"] == ["startswith(id,'job-')"]
    assert query["$select"] == ["id,state"]
    token = query["$skiptoken"][0]
    assert "+" not in token
    assert "/" not in token
    assert "=" not in token
    assert "%2C" in parts.query
    assert "%27" in parts.query
    seen = [job["id"] for job in first["value"]]
    while link:
        page = (await client.get(link)).json()
        seen += [job["id"] for job in page["value"]]
        link = page.get("odata.nextLink")
    assert seen == [f"job-{i}" for i in range(5)]


async def test_next_link_uses_the_host_the_client_reached(emulator: Emulator) -> None:
    seed(emulator, ["a", "b"])
    async with signed_client(emulator, "http://127.0.0.1:8123") as client:
        body = (await client.get("/jobs", params={**Q, "maxresults": "1"})).json()
    assert body["odata.nextLink"].startswith("http://127.0.0.1:8123/jobs?")
    assert body["value"][0]["url"] == "http://127.0.0.1:8123/jobs/a"


async def test_skiptoken_survives_re_encoding_and_name_case(
    emulator: Emulator, client: httpx.AsyncClient
) -> None:
    seed(emulator, ["a", "b", "c"])
    link = (await client.get("/jobs", params={**Q, "maxresults": "1"})).json()["odata.nextLink"]
    token = parse_qs(urlsplit(link).query)["$skiptoken"][0]
    again = await client.get("/jobs", params={**Q, "maxresults": "1", "$skipToken": quote(token, safe="")})
    assert [job["id"] for job in again.json()["value"]] == ["b"]
    bad = await client.get("/jobs", params={**Q, "$skiptoken": "bm9wZQ"})
    assert error_of(bad)[:2] == (400, "InvalidQueryParameterValue")


async def test_paging_5000_jobs_under_concurrent_adds_and_deletes(
    emulator: Emulator, client: httpx.AsyncClient
) -> None:
    ids = [f"job-{i:05d}" for i in range(5000)]
    seed(emulator, ids)
    rng = random.Random(7)
    deleted: set[str] = set()
    added: list[str] = []
    emulator.set_policy("instant")
    seen: list[str] = []
    link: str | None = f"/jobs?api-version={Q['api-version']}&maxresults=100"
    pages = 0
    while link:
        page = (await client.get(link)).json()
        assert len(page["value"]) <= 100
        seen += [job["id"] for job in page["value"]]
        link = page.get("odata.nextLink")
        pages += 1
        # Between pages: delete a few jobs (seen or not) and add some new ones.
        for victim in rng.sample([i for i in ids if i not in deleted], 5):
            emulator.store.delete(victim)
            deleted.add(victim)
        for _ in range(3):
            added.append(f"new-{len(added):05d}")
            seed(emulator, added[-1:])
    assert len(seen) == len(set(seen)), "a job was listed twice"
    survivors = [i for i in ids if i not in deleted]
    assert set(survivors) <= set(seen), "a job present throughout was skipped"
    assert pages >= 50


async def test_filter_on_the_documented_properties(
    clock: ManualClock, emulator: Emulator, client: httpx.AsyncClient
) -> None:
    emulator.set_policy("instant")
    await add_job(client, "alpha", priority=10, displayName="First")
    clock.advance(60)
    await add_job(client, "beta", priority=-5, poolInfo={"poolId": "other"})
    await add_job(client, "gamma")
    await client.post("/jobs/gamma/disable", params=Q, json={"disableTasks": "wait"})

    async def ids(expression: str) -> list[str]:
        response = await client.get("/jobs", params={**Q, "$filter": expression})
        assert response.status_code == 200, response.text
        return [job["id"] for job in response.json()["value"]]

    assert await ids("state eq 'active'") == ["alpha", "beta"]
    assert await ids("state eq 'disabled' or priority gt 0") == ["alpha", "gamma"]
    assert await ids("priority ge -5 and priority le 0") == ["beta", "gamma"]
    assert await ids("not (id eq 'alpha')") == ["beta", "gamma"]
    assert await ids("displayName eq 'First'") == ["alpha"]
    assert await ids("executionInfo/poolId eq 'other'") == ["beta"]
    assert await ids("startswith(id, 'g')") == ["gamma"]
    assert await ids("creationTime gt datetime'2023-06-01T12:00:30Z'") == ["beta", "gamma"]
    assert await ids("creationTime lt 2023-06-01T12:00:30Z") == ["alpha"]
    assert await ids("stateTransitionTime ge datetime'2023-06-01T12:01:00Z' and state ne 'active'") == [
        "gamma"
    ]
    assert await ids("(state eq 'active' or state eq 'disabled') and startswith(id,'b')") == ["beta"]


async def test_filter_arrives_raw_or_percent_encoded(emulator: Emulator, client: httpx.AsyncClient) -> None:
    seed(emulator, ["a", "b"])
    raw = await client.get("/jobs?api-version=2023-05-01.17.0&$filter=id eq 'b'&$select=id,state")
    encoded = await client.get(
        "/jobs?api-version=2023-05-01.17.0&$filter=id%20eq%20%27b%27&$select=id%2Cstate"
    )
    assert raw.json()["value"] == encoded.json()["value"] == [{"id": "b", "state": "active"}]


@pytest.mark.parametrize(
    "expression",
    [
        "state eq",
        "state = 'active'",
        "nosuch eq 1",
        "priority eq 'high'",
        "startswith(priority,'1')",
        "id eq 'unterminated",
        "constraints eq null",
        "creationTime gt datetime'yesterday'",
    ],
)
async def test_invalid_filter_is_400(client: httpx.AsyncClient, expression: str) -> None:
    status, code, values = error_of(await client.get("/jobs", params={**Q, "$filter": expression}))
    assert (status, code, values["QueryParameterName"]) == (400, "InvalidQueryParameterValue", "$filter")


async def test_select_top_level_and_nested(client: httpx.AsyncClient) -> None:
    await add_job(client)
    body = await get_job(client, **{"$select": "id, state,executionInfo/poolId,constraints"})
    assert set(body) == {"odata.metadata", "id", "state", "executionInfo", "constraints"}
    assert body["executionInfo"] == {"poolId": "pool-1"}
    listed = (await client.get("/jobs", params={**Q, "$select": "url,eTag"})).json()["value"]
    assert set(listed[0]) == {"url", "eTag"}
    bad = await client.get("/jobs/job-1", params={**Q, "$select": "id,nosuch"})
    assert error_of(bad)[:2] == (400, "InvalidQueryParameterValue")


async def test_expand_stats(client: httpx.AsyncClient) -> None:
    await add_job(client)
    assert "stats" not in await get_job(client)
    stats = (await get_job(client, **{"$expand": "stats"}))["stats"]
    assert stats["url"].endswith("/jobs/job-1/stats")
    assert stats["numSucceededTasks"] == 0
    assert stats["wallClockTime"] == "PT0S"
    listed = (await client.get("/jobs", params={**Q, "$expand": "stats"})).json()["value"]
    assert "stats" in listed[0]
    bad = await client.get("/jobs/job-1", params={**Q, "$expand": "tasks"})
    assert error_of(bad)[:2] == (400, "InvalidQueryParameterValue")
