"""``client.task`` and ``client.file`` over scripted transports: every operation's request and
response, the statuses that differ from jobs, streams, header views, the sync facade."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

import batchjobs.sync
from batchjobs import (
    BatchServiceClient,
    DeserializationError,
    RetryPolicy,
    SharedKeyCredentials,
    TaskMayExistError,
    models,
)
from batchjobs._api import ENDPOINTS, Kind
from tests.helpers import load_fixture

from .support import ACCOUNT, API_VERSION, BASE_URL, JSON_CONTENT_TYPE, KEY

Handler = Callable[[httpx.Request], httpx.Response]
TASK_GET = load_fixture("task_examples/TaskGet.json")["responses"]["200"]["body"]
FILE_LIST = load_fixture("task_examples/FileListFromTask.json")["responses"]["200"]["body"]
SUBTASKS = load_fixture("task_examples/neighbor-versions/2023-11-01.18.0/TaskListSubtasks.json")["responses"][
    "200"
]["body"]
TASK = models.TaskAddParameter(id="task-1", command_line="/bin/sh -c 'echo hi'")


class Recorder:
    """Answers with a scripted response and keeps every request."""

    def __init__(self, respond: Handler) -> None:
        self.respond = respond
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.respond(request)


def _client(handler: Handler, **settings: Any) -> BatchServiceClient:
    return BatchServiceClient(
        SharedKeyCredentials(ACCOUNT, KEY), BASE_URL, transport=httpx.MockTransport(handler), **settings
    )


# (record id, call, success response, expected path, expected JSON body or None for no body)
CASES: list[tuple[str, Callable[[Any], Any], httpx.Response, str, Any]] = [
    ("task.add", lambda c: c.task.add("job-1", TASK), httpx.Response(201), "/jobs/job-1/tasks", {
        "id": "task-1", "commandLine": "/bin/sh -c 'echo hi'"}),
    ("task.get", lambda c: c.task.get("job-1", "task-1"), httpx.Response(200, json=TASK_GET),
        "/jobs/job-1/tasks/task-1", None),
    ("task.update", lambda c: c.task.update("job-1", "task-1"), httpx.Response(200), "/jobs/job-1/tasks/task-1", {}),
    ("task.delete", lambda c: c.task.delete("job-1", "task-1"), httpx.Response(200), "/jobs/job-1/tasks/task-1", None),
    ("task.terminate", lambda c: c.task.terminate("job-1", "task-1"), httpx.Response(204),
        "/jobs/job-1/tasks/task-1/terminate", None),
    ("task.reactivate", lambda c: c.task.reactivate("job-1", "task-1"), httpx.Response(204),
        "/jobs/job-1/tasks/task-1/reactivate", None),
    ("task.list_subtasks", lambda c: c.task.list_subtasks("job-1", "task-1"), httpx.Response(200, json=SUBTASKS),
        "/jobs/job-1/tasks/task-1/subtasksinfo", None),
    ("file.delete_from_task", lambda c: c.file.delete_from_task("job-1", "task-1", "wd/out.txt"), httpx.Response(200),
        "/jobs/job-1/tasks/task-1/files/wd%2Fout.txt", None),
    ("file.get_properties_from_task", lambda c: c.file.get_properties_from_task("job-1", "task-1", "stdout.txt"),
        httpx.Response(200, headers={"Content-Length": "5", "ocp-batch-file-isdirectory": "False"}),
        "/jobs/job-1/tasks/task-1/files/stdout.txt", None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("endpoint_id", "call", "response", "path", "body"), CASES, ids=[c[0] for c in CASES]
)
async def test_each_call_sends_what_its_record_says(
    endpoint_id: str, call: Callable[[Any], Any], response: httpx.Response, path: str, body: Any
) -> None:
    endpoint = ENDPOINTS[endpoint_id]
    recorder = Recorder(lambda request: response)
    async with _client(recorder) as client:
        output = await call(client)
    [request] = recorder.requests
    assert request.method == endpoint.method
    assert request.url.raw_path == f"{path}?api-version={API_VERSION}".encode()
    if body is None:
        assert request.content == b""
        assert "content-type" not in request.headers  # terminate/reactivate send no body at all
    else:
        assert json.loads(request.content) == body
        assert request.headers["content-type"] == JSON_CONTENT_TYPE
    assert request.headers["authorization"].startswith(f"SharedKey {ACCOUNT}:")
    if endpoint.returns is None:
        assert output is None
    else:
        assert isinstance(output, endpoint.returns)


@pytest.mark.parametrize("endpoint_id", [c[0] for c in CASES])
async def test_an_unexpected_success_status_is_an_error(endpoint_id: str) -> None:
    """Task delete answers 200 and terminate 204, unlike the job operations: the status is checked."""
    call = next(case[1] for case in CASES if case[0] == endpoint_id)
    wrong = 202 if ENDPOINTS[endpoint_id].ok != 202 else 200
    async with _client(lambda request: httpx.Response(wrong)) as client:
        with pytest.raises(batchjobs.BatchErrorException) as info:
            await call(client)
    assert info.value.status_code == wrong


def test_the_task_and_file_calls_are_all_covered() -> None:
    covered = {case[0] for case in CASES} | {"task.list", "file.list_from_task", "file.get_from_task"}
    generated = {e.id for e in ENDPOINTS.values() if e.group in ("task", "file") and not e.hand_written}
    assert covered == generated


async def test_task_get_parses_the_official_example() -> None:
    async with _client(lambda request: httpx.Response(200, json=TASK_GET)) as client:
        task = await client.task.get(
            "job-1", "task-1", models.TaskGetOptions(select="id,state", expand="stats")
        )
        raw = await client.task.get("job-1", "task-1", raw=True)
    assert task.id == TASK_GET["id"]
    assert task.state == models.TaskState(TASK_GET["state"])
    assert raw.output.id == TASK_GET["id"]


async def test_update_sends_the_constraints_it_is_given() -> None:
    recorder = Recorder(lambda request: httpx.Response(200))
    constraints = models.TaskConstraints(max_task_retry_count=3)
    async with _client(recorder) as client:
        await client.task.update("job-1", "task-1", constraints)
    assert json.loads(recorder.requests[0].content) == {"constraints": {"maxTaskRetryCount": 3}}


async def test_list_follows_pages_with_options() -> None:
    pages = {
        None: {
            "value": [{"id": "a"}],
            "odata.nextLink": f"{BASE_URL}/jobs/job-1/tasks?$skiptoken=2&api-version={API_VERSION}",
        },
        "2": {"value": [{"id": "b"}]},
    }
    recorder = Recorder(lambda request: httpx.Response(200, json=pages[request.url.params.get("$skiptoken")]))
    options = models.TaskListOptions(filter="state eq 'completed'", select="id", max_results=1)
    async with _client(recorder) as client:
        ids = [task.id async for task in client.task.list("job-1", options)]
    assert ids == ["a", "b"]
    assert [r.url.params["$filter"] for r in recorder.requests] == ["state eq 'completed'"] * 2


async def test_list_from_task_sends_recursive_and_reads_string_sizes() -> None:
    body = {
        "value": [
            *FILE_LIST["value"],
            {"name": "wd", "url": f"{BASE_URL}/jobs/j/tasks/t/files/wd", "isDirectory": True},
            {
                "name": "stdout.txt",
                "isDirectory": False,
                "properties": {"lastModified": "2023-06-28T15:07:28.1Z", "contentLength": "13"},
            },
        ]
    }
    recorder = Recorder(lambda request: httpx.Response(200, json=body))
    async with _client(recorder) as client:
        files = [f async for f in client.file.list_from_task("job-1", "task-1", recursive=True)]
        plain = [f async for f in client.file.list_from_task("job-1", "task-1")]
    assert recorder.requests[0].url.params["recursive"] == "true"
    assert "recursive" not in recorder.requests[1].url.params
    assert files[-1].properties.content_length == 13
    assert files[-2].is_directory is True
    assert files[-2].properties is None
    assert len(plain) == len(files)


async def test_delete_from_task_sends_recursive() -> None:
    recorder = Recorder(lambda request: httpx.Response(200))
    async with _client(recorder) as client:
        await client.file.delete_from_task("job-1", "task-1", "wd", recursive=True)
    assert recorder.requests[0].url.params["recursive"] == "true"


async def test_a_download_streams_chunks_with_a_signed_range() -> None:
    recorder = Recorder(lambda request: httpx.Response(200, content=b"hello world"))
    options = models.FileGetFromTaskOptions(ocp_range="bytes=0-4")
    progress: list[int] = []
    async with _client(recorder) as client:
        chunks = [
            chunk
            async for chunk in client.file.get_from_task(
                "job-1",
                "task-1",
                "wd/out dir/ü.txt",
                options,
                callback=lambda chunk: progress.append(len(chunk)),
            )
        ]
    request = recorder.requests[0]
    assert b"".join(chunks) == b"hello world"
    assert sum(progress) == 11
    assert request.headers["ocp-range"] == "bytes=0-4"
    assert request.url.raw_path.startswith(b"/jobs/job-1/tasks/task-1/files/wd%2Fout%20dir%2F%C3%BC.txt?")


async def test_file_properties_are_a_typed_view() -> None:
    headers = {
        "Content-Length": "13",
        "Content-Type": "text/plain",
        "Last-Modified": "Wed, 28 Jun 2023 15:07:28 GMT",
        "ocp-batch-file-isdirectory": "False",
        "ocp-batch-file-url": "https%3A%2F%2Fa%2Fjobs%2Fj%2Ftasks%2Ft%2Ffiles%2Fstdout.txt",
        "ocp-batch-file-mode": "0o100644",
    }
    async with _client(lambda request: httpx.Response(200, headers=headers)) as client:
        raw = await client.file.get_properties_from_task("j", "t", "stdout.txt", raw=True)
    view = raw.output
    assert (view.content_length, view.is_directory, view.file_mode, view.url) == (
        13,
        False,
        "0o100644",
        "https://a/jobs/j/tasks/t/files/stdout.txt",
    )
    assert view.last_modified == datetime(2023, 6, 28, 15, 7, 28, tzinfo=UTC)
    assert raw.request_id is None


async def test_a_malformed_file_header_raises() -> None:
    async with _client(
        lambda request: httpx.Response(200, headers={"ocp-batch-file-isdirectory": "sometimes"})
    ) as c:
        with pytest.raises(DeserializationError, match="ocp-batch-file-isdirectory"):
            await c.file.get_properties_from_task("j", "t", "stdout.txt")


async def test_a_retried_task_add_that_meets_task_exists_may_have_created_it() -> None:
    answers = iter([httpx.Response(500), httpx.Response(409, json={"code": "TaskExists"})])
    policy = RetryPolicy(retry_ambiguous_writes=True, jitter=False, sleep=_no_wait)
    async with _client(lambda request: next(answers), retry_policy=policy) as client:
        with pytest.raises(TaskMayExistError) as info:
            await client.task.add("job-1", TASK)
    assert info.value.code == "TaskExists"
    assert "may have created the task" in str(info.value)


@pytest.mark.parametrize(
    ("task", "message"),
    [
        (models.TaskAddParameter(id="no spaces", command_line="x"), "task id 'no spaces' is invalid"),
        (models.TaskAddParameter(id="x" * 65, command_line="x"), "is invalid"),
        (models.TaskAddParameter(id="t", command_line=" "), "command_line is required"),
        (models.TaskAddParameter(id="t", command_line="x", required_slots=0), "required_slots"),
    ],
)
async def test_invalid_tasks_are_refused_before_sending(task: models.TaskAddParameter, message: str) -> None:
    recorder = Recorder(lambda request: httpx.Response(201))
    async with _client(recorder) as client:
        with pytest.raises(ValueError, match=message):
            await client.task.add("job-1", task)
    assert recorder.requests == []


def test_the_sync_facade_streams_and_adds_collections() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/addtaskcollection"):
            ids = [task["id"] for task in json.loads(request.content)["value"]]
            return httpx.Response(200, json={"value": [{"status": "Success", "taskId": i} for i in ids]})
        return httpx.Response(200, content=b"x" * 100_000)

    transport = httpx.MockTransport(answer)
    with batchjobs.sync.BatchServiceClient(
        SharedKeyCredentials(ACCOUNT, KEY), BASE_URL, transport=transport
    ) as client:
        chunks = list(client.file.get_from_task("j", "t", "stdout.txt"))
        result = client.task.add_collection(
            "j", [models.TaskAddParameter(id=f"t{n}", command_line="x") for n in range(150)]
        )
    assert sum(len(chunk) for chunk in chunks) == 100_000
    assert all(isinstance(chunk, bytes) for chunk in chunks)
    assert [r.task_id for r in result.value] == [f"t{n}" for n in range(150)]


def test_records_of_the_new_groups_use_every_kind() -> None:
    kinds = {e.kind for e in ENDPOINTS.values() if e.group in ("task", "file")}
    assert kinds == set(Kind)


async def _no_wait(seconds: float) -> None:
    return None
