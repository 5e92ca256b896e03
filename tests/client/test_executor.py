"""The executor under the generated classes, driven by records that no job operation has yet:
query parameters taken from arguments (the file operations' ``recursive``) and their checks."""

from __future__ import annotations

from contextlib import aclosing
from datetime import UTC, datetime

import attrs
import httpx
import pytest

from batchjobs import (
    BatchConnectionError,
    BatchServiceClient,
    DeserializationError,
    NotFoundError,
    RetryPolicy,
    SharedKeyCredentials,
    models,
)
from batchjobs._api import Endpoint, Kind, Param
from batchjobs._headers import FileHeaders
from batchjobs.operations._group import OperationGroup

from .support import ACCOUNT, BASE_URL, KEY

LISTING = Endpoint(
    "job.list_things",
    "GET",
    "/jobs/{job_id}/things/{thing}",
    200,
    models.JobListOptions,
    idempotent=True,
    summary="List things.",
    params=(Param("job_id", "str", "The job."), Param("thing", "str", "A thing.")),
    query_args=(("recursive", "recursive"), ("depth", "depth")),
    returns=models.CloudJob,
    kind=Kind.LIST,
)
DELETE = attrs.evolve(LISTING, id="job.delete_thing", method="DELETE", kind=Kind.CALL, returns=None)


@pytest.fixture
async def recorded() -> tuple[OperationGroup, list[httpx.Request]]:
    requests: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return httpx.Response(200, json={"value": [{"id": "a"}]})

    client = BatchServiceClient(
        SharedKeyCredentials(ACCOUNT, KEY), BASE_URL, transport=httpx.MockTransport(answer)
    )
    async with client:
        yield client.job, requests


async def test_query_arguments_are_sent_in_declared_order(recorded) -> None:
    group, requests = recorded
    await group._call(
        DELETE, None, None, False, {}, {"job_id": "j", "thing": "a/b.txt", "recursive": True, "depth": 2}
    )
    assert (
        requests[0].url.raw_path
        == b"/jobs/j/things/a%2Fb%2Etxt?api-version=2023-05-01.17.0&recursive=true&depth=2"
    )


async def test_an_absent_query_argument_is_left_out(recorded) -> None:
    group, requests = recorded
    await group._call(
        DELETE, None, None, False, {}, {"job_id": "j", "thing": "t", "recursive": False, "depth": None}
    )
    assert requests[0].url.params.multi_items() == [
        ("api-version", "2023-05-01.17.0"),
        ("recursive", "false"),
    ]


async def test_listings_carry_query_arguments_with_the_options(recorded) -> None:
    group, requests = recorded
    options = models.JobListOptions(max_results=5)
    items = [
        item
        async for item in group._list(
            LISTING,
            options,
            None,
            False,
            None,
            {},
            {"job_id": "j", "thing": "t", "recursive": True, "depth": None},
        )
    ]
    assert [item.id for item in items] == ["a"]
    assert requests[0].url.params.multi_items() == [
        ("api-version", "2023-05-01.17.0"),
        ("maxresults", "5"),
        ("recursive", "true"),
    ]


async def test_a_query_argument_of_the_wrong_type_fails_before_sending(recorded) -> None:
    group, requests = recorded
    with pytest.raises(TypeError, match="recursive must be a bool, int or str, got list"):
        await group._call(
            DELETE, None, None, False, {}, {"job_id": "j", "thing": "t", "recursive": [], "depth": None}
        )
    assert requests == []


# --- streamed bodies and header views -----------------------------------------------------------

FILE_PARAMS = (
    Param("job_id", "str", "The job."),
    Param("task_id", "str", "The task."),
    Param("file_path", "str", "The file.", file_path=True),
)
DOWNLOAD = Endpoint(
    "job.download_thing",
    "GET",
    "/jobs/{job_id}/tasks/{task_id}/files/{file_path}",
    200,
    models.JobGetOptions,
    idempotent=True,
    summary="Download.",
    params=FILE_PARAMS,
    returns=bytes,
    kind=Kind.STREAM,
)
PROPERTIES = attrs.evolve(
    DOWNLOAD, id="job.thing_properties", method="HEAD", returns=FileHeaders, kind=Kind.HEAD
)
ARGS = {"job_id": "j", "task_id": "t", "file_path": "wd/out/result.json"}
FILE_HEADERS = {
    "Content-Type": "application/json",
    "Last-Modified": "Thu, 01 Jun 2023 12:30:45 GMT",
    "ocp-batch-file-isdirectory": "False",
    "ocp-batch-file-url": "https%3A%2F%2Facct%2Fjobs%2Fj%2Ftasks%2Ft%2Ffiles%2Fwd%2Fout%2Fresult.json",
    "ocp-batch-file-mode": "0o100644",
}


class _Chunks(httpx.AsyncByteStream):
    """A response body sent in pieces, optionally cut after them."""

    def __init__(self, chunks: list[bytes], *, cut: bool = False) -> None:
        self.chunks, self.cut, self.closed = chunks, cut, False

    async def __aiter__(self):
        for chunk in self.chunks:
            yield chunk
        if self.cut:
            raise httpx.RemoteProtocolError("peer closed connection without sending complete message body")

    async def aclose(self) -> None:
        self.closed = True


