"""Error statuses, transport failures and malformed bodies become the documented exceptions."""

from __future__ import annotations

import copy
import pickle
from typing import Any

import httpx
import pytest

from batchjobs import (
    BadRequestError,
    BatchConnectionError,
    BatchErrorException,
    BatchJobsError,
    BatchServiceClient,
    BatchTimeoutError,
    ConflictError,
    DeserializationError,
    NotFoundError,
    NotModifiedError,
    PermissionDeniedError,
    PreconditionFailedError,
    RetryPolicy,
    ServerError,
    models,
)
from tests.client.ops import BY_NAME, OPS, Op
from tests.client.support import BASE_URL, ETAG, batch_error, collect

REQUEST_ID = "6b2b2a7e-0000-0000-0000-000000000000"

#: status, code, message, values, exception class
ERROR_CASES: list[tuple[int, str, str, list[dict[str, str]], type[BatchErrorException]]] = [
    (
        400,
        "InvalidPropertyValue",
        "The value provided for one of the properties in the request body is invalid.",
        [
            {"key": "PropertyName", "value": "priority"},
            {"key": "PropertyValue", "value": "5000"},
            {"key": "Reason", "value": "Out of range"},
        ],
        BadRequestError,
    ),
    (
        403,
        "AuthenticationFailed",
        "Server failed to authenticate the request.",
        [{"key": "AuthenticationErrorDetail", "value": "The MAC signature is not the same."}],
        PermissionDeniedError,
    ),
    (404, "JobNotFound", "The specified job does not exist.", [], NotFoundError),
    (
        409,
        "JobBeingDeleted",
        "The specified job has been marked for deletion and is being reclaimed.",
        [{"key": "JobId", "value": "job-1"}],
        ConflictError,
    ),
    (
        412,
        "ConditionNotMet",
        "The condition specified using HTTP conditional header(s) is not met.",
        [],
        PreconditionFailedError,
    ),
    (500, "InternalError", "Server encountered an internal error.", [], ServerError),
    (
        503,
        "ServerBusy",
        "The server is busy.",
        [{"key": "Reason", "value": "Throttled"}],
        ServerError,
    ),
]


def mock_error(router: Any, op: Op, status: int, **response: Any) -> Any:
    return router.route(method=op.method, path=op.target("job-1")).respond(status, **response)


@pytest.mark.parametrize(
    ("status", "code", "message", "values", "cls"), ERROR_CASES, ids=[str(c[0]) for c in ERROR_CASES]
)
@pytest.mark.parametrize("op", OPS, ids=str)
async def test_all_ops_error_status_maps_to_exception_with_batch_error(
    op, status, code, message, values, cls, router, client
):
    body = batch_error(code, message, request_id=REQUEST_ID, values=values)
    route = mock_error(router, op, status, json=body, headers={"request-id": REQUEST_ID})

    with pytest.raises(cls) as info:
        await op.call(client, "job-1", None, None)

    err = info.value
    assert isinstance(err, BatchErrorException)
    assert isinstance(err, BatchJobsError)
    assert err.status_code == status
    assert err.code == code
    assert err.request_id == REQUEST_ID
    assert err.client_request_id == route.calls.last.request.headers["client-request-id"]
    assert [(v.key, v.value) for v in err.error.values or []] == [(v["key"], v["value"]) for v in values]
    assert err.error.message is not None
    assert err.error.message.lang == "en-US"
    assert err.error.message.value == body["message"]["value"]
    assert err.message == message
    assert err.response is not None
    assert err.response.status_code == status
    text = str(err)
    assert text.startswith(f"{status} {code}: {message}")
    assert text.endswith(f"(request-id={REQUEST_ID})")
    assert "\nRequestId:" not in text
    assert route.call_count == 1


async def test_get_not_found_str_reads_status_code_message_and_request_id(router, client):
    body = batch_error("JobNotFound", "The specified job does not exist.", request_id=REQUEST_ID, values=[])
    router.get("/jobs/missing").respond(404, json=body, headers={"request-id": REQUEST_ID})

    with pytest.raises(NotFoundError) as info:
        await client.job.get("missing")

    assert str(info.value) == f"404 JobNotFound: The specified job does not exist. (request-id={REQUEST_ID})"


async def test_patch_bad_request_str_lists_the_error_values(router, client):
    body = batch_error(
        "InvalidPropertyValue", "Bad value.", values=[{"key": "PropertyName", "value": "priority"}]
    )
    router.patch("/jobs/job-1").respond(400, json=body)

    with pytest.raises(BadRequestError) as info:
        await client.job.patch("job-1", models.JobPatchParameter(priority=5))

    assert "PropertyName=priority" in str(info.value)


