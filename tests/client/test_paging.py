"""Listings: lazy paging over odata.nextLink with the caller's options on every page."""

from __future__ import annotations

import gc
import warnings
from typing import Any

import httpx
import pytest
import respx
import trio

from batchjobs import (
    BatchServiceClient,
    DeserializationError,
    NotFoundError,
    Page,
    RetryPolicy,
    ServerError,
    models,
)
from tests.client.ops import BY_NAME, PAGED_OPS, Op
from tests.client.support import (
    API_VERSION,
    BASE_URL,
    CLIENT_REQUEST_ID,
    OCP_DATE,
    OCP_DATE_WIRE,
    batch_error,
    collect,
    expected_authorization,
    is_uuid,
    raw_target,
)
from tests.helpers import PagedJobs, ReleaseCheck, gc_disabled

FILTER = "state eq 'active'"
FILTER_Q = "$filter=state%20eq%20%27active%27"
SELECT = "id,state"
SELECT_Q = "$select=id%2Cstate"


def item(op: Op, number: int) -> dict[str, str]:
    return {"nodeId": f"node-{number}"} if op.name.startswith("list_preparation") else {"id": f"job-{number}"}


def item_key(op: Op, value: Any) -> str:
    """The id of a listed item, or of item number ``value``."""
    if isinstance(value, int):
        return next(iter(item(op, value).values()))
    return str(value.node_id if op.name.startswith("list_preparation") else value.id)


def page(op: Op, numbers: list[int], next_link: str | None = None) -> httpx.Response:
    body: dict[str, Any] = {
        "odata.metadata": f"{BASE_URL}/$metadata#jobs",
        "value": [item(op, n) for n in numbers],
    }
    if next_link is not None:
        body["odata.nextLink"] = next_link
    return httpx.Response(200, json=body, headers={"request-id": f"rid-{numbers[0] if numbers else 0}"})


def options_for(op: Op, **values: Any) -> Any:
    return op.options_cls(**values)


@pytest.mark.parametrize("op", PAGED_OPS, ids=str)
async def test_list_ops_three_pages_resend_every_option_on_every_page(op, router, client):
    path = op.target("job-1")
    link_2 = f"{BASE_URL}{path}?api-version={API_VERSION}&maxresults=2&$skipToken=job-2"
    link_3 = f"{BASE_URL}{path}?$skipToken=job-4%2Fx%3D%3D&api-version={API_VERSION}"
    route = router.get(path).mock(
        side_effect=[page(op, [1, 2], link_2), page(op, [3, 4], link_3), page(op, [5])]
    )
    options = options_for(
        op,
        filter=FILTER,
        select=SELECT,
        max_results=2,
        timeout=45,
        client_request_id=CLIENT_REQUEST_ID,
        return_client_request_id=True,
        ocp_date=OCP_DATE,
    )

    items = await op.call(client, "job-1", options, None)

    assert [item_key(op, i) for i in items] == [item_key(op, n) for n in range(1, 6)]
    targets = [raw_target(call.request) for call in route.calls]
    assert targets == [
        f"{path}?api-version={API_VERSION}&{FILTER_Q}&{SELECT_Q}&maxresults=2&timeout=45",
        f"{path}?api-version={API_VERSION}&maxresults=2&$skipToken=job-2&{FILTER_Q}&{SELECT_Q}&timeout=45",
        f"{path}?$skipToken=job-4%2Fx%3D%3D&api-version={API_VERSION}&{FILTER_Q}&{SELECT_Q}&maxresults=2&timeout=45",
    ]
    signatures = set()
    for call in route.calls:
        request = call.request
        assert request.headers["client-request-id"] == CLIENT_REQUEST_ID
        assert request.headers["return-client-request-id"] == "true"
        assert request.headers["ocp-date"] == OCP_DATE_WIRE
        assert request.headers["Accept"] == "application/json"
        assert request.headers["User-Agent"].startswith("batchjobs/")
        assert request.headers["Authorization"] == expected_authorization(request)
        signatures.add(request.headers["Authorization"])
    assert len(signatures) == 3


