"""The emulator's ASGI app: wiring only.

A request goes through the front door (``_routing.FrontDoor``), which sends ``/_emulator/…`` to the
control plane and everything else down the data plane::

    data:    Journal -> ErrorResponses -> LoopbackOnly -> Authentication -> Router -> FaultInjection
             -> Handlers
    control: ErrorResponses -> LoopbackOnly -> ControlPlaneGuard -> ControlPlane
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.types import Receive, Scope, Send

from .._api import ENDPOINTS
from ._auth import ACCOUNT_KEY, ACCOUNT_NAME
from ._control import GENERIC_ROUTES, ControlPlane
from ._emulator import Emulator
from ._middleware import (
    Authentication,
    ControlPlaneGuard,
    ErrorResponses,
    FaultInjection,
    Journal,
    LoopbackOnly,
)
from ._policy import Clock, TransitionPolicy
from ._routing import FrontDoor, Router, RouteTable
from .resources import CONTROL_ROUTES, HANDLERS, OWN_ENDPOINTS, Handlers
from .state._jobs import JobStore

__all__ = ["create_app"]


def create_app(
    emulator: Emulator | JobStore | None = None,
    *,
    clock: Clock | None = None,
    policy: TransitionPolicy | str | None = None,
    auth: bool = True,
    allow_tokens: bool = False,
    account_name: str = ACCOUNT_NAME,
    account_key: str = ACCOUNT_KEY,
) -> Starlette:
    """Build the emulator's ASGI app. State is passed in (or made here), never built in lifespan
    events, because ``httpx.ASGITransport`` does not send them.

    Args:
        emulator: The ``Emulator`` to serve (then leave the other arguments alone), or a ``JobStore``
            to wrap, or None for a fresh one.
        clock, policy, auth, allow_tokens, account_name, account_key: As for ``Emulator``.

    Returns:
        A Starlette app; ``app.state.emulator`` is the ``Emulator`` it serves.
    """
    if isinstance(emulator, Emulator):
        settings = (clock, policy, auth, allow_tokens, account_name, account_key)
        if settings != (None, None, True, False, ACCOUNT_NAME, ACCOUNT_KEY):
            raise TypeError("configure the Emulator you pass, not create_app")
        state = emulator
    else:
        state = Emulator(
            emulator,
            clock=clock,
            policy=policy,
            auth=auth,
            allow_tokens=allow_tokens,
            account_name=account_name,
            account_key=account_key,
        )
    served = (*ENDPOINTS.values(), *OWN_ENDPOINTS)
    table = RouteTable(endpoint for endpoint in served if endpoint.id in HANDLERS)
    data = Journal(
        ErrorResponses(LoopbackOnly(Authentication(Router(table, FaultInjection(Handlers(HANDLERS))))))
    )
    control = ErrorResponses(
        LoopbackOnly(ControlPlaneGuard(ControlPlane((*GENERIC_ROUTES, *CONTROL_ROUTES))))
    )
    app = _App(FrontDoor(state, table, data=data, control=control))
    app.state.emulator = state
    return app


class _App(Starlette):
    """The Starlette app with every HTTP request sent to the front door, whatever its path holds:
    a route's pattern would leave an id with an encoded line break (``%0A``) to a plain-text 404."""

    def __init__(self, front_door: FrontDoor) -> None:
        super().__init__()
        self._front_door = front_door

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            await self._front_door(scope, receive, send)
        else:
            await super().__call__(scope, receive, send)
