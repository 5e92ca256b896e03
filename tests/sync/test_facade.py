"""The blocking facade: same API and exceptions, one loop thread, safe in threads and running loops."""

from __future__ import annotations

import gc
import inspect
import signal
import threading
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor

import anyio
import httpx
import pytest

import batchjobs
import batchjobs.sync
from batchjobs import NotFoundError, RetryPolicy, SharedKeyCredentials, models
from batchjobs.operations import JobOperations as AsyncJobOperations
from batchjobs.sync import BatchServiceClient, JobOperations
from batchjobs.sync._bridge import Bridge
from tests.helpers import PagedJobs, ReleaseCheck, gc_disabled

ACCOUNT = "contosobatch"
KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw=="
BASE_URL = "https://contosobatch.westus.batch.azure.com"
JOB = {"id": "job-1", "state": "active"}


class Service:
    """A small fake of the job endpoints that records on which thread each request ran."""

    def __init__(self) -> None:
        self.threads: set[int] = set()
        self.requests: list[httpx.Request] = []
        self.cancelled = threading.Event()
        self.block = False

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        self.threads.add(threading.get_ident())
        self.requests.append(request)
        if self.block:
            try:
                await anyio.sleep_forever()
            except anyio.get_cancelled_exc_class():
                self.cancelled.set()
                raise
        path, method = request.url.path, request.method
        if path.endswith("/missing"):
            body = {
                "code": "JobNotFound",
                "message": {"lang": "en-US", "value": "The specified job does not exist."},
            }
            return httpx.Response(404, json=body, headers={"request-id": "rid-404"})
        if method == "GET" and path == "/jobs":
            page = int(request.url.params.get("p", "0"))
            body = {"value": [{"id": f"job-{page}-{i}"} for i in range(3)]}
            if page < 2:
                body["odata.nextLink"] = f"{BASE_URL}/jobs?p={page + 1}"
            return httpx.Response(200, json=body)
        if method == "GET" and path.endswith("/taskcounts"):
            counts = {"active": 1, "running": 2, "completed": 3, "succeeded": 3, "failed": 0}
            return httpx.Response(200, json={"taskCounts": counts, "taskSlotCounts": counts})
        if method == "GET":
            return httpx.Response(200, json=JOB, headers={"ETag": "0x1"})
        if method in ("PATCH", "PUT"):
            return httpx.Response(200)
        return httpx.Response(201 if path == "/jobs" else 202)


@pytest.fixture
def service() -> Service:
    return Service()


@pytest.fixture
def client(service: Service):
    with BatchServiceClient(
        SharedKeyCredentials(ACCOUNT, KEY),
        BASE_URL,
        transport=httpx.MockTransport(service),
        retry_policy=RetryPolicy.immediate(),
    ) as sync_client:
        yield sync_client


def _run_suite(client: BatchServiceClient) -> None:
    pool = models.PoolInformation(pool_id="p")
    assert client.job.add(models.JobAddParameter(id="job-1", pool_info=pool)) is None
    assert client.job.get("job-1").id == "job-1"
    raw = client.job.get("job-1", raw=True)
    assert raw.etag == "0x1"
    assert client.job.get_task_counts("job-1").task_counts.running == 2
    assert [j.id for j in client.job.list()] == [f"job-{p}-{i}" for p in range(3) for i in range(3)]
    client.job.patch("job-1", models.JobPatchParameter(priority=1))
    client.job.update("job-1", models.JobUpdateParameter(pool_info=pool))
    client.job.disable("job-1", models.DisableJobOption.wait)
    client.job.enable("job-1")
    client.job.terminate("job-1", "done")
    client.job.delete("job-1")
    with pytest.raises(NotFoundError) as info:
        client.job.get("missing")
    assert info.value.code == "JobNotFound"
    assert info.value.request_id == "rid-404"


def test_full_suite_through_the_facade(client, service):
    _run_suite(client)


async def test_facade_works_inside_a_running_event_loop(client, service):
    # The notebook case: a coroutine on a running loop calls the blocking API directly.
    _run_suite(client)
    assert threading.get_ident() not in service.threads


def test_every_call_runs_on_the_same_loop_thread(client, service):
    _run_suite(client)
    assert len(service.threads) == 1
    assert service.threads != {threading.get_ident()}


def test_exceptions_are_the_same_classes_as_the_async_api():
    assert batchjobs.sync.NotFoundError is batchjobs.NotFoundError
    assert batchjobs.sync.BatchErrorException is batchjobs.BatchErrorException
    assert batchjobs.sync.models is batchjobs.models
    assert set(batchjobs.__all__) <= set(batchjobs.sync.__all__)
    assert batchjobs.sync.__all__ == sorted(batchjobs.sync.__all__)


