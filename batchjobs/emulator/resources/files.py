"""The task-file operations: a task's directory listed, read (ranges too), described and pruned,
with the service's wire shapes: sizes as strings, ``True``/``False`` headers, a percent-encoded
``ocp-batch-file-url`` and no ETag (tasks-api.md §9)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from starlette.concurrency import iterate_in_threadpool
from starlette.responses import Response, StreamingResponse

from ...models import NodeFile
from .._context import Handler, RequestContext
from .._errors import BatchServiceError, bad_header
from .._odata import filter_of, max_results, next_link, skip_position
from .._wire import parse_rfc1123, rfc1123
from ..state._files import DirectoryFiles, FileEntry, TaskFiles

__all__ = ["HANDLERS"]

_RANGE = re.compile(r"bytes=(\d+)-(\d*)")


def _files(ctx: RequestContext) -> TaskFiles | DirectoryFiles:
    return ctx.emulator.tasks.files(ctx.job_id, ctx.params["task_id"])


def _file_url(ctx: RequestContext, name: str) -> str:
    job, task = quote(ctx.job_id, safe=""), quote(ctx.params["task_id"], safe="")
    return f"{ctx.base_url}/jobs/{job}/tasks/{task}/files/{name}"


def _headers(ctx: RequestContext, name: str, entry: FileEntry, *, length: bool) -> dict[str, str]:
    properties = entry.properties(name)
    headers = {
        "Content-Type": properties["contentType"],
        "Last-Modified": rfc1123(entry.modified),
        "ocp-batch-file-isdirectory": "True" if entry.is_directory else "False",
        "ocp-batch-file-url": quote(_file_url(ctx, name), safe=""),
        "ocp-batch-file-mode": properties["fileMode"],
    }
    if length:
        headers["Content-Length"] = str(entry.size)
    return headers


def _unmodified(ctx: RequestContext, entry: FileEntry) -> None:
    """``If-Modified-Since`` (304 when unchanged) and ``If-Unmodified-Since`` (412 when changed)."""
    modified = entry.modified.replace(microsecond=0)
    for name in ("if-modified-since", "if-unmodified-since"):
        value = ctx.headers.get(name)
        if not value:
            continue
        try:
            since = parse_rfc1123(value)
        except ValueError:
            raise bad_header(name, value, "not an RFC 1123 date") from None
        if name == "if-modified-since" and modified <= since:
            raise BatchServiceError(304, "ConditionNotMet", "Not modified.")
        if name == "if-unmodified-since" and modified > since:
            raise BatchServiceError(
                412, "ConditionNotMet", "The condition specified using HTTP conditional header(s) is not met."
            )


async def _get(ctx: RequestContext) -> Response:
    path = ctx.params["file_path"]
    files = _files(ctx)
    entry = files.entry(path)
    _unmodified(ctx, entry)
    first = last = None
    wanted = ctx.headers.get("ocp-range")
    if wanted:
        match = _RANGE.fullmatch(wanted.strip())
        if match is None:
            raise bad_header("ocp-range", wanted, "expected bytes=FIRST-LAST")
        first, last = int(match.group(1)), int(match.group(2)) if match.group(2) else None
    chunks = files.stream(path, first, last)  # checked now; read from disk as it is sent
    headers = {"request-id": ctx.request_id, "DataServiceVersion": "3.0", **ctx.echo}
    headers.update(_headers(ctx, path.replace("\\", "/"), entry, length=False))
    return StreamingResponse(
        iterate_in_threadpool(chunks), status_code=200, headers=headers, media_type=headers["Content-Type"]
    )


async def _properties(ctx: RequestContext) -> Response:
    path = ctx.params["file_path"]
    entry = _files(ctx).entry(path)
    _unmodified(ctx, entry)
    return ctx.respond(200, headers=_headers(ctx, path.replace("\\", "/"), entry, length=True))


async def _list(ctx: RequestContext) -> Response:
    query = ctx.query
    limit, after = max_results(query), skip_position(query)
    match = filter_of(query, NodeFile)
    recursive = query.get("recursive", "false").lower() == "true"
    entries = _files(ctx).listing(recursive)
    value: list[dict[str, Any]] = []
    index = after + 1 if after is not None else 0
    while index < len(entries) and len(value) < limit:
        name, entry = entries[index]
        index += 1
        item: dict[str, Any] = {"name": name, "url": _file_url(ctx, name), "isDirectory": entry.is_directory}
        if not entry.is_directory:
            item["properties"] = entry.properties(name)
        if match is None or match(item):
            value.append(item)
    body: dict[str, Any] = {"odata.metadata": f"{ctx.base_url}/$metadata#files", "value": value}
    if index < len(entries):
        body["odata.nextLink"] = next_link(query, ctx.base_url + ctx.raw_path, index - 1)
    return ctx.respond(200, body)


async def _delete(ctx: RequestContext) -> Response:
    recursive = ctx.query.get("recursive", "false").lower() == "true"
    _files(ctx).delete(ctx.params["file_path"], recursive)
    return ctx.respond(200)


#: The handler of each task-file operation, by operation id (``batchjobs._api``).
HANDLERS: dict[str, Handler] = {
    "file.get_from_task": _get,
    "file.get_properties_from_task": _properties,
    "file.list_from_task": _list,
    "file.delete_from_task": _delete,
}
