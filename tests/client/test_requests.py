"""What each of the twelve operations puts on the wire, compared with the azure-batch 14.x captures."""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta, timezone
from typing import Any

import attrs
import httpx
import pytest
import respx

from batchjobs import BatchServiceClient, models
from tests.client.ops import BY_NAME, ID_OPS, OPS, OPTION_FIELDS, Op
from tests.client.support import (
    API_VERSION,
    BASE_URL,
    CAPTURES,
    CLIENT_REQUEST_ID,
    ETAG,
    IF_MODIFIED_SINCE,
    IF_MODIFIED_SINCE_WIRE,
    IF_UNMODIFIED_SINCE,
    IF_UNMODIFIED_SINCE_WIRE,
    JSON_CONTENT_TYPE,
    OCP_DATE,
    OCP_DATE_WIRE,
    assert_common_request_shape,
    expected_authorization,
    header_names,
    is_uuid,
    json_body,
    quoted,
    raw_target,
)

#: 14.x always sent these constructor defaults; batchjobs leaves unset fields out (documented).
SDK_CONSTRUCTOR_DEFAULTS = {"maxParallelTasks": -1}
#: Sent by 14.x on every request, not by batchjobs.
SDK_ONLY_HEADERS = {"accept-language"}
#: The request headers that come from option fields.
OPTION_HEADERS = (
    "client-request-id",
    "return-client-request-id",
    "ocp-date",
    "if-match",
    "if-none-match",
    "if-modified-since",
    "if-unmodified-since",
)


def mock(router: respx.Router, op: Op, resource_id: str = "job-1", **response: Any) -> respx.Route:
    """Route ``op`` on ``resource_id`` (matched on the decoded path) to its success response."""
    if op.response is not None and "json" not in response:
        response["json"] = op.response
    return router.route(method=op.method, path=op.target(resource_id)).respond(op.status, **response)


def sdk_body(case: str, ours: Any) -> Any:
    """The JSON body 14.x sent, minus the constructor defaults batchjobs deliberately leaves out."""
    text = CAPTURES[case]["requests"][0]["body"]
    if text is None:
        return None
    sent = json.loads(text)
    for key, default in SDK_CONSTRUCTOR_DEFAULTS.items():
        if sent.get(key) == default and key not in ours:
            del sent[key]
    return sent


def all_options(op: Op) -> Any:
    """The option values of the 14.x "all options" capture of ``op``."""
    values: dict[str, Any] = {
        "timeout": 45,
        "client_request_id": CLIENT_REQUEST_ID,
        "return_client_request_id": True,
        "ocp_date": OCP_DATE,
        "if_match": ETAG,
        "if_none_match": "0x0",
        "if_modified_since": IF_MODIFIED_SINCE,
        "if_unmodified_since": IF_UNMODIFIED_SINCE,
        "select": "id,state",
        "expand": "stats",
    }
    if op.name == "list":
        values.update(filter="state eq 'active' and priority gt 0", max_results=1)
    elif op.name == "list_from_job_schedule":
        values.update(filter="state eq 'completed'", select="id", max_results=10)
    elif op.name == "list_preparation_and_release_task_status":
        values.update(filter="nodeId eq 'tvm-1'", select="nodeId", max_results=5)
    fields = {f.name for f in attrs.fields(op.options_cls)}
    return op.options_cls(**{name: value for name, value in values.items() if name in fields})


@pytest.mark.parametrize("op", OPS, ids=str)
def test_all_ops_option_classes_have_the_documented_fields(op):
    assert {f.name for f in attrs.fields(op.options_cls)} == OPTION_FIELDS[op.name]