@pytest.mark.parametrize("op", PAGED_OPS, ids=str)
async def test_list_ops_without_options_follow_next_link_verbatim(op, router, client):
    path = op.target("job-1")
    link = f"{BASE_URL}{path}?api-version={API_VERSION}&maxresults=1&$skipToken=a%2Bb%3D%3D"
    route = router.get(path).mock(side_effect=[page(op, [1], link), page(op, [2])])

    await op.call(client, "job-1", None, None)

    assert [raw_target(call.request) for call in route.calls] == [
        f"{path}?api-version={API_VERSION}",
        f"{path}?api-version={API_VERSION}&maxresults=1&$skipToken=a%2Bb%3D%3D",
    ]
    for call in route.calls:
        assert is_uuid(call.request.headers["client-request-id"])
        assert call.request.headers["Authorization"] == expected_authorization(call.request)


async def test_list_next_link_that_carries_options_does_not_repeat_them(router, client):
    carried = "%24filter=state%20eq%20%27active%27&timeout=45"
    link = f"{BASE_URL}/jobs?api-version={API_VERSION}&{carried}&$skipToken=x"
    op = BY_NAME["list"]
    route = router.get("/jobs").mock(side_effect=[page(op, [1], link), page(op, [2])])

    await op.call(client, "", models.JobListOptions(filter=FILTER, timeout=45, select="id"), None)

    assert raw_target(route.calls[1].request) == (
        f"/jobs?api-version={API_VERSION}&%24filter=state%20eq%20%27active%27&timeout=45&$skipToken=x&$select=id"
    )


async def test_list_early_break_then_aclose_fetches_no_more_pages(router, client):
    op = BY_NAME["list"]
    route = router.get("/jobs").mock(
        return_value=page(op, [1, 2], f"{BASE_URL}/jobs?api-version={API_VERSION}&$skipToken=job-2")
    )

    agen = client.job.list()
    async for job in agen:
        assert job.id == "job-1"
        break
    await agen.aclose()
    gc.collect()

    assert route.call_count == 1
    with pytest.raises(StopAsyncIteration):
        await agen.__anext__()


@pytest.mark.parametrize("op", PAGED_OPS, ids=str)
async def test_list_ops_raw_early_break_then_aclose_is_clean(op, router, client):
    path = op.target("job-1")
    route = router.get(path).mock(return_value=page(op, [1], f"{BASE_URL}{path}?$skipToken=1"))

    if op.name == "list":
        agen: Any = client.job.list(raw=True)
    elif op.name == "list_from_job_schedule":
        agen = client.job.list_from_job_schedule("job-1", raw=True)
    else:
        agen = client.job.list_preparation_and_release_task_status("job-1", raw=True)
    first = await agen.__anext__()
    await agen.aclose()
    gc.collect()

    assert isinstance(first, Page)
    assert route.call_count == 1


async def test_list_raw_yields_pages_with_items_and_continuation_tokens(router, client):
    op = BY_NAME["list"]
    link_2 = f"{BASE_URL}/jobs?api-version={API_VERSION}&$skipToken=job-2"
    link_3 = f"{BASE_URL}/jobs?api-version={API_VERSION}&$skipToken=job-3"
    router.get("/jobs").mock(side_effect=[page(op, [1, 2], link_2), page(op, [3], link_3), page(op, [])])

    pages = await collect(client.job.list(raw=True))

    assert all(isinstance(p, Page) for p in pages)
    assert [[job.id for job in p.items] for p in pages] == [["job-1", "job-2"], ["job-3"], []]
    assert [p.continuation_token for p in pages] == [link_2, link_3, None]
    assert [p.request_id for p in pages] == ["rid-1", "rid-3", "rid-0"]
    assert all(p.status_code == 200 for p in pages)
    assert pages[0].items[0] == models.CloudJob(id="job-1")