def test_every_public_async_method_has_a_sync_twin_with_the_same_parameters():
    async_methods = {n for n, _ in inspect.getmembers(AsyncJobOperations, inspect.isfunction) if n[0] != "_"}
    sync_methods = {n for n, _ in inspect.getmembers(JobOperations, inspect.isfunction) if n[0] != "_"}
    assert async_methods == sync_methods
    assert len(async_methods) == 19
    for name in async_methods:
        async_sig = inspect.signature(getattr(AsyncJobOperations, name))
        sync_sig = inspect.signature(getattr(JobOperations, name))
        # ``self`` is typed by a protocol in the async helpers only
        assert list(async_sig.parameters.values())[1:] == list(sync_sig.parameters.values())[1:], name
        async_doc, sync_doc = getattr(AsyncJobOperations, name).__doc__, getattr(JobOperations, name).__doc__
        assert async_doc.split("\n\n")[0] == sync_doc.split("\n\n")[0], name  # the same summary
        assert not any(word in sync_doc for word in ("async for", "await", "coroutine")), name


def test_list_is_lazy_and_breaking_out_stops_paging(client, service):
    iterator = client.job.list()
    assert service.requests == []
    assert next(iterator).id == "job-0-0"
    assert len(service.requests) == 1
    for job in iterator:
        if job.id == "job-1-0":
            break
    iterator.close()
    assert len(service.requests) == 2


def test_early_break_closes_the_async_generator_on_its_loop():
    finalized: list[int] = []

    async def numbers() -> AsyncIterator[int]:
        try:
            for i in range(100):
                yield i
        finally:
            finalized.append(threading.get_ident())

    bridge = Bridge()
    try:
        iterator = bridge.iterate(numbers)
        assert next(iterator) == 0
        assert next(iterator) == 1
        iterator.close()
        assert finalized == [bridge.loop_thread_id]
        garbage = bridge.iterate(numbers)
        next(garbage)
        del garbage
        gc.collect()
        assert finalized == [bridge.loop_thread_id] * 2
    finally:
        bridge.close()


def test_concurrent_calls_from_many_threads(client, service):
    def work(i: int) -> str:
        return client.job.get(f"job-{i}").id or ""

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(64)))
    assert results == ["job-1"] * 64
    assert len(service.threads) == 1


def test_keyboard_interrupt_cancels_the_call_and_keeps_the_client_usable(client, service):
    service.block = True
    main = threading.main_thread().ident
    timer = threading.Timer(0.05, signal.pthread_kill, (main, signal.SIGINT))
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            client.job.get("job-1")
    finally:
        timer.cancel()
    assert service.cancelled.wait(5)
    service.block = False
    assert client.job.get("job-1").id == "job-1"


def _plain_client(service: Service) -> BatchServiceClient:
    transport = httpx.MockTransport(service)
    return BatchServiceClient(SharedKeyCredentials(ACCOUNT, KEY), BASE_URL, transport=transport)


def test_use_after_close_raises_and_close_is_idempotent(service):
    client = _plain_client(service)
    client.close()
    client.close()
    assert client.is_closed
    with pytest.raises(RuntimeError, match="closed"):
        client.job.get("job-1")
    with pytest.raises(RuntimeError, match="closed"):
        next(iter(client.job.list()))


def test_forgotten_client_warns_and_stops_its_thread(service):
    before = threading.active_count()
    client = _plain_client(service)
    assert client.job.get("job-1").id == "job-1"
    assert threading.active_count() == before + 1
    with pytest.warns(ResourceWarning, match="without close"):
        del client
    assert threading.active_count() == before


def test_bad_settings_fail_in_the_constructor_without_leaking_a_thread():
    before = threading.active_count()
    with pytest.raises(ValueError, match="batch_url"):
        BatchServiceClient(SharedKeyCredentials(ACCOUNT, KEY), "ftp://nowhere")
    with pytest.raises(TypeError):
        BatchServiceClient(SharedKeyCredentials(ACCOUNT, KEY), BASE_URL, not_a_setting=1)
    assert threading.active_count() == before


def test_repr_names_the_url_only():
    client = BatchServiceClient(SharedKeyCredentials(ACCOUNT, KEY), BASE_URL)
    try:
        assert repr(client) == f"batchjobs.sync.BatchServiceClient(batch_url={BASE_URL!r})"
        assert KEY not in repr(client)
    finally:
        client.close()


def test_iterating_jobs_keeps_only_the_current_page_and_the_jobs_the_caller_keeps():
    service = PagedJobs(BASE_URL)
    check = ReleaseCheck(service)
    transport = httpx.MockTransport(service)
    with (
        BatchServiceClient(SharedKeyCredentials(ACCOUNT, KEY), BASE_URL, transport=transport) as client,
        gc_disabled(),
    ):
        for job in client.job.list():
            check.see(job)
    check.finish()
