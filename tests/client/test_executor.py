"""The executor under the generated classes, driven by records that no job operation has yet:
query parameters taken from arguments (the file operations' ``recursive``) and their checks."""

from __future__ import annotations

import attrs
import httpx
import pytest

from batchjobs import BatchServiceClient, SharedKeyCredentials, models
from batchjobs._api import Endpoint, Kind, Param
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