@pytest.mark.parametrize("op", OPS, ids=str)
async def test_all_ops_with_defaults_match_14x_capture(op, router, client):
    route = mock(router, op, op.capture_id)
    await op.call(client, op.capture_id, None, None)

    request = route.calls.last.request
    sent = CAPTURES[op.defaults_capture]["requests"][0]
    assert request.method == sent["method"]
    assert raw_target(request) == sent["target"]
    assert_common_request_shape(request, has_body=op.body is not None)
    if op.body is not None:
        assert json_body(request) == op.body == sdk_body(op.defaults_capture, op.body)
    assert is_uuid(request.headers["client-request-id"])
    expected_names = {name.lower() for name, _ in sent["headers"]} - SDK_ONLY_HEADERS
    if op.name == "terminate":
        expected_names.discard("content-type")  # 14.x labels the missing body; we send none
    assert header_names(request) == expected_names


@pytest.mark.parametrize("op", OPS, ids=str)
async def test_all_ops_with_all_options_match_14x_capture(op, router, client):
    route = mock(router, op, op.all_options_id)
    call = op.all_options_call or op.call
    await call(client, op.all_options_id, all_options(op), None)

    request = route.calls.last.request
    sent = CAPTURES[op.all_options_capture]["requests"][0]
    assert request.method == sent["method"]
    assert raw_target(request) == sent["target"]
    sent_headers = {name.lower(): value for name, value in sent["headers"]}
    for name in OPTION_HEADERS:
        assert request.headers.get(name) == sent_headers.get(name), name
    assert request.headers["ocp-date"] == OCP_DATE_WIRE
    if sent["body"] is None:
        assert request.content == b""
    else:
        ours = json_body(request)
        assert ours == sdk_body(op.all_options_capture, ours)
        assert request.headers["Content-Type"] == JSON_CONTENT_TYPE
    assert request.headers["Authorization"] == expected_authorization(request)


#: One sample value per option field, and what it must become: ("query", text) or ("header", name, text).
OPTION_SAMPLES: dict[str, tuple[Any, tuple[str, ...]]] = {
    "timeout": (45, ("query", "timeout=45")),
    "filter": ("state eq 'active'", ("query", "$filter=state%20eq%20%27active%27")),
    "select": ("id,state", ("query", "$select=id%2Cstate")),
    "expand": ("stats", ("query", "$expand=stats")),
    "max_results": (1000, ("query", "maxresults=1000")),
    "client_request_id": (CLIENT_REQUEST_ID, ("header", "client-request-id", CLIENT_REQUEST_ID)),
    "return_client_request_id": (True, ("header", "return-client-request-id", "true")),
    "ocp_date": (OCP_DATE, ("header", "ocp-date", OCP_DATE_WIRE)),
    "if_match": (ETAG, ("header", "If-Match", ETAG)),
    "if_none_match": ('"0x0"', ("header", "If-None-Match", '"0x0"')),
    "if_modified_since": (IF_MODIFIED_SINCE, ("header", "If-Modified-Since", IF_MODIFIED_SINCE_WIRE)),
    "if_unmodified_since": (
        IF_UNMODIFIED_SINCE,
        ("header", "If-Unmodified-Since", IF_UNMODIFIED_SINCE_WIRE),
    ),
}

FIELD_CASES = [
    pytest.param(op, name, id=f"{op.name}-{name}") for op in OPS for name in sorted(OPTION_FIELDS[op.name])
]


@pytest.mark.parametrize(("op", "field"), FIELD_CASES)
async def test_all_ops_each_option_field_goes_on_the_wire_alone(op, field, router, client):
    value, wire = OPTION_SAMPLES[field]
    route = mock(router, op)
    await op.call(client, "job-1", op.options_cls(**{field: value}), None)

    request = route.calls.last.request
    base = f"{op.target('job-1')}?api-version={API_VERSION}"
    if wire[0] == "query":
        assert raw_target(request) == f"{base}&{wire[1]}"
    else:
        assert raw_target(request) == base
        assert request.headers[wire[1]] == wire[2]
    others = {name for name in OPTION_HEADERS if name != wire[1].lower()} - {"client-request-id", "ocp-date"}
    assert not others & header_names(request)
    assert request.headers["Authorization"] == expected_authorization(request)


