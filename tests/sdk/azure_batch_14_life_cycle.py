"""azure-batch 14.x (``BatchServiceClient`` + ``SharedKeyCredentials``, api-version 2023-05-01.17.0)
through a whole job life cycle against an emulator server.

Run by ``test_azure_batch_14.py`` in a process of its own, because 14.x and 15.x are both the package
``azure.batch`` and cannot be imported side by side. Usage: ``python this.py URL NAME KEY SEEDS_JSON``.
Any failed step ends the process with a traceback.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any

import azure.batch
import azure.batch.models as m
import requests
from azure.batch import BatchServiceClient
from azure.batch.batch_auth import SharedKeyCredentials

WRONG_KEY = "d3Jvbmcga2V5IHdyb25nIGtleSB3cm9uZyBrZXk="


def error_of(call: Callable[[], Any]) -> m.BatchErrorException:
    try:
        call()
    except m.BatchErrorException as exc:
        return exc
    raise AssertionError("the call succeeded")


def pages(paged: Any) -> list[list[Any]]:
    out = []
    try:
        while True:
            out.append(list(paged.advance_page()))
    except StopIteration:
        return out


def main(url: str, name: str, key: str, seeds: dict[str, Any]) -> None:
    assert azure.batch.__version__.startswith("14."), azure.batch.__version__
    client = BatchServiceClient(SharedKeyCredentials(name, key), batch_url=url)
    control = f"{url}/_emulator"

    def states_after(call: Callable[[], Any], reads: int) -> list[str]:
        call()
        return [client.job.get("j1").state.value for _ in range(reads)]

    # create, and the same id again
    prep = m.JobPreparationTask(command_line="/bin/sh -c 'echo prep'")
    pool = m.PoolInformation(pool_id="pool-1")
    client.job.add(m.JobAddParameter(id="j1", pool_info=pool, priority=10, job_preparation_task=prep))
    error = error_of(lambda: client.job.add(m.JobAddParameter(id="J1", pool_info=pool)))
    assert (error.response.status_code, error.error.code) == (409, "JobExists")

    # get
    job = client.job.get("j1")
    assert (job.id, job.state.value, job.priority, job.pool_info.pool_id) == ("j1", "active", 10, "pool-1")
    first_etag = job.e_tag

    # a paged listing: 5 jobs, 2 per page
    for n in range(2, 6):
        client.job.add(m.JobAddParameter(id=f"j{n}", pool_info=pool))
    listed = pages(client.job.list(job_list_options=m.JobListOptions(max_results=2)))
    assert [len(page) for page in listed] == [2, 2, 1], listed
    assert sorted(j.id for page in listed for j in page) == ["j1", "j2", "j3", "j4", "j5"]

    # task counts
    requests.put(f"{control}/jobs/j1/taskcounts", json={"taskCounts": seeds["taskCounts"]}, timeout=10)
    counts = client.job.get_task_counts("j1")
    assert (counts.task_counts.active, counts.task_counts.failed, counts.task_slot_counts.completed) == (
        2,
        1,
        3,
    )

    # patch, and a stale If-Match
    client.job.patch("j1", m.JobPatchParameter(priority=20))
    stale = m.JobPatchOptions(if_match=first_etag)
    error = error_of(lambda: client.job.patch("j1", m.JobPatchParameter(priority=1), job_patch_options=stale))
    assert (error.response.status_code, error.error.code) == (412, "ConditionNotMet")
    assert client.job.get("j1").priority == 20

    # update (PUT), and one without the pool (14.x would refuse to send it; its check is turned off)
    client.job.update("j1", m.JobUpdateParameter(pool_info=pool, priority=30, max_parallel_tasks=4))
    job = client.job.get("j1")
    assert (job.priority, job.max_parallel_tasks) == (30, 4)
    client._serialize.client_side_validation = False
    error = error_of(lambda: client.job.update("j1", m.JobUpdateParameter(pool_info=None, priority=1)))
    client._serialize.client_side_validation = True
    assert (error.response.status_code, error.error.code) == (400, "MissingRequiredProperty")

    # disable and enable: each read first shows the transitional state
    assert states_after(lambda: client.job.disable("j1", "requeue"), 2) == ["disabling", "disabled"]
    assert states_after(lambda: client.job.enable("j1"), 2) == ["enabling", "active"]

    # from a job schedule
    for _ in range(2):
        requests.post(f"{control}/jobschedules/nightly/jobs", json={}, timeout=10).raise_for_status()
    scheduled = client.job.list_from_job_schedule("nightly")
    assert [j.id for j in scheduled] == ["nightly:job-1", "nightly:job-2"]

    # preparation and release task status
    requests.put(
        f"{control}/jobs/j1/preparationandreleasetaskstatus", json={"value": [seeds["prep"]]}, timeout=10
    ).raise_for_status()
    [item] = list(client.job.list_preparation_and_release_task_status("j1"))
    assert (item.node_id, item.job_preparation_task_execution_info.state.value) == ("node-1", "completed")

    # terminate and delete
    terminate = lambda: client.job.terminate("j1", terminate_reason="done")  # noqa: E731
    assert states_after(terminate, 2) == ["terminating", "completed"]
    assert client.job.get("j1").execution_info.terminate_reason == "done"
    assert states_after(lambda: client.job.delete("j1"), 1) == ["deleting"]
    error = error_of(lambda: client.job.get("j1"))
    assert (error.response.status_code, error.error.code) == (404, "JobNotFound")

    # a wrong key
    wrong = BatchServiceClient(SharedKeyCredentials(name, WRONG_KEY), batch_url=url)
    error = error_of(lambda: wrong.job.get("j2"))
    assert (error.response.status_code, error.error.code) == (403, "AuthenticationFailed")
    print("life cycle passed")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4]))