@pytest.mark.parametrize("op", PAGED_OPS, ids=str)
async def test_list_ops_resume_from_continuation_token_yields_exactly_the_rest(op, router, client):
    path = op.target("job-1")
    link_2 = f"{BASE_URL}{path}?api-version={API_VERSION}&$skipToken=t2"
    link_3 = f"{BASE_URL}{path}?api-version={API_VERSION}&$skipToken=t3"
    second = router.get(path, params={"$skipToken": "t2"}).mock(return_value=page(op, [3, 4], link_3))
    third = router.get(path, params={"$skipToken": "t3"}).mock(return_value=page(op, [5]))
    first = router.get(path).mock(return_value=page(op, [1, 2], link_2))
    options = options_for(op, filter=FILTER, max_results=2)

    if op.name == "list":
        agen: Any = client.job.list(options, raw=True)
    elif op.name == "list_from_job_schedule":
        agen = client.job.list_from_job_schedule("job-1", options, raw=True)
    else:
        agen = client.job.list_preparation_and_release_task_status("job-1", options, raw=True)
    first_page = await agen.__anext__()
    await agen.aclose()
    token = first_page.continuation_token
    assert token == link_2

    rest = await op.call(client, "job-1", options, None, continuation_token=token)

    assert [item_key(op, i) for i in rest] == [item_key(op, n) for n in (3, 4, 5)]
    assert (first.call_count, second.call_count, third.call_count) == (1, 1, 1)
    assert raw_target(second.calls.last.request) == (
        f"{path}?api-version={API_VERSION}&$skipToken=t2&{FILTER_Q}&maxresults=2"
    )


@pytest.mark.parametrize(
    "next_link",
    [
        "https://evil.example.com/jobs?api-version=2023-05-01.17.0&$skipToken=x",
        "http://myaccount.westus.batch.azure.com/jobs?api-version=2023-05-01.17.0&$skipToken=x",
        "https://myaccount.westus.batch.azure.com:8443/jobs?api-version=2023-05-01.17.0&$skipToken=x",
        "https://myaccount.westus.batch.azure.com.evil.example.com/jobs?$skipToken=x",
    ],
    ids=["host", "scheme", "port", "suffix-host"],
)
@pytest.mark.parametrize("op", PAGED_OPS, ids=str)
async def test_list_ops_next_link_to_another_origin_raises_and_sends_nothing_there(
    op, next_link, make_client
):
    sent: list[httpx.Request] = []
    router = respx.Router(assert_all_called=True)
    path = op.target("job-1")
    route = router.get(f"{BASE_URL}{path}").mock(return_value=page(op, [1], next_link))

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return router.handler(request)

    client = make_client(httpx.MockTransport(handler))
    with pytest.raises(DeserializationError) as info:
        await op.call(client, "job-1", None, None)

    assert info.value.path == "$.odata.nextLink"
    assert route.call_count == 1
    assert [str(request.url.host) for request in sent] == ["myaccount.westus.batch.azure.com"]


@pytest.mark.parametrize(
    "token",
    [
        "https://evil.example.com/jobs?api-version=2023-05-01.17.0&$skipToken=x",
        "http://myaccount.westus.batch.azure.com/jobs?$skipToken=x",
        "https://myaccount.westus.batch.azure.com:8443/jobs?$skipToken=x",
        "",
    ],
    ids=["host", "scheme", "port", "empty"],
)
@pytest.mark.parametrize("op", PAGED_OPS, ids=str)
async def test_list_ops_continuation_token_to_another_origin_raises_value_error_before_io(
    op, token, router, client
):
    with pytest.raises(ValueError, match=r"refusing|non-empty"):
        await op.call(client, "job-1", None, None, continuation_token=token)
    assert router.calls.call_count == 0


@pytest.mark.parametrize("next_link", ["", None])
@pytest.mark.parametrize("op", PAGED_OPS, ids=str)
async def test_list_ops_empty_or_null_next_link_ends_the_listing(op, next_link, router, client):
    path = op.target("job-1")
    body = {"value": [item(op, 1)], "odata.nextLink": next_link}
    route = router.get(path).respond(200, json=body)

    items = await op.call(client, "job-1", None, None)

    assert len(items) == 1
    assert route.call_count == 1


