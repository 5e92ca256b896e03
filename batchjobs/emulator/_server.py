"""uvicorn, adapted to the emulator's two ways of being served: the CLI and a test thread.

Both need to know the real port after binding port 0 and to stop on request; the CLI also stops
on SIGINT/SIGTERM with exit status 0 (plain uvicorn re-raises the signal after shutting down,
which ends the process with the signal's status instead).
"""

from __future__ import annotations

import contextlib
import json
import signal
import socket
import threading
import time
from collections.abc import Callable, Generator

import anyio
import uvicorn
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["UvicornServer", "format_url"]

_REQUEST_GRACE = 0.5  # seconds running requests get to finish when the server stops


def format_url(host: str, port: int) -> str:
    """``http://host:port``, with brackets for an IPv6 address."""
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


class UvicornServer(uvicorn.Server):
    """A uvicorn server that reports its URL once it accepts connections.

    Args:
        app: The ASGI app.
        host: Interface to bind (loopback by default).
        port: Port to bind; 0 picks a free one.
        on_ready: Called with the URL once the socket listens.
        max_lifetime: Seconds after which the server stops by itself (None: never).
        handle_signals: Stop cleanly on SIGINT/SIGTERM (main thread only).
        log_level: uvicorn's log level.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        on_ready: Callable[[str], None] | None = None,
        max_lifetime: float | None = None,
        handle_signals: bool = False,
        log_level: str = "warning",
    ) -> None:
        self._requests = _QuietShutdown(app)
        config = uvicorn.Config(
            self._requests,
            host=host,
            port=port,
            lifespan="off",
            log_level=log_level,
            access_log=False,
            timeout_graceful_shutdown=1,
        )
        super().__init__(config)
        self.url: str | None = None
        self._on_ready = on_ready
        self._deadline = time.monotonic() + max_lifetime if max_lifetime else None
        self._handle_signals = handle_signals

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if not self.started:
            return
        address = self.servers[0].sockets[0].getsockname()
        self.url = format_url(self.config.host, address[1])
        if self._on_ready is not None:
            self._on_ready(self.url)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        # Requests still running after a short grace end with a 503 before uvicorn's own shutdown,
        # which would cancel them with an error in the log.
        with anyio.move_on_after(_REQUEST_GRACE):
            await self._requests.wait_idle()
        self._requests.end_requests()
        await super().shutdown(sockets)

    async def on_tick(self, counter: int) -> bool:
        if self._deadline is not None and time.monotonic() >= self._deadline:
            return True
        return await super().on_tick(counter)

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        if not self._handle_signals or threading.current_thread() is not threading.main_thread():
            yield
            return

        def stop(signum: int, frame: object) -> None:
            self.should_exit = True

        previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)


_SHUTTING_DOWN = json.dumps(
    {"code": "ServerBusy", "message": {"lang": "en-US", "value": "The emulator is shutting down."}}
).encode()


class _QuietShutdown:
    """Lets the server end the requests still running when it stops (one an injected delay holds,
    say) with a 503, where uvicorn would cancel them after its grace period and log an error."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._running: set[anyio.CancelScope] = set()
        self._idle: anyio.Event | None = None

    async def wait_idle(self) -> None:
        """Return once no request is running."""
        if self._running:
            self._idle = anyio.Event()
            await self._idle.wait()

    def end_requests(self) -> None:
        for scope in self._running:
            scope.cancel()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        with anyio.CancelScope() as cancel_scope:
            self._running.add(cancel_scope)
            try:
                await self.app(scope, receive, tracked)
            finally:
                self._running.discard(cancel_scope)
                if not self._running and self._idle is not None:
                    self._idle.set()
        if cancel_scope.cancelled_caught and not started:
            headers = [(b"content-type", b"application/json"), (b"connection", b"close")]
            await send({"type": "http.response.start", "status": 503, "headers": headers})
            await send({"type": "http.response.body", "body": _SHUTTING_DOWN})
