"""The task operations: thin handlers over the task store, keyed by operation id; and the task
endpoints of the control plane (scripting how simulated tasks end, releasing held ones).

Control plane (see ``_control`` for the generic endpoints):

``POST jobs/{id}/taskscripts``   ``{"pattern": "task-*", "outcomes": [{"exitCode": 1, "stdout": "...",
                                 "stderr": "...", "failure": "CommandProgramNotFound"}, ...]}``: how
                                 matching tasks end, attempt by attempt (the last one repeats)
``POST jobs/{id}/tasks/release``  ``{"taskId": optional}``: move held tasks on one step now
``PUT  countlag``                ``{"seconds": 120}``: task counts report the tasks of that long ago
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from starlette.responses import Response

from ...models import CloudTask, TaskAddCollectionParameter, TaskAddParameter, TaskUpdateParameter
from .._context import Handler, RequestContext
from .._control import ControlCall, ControlRoute, bad_request, seconds_field, text_field
from .._errors import BatchServiceError
from .._newer import merge_newer
from .._odata import expand_stats, filter_of, max_results, next_link, project, select_of, skip_position
from .._validate import parse_request
from .._wire import iso7, rfc1123, to_wire
from ..state._taskrecords import Outcome, TaskView
from ..state._tasks import TaskStore

__all__ = ["CONTROL_ROUTES", "HANDLERS", "STATS_ZERO"]

#: The most tasks one add_collection request may carry, and the largest body (tasks-api.md §4.1).
MAX_COLLECTION = 100
MAX_COLLECTION_BYTES = 1_000_000
#: The resource statistics of a task that has used nothing (``$expand=stats``); a job's add counts.
STATS_ZERO = {
    "userCPUTime": "PT0S",
    "kernelCPUTime": "PT0S",
    "wallClockTime": "PT0S",
    "readIOps": 0,
    "writeIOps": 0,
    "readIOGiB": 0.0,
    "writeIOGiB": 0.0,
    "waitTime": "PT0S",
}


def _tasks(ctx: RequestContext) -> TaskStore:
    return ctx.emulator.tasks


def _task_url(ctx: RequestContext, job_id: str, task_id: str) -> str:
    return f"{ctx.base_url}/jobs/{quote(job_id, safe='')}/tasks/{quote(task_id, safe='')}"


def _write_headers(ctx: RequestContext, view: TaskView, data_service_id: str) -> dict[str, str]:
    return {"ETag": view.etag, "Last-Modified": rfc1123(view.last_modified), "DataServiceId": data_service_id}


def task_body(
    ctx: RequestContext, job_id: str, view: TaskView, select: list[tuple[str, ...]] | None, stats: bool
) -> dict[str, Any]:
    """The CloudTask a response carries: the store's snapshot with the URLs the client can use."""
    doc = view.doc
    url = _task_url(ctx, job_id, doc["id"])
    doc["url"] = url
    node = doc.get("nodeInfo")
    if node is not None:
        node = doc["nodeInfo"] = dict(node)
        pool = f"{ctx.base_url}/pools/{quote(node['poolId'], safe='')}"
        node["nodeUrl"] = f"{pool}/nodes/{quote(node['nodeId'], safe='')}"
        node["taskRootDirectoryUrl"] = f"{url}/files"
    if stats:
        now = iso7(ctx.emulator.clock())
        doc["stats"] = {
            "url": url + "/stats",
            "startTime": doc["creationTime"],
            "lastUpdateTime": now,
            **STATS_ZERO,
        }
    return project(doc, select) if select is not None else doc


# --- the Task API ---------------------------------------------------------------------------------


async def _add(ctx: RequestContext) -> Response:
    param, newer = parse_request(await ctx.body(), TaskAddParameter)
    body = _body_of(param, newer)
    view = _tasks(ctx).add(ctx.job_id, body)
    url = _task_url(ctx, ctx.job_id, view.id)
    return ctx.respond(201, headers={**_write_headers(ctx, view, url), "Location": url})


async def _add_collection(ctx: RequestContext) -> Response:
    content = await ctx.body()
    if len(content) > MAX_COLLECTION_BYTES:
        raise BatchServiceError(
            413,
            "RequestBodyTooLarge",
            "The request body is too large and exceeds the maximum permissible limit.",
            {"MaxLimit": str(MAX_COLLECTION_BYTES)},
        )
    param, newer = parse_request(content, TaskAddCollectionParameter)
    if not 1 <= len(param.value) <= MAX_COLLECTION:
        raise BatchServiceError(
            400,
            "InvalidPropertyValue",
            "The value provided for one of the properties in the request body is invalid.",
            [("PropertyName", "value"), ("Reason", f"give 1 to {MAX_COLLECTION} tasks")],
        )
    extras = newer.get("value") or [{}] * len(param.value)
    bodies = [_body_of(task, extra) for task, extra in zip(param.value, extras, strict=False)]
    results = _tasks(ctx).add_collection(ctx.job_id, bodies)
    for result in results:
        if result["status"] == "Success":
            result["location"] = _task_url(ctx, ctx.job_id, result["taskId"])
    return ctx.respond(200, {"odata.metadata": f"{ctx.base_url}/$metadata#taskaddresult", "value": results})


def _body_of(param: TaskAddParameter, newer: dict[str, Any]) -> dict[str, Any]:
    """The task as wire JSON, with what newer api-versions add (containerHostBatchBindMounts)."""
    body: dict[str, Any] = merge_newer(to_wire(param), newer or {})
    return body