@pytest.mark.parametrize("op", [op for op in OPS if op.name.startswith("list")], ids=str)
async def test_list_ops_query_options_go_in_14x_order(op, router, client):
    fields = OPTION_FIELDS[op.name]
    options = op.options_cls(
        timeout=30,
        max_results=7,
        select="id",
        filter="id eq 'x'",
        **({"expand": "stats"} if "expand" in fields else {}),
    )
    route = mock(router, op)
    await op.call(client, "job-1", options, None)

    query = raw_target(route.calls.last.request).partition("?")[2]
    names = [pair.split("=", 1)[0] for pair in query.split("&")]
    expected = ["api-version", "$filter", "$select", "$expand", "maxresults", "timeout"]
    assert names == [name for name in expected if name != "$expand" or "expand" in fields]


@pytest.mark.parametrize(
    "value",
    [
        "state eq 'active' and priority gt 0",
        "id eq 'a/b,c$d&e=f+g?h#i%j'",
        "metadata/any(m: m/name eq 'ünï ☃')",
        "startswith(id, '~!*()')",
    ],
)
async def test_list_filter_values_are_quoted_like_urllib_quote_safe_empty(value, router, client):
    route = mock(router, BY_NAME["list"])
    await BY_NAME["list"].call(client, "", models.JobListOptions(filter=value, select=value), None)

    expected = f"/jobs?api-version={API_VERSION}&$filter={quoted(value)}&$select={quoted(value)}"
    assert raw_target(route.calls.last.request) == expected


async def test_get_expand_value_is_quoted(router, client):
    route = mock(router, BY_NAME["get"])
    await client.job.get("job-1", models.JobGetOptions(expand="stats,metadata"))
    assert (
        raw_target(route.calls.last.request)
        == f"/jobs/job-1?api-version={API_VERSION}&$expand=stats%2Cmetadata"
    )


@pytest.mark.parametrize(
    ("resource_id", "encoded"),
    [
        ("job 1/ü", "job%201%2F%C3%BC"),
        ("sched:job-1", "sched%3Ajob-1"),
        ("a?b#c%d&e+f", "a%3Fb%23c%25d%26e%2Bf"),
        ("Job_ID-1", "Job_ID-1"),
    ],
)
@pytest.mark.parametrize("op", ID_OPS, ids=str)
async def test_id_ops_quote_the_id_in_the_path(op, resource_id, encoded, router, client):
    route = mock(router, op, resource_id)
    await op.call(client, resource_id, None, None)

    request = route.calls.last.request
    assert raw_target(request) == f"{op.target(encoded)}?api-version={API_VERSION}"
    assert request.headers["Authorization"] == expected_authorization(request)


@pytest.mark.parametrize("op", OPS, ids=str)
async def test_all_ops_client_request_id_as_uuid_is_sent_as_text(op, router, client):
    route = mock(router, op)
    request_id = uuid.UUID("9C4D50EE-2D56-4CD3-8152-34347DC9F2B0")
    await op.call(client, "job-1", op.options_cls(client_request_id=request_id), None)
    assert route.calls.last.request.headers["client-request-id"] == CLIENT_REQUEST_ID


@pytest.mark.parametrize("op", OPS, ids=str)
async def test_all_ops_without_client_request_id_send_a_fresh_uuid_per_call(op, router, client):
    route = mock(router, op)
    await op.call(client, "job-1", None, None)
    await op.call(client, "job-1", op.options_cls(), None)

    first, second = (call.request.headers["client-request-id"] for call in route.calls)
    assert is_uuid(first)
    assert is_uuid(second)
    assert first != second


@pytest.mark.parametrize("op", OPS, ids=str)
async def test_all_ops_return_client_request_id_false_is_sent_lower_case(op, router, client):
    route = mock(router, op)
    await op.call(client, "job-1", op.options_cls(return_client_request_id=False), None)
    assert route.calls.last.request.headers["return-client-request-id"] == "false"


