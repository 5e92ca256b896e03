"""OpenTelemetry spans: a call span with a child per attempt, listing pages as children of the listing."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from opentelemetry import trace
from opentelemetry.trace import SpanKind, StatusCode

from batchjobs import (
    BatchServiceClient,
    NotFoundError,
    NotModifiedError,
    RetryPolicy,
    SharedKeyCredentials,
    models,
)
from batchjobs.emulator import Emulator
from batchjobs.testing import emulator_client, sync_emulator_client
from tests.tracing.conftest import Spans

ACCOUNT = "contosobatch"
KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw=="
BASE_URL = "https://contosobatch.westus.batch.azure.com"


def make_client(handler: Callable[[httpx.Request], httpx.Response]) -> BatchServiceClient:
    return BatchServiceClient(
        SharedKeyCredentials(ACCOUNT, KEY),
        BASE_URL,
        transport=httpx.MockTransport(handler),
        retry_policy=RetryPolicy.immediate(),
    )


def batch_error(status: int, code: str, request_id: str) -> httpx.Response:
    body = {"code": code, "message": {"lang": "en-US", "value": "failed"}}
    return httpx.Response(status, json=body, headers={"request-id": request_id})


async def test_get_with_one_retry_is_a_call_span_with_two_attempt_spans(spans: Spans) -> None:
    answers = [
        batch_error(503, "ServerBusy", "rid-1"),
        httpx.Response(200, json={"id": "job-1", "state": "active"}, headers={"request-id": "rid-2"}),
    ]
    async with make_client(lambda request: answers.pop(0)) as client:
        with spans.tracer.start_as_current_span("user operation"):
            job = await client.job.get("job-1")
    assert job.id == "job-1"

    user = spans.one("user operation")
    call = spans.one("JobOperations.get")
    assert call.parent is not None
    assert call.parent.span_id == user.context.span_id
    assert call.kind is SpanKind.INTERNAL
    assert call.attributes is not None
    assert call.attributes["batch.job.id"] == "job-1"
    assert call.status.status_code is StatusCode.UNSET

    first, second = spans.children(call)
    assert first.name == second.name == "GET /jobs/{job_id}"
    assert first.kind is second.kind is SpanKind.CLIENT
    assert first.context.trace_id == second.context.trace_id == user.context.trace_id
    assert first.attributes is not None
    assert second.attributes is not None
    assert first.attributes["batch.attempt"] == 1
    assert first.attributes["http.response.status_code"] == 503
    assert first.attributes["batch.error.code"] == "ServerBusy"
    assert first.attributes["az.service_request_id"] == "rid-1"
    assert first.attributes["error.type"] == "503"
    assert first.status.status_code is StatusCode.ERROR
    assert second.attributes["batch.attempt"] == 2
    assert second.attributes["http.request.resend_count"] == 1
    assert second.attributes["http.response.status_code"] == 200
    assert second.attributes["az.service_request_id"] == "rid-2"
    assert second.attributes["url.full"] == f"{BASE_URL}/jobs/job-1"
    assert second.status.status_code is StatusCode.UNSET
    assert first.end_time is not None
    assert second.start_time is not None
    assert first.end_time <= second.start_time


async def test_listing_pages_are_children_of_the_listing_and_user_code_is_not(spans: Spans) -> None:
    def page(number: int) -> httpx.Response:
        body: dict[str, object] = {"value": [{"id": f"job-{number}-{i}"} for i in range(2)]}
        if number < 3:
            body["odata.nextLink"] = f"{BASE_URL}/jobs?api-version=2023-05-01.17.0&$skiptoken={number}"
        return httpx.Response(200, json=body, headers={"request-id": f"rid-page-{number}"})

    answers = [page(1), page(2), page(3)]
    current_during_items: list[trace.Span] = []
    async with make_client(lambda request: answers.pop(0)) as client:
        with spans.tracer.start_as_current_span("user operation") as user_span:
            ids = []
            async for job in client.job.list():
                ids.append(job.id)
                current_during_items.append(trace.get_current_span())
                with spans.tracer.start_as_current_span("user work per item"):
                    pass
    assert len(ids) == 6

    user = spans.one("user operation")
    listing = spans.one("JobOperations.list")
    assert listing.parent is not None
    assert listing.parent.span_id == user.context.span_id
    pages = spans.children(listing)
    assert [span.name for span in pages] == ["JobOperations.list page"] * 3
    assert [span.attributes["batch.page.index"] for span in pages if span.attributes] == [1, 2, 3]
    assert [span.attributes["batch.page.items"] for span in pages if span.attributes] == [2, 2, 2]
    for number, page_span in enumerate(pages, start=1):
        (attempt,) = spans.children(page_span)
        assert attempt.name == "GET /jobs"
        assert attempt.attributes is not None
        assert attempt.attributes["az.service_request_id"] == f"rid-page-{number}"
        assert "skiptoken" not in str(attempt.attributes["url.full"])  # no continuation token in traces
    # The caller's code between items runs in the caller's context, not in the listing's.
    assert all(span is user_span for span in current_during_items)
    for work in spans.named("user work per item"):
        assert work.parent is not None
        assert work.parent.span_id == user.context.span_id
    assert listing.end_time is not None
    assert pages[-1].end_time is not None
    assert listing.end_time >= pages[-1].end_time


async def test_breaking_out_of_a_listing_ends_its_span(spans: Spans) -> None:
    body = {"value": [{"id": "a"}, {"id": "b"}], "odata.nextLink": f"{BASE_URL}/jobs?$skiptoken=x"}
    async with make_client(lambda request: httpx.Response(200, json=body)) as client:
        listing = client.job.list()
        async for _ in listing:
            break
        await listing.aclose()
    listing_span = spans.one("JobOperations.list")
    assert listing_span.end_time is not None
    assert listing_span.status.status_code is StatusCode.UNSET
    assert len(spans.children(listing_span)) == 1


async def test_a_failing_page_marks_its_page_and_the_listing(spans: Spans) -> None:
    answers = [
        httpx.Response(200, json={"value": [{"id": "a"}], "odata.nextLink": f"{BASE_URL}/jobs?$skiptoken=x"}),
        batch_error(404, "JobScheduleNotFound", "rid-404"),
    ]
    async with make_client(lambda request: answers.pop(0)) as client:
        with pytest.raises(NotFoundError):
            async for _ in client.job.list_from_job_schedule("schedule-1"):
                pass
    listing = spans.one("JobOperations.list_from_job_schedule")
    assert listing.attributes is not None
    assert listing.attributes["batch.job_schedule.id"] == "schedule-1"
    assert listing.attributes["batch.error.code"] == "JobScheduleNotFound"
    assert listing.status.status_code is StatusCode.ERROR
    ok_page, failed_page = spans.children(listing)
    assert ok_page.status.status_code is StatusCode.UNSET
    assert failed_page.status.status_code is StatusCode.ERROR


async def test_a_failed_call_has_error_status_code_and_request_id(spans: Spans) -> None:
    async with make_client(lambda request: batch_error(404, "JobNotFound", "rid-9")) as client:
        with pytest.raises(NotFoundError):
            await client.job.delete("missing")
    call = spans.one("JobOperations.delete")
    assert call.status.status_code is StatusCode.ERROR
    assert call.attributes is not None
    assert call.attributes["batch.error.code"] == "JobNotFound"
    assert call.attributes["http.response.status_code"] == 404
    assert call.attributes["az.service_request_id"] == "rid-9"
    assert call.attributes["error.type"] == "batchjobs.errors.NotFoundError"
    assert [event.name for event in call.events] == ["exception"]
    (attempt,) = spans.children(call)
    assert attempt.status.status_code is StatusCode.ERROR


async def test_a_304_is_recorded_but_is_not_an_error(spans: Spans) -> None:
    async with make_client(lambda request: httpx.Response(304, headers={"ETag": "0x1"})) as client:
        with pytest.raises(NotModifiedError):
            await client.job.get("job-1", models.JobGetOptions(if_none_match="0x1"))
    call = spans.one("JobOperations.get")
    (attempt,) = spans.children(call)
    for span in (call, attempt):
        assert span.status.status_code is StatusCode.UNSET
        assert span.attributes is not None
        assert span.attributes["http.response.status_code"] == 304


async def test_a_transport_failure_marks_the_attempt(spans: Spans) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    async with make_client(refuse) as client:
        with pytest.raises(Exception, match="ConnectError"):
            await client.job.get("job-1", retry_policy=RetryPolicy.no_retries())
    (attempt,) = spans.children(spans.one("JobOperations.get"))
    assert attempt.status.status_code is StatusCode.ERROR
    assert attempt.attributes is not None
    assert attempt.attributes["error.type"] == "batchjobs.errors.BatchConnectionError"


async def test_waiters_and_bulk_calls_parent_the_calls_they_make(spans: Spans) -> None:
    emulator = Emulator(policy="reads:1")

    async def no_wait(delay: float) -> None:
        pass

    jobs = [
        models.JobAddParameter(id=f"job-{i}", pool_info=models.PoolInformation(pool_id="p")) for i in range(3)
    ]
    async with emulator_client(emulator, retry_policy=RetryPolicy.immediate()) as client:
        results = await client.job.add_many([*jobs, jobs[0]], max_concurrency=2)
        await client.job.terminate("job-1")
        await client.job.wait_for_state("job-1", "completed", sleep=no_wait)

    bulk = spans.one("JobOperations.add_many")
    assert bulk.attributes is not None
    assert bulk.attributes["batch.bulk.items"] == 4
    assert bulk.attributes["batch.bulk.failed"] == sum(not result.ok for result in results) == 1
    assert [span.name for span in spans.children(bulk)] == ["JobOperations.add"] * 4
    waiter = spans.one("JobOperations.wait_for_state")
    assert waiter.attributes is not None
    assert waiter.attributes["batch.wait.polls"] == 2
    assert [span.name for span in spans.children(waiter)] == ["JobOperations.get"] * 2


async def test_no_spans_when_tracing_is_off(spans: Spans, monkeypatch: pytest.MonkeyPatch) -> None:
    from batchjobs import _tracing

    monkeypatch.setattr(_tracing, "ENABLED", False)
    async with make_client(lambda request: httpx.Response(200, json={"value": [{"id": "a"}]})) as client:
        assert [job.id async for job in client.job.list()] == ["a"]
    assert spans.all == []


def test_sync_facade_calls_are_children_of_the_callers_span(spans: Spans) -> None:
    emulator = Emulator(policy="instant")
    with sync_emulator_client(emulator, retry_policy=RetryPolicy.immediate()) as client:
        client.job.add(models.JobAddParameter(id="job-1", pool_info=models.PoolInformation(pool_id="p")))
        with spans.tracer.start_as_current_span("notebook cell"):
            assert client.job.get("job-1").id == "job-1"
            assert [job.id for job in client.job.list()] == ["job-1"]
    cell = spans.one("notebook cell")
    assert [span.name for span in spans.children(cell)] == ["JobOperations.get", "JobOperations.list"]
    (page,) = spans.children(spans.one("JobOperations.list"))
    assert [span.name for span in spans.children(page)] == ["GET /jobs"]
