"""``batchjobs.testing``'s loopback runner: starts, fails clearly, always stops."""

from __future__ import annotations

import socket

import httpx
import pytest

from batchjobs.testing import EmulatorServer


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
