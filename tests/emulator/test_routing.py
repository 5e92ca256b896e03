"""The route table and the layers in front of the handlers: built from the operation records,
matched on the raw path, faults and the journal keyed by qualified operation ids."""

from __future__ import annotations

import httpx
import pytest

from batchjobs._api import ENDPOINTS
from batchjobs.emulator import OPERATIONS, Emulator, Fault
from batchjobs.emulator._routing import RouteTable, allowed_query
from batchjobs.emulator.resources import HANDLERS, OWN_ENDPOINTS

from .conftest import Q, add_job, error_of

LISTING = {"api-version", "timeout", "$filter", "$select", "maxresults", "$skiptoken"}


def test_every_operation_has_a_handler() -> None:
    assert set(HANDLERS) == set(ENDPOINTS) | {endpoint.id for endpoint in OWN_ENDPOINTS}
    assert len(HANDLERS) == 12 + 9 + 4 + 3


@pytest.mark.parametrize(
    ("endpoint_id", "allowed"),
    [
        ("job.get", {"api-version", "timeout", "$select", "$expand"}),
        ("job.list", LISTING | {"$expand"}),
        ("job.list_from_job_schedule", LISTING | {"$expand"}),
        ("job.list_preparation_and_release_task_status", LISTING),
        ("job.delete", {"api-version", "timeout", "force"}),
        ("job.terminate", {"api-version", "timeout", "force"}),
        ("job.add", {"api-version", "timeout"}),
        ("job.disable", {"api-version", "timeout"}),
        ("job.enable", {"api-version", "timeout"}),
        ("job.get_task_counts", {"api-version", "timeout"}),
        ("job.patch", {"api-version", "timeout"}),
        ("job.update", {"api-version", "timeout"}),
    ],
)
def test_allowed_query_comes_from_the_record(endpoint_id: str, allowed: set[str]) -> None:
    assert allowed_query(ENDPOINTS[endpoint_id]) == allowed


TABLE = RouteTable((*ENDPOINTS.values(), *OWN_ENDPOINTS))


@pytest.mark.parametrize(
    ("method", "segments", "expected"),
    [
        ("POST", ["jobs"], ("job.add", {})),
        ("GET", ["JOBS"], ("job.list", {})),
        ("GET", ["jobs", "a/b"], ("job.get", {"job_id": "a/b"})),
        ("PUT", ["jobs", "s:job-1"], ("job.update", {"job_id": "s:job-1"})),
        ("POST", ["jobs", "j", "Disable"], ("job.disable", {"job_id": "j"})),
        ("GET", ["jobs", "j", "taskcounts"], ("job.get_task_counts", {"job_id": "j"})),
        ("GET", ["jobschedules", "s", "jobs"], ("job.list_from_job_schedule", {"job_schedule_id": "s"})),
        ("POST", ["jobs", "", "disable"], None),
        ("POST", ["jobs", "j"], None),
        ("GET", ["jobs", "j", "nothing"], None),
        ("GET", [], None),
    ],
)
def test_match(method: str, segments: list[str], expected: tuple[str, dict[str, str]] | None) -> None:
    found = TABLE.match(method, segments)
    assert ((found[0].id, found[1]) if found else None) == expected


async def test_encoded_ids_reach_the_handler(client: httpx.AsyncClient) -> None:
    await client.post("/_emulator/jobschedules", json={"id": "s"})
    await client.post("/_emulator/jobschedules/s/jobs", json={})
    got = await client.get("/jobs/s%3Ajob-1", params=Q)
    assert got.json()["id"] == "s:job-1"
    assert (await client.get("/Jobs/S%3AJOB-1/TaskCounts", params=Q)).status_code == 200


def test_operations_are_qualified_ids_and_their_aliases() -> None:
    assert {"job.get", "get", "job.list_from_job_schedule", "list_from_job_schedule"} <= OPERATIONS
    assert Fault(operation="get").operation_id == "job.get"
    assert Fault(operation="job.get").operation_id == "job.get"
    with pytest.raises(ValueError, match="unknown operation"):
        Fault(operation="task.fly")


@pytest.mark.parametrize("name", ["job.get", "get"])
async def test_a_fault_hits_by_qualified_id_or_alias(
    emulator: Emulator, client: httpx.AsyncClient, name: str
) -> None:
    await add_job(client)
    fault = emulator.inject_fault(operation=name, status=503)
    assert fault.to_json()["operation"] == name  # kept as given
    assert (await client.get("/jobs", params=Q)).status_code == 200
    assert (await client.get("/jobs/job-1", params=Q)).status_code == 503
    assert (await client.get("/jobs/job-1", params=Q)).status_code == 200
    journal = [(entry["operation"], entry["fault"]) for entry in emulator.requests()]
    assert journal == [("job.add", None), ("job.list", None), ("job.get", fault.id), ("job.get", None)]


async def test_faults_over_http_take_qualified_ids(client: httpx.AsyncClient) -> None:
    created = await client.post("/_emulator/faults", json={"operation": "job.list", "status": 500})
    assert created.json()["operation"] == "job.list"
    assert (await client.get("/jobs", params=Q)).status_code == 500


async def test_a_fault_waits_for_a_signed_well_formed_request(
    emulator: Emulator, client: httpx.AsyncClient
) -> None:
    emulator.inject_fault(operation="*", status=503)
    assert error_of(await client.get("/jobs", params={**Q, "colour": "red"}))[0] == 400
    assert error_of(await client.get("/certificates", params=Q))[0] == 501
    async with httpx.AsyncClient(transport=client._transport, base_url=str(client.base_url)) as unsigned:
        assert error_of(await unsigned.get("/jobs", params=Q))[0] == 400  # no Authorization
    assert (await client.get("/jobs", params=Q)).status_code == 503
    statuses = [(entry["operation"], entry["status"], entry["auth"]) for entry in emulator.requests()]
    assert statuses == [
        ("job.list", 400, "SharedKey"),
        (None, 501, "SharedKey"),
        ("job.list", 400, None),
        ("job.list", 503, "SharedKey"),
    ]


async def test_the_journal_names_the_job_schedule_of_a_schedule_listing(
    emulator: Emulator, client: httpx.AsyncClient
) -> None:
    emulator.add_job_schedule("sched")
    await client.get("/jobschedules/sched/jobs", params=Q)
    assert emulator.requests()[-1]["jobId"] == "sched"


async def test_errors_echo_the_client_request_id_when_asked(client: httpx.AsyncClient) -> None:
    request_id = "9c4d50ee-2d56-4cd3-8152-34347dc9f2b0"
    headers = {"client-request-id": request_id, "return-client-request-id": "true"}
    missing = await client.get("/jobs/nope", params=Q, headers=headers)
    assert (missing.status_code, missing.headers["client-request-id"]) == (404, request_id)
    assert error_of(missing)[1] == "JobNotFound"