@pytest.mark.parametrize("op", OPS, ids=str)
async def test_all_ops_ocp_date_with_offset_is_sent_as_rfc1123_gmt(op, router, client):
    route = mock(router, op)
    local = datetime(2023, 6, 1, 14, 30, 45, 999999, tzinfo=timezone(timedelta(hours=2)))
    await op.call(client, "job-1", op.options_cls(ocp_date=local), None)

    request = route.calls.last.request
    assert request.headers["ocp-date"] == OCP_DATE_WIRE
    assert request.headers["Authorization"] == expected_authorization(request)


@pytest.mark.parametrize("op", OPS, ids=str)
async def test_all_ops_custom_headers_are_sent_and_signed(op, router, client):
    route = mock(router, op)
    await op.call(client, "job-1", None, {"x-custom": "yes", "x-ocp-extra": "signed"})

    request = route.calls.last.request
    assert request.headers["x-custom"] == "yes"
    assert request.headers["x-ocp-extra"] == "signed"
    assert request.headers["Authorization"] == expected_authorization(request)


async def test_enable_sends_no_body_and_no_content_type(router, client):
    route = mock(router, BY_NAME["enable"])
    assert await client.job.enable("job-1") is None

    request = route.calls.last.request
    assert request.content == b""
    assert "content-type" not in header_names(request)
    assert request.headers["Content-Length"] == "0"


async def test_delete_sends_content_length_zero_and_signs_it(router, client):
    route = mock(router, BY_NAME["delete"])
    assert await client.job.delete("job-1") is None

    request = route.calls.last.request
    assert request.headers["Content-Length"] == "0"
    assert request.headers["Authorization"] == expected_authorization(request)


async def test_terminate_without_reason_sends_no_body(router, client):
    route = mock(router, BY_NAME["terminate"])
    assert await client.job.terminate("job-1") is None

    request = route.calls.last.request
    assert request.content == b""
    assert request.headers["Content-Length"] == "0"


async def test_terminate_with_reason_sends_only_terminate_reason(router, client):
    route = mock(router, BY_NAME["terminate"])
    await client.job.terminate("job-1", "User supplied termination reason")

    request = route.calls.last.request
    assert json_body(request) == {"terminateReason": "User supplied termination reason"}
    assert request.headers["Content-Type"] == JSON_CONTENT_TYPE


@pytest.mark.parametrize("disable_tasks", [models.DisableJobOption.requeue, "requeue", "Requeue"])
async def test_disable_sends_disable_tasks_body(disable_tasks, router, client):
    route = mock(router, BY_NAME["disable"])
    assert await client.job.disable("job-1", disable_tasks) is None
    assert json_body(route.calls.last.request) == {"disableTasks": "requeue"}


@pytest.mark.parametrize("op", [BY_NAME["patch"], BY_NAME["update"]], ids=str)
async def test_patch_and_update_with_empty_200_body_return_none(op, router, client):
    route = router.route(method=op.method, path="/jobs/job-1").respond(200, content=b"")
    assert await op.call(client, "job-1", None, None) is None
    assert route.call_count == 1


async def test_patch_empty_metadata_list_is_sent_and_none_fields_left_out(router, client):
    route = mock(router, BY_NAME["patch"])
    await client.job.patch("job-1", models.JobPatchParameter(metadata=[]))
    assert json_body(route.calls.last.request) == {"metadata": []}


async def test_list_max_results_boundaries_are_sent(router, client):
    route = mock(router, BY_NAME["list"])
    await BY_NAME["list"].call(client, "", models.JobListOptions(max_results=1), None)
    await BY_NAME["list"].call(client, "", models.JobListOptions(max_results=1000), None)
    targets = [raw_target(call.request) for call in route.calls]
    assert targets == [
        f"/jobs?api-version={API_VERSION}&maxresults=1",
        f"/jobs?api-version={API_VERSION}&maxresults=1000",
    ]