async def test_get_if_none_match_304_raises_not_modified_distinct_from_412(router, client):
    router.get("/jobs/job-1").respond(304, headers={"request-id": REQUEST_ID, "ETag": ETAG})

    with pytest.raises(NotModifiedError) as info:
        await client.job.get("job-1", models.JobGetOptions(if_none_match=ETAG))

    err = info.value
    assert not isinstance(err, PreconditionFailedError)
    assert isinstance(err, BatchErrorException)
    assert err.status_code == 304
    assert err.code is None
    assert err.request_id == REQUEST_ID
    assert str(err).startswith("304 ")


async def test_patch_stale_if_match_412_raises_precondition_failed_distinct_from_304(router, client):
    body = batch_error(
        "ConditionNotMet", "The condition specified using HTTP conditional header(s) is not met."
    )
    router.patch("/jobs/job-1").respond(412, json=body)

    with pytest.raises(PreconditionFailedError) as info:
        await client.job.patch(
            "job-1", models.JobPatchParameter(priority=1), models.JobPatchOptions(if_match="0x1")
        )

    assert not isinstance(info.value, NotModifiedError)
    assert info.value.code == "ConditionNotMet"
    assert info.value.status_code == 412


async def test_list_preparation_and_release_task_status_409_raises_conflict(router, client):
    body = batch_error(
        "JobPreparationTaskNotSpecified", "The specified job does not have a job preparation task."
    )
    router.get("/jobs/noprep/jobpreparationandreleasetaskstatus").respond(409, json=body)

    with pytest.raises(ConflictError) as info:
        await collect(client.job.list_preparation_and_release_task_status("noprep"))

    assert info.value.code == "JobPreparationTaskNotSpecified"


@pytest.mark.parametrize(
    ("status", "content", "content_type", "cls", "expected_text"),
    [
        (502, b"<html><body>Bad Gateway</body></html>", "text/html", ServerError, "Bad Gateway"),
        (404, b"", None, NotFoundError, "404"),
        (400, b'["not", "a", "batch", "error"]', "application/json", BadRequestError, "400"),
        (500, b'{"code": "Internal', "application/json", ServerError, "500"),
        (409, b"Conflict, says the proxy", "text/plain", ConflictError, "Conflict, says the proxy"),
        (403, b'{"code": 5, "message": "flat string"}', "application/json", PermissionDeniedError, "403"),
    ],
)
async def test_get_unparseable_error_body_still_raises_by_status(
    status, content, content_type, cls, expected_text, router, client
):
    headers = {"request-id": REQUEST_ID} | ({"Content-Type": content_type} if content_type else {})
    router.get("/jobs/job-1").respond(status, content=content, headers=headers)

    with pytest.raises(cls) as info:
        await client.job.get("job-1")

    err = info.value
    assert err.status_code == status
    assert err.request_id == REQUEST_ID
    assert str(err).startswith(str(status))
    assert expected_text in str(err)
    assert f"request-id={REQUEST_ID}" in str(err)


@pytest.mark.parametrize("op", OPS, ids=str)
async def test_all_ops_connect_error_raises_batch_connection_error_chained(op, make_client):
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        raise httpx.ConnectError("connection refused", request=request)

    client = make_client(httpx.MockTransport(handler))
    with pytest.raises(BatchConnectionError) as info:
        await op.call(client, "job-1", None, None)

    err = info.value
    assert not isinstance(err, BatchTimeoutError)
    assert isinstance(err, BatchJobsError)
    assert isinstance(err.__cause__, httpx.ConnectError)
    assert err.request is seen[-1]
    assert len(seen) == 1


@pytest.mark.parametrize("op", OPS, ids=str)
async def test_all_ops_read_timeout_raises_batch_timeout_error_chained(op, make_client):
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    client = make_client(httpx.MockTransport(handler))
    with pytest.raises(BatchTimeoutError) as info:
        await op.call(client, "job-1", None, None)

    assert isinstance(info.value, BatchConnectionError)
    assert isinstance(info.value.__cause__, httpx.ReadTimeout)


async def test_get_remote_protocol_error_raises_batch_connection_error(make_client):
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.RemoteProtocolError("peer closed connection", request=request)

    client = make_client(httpx.MockTransport(handler))
    with pytest.raises(BatchConnectionError) as info:
        await client.job.get("job-1")
    assert isinstance(info.value.__cause__, httpx.RemoteProtocolError)


