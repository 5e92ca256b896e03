"""The control plane under ``/_emulator/…``: JSON endpoints for what tests (and tools in other
languages) need beyond the Batch API. No Shared Key is needed. Each endpoint calls the ``Emulator``
method of the same name, so Python tests can do the same without HTTP.

The generic endpoints are here; each resource module registers its own (``resources.jobs``):

``GET  health``                              status, job count, account name, policy
``POST reset``                               forget everything
``GET|PUT policy``                           ``{"policy": "reads:2", "jobId": optional}``
``POST release``                             ``{"jobId": optional}``: settle pending transitions now
``POST clock/advance``                       ``{"seconds": 5}`` (ManualClock only); ``GET clock``
``GET|POST|DELETE faults``                   list, add (``Fault`` fields in camelCase), clear
``GET|DELETE journal``                       the request journal
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

import attrs
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from ._context import RequestContext, context_of
from ._emulator import Emulator
from ._errors import BatchServiceError
from ._faults import Fault
from ._policy import ManualClock, TransitionPolicy, check_seconds
from ._validate import load_json
from ._wire import iso7

__all__ = [
    "GENERIC_ROUTES",
    "ControlCall",
    "ControlPlane",
    "ControlRoute",
    "bad_request",
    "seconds_field",
    "text_field",
]


def bad_request(message: str) -> BatchServiceError:
    """The control plane's 400 for a body it cannot use."""
    return BatchServiceError(400, "InvalidRequestBody", message)


def text_field(body: dict[str, Any], name: str) -> str | None:
    """The string ``body[name]`` (None if absent); a 400 for anything else."""
    value = body.get(name)
    if value is not None and not isinstance(value, str):
        raise bad_request(f"{name!r} must be a string, not {value!r}")
    return value


def seconds_field(body: dict[str, Any], name: str = "seconds") -> float:
    """The number of seconds ``body[name]`` (0 if absent); a 400 unless from 0 to ten years."""
    try:
        return check_seconds(body.get(name, 0), repr(name))
    except ValueError as exc:
        raise bad_request(str(exc)) from None


@attrs.frozen
class ControlCall:
    """One control-plane request, as its handler sees it: the emulator, the path parameters, the body."""

    emulator: Emulator
    ctx: RequestContext
    params: dict[str, str]

    async def body(self) -> dict[str, Any]:
        """The JSON object sent (an empty body reads as ``{}``)."""
        content = await self.ctx.body()
        if not content.strip():
            return {}
        try:
            data = load_json(content)
        except BatchServiceError:
            raise bad_request("The request body is not valid JSON.") from None
        if not isinstance(data, dict):
            raise bad_request("The request body must be a JSON object.")
        return data


#: A control-plane handler: returns the JSON to answer with.
ControlHandler = Callable[[ControlCall], Awaitable[Any]]


@attrs.frozen
class ControlRoute:
    """One control-plane endpoint.

    Attributes:
        methods: The HTTP methods it answers.
        path: Under ``/_emulator/``; ``{name}`` segments are parameters (``jobs/{job_id}/release``).
        handler: Returns the JSON to answer with.
        status: The status of a successful answer.
    """

    methods: tuple[str, ...]
    path: str
    handler: ControlHandler
    status: int = 200

    def match(self, method: str, parts: list[str]) -> dict[str, str] | None:
        template = self.path.split("/")
        if method not in self.methods or len(template) != len(parts):
            return None
        params: dict[str, str] = {}
        for expected, part in zip(template, parts, strict=True):
            if expected.startswith("{"):
                params[expected[1:-1]] = part
            elif expected != part.lower():
                return None
        return params


def _json(data: Any, status: int = 200) -> Response:
    return Response(json.dumps(data).encode(), status_code=status, media_type="application/json")


