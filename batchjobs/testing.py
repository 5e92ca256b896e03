"""Test helpers: a ``BatchServiceClient`` wired to the bundled emulator, in-process or over loopback
HTTP, and pytest fixtures for both.

In-process (no sockets; the app runs on the caller's event loop)::

    async with emulator_client() as client:
        await client.job.add(...)

Over loopback HTTP (a uvicorn server in its own thread, so blocking code can call it too)::

    with EmulatorServer() as server:
        async with server.client() as client:
            ...

pytest: add ``pytest_plugins = ["batchjobs.testing"]`` to your ``conftest.py`` for the fixtures
``batch_emulator`` (a fresh ``Emulator``), ``batch_client`` (an in-process client to it),
``batch_emulator_server`` (one loopback server per session) and ``batch_loopback_client`` (a client
to that server, whose state is reset for each test). Async fixtures need pytest-asyncio.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from types import TracebackType
from typing import Any, Protocol, TypeVar, cast

import httpx

from ._auth import SharedKeyCredentials, is_loopback_host
from ._client import BatchServiceClient
from .emulator import Emulator, create_app
from .emulator._server import UvicornServer
from .sync import BatchServiceClient as SyncBatchServiceClient

__all__ = ["IN_PROCESS_URL", "EmulatorServer", "credentials_for", "emulator_client", "sync_emulator_client"]

#: The account URL of in-process clients; no connection is ever made to it.
IN_PROCESS_URL = "http://localhost"


def credentials_for(emulator: Emulator) -> SharedKeyCredentials:
    """Shared Key credentials of the emulator's account."""
    return SharedKeyCredentials(emulator.auth.account_name, emulator.auth.account_key)


@asynccontextmanager
async def emulator_client(
    emulator: Emulator | None = None, **client_settings: Any
) -> AsyncIterator[BatchServiceClient]:
    """A ``BatchServiceClient`` that reaches an emulator in-process through ``httpx.ASGITransport``.

    Args:
        emulator: The emulator to talk to (a fresh one by default; keep a reference to control it).
        client_settings: More keyword arguments for ``BatchServiceClient`` (e.g. ``retry_policy``).
    """
    emulator = emulator if emulator is not None else Emulator()
    transport = httpx.ASGITransport(app=create_app(emulator))
    async with BatchServiceClient(
        credentials_for(emulator), IN_PROCESS_URL, transport=transport, **client_settings
    ) as client:
        yield client


def sync_emulator_client(emulator: Emulator | None = None, **client_settings: Any) -> SyncBatchServiceClient:
    """A blocking ``batchjobs.sync.BatchServiceClient`` that reaches an emulator in-process.

    The emulator app runs on the client's own event-loop thread, so this works in notebooks too.
    Close it (or use ``with``) when done.
    """
    emulator = emulator if emulator is not None else Emulator()
    transport = httpx.ASGITransport(app=create_app(emulator))
    return SyncBatchServiceClient(
        credentials_for(emulator), IN_PROCESS_URL, transport=transport, **client_settings
    )


