"""``wait_for_tasks_complete(progress=...)``: what it shows where, on the waiter's injected clock."""

from __future__ import annotations

import importlib
import io
import itertools
import subprocess
import sys
from typing import Any

import pytest

from batchjobs import BatchServiceClient, RetryPolicy, WaitTimeoutError, models
from batchjobs.emulator import Emulator, ManualClock
from batchjobs.testing import sync_emulator_client
from tests.waiters.support import FakeTime, counts, job


class Terminal(io.StringIO):
    """A captured stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


async def run_three_polls(
    client: BatchServiceClient, emulator: Emulator, time: FakeTime, **kwargs: Any
) -> models.TaskCountsResult:
    """Polls at t=0, 2 and 4 seconds: 0, then 4, then all 10 tasks completed (one failed)."""
    await client.job.add(job())
    emulator.set_task_counts("job-1", counts(active=6, running=4, succeeded=0))
    time.at_sleep(1, lambda: emulator.set_task_counts("job-1", counts(active=2, running=4, succeeded=4)))
    time.at_sleep(
        2, lambda: emulator.set_task_counts("job-1", counts(active=0, running=0, succeeded=9, failed=1))
    )
    return await client.job.wait_for_tasks_complete(
        "job-1", min_interval=2, max_interval=2, sleep=time.sleep, clock=time.clock, **kwargs
    )


LINES = [
    "job-1: completed 0/10 (0 failed), active 6, running 4, -- tasks/s, ETA --",
    "job-1: completed 4/10 (0 failed), active 2, running 4, 2.0 tasks/s, ETA 0:03",
    "job-1: completed 10/10 (1 failed), active 0, running 0, 2.5 tasks/s, ETA 0:00",
]
SUMMARY = "job-1: completed 10/10 (1 failed) in 4.0 s"


async def test_progress_true_off_a_terminal_prints_one_line_per_change(
    client: BatchServiceClient, emulator: Emulator, time: FakeTime, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: list[int] = []
    final = await run_three_polls(
        client, emulator, time, progress=True, on_poll=lambda c: seen.append(c.task_counts.completed)
    )
    assert final.task_counts.failed == 1
    assert capsys.readouterr().out.splitlines() == [*LINES, SUMMARY]
    assert seen == [0, 4, 10]  # on_poll still gets every poll


async def test_unchanged_counts_print_no_new_line(
    client: BatchServiceClient, emulator: Emulator, time: FakeTime, capsys: pytest.CaptureFixture[str]
) -> None:
    await client.job.add(job())
    emulator.set_task_counts("job-1", counts(active=1, running=1, succeeded=0))
    time.at_sleep(3, lambda: emulator.set_task_counts("job-1", counts(active=0, running=0, succeeded=2)))
    await client.job.wait_for_tasks_complete(
        "job-1", progress=True, min_interval=1, max_interval=1, sleep=time.sleep, clock=time.clock
    )
    assert capsys.readouterr().out.splitlines() == [
        "job-1: completed 0/2 (0 failed), active 1, running 1, -- tasks/s, ETA --",
        "job-1: completed 2/2 (0 failed), active 0, running 0, 40.0 tasks/min, ETA 0:00",
        "job-1: completed 2/2 (0 failed) in 3.0 s",
    ]


async def test_by_default_nothing_is_shown_off_a_terminal(
    client: BatchServiceClient, emulator: Emulator, time: FakeTime, capsys: pytest.CaptureFixture[str]
) -> None:
    await run_three_polls(client, emulator, time)
    assert capsys.readouterr().out == ""


async def test_progress_false_shows_nothing_even_on_a_terminal(
    client: BatchServiceClient, emulator: Emulator, time: FakeTime, monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    await run_three_polls(client, emulator, time, progress=False)
    assert terminal.getvalue() == ""


@pytest.mark.parametrize("progress", [None, True])
async def test_a_terminal_without_tqdm_gets_one_status_line_rewritten_in_place(
    client: BatchServiceClient,
    emulator: Emulator,
    time: FakeTime,
    monkeypatch: pytest.MonkeyPatch,
    progress: bool | None,
) -> None:
    monkeypatch.setitem(sys.modules, "tqdm", None)  # import tqdm now fails, as without the extra
    monkeypatch.setenv("COLUMNS", "200")
    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    await run_three_polls(client, emulator, time, progress=progress)
    out = terminal.getvalue()
    assert out.endswith("\n")
    assert out.count("\n") == 1  # one line, rewritten
    rewrites = out[:-1].split("\r")
    assert rewrites[0] == ""
    assert [text.rstrip(" ") for text in rewrites[1:]] == [*LINES, SUMMARY]
    # Each rewrite covers what the one before it left on the line.
    assert all(len(after) >= len(before.rstrip(" ")) for before, after in itertools.pairwise(rewrites[1:]))


async def test_a_status_line_is_cut_to_the_terminal_width(
    client: BatchServiceClient, emulator: Emulator, time: FakeTime, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "tqdm", None)
    monkeypatch.setenv("COLUMNS", "41")
    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    await run_three_polls(client, emulator, time)
    rewrites = terminal.getvalue()[:-1].split("\r")[1:]
    assert rewrites[0] == LINES[0][:37] + "..."
    assert all(len(text) == 40 for text in rewrites)


async def test_a_terminal_with_tqdm_gets_its_bar(
    client: BatchServiceClient, emulator: Emulator, time: FakeTime, monkeypatch: pytest.MonkeyPatch
) -> None:
    tqdm = importlib.import_module("tqdm")  # in the test extra

    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    await run_three_polls(client, emulator, time, progress=True)
    draws = [text for text in terminal.getvalue().split("\r") if text]
    assert draws[0].startswith("job-1:   0%|")
    assert draws[0].endswith("| 0/10 completed, active 6, running 4, failed 0, -- tasks/s, ETA --")
    assert "| 4/10 completed, active 2, running 4, failed 0, 2.0 tasks/s, ETA 0:03" in draws[1]
    assert draws[1].startswith("job-1:  40%|")
    assert draws[-1].startswith("job-1: 100%|")
    assert draws[-1].endswith("| 10/10 completed, 1 failed, in 4.0 s\n")
    assert tqdm.tqdm.monitor_interval == 10  # the caller's own bars keep tqdm's monitor thread


async def test_an_error_while_waiting_ends_the_status_line(
    client: BatchServiceClient, emulator: Emulator, time: FakeTime, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "tqdm", None)
    monkeypatch.setenv("COLUMNS", "200")
    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    await client.job.add(job())
    emulator.set_task_counts("job-1", counts(active=3, running=1, succeeded=2))
    with pytest.raises(WaitTimeoutError):
        await client.job.wait_for_tasks_complete(
            "job-1", min_interval=2, max_interval=2, timeout=3, sleep=time.sleep, clock=time.clock
        )
    out = terminal.getvalue()
    assert out.endswith("\n")  # the next output starts on a line of its own
    assert out.rstrip().split("\r")[-1].startswith("job-1: completed 2/6 (0 failed), active 3, running 1")
    assert "in 3.0 s" not in out  # no summary: the wait did not end with its tasks complete


async def test_a_stream_that_breaks_stops_the_display_not_the_wait(
    client: BatchServiceClient, emulator: Emulator, time: FakeTime, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Broken(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError("the reader went away")

    monkeypatch.setattr(sys, "stdout", Broken())
    seen: list[int] = []
    final = await run_three_polls(
        client, emulator, time, progress=True, on_poll=lambda c: seen.append(c.task_counts.completed)
    )
    assert final.task_counts.completed == 10
    assert seen == [0, 4, 10]


async def test_progress_is_checked_before_any_request(client: BatchServiceClient, emulator: Emulator) -> None:
    with pytest.raises(TypeError, match="progress must be True, False or None"):
        await client.job.wait_for_tasks_complete("job-1", progress="yes")  # type: ignore[arg-type]
    assert emulator.requests() == []


def test_the_sync_client_shows_progress_from_its_loop_thread(capsys: pytest.CaptureFixture[str]) -> None:
    emulator = Emulator(clock=ManualClock(), policy="reads:1")
    assert isinstance(emulator.clock, ManualClock)
    time = FakeTime(emulator.clock)
    with sync_emulator_client(emulator, retry_policy=RetryPolicy.immediate()) as client:
        client.job.add(job())
        emulator.set_task_counts("job-1", counts(active=1, running=1, succeeded=0))
        time.at_sleep(1, lambda: emulator.set_task_counts("job-1", counts(active=0, running=0, succeeded=2)))
        final = client.job.wait_for_tasks_complete(
            "job-1", progress=True, min_interval=5, max_interval=5, sleep=time.sleep, clock=time.clock
        )
    assert final.task_counts.succeeded == 2
    assert capsys.readouterr().out.splitlines() == [
        "job-1: completed 0/2 (0 failed), active 1, running 1, -- tasks/s, ETA --",
        "job-1: completed 2/2 (0 failed), active 0, running 0, 24.0 tasks/min, ETA 0:00",
        "job-1: completed 2/2 (0 failed) in 5.0 s",
    ]


def test_import_batchjobs_loads_no_progress_code() -> None:
    code = (
        "import sys, batchjobs\n"
        "before = sorted(m for m in ('batchjobs._progress', 'tqdm', 'IPython') if m in sys.modules)\n"
        "from batchjobs.testing import sync_emulator_client\n"
        "with sync_emulator_client() as client:\n"
        "    from batchjobs import models\n"
        "    client.job.add(models.JobAddParameter(id='j', pool_info=models.PoolInformation(pool_id='p')))\n"
        "    client.job.wait_for_tasks_complete('j')\n"
        "print(before, 'tqdm' in sys.modules, 'IPython' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    # Nothing of it on import; tqdm and IPython not even once a wait ran (off a terminal).
    assert result.stdout.strip() == "[] False False"