class ControlPlane:
    """Serves the control plane from a table of ``ControlRoute``; 404 for a path it does not have,
    405 for a method a path does not take.

    Errors are raised as ``BatchServiceError`` for the error layer around it to render.
    """

    def __init__(self, routes: Iterable[ControlRoute]) -> None:
        self.routes = tuple(routes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        ctx = context_of(scope)
        parts = ctx.segments[1:]
        for route in self.routes:
            params = route.match(ctx.method, parts)
            if params is not None:
                data = await route.handler(ControlCall(ctx.emulator, ctx, params))
                await _json(data, route.status)(scope, receive, send)
                return
        allowed = sorted(
            {m for route in self.routes for m in route.methods if route.match(m, parts) is not None}
        )
        if allowed:
            raise BatchServiceError(
                405,
                "UnsupportedHttpVerb",
                f"/_emulator/{'/'.join(parts)} takes {', '.join(allowed)}, not {ctx.method}.",
                headers={"Allow": ", ".join(allowed)},
            )
        raise BatchServiceError(
            404, "ResourceNotFound", f"The control plane has no /_emulator/{'/'.join(parts)}."
        )


# --- the generic endpoints ------------------------------------------------------------------------


async def _health(call: ControlCall) -> Any:
    return call.emulator.health()


async def _reset(call: ControlCall) -> Any:
    call.emulator.reset()
    return {"status": "reset"}


async def _get_policy(call: ControlCall) -> Any:
    return {"policy": call.emulator.account.policy.to_text()}


async def _set_policy(call: ControlCall) -> Any:
    body = await call.body()
    policy, job_id = text_field(body, "policy"), text_field(body, "jobId")
    try:
        call.emulator.set_policy(TransitionPolicy.parse(policy or ""), job_id)
    except ValueError as exc:
        raise bad_request(f"give a policy: instant, reads[:N], clock:SECONDS or held ({exc})") from None
    return {"policy": policy, "jobId": job_id}


async def _release(call: ControlCall) -> Any:
    return {"settled": call.emulator.release(text_field(await call.body(), "jobId"))}


async def _clock(call: ControlCall) -> Any:
    emulator = call.emulator
    return {"now": iso7(emulator.clock()), "manual": isinstance(emulator.clock, ManualClock)}


async def _advance_clock(call: ControlCall) -> Any:
    seconds = seconds_field(await call.body())
    try:
        call.emulator.advance_clock(seconds)
    except TypeError as exc:
        raise BatchServiceError(409, "OperationInvalidForCurrentState", str(exc)) from None
    return {"now": iso7(call.emulator.clock())}


async def _list_faults(call: ControlCall) -> Any:
    return {"value": [fault.to_json() for fault in call.emulator.pending_faults()]}


async def _add_fault(call: ControlCall) -> Any:
    try:
        fault = call.emulator.inject_fault(Fault.from_json(await call.body()))
    except (TypeError, ValueError) as exc:
        raise bad_request(str(exc)) from None
    return fault.to_json()


async def _clear_faults(call: ControlCall) -> Any:
    call.emulator.clear_faults()
    return {"value": []}


async def _journal(call: ControlCall) -> Any:
    return {"value": call.emulator.requests()}


async def _clear_journal(call: ControlCall) -> Any:
    call.emulator.clear_journal()
    return {"value": []}


GENERIC_ROUTES = (
    ControlRoute(("GET",), "health", _health),
    ControlRoute(("POST",), "reset", _reset),
    ControlRoute(("GET",), "policy", _get_policy),
    ControlRoute(("PUT", "POST"), "policy", _set_policy),
    ControlRoute(("POST",), "release", _release),
    ControlRoute(("GET",), "clock", _clock),
    ControlRoute(("POST",), "clock/advance", _advance_clock),
    ControlRoute(("GET",), "faults", _list_faults),
    ControlRoute(("DELETE",), "faults", _clear_faults),
    ControlRoute(("POST",), "faults", _add_fault, status=201),
    ControlRoute(("GET",), "journal", _journal),
    ControlRoute(("DELETE",), "journal", _clear_journal),
)
