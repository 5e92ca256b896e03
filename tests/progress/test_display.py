"""The pieces of the progress display: rate and estimate from the counts between polls, the text, the
choice of display, and Jupyter (with a stand-in for IPython, and in a real kernel)."""

from __future__ import annotations

import io
import os
import re
import sys
import types
from typing import Any

import nbclient
import nbformat
import pytest

from batchjobs import _progress, models
from batchjobs._progress import LogLines, NotebookDisplay, Snapshot, StatusLine, TqdmBar, Tracker, duration


def result(active: int, running: int, completed: int, failed: int = 0) -> models.TaskCountsResult:
    tasks = models.TaskCounts(
        active=active, running=running, completed=completed, succeeded=completed - failed, failed=failed
    )
    slots = models.TaskSlotCounts(
        active=active, running=running, completed=completed, succeeded=completed - failed, failed=failed
    )
    return models.TaskCountsResult(task_counts=tasks, task_slot_counts=slots)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_rate_comes_from_the_counts_of_the_last_polls() -> None:
    clock = Clock()
    tracker = Tracker(clock, window=3)
    first = tracker.update(result(10, 0, 0))
    assert (first.rate, first.eta, first.elapsed) == (None, None, 0.0)
    clock.now += 2
    assert tracker.update(result(6, 2, 2)).rate == 1.0
    clock.now += 2
    snapshot = tracker.update(result(0, 2, 8))
    assert snapshot.rate == 2.0  # 8 tasks in 4 s
    assert snapshot.eta == 1.0  # 2 left
    clock.now += 4
    later = tracker.update(result(0, 2, 8))
    assert later.rate == 1.0  # the window moved on past the first poll: (8 - 2) / 6 s
    assert later.elapsed == 8.0
    clock.now += 2
    # Reactivated tasks leave "completed": the rate never goes below zero, and with no rate, no estimate.
    stalled = tracker.update(result(4, 0, 6))
    assert stalled.rate == 0.0
    assert stalled.eta is None
    assert "0.0 tasks/s, ETA --" in stalled.status()


def test_the_texts() -> None:
    snapshot = Snapshot(active=141, running=8, completed=151, failed=1, elapsed=75.0, rate=26.5)
    assert snapshot.total == 300
    assert snapshot.status() == (
        "completed 151/300 (1 failed), active 141, running 8, 26.5 tasks/s, ETA 0:06"
    )
    assert snapshot.summary() == "completed 151/300 (1 failed) in 1:15"
    slow = Snapshot(active=0, running=3600, completed=0, failed=0, elapsed=1.0, rate=0.5)
    assert slow.speed() == "30.0 tasks/min, ETA 2:00:00"
    assert [duration(s) for s in (0, 59.4, 59.6, 3599, 3600, 90061)] == [
        "0:00", "0:59", "1:00", "59:59", "1:00:00", "25:01:01",
    ]  # fmt: skip


def test_which_display() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    pipe, terminal = io.StringIO(), Terminal()
    assert _progress.open_display(None, "j", pipe) is None
    assert _progress.open_display(False, "j", terminal) is None
    assert isinstance(_progress.open_display(True, "j", pipe), LogLines)
    assert isinstance(_progress.open_display(None, "j", terminal), TqdmBar)
    with open(os.devnull, "w") as closed:
        pass
    assert _progress.open_display(None, "j", closed) is None  # isatty() of a closed stream raises
    assert not _progress.in_notebook()


def test_which_display_without_tqdm(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setitem(sys.modules, "tqdm", None)
    assert isinstance(_progress.open_display(None, "j", Terminal()), StatusLine)


class FakeHandle:
    def __init__(self, calls: list[tuple[str, dict[str, str]]]) -> None:
        self.calls = calls

    def update(self, bundle: dict[str, str], raw: bool = False) -> None:
        assert raw
        self.calls.append(("update", bundle))


def fake_ipython(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, dict[str, str]]]:
    """IPython as a kernel shows it: ``get_ipython()`` has a kernel; ``display`` records what it shows."""
    calls: list[tuple[str, dict[str, str]]] = []

    def display(bundle: dict[str, str], raw: bool = False, display_id: Any = None) -> FakeHandle:
        assert raw
        assert display_id is True
        calls.append(("display", bundle))
        return FakeHandle(calls)

    shell = types.SimpleNamespace(kernel=object())
    monkeypatch.setitem(sys.modules, "IPython", types.SimpleNamespace(get_ipython=lambda: shell))
    monkeypatch.setitem(sys.modules, "IPython.display", types.SimpleNamespace(display=display))
    return calls