@pytest.mark.parametrize(
    ("op_name", "body", "path"),
    [
        ("get", b'{"id": "job-1", "creationTime": "yesterday"}', "$.creationTime"),
        ("get", b'{"id": "job-1", "sta', "$"),
        ("get", b"", "$"),
        ("get", b'{"id": "job-1", "constraints": "none"}', "$.constraints"),
        ("get", b'{"id": "job-1", "metadata": {"name": "a"}}', "$.metadata"),
        ("get", b'["job-1"]', "$"),
        ("get_task_counts", b'{"taskCounts": 7, "taskSlotCounts": {}}', "$.taskCounts"),
        ("list", b'{"value": [{"id": "a"}, {"id": 5}]}', "$.value[1].id"),
        ("list", b'{"value": [{"id": "a"}, {"id": "b", "poolInfo": []}]}', "$.value[1].poolInfo"),
        ("list", b'{"value": {"id": "a"}}', "$.value"),
        ("list", b'{"value": [{"id": "a"}', "$"),
        ("list_from_job_schedule", b'{"value": [{"state": 3}]}', "$.value[0].state"),
    ],
)
async def test_success_with_malformed_body_raises_deserialization_error_with_path(
    op_name, body, path, router, client
):
    op = BY_NAME[op_name]
    router.route(method="GET", path=op.target("job-1")).respond(200, content=body)

    with pytest.raises(DeserializationError) as info:
        await op.call(client, "job-1", None, None)

    assert isinstance(info.value, BatchJobsError)
    assert info.value.path == path
    assert info.value.response is not None
    assert info.value.response.status_code == 200


@pytest.mark.parametrize(
    ("op_name", "body", "attribute", "path"),
    [
        (
            "get",
            b'{"id": "job-1", "metadata": [{"name": "a", "value": "b"}, {"name": 1}]}',
            "metadata",
            "$.metadata[1].name",
        ),
        (
            "get",
            b'{"id": "job-1", "constraints": {"maxWallClockTime": "forever"}}',
            "constraints",
            "$.constraints.maxWallClockTime",
        ),
        (
            "get_task_counts",
            b'{"taskCounts": {"active": "many"}, "taskSlotCounts": {}}',
            "task_counts",
            "$.taskCounts.active",
        ),
        (
            "list",
            b'{"value": [{"id": "a"}, {"id": "b", "poolInfo": {"autoPoolSpecification": {}}}]}',
            "pool_info",
            "$.value[1].poolInfo.autoPoolSpecification.poolLifetimeOption",
        ),
        (
            "list_preparation_and_release_task_status",
            b'{"value": [{"nodeId": "n", "jobPreparationTaskExecutionInfo": {"state": "running", '
            b'"startTime": "soon", "retryCount": 0}}]}',
            "job_preparation_task_execution_info",
            "$.value[0].jobPreparationTaskExecutionInfo.startTime",
        ),
    ],
)
async def test_malformed_nested_object_raises_deserialization_error_when_first_read(
    op_name, body, attribute, path, router, client
):
    """Nested objects are built on first read: the call succeeds, reading the bad one raises with its path."""
    op = BY_NAME[op_name]
    router.route(method="GET", path=op.target("job-1")).respond(200, content=body)
    result = await op.call(client, "job-1", None, None)
    model = result[-1] if isinstance(result, list) else result

    for _ in range(2):  # a failed build leaves the field unbuilt: every read raises the same error
        with pytest.raises(DeserializationError) as info:
            getattr(model, attribute)
        assert info.value.path == path
        assert path in str(info.value)
        assert info.value.response is None


async def test_get_undecodable_content_encoding_raises_batch_jobs_error_chained(make_client):
    """A body that cannot be decoded (e.g. a proxy mislabels it gzip) must not leak a raw httpx error."""

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"Content-Encoding": "gzip"}, content=b"not gzip at all")

    client = make_client(httpx.MockTransport(handler))
    with pytest.raises(BatchJobsError) as info:
        await client.job.get("job-1")

    assert isinstance(info.value.__cause__, httpx.DecodingError)


# ------------------------------------------------------------ bodies that would escape as builtins

DEEP = b"[" * 100_000 + b"]" * 100_000


@pytest.mark.parametrize("op_name", ["get", "list"])
async def test_success_body_nested_deeper_than_the_stack_raises_deserialization_error(
    op_name, router, client
):
    op = BY_NAME[op_name]
    router.route(method="GET", path=op.target("job-1")).respond(200, content=DEEP)

    with pytest.raises(DeserializationError, match="nested too deeply"):
        await op.call(client, "job-1", None, None)


