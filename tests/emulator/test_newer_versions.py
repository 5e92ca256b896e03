"""What api-versions after 2023-05-01.17.0 send to the job operations (azure-batch 15.x): accepted,
checked, kept where the job document holds them; nothing a client sends makes the emulator fail."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from batchjobs.emulator import Emulator

from .conftest import Q, add_job, error_of, get_job, signed_client

NEW = {"api-version": "2025-06-01"}
MOUNTS = [{"source": "Shared", "isReadOnly": True}, {"source": "Task", "isReadOnly": False}]


def _container(**extra: Any) -> dict[str, Any]:
    return {"imageName": "ubuntu:22.04", **extra}


async def test_skip_withdraw_from_vnet_is_kept(client: httpx.AsyncClient) -> None:
    network = {"subnetId": "/subscriptions/s/vnet/subnets/a", "skipWithdrawFromVNet": True}
    await add_job(client, networkConfiguration=network)
    assert (await get_job(client))["networkConfiguration"] == network


async def test_container_bind_mounts_are_kept_on_every_job_task(client: httpx.AsyncClient) -> None:
    container = _container(containerHostBatchBindMounts=MOUNTS)
    await add_job(
        client,
        jobManagerTask={"id": "jm", "commandLine": "run", "containerSettings": container},
        jobPreparationTask={"commandLine": "prep", "containerSettings": container},
        jobReleaseTask={"commandLine": "release", "containerSettings": container},
    )
    job = await get_job(client)
    for key in ("jobManagerTask", "jobPreparationTask", "jobReleaseTask"):
        assert job[key]["containerSettings"]["containerHostBatchBindMounts"] == MOUNTS, key
        assert job[key]["containerSettings"]["imageName"] == "ubuntu:22.04"


async def test_patch_sets_the_network_configuration(client: httpx.AsyncClient) -> None:
    await add_job(client, networkConfiguration={"subnetId": "/old"})
    network = {"subnetId": "/new", "skipWithdrawFromVNet": False}
    response = await client.patch("/jobs/job-1", params=NEW, json={"networkConfiguration": network})
    assert response.status_code == 200, response.text
    job = await get_job(client)
    assert job["networkConfiguration"] == network


async def test_patch_without_network_configuration_keeps_it(client: httpx.AsyncClient) -> None:
    network = {"subnetId": "/kept", "skipWithdrawFromVNet": True}
    await add_job(client, networkConfiguration=network)
    assert (await client.patch("/jobs/job-1", params=NEW, json={"priority": 3})).status_code == 200
    job = await get_job(client)
    assert (job["networkConfiguration"], job["priority"]) == (network, 3)


async def test_a_document_read_back_can_be_sent_as_a_replacement(client: httpx.AsyncClient) -> None:
    """azure-batch 15.x ``replace_job`` sends the job it read, ``odata.metadata`` included."""
    await add_job(client)
    body = {
        "odata.metadata": "https://x/$metadata#jobs/@Element",
        "priority": 7,
        "poolInfo": {"poolId": "pool-1", "odata.type": "ignored"},
    }
    response = await client.put("/jobs/job-1", params=NEW, json=body)
    assert response.status_code == 200, response.text
    job = await get_job(client)
    assert (job["priority"], job["poolInfo"]) == (7, {"poolId": "pool-1"})


async def test_odata_annotations_are_not_stored(client: httpx.AsyncClient) -> None:
    await add_job(
        client, **{"odata.metadata": "x", "constraints": {"maxTaskRetryCount": 2, "odata.type": "t"}}
    )
    job = await get_job(client)
    assert job["constraints"]["maxTaskRetryCount"] == 2
    assert "odata.type" not in job["constraints"]
    assert job["odata.metadata"].endswith("$metadata#jobs/@Element")


async def _post(client: httpx.AsyncClient, **body: Any) -> httpx.Response:
    return await client.post("/jobs", params=NEW, json={"id": "j", "poolInfo": {"poolId": "p"}, **body})


async def test_newer_values_are_type_checked(client: httpx.AsyncClient) -> None:
    cases = [
        (
            {"networkConfiguration": {"subnetId": "/s", "skipWithdrawFromVNet": "yes"}},
            "networkConfiguration.skipWithdrawFromVNet",
        ),
        (
            {
                "jobManagerTask": {
                    "id": "jm",
                    "commandLine": "c",
                    "containerSettings": _container(containerHostBatchBindMounts=[{"source": "Nope"}]),
                }
            },
            "jobManagerTask.containerSettings.containerHostBatchBindMounts[0].source",
        ),
        (
            {
                "jobManagerTask": {
                    "id": "jm",
                    "commandLine": "c",
                    "containerSettings": _container(containerHostBatchBindMounts={"source": "Task"}),
                }
            },
            "jobManagerTask.containerSettings.containerHostBatchBindMounts",
        ),
        (
            {
                "jobManagerTask": {
                    "id": "jm",
                    "commandLine": "c",
                    "containerSettings": _container(containerHostBatchBindMounts=["Task"]),
                }
            },
            "jobManagerTask.containerSettings.containerHostBatchBindMounts[0]",
        ),
        (
            {
                "jobManagerTask": {
                    "id": "jm",
                    "commandLine": "c",
                    "containerSettings": _container(containerHostBatchBindMounts=[{"isReadOnly": 3}]),
                }
            },
            "jobManagerTask.containerSettings.containerHostBatchBindMounts[0].isReadOnly",
        ),
    ]
    for body, prop in cases:
        status, code, values = error_of(await _post(client, **body))
        assert (status, code, values["PropertyName"]) == (400, "InvalidPropertyValue", prop), body
    assert (await client.get("/jobs/j", params=Q)).status_code == 404  # nothing was created


async def test_unknown_newer_properties_still_name_themselves(client: httpx.AsyncClient) -> None:
    bind = {"source": "Task", "mountPropagation": "shared"}
    response = await _post(
        client,
        jobManagerTask={
            "id": "jm",
            "commandLine": "c",
            "containerSettings": _container(containerHostBatchBindMounts=[bind]),
        },
    )
    status, code, values = error_of(response)
    assert (status, code) == (400, "UnsupportedProperty")
    assert (
        values["PropertyName"]
        == "jobManagerTask.containerSettings.containerHostBatchBindMounts[0].mountPropagation"
    )


async def test_network_configuration_is_not_a_replace_property(client: httpx.AsyncClient) -> None:
    """Only PATCH gained networkConfiguration; the PUT body (JobUpdateParameter) did not."""
    await add_job(client)
    body = {"poolInfo": {"poolId": "pool-1"}, "networkConfiguration": {"subnetId": "/s"}}
    status, code, values = error_of(await client.put("/jobs/job-1", params=NEW, json=body))
    assert (status, code, values["PropertyName"]) == (400, "UnsupportedProperty", "networkConfiguration")


# --- nothing a client sends gets a 500 ----------------------------------------------------------

_KEYS = [
    "id", "poolInfo", "poolId", "priority", "constraints", "maxTaskRetryCount", "maxWallClockTime",
    "networkConfiguration", "subnetId", "skipWithdrawFromVNet", "jobManagerTask", "commandLine",
    "containerSettings", "imageName", "containerHostBatchBindMounts", "source", "isReadOnly",
    "metadata", "name", "value", "onAllTasksComplete", "authenticationTokenSettings", "odata.metadata",
    "jobPreparationTask", "jobReleaseTask", "usesTaskDependencies", "x",
]  # fmt: skip
_json = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(_KEYS), inner, max_size=4),
    max_leaves=12,
)
_bodies = st.dictionaries(st.sampled_from(_KEYS), _json, max_size=6)


async def _send_each(bodies: list[Any]) -> list[int]:
    statuses = []
    async with signed_client(Emulator()) as client:
        await add_job(client, "j")
        for body in bodies:
            content = json.dumps(body, allow_nan=True)
            headers = {"content-type": "application/json"}
            for method, url in (("POST", "/jobs"), ("PATCH", "/jobs/j"), ("PUT", "/jobs/j")):
                response = await client.request(method, url, params=NEW, content=content, headers=headers)
                statuses.append(response.status_code)
    return statuses


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_bodies, min_size=1, max_size=3))
def test_no_body_makes_the_emulator_fail(bodies: list[Any]) -> None:
    statuses = asyncio.run(_send_each(bodies))
    assert all(status < 500 for status in statuses), statuses
