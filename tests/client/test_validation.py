"""Caller mistakes are refused before any I/O: nothing reaches the transport.

The ``router`` fixture has no routes here, so a request that slipped through would also fail the
test with respx's "not mocked" assertion.
"""

from __future__ import annotations

import httpx
import pytest

from batchjobs import RetryPolicy, models
from tests.client.ops import BY_NAME, ID_OPS, OPS, PAGED_OPS, POOL
from tests.client.support import raw_target


@pytest.mark.parametrize(
    "job_id",
    ["", "a" * 65, "job 1", "sched:job-1", "job/1", "jöb", "job.1", "job\n"],
    ids=["empty", "65-chars", "space", "colon", "slash", "non-ascii", "dot", "newline"],
)
async def test_add_invalid_job_id_raises_value_error_before_io(job_id, router, client):
    with pytest.raises(ValueError, match="job id"):
        await client.job.add(models.JobAddParameter(id=job_id, pool_info=POOL))
    assert router.calls.call_count == 0


@pytest.mark.parametrize("job_id", ["a" * 64, "A", "job_1-X"])
async def test_add_valid_job_id_edge_cases_are_sent(job_id, router, client):
    route = router.post("/jobs").respond(201)
    await client.job.add(models.JobAddParameter(id=job_id, pool_info=POOL))
    assert route.call_count == 1


async def test_add_without_pool_info_raises_value_error_before_io(router, client):
    with pytest.raises(ValueError, match="pool_info"):
        await client.job.add(models.JobAddParameter(id="job-1", pool_info=None))  # type: ignore[arg-type]
    assert router.calls.call_count == 0


async def test_add_wrong_parameter_type_raises_type_error_before_io(router, client):
    with pytest.raises(TypeError, match="JobAddParameter"):
        await client.job.add({"id": "job-1", "poolInfo": {"poolId": "p"}})
    assert router.calls.call_count == 0


@pytest.mark.parametrize("op", ID_OPS, ids=str)
async def test_id_ops_empty_id_raises_value_error_before_io(op, router, client):
    with pytest.raises(ValueError, match="must not be empty"):
        await op.call(client, "", None, None)
    assert router.calls.call_count == 0


@pytest.mark.parametrize("op", ID_OPS, ids=str)
async def test_id_ops_non_str_id_raises_type_error_before_io(op, router, client):
    with pytest.raises(TypeError, match="must be a str"):
        await op.call(client, 42, None, None)
    assert router.calls.call_count == 0


@pytest.mark.parametrize("priority", [1001, -1001, 10**9])
@pytest.mark.parametrize("op_name", ["add", "patch", "update"])
async def test_add_patch_update_priority_out_of_range_raises_value_error_before_io(
    op_name, priority, router, client
):
    if op_name == "add":
        call = client.job.add(models.JobAddParameter(id="job-1", pool_info=POOL, priority=priority))
    elif op_name == "patch":
        call = client.job.patch("job-1", models.JobPatchParameter(priority=priority))
    else:
        call = client.job.update("job-1", models.JobUpdateParameter(pool_info=POOL, priority=priority))
    with pytest.raises(ValueError, match="priority"):
        await call
    assert router.calls.call_count == 0


@pytest.mark.parametrize("priority", [1000, -1000])
async def test_patch_priority_at_the_limits_is_sent(priority, router, client):
    route = router.patch("/jobs/job-1").respond(200)
    await client.job.patch("job-1", models.JobPatchParameter(priority=priority))
    assert route.call_count == 1


async def test_update_without_pool_info_raises_value_error_before_io(router, client):
    parameter = models.JobUpdateParameter(pool_info=None, priority=1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="pool_info"):
        await client.job.update("job-1", parameter)
    assert router.calls.call_count == 0


async def test_disable_without_disable_tasks_raises_value_error_before_io(router, client):
    with pytest.raises(ValueError, match="disable_tasks"):
        await client.job.disable("job-1", "")
    assert router.calls.call_count == 0


@pytest.mark.parametrize("op", OPS, ids=str)
async def test_all_ops_unknown_operation_config_key_raises_type_error_before_io(op, router, client):
    with pytest.raises(TypeError, match="operation_config"):
        await op.call(client, "job-1", None, None, stream=True)
    assert router.calls.call_count == 0


@pytest.mark.parametrize("op", OPS, ids=str)
async def test_all_ops_known_operation_config_keys_are_accepted(op, router, client):
    route = router.route(method=op.method, path=op.target("job-1"))
    route.respond(op.status, json=op.response) if op.response is not None else route.respond(op.status)
    await op.call(client, "job-1", None, None, retry_policy=RetryPolicy.no_retries(), request_timeout=5)
    assert route.call_count == 1


@pytest.mark.parametrize("max_results", [0, -1, 1001])
@pytest.mark.parametrize("op", PAGED_OPS, ids=str)
async def test_list_ops_max_results_out_of_range_raises_value_error_before_io(
    op, max_results, router, client
):
    with pytest.raises(ValueError, match="max_results"):
        await op.call(client, "job-1", op.options_cls(max_results=max_results), None)
    assert router.calls.call_count == 0


async def test_list_max_results_bool_is_refused_before_io(router, client):
    with pytest.raises(TypeError, match="max_results"):
        await BY_NAME["list"].call(client, "", models.JobListOptions(max_results=True), None)
    assert router.calls.call_count == 0


@pytest.mark.parametrize("op", OPS, ids=str)
async def test_all_ops_timeout_zero_raises_value_error_before_io(op, router, client):
    with pytest.raises(ValueError, match="timeout"):
        await op.call(client, "job-1", op.options_cls(timeout=0), None)
    assert router.calls.call_count == 0


async def test_get_schedule_made_job_id_is_accepted(router, client):
    route = router.get("/jobs/sched:job-1").respond(200, json={"id": "sched:job-1"})
    job = await client.job.get("sched:job-1")
    assert job.id == "sched:job-1"
    assert raw_target(route.calls.last.request).startswith("/jobs/sched%3Ajob-1?")


@pytest.mark.parametrize("resource_id", [".", ".."])
@pytest.mark.parametrize("op", ID_OPS, ids=str)
async def test_id_ops_dot_segment_id_never_addresses_another_resource(op, resource_id, make_client):
    """``.``/``..`` are not valid ids; left as they are, URL normalization turns
    ``/jobschedules/../jobs`` into ``/jobs`` (all jobs) and ``/jobs/..`` into ``/``.
    Either refuse them before I/O or send them so that they stay the literal id."""
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(op.status, json=op.response)

    client = make_client(httpx.MockTransport(handler))
    refused = False
    try:
        await op.call(client, resource_id, None, None)
    except ValueError:
        refused = True

    if refused:
        assert sent == []
    else:
        literal = resource_id.replace(".", "%2E")
        assert [raw_target(request).partition("?")[0] for request in sent] == [op.target(literal)]


async def test_add_options_of_another_operation_raise_type_error_before_io(router, client):
    """``JobGetOptions`` on ``add`` would otherwise put ``$select`` and ``If-Match`` on POST /jobs."""
    options = models.JobGetOptions(select="id", if_match="0x1")
    with pytest.raises(TypeError, match="JobAddOptions"):
        await client.job.add(models.JobAddParameter(id="job-1", pool_info=POOL), options)
    assert router.calls.call_count == 0


async def test_get_options_given_as_dict_raise_type_error_before_io(router, client):
    with pytest.raises(TypeError, match="JobGetOptions"):
        await client.job.get("job-1", {"timeout": 5})
    assert router.calls.call_count == 0