async def _list(ctx: RequestContext) -> Response:
    query = ctx.query
    limit, after = max_results(query), skip_position(query)
    match, select, stats = filter_of(query, CloudTask), select_of(query, CloudTask), expand_stats(query)
    views, more = _tasks(ctx).page(ctx.job_id, after=after, limit=limit, match=match)
    body: dict[str, Any] = {
        "odata.metadata": f"{ctx.base_url}/$metadata#tasks",
        "value": [task_body(ctx, ctx.job_id, view, select, stats) for view in views],
    }
    if more is not None:
        body["odata.nextLink"] = next_link(query, ctx.base_url + ctx.raw_path, more)
    return ctx.respond(200, body)


async def _get(ctx: RequestContext) -> Response:
    select, stats = select_of(ctx.query, CloudTask), expand_stats(ctx.query)
    view = _tasks(ctx).get(ctx.job_id, ctx.params["task_id"], ctx.conditions())
    body = {"odata.metadata": f"{ctx.base_url}/$metadata#tasks/@Element"}
    body.update(task_body(ctx, ctx.job_id, view, select, stats))
    url = _task_url(ctx, ctx.job_id, view.id)
    return ctx.respond(200, body, _write_headers(ctx, view, url))


async def _update(ctx: RequestContext) -> Response:
    param, _ = parse_request(await ctx.body(), TaskUpdateParameter)
    constraints = to_wire(param.constraints) if param.constraints is not None else None
    view = _tasks(ctx).update(ctx.job_id, ctx.params["task_id"], constraints, ctx.conditions())
    return ctx.respond(200, headers=_write_headers(ctx, view, _task_url(ctx, ctx.job_id, view.id)))


async def _delete(ctx: RequestContext) -> Response:
    _tasks(ctx).delete(ctx.job_id, ctx.params["task_id"], ctx.conditions())
    return ctx.respond(200)


async def _terminate(ctx: RequestContext) -> Response:
    view = _tasks(ctx).terminate(ctx.job_id, ctx.params["task_id"], ctx.conditions())
    url = _task_url(ctx, ctx.job_id, view.id) + "/terminate"
    return ctx.respond(204, headers=_write_headers(ctx, view, url))


async def _reactivate(ctx: RequestContext) -> Response:
    view = _tasks(ctx).reactivate(ctx.job_id, ctx.params["task_id"], ctx.conditions())
    url = _task_url(ctx, ctx.job_id, view.id) + "/reactivate"
    return ctx.respond(204, headers=_write_headers(ctx, view, url))


async def _list_subtasks(ctx: RequestContext) -> Response:
    view = _tasks(ctx).get(ctx.job_id, ctx.params["task_id"], None)
    body = {"odata.metadata": f"{ctx.base_url}/$metadata#subtaskinformations", "value": []}
    return ctx.respond(200, body, {"ETag": view.etag, "Last-Modified": rfc1123(view.last_modified)})


#: The handler of each task operation, by operation id (``batchjobs._api``).
HANDLERS: dict[str, Handler] = {
    "task.add": _add,
    "task.add_collection": _add_collection,
    "task.list": _list,
    "task.get": _get,
    "task.update": _update,
    "task.delete": _delete,
    "task.terminate": _terminate,
    "task.reactivate": _reactivate,
    "task.list_subtasks": _list_subtasks,
}


# --- the control plane ----------------------------------------------------------------------------


def outcome_of(data: Any) -> Outcome:
    """An ``Outcome`` from its control-plane JSON (``exitCode``, ``stdout``, ``stderr``, ``failure``)."""
    if not isinstance(data, dict):
        raise bad_request('each outcome is an object: {"exitCode": 0, "stdout": "..."}')
    unknown = set(data) - {"exitCode", "stdout", "stderr", "failure", "failureMessage"}
    if unknown:
        raise bad_request(f"unknown outcome keys: {sorted(unknown)}")
    exit_code = data.get("exitCode", 0)
    if isinstance(exit_code, bool) or not isinstance(exit_code, int) or not -(2**31) <= exit_code < 2**31:
        raise bad_request(f"an outcome's exitCode is a 32-bit whole number, not {exit_code!r}")
    return Outcome(
        exit_code=exit_code,
        stdout=text_field(data, "stdout") or "",
        stderr=text_field(data, "stderr") or "",
        failure=text_field(data, "failure"),
        failure_message=text_field(data, "failureMessage") or "The task could not be started.",
    )


async def _script(call: ControlCall) -> Any:
    body = await call.body()
    pattern, outcomes = body.get("pattern", "*"), body.get("outcomes")
    if not isinstance(pattern, str) or not isinstance(outcomes, list) or not outcomes:
        raise bad_request('give {"pattern": "task-*", "outcomes": [{"exitCode": 1}, ...]}')
    call.emulator.script_tasks(call.params["job_id"], pattern, *[outcome_of(item) for item in outcomes])
    return {"pattern": pattern, "outcomes": len(outcomes)}


async def _count_lag(call: ControlCall) -> Any:
    seconds = seconds_field(await call.body())
    call.emulator.set_count_lag(seconds)
    return {"seconds": seconds}


async def _release(call: ControlCall) -> Any:
    task_id = text_field(await call.body(), "taskId")
    return {"settled": call.emulator.release_tasks(call.params["job_id"], task_id)}


#: The task endpoints of the control plane.
CONTROL_ROUTES = (
    ControlRoute(("POST",), "jobs/{job_id}/taskscripts", _script, status=201),
    ControlRoute(("POST",), "jobs/{job_id}/tasks/release", _release),
    ControlRoute(("PUT",), "countlag", _count_lag),
)