async def test_list_empty_page_with_next_link_continues(router, client):
    op = BY_NAME["list"]
    link = f"{BASE_URL}/jobs?api-version={API_VERSION}&$skipToken=empty"
    route = router.get("/jobs").mock(side_effect=[page(op, [], link), page(op, [7])])

    jobs = await collect(client.job.list())

    assert [job.id for job in jobs] == ["job-7"]
    assert route.call_count == 2


async def test_list_fetches_lazily_one_page_per_need(router, client):
    op = BY_NAME["list"]
    link = f"{BASE_URL}/jobs?api-version={API_VERSION}&$skipToken=job-1"
    route = router.get("/jobs").mock(side_effect=[page(op, [1], link), page(op, [2])])

    agen = client.job.list()
    assert route.call_count == 0
    assert (await agen.__anext__()).id == "job-1"
    assert route.call_count == 1
    assert (await agen.__anext__()).id == "job-2"
    assert route.call_count == 2
    with pytest.raises(StopAsyncIteration):
        await agen.__anext__()


async def test_list_error_on_a_later_page_raises_after_earlier_items(router, client):
    op = BY_NAME["list"]
    link = f"{BASE_URL}/jobs?api-version={API_VERSION}&$skipToken=job-1"
    router.get("/jobs").mock(
        side_effect=[page(op, [1], link), httpx.Response(500, json=batch_error("InternalError", "boom"))]
    )

    agen = client.job.list()
    assert (await agen.__anext__()).id == "job-1"
    with pytest.raises(ServerError):
        await agen.__anext__()


async def test_list_from_job_schedule_unknown_schedule_raises_not_found(router, client):
    body = batch_error("JobScheduleNotFound", "The specified job schedule does not exist.")
    router.get("/jobschedules/nope/jobs").respond(404, json=body)

    with pytest.raises(NotFoundError) as info:
        await collect(client.job.list_from_job_schedule("nope"))

    assert info.value.code == "JobScheduleNotFound"


MALFORMED_LINKS = ["https://[::1", f"{BASE_URL}/jobs?$skipToken=a\x00b"]


@pytest.mark.parametrize("next_link", MALFORMED_LINKS, ids=["bad-host", "control-char"])
@pytest.mark.parametrize("op", PAGED_OPS, ids=str)
async def test_list_ops_malformed_next_link_raises_deserialization_error(op, next_link, router, client):
    route = router.get(op.target("job-1")).respond(
        200, json={"value": [item(op, 1)], "odata.nextLink": next_link}
    )

    with pytest.raises(DeserializationError) as info:
        await op.call(client, "job-1", None, None)

    assert info.value.path == "$.odata.nextLink"
    assert route.call_count == 1


@pytest.mark.parametrize("token", MALFORMED_LINKS, ids=["bad-host", "control-char"])
@pytest.mark.parametrize("op", PAGED_OPS, ids=str)
async def test_list_ops_malformed_continuation_token_raises_value_error_before_io(op, token, router, client):
    with pytest.raises(ValueError, match=r"token|link|URL|url"):
        await op.call(client, "job-1", None, None, continuation_token=token)
    assert router.calls.call_count == 0


def _listing(client: BatchServiceClient, op: Op, raw_flag: bool) -> Any:
    raw: Any = raw_flag  # the overloads take Literal[True] / Literal[False]
    if op.name == "list":
        return client.job.list(raw=raw)
    if op.name == "list_from_job_schedule":
        return client.job.list_from_job_schedule("job-1", raw=raw)
    return client.job.list_preparation_and_release_task_status("job-1", raw=raw)


