"""The job-state machine, conflicts, transition policies, PATCH vs PUT and conditional requests."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from batchjobs._auth import format_rfc1123
from batchjobs.emulator import Emulator, ManualClock, TransitionPolicy

from .conftest import Q, add_job, error_of, get_job

DISABLE = {"disableTasks": "requeue"}


async def state(client: httpx.AsyncClient, job_id: str = "job-1") -> str:
    return str((await get_job(client, job_id, **{"$select": "state"}))["state"])


async def act(client: httpx.AsyncClient, action: str, job_id: str = "job-1") -> httpx.Response:
    if action == "disable":
        return await client.post(f"/jobs/{job_id}/disable", params=Q, json=DISABLE)
    if action == "delete":
        return await client.delete(f"/jobs/{job_id}", params=Q)
    if action == "patch":
        return await client.patch(f"/jobs/{job_id}", params=Q, json={"priority": 1})
    if action == "update":
        return await client.put(f"/jobs/{job_id}", params=Q, json={"poolInfo": {"poolId": "pool-1"}})
    return await client.post(f"/jobs/{job_id}/{action}", params=Q)


async def test_default_policy_shows_the_in_between_state_for_one_read(client: httpx.AsyncClient) -> None:
    await add_job(client)
    assert (await act(client, "disable")).status_code == 202
    assert await state(client) == "disabling"
    body = await get_job(client)
    assert body["state"] == "disabled"
    assert body["previousState"] == "active"
    assert (await act(client, "enable")).status_code == 202
    assert await state(client) == "enabling"
    assert await state(client) == "active"


async def test_after_n_reads_policy_counts_list_reads_too(
    emulator: Emulator, client: httpx.AsyncClient
) -> None:
    emulator.set_policy(TransitionPolicy.after_reads(3))
    await add_job(client)
    await act(client, "terminate")
    assert await state(client) == "terminating"
    listed = (await client.get("/jobs", params=Q)).json()["value"]
    assert listed[0]["state"] == "terminating"
    assert await state(client) == "terminating"
    body = await get_job(client)
    assert body["state"] == "completed"
    assert body["previousState"] == "active"


async def test_instant_policy_settles_before_the_response(
    emulator: Emulator, client: httpx.AsyncClient
) -> None:
    emulator.set_policy("instant")
    await add_job(client)
    await act(client, "disable")
    assert await state(client) == "disabled"
    await act(client, "delete")
    assert (await client.get("/jobs/job-1", params=Q)).status_code == 404


async def test_clock_policy_settles_once_the_clock_has_moved(
    clock: ManualClock, emulator: Emulator, client: httpx.AsyncClient
) -> None:
    emulator.set_policy(TransitionPolicy.after(timedelta(seconds=30)))
    await add_job(client)
    await act(client, "disable")
    clock.advance(29)
    assert await state(client) == "disabling"
    assert await state(client) == "disabling"
    clock.advance(1)
    assert await state(client) == "disabled"


async def test_held_policy_waits_for_release(emulator: Emulator, client: httpx.AsyncClient) -> None:
    emulator.set_policy("held")
    await add_job(client)
    await act(client, "delete")
    for _ in range(3):
        assert await state(client) == "deleting"
    assert emulator.release("job-1") == 1
    assert (await client.get("/jobs/job-1", params=Q)).status_code == 404


async def test_per_job_policy_overrides_the_emulator_policy(
    emulator: Emulator, client: httpx.AsyncClient
) -> None:
    emulator.set_policy("held")
    await add_job(client, "slow")
    await add_job(client, "fast")
    emulator.set_policy("instant", job_id="fast")
    await act(client, "disable", "slow")
    await act(client, "disable", "fast")
    assert await state(client, "slow") == "disabling"
    assert await state(client, "fast") == "disabled"
    emulator.set_policy("instant", job_id="slow")  # also applies to the pending change
    assert await state(client, "slow") == "disabled"


CONFLICTS = [
    # (state reached by, action, expected code)
    ("terminate", "disable", "JobBeingTerminated"),
    ("terminate", "enable", "JobBeingTerminated"),
    ("terminate", "terminate", "JobBeingTerminated"),
    ("terminate", "patch", "JobBeingTerminated"),
    ("terminate", "update", "JobBeingTerminated"),
    ("delete", "disable", "JobBeingDeleted"),
    ("delete", "enable", "JobBeingDeleted"),
    ("delete", "terminate", "JobBeingDeleted"),
    ("delete", "delete", "JobBeingDeleted"),
    ("delete", "patch", "JobBeingDeleted"),
    ("delete", "update", "JobBeingDeleted"),
    ("disable", "enable", "OperationInvalidForCurrentState"),
    (None, "enable", "OperationInvalidForCurrentState"),
]


@pytest.mark.parametrize(("setup", "action", "code"), CONFLICTS)
async def test_state_conflicts_are_409(
    emulator: Emulator, client: httpx.AsyncClient, setup: str | None, action: str, code: str
) -> None:
    emulator.set_policy("held")
    await add_job(client)
    if setup is not None:
        assert (await act(client, setup)).status_code == 202
    status, got, values = error_of(await act(client, action))
    assert (status, got) == (409, code)
    assert "JobState" in values


@pytest.mark.parametrize("action", ["disable", "enable", "terminate", "patch", "update"])
async def test_completed_job_refuses_changes(
    emulator: Emulator, client: httpx.AsyncClient, action: str
) -> None:
    emulator.set_policy("instant")
    await add_job(client)
    await act(client, "terminate")
    assert error_of(await act(client, action))[:2] == (409, "JobCompleted")
    assert (await act(client, "delete")).status_code == 202


async def test_add_conflicts_with_a_job_being_deleted(emulator: Emulator, client: httpx.AsyncClient) -> None:
    emulator.set_policy("held")
    await add_job(client)
    await act(client, "delete")
    again = await client.post("/jobs", params=Q, json={"id": "job-1", "poolInfo": {"poolId": "p"}})
    assert error_of(again)[:2] == (409, "JobExists")
    emulator.release()
    await add_job(client)


async def test_disable_of_disabled_job_and_enable_of_enabling_job_are_accepted(
    emulator: Emulator, client: httpx.AsyncClient
) -> None:
    emulator.set_policy("instant")
    await add_job(client)
    await act(client, "disable")
    assert (await act(client, "disable")).status_code == 202
    assert await state(client) == "disabled"
    emulator.set_policy("held")
    await act(client, "enable")
    assert (await act(client, "enable")).status_code == 202
    assert (await act(client, "terminate")).status_code == 202


async def test_all_tasks_complete_terminates_a_terminatejob_job(
    emulator: Emulator, client: httpx.AsyncClient
) -> None:
    emulator.set_policy("instant")
    await add_job(client, "auto", onAllTasksComplete="terminatejob")
    await add_job(client, "manual")
    emulator.complete_all_tasks("auto")
    emulator.complete_all_tasks("manual")
    auto = await get_job(client, "auto")
    assert auto["state"] == "completed"
    assert auto["executionInfo"]["terminateReason"] == "AllTasksComplete"
    assert await state(client, "manual") == "active"
    # Switching to terminatejob later terminates a job whose tasks are already done. [INF]
    await client.patch("/jobs/manual", params=Q, json={"onAllTasksComplete": "terminatejob"})
    assert await state(client, "manual") == "completed"


async def test_max_wall_clock_time_terminates_the_job(
    clock: ManualClock, emulator: Emulator, client: httpx.AsyncClient
) -> None:
    emulator.set_policy("instant")
    await add_job(client, constraints={"maxWallClockTime": "PT1H"})
    clock.advance(3599)
    assert await state(client) == "active"
    clock.advance(1)
    body = await get_job(client)
    assert body["state"] == "completed"
    assert body["executionInfo"]["terminateReason"] == "MaxWallClockTimeExpiry"


async def test_patch_changes_only_given_properties(client: httpx.AsyncClient) -> None:
    await add_job(client, priority=10, maxParallelTasks=4, metadata=[{"name": "a", "value": "1"}])
    await client.patch("/jobs/job-1", params=Q, json={"constraints": {"maxTaskRetryCount": 3}})
    body = await get_job(client)
    assert (body["priority"], body["maxParallelTasks"], body["metadata"]) == (
        10,
        4,
        [{"name": "a", "value": "1"}],
    )
    assert body["constraints"] == {"maxWallClockTime": "P10675199DT2H48M5.4775807S", "maxTaskRetryCount": 3}
    await client.patch("/jobs/job-1", params=Q, json={"metadata": []})
    assert "metadata" not in await get_job(client)


async def test_put_resets_omitted_properties(client: httpx.AsyncClient) -> None:
    await add_job(
        client,
        priority=10,
        maxParallelTasks=4,
        allowTaskPreemption=True,
        constraints={"maxTaskRetryCount": 2},
        metadata=[{"name": "a", "value": "1"}],
    )
    response = await client.put("/jobs/job-1", params=Q, json={"poolInfo": {"poolId": "pool-1"}})
    assert response.status_code == 200
    body = await get_job(client)
    assert (body["priority"], body["maxParallelTasks"], body["allowTaskPreemption"]) == (0, -1, False)
    assert body["constraints"] == {"maxWallClockTime": "P10675199DT2H48M5.4775807S", "maxTaskRetryCount": 0}
    assert "metadata" not in body
    assert body["onAllTasksComplete"] == "noaction"


async def test_put_without_pool_info_is_400_and_changes_nothing(client: httpx.AsyncClient) -> None:
    created = await add_job(client, priority=10)
    response = await client.put("/jobs/job-1", params=Q, json={"priority": 1})
    assert error_of(response) == (400, "MissingRequiredProperty", {"PropertyName": "poolInfo"})
    body = await get_job(client)
    assert body["priority"] == 10
    assert body["eTag"] == created.headers["ETag"]


async def test_pool_change_needs_a_disabled_job(emulator: Emulator, client: httpx.AsyncClient) -> None:
    emulator.set_policy("instant")
    await add_job(client)
    same = await client.patch("/jobs/job-1", params=Q, json={"poolInfo": {"poolId": "pool-1"}})
    assert same.status_code == 200
    other = await client.patch("/jobs/job-1", params=Q, json={"poolInfo": {"poolId": "pool-2"}})
    assert error_of(other)[:2] == (409, "OperationInvalidForCurrentState")
    await act(client, "disable")
    moved = await client.put("/jobs/job-1", params=Q, json={"poolInfo": {"poolId": "pool-2"}})
    assert moved.status_code == 200
    body = await get_job(client)
    assert body["poolInfo"] == {"poolId": "pool-2"}
    assert body["executionInfo"]["poolId"] == "pool-2"


async def test_terminatejob_cannot_go_back_to_noaction(client: httpx.AsyncClient) -> None:
    await add_job(client, onAllTasksComplete="terminatejob")
    back = await client.patch("/jobs/job-1", params=Q, json={"onAllTasksComplete": "noaction"})
    assert error_of(back)[:2] == (400, "InvalidPropertyValue")
    omitted = await client.put("/jobs/job-1", params=Q, json={"poolInfo": {"poolId": "pool-1"}})
    assert error_of(omitted)[:2] == (400, "InvalidPropertyValue")


# --- conditional requests ---------------------------------------------------------------------


async def test_if_match_on_writes(client: httpx.AsyncClient) -> None:
    etag = (await add_job(client)).headers["ETag"]
    stale = await client.patch("/jobs/job-1", params=Q, json={"priority": 1}, headers={"If-Match": "0x1"})
    assert error_of(stale)[:2] == (412, "ConditionNotMet")
    quoted = await client.patch(
        "/jobs/job-1", params=Q, json={"priority": 1}, headers={"If-Match": f'"{etag}"'}
    )
    assert quoted.status_code == 200
    bare = await client.patch(
        "/jobs/job-1", params=Q, json={"priority": 2}, headers={"If-Match": quoted.headers["ETag"]}
    )
    assert bare.status_code == 200
    star = await client.delete("/jobs/job-1", params=Q, headers={"If-Match": "*"})
    assert star.status_code == 202


async def test_if_none_match_on_reads_gives_304_without_body(client: httpx.AsyncClient) -> None:
    etag = (await add_job(client)).headers["ETag"]
    response = await client.get("/jobs/job-1", params=Q, headers={"If-None-Match": f'"{etag}"'})
    assert response.status_code == 304
    assert response.content == b""
    assert response.headers["ETag"] == etag
    other = await client.get("/jobs/job-1", params=Q, headers={"If-None-Match": "0x1"})
    assert other.status_code == 200
    write = await client.post("/jobs/job-1/terminate", params=Q, headers={"If-None-Match": etag})
    assert error_of(write)[:2] == (412, "ConditionNotMet")


async def test_if_modified_since_and_if_unmodified_since(
    clock: ManualClock, client: httpx.AsyncClient
) -> None:
    created = clock()
    await add_job(client)
    before, after = (
        format_rfc1123(created - timedelta(seconds=1)),
        format_rfc1123(created + timedelta(seconds=1)),
    )
    assert (
        await client.get("/jobs/job-1", params=Q, headers={"If-Modified-Since": after})
    ).status_code == 304
    assert (
        await client.get("/jobs/job-1", params=Q, headers={"If-Modified-Since": before})
    ).status_code == 200
    refused = await client.patch("/jobs/job-1", params=Q, json={}, headers={"If-Unmodified-Since": before})
    assert error_of(refused)[:2] == (412, "ConditionNotMet")
    allowed = await client.patch("/jobs/job-1", params=Q, json={}, headers={"If-Unmodified-Since": after})
    assert allowed.status_code == 200
    bad = await client.get("/jobs/job-1", params=Q, headers={"If-Modified-Since": "yesterday"})
    assert error_of(bad)[:2] == (400, "InvalidHeaderValue")


async def test_service_transitions_do_not_change_the_etag(client: httpx.AsyncClient) -> None:
    await add_job(client)
    etag = (await act(client, "disable")).headers["ETag"]
    assert (await get_job(client))["eTag"] == etag  # disabling
    assert (await get_job(client))["eTag"] == etag  # disabled
    enabled = await client.post("/jobs/job-1/enable", params=Q, headers={"If-Match": etag})
    assert enabled.status_code == 202


async def test_an_operation_the_state_refuses_has_the_message_tools_match(
    emulator: Emulator, client: httpx.AsyncClient
) -> None:
    await add_job(client)
    refused = await client.post("/jobs/job-1/enable", params=Q)  # an active job cannot be enabled
    assert error_of(refused)[:2] == (409, "OperationInvalidForCurrentState")
    message = refused.json()["message"]["value"]
    assert message.startswith("The specified operation is not valid for the current state of the resource.")