def _client(answer) -> BatchServiceClient:
    return BatchServiceClient(
        SharedKeyCredentials(ACCOUNT, KEY), BASE_URL, transport=httpx.MockTransport(answer)
    )


async def test_a_stream_yields_chunks_as_they_arrive_and_keeps_dots_in_file_paths() -> None:
    requests: list[httpx.Request] = []
    body = _Chunks([b"ab", b"cd", b"ef"])

    def answer(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return httpx.Response(200, stream=body, headers=FILE_HEADERS)

    seen: list[bytes] = []
    async with _client(answer) as client:
        chunks = [c async for c in client.job._stream(DOWNLOAD, None, None, False, seen.append, {}, ARGS)]
    assert (chunks, seen, body.closed) == ([b"ab", b"cd", b"ef"], [b"ab", b"cd", b"ef"], True)
    assert requests[0].url.raw_path.startswith(b"/jobs/j/tasks/t/files/wd%2Fout%2Fresult.json?")


async def test_a_raw_stream_yields_each_chunk_with_the_headers() -> None:
    async with _client(
        lambda request: httpx.Response(200, stream=_Chunks([b"x", b"y"]), headers=FILE_HEADERS)
    ) as c:
        items = [item async for item in c.job._stream(DOWNLOAD, None, None, True, None, {}, ARGS)]
    assert [item.output for item in items] == [b"x", b"y"]
    assert items[0].headers["ocp-batch-file-mode"] == "0o100644"


async def test_stopping_early_closes_the_response() -> None:
    body = _Chunks([b"a"] * 100)
    async with _client(lambda request: httpx.Response(200, stream=body)) as client:
        stream = client.job._stream(DOWNLOAD, None, None, False, None, {}, ARGS)
        async with aclosing(stream):
            async for _chunk in stream:
                break
    assert body.closed


async def test_a_body_cut_midway_raises_and_never_looks_complete() -> None:
    body = _Chunks([b"first", b"second"], cut=True)
    received: list[bytes] = []
    async with _client(lambda request: httpx.Response(200, stream=body)) as client:
        stream = client.job._stream(DOWNLOAD, None, None, False, None, {}, ARGS)
        received.append(await anext(stream))
        received.append(await anext(stream))
        with pytest.raises(BatchConnectionError, match="cut after 11 bytes"):
            await anext(stream)
    assert received == [b"first", b"second"]
    assert body.closed


async def test_a_stream_is_retried_before_its_headers_only() -> None:
    answers = iter([httpx.Response(503), httpx.Response(200, stream=_Chunks([b"ok"]))])
    policy = RetryPolicy(jitter=False, sleep=_no_wait)
    async with _client(lambda request: next(answers)) as client:
        chunks = [
            c
            async for c in client.job._stream(
                DOWNLOAD, None, None, False, None, {"retry_policy": policy}, ARGS
            )
        ]
    assert chunks == [b"ok"]


async def test_an_error_status_on_a_stream_raises_with_its_code() -> None:
    error = {
        "code": "FileNotFound",
        "message": {"lang": "en-US", "value": "The specified file does not exist."},
    }
    async with _client(lambda request: httpx.Response(404, json=error)) as client:
        with pytest.raises(NotFoundError) as info:
            await anext(client.job._stream(DOWNLOAD, None, None, False, None, {}, ARGS))
    assert info.value.code == "FileNotFound"


async def test_a_head_returns_the_typed_header_view() -> None:
    headers = {**FILE_HEADERS, "Content-Length": "1234", "ocp-creation-time": "Thu, 01 Jun 2023 12:00:00 GMT"}
    async with _client(lambda request: httpx.Response(200, headers=headers)) as client:
        view = await client.job._call(PROPERTIES, None, None, False, {}, ARGS)
        raw = await client.job._call(PROPERTIES, None, None, True, {}, ARGS)
    assert view == raw.output
    assert (view.content_length, view.is_directory, view.file_mode, view.content_type) == (
        1234,
        False,
        "0o100644",
        "application/json",
    )
    assert view.url == "https://acct/jobs/j/tasks/t/files/wd/out/result.json"
    assert view.creation_time == datetime(2023, 6, 1, 12, 0, tzinfo=UTC)
    assert view.last_modified == datetime(2023, 6, 1, 12, 30, 45, tzinfo=UTC)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("Content-Length", "-1"),
        ("Content-Length", "big"),
        ("ocp-batch-file-isdirectory", "maybe"),
        ("Last-Modified", "yesterday"),
    ],
)
async def test_a_malformed_file_header_names_itself(name: str, value: str) -> None:
    async with _client(lambda request: httpx.Response(200, headers={**FILE_HEADERS, name: value})) as client:
        with pytest.raises(DeserializationError) as info:
            await client.job._call(PROPERTIES, None, None, False, {}, ARGS)
    assert info.value.path == f"headers.{name}"
    assert info.value.response is not None


async def _no_wait(seconds: float) -> None:
    return None
