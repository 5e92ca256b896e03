"""``python -m batchjobs.emulator``: prints its URL, serves, stops cleanly on SIGTERM."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys

import httpx
import pytest

from batchjobs._auth import SharedKeyAuth, SharedKeyCredentials
from batchjobs.emulator import ACCOUNT_KEY, ACCOUNT_NAME
from batchjobs.emulator.__main__ import build_parser, main

from .conftest import Q


def read_line(process: subprocess.Popen[str], timeout: float) -> str:
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], timeout)
    assert ready, f"no URL line within {timeout} s"
    return process.stdout.readline().strip()


def test_cli_serves_and_stops_on_sigterm() -> None:
    env = {**os.environ, "BATCHJOBS_EMULATOR_POLICY": "instant"}
    process = subprocess.Popen(
        [sys.executable, "-m", "batchjobs.emulator", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        url = read_line(process, timeout=20)
        assert url.startswith("http://127.0.0.1:")
        auth = SharedKeyAuth(SharedKeyCredentials(ACCOUNT_NAME, ACCOUNT_KEY))
        with httpx.Client(base_url=url, auth=auth) as client:
            created = client.post("/jobs", params=Q, json={"id": "cli-job", "poolInfo": {"poolId": "p"}})
            assert created.status_code == 201
            assert created.headers["Location"] == f"{url}/jobs/cli-job"
            assert client.get("/jobs/cli-job", params=Q).json()["state"] == "active"
            assert client.get("/_emulator/health").json()["policy"] == "instant"
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.close()
        process.stderr.close()


def test_flags_have_environment_twins() -> None:
    env = {
        "BATCHJOBS_EMULATOR_HOST": "0.0.0.0",
        "BATCHJOBS_EMULATOR_PORT": "8123",
        "BATCHJOBS_EMULATOR_ACCOUNT_NAME": "acct",
        "BATCHJOBS_EMULATOR_ACCOUNT_KEY": "a2V5",
        "BATCHJOBS_EMULATOR_NO_AUTH": "true",
        "BATCHJOBS_EMULATOR_ALLOW_TOKENS": "1",
        "BATCHJOBS_EMULATOR_POLICY": "held",
        "BATCHJOBS_EMULATOR_MAX_LIFETIME": "60",
        "BATCHJOBS_EMULATOR_LOG_LEVEL": "info",
    }
    args = build_parser(env).parse_args([])
    assert (args.host, args.port, args.account_name, args.account_key) == ("0.0.0.0", 8123, "acct", "a2V5")
    assert (args.no_auth, args.allow_tokens, args.policy, args.max_lifetime, args.log_level) == (
        True,
        True,
        "held",
        60.0,
        "info",
    )
    flags = build_parser(env).parse_args(["--port", "9", "--policy", "instant"])
    assert (flags.port, flags.policy) == (9, "instant")
    defaults = build_parser({}).parse_args([])
    assert (defaults.host, defaults.port, defaults.no_auth, defaults.policy) == (
        "127.0.0.1",
        0,
        False,
        "reads:1",
    )


def test_bad_settings_exit_with_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--policy", "sometimes"]) == 2
    assert "not a transition policy" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        build_parser({"BATCHJOBS_EMULATOR_NO_AUTH": "maybe"})


def test_an_exposed_emulator_without_auth_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--no-auth", "--host", "0.0.0.0"]) == 2
    assert "--no-auth serves anyone" in capsys.readouterr().err


def test_an_exposed_emulator_with_the_public_key_is_warned_about(capsys: pytest.CaptureFixture[str]) -> None:
    # The bad policy stops it right after the exposure checks, before anything binds.
    assert main(["--host", "0.0.0.0", "--policy", "sometimes"]) == 2
    assert "WARNING: serving on 0.0.0.0 with the development account key" in capsys.readouterr().err
    assert main(["--host", "0.0.0.0", "--account-key", "c2VjcmV0", "--policy", "sometimes"]) == 2
    assert "WARNING" not in capsys.readouterr().err


def test_no_task_process_outlives_the_server(tmp_path: object) -> None:
    """A served emulator that runs command lines kills its tasks when it stops (checked from the OS)."""
    from pathlib import Path

    from .test_subprocess import alive, until

    root = Path(str(tmp_path))
    command = [sys.executable, "-m", "batchjobs.emulator", "--port", "0", "--executor", "subprocess"]
    process = subprocess.Popen(
        [*command, "--task-root", str(root), "--policy", "instant"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = read_line(process, timeout=20)
        auth = SharedKeyAuth(SharedKeyCredentials(ACCOUNT_NAME, ACCOUNT_KEY))
        with httpx.Client(base_url=url, auth=auth) as client:
            client.post("/jobs", params=Q, json={"id": "j", "poolInfo": {"poolId": "p"}})
            task = {"id": "t", "commandLine": "/bin/sh -c 'echo $$ > pid; exec sleep 60'"}
            assert client.post("/jobs/j/tasks", params=Q, json=task).status_code == 201
            refused = client.get("/jobs", params=Q, headers={"Host": "rebinding.example"})
            assert refused.status_code == 403
        pid_file = root / "workitems" / "j" / "job-1" / "t" / "wd" / "pid"
        assert until(lambda: pid_file.exists() and pid_file.read_text().strip() != "")
        pid = int(pid_file.read_text())
        assert alive(pid)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0
        assert until(lambda: not alive(pid))
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.close()
        process.stderr.close()
