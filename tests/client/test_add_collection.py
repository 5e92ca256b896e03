"""``task.add_collection`` over scripted transports: chunking by count and size, 413 halving, per-task
``serverError`` retries, whole-request errors, results in input order, ambiguous retries."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import anyio
import anyio.lowlevel
import httpx
import pytest

from batchjobs import (
    BatchServiceClient,
    NotFoundError,
    RetryPolicy,
    ServerError,
    SharedKeyCredentials,
    models,
)
from batchjobs.operations._task_helpers import MAY_EXIST_DETAIL

from .support import ACCOUNT, BASE_URL, KEY

Answer = Callable[[list[str]], httpx.Response]


def _tasks(count: int, command: str = "/bin/true") -> list[models.TaskAddParameter]:
    return [models.TaskAddParameter(id=f"task{n:05d}", command_line=command) for n in range(count)]


def _ok(
    ids: list[str], *, status: dict[str, tuple[str, str]] | None = None, reverse: bool = True
) -> httpx.Response:
    """A 200 with one result per id (in reverse order, as the service may answer)."""
    status = status or {}
    value = []
    for task_id in reversed(ids) if reverse else ids:
        kind, code = status.get(task_id, ("Success", ""))
        result: dict[str, Any] = {"status": kind, "taskId": task_id}
        if code:
            result["error"] = {"code": code, "message": {"lang": "en-US", "value": code}}
        else:
            result.update({"eTag": "0x1", "location": f"{BASE_URL}/jobs/j/tasks/{task_id}"})
        value.append(result)
    return httpx.Response(200, json={"value": value})


def _error(status: int, code: str) -> httpx.Response:
    return httpx.Response(status, json={"code": code, "message": {"lang": "en-US", "value": code}})


class Service:
    """Records every request's task ids and answers through a script."""

    def __init__(self, answer: Answer) -> None:
        self.answer = answer
        self.requests: list[list[str]] = []
        self.bodies: list[bytes] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        assert request.url.raw_path.startswith(b"/jobs/j/addtaskcollection?")
        ids = [task["id"] for task in json.loads(request.content)["value"]]
        self.requests.append(ids)
        self.bodies.append(request.content)
        return self.answer(ids)


async def _add(
    service: Service, tasks: list[models.TaskAddParameter], **kwargs: Any
) -> models.TaskAddCollectionResult:
    policy = kwargs.pop("retry_policy", RetryPolicy.immediate())
    client = BatchServiceClient(
        SharedKeyCredentials(ACCOUNT, KEY), BASE_URL, transport=httpx.MockTransport(service)
    )
    async with client:
        return await client.task.add_collection("j", tasks, retry_policy=policy, **kwargs)


def _statuses(result: models.TaskAddCollectionResult) -> list[tuple[str, str]]:
    return [(r.task_id, str(r.status)) for r in result.value]


async def test_any_number_of_tasks_in_requests_of_100_results_in_input_order() -> None:
    service = Service(_ok)
    tasks = _tasks(250)
    result = await _add(service, tasks)
    assert [len(ids) for ids in service.requests] == [100, 100, 50]
    assert [ids[0] for ids in service.requests] == ["task00000", "task00100", "task00200"]
    assert [r.task_id for r in result.value] == [t.id for t in tasks]
    assert all(str(r.status).lower() == "success" for r in result.value)


async def test_ten_thousand_tasks_take_exactly_a_hundred_requests() -> None:
    service = Service(_ok)
    result = await _add(service, _tasks(10_000), threads=8)
    assert len(service.requests) == 100
    assert len(result.value) == 10_000


async def test_requests_stay_under_the_body_limit() -> None:
    service = Service(_ok)
    await _add(service, _tasks(10, command="x" * 300_000))
    assert [len(ids) for ids in service.requests] == [3, 3, 3, 1]
    assert max(len(body) for body in service.bodies) < 1_000_000


async def test_only_a_run_of_a_hundred_over_the_limit_is_packed_by_size() -> None:
    tasks = _tasks(150)
    for task in tasks[:3]:
        task.command_line = "x" * 400_000
    service = Service(_ok)
    result = await _add(service, tasks)
    assert [len(ids) for ids in service.requests] == [2, 98, 50]
    assert [task_id for ids in service.requests for task_id in ids] == [t.id for t in tasks]
    assert max(len(body) for body in service.bodies) < 1_000_000
    assert [r.task_id for r in result.value] == [t.id for t in tasks]


async def test_a_request_refused_as_too_large_is_halved() -> None:
    def answer(ids: list[str]) -> httpx.Response:
        return _error(413, "RequestBodyTooLarge") if len(ids) > 25 else _ok(ids)

    service = Service(answer)
    result = await _add(service, _tasks(100))
    assert [len(ids) for ids in service.requests] == [100, 50, 25, 25, 50, 25, 25]
    assert [r.task_id for r in result.value] == [f"task{n:05d}" for n in range(100)]


