"""What ``wait_for_tasks_complete(progress=...)`` shows while it waits: a job's task counts, how fast its
tasks complete and an estimate of the time left, updated in place after every poll.

Where it goes: in Jupyter, one output of the cell updated in place (a progress bar in HTML, text for
other front ends); on a terminal, a tqdm bar when tqdm is installed (``batchjobs[progress]``), else a
single status line rewritten in place; anywhere else (a pipe, a log file) nothing unless asked for,
and then one line per change of the counts. The rate and the estimate come from the counts of the
last polls, read on the waiter's clock. tqdm and IPython are imported only by a wait that shows
progress on a terminal or in a notebook.
"""

from __future__ import annotations

import functools
import html
import importlib
import logging
import shutil
import sys
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Protocol, TextIO

import attrs

if TYPE_CHECKING:
    from .models import TaskCountsResult

__all__ = [
    "RATE_WINDOW",
    "Display",
    "LogLines",
    "NotebookDisplay",
    "Snapshot",
    "StatusLine",
    "TqdmBar",
    "Tracker",
    "duration",
    "in_notebook",
    "open_display",
    "watching",
]

_log = logging.getLogger("batchjobs")

Clock = Callable[[], float]
OnPoll = Callable[["TaskCountsResult"], object]

#: The rate is measured over this many polls: enough to smooth the jitter of the poll intervals,
#: few enough to follow a change of pace (polls back off, so the window widens as a job runs longer).
RATE_WINDOW = 10


def duration(seconds: float) -> str:
    """``m:ss`` or ``h:mm:ss``."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


@attrs.frozen
class Snapshot:
    """A job's task counts at one poll, with the rate of completions since the earlier polls.

    Attributes:
        active: Tasks waiting for a slot.
        running: Tasks running.
        completed: Tasks completed, failed ones included.
        failed: Completed tasks that failed.
        elapsed: Seconds since the wait began.
        rate: Tasks completed per second over the last polls; ``None`` before a second poll.
    """

    active: int
    running: int
    completed: int
    failed: int
    elapsed: float
    rate: float | None

    @property
    def total(self) -> int:
        return self.active + self.running + self.completed

    @property
    def remaining(self) -> int:
        return self.active + self.running

    @property
    def eta(self) -> float | None:
        """Seconds left at the current rate; ``None`` while no rate is known (or nothing completes)."""
        if self.remaining == 0:
            return 0.0
        if not self.rate:
            return None
        return self.remaining / self.rate

    def speed(self) -> str:
        """The rate and the estimate, e.g. ``26.5 tasks/s, ETA 0:05``."""
        rate = self.rate
        if rate is None:
            text = "-- tasks/s"
        elif 0 < rate < 1:
            text = f"{rate * 60:.1f} tasks/min"
        else:
            text = f"{rate:.1f} tasks/s"
        eta = self.eta
        return f"{text}, ETA {'--' if eta is None else duration(eta)}"

    def status(self) -> str:
        """All of it on one line."""
        return (
            f"completed {self.completed}/{self.total} ({self.failed} failed), active {self.active}, "
            f"running {self.running}, {self.speed()}"
        )

    def took(self) -> str:
        """The time waited: ``4.2 s``, or ``m:ss`` from a minute on."""
        return f"{self.elapsed:.1f} s" if self.elapsed < 60 else duration(self.elapsed)

    def summary(self) -> str:
        """The line that stays once the wait has ended."""
        return f"completed {self.completed}/{self.total} ({self.failed} failed) in {self.took()}"


class Tracker:
    """Turns each poll's counts into a ``Snapshot``, measuring the rate over the last ``window`` polls."""

    def __init__(self, clock: Clock, window: int = RATE_WINDOW) -> None:
        self._clock = clock
        self._start = clock()
        self._samples: deque[tuple[float, int]] = deque(maxlen=max(window, 2))

    def update(self, result: TaskCountsResult) -> Snapshot:
        now = self._clock()
        tasks = result.task_counts
        self._samples.append((now, tasks.completed))
        first_time, first_completed = self._samples[0]
        rate = None
        if now > first_time:
            # Reactivated tasks leave "completed": the count may go down; a rate is never negative.
            rate = max(tasks.completed - first_completed, 0) / (now - first_time)
        return Snapshot(
            active=tasks.active,
            running=tasks.running,
            completed=tasks.completed,
            failed=tasks.failed,
            elapsed=now - self._start,
            rate=rate,
        )


