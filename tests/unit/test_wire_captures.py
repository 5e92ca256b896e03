"""Request bodies the 14.x SDK put on the wire are reproduced by the same models built here.

The one documented difference: 14.x's ``JobAddParameter`` and ``JobUpdateParameter`` constructors
default ``max_parallel_tasks`` to -1, so 14.x always sends ``"maxParallelTasks": -1``. batchjobs
leaves unset fields out; -1 is also the service's default, so the job is the same. On ``update``
(PUT), leaving it out resets it to that same default.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from batchjobs import models
from batchjobs._serialization import to_json_bytes, unstructure
from tests.helpers import load_fixture

CAPTURES = {case["case"]: case for case in load_fixture("sdk-wire-captures.json")["cases"]}
SDK_CONSTRUCTOR_DEFAULTS = {"maxParallelTasks": -1}

POOL = models.PoolInformation(pool_id="pool-1")
BUILT = {
    "add (defaults)": models.JobAddParameter(id="job-1", pool_info=POOL),
    "disable (defaults)": models.JobDisableParameter(disable_tasks=models.DisableJobOption.requeue),
    "patch (defaults)": models.JobPatchParameter(priority=10),
    "update (defaults)": models.JobUpdateParameter(pool_info=POOL),
    "add (all options)": models.JobAddParameter(
        id="job-1",
        display_name="Job One",
        priority=100,
        max_parallel_tasks=4,
        constraints=models.JobConstraints(
            max_wall_clock_time=timedelta(hours=1, minutes=30), max_task_retry_count=-1
        ),
        pool_info=POOL,
        on_all_tasks_complete="terminatejob",
        on_task_failure=models.OnTaskFailure.perform_exit_options_job_action,
        metadata=[models.MetadataItem(name="owner", value="ünïcode ☃")],
        uses_task_dependencies=True,
    ),
    "disable (all options)": models.JobDisableParameter(disable_tasks="terminate"),
    "patch (all options)": models.JobPatchParameter(
        priority=5,
        max_parallel_tasks=2,
        allow_task_preemption=True,
        on_all_tasks_complete="TerminateJob",
        constraints=models.JobConstraints(max_wall_clock_time=timedelta(days=2, seconds=3.5)),
        metadata=[],
    ),
    "terminate (all options, with reason)": models.JobTerminateParameter(terminate_reason="done by user"),
    "update (all options)": models.JobUpdateParameter(
        priority=0,
        max_parallel_tasks=-1,
        constraints=models.JobConstraints(max_task_retry_count=3),
        pool_info=models.PoolInformation(pool_id="pool-2"),
        on_all_tasks_complete=models.OnAllTasksComplete.no_action,
    ),
    "patch -> 400 InvalidPropertyValue": models.JobPatchParameter(priority=5000),
    "patch with stale If-Match -> 412": models.JobPatchParameter(priority=1),
}


def test_every_capture_with_a_body_is_covered():
    with_body = {name for name, case in CAPTURES.items() if any(r["body"] for r in case["requests"])}
    assert with_body == set(BUILT)


@pytest.mark.parametrize("case", sorted(BUILT))
def test_request_body_matches_the_sdk_capture(case):
    sent = json.loads(CAPTURES[case]["requests"][0]["body"])
    ours = json.loads(to_json_bytes(BUILT[case]))
    for key, default in SDK_CONSTRUCTOR_DEFAULTS.items():
        if (
            sent.get(key) == default
            and key not in ours
            and getattr(BUILT[case], "max_parallel_tasks", 0) is None
        ):
            del sent[key]
    assert ours == sent


def test_empty_list_is_kept_and_none_is_left_out():
    body = unstructure(models.JobPatchParameter(metadata=[], priority=None))
    assert body == {"metadata": []}


def test_enum_strings_are_sent_in_their_canonical_spelling():
    body = unstructure(models.JobPatchParameter(on_all_tasks_complete="TERMINATEJOB"))
    assert body == {"onAllTasksComplete": "terminatejob"}
    unknown = unstructure(models.JobPatchParameter(on_all_tasks_complete="somethingnew"))
    assert unknown == {"onAllTasksComplete": "somethingnew"}
