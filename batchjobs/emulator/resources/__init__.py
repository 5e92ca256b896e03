"""The emulator's resources: one module per resource with its handlers (by operation id) and its
control-plane endpoints, gathered here for the app.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from starlette.types import Receive, Scope, Send

from .._context import Handler, context_of
from .._control import ControlRoute
from .._errors import bad_header
from . import files, jobs, pools, tasks

__all__ = ["CONTROL_ROUTES", "HANDLERS", "OWN_ENDPOINTS", "Handlers"]

#: Every operation the emulator serves, by id.
HANDLERS: Mapping[str, Handler] = {**jobs.HANDLERS, **tasks.HANDLERS, **files.HANDLERS, **pools.HANDLERS}
#: Operations the emulator serves beyond the client's records (the pool reads tools make).
OWN_ENDPOINTS = pools.ENDPOINTS
#: The resources' control-plane endpoints.
CONTROL_ROUTES: tuple[ControlRoute, ...] = (*jobs.CONTROL_ROUTES, *tasks.CONTROL_ROUTES)


class Handlers:
    """The end of the data plane: runs the matched operation's handler and sends its response."""

    def __init__(self, handlers: Mapping[str, Handler]) -> None:
        self.handlers = handlers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        ctx = context_of(scope)
        client_request_id = ctx.headers.get("client-request-id")
        if client_request_id:
            try:
                uuid.UUID(client_request_id)
            except ValueError:
                raise bad_header("client-request-id", client_request_id, "must be a GUID") from None
        assert ctx.endpoint is not None  # the router let only served operations through
        response = await self.handlers[ctx.endpoint.id](ctx)
        await response(scope, receive, send)
