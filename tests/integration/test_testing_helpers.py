"""``batchjobs.testing``'s loopback runner: starts, fails clearly, always stops."""

from __future__ import annotations

import logging
import socket
import threading

import httpx
import pytest

from batchjobs._auth import SharedKeyAuth
from batchjobs.testing import EmulatorServer, credentials_for


def test_runner_serves_and_stops() -> None:
    server = EmulatorServer()
    url = server.start()
    try:
        assert url.startswith("http://127.0.0.1:")
        assert httpx.get(url + "/_emulator/health").json()["status"] == "ok"
        with pytest.raises(RuntimeError, match="started already"):
            server.start()
    finally:
        server.stop()
    server.stop()  # idempotent
    with pytest.raises(RuntimeError, match="not running"):
        _ = server.url
    with pytest.raises(httpx.ConnectError):
        httpx.get(url + "/_emulator/health")


def test_runner_reports_a_port_in_use() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = EmulatorServer(port=port, startup_timeout=10, log_level="critical")
        with pytest.raises(RuntimeError, match="failed to start"):
            server.start()


def test_runner_stops_by_itself_after_its_lifetime() -> None:
    server = EmulatorServer(max_lifetime=0.05)
    server.start()
    thread = server._thread
    assert thread is not None
    thread.join(timeout=5)
    assert not thread.is_alive()
    server.stop()


def test_stopping_with_a_request_held_by_a_delay_is_quiet() -> None:
    """A request an injected delay still holds ends with a 503, and nothing is logged as an error."""
    server = EmulatorServer()
    url = server.start()
    errors: list[logging.LogRecord] = []
    handler = logging.Handler(logging.ERROR)
    handler.emit = errors.append  # type: ignore[method-assign]
    loggers = [logging.getLogger(name) for name in ("uvicorn", "uvicorn.error", "batchjobs")]
    server.emulator.inject_fault(operation="job.list", delay=600)
    answers: list[int] = []

    def list_jobs() -> None:
        auth = SharedKeyAuth(credentials_for(server.emulator))
        answers.append(
            httpx.get(url + "/jobs?api-version=2023-05-01.17.0", auth=auth, timeout=30).status_code
        )

    caller = threading.Thread(target=list_jobs)
    for logger in loggers:
        logger.addHandler(handler)
    try:
        caller.start()
        held = threading.Event()
        while caller.is_alive() and not held.wait(0.01):  # the request took the fault: it is held
            if not server.emulator.pending_faults():
                held.set()
        server.stop()
        caller.join(timeout=30)
    finally:
        for logger in loggers:
            logger.removeHandler(handler)
    assert answers == [503]
    assert [record.getMessage() for record in errors] == []
