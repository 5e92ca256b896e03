"""Task and task-file models parsed from a response build their nested objects on first read, like CloudJob."""

from __future__ import annotations

import copy
import json
import pickle
from typing import Any

import attrs
import pytest

from batchjobs import models
from batchjobs._serialization import build_nested, parse_json, structure, structure_page, unstructure
from batchjobs.errors import DeserializationError
from tests.helpers import REPLACEMENTS, as_values, leaf_paths, replaced

ACCOUNT = "https://account.region.batch.azure.com"
T = "2023-05-10T12:34:56.1234567Z"


def rich_task(task_id: str = "task-1") -> dict[str, Any]:
    """A completed CloudTask with every field the service may send, nested ones included."""
    node_id = "tvm-1234567890_1-20230510t120000z"
    return {
        "odata.metadata": f"{ACCOUNT}/$metadata#tasks/@Element",
        "id": task_id,
        "displayName": f"Rich task {task_id}",
        "url": f"{ACCOUNT}/jobs/job-1/tasks/{task_id}",
        "eTag": "0x8DB62A1B2C3D4E5",
        "lastModified": T,
        "creationTime": T,
        "exitConditions": {
            "exitCodes": [
                {"code": 3, "exitOptions": {"jobAction": "terminate", "dependencyAction": "block"}}
            ],
            "exitCodeRanges": [{"start": 10, "end": 20, "exitOptions": {"jobAction": "disable"}}],
            "preProcessingError": {"jobAction": "none"},
            "fileUploadError": {"dependencyAction": "satisfy"},
            "default": {"jobAction": "none", "dependencyAction": "satisfy"},
        },
        "state": "completed",
        "stateTransitionTime": T,
        "previousState": "running",
        "previousStateTransitionTime": T,
        "commandLine": "/bin/sh -c 'exit 3'",
        "containerSettings": {
            "containerRunOptions": "--rm",
            "imageName": "ubuntu",
            "registry": {"username": "user", "password": "secret", "registryServer": "registry.example.com"},
            "workingDirectory": "taskWorkingDirectory",
        },
        "resourceFiles": [
            {"httpUrl": f"https://storage.example.com/c/f{i}", "filePath": f"f{i}"} for i in range(3)
        ],
        "outputFiles": [
            {
                "filePattern": "*.txt",
                "destination": {"container": {"containerUrl": "https://storage.example.com/out"}},
                "uploadOptions": {"uploadCondition": "TaskSuccess"},
            }
        ],
        "environmentSettings": [{"name": f"VAR_{i}", "value": f"value-{i}"} for i in range(5)],
        "affinityInfo": {"affinityId": f"TVM:{node_id}"},
        "constraints": {"maxWallClockTime": "PT1H", "retentionTime": "P7D", "maxTaskRetryCount": 2},
        "requiredSlots": 1,
        "userIdentity": {"autoUser": {"scope": "pool", "elevationLevel": "nonadmin"}},
        "executionInfo": {
            "startTime": T,
            "endTime": T,
            "exitCode": 3,
            "containerInfo": {"containerId": "c0ffee", "state": "exited", "error": ""},
            "failureInfo": {
                "category": "UserError",
                "code": "FailureExitCode",
                "message": "The task exited with an exit code representing a failure",
                "details": [{"name": "Message", "value": "The task exited with exit code 3"}],
            },
            "retryCount": 2,
            "lastRetryTime": T,
            "requeueCount": 0,
            "result": "failure",
        },
        "nodeInfo": {
            "affinityId": f"TVM:{node_id}",
            "nodeUrl": f"{ACCOUNT}/pools/pool-1/nodes/{node_id}",
            "poolId": "pool-1",
            "nodeId": node_id,
            "taskRootDirectory": f"workitems/job-1/job-1/{task_id}",
            "taskRootDirectoryUrl": f"{ACCOUNT}/pools/pool-1/nodes/{node_id}/files/workitems/job-1/job-1/{task_id}",
        },
        "multiInstanceSettings": {"numberOfInstances": 1, "coordinationCommandLine": "echo coordinate"},
        "stats": {
            "url": f"{ACCOUNT}/jobs/job-1/tasks/{task_id}",
            "startTime": T,
            "lastUpdateTime": T,
            "userCPUTime": "PT1.5S",
            "kernelCPUTime": "PT0.25S",
            "wallClockTime": "PT3S",
            "readIOps": 1234,
            "writeIOps": 56,
            "readIOGiB": 0.5,
            "writeIOGiB": 0.125,
            "waitTime": "PT0.5S",
        },
        "dependsOn": {"taskIds": ["a", "b"], "taskIdRanges": [{"start": 1, "end": 9}]},
        "applicationPackageReferences": [{"applicationId": "app", "version": "1.0"}],
        "authenticationTokenSettings": {"access": ["job"]},
    }


