"""The job operations: thin handlers that parse the request, call the job store and render what the
service sends, keyed by operation id; and the job endpoints of the control plane (seeding what the
Job API cannot create).

Control plane (see ``_control`` for the generic endpoints):

``POST jobschedules``                        ``{"id": "s1"}``: a job schedule
``POST jobschedules/{id}/jobs``              JobAddParameter JSON, all optional (``poolId`` shortcut)
``PUT  jobs/{id}/taskcounts``                ``{"taskCounts": {...}, "taskSlotCounts": {...}}``
``PUT  jobs/{id}/preparationandreleasetaskstatus``  ``{"value": [...]}``
``POST jobs/{id}/alltaskscomplete``          all tasks done; a terminatejob job terminates
``POST jobs/{id}/release``                   settle the job's pending transition now
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import quote

from starlette.responses import Response

from ...models import (
    CloudJob,
    JobAddParameter,
    JobDisableParameter,
    JobPatchParameter,
    JobPreparationAndReleaseTaskExecutionInformation,
    JobTerminateParameter,
    JobUpdateParameter,
)
from .._context import Handler, RequestContext
from .._control import ControlCall, ControlRoute, bad_request, text_field
from .._odata import expand_stats, filter_of, max_results, next_link, project, select_of, skip_position
from .._validate import parse_body, parse_request
from .._wire import iso7, rfc1123
from ..state._jobs import JobStore, JobView
from .tasks import STATS_ZERO

__all__ = ["CONTROL_ROUTES", "HANDLERS"]

_STATS_ZERO = {**STATS_ZERO, "numSucceededTasks": 0, "numFailedTasks": 0, "numTaskRetries": 0}


def _jobs(ctx: RequestContext) -> JobStore:
    return ctx.emulator.store


def _job_url(ctx: RequestContext, job_id: str) -> str:
    return f"{ctx.base_url}/jobs/{quote(job_id, safe='')}"


def _write_headers(view: JobView, data_service_id: str) -> dict[str, str]:
    return {"ETag": view.etag, "Last-Modified": rfc1123(view.last_modified), "DataServiceId": data_service_id}


def _job_body(
    ctx: RequestContext, view: JobView, select: list[tuple[str, ...]] | None, stats: bool, now: datetime
) -> dict[str, Any]:
    doc = view.doc
    url = _job_url(ctx, doc["id"])
    doc["url"] = url  # a snapshot: the store's own document keeps its placeholder
    if stats:
        doc["stats"] = {
            "url": url + "/stats",
            "startTime": doc["creationTime"],
            "lastUpdateTime": iso7(now),
            **_STATS_ZERO,
        }
    return project(doc, select) if select is not None else doc


# --- the Job API ----------------------------------------------------------------------------------


async def _add(ctx: RequestContext) -> Response:
    param, newer = parse_request(await ctx.body(), JobAddParameter)
    view = _jobs(ctx).add(param, newer=newer)
    url = _job_url(ctx, view.id)
    return ctx.respond(201, headers={**_write_headers(view, url), "Location": url})


async def _delete(ctx: RequestContext) -> Response:
    _jobs(ctx).delete(ctx.job_id, ctx.conditions())
    return ctx.respond(202)


async def _disable(ctx: RequestContext) -> Response:
    param = parse_body(await ctx.body(), JobDisableParameter)
    view = _jobs(ctx).disable(ctx.job_id, str(param.disable_tasks), ctx.conditions())
    return ctx.respond(202, headers=_write_headers(view, _job_url(ctx, view.id) + "/disable"))


async def _enable(ctx: RequestContext) -> Response:
    view = _jobs(ctx).enable(ctx.job_id, ctx.conditions())
    return ctx.respond(202, headers=_write_headers(view, _job_url(ctx, view.id) + "/enable"))


async def _terminate(ctx: RequestContext) -> Response:
    content = await ctx.body()
    reason = parse_body(content, JobTerminateParameter).terminate_reason if content.strip() else None
    view = _jobs(ctx).terminate(ctx.job_id, reason, ctx.conditions())
    return ctx.respond(202, headers=_write_headers(view, _job_url(ctx, view.id) + "/terminate"))


async def _patch(ctx: RequestContext) -> Response:
    param, newer = parse_request(await ctx.body(), JobPatchParameter)
    view = _jobs(ctx).change(ctx.job_id, param, ctx.conditions(), newer)
    return ctx.respond(200, headers=_write_headers(view, _job_url(ctx, view.id)))


async def _update(ctx: RequestContext) -> Response:
    param, newer = parse_request(await ctx.body(), JobUpdateParameter)
    view = _jobs(ctx).change(ctx.job_id, param, ctx.conditions(), newer)
    return ctx.respond(200, headers=_write_headers(view, _job_url(ctx, view.id)))


async def _get(ctx: RequestContext) -> Response:
    select, stats = select_of(ctx.query, CloudJob), expand_stats(ctx.query)
    store = _jobs(ctx)
    view = store.get(ctx.job_id, ctx.conditions())
    body = {"odata.metadata": f"{ctx.base_url}/$metadata#jobs/@Element"}
    body.update(_job_body(ctx, view, select, stats, store.clock()))
    return ctx.respond(200, body, {"ETag": view.etag, "Last-Modified": rfc1123(view.last_modified)})


async def _get_task_counts(ctx: RequestContext) -> Response:
    counts = ctx.emulator.task_counts(ctx.job_id)
    return ctx.respond(200, {"odata.metadata": f"{ctx.base_url}/$metadata#taskcounts/@Element", **counts})


async def _list(ctx: RequestContext) -> Response:
    query = ctx.query
    limit, after = max_results(query), skip_position(query)
    match, select, stats = filter_of(query, CloudJob), select_of(query, CloudJob), expand_stats(query)
    store = _jobs(ctx)
    schedule_id = ctx.params.get("job_schedule_id")
    views, more = store.page(after=after, limit=limit, match=match, schedule_id=schedule_id)
    now = store.clock()
    body: dict[str, Any] = {
        "odata.metadata": f"{ctx.base_url}/$metadata#jobs",
        "value": [_job_body(ctx, view, select, stats, now) for view in views],
    }
    if more is not None:
        body["odata.nextLink"] = next_link(query, ctx.base_url + ctx.raw_path, more)
    return ctx.respond(200, body)


async def _list_prep_release(ctx: RequestContext) -> Response:
    cls = JobPreparationAndReleaseTaskExecutionInformation
    query = ctx.query
    limit, after = max_results(query), skip_position(query)
    match = filter_of(query, cls, {"state": "jobPreparationTaskExecutionInfo/state"})
    select = select_of(query, cls)
    items, more, pool_id = _jobs(ctx).prep_release_page(ctx.job_id, after=after, limit=limit, match=match)
    value = []
    for item in items:
        item = {"poolId": pool_id, **item}
        node = f"/pools/{quote(item['poolId'], safe='')}/nodes/{quote(item.get('nodeId', ''), safe='')}"
        item.setdefault("nodeUrl", ctx.base_url + node)
        value.append(project(item, select) if select is not None else item)
    body: dict[str, Any] = {
        "odata.metadata": f"{ctx.base_url}/$metadata#jobpreparationandreleasetaskstatuslist",
        "value": value,
    }
    if more is not None:
        body["odata.nextLink"] = next_link(query, ctx.base_url + ctx.raw_path, more)
    return ctx.respond(200, body)


#: The handler of each job operation, by operation id (``batchjobs._api``).
HANDLERS: dict[str, Handler] = {
    "job.add": _add,
    "job.delete": _delete,
    "job.disable": _disable,
    "job.enable": _enable,
    "job.get": _get,
    "job.get_task_counts": _get_task_counts,
    "job.list": _list,
    "job.list_from_job_schedule": _list,
    "job.list_preparation_and_release_task_status": _list_prep_release,
    "job.patch": _patch,
    "job.terminate": _terminate,
    "job.update": _update,
}


# --- the control plane ----------------------------------------------------------------------------


async def _add_job_schedule(call: ControlCall) -> Any:
    schedule_id = (await call.body()).get("id")
    if not isinstance(schedule_id, str) or not schedule_id:
        raise bad_request('give the schedule id: {"id": "..."}')
    call.emulator.add_job_schedule(schedule_id)
    return {"id": schedule_id}


async def _add_schedule_job(call: ControlCall) -> Any:
    body = await call.body()
    pool_id = text_field(body, "poolId") or "pool-1"
    body.pop("poolId", None)
    return {"id": call.emulator.add_schedule_job(call.params["schedule_id"], body or None, pool_id=pool_id)}


async def _set_task_counts(call: ControlCall) -> Any:
    body = await call.body()
    counts = body.get("taskCounts")
    if not isinstance(counts, dict):
        raise bad_request('give {"taskCounts": {...}} and optionally "taskSlotCounts"')
    job_id, slots = call.params["job_id"], body.get("taskSlotCounts")
    if slots is not None and not isinstance(slots, dict):
        raise bad_request('"taskSlotCounts" must be an object of counts')
    try:
        call.emulator.set_task_counts(job_id, counts, slots)
    except ValueError as exc:
        raise bad_request(str(exc)) from None
    return call.emulator.task_counts(job_id)


async def _set_prep_release_status(call: ControlCall) -> Any:
    items = (await call.body()).get("value")
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise bad_request('give {"value": [{...}, ...]}: the status of each node')
    call.emulator.set_prep_release_status(call.params["job_id"], items)
    return {"value": len(items)}


async def _complete_all_tasks(call: ControlCall) -> Any:
    call.emulator.complete_all_tasks(call.params["job_id"])
    return {"id": call.params["job_id"]}


async def _release_job(call: ControlCall) -> Any:
    return {"settled": call.emulator.release(call.params["job_id"])}


#: The job endpoints of the control plane.
CONTROL_ROUTES = (
    ControlRoute(("POST",), "jobschedules", _add_job_schedule, status=201),
    ControlRoute(("POST",), "jobschedules/{schedule_id}/jobs", _add_schedule_job, status=201),
    ControlRoute(("PUT",), "jobs/{job_id}/taskcounts", _set_task_counts),
    ControlRoute(("PUT",), "jobs/{job_id}/preparationandreleasetaskstatus", _set_prep_release_status),
    ControlRoute(("POST",), "jobs/{job_id}/alltaskscomplete", _complete_all_tasks),
    ControlRoute(("POST",), "jobs/{job_id}/release", _release_job),
)
