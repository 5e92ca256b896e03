"""The read-only pool and node calls that tools make before they add tasks (get and list pools, list a
pool's nodes), answered for the pools the emulator's jobs name: each is a steady pool of one idle
(or running) node with the emulator's task slots (peers-tasks §4.8). The client has no pool
operations, so these records are the emulator's own.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from starlette.responses import Response

from ..._api import Endpoint, Kind
from ...models import JobGetOptions, JobListOptions
from .._context import Handler, RequestContext
from .._errors import BatchServiceError
from .._odata import max_results
from .._wire import iso7
from ..state._taskrecords import NODE_ID

__all__ = ["ENDPOINTS", "HANDLERS"]

_POOL_GET = Endpoint("pool.get", "GET", "/pools/{pool_id}", 200, JobGetOptions, True, "Get a pool.")
_POOL_LIST = Endpoint(
    "pool.list", "GET", "/pools", 200, JobListOptions, True, "List the pools.", kind=Kind.LIST
)
_NODE_LIST = Endpoint(
    "compute_node.list",
    "GET",
    "/pools/{pool_id}/nodes",
    200,
    JobListOptions,
    True,
    "List a pool's nodes.",
    kind=Kind.LIST,
)
#: The emulator's own operation records (not in ``batchjobs._api``: the client has no pool calls).
ENDPOINTS = (_POOL_GET, _POOL_LIST, _NODE_LIST)


def _pool_ids(ctx: RequestContext) -> list[str]:
    """The pools the account's jobs name, in the order first named."""
    seen: dict[str, str] = {}
    after = None
    while True:
        views, after = ctx.emulator.store.page(after=after, limit=1000)
        for view in views:
            pool_id = view.doc["executionInfo"]["poolId"]
            seen.setdefault(pool_id.casefold(), pool_id)
        if after is None:
            return list(seen.values())


def _pool(ctx: RequestContext, pool_id: str) -> dict[str, Any]:
    slots = ctx.emulator.tasks.runner.slots if ctx.emulator.tasks.runner is not None else 4
    created = iso7(ctx.emulator.account.clock())
    return {
        "id": pool_id,
        "url": f"{ctx.base_url}/pools/{quote(pool_id, safe='')}",
        "eTag": "0x8DB0000000000001",
        "lastModified": created,
        "creationTime": created,
        "state": "active",
        "stateTransitionTime": created,
        "allocationState": "steady",
        "allocationStateTransitionTime": created,
        "vmSize": "emulator_local",
        "resizeTimeout": "PT15M",
        "currentDedicatedNodes": 1,
        "currentLowPriorityNodes": 0,
        "targetDedicatedNodes": 1,
        "targetLowPriorityNodes": 0,
        "enableAutoScale": False,
        "enableInterNodeCommunication": False,
        "taskSlotsPerNode": slots,
        "taskSchedulingPolicy": {"nodeFillType": "spread"},
    }


def _named(ctx: RequestContext) -> str:
    pool_id = ctx.params["pool_id"]
    for known in _pool_ids(ctx):
        if known.casefold() == pool_id.casefold():
            return known
    raise BatchServiceError(404, "PoolNotFound", "The specified pool does not exist.", {"PoolId": pool_id})


async def _get_pool(ctx: RequestContext) -> Response:
    body = {"odata.metadata": f"{ctx.base_url}/$metadata#pools/@Element", **_pool(ctx, _named(ctx))}
    return ctx.respond(200, body)


async def _list_pools(ctx: RequestContext) -> Response:
    pools = [_pool(ctx, pool_id) for pool_id in _pool_ids(ctx)][: max_results(ctx.query)]
    return ctx.respond(200, {"odata.metadata": f"{ctx.base_url}/$metadata#pools", "value": pools})


async def _list_nodes(ctx: RequestContext) -> Response:
    pool_id = _named(ctx)
    counts = ctx.emulator.tasks.running_count()
    node = {
        "id": NODE_ID,
        "url": f"{ctx.base_url}/pools/{quote(pool_id, safe='')}/nodes/{NODE_ID}",
        "state": "running" if counts else "idle",
        "schedulingState": "enabled",
        "stateTransitionTime": iso7(ctx.emulator.account.clock()),
        "allocationTime": iso7(ctx.emulator.account.clock()),
        "ipAddress": "127.0.0.1",
        "vmSize": "emulator_local",
        "runningTasksCount": counts,
        "runningTaskSlotsCount": counts,
        "totalTasksRun": 0,
        "isDedicated": True,
    }
    return ctx.respond(200, {"odata.metadata": f"{ctx.base_url}/$metadata#nodes", "value": [node]})


#: The handler of each pool and node read, by operation id.
HANDLERS: dict[str, Handler] = {
    "pool.get": _get_pool,
    "pool.list": _list_pools,
    "compute_node.list": _list_nodes,
}