async def test_list_and_delete_match_shared_key_vectors_a_and_c(make_client):
    """jobs-api.md 8.2 A and C: with a fixed ocp-date the documented signatures come out, end to end."""
    from batchjobs import SharedKeyCredentials

    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.method == "DELETE":
            return httpx.Response(202)
        return httpx.Response(200, json={"value": []})

    key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw=="
    client = BatchServiceClient(
        SharedKeyCredentials("contosobatch", key),
        "https://contosobatch.westus.batch.azure.com",
        transport=httpx.MockTransport(handler),
    )
    async with client:
        options = models.JobListOptions(
            filter="state eq 'active'", max_results=10, ocp_date=OCP_DATE, client_request_id=CLIENT_REQUEST_ID
        )
        assert [job async for job in client.job.list(options)] == []
        await client.job.delete(
            "job-1", models.JobDeleteOptions(timeout=30, if_match=ETAG, ocp_date=OCP_DATE)
        )

    listed, deleted = seen
    assert raw_target(listed) == (
        f"/jobs?api-version={API_VERSION}&$filter=state%20eq%20%27active%27&maxresults=10"
    )
    assert (
        listed.headers["Authorization"]
        == "SharedKey contosobatch:GT78NzurBuscAizJl9Gx0OKExfH1oVBBcd6dfEYTknA="
    )
    assert (
        deleted.headers["Authorization"]
        == "SharedKey contosobatch:CCP6URkQzx8CmgxBNtsnJpVHT/9BFAP/jVZCH2FM5bA="
    )
    # The independent signer used by every other test agrees with the documented vectors too.
    assert expected_authorization(listed, "contosobatch", key) == listed.headers["Authorization"]
    assert expected_authorization(deleted, "contosobatch", key) == deleted.headers["Authorization"]


async def test_get_batch_url_with_trailing_slash_gives_single_slash_paths(router, make_client):
    route = mock(router, BY_NAME["get"])
    client = make_client(httpx.MockTransport(router.async_handler), f"{BASE_URL}/")
    await client.job.get("job-1")
    assert raw_target(route.calls.last.request) == f"/jobs/job-1?api-version={API_VERSION}"


@pytest.mark.parametrize(
    ("op", "name", "value"),
    [
        (BY_NAME["get"], "Accept", "application/json;odata=minimalmetadata"),
        (BY_NAME["patch"], "Content-Type", "application/json; charset=utf-8"),
        (BY_NAME["list"], "Accept", "application/json;odata=fullmetadata"),
    ],
    ids=["get-accept", "patch-content-type", "list-accept"],
)
async def test_custom_headers_replace_the_default_header_of_the_same_name(op, name, value, router, client):
    """14.x: ``header_parameters.update(custom_headers)``, so one value per name, the caller's."""
    route = mock(router, op)
    await op.call(client, "job-1", None, {name: value})

    request = route.calls.last.request
    assert request.headers.get_list(name) == [value]
    assert request.headers["Authorization"] == expected_authorization(request)


async def test_get_option_value_wins_over_same_named_custom_header_without_duplicates(router, client):
    """14.x sets option headers after applying custom_headers, so the option's value is the one sent."""
    route = mock(router, BY_NAME["get"])
    options = models.JobGetOptions(ocp_date=OCP_DATE, if_match=ETAG)
    custom = {"ocp-date": "Fri, 02 Jun 2023 00:00:00 GMT", "If-Match": "0xCUSTOM"}

    await client.job.get("job-1", options, custom)

    request = route.calls.last.request
    assert request.headers.get_list("ocp-date") == [OCP_DATE_WIRE]
    assert request.headers.get_list("If-Match") == [ETAG]
    assert request.headers["Authorization"] == expected_authorization(request)