NESTED = [
    "exit_conditions",
    "container_settings",
    "resource_files",
    "output_files",
    "environment_settings",
    "affinity_info",
    "constraints",
    "user_identity",
    "execution_info",
    "node_info",
    "multi_instance_settings",
    "stats",
    "depends_on",
    "application_package_references",
    "authentication_token_settings",
]


def parsed() -> models.CloudTask:
    return parse_json(json.dumps(rich_task()).encode(), models.CloudTask)


def eager() -> models.CloudTask:
    return structure(rich_task(), models.CloudTask)


def test_a_parsed_task_equals_the_eagerly_built_one_and_unstructures_to_the_body():
    task = parsed()
    assert type(task) is models.CloudTask
    assert task == eager()
    assert repr(parsed()) == repr(eager())
    body = rich_task()
    body.pop("odata.metadata")
    # Enum values the service writes in PascalCase are sent back in the SDK's spelling.
    body["outputFiles"][0]["uploadOptions"]["uploadCondition"] = "tasksuccess"
    body["executionInfo"]["failureInfo"]["category"] = "usererror"
    assert as_values(unstructure(parsed())) == as_values(body)


def test_nested_fields_wait_in_wire_form_until_read_then_are_built_once():
    task = parsed()
    assert task._bj_pending is not None
    assert set(task._bj_pending) - {None} == set(NESTED)
    assert task.state is models.TaskState.completed  # scalars and enums are built at once
    info = task.execution_info
    assert isinstance(info, models.TaskExecutionInformation)
    assert task.execution_info is info
    assert "execution_info" not in task._bj_pending
    assert info.failure_info is not None
    assert info.failure_info.category is models.ErrorCategory.user_error
    assert info.result is models.TaskExecutionResult.failure
    assert task.output_files is not None
    assert (
        task.output_files[0].upload_options.upload_condition is models.OutputFileUploadCondition.task_success
    )
    assert task.depends_on == models.TaskDependencies(
        task_ids=["a", "b"], task_id_ranges=[models.TaskIdRange(start=1, end=9)]
    )
    for name in NESTED:
        getattr(task, name)
    assert task._bj_pending is None
    assert task == eager()


def test_absent_nested_fields_are_none_without_building_anything():
    task = parse_json(b'{"id": "t", "state": "active"}', models.CloudTask)
    assert task.execution_info is None
    assert task.stats is None
    assert task._bj_pending == {}


def test_copies_pickles_evolve_and_asdict_see_every_field():
    reference = eager()
    assert copy.deepcopy(parsed()) == reference
    assert pickle.loads(pickle.dumps(parsed())) == reference
    assert attrs.evolve(parsed(), id="other") == attrs.evolve(reference, id="other")
    assert attrs.asdict(parsed()) == attrs.asdict(reference)


def test_an_error_in_a_nested_field_is_raised_on_first_read_with_its_path():
    body = replaced(rich_task(), ("stats", "readIOps"), "lots")
    task = parse_json(json.dumps(body).encode(), models.CloudTask)
    assert task.node_info is not None
    with pytest.raises(DeserializationError) as info:
        task.stats  # noqa: B018
    assert info.value.path == "$.stats.readIOps"
    build_nested(task)  # leaves the bad field unbuilt, builds the rest
    assert task._bj_pending is not None
    assert set(task._bj_pending) == {"stats"}


RICH = rich_task()
CASES = [(path, value) for path in leaf_paths(RICH) for value in REPLACEMENTS]


def _outcome(build: Any, data: Any) -> tuple[str, Any]:
    try:
        return "ok", attrs.asdict(build(data))
    except DeserializationError as exc:
        return "error", exc.path


