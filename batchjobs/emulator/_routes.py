"""The twelve Job API handlers: parse the request, call the store, render what the service sends.

What a request asks is read by ``_query``; here it is carried out and rendered.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime
from typing import Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Scope

from ..models import (
    CloudJob,
    JobAddParameter,
    JobDisableParameter,
    JobPatchParameter,
    JobPreparationAndReleaseTaskExecutionInformation,
    JobTerminateParameter,
    JobUpdateParameter,
)
from ._errors import JSON_TYPE, bad_header
from ._query import Route, expand_stats, filter_of, max_results, next_link, select_of, skip_position
from ._store import Conditions, JobStore, JobView
from ._validate import parse_body, parse_request
from ._wire import iso7, parse_rfc1123, project, rfc1123

__all__ = ["Call", "base_url_of", "handle"]

#: Operations that honour If-Match / If-None-Match / If-(Un)Modified-Since.
_CONDITIONAL = frozenset({"delete", "disable", "enable", "get", "patch", "terminate", "update"})
_STATS_ZERO = {
    "userCPUTime": "PT0S",
    "kernelCPUTime": "PT0S",
    "wallClockTime": "PT0S",
    "readIOps": 0,
    "writeIOps": 0,
    "readIOGiB": 0.0,
    "writeIOGiB": 0.0,
    "numSucceededTasks": 0,
    "numFailedTasks": 0,
    "numTaskRetries": 0,
    "waitTime": "PT0S",
}


def base_url_of(scope: Scope, headers: Mapping[str, str]) -> str:
    """``scheme://host[:port]`` as the client reached us (Host header), for links and URLs."""
    host = headers.get("host")
    if not host:
        server = scope.get("server") or ("localhost", None)
        host = server[0] if server[1] is None else f"{server[0]}:{server[1]}"
    return f"{scope.get('scheme', 'http')}://{host}"


class Call:
    """One request on its way through a handler: what was asked and how to answer."""

    def __init__(
        self,
        store: JobStore,
        request: Request,
        route: Route,
        query: dict[str, str],
        *,
        base_url: str,
        raw_path: str,
        request_id: str,
    ) -> None:
        self.store = store
        self.request = request
        self.route = route
        self.query = query
        self.base_url = base_url
        self.raw_path = raw_path
        self.request_id = request_id
        headers = request.headers
        self.client_request_id = headers.get("client-request-id")
        self.echo_id = headers.get("return-client-request-id", "").lower() == "true"

    @property
    def job_id(self) -> str:
        assert self.route.job_id is not None
        return self.route.job_id

    def job_url(self, job_id: str) -> str:
        return f"{self.base_url}/jobs/{quote(job_id, safe='')}"

    def conditions(self) -> Conditions | None:
        if self.route.operation not in _CONDITIONAL:
            return None
        headers = self.request.headers
        dates: dict[str, datetime | None] = {}
        for name in ("if-modified-since", "if-unmodified-since"):
            value = headers.get(name) or None
            try:
                dates[name] = parse_rfc1123(value) if value else None
            except ValueError:
                raise bad_header(name, value or "", "not an RFC 1123 date") from None
        if not any(dates.values()) and not headers.get("if-match") and not headers.get("if-none-match"):
            return None
        return Conditions(
            if_match=headers.get("if-match") or None,
            if_none_match=headers.get("if-none-match") or None,
            if_modified_since=dates["if-modified-since"],
            if_unmodified_since=dates["if-unmodified-since"],
        )

    def respond(
        self, status: int, body: dict[str, Any] | None = None, headers: dict[str, str] | None = None
    ) -> Response:
        out = {"request-id": self.request_id, "DataServiceVersion": "3.0"}
        if self.echo_id and self.client_request_id:
            out["client-request-id"] = self.client_request_id
        out.update(headers or {})
        if body is None:
            return Response(status_code=status, headers=out)
        content = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
        return Response(content, status_code=status, headers=out, media_type=JSON_TYPE)

    def write_headers(self, view: JobView, data_service_id: str) -> dict[str, str]:
        return {
            "ETag": view.etag,
            "Last-Modified": rfc1123(view.last_modified),
            "DataServiceId": data_service_id,
        }


def _job_body(
    call: Call, view: JobView, select: list[tuple[str, ...]] | None, stats: bool, now: datetime
) -> dict[str, Any]:
    doc = view.doc
    url = call.job_url(doc["id"])
    doc["url"] = url  # a snapshot: the store's own document keeps its placeholder
    if stats:
        doc["stats"] = {
            "url": url + "/stats",
            "startTime": doc["creationTime"],
            "lastUpdateTime": iso7(now),
            **_STATS_ZERO,
        }
    return project(doc, select) if select is not None else doc


# --- handlers -------------------------------------------------------------------------------------