async def test_a_single_task_too_large_is_reported_and_the_others_added() -> None:
    def answer(ids: list[str]) -> httpx.Response:
        return _error(413, "RequestBodyTooLarge") if "task00001" in ids else _ok(ids)

    result = await _add(Service(answer), _tasks(3))
    assert _statuses(result) == [
        ("task00000", "success"),
        ("task00001", "clienterror"),
        ("task00002", "success"),
    ]
    assert result.value[1].error.code == "RequestBodyTooLarge"


async def test_server_error_results_are_sent_again_until_they_succeed() -> None:
    failures = {"task00003": 2}

    def answer(ids: list[str]) -> httpx.Response:
        status = {}
        for task_id in ids:
            if failures.get(task_id, 0) > 0:
                failures[task_id] -= 1
                status[task_id] = ("serverError", "ServerBusy")
        return _ok(ids, status=status)

    service = Service(answer)
    result = await _add(service, _tasks(5))
    assert service.requests == [[f"task{n:05d}" for n in range(5)], ["task00003"], ["task00003"]]
    assert all(str(r.status) == "success" for r in result.value)


async def test_server_error_retries_are_bounded_by_the_retry_policy() -> None:
    service = Service(lambda ids: _ok(ids, status={i: ("serverError", "ServerBusy") for i in ids}))
    result = await _add(service, _tasks(2), retry_policy=RetryPolicy.immediate(max_attempts=3))
    assert len(service.requests) == 3
    assert _statuses(result) == [("task00000", "servererror"), ("task00001", "servererror")]


async def test_a_whole_request_error_no_retry_fixes_raises_at_once() -> None:
    service = Service(lambda ids: _error(404, "JobNotFound"))
    with pytest.raises(NotFoundError) as info:
        await _add(service, _tasks(300), threads=1)
    assert info.value.code == "JobNotFound"
    assert len(service.requests) == 1


async def test_an_ambiguous_failure_then_task_exists_is_marked_as_probably_ours() -> None:
    answers = iter(
        [
            _error(500, "InternalServerError"),  # the first request may have added task00000
            None,
        ]
    )

    def answer(ids: list[str]) -> httpx.Response:
        scripted = next(answers, None)
        return scripted or _ok(ids, status={"task00000": ("clientError", "TaskExists")})

    service = Service(answer)
    result = await _add(service, _tasks(2))
    assert len(service.requests) == 2
    first = result.value[0]
    assert (str(first.status), first.error.code) == ("clienterror", "TaskExists")
    assert {(d.key, d.value) for d in first.error.values} == {(MAY_EXIST_DETAIL, "true")}
    assert str(result.value[1].status) == "success"


async def test_task_exists_without_an_earlier_attempt_is_a_plain_client_error() -> None:
    service = Service(lambda ids: _ok(ids, status={"task00000": ("clientError", "TaskExists")}))
    result = await _add(service, _tasks(1))
    assert result.value[0].error.code == "TaskExists"
    assert not result.value[0].error.values


async def test_an_ambiguous_failure_on_the_last_attempt_raises() -> None:
    service = Service(lambda ids: _error(500, "InternalServerError"))
    with pytest.raises(ServerError):
        await _add(service, _tasks(2), retry_policy=RetryPolicy.immediate(max_attempts=2))
    assert len(service.requests) == 2


async def test_no_more_than_threads_requests_are_in_flight() -> None:
    in_flight = peak = 0

    async def answer(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        await anyio.lowlevel.checkpoint()
        await anyio.lowlevel.checkpoint()
        in_flight -= 1
        ids = [task["id"] for task in json.loads(request.content)["value"]]
        return _ok(ids)

    client = BatchServiceClient(
        SharedKeyCredentials(ACCOUNT, KEY), BASE_URL, transport=httpx.MockTransport(answer)
    )
    async with client:
        result = await client.task.add_collection("j", _tasks(1000), threads=3)
    assert peak == 3
    assert len(result.value) == 1000


@pytest.mark.parametrize(
    ("tasks", "message"),
    [
        ([models.TaskAddParameter(id="bad id", command_line="x")], "task id 'bad id' is invalid"),
        (
            [
                models.TaskAddParameter(id="a", command_line="x"),
                models.TaskAddParameter(id="A", command_line="y"),
            ],
            "used twice",
        ),
        ([models.TaskAddParameter(id="a", command_line="")], "command_line is required"),
    ],
)
async def test_bad_tasks_are_refused_before_anything_is_sent(
    tasks: list[models.TaskAddParameter], message: str
) -> None:
    service = Service(_ok)
    with pytest.raises(ValueError, match=message):
        await _add(service, tasks)
    assert service.requests == []


async def test_raw_is_refused() -> None:
    with pytest.raises(ValueError, match="raw=True is not available"):
        await _add(Service(_ok), _tasks(1), raw=True)