class Display(Protocol):
    """Where the snapshots go."""

    def show(self, snapshot: Snapshot) -> None: ...

    def finish(self, snapshot: Snapshot | None, done: bool) -> None:
        """The wait ended: with its last counts (``done``), or by an error or cancellation."""
        ...


class LogLines:
    """Not a terminal (a pipe, a log file): one line per change of the counts, and a last one."""

    def __init__(self, stream: TextIO, job_id: str) -> None:
        self._stream = stream
        self._job_id = job_id
        self._last: tuple[int, int, int, int] | None = None

    def show(self, snapshot: Snapshot) -> None:
        key = (snapshot.active, snapshot.running, snapshot.completed, snapshot.failed)
        if key != self._last:
            self._last = key
            self._stream.write(f"{self._job_id}: {snapshot.status()}\n")
            self._stream.flush()

    def finish(self, snapshot: Snapshot | None, done: bool) -> None:
        if done and snapshot is not None:
            self._stream.write(f"{self._job_id}: {snapshot.summary()}\n")
            self._stream.flush()


class StatusLine:
    """A terminal without tqdm: one status line, rewritten in place."""

    def __init__(self, stream: TextIO, job_id: str) -> None:
        self._stream = stream
        self._job_id = job_id
        self._written = 0

    def _write(self, text: str) -> None:
        # A line wider than the terminal would wrap, and "\r" would then rewrite only its last part.
        width = max(shutil.get_terminal_size().columns - 1, 20)
        text = text if len(text) <= width else text[: width - 3] + "..."
        self._stream.write("\r" + text + " " * max(self._written - len(text), 0))
        self._stream.flush()
        self._written = len(text)

    def show(self, snapshot: Snapshot) -> None:
        self._write(f"{self._job_id}: {snapshot.status()}")

    def finish(self, snapshot: Snapshot | None, done: bool) -> None:
        if snapshot is None:
            return
        if done:
            self._write(f"{self._job_id}: {snapshot.summary()}")
        self._stream.write("\n")
        self._stream.flush()


class TqdmBar:
    """A terminal with tqdm: its bar of completed tasks, with the other counts, rate and estimate after it."""

    FORMAT = "{desc}: {percentage:3.0f}%|{bar}| {n}/{total} completed{postfix}"

    def __init__(self, tqdm_module: Any, stream: TextIO, job_id: str) -> None:
        self._bar_class = _bar_class(tqdm_module.tqdm)
        self._stream = stream
        self._job_id = job_id
        self._bar: Any = None

    def show(self, snapshot: Snapshot) -> None:
        others = f"active {snapshot.active}, running {snapshot.running}, failed {snapshot.failed}"
        postfix = f"{others}, {snapshot.speed()}"
        if self._bar is None:
            self._bar = self._bar_class(
                total=snapshot.total,
                initial=snapshot.completed,
                postfix=postfix,
                file=self._stream,
                desc=self._job_id,
                bar_format=self.FORMAT,
                dynamic_ncols=True,
                leave=True,
                mininterval=0,
                disable=False,
            )
            return
        bar = self._bar
        bar.total = snapshot.total
        bar.n = snapshot.completed
        bar.set_postfix_str(postfix, refresh=False)
        bar.refresh()

    def finish(self, snapshot: Snapshot | None, done: bool) -> None:
        bar = self._bar
        if bar is None:
            return
        if done and snapshot is not None:
            bar.total = snapshot.total
            bar.n = snapshot.completed
            bar.set_postfix_str(f"{snapshot.failed} failed, in {snapshot.took()}", refresh=False)
            bar.refresh()
        bar.close()


@functools.cache
def _bar_class(tqdm_class: Any) -> Any:
    """tqdm's bar without its monitor thread (the bar is redrawn at every poll anyway); a subclass,
    so that the caller's own bars keep theirs."""
    return type("TasksBar", (tqdm_class,), {"monitor_interval": 0})