async def _add(call: Call) -> Response:
    param, newer = parse_request(await call.request.body(), JobAddParameter)
    view = call.store.add(param, newer=newer)
    url = call.job_url(view.id)
    return call.respond(201, headers={**call.write_headers(view, url), "Location": url})


async def _delete(call: Call) -> Response:
    call.store.delete(call.job_id, call.conditions())
    return call.respond(202)


async def _disable(call: Call) -> Response:
    param = parse_body(await call.request.body(), JobDisableParameter)
    view = call.store.disable(call.job_id, str(param.disable_tasks), call.conditions())
    return call.respond(202, headers=call.write_headers(view, call.job_url(view.id) + "/disable"))


async def _enable(call: Call) -> Response:
    view = call.store.enable(call.job_id, call.conditions())
    return call.respond(202, headers=call.write_headers(view, call.job_url(view.id) + "/enable"))


async def _terminate(call: Call) -> Response:
    content = await call.request.body()
    reason = parse_body(content, JobTerminateParameter).terminate_reason if content.strip() else None
    view = call.store.terminate(call.job_id, reason, call.conditions())
    return call.respond(202, headers=call.write_headers(view, call.job_url(view.id) + "/terminate"))


async def _patch(call: Call) -> Response:
    param, newer = parse_request(await call.request.body(), JobPatchParameter)
    view = call.store.change(call.job_id, param, call.conditions(), newer)
    return call.respond(200, headers=call.write_headers(view, call.job_url(view.id)))


async def _update(call: Call) -> Response:
    param, newer = parse_request(await call.request.body(), JobUpdateParameter)
    view = call.store.change(call.job_id, param, call.conditions(), newer)
    return call.respond(200, headers=call.write_headers(view, call.job_url(view.id)))


async def _get(call: Call) -> Response:
    select, stats = select_of(call.query, CloudJob), expand_stats(call.query)
    view = call.store.get(call.job_id, call.conditions())
    body = {"odata.metadata": f"{call.base_url}/$metadata#jobs/@Element"}
    body.update(_job_body(call, view, select, stats, call.store.clock()))
    return call.respond(200, body, {"ETag": view.etag, "Last-Modified": rfc1123(view.last_modified)})


async def _get_task_counts(call: Call) -> Response:
    counts = call.store.task_counts(call.job_id)
    return call.respond(200, {"odata.metadata": f"{call.base_url}/$metadata#taskcounts/@Element", **counts})


async def _list(call: Call) -> Response:
    limit, after = max_results(call.query), skip_position(call.query)
    match, select, stats = (
        filter_of(call.query, CloudJob),
        select_of(call.query, CloudJob),
        expand_stats(call.query),
    )
    views, more = call.store.page(after=after, limit=limit, match=match, schedule_id=call.route.schedule_id)
    now = call.store.clock()
    body: dict[str, Any] = {
        "odata.metadata": f"{call.base_url}/$metadata#jobs",
        "value": [_job_body(call, view, select, stats, now) for view in views],
    }
    if more is not None:
        body["odata.nextLink"] = next_link(call.query, call.base_url + call.raw_path, more)
    return call.respond(200, body)


async def _list_prep_release(call: Call) -> Response:
    cls = JobPreparationAndReleaseTaskExecutionInformation
    limit, after = max_results(call.query), skip_position(call.query)
    match = filter_of(call.query, cls, {"state": "jobPreparationTaskExecutionInfo/state"})
    select = select_of(call.query, cls)
    items, more, pool_id = call.store.prep_release_page(call.job_id, after=after, limit=limit, match=match)
    value = []
    for item in items:
        item = {"poolId": pool_id, **item}
        node = f"/pools/{quote(item['poolId'], safe='')}/nodes/{quote(item.get('nodeId', ''), safe='')}"
        item.setdefault("nodeUrl", call.base_url + node)
        value.append(project(item, select) if select is not None else item)
    body: dict[str, Any] = {
        "odata.metadata": f"{call.base_url}/$metadata#jobpreparationandreleasetaskstatuslist",
        "value": value,
    }
    if more is not None:
        body["odata.nextLink"] = next_link(call.query, call.base_url + call.raw_path, more)
    return call.respond(200, body)


HANDLERS: dict[str, Callable[[Call], Awaitable[Response]]] = {
    "add": _add,
    "delete": _delete,
    "disable": _disable,
    "enable": _enable,
    "get": _get,
    "get_task_counts": _get_task_counts,
    "list": _list,
    "list_from_job_schedule": _list,
    "list_preparation_and_release_task_status": _list_prep_release,
    "patch": _patch,
    "terminate": _terminate,
    "update": _update,
}


async def handle(call: Call) -> Response:
    """Run the operation's handler (the caller has checked auth and query rules)."""
    client_request_id = call.client_request_id
    if client_request_id:
        try:
            uuid.UUID(client_request_id)
        except ValueError:
            raise bad_header("client-request-id", client_request_id, "must be a GUID") from None
    return await HANDLERS[call.route.operation](call)
