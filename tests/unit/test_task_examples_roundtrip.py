"""The official task and task-file examples structure in strict mode and unstructure back to the same JSON.

The examples live in ``fixtures/task_examples`` (byte-for-byte copies of spec/examples/tasks, with the
``MANIFEST.json`` entries of the files copied), apart from ``fixtures/examples``, whose every file the job
example test expects to cover.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import attrs
import pytest

from batchjobs import models
from batchjobs._serialization import (
    MAX_DURATION,
    make_converter,
    parse_datetime,
    parse_json,
    structure_page,
    to_json_bytes,
    unstructure,
)
from tests.helpers import FIXTURES, as_values, example_bodies

STRICT = make_converter(strict=True)
ROOT = FIXTURES / "task_examples"
EXAMPLES = sorted(path for path in ROOT.rglob("*.json") if path.name != "MANIFEST.json")

# Request bodies by parameter name, response bodies by example file stem.
REQUEST_MODELS = {
    "task": models.TaskAddParameter,
    "taskCollection": models.TaskAddCollectionParameter,
    "taskUpdateParameter": models.TaskUpdateParameter,
}
RESPONSE_MODELS: dict[str, tuple[type, bool]] = {
    "TaskGet": (models.CloudTask, False),
    "TaskList": (models.CloudTask, True),
    "TaskListSubtasks": (models.CloudTaskListSubtasksResult, False),
    "TaskAddCollection_Basic": (models.TaskAddCollectionResult, False),
    "TaskAddCollection_Complex": (models.TaskAddCollectionResult, False),
    "FileListFromTask": (models.NodeFile, True),
}


def _example(relative: str) -> Any:
    return json.loads((ROOT / relative).read_text(encoding="utf-8"))


CASES = [
    pytest.param(cls, body, paged, id=f"{path.relative_to(ROOT)}:{label}")
    for path in EXAMPLES
    for label, cls, body, paged in example_bodies(path, REQUEST_MODELS, RESPONSE_MODELS)
]


def test_every_copied_example_is_listed_in_the_manifest_and_covered():
    manifest = {entry["file"] for entry in json.loads((ROOT / "MANIFEST.json").read_text(encoding="utf-8"))}
    assert manifest == {str(path.relative_to(ROOT)) for path in EXAMPLES}
    covered = {c.id.split(":")[0].rsplit("/", 1)[-1].removesuffix(".json") for c in CASES}
    assert covered == {path.stem for path in EXAMPLES}
    assert len(CASES) == 13


@pytest.mark.parametrize(("cls", "body", "paged"), CASES)
def test_example_structures_strictly_and_round_trips(cls, body, paged):
    items = (
        [STRICT.structure(item, cls) for item in body["value"]] if paged else [STRICT.structure(body, cls)]
    )
    originals = body["value"] if paged else [body]
    for item, original in zip(items, originals, strict=True):
        assert isinstance(item, cls)
        assert as_values(unstructure(item)) == as_values(original)
    if paged:
        lenient_items, next_link = structure_page(json.dumps(body).encode(), cls)
        assert lenient_items == items
        assert next_link == body.get("odata.nextLink")
    else:
        assert parse_json(json.dumps(body).encode(), cls) == items[0]


def _set_fields(model: Any, prefix: str = "$") -> set[str]:
    """The attribute paths of every field that is not None, nested models and list items included."""
    found = set()
    for field in attrs.fields(type(model)):
        value = getattr(model, field.name)
        if value is None:
            continue
        path = f"{prefix}.{field.name}"
        found.add(path)
        if attrs.has(type(value)):
            found |= _set_fields(value, path)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if attrs.has(type(item)):
                    found |= _set_fields(item, f"{path}[{index}]")
    return found


def test_task_get_sets_every_field_the_body_carries():
    body = _example("TaskGet.json")["responses"]["200"]["body"]
    task = STRICT.structure(body, models.CloudTask)
    assert _set_fields(task) == {
        "$.id",
        "$.url",
        "$.e_tag",
        "$.creation_time",
        "$.last_modified",
        "$.state",
        "$.state_transition_time",
        "$.command_line",
        "$.user_identity",
        "$.user_identity.auto_user",
        "$.user_identity.auto_user.scope",
        "$.user_identity.auto_user.elevation_level",
        "$.multi_instance_settings",
        "$.multi_instance_settings.number_of_instances",
        "$.multi_instance_settings.coordination_command_line",
        "$.constraints",
        "$.constraints.max_wall_clock_time",
        "$.constraints.retention_time",
        "$.constraints.max_task_retry_count",
        "$.required_slots",
        "$.execution_info",
        "$.execution_info.retry_count",
        "$.execution_info.requeue_count",
    }
    when = parse_datetime("2016-09-06T06:59:15.1161429Z")
    assert task == models.CloudTask(
        id="testTask",
        url="https://account.region.batch.azure.com/jobs/jobId/tasks/taskId",
        e_tag="0x8D3D62350711C55",
        creation_time=when,
        last_modified=when,
        state=models.TaskState.active,
        state_transition_time=when,
        command_line="cmd /c hostname",
        user_identity=models.UserIdentity(
            auto_user=models.AutoUserSpecification(
                scope=models.AutoUserScope.task, elevation_level=models.ElevationLevel.non_admin
            )
        ),
        multi_instance_settings=models.MultiInstanceSettings(
            number_of_instances=3, coordination_command_line="cmd /c echo coordinating"
        ),
        constraints=models.TaskConstraints(
            max_wall_clock_time=MAX_DURATION, retention_time=MAX_DURATION, max_task_retry_count=0
        ),
        required_slots=2,
        execution_info=models.TaskExecutionInformation(retry_count=0, requeue_count=0),
    )
    assert when == datetime(2016, 9, 6, 6, 59, 15, 116142, tzinfo=UTC)


def test_file_list_items_are_node_files():
    body = _example("FileListFromTask.json")["responses"]["200"]["body"]
    files, next_link = structure_page(json.dumps(body).encode(), models.NodeFile)
    assert next_link is None
    assert [(f.name, f.is_directory) for f in files] == [
        ("startup\\ProcessEnv.cmd", False),
        ("startup\\stderr.txt", False),
    ]
    first = files[0].properties
    assert isinstance(first, models.FileProperties)
    assert first.content_length == 1813
    assert first.content_type == "application/octet-stream"
    assert first.last_modified == first.creation_time
    assert first.last_modified is not None
    assert first.last_modified.tzinfo is not None
    second = files[1].properties
    assert second is not None
    assert second.content_length == 0


def test_add_collection_results_keep_status_and_task_id():
    body = _example("neighbor-versions/2023-11-01.18.0/TaskAddCollection_Complex.json")
    result = STRICT.structure(body["responses"]["200"]["body"], models.TaskAddCollectionResult)
    assert result.value is not None
    assert [(r.task_id, r.status) for r in result.value] == [
        ("simple3", models.TaskAddStatus.success),
        ("complex1", models.TaskAddStatus.success),
    ]
    request = STRICT.structure(body["parameters"]["taskCollection"], models.TaskAddCollectionParameter)
    complex1 = request.value[0]
    assert complex1.affinity_info == models.AffinityInformation(affinity_id="affinityId")
    assert complex1.constraints == models.TaskConstraints(
        max_wall_clock_time=timedelta(days=1), retention_time=timedelta(days=2), max_task_retry_count=5
    )


def test_subtasks_have_integer_ids_and_states():
    body = _example("neighbor-versions/2023-11-01.18.0/TaskListSubtasks.json")["responses"]["200"]["body"]
    result = parse_json(json.dumps(body).encode(), models.CloudTaskListSubtasksResult)
    assert result.value is not None
    assert [(s.id, s.state, s.previous_state) for s in result.value] == [
        (1, models.SubtaskState.completed, models.SubtaskState.running),
        (2, models.SubtaskState.running, None),
    ]
    assert result.value[0].node_info is not None
    assert result.value[0].node_info.pool_id == "mpiPool"


# What azure-batch 14.0.0 put on the wire for these calls (models-tasks.json, sdk_wire_probe).
SDK_TASK_ADD_RICH = (
    '{"id": "t2", "displayName": "d", "commandLine": "cmd", "exitConditions": {"exitCodes": [{"code": 1, '
    '"exitOptions": {"jobAction": "terminate"}}], "exitCodeRanges": [{"start": 2, "end": 4, "exitOptions": '
    '{"jobAction": "disable", "dependencyAction": "block"}}], "default": {"jobAction": "none"}}, "outputFiles": '
    '[{"filePattern": "*.txt", "destination": {"container": {"containerUrl": "https://s/c"}}, "uploadOptions": '
    '{"uploadCondition": "taskcompletion"}}], "constraints": {"maxWallClockTime": "PT1H", "retentionTime": '
    '"P1D", "maxTaskRetryCount": 3}, "multiInstanceSettings": {"numberOfInstances": 2, '
    '"coordinationCommandLine": "c"}, "dependsOn": {"taskIds": ["a"], "taskIdRanges": [{"start": 1, "end": 3}]}}'
)


def test_a_task_built_in_code_is_sent_as_the_14x_sdk_sent_it():
    task = models.TaskAddParameter(
        id="t2",
        display_name="d",
        command_line="cmd",
        exit_conditions=models.ExitConditions(
            exit_codes=[
                models.ExitCodeMapping(code=1, exit_options=models.ExitOptions(job_action="terminate"))
            ],
            exit_code_ranges=[
                models.ExitCodeRangeMapping(
                    start=2,
                    end=4,
                    exit_options=models.ExitOptions(
                        job_action=models.JobAction.disable, dependency_action=models.DependencyAction.block
                    ),
                )
            ],
            default=models.ExitOptions(job_action=models.JobAction.none),
        ),
        output_files=[
            models.OutputFile(
                file_pattern="*.txt",
                destination=models.OutputFileDestination(
                    container=models.OutputFileBlobContainerDestination(container_url="https://s/c")
                ),
                upload_options=models.OutputFileUploadOptions(upload_condition="TaskCompletion"),
            )
        ],
        constraints=models.TaskConstraints(
            max_wall_clock_time=timedelta(hours=1), retention_time=timedelta(days=1), max_task_retry_count=3
        ),
        multi_instance_settings=models.MultiInstanceSettings(
            number_of_instances=2, coordination_command_line="c"
        ),
        depends_on=models.TaskDependencies(
            task_ids=["a"], task_id_ranges=[models.TaskIdRange(start=1, end=3)]
        ),
    )
    assert json.loads(to_json_bytes(task)) == json.loads(SDK_TASK_ADD_RICH)
    assert to_json_bytes(models.TaskAddParameter(id="t1", command_line="/bin/sh -c 'echo hi'")) == (
        b'{"id":"t1","commandLine":"/bin/sh -c \'echo hi\'"}'
    )
    assert to_json_bytes(models.TaskUpdateParameter()) == b"{}"
    update = models.TaskUpdateParameter(constraints=models.TaskConstraints(max_task_retry_count=1))
    assert to_json_bytes(update) == b'{"constraints":{"maxTaskRetryCount":1}}'