class NotebookDisplay:
    """Jupyter: one output of the running cell, replaced at every poll (``update_display_data``).

    No widget: it needs no ipywidgets or widget manager, the last state stays in the saved notebook,
    and it may be sent from the sync client's loop thread (the kernel routes it to the running cell).
    """

    def __init__(self, ipython_display: Any, job_id: str) -> None:
        self._display = ipython_display
        self._job_id = job_id
        self._handle: Any = None

    def _bundle(self, snapshot: Snapshot, text: str) -> dict[str, str]:
        total = max(snapshot.total, 1)
        value = snapshot.completed if snapshot.total else 1
        line = f"{self._job_id}: {text}"
        return {
            "text/plain": line,
            "text/html": (
                f'<div style="font-family: monospace"><progress value="{value}" max="{total}" '
                f'style="width: 16em; vertical-align: middle"></progress> {html.escape(line)}</div>'
            ),
        }

    def _publish(self, bundle: dict[str, str]) -> None:
        if self._handle is None:
            self._handle = self._display.display(bundle, raw=True, display_id=True)
        else:
            self._handle.update(bundle, raw=True)

    def show(self, snapshot: Snapshot) -> None:
        self._publish(self._bundle(snapshot, snapshot.status()))

    def finish(self, snapshot: Snapshot | None, done: bool) -> None:
        if snapshot is None:
            return
        text = snapshot.summary() if done else f"{snapshot.status()} (stopped waiting)"
        self._publish(self._bundle(snapshot, text))


def in_notebook() -> bool:
    """Whether this runs in a Jupyter kernel (IPython is looked at only when it was imported already)."""
    ipython = sys.modules.get("IPython")
    get_ipython = getattr(ipython, "get_ipython", None)
    shell = get_ipython() if callable(get_ipython) else None
    return getattr(shell, "kernel", None) is not None


def _is_terminal(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):  # no isatty, or a closed stream
        return False


def _optional(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def open_display(progress: bool | None, job_id: str, stream: TextIO | None = None) -> Display | None:
    """The display for ``progress`` (``None``: only in a notebook or on a terminal), or ``None``."""
    if progress is False:
        return None
    if in_notebook():
        ipython_display = _optional("IPython.display")
        if ipython_display is not None:
            return NotebookDisplay(ipython_display, job_id)
    out = sys.stdout if stream is None else stream
    if out is None:  # pythonw: no console at all
        return None
    if _is_terminal(out):
        tqdm = _optional("tqdm")
        return TqdmBar(tqdm, out, job_id) if tqdm is not None else StatusLine(out, job_id)
    return LogLines(out, job_id) if progress else None


@contextmanager
def watching(
    progress: bool | None,
    job_id: str,
    clock: Clock,
    on_poll: OnPoll | None,
    *,
    stream: TextIO | None = None,
) -> Iterator[OnPoll | None]:
    """The ``on_poll`` a waiter calls: ``on_poll`` itself, or one that also shows the progress.

    The display is finished when the block ends, also by an error or cancellation. A display that
    cannot write any more (a closed stream, a broken pipe) stops showing; the wait goes on.
    """
    if progress is not None and not isinstance(progress, bool):
        raise TypeError(f"progress must be True, False or None, got {type(progress).__name__}")
    display = open_display(progress, job_id, stream)
    if display is None:
        yield on_poll
        return
    tracker = Tracker(clock)
    last: Snapshot | None = None
    shown: Display | None = display

    def poll(result: TaskCountsResult) -> object:
        nonlocal last, shown
        last = tracker.update(result)
        if shown is not None:
            try:
                shown.show(last)
            except (OSError, ValueError) as exc:
                _log.debug("progress display of job %s stopped: %s", job_id, exc)
                shown = None
        return on_poll(result) if on_poll is not None else None

    done = False
    try:
        yield poll
        done = True
    finally:
        if shown is not None:
            try:
                shown.finish(last, done)
            except (OSError, ValueError) as exc:
                _log.debug("progress display of job %s stopped: %s", job_id, exc)