class EmulatorServer:
    """Serve an emulator on loopback HTTP from a background thread.

    ``start()`` (or ``with``) returns once the server accepts connections; it raises
    ``RuntimeError`` if the server fails or does not come up within ``startup_timeout``. The server
    always stops on ``stop()``/leaving the ``with`` block, and by itself after ``max_lifetime``.

    Args:
        emulator: What to serve (a fresh ``Emulator`` by default).
        host: Interface to bind; loopback by default.
        port: Port to bind; 0 picks a free one.
        startup_timeout: Seconds to wait for the server to accept connections.
        max_lifetime: Seconds after which the server stops even if nobody stops it.
        log_level: uvicorn's log level.
    """

    def __init__(
        self,
        emulator: Emulator | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        startup_timeout: float = 10.0,
        max_lifetime: float = 3600.0,
        log_level: str = "warning",
    ) -> None:
        if emulator is not None and emulator.runs_commands and not is_loopback_host(host):
            raise ValueError("an emulator that runs command lines is served on a loopback host only")
        self._owns_emulator = emulator is None
        self.emulator = emulator if emulator is not None else Emulator()
        self._host, self._port = host, port
        self._startup_timeout = startup_timeout
        self._max_lifetime = max_lifetime
        self._log_level = log_level
        self._server: UvicornServer | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._url: str | None = None

    @property
    def url(self) -> str:
        """The server's base URL, e.g. ``http://127.0.0.1:40123``."""
        if self._url is None:
            raise RuntimeError("the emulator server is not running; call start() first")
        return self._url

    def start(self) -> str:
        """Start serving and return the URL once connections are accepted."""
        if self._thread is not None:
            raise RuntimeError("the emulator server was started already")
        self._server = UvicornServer(
            create_app(self.emulator),
            host=self._host,
            port=self._port,
            on_ready=self._on_ready,
            max_lifetime=self._max_lifetime,
            log_level=self._log_level,
        )
        self._thread = threading.Thread(target=self._run, name="batchjobs-emulator", daemon=True)
        self._thread.start()
        if not self._ready.wait(self._startup_timeout):
            self.stop()
            raise RuntimeError(
                f"the emulator server did not accept connections on {self._host}:{self._port} "
                f"within {self._startup_timeout} s"
            )
        if self._url is None:
            self.stop()
            raise RuntimeError(f"the emulator server failed to start on {self._host}:{self._port}") from (
                self._error
            )
        return self._url

    def _on_ready(self, url: str) -> None:
        self._url = url
        self._ready.set()

    def _run(self) -> None:
        assert self._server is not None
        try:
            self._server.run()
        except BaseException as exc:  # uvicorn ends a failed startup with SystemExit
            self._error = exc
        finally:
            self._ready.set()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the server and wait for its thread (idempotent)."""
        server, thread = self._server, self._thread
        if server is None or thread is None:
            return
        server.should_exit = True
        thread.join(timeout)
        if thread.is_alive():
            server.force_exit = True
            thread.join(timeout)
        self._url = None
        if self._owns_emulator:
            self.emulator.close()

    def client(self, **client_settings: Any) -> BatchServiceClient:
        """A new ``BatchServiceClient`` for this server (use it with ``async with``)."""
        return BatchServiceClient(credentials_for(self.emulator), self.url, **client_settings)

    def __enter__(self) -> EmulatorServer:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


# --- pytest fixtures (only when pytest is installed) -------------------------------------------------

try:
    import pytest
except ImportError:  # pragma: no cover - the helpers above work without pytest
    pass
else:
    _F = TypeVar("_F", bound=Callable[..., Any])

    class _Decorator(Protocol):
        def __call__(self, fn: _F, /) -> _F: ...

    # Without pytest-asyncio, e.g. anyio's plugin drives async fixtures instead.
    _async_fixture = cast(_Decorator, pytest.fixture)
    try:
        import pytest_asyncio
    except ImportError:  # pragma: no cover
        pass
    else:
        _async_fixture = cast(_Decorator, pytest_asyncio.fixture)

    @pytest.fixture
    def batch_emulator(request: pytest.FixtureRequest) -> Iterator[Emulator]:
        """A fresh emulator (Shared Key on, transitions settle after one read), closed afterwards.

        Its executor is ``simulate`` unless the test asks for another one through indirect
        parametrization: ``@pytest.mark.parametrize("batch_emulator", ["subprocess"], indirect=True)``.
        """
        with Emulator(executor=getattr(request, "param", "simulate")) as emulator:
            yield emulator

    @_async_fixture
    async def batch_client(batch_emulator: Emulator) -> AsyncIterator[BatchServiceClient]:
        """An in-process ``BatchServiceClient`` talking to ``batch_emulator``."""
        async with emulator_client(batch_emulator) as client:
            yield client

    @pytest.fixture(scope="session")
    def batch_emulator_server() -> Iterator[EmulatorServer]:
        """One loopback emulator server for the test session."""
        with EmulatorServer() as server:
            yield server

    @_async_fixture
    async def batch_loopback_client(
        batch_emulator_server: EmulatorServer,
    ) -> AsyncIterator[BatchServiceClient]:
        """A client of the session's loopback server; the server's state is reset first."""
        batch_emulator_server.emulator.reset()
        async with batch_emulator_server.client() as client:
            yield client