async def test_error_body_nested_deeper_than_the_stack_still_raises_by_status(router, client):
    router.get("/jobs/job-1").respond(404, content=b'{"code": ' + DEEP + b"}")

    with pytest.raises(NotFoundError) as info:
        await client.job.get("job-1")
    assert info.value.status_code == 404


# -------------------------------------------------------- pickled errors carry no credentials

TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.secret-bearer-token"
REGISTRY_PASSWORD = "registry-password-do-not-leak"


class Token:
    token = TOKEN
    expires_on = 4_000_000_000


class Credential:
    def get_token(self, *scopes: str) -> Token:
        return Token()


AMBIGUOUS_WRITES = RetryPolicy(max_attempts=2, initial_backoff=0, max_backoff=0, retry_ambiguous_writes=True)


def _scripted(responses: list[Any]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        step = responses.pop(0) if len(responses) > 1 else responses[0]
        if isinstance(step, Exception):
            raise step
        return step

    return httpx.MockTransport(handler)


def _new_job() -> models.JobAddParameter:
    registry = models.ContainerRegistry(registry_server="r.io", user_name="me", password=REGISTRY_PASSWORD)
    task = models.JobManagerTask(
        id="m",
        command_line="run",
        container_settings=models.TaskContainerSettings(image_name="i", registry=registry),
    )
    return models.JobAddParameter(
        id="job-1", pool_info=models.PoolInformation(pool_id="p"), job_manager_task=task
    )


async def _errors(client: Any) -> list[BatchJobsError]:
    """One error of every kind the client raises, each from a signed request."""
    raised: list[BatchJobsError] = []
    transport = client._http._transport
    cases: list[tuple[list[Any], Any]] = [
        ([httpx.Response(404, json=batch_error("JobNotFound", "gone"))], lambda: client.job.get("job-1")),
        (
            [httpx.Response(500, json=batch_error("InternalError", "oops"))],
            lambda: client.job.add(_new_job()),
        ),
        ([httpx.ConnectError("refused")], lambda: client.job.get("job-1")),
        ([httpx.ReadTimeout("slow")], lambda: client.job.delete("job-1")),
        ([httpx.Response(200, content=b'{"id": 5}')], lambda: client.job.get("job-1")),
        ([httpx.Response(200, content=b"{")], lambda: collect(client.job.list())),
        (
            [httpx.ReadTimeout("slow"), httpx.Response(409, json=batch_error("JobExists", "exists"))],
            lambda: client.job.add(_new_job(), retry_policy=AMBIGUOUS_WRITES),
        ),
    ]
    for responses, call in cases:
        transport.handler = _scripted(list(responses)).handler
        with pytest.raises(BatchJobsError) as info:
            await call()
        raised.append(info.value)
    return raised


@pytest.mark.parametrize("auth", ["shared_key", "token"])
async def test_pickled_and_copied_errors_carry_no_credentials_or_request_body(auth, credentials):
    async with BatchServiceClient(
        credentials if auth == "shared_key" else Credential(),
        BASE_URL,
        transport=_scripted([httpx.Response(200)]),
        retry_policy=RetryPolicy.no_retries(),
    ) as client:
        errors = await _errors(client)
    assert len(errors) == 7
    secrets = [TOKEN.encode(), b"SharedKey ", REGISTRY_PASSWORD.encode()]
    for error in errors:
        kept = error.response.request if getattr(error, "response", None) is not None else error.request
        assert kept is not None
        signature = kept.headers["Authorization"].encode()
        data = pickle.dumps(error)
        for secret in [*secrets, signature]:
            assert secret not in data, (type(error).__name__, secret)
        restored = pickle.loads(data)
        assert type(restored) is type(error)
        assert str(restored) == str(error)
        again = (
            restored.response.request if getattr(restored, "response", None) is not None else restored.request
        )
        assert again.headers["Authorization"] == "[redacted]"
        assert (again.method, again.url) == (kept.method, kept.url)
        assert again.headers["client-request-id"] == kept.headers["client-request-id"]
        if isinstance(error, BatchErrorException):
            assert (restored.status_code, restored.code, restored.attempts) == (
                error.status_code,
                error.code,
                error.attempts,
            )
            assert restored.response.json() == error.response.json()
        assert signature not in pickle.dumps(copy.copy(error))
        assert kept.headers["Authorization"].encode() == signature  # the live error keeps its request
