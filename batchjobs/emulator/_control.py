"""The control plane under ``/_emulator/…``: JSON endpoints for what tests (and tools in other
languages) need beyond the Job API. No Shared Key is needed. Each endpoint calls the ``Emulator``
method of the same name, so Python tests can do the same without HTTP.

``GET  health``                              status, job count, account name, policy
``POST reset``                               forget everything
``GET|PUT policy``                           ``{"policy": "reads:2", "jobId": optional}``
``POST release``                             ``{"jobId": optional}``: settle pending transitions now
``POST clock/advance``                       ``{"seconds": 5}`` (ManualClock only); ``GET clock``
``GET|POST|DELETE faults``                   list, add (``Fault`` fields in camelCase), clear
``GET|DELETE journal``                       the request journal
``POST jobschedules``                        ``{"id": "s1"}``: a job schedule
``POST jobschedules/{id}/jobs``              JobAddParameter JSON, all optional (``poolId`` shortcut)
``PUT  jobs/{id}/taskcounts``                ``{"taskCounts": {...}, "taskSlotCounts": {...}}``
``PUT  jobs/{id}/preparationandreleasetaskstatus``  ``{"value": [...]}``
``POST jobs/{id}/alltaskscomplete``          all tasks done; a terminatejob job terminates
"""

from __future__ import annotations

import json
import uuid
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response

from ._errors import BatchServiceError, error_response
from ._faults import Fault
from ._policy import ManualClock
from ._routes import base_url_of
from ._wire import iso7

if TYPE_CHECKING:
    from ._app import Emulator

__all__ = ["control"]


def _json(data: Any, status: int = 200) -> Response:
    return Response(json.dumps(data).encode(), status_code=status, media_type="application/json")


def _bad(message: str) -> BatchServiceError:
    return BatchServiceError(400, "InvalidRequestBody", message)


async def _body(request: Request) -> dict[str, Any]:
    content = await request.body()
    if not content.strip():
        return {}
    try:
        data = json.loads(content)
    except ValueError:
        raise _bad("The request body is not valid JSON.") from None
    if not isinstance(data, dict):
        raise _bad("The request body must be a JSON object.")
    return data


async def _route(emulator: Emulator, request: Request, parts: list[str]) -> Response:
    method = request.method
    words = [part.lower() for part in parts]
    store = emulator.store
    if words == ["health"] and method == "GET":
        return _json(emulator.health())
    if words == ["reset"] and method == "POST":
        emulator.reset()
        return _json({"status": "reset"})
    if words == ["policy"] and method == "GET":
        return _json({"policy": store.policy.to_text()})
    if words == ["policy"] and method in ("PUT", "POST"):
        body = await _body(request)
        try:
            emulator.set_policy(str(body["policy"]), body.get("jobId"))
        except (KeyError, ValueError) as exc:
            raise _bad(f"give a policy: instant, reads[:N], clock:SECONDS or held ({exc})") from None
        return _json({"policy": body["policy"], "jobId": body.get("jobId")})
    if words == ["release"] and method == "POST":
        body = await _body(request)
        return _json({"settled": emulator.release(body.get("jobId"))})
    if words == ["clock"] and method == "GET":
        return _json({"now": iso7(emulator.clock()), "manual": isinstance(emulator.clock, ManualClock)})
    if words == ["clock", "advance"] and method == "POST":
        body = await _body(request)
        try:
            emulator.advance_clock(float(body.get("seconds", 0)))
        except TypeError as exc:
            raise BatchServiceError(409, "OperationInvalidForCurrentState", str(exc)) from None
        except ValueError as exc:
            raise _bad(str(exc)) from None
        return _json({"now": iso7(emulator.clock())})
    if words == ["faults"]:
        if method == "GET":
            return _json({"value": [fault.to_json() for fault in emulator.pending_faults()]})
        if method == "DELETE":
            emulator.clear_faults()
            return _json({"value": []})
        if method == "POST":
            try:
                fault = emulator.inject_fault(Fault.from_json(await _body(request)))
            except (TypeError, ValueError) as exc:
                raise _bad(str(exc)) from None
            return _json(fault.to_json(), 201)
    if words == ["journal"]:
        if method == "GET":
            return _json({"value": emulator.requests()})
        if method == "DELETE":
            emulator.clear_journal()
            return _json({"value": []})
    if words == ["jobschedules"] and method == "POST":
        schedule_id = (await _body(request)).get("id")
        if not isinstance(schedule_id, str) or not schedule_id:
            raise _bad('give the schedule id: {"id": "..."}')
        emulator.add_job_schedule(schedule_id)
        return _json({"id": schedule_id}, 201)
    if len(words) == 3 and words[0] == "jobschedules" and words[2] == "jobs" and method == "POST":
        body = await _body(request)
        pool_id = body.pop("poolId", "pool-1")
        job_id = emulator.add_schedule_job(parts[1], body or None, pool_id=pool_id)
        return _json({"id": job_id}, 201)
    if len(words) == 3 and words[0] == "jobs":
        job_id, action = parts[1], words[2]
        if action == "taskcounts" and method == "PUT":
            body = await _body(request)
            counts = body.get("taskCounts")
            if not isinstance(counts, dict):
                raise _bad('give {"taskCounts": {...}} and optionally "taskSlotCounts"')
            emulator.set_task_counts(job_id, counts, body.get("taskSlotCounts"))
            return _json(store.task_counts(job_id))
        if action == "preparationandreleasetaskstatus" and method == "PUT":
            items = (await _body(request)).get("value")
            if not isinstance(items, list):
                raise _bad('give {"value": [...]}')
            emulator.set_prep_release_status(job_id, items)
            return _json({"value": len(items)})
        if action == "alltaskscomplete" and method == "POST":
            emulator.complete_all_tasks(job_id)
            return _json({"id": job_id})
        if action == "release" and method == "POST":
            return _json({"settled": emulator.release(job_id)})
    raise BatchServiceError(
        501, "NotImplemented", f"The control plane has no {method} /_emulator/{'/'.join(parts)}."
    )


async def control(emulator: Emulator, request: Request, parts: list[str]) -> Response:
    """Serve one control-plane request; errors come back as Batch error JSON."""
    try:
        return await _route(emulator, request, parts)
    except BatchServiceError as error:
        base_url = base_url_of(request.scope, dict(request.headers))
        return error_response(error, base_url=base_url, request_id=str(uuid.uuid4()), now=emulator.clock())
