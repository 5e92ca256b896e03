"""The emulator's task operations on the wire (simulate executor): statuses, headers, documents,
error codes, the task life cycle, retries, exit conditions, dependencies and what jobs do to tasks."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from batchjobs.emulator import Emulator, ManualClock

from .conftest import Q, add_job, error_of, get_job


async def add_task(
    client: httpx.AsyncClient, job_id: str = "job-1", task_id: str = "t1", **body: Any
) -> httpx.Response:
    payload = {"id": task_id, "commandLine": "/bin/sh -c 'echo hi'", **body}
    return await client.post(f"/jobs/{job_id}/tasks", params=Q, json=payload)


async def get_task(client: httpx.AsyncClient, task_id: str = "t1", job_id: str = "job-1") -> dict[str, Any]:
    response = await client.get(f"/jobs/{job_id}/tasks/{task_id}", params=Q)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def counts(client: httpx.AsyncClient, job_id: str = "job-1") -> dict[str, int]:
    body = (await client.get(f"/jobs/{job_id}/taskcounts", params=Q)).json()
    result: dict[str, int] = body["taskCounts"]
    return result


# --- add, get, the document -----------------------------------------------------------------------


async def test_add_answers_201_with_the_task_url_and_get_shows_the_service_defaults(
    emulator: Emulator, client: httpx.AsyncClient
) -> None:
    emulator.set_policy("held")
    await add_job(client, constraints={"maxTaskRetryCount": 5})
    response = await add_task(client)
    assert response.status_code == 201
    assert response.headers["Location"].endswith("/jobs/job-1/tasks/t1")
    assert response.headers["DataServiceId"] == response.headers["Location"]
    assert response.content == b""
    task = await get_task(client)
    assert task["odata.metadata"].endswith("$metadata#tasks/@Element")
    assert (task["state"], task["requiredSlots"], task["executionInfo"]) == (
        "active",
        1,
        {"retryCount": 0, "requeueCount": 0},
    )
    assert task["constraints"] == {
        "maxWallClockTime": "P10675199DT2H48M5.4775807S",
        "retentionTime": "P7D",
        "maxTaskRetryCount": 5,  # from the job
    }
    assert task["userIdentity"] == {"autoUser": {"scope": "pool", "elevationLevel": "nonadmin"}}
    assert "previousState" not in task
    assert task["eTag"] == response.headers["ETag"]


@pytest.mark.parametrize(
    ("task_id", "job", "body", "expected"),
    [
        ("T1", {}, {}, (409, "TaskExists")),  # ids compare case-insensitively
        ("jobpreparation", {}, {}, (409, "TaskIdSameAsJobPreparationTask")),
        ("JobRelease", {}, {}, (409, "TaskIdSameAsJobReleaseTask")),
        ("bad id", {}, {}, (400, "InvalidPropertyValue")),
        ("t2", {}, {"dependsOn": {"taskIds": ["t1"]}}, (400, "TaskDependenciesNotSpecifiedOnJob")),
        (
            "t2",
            {},
            {"exitConditions": {"default": {"jobAction": "terminate"}}},
            (400, "InvalidPropertyValue"),
        ),
        ("t2", {}, {"requiredSlots": 0}, (400, "InvalidPropertyValue")),
    ],
)
async def test_adds_the_service_refuses(
    client: httpx.AsyncClient,
    task_id: str,
    job: dict[str, Any],
    body: dict[str, Any],
    expected: tuple[int, str],
) -> None:
    await add_job(client, **job)
    await add_task(client)
    assert error_of(await add_task(client, task_id=task_id, **body))[:2] == expected


async def test_task_exists_has_the_message_tools_match(client: httpx.AsyncClient) -> None:
    await add_job(client)
    await add_task(client)
    body = (await add_task(client)).json()
    assert body["message"]["value"].startswith("The specified task already exists.")


async def test_no_adds_to_an_ending_job_but_a_disabled_one_takes_them(
    emulator: Emulator, client: httpx.AsyncClient
) -> None:
    emulator.set_policy("instant")
    await add_job(client, "done")
    await client.post("/jobs/done/terminate", params=Q)
    status, code, _ = error_of(await add_task(client, "done"))
    assert (status, code) == (409, "JobCompleted")
    assert (
        (await add_task(client, "done"))
        .json()["message"]["value"]
        .startswith("The specified job is already in a completed state.")
    )
    await add_job(client, "paused")
    await client.post("/jobs/paused/disable", params=Q, json={"disableTasks": "requeue"})
    assert (await add_task(client, "paused")).status_code == 201
    assert (await get_task(client, job_id="paused"))["state"] == "active"  # waits for the job
    await client.post("/jobs/paused/enable", params=Q)
    assert (await get_task(client, job_id="paused"))["state"] == "completed"


async def test_an_unknown_job_or_task(client: httpx.AsyncClient) -> None:
    assert error_of(await add_task(client, "nope"))[:2] == (404, "JobNotFound")
    await add_job(client)
    response = await client.get("/jobs/job-1/tasks/ghost", params=Q)
    assert error_of(response)[:2] == (404, "TaskNotFound")


# --- the life cycle -------------------------------------------------------------------------------


async def test_with_the_default_policy_each_step_shows_once(client: httpx.AsyncClient) -> None:
    await add_job(client)
    await add_task(client)
    seen = [(await get_task(client))["state"] for _ in range(4)]
    assert seen == ["active", "running", "completed", "completed"]
    task = await get_task(client)
    assert (task["previousState"], task["executionInfo"]["exitCode"], task["executionInfo"]["result"]) == (
        "running",
        0,
        "success",
    )
    assert {"startTime", "endTime"} <= set(task["executionInfo"])
    assert task["nodeInfo"]["nodeUrl"].endswith(f"/pools/pool-1/nodes/{task['nodeInfo']['nodeId']}")


async def test_a_failing_task_is_retried_then_fails_with_its_exit_code(
    emulator: Emulator, client: httpx.AsyncClient
) -> None:
    emulator.set_policy("instant")
    await add_job(client)
    emulator.script_tasks("job-1", "t*", exit_code=3, stderr="no such shard\n")
    await add_task(client, constraints={"maxTaskRetryCount": 2})
    task = await get_task(client)
    info = task["executionInfo"]
    assert (task["state"], info["exitCode"], info["retryCount"], info["result"]) == (
        "completed",
        3,
        2,
        "failure",
    )
    assert info["failureInfo"]["code"] == "FailureExitCode"
    assert "lastRetryTime" in info
    stderr = await client.get("/jobs/job-1/tasks/t1/files/stderr.txt", params=Q)
    assert stderr.content == b"no such shard\n"


async def test_a_retry_can_succeed(emulator: Emulator, client: httpx.AsyncClient) -> None:
    from batchjobs.emulator import Outcome

    emulator.set_policy("instant")
    await add_job(client)
    emulator.script_tasks("job-1", "t1", Outcome(exit_code=1), Outcome(exit_code=0, stdout="ok"))
    await add_task(client, constraints={"maxTaskRetryCount": 1})
    info = (await get_task(client))["executionInfo"]
    assert (info["exitCode"], info["retryCount"], info["result"]) == (0, 1, "success")
    assert "failureInfo" not in info


async def test_a_task_that_cannot_start_fails_without_exit_code_or_retry(
    emulator: Emulator, client: httpx.AsyncClient
) -> None:
    emulator.set_policy("instant")
    await add_job(client)
    emulator.script_tasks("job-1", failure="CommandProgramNotFound")
    await add_task(client, constraints={"maxTaskRetryCount": 3})
    info = (await get_task(client))["executionInfo"]
    assert "exitCode" not in info
    assert (info["retryCount"], info["failureInfo"]["code"], info["failureInfo"]["category"]) == (
        0,
        "CommandProgramNotFound",
        "usererror",
    )


async def test_terminate_reactivate_update_delete(emulator: Emulator, client: httpx.AsyncClient) -> None:
    emulator.set_policy("held")
    await add_job(client)
    await add_task(client)
    reactivate = await client.post("/jobs/job-1/tasks/t1/reactivate", params=Q)
    assert error_of(reactivate)[:2] == (409, "TaskNotCompleted")
    updated = await client.put(
        "/jobs/job-1/tasks/t1", params=Q, json={"constraints": {"maxTaskRetryCount": 4}}
    )
    assert updated.status_code == 200
    assert (await get_task(client))["constraints"]["maxTaskRetryCount"] == 4
    terminated = await client.post("/jobs/job-1/tasks/t1/terminate", params=Q)
    assert (terminated.status_code, terminated.content) == (204, b"")
    task = await get_task(client)
    assert (task["state"], task["executionInfo"]["failureInfo"]["code"]) == ("completed", "TaskEnded")
    again = await client.post("/jobs/job-1/tasks/t1/terminate", params=Q)
    assert error_of(again)[:2] == (409, "TaskCompleted")
    assert error_of(await client.put("/jobs/job-1/tasks/t1", params=Q, json={}))[:2] == (409, "TaskCompleted")
    assert (await client.post("/jobs/job-1/tasks/t1/reactivate", params=Q)).status_code == 204
    task = await get_task(client)
    assert (task["state"], task["executionInfo"]) == ("active", {"retryCount": 0, "requeueCount": 0})
    deleted = await client.delete("/jobs/job-1/tasks/t1", params=Q)
    assert deleted.status_code == 200
    assert error_of(await client.get("/jobs/job-1/tasks/t1", params=Q))[:2] == (404, "TaskNotFound")


async def test_a_succeeded_task_cannot_be_reactivated(emulator: Emulator, client: httpx.AsyncClient) -> None:
    emulator.set_policy("instant")
    await add_job(client)
    await add_task(client)
    assert error_of(await client.post("/jobs/job-1/tasks/t1/reactivate", params=Q))[:2] == (
        409,
        "TaskSucceeded",
    )


async def test_an_etag_does_not_change_with_the_state(client: httpx.AsyncClient) -> None:
    await add_job(client)
    etag = (await add_task(client)).headers["ETag"]
    states = {(await get_task(client))["state"] for _ in range(3)}
    assert states == {"active", "running", "completed"}
    assert (await get_task(client))["eTag"] == etag


# --- counts, listings, the job ----------------------------------------------------------------


async def test_counts_follow_the_tasks_and_slots_are_weighted(
    emulator: Emulator, client: httpx.AsyncClient
) -> None:
    emulator.set_policy("held")
    await add_job(client)
    for n in range(3):
        await add_task(client, task_id=f"t{n}", requiredSlots=2)
    emulator.script_tasks("job-1", "t2", exit_code=1)
    emulator.release_tasks("job-1")  # all start
    emulator.release_tasks("job-1", "t0")
    emulator.release_tasks("job-1", "t2")
    body = (await client.get("/jobs/job-1/taskcounts", params=Q)).json()
    assert body["taskCounts"] == {"active": 0, "running": 1, "completed": 2, "succeeded": 1, "failed": 1}
    assert body["taskSlotCounts"] == {"active": 0, "running": 2, "completed": 4, "succeeded": 2, "failed": 2}
    emulator.set_task_counts("job-1", {"active": 9})  # seeded counts win
    assert (await counts(client))["active"] == 9


async def test_list_pages_filters_and_selects(emulator: Emulator, client: httpx.AsyncClient) -> None:
    emulator.set_policy("held")
    await add_job(client)
    for n in range(5):
        await add_task(client, task_id=f"t{n}")
    emulator.release_tasks("job-1", "t3")
    page = (
        await client.get("/jobs/job-1/tasks", params={**Q, "maxresults": "2", "$select": "id,state"})
    ).json()
    assert page["value"] == [{"id": "t0", "state": "active"}, {"id": "t1", "state": "active"}]
    rest = (await client.get(page["odata.nextLink"])).json()
    assert [task["id"] for task in rest["value"]] == ["t2", "t3"]
    running = await client.get("/jobs/job-1/tasks", params={**Q, "$filter": "state eq 'running'"})
    assert [task["id"] for task in running.json()["value"]] == ["t3"]


async def test_all_tasks_complete_terminates_a_terminatejob_job(
    emulator: Emulator, client: httpx.AsyncClient
) -> None:
    emulator.set_policy("held")
    await add_job(client, onAllTasksComplete="terminatejob")
    await add_task(client)
    await add_task(client, task_id="t2")
    emulator.release_tasks("job-1")
    emulator.release_tasks("job-1")
    assert (await get_job(client))["state"] == "terminating"  # held, like every job transition
    emulator.release("job-1")
    job = await get_job(client)
    assert (job["state"], job["executionInfo"]["terminateReason"]) == ("completed", "AllTasksComplete")


async def test_setting_terminatejob_on_a_job_without_tasks_ends_it_at_once(
    emulator: Emulator, client: httpx.AsyncClient
) -> None:
    """The race the documentation warns of: seal the job only after the last add."""
    emulator.set_policy("instant")
    await add_job(client)
    await client.patch("/jobs/job-1", params=Q, json={"onAllTasksComplete": "terminatejob"})
    assert (await get_job(client))["state"] == "completed"
    assert error_of(await add_task(client))[:2] == (409, "JobCompleted")


async def test_a_task_failure_can_terminate_its_job(emulator: Emulator, client: httpx.AsyncClient) -> None:
    emulator.set_policy("instant")
    await add_job(client, onTaskFailure="performexitoptionsjobaction")
    emulator.script_tasks("job-1", "t1", exit_code=7)
    await add_task(
        client, exitConditions={"exitCodes": [{"code": 7, "exitOptions": {"jobAction": "terminate"}}]}
    )
    job = await get_job(client)
    assert (job["state"], job["executionInfo"]["terminateReason"]) == ("completed", "TaskFailed")


async def test_a_failure_mapped_to_no_job_action_leaves_the_job(
    emulator: Emulator, client: httpx.AsyncClient
) -> None:
    emulator.set_policy("instant")
    await add_job(client, onTaskFailure="performexitoptionsjobaction")
    emulator.script_tasks("job-1", "t1", exit_code=7)
    await add_task(
        client,
        exitConditions={"exitCodeRanges": [{"start": 5, "end": 9, "exitOptions": {"jobAction": "none"}}]},
    )
    assert (await get_job(client))["state"] == "active"


async def test_dependencies_wait_for_satisfied_parents(emulator: Emulator, client: httpx.AsyncClient) -> None:
    emulator.set_policy("instant")
    await add_job(client, usesTaskDependencies=True)
    emulator.script_tasks("job-1", "bad", exit_code=1)
    emulator.script_tasks("job-1", "soft", exit_code=2)
    await add_task(
        client, task_id="merge", dependsOn={"taskIds": ["a"], "taskIdRanges": [{"start": 1, "end": 2}]}
    )
    await add_task(client, task_id="blocked", dependsOn={"taskIds": ["bad"]})
    await add_task(client, task_id="allowed", dependsOn={"taskIds": ["soft"]})
    assert (await get_task(client, "merge"))["state"] == "active"  # its parents are not even there
    await add_task(client, task_id="bad")
    await add_task(
        client,
        task_id="soft",
        exitConditions={"exitCodes": [{"code": 2, "exitOptions": {"dependencyAction": "satisfy"}}]},
    )
    for parent in ("a", "001", "2"):
        await add_task(client, task_id=parent)
    states = {
        task_id: (await get_task(client, task_id))["state"] for task_id in ("merge", "blocked", "allowed")
    }
    assert states == {"merge": "completed", "blocked": "active", "allowed": "completed"}


async def test_what_a_job_does_to_its_running_and_active_tasks(
    emulator: Emulator, client: httpx.AsyncClient
) -> None:
    emulator.set_policy("held")
    await add_job(client)
    await add_task(client, task_id="runs")
    await add_task(client, task_id="waits")
    emulator.release_tasks("job-1", "runs")  # running now
    await client.post("/jobs/job-1/disable", params=Q, json={"disableTasks": "requeue"})
    emulator.release("job-1")
    requeued = await get_task(client, "runs")
    assert (requeued["state"], requeued["executionInfo"]["requeueCount"]) == ("active", 1)
    await client.post("/jobs/job-1/enable", params=Q)
    emulator.release("job-1")
    emulator.release_tasks("job-1", "runs")
    await client.post("/jobs/job-1/terminate", params=Q)
    emulator.release("job-1")
    assert (await get_task(client, "runs"))["executionInfo"]["failureInfo"]["code"] == "TaskEnded"
    assert (await get_task(client, "waits"))["state"] == "active"  # never runs
    await client.delete("/jobs/job-1", params=Q)
    emulator.release("job-1")
    assert error_of(await client.get("/jobs/job-1/tasks/runs", params=Q))[:2] == (404, "JobNotFound")


# --- add_collection -------------------------------------------------------------------------------


async def test_add_collection_answers_per_task_in_an_order_of_its_own(client: httpx.AsyncClient) -> None:
    await add_job(client)
    await add_task(client, task_id="old")
    tasks = [{"id": f"c{n}", "commandLine": "x"} for n in range(3)] + [{"id": "OLD", "commandLine": "x"}]
    response = await client.post("/jobs/job-1/addtaskcollection", params=Q, json={"value": tasks})
    assert response.status_code == 200
    body = response.json()
    assert body["odata.metadata"].endswith("$metadata#taskaddresult")
    assert [r["taskId"] for r in body["value"]] == ["OLD", "c2", "c1", "c0"]
    assert [r["status"] for r in body["value"]] == ["ClientError", "Success", "Success", "Success"]
    assert body["value"][0]["error"]["code"] == "TaskExists"
    assert body["value"][1]["location"].endswith("/jobs/job-1/tasks/c2")


async def test_add_collection_limits(client: httpx.AsyncClient) -> None:
    await add_job(client)
    many = [{"id": f"t{n}", "commandLine": "x"} for n in range(101)]
    assert error_of(await client.post("/jobs/job-1/addtaskcollection", params=Q, json={"value": many}))[
        :2
    ] == (
        400,
        "InvalidPropertyValue",
    )
    large = [{"id": f"t{n}", "commandLine": "x" * 200_000} for n in range(6)]
    response = await client.post("/jobs/job-1/addtaskcollection", params=Q, json={"value": large})
    assert error_of(response)[:2] == (413, "RequestBodyTooLarge")
    assert (await client.get("/jobs/job-1/tasks", params=Q)).json()["value"] == []  # nothing was added


# --- task files -----------------------------------------------------------------------------------


async def test_files_of_a_task(emulator: Emulator, client: httpx.AsyncClient) -> None:
    emulator.set_policy("held")
    await add_job(client)
    await add_task(client)
    unavailable = await client.get("/jobs/job-1/tasks/t1/files", params=Q)
    assert error_of(unavailable)[:2] == (409, "TaskFilesUnavailable")
    emulator.script_tasks("job-1", stdout="hello world\n")
    emulator.release_tasks("job-1")
    emulator.release_tasks("job-1")
    listing = (await client.get("/jobs/job-1/tasks/t1/files", params=Q)).json()
    names = {entry["name"]: entry for entry in listing["value"]}
    assert set(names) == {"stderr.txt", "stdout.txt", "wd"}
    assert names["wd"]["isDirectory"] is True
    assert "properties" not in names["wd"]
    assert names["stdout.txt"]["properties"]["contentLength"] == "12"
    ranged = await client.get(
        "/jobs/job-1/tasks/t1/files/stdout.txt", params=Q, headers={"ocp-range": "bytes=0-4"}
    )
    assert ranged.content == b"hello"
    head = await client.head("/jobs/job-1/tasks/t1/files/stdout.txt", params=Q)
    assert (head.headers["Content-Length"], head.headers["ocp-batch-file-isdirectory"]) == ("12", "False")
    assert (
        head.headers["ocp-batch-file-url"]
        == "https%3A%2F%2Fdevaccount.emulator.test%2Fjobs%2Fjob-1%2Ftasks%2Ft1%2Ffiles%2Fstdout.txt"
    )
    assert "etag" not in head.headers
    beyond = await client.get(
        "/jobs/job-1/tasks/t1/files/stdout.txt", params=Q, headers={"ocp-range": "bytes=99-"}
    )
    assert error_of(beyond)[:2] == (416, "InvalidRange")


async def test_file_paths_with_encoded_or_real_slashes(emulator: Emulator, client: httpx.AsyncClient) -> None:
    emulator.set_policy("instant")
    await add_job(client)
    await add_task(client)
    emulator.tasks.files("job-1", "t1").write(
        "wd/out/result.json", json.dumps({"words": 3}).encode(), emulator.clock()
    )
    for path in ("wd%2Fout%2Fresult.json", "wd/out/result.json", "wd%5Cout%5Cresult.json"):
        response = await client.get(f"/jobs/job-1/tasks/t1/files/{path}", params=Q)
        assert response.json() == {"words": 3}, path
    recursive = (await client.get("/jobs/job-1/tasks/t1/files", params={**Q, "recursive": "true"})).json()
    assert "wd/out/result.json" in {entry["name"] for entry in recursive["value"]}
    refused = await client.delete("/jobs/job-1/tasks/t1/files/wd", params=Q)
    assert error_of(refused)[0] == 409
    assert (
        await client.delete("/jobs/job-1/tasks/t1/files/wd", params={**Q, "recursive": "true"})
    ).status_code == 200
    missing = await client.get("/jobs/job-1/tasks/t1/files/wd/out/result.json", params=Q)
    assert error_of(missing)[:2] == (404, "FileNotFound")
    assert missing.json()["message"]["value"].startswith("The specified file does not exist.")


async def test_files_are_cleaned_up_when_the_retention_time_after_completion_has_passed(
    clock: ManualClock, emulator: Emulator, client: httpx.AsyncClient
) -> None:
    emulator.set_policy("instant")
    await add_job(client)
    await add_task(client, task_id="hour", constraints={"retentionTime": "PT1H"})
    await add_task(client, task_id="week")  # the service's default: P7D
    await add_task(client, task_id="always", constraints={"retentionTime": "P10675199DT2H48M5.4775807S"})
    urls = [
        ("GET", "/jobs/job-1/tasks/hour/files/stdout.txt"),
        ("HEAD", "/jobs/job-1/tasks/hour/files/stdout.txt"),
        ("GET", "/jobs/job-1/tasks/hour/files"),
        ("DELETE", "/jobs/job-1/tasks/hour/files/stderr.txt"),
    ]
    clock.advance(3599)
    for method, url in urls[:3]:
        assert (await client.request(method, url, params=Q)).status_code == 200, (method, url)
    clock.advance(1)
    for method, url in urls:
        response = await client.request(method, url, params=Q)
        if method == "HEAD":
            assert response.status_code == 409
        else:
            assert error_of(response)[:2] == (409, "TaskFilesCleanedup"), (method, url)
    assert (await get_task(client, "hour"))["state"] == "completed"  # the task itself stays
    clock.advance(7 * 24 * 3600 - 3600 - 1)
    assert (await client.get("/jobs/job-1/tasks/week/files", params=Q)).status_code == 200
    clock.advance(1)
    assert error_of(await client.get("/jobs/job-1/tasks/week/files", params=Q))[:2] == (
        409,
        "TaskFilesCleanedup",
    )
    clock.advance(365 * 24 * 3600)
    assert (await client.get("/jobs/job-1/tasks/always/files", params=Q)).status_code == 200


async def test_a_reactivated_task_has_new_files_after_the_old_ones_were_cleaned_up(
    clock: ManualClock, emulator: Emulator, client: httpx.AsyncClient
) -> None:
    emulator.set_policy("instant")
    await add_job(client)
    emulator.script_tasks("job-1", exit_code=1)
    await add_task(client, constraints={"retentionTime": "PT1M"})
    clock.advance(60)
    cleaned = await client.get("/jobs/job-1/tasks/t1/files", params=Q)
    assert error_of(cleaned)[:2] == (409, "TaskFilesCleanedup")
    emulator.script_tasks("job-1", exit_code=0, stdout="again\n")
    assert (await client.post("/jobs/job-1/tasks/t1/reactivate", params=Q)).status_code == 204
    again = await client.get("/jobs/job-1/tasks/t1/files/stdout.txt", params=Q)
    assert again.content == b"again\n"


async def test_counts_can_lag_behind_the_tasks(
    clock: object, emulator: Emulator, client: httpx.AsyncClient
) -> None:
    from batchjobs.emulator import ManualClock

    assert isinstance(clock, ManualClock)
    emulator.set_policy("instant")
    await add_job(client)
    response = await client.put("/_emulator/countlag", json={"seconds": 120})
    assert response.status_code == 200
    await add_task(client)
    assert await counts(client) == {"active": 0, "running": 0, "completed": 0, "succeeded": 0, "failed": 0}
    clock.advance(119)
    assert (await counts(client))["completed"] == 0
    clock.advance(1)
    assert (await counts(client))["completed"] == 1  # what the tasks were 120 s ago
    listed = (await client.get("/jobs/job-1/tasks", params={**Q, "$select": "id,state"})).json()["value"]
    assert listed == [{"id": "t1", "state": "completed"}]  # a listing is exact
    emulator.set_count_lag(0)
    assert (await counts(client))["completed"] == 1
    assert (await client.put("/_emulator/countlag", json={"seconds": -1})).status_code == 400