@pytest.mark.parametrize("raw", [False, True], ids=["items", "pages"])
@pytest.mark.parametrize("op", PAGED_OPS, ids=str)
def test_list_ops_early_break_then_aclose_under_trio_closes_every_inner_generator(op, raw, credentials):
    """``aclose()`` on the listing must close the generators it iterates, not leave them to the GC:
    trio (supported through anyio) reports each abandoned one with a ResourceWarning."""
    router = respx.Router(base_url=BASE_URL, assert_all_called=True)
    path = op.target("job-1")
    route = router.get(path).mock(return_value=page(op, [1, 2], f"{BASE_URL}{path}?$skipToken=2"))

    async def main() -> None:
        async with BatchServiceClient(
            credentials,
            BASE_URL,
            transport=httpx.MockTransport(router.async_handler),
            retry_policy=RetryPolicy.no_retries(),
        ) as client:
            agen = _listing(client, op, raw)
            async for _ in agen:
                break
            await agen.aclose()

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        trio.run(main)
        gc.collect()

    assert route.call_count == 1
    assert [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)] == []


async def test_iterating_jobs_keeps_only_the_current_page_and_the_jobs_the_caller_keeps(make_client):
    service = PagedJobs(BASE_URL)
    check = ReleaseCheck(service)
    with gc_disabled():
        async for job in make_client(httpx.MockTransport(service)).job.list():
            check.see(job)
    check.finish()


async def test_collected_jobs_are_built_when_their_page_is_done_and_a_bad_one_raises_only_when_read(
    router, client
):
    router.get("/jobs").respond(
        200,
        json={
            "value": [
                {"id": "good", "poolInfo": {"poolId": "p"}, "metadata": [{"name": "a", "value": "b"}]},
                {"id": "bad", "poolInfo": {"poolId": "p"}, "metadata": [{"name": "a"}]},
            ]
        },
    )

    jobs = [job async for job in client.job.list()]

    assert jobs[0]._bj_pending is None  # nothing of the page's JSON is held any more
    assert jobs[1].pool_info == models.PoolInformation(pool_id="p")
    with pytest.raises(DeserializationError) as info:
        jobs[1].metadata  # noqa: B018
    assert info.value.path == "$.value[1].metadata[0].value"


async def test_a_page_the_caller_lets_go_is_not_kept_while_the_next_is_fetched(make_client):
    service = PagedJobs(BASE_URL)
    with gc_disabled():
        async for page in make_client(httpx.MockTransport(service)).job.list(raw=True):
            assert len(page.items) == service.size
            del page
    assert service.alive_when_asked == [[False] * n for n in range(service.pages)]


def _looping(pages: list[httpx.Response]) -> Any:
    """Serve ``pages`` in turn, then the last one again; fail the test past 20 requests, not hang it."""
    served = {"count": 0}

    def respond(request: httpx.Request) -> httpx.Response:
        served["count"] += 1
        assert served["count"] <= 20, "the listing kept following a repeated nextLink"
        return pages[min(served["count"], len(pages)) - 1]

    return respond


def _link(token: str) -> str:
    return f"{BASE_URL}/jobs?api-version={API_VERSION}&$skipToken={token}"


@pytest.mark.parametrize(
    ("links", "repeated"),
    [
        (["p2", "p2"], "p2"),  # a page that names itself as the next one
        (["p2", "p3", "p2"], "p2"),  # a cycle between pages
        (["p2", None], None),  # a link back to the first page (None stands for its URL)
    ],
    ids=["same-page", "cycle", "back-to-first"],
)
async def test_list_next_link_to_a_page_already_fetched_raises_naming_the_link(
    links, repeated, router, client
):
    op = BY_NAME["list"]
    first = f"{BASE_URL}/jobs?api-version={API_VERSION}"
    urls = [_link(token) if token else first for token in links]
    route = router.get("/jobs").mock(
        side_effect=_looping([page(op, [number], url) for number, url in enumerate(urls, 1)])
    )
    seen: list[str] = []

    async def drain() -> None:
        async for job in client.job.list():
            seen.append(str(job.id))

    with pytest.raises(DeserializationError) as info:
        await drain()

    assert seen == [f"job-{number}" for number in range(1, len(links) + 1)]  # every page's items first
    assert route.call_count == len(links)
    assert info.value.path == "$.odata.nextLink"
    assert (_link(repeated) if repeated else first) in str(info.value)