@pytest.mark.parametrize(("path", "value"), CASES, ids=[f"{'.'.join(map(str, p))}={v!r}" for p, v in CASES])
def test_reading_every_field_accepts_and_rejects_what_eager_structuring_does(path, value):
    data = replaced(RICH, path, value)
    lazy = _outcome(lambda d: parse_json(json.dumps(d).encode(), models.CloudTask), data)
    assert lazy == _outcome(lambda d: structure(d, models.CloudTask), data)


def file_page() -> dict[str, Any]:
    """A task directory listing as the service writes it: contentLength as a JSON string, a directory."""
    url = f"{ACCOUNT}/jobs/job-1/tasks/task-1/files"
    return {
        "odata.metadata": f"{ACCOUNT}/$metadata#files",
        "value": [
            {"name": "wd", "url": f"{url}/wd", "isDirectory": True},
            {
                "name": "stdout.txt",
                "url": f"{url}/stdout.txt",
                "isDirectory": False,
                "properties": {
                    "lastModified": T,
                    "contentLength": "13",
                    "contentType": "text/plain",
                    "fileMode": "0o100644",
                },
            },
        ],
        "odata.nextLink": f"{url}?$skiptoken=abc",
    }


def test_node_files_build_their_properties_on_first_read():
    files, next_link = structure_page(json.dumps(file_page()).encode(), models.NodeFile)
    assert next_link == f"{ACCOUNT}/jobs/job-1/tasks/task-1/files?$skiptoken=abc"
    directory, stdout = files
    assert directory.is_directory is True
    assert directory.properties is None
    assert stdout._bj_pending == {None: "$.value[1]", "properties": file_page()["value"][1]["properties"]}
    properties = stdout.properties
    assert isinstance(properties, models.FileProperties)
    assert properties.content_length == 13  # a JSON string on the wire
    assert properties.creation_time is None
    assert properties.file_mode == "0o100644"
    assert stdout._bj_pending is None
    assert files == [structure(item, models.NodeFile) for item in file_page()["value"]]


def test_a_bad_file_property_names_the_item_of_the_page():
    page = file_page()
    del page["value"][1]["properties"]["lastModified"]
    files, _ = structure_page(json.dumps(page).encode(), models.NodeFile)
    assert files[0].properties is None
    with pytest.raises(DeserializationError) as info:
        files[1].properties  # noqa: B018
    assert info.value.path == "$.value[1].properties.lastModified"


def collection_result() -> dict[str, Any]:
    """An add_collection result as the real service writes it: PascalCase statuses, one failure."""
    return {
        "odata.metadata": f"{ACCOUNT}/$metadata#taskaddresult",
        "value": [
            {
                "status": "Success",
                "taskId": "t2",
                "eTag": "0x8DB77E9635B0BE3",
                "lastModified": T,
                "location": f"{ACCOUNT}/jobs/job-1/tasks/t2",
            },
            {
                "status": "ClientError",
                "taskId": "t1",
                "error": {
                    "code": "TaskExists",
                    "message": {"lang": "en-US", "value": "The specified task already exists."},
                    "values": [{"key": "TaskId", "value": "t1"}],
                },
            },
        ],
    }


def test_an_add_collection_result_builds_its_items_on_first_read():
    result = parse_json(json.dumps(collection_result()).encode(), models.TaskAddCollectionResult)
    assert result._bj_pending is not None
    assert "value" in result._bj_pending
    items = result.value
    assert items is not None
    assert result._bj_pending is None
    assert [(r.task_id, r.status) for r in items] == [
        ("t2", models.TaskAddStatus.success),
        ("t1", models.TaskAddStatus.client_error),
    ]
    error = items[1].error
    assert error == models.BatchError(
        code="TaskExists",
        message=models.ErrorMessage(lang="en-US", value="The specified task already exists."),
        values=[models.BatchErrorDetail(key="TaskId", value="t1")],
    )
    assert items[0].error is None
    assert result == structure(collection_result(), models.TaskAddCollectionResult)


def test_an_add_collection_result_missing_a_task_id_fails_on_read_with_the_path():
    body = collection_result()
    del body["value"][1]["taskId"]
    result = parse_json(json.dumps(body).encode(), models.TaskAddCollectionResult)
    with pytest.raises(DeserializationError) as info:
        result.value  # noqa: B018
    assert info.value.path == "$.value[1].taskId"