def test_in_a_notebook_one_output_is_updated_in_place(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = fake_ipython(monkeypatch)
    assert _progress.in_notebook()
    display = _progress.open_display(None, "job <1>", io.StringIO())  # shown although stdout is no terminal
    assert isinstance(display, NotebookDisplay)
    display.show(Snapshot(active=3, running=1, completed=0, failed=0, elapsed=0.0, rate=None))
    done = Snapshot(active=0, running=0, completed=4, failed=1, elapsed=2.0, rate=2.0)
    display.show(done)
    display.finish(done, True)
    assert [kind for kind, _ in calls] == ["display", "update", "update"]
    first, last = calls[0][1], calls[-1][1]
    assert first["text/plain"] == "job <1>: completed 0/4 (0 failed), active 3, running 1, -- tasks/s, ETA --"
    assert '<progress value="0" max="4"' in first["text/html"]
    assert "job &lt;1&gt;: completed 0/4" in first["text/html"]  # escaped
    assert last["text/plain"] == "job <1>: completed 4/4 (1 failed) in 2.0 s"
    assert '<progress value="4" max="4"' in last["text/html"]


def test_in_a_notebook_a_wait_that_stops_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = fake_ipython(monkeypatch)
    display = _progress.open_display(True, "j", None)
    assert display is not None
    snapshot = Snapshot(active=3, running=1, completed=0, failed=0, elapsed=9.0, rate=0.0)
    display.show(snapshot)
    display.finish(snapshot, False)
    assert calls[-1][1]["text/plain"].endswith("(stopped waiting)")


def test_a_display_that_never_showed_finishes_quietly() -> None:
    out = io.StringIO()
    for display in (LogLines(out, "j"), StatusLine(out, "j"), TqdmBar(__import__("tqdm"), out, "j")):
        display.finish(None, True)
    assert out.getvalue() == ""


def test_progress_in_a_real_jupyter_kernel_with_the_async_client() -> None:
    """Top-level await in a kernel, ``progress`` left to its default: the kernel is detected and one
    output of the cell ends with the summary."""
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell(
            "from batchjobs import models\n"
            "from batchjobs.emulator import Emulator\n"
            "from batchjobs.testing import emulator_client\n"
            "emulator = Emulator()\n"
            "async with emulator_client(emulator) as client:\n"
            "    pool = models.PoolInformation(pool_id='p')\n"
            "    await client.job.add(models.JobAddParameter(id='job-1', pool_info=pool))\n"
            "    tasks = [models.TaskAddParameter(id=f'task-{n}', command_line='run') for n in range(6)]\n"
            "    emulator.script_tasks('job-1', 'task-4', exit_code=1, stderr='no')\n"
            "    await client.task.add_collection('job-1', tasks)\n"
            "    counts = await client.job.wait_for_tasks_complete('job-1', min_interval=0.01, max_interval=0.01)"
        ),
        nbformat.v4.new_code_cell("print(counts.task_counts.completed, counts.task_counts.failed)"),
    ]
    nbclient.NotebookClient(notebook, timeout=60, kernel_name="python3").execute()
    progress, printed = notebook.cells[0].outputs, notebook.cells[1].outputs
    assert printed[0]["text"] == "6 1\n"
    assert len(progress) == 1  # updated in place, not one output per poll
    assert progress[0]["output_type"] == "display_data"
    assert re.fullmatch(r"job-1: completed 6/6 \(1 failed\) in \d+\.\d s", progress[0]["data"]["text/plain"])
    assert '<progress value="6" max="6"' in progress[0]["data"]["text/html"]
