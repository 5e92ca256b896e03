"""The executor seam: what runs a task's attempt. ``simulate`` (the default) runs nothing; the task
store moves simulated tasks under its transition policy. ``subprocess`` runs the command line in a
directory laid out like a node's, each attempt in its own process group, and reports how it ended.

Running command lines is never on by default. The subprocess executor owns one event-loop thread
(an anyio blocking portal); ``close()`` kills every process group it started and stops the thread,
and an ``atexit`` hook does the same if nobody closed it, so no process outlives the emulator.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import os
import shlex
import shutil
import signal
import subprocess
import weakref
from collections.abc import Callable, Coroutine
from contextlib import ExitStack
from pathlib import Path
from typing import Any, BinaryIO, Protocol

import anyio
import anyio.to_thread
import attrs
import httpx
from anyio.from_thread import BlockingPortal, start_blocking_portal

__all__ = [
    "EXECUTORS",
    "ContainerExecutor",
    "Executor",
    "Finished",
    "Run",
    "SimulateExecutor",
    "SubprocessExecutor",
    "executor_named",
]

#: Seconds between SIGTERM and SIGKILL when an attempt is stopped.
GRACE_SECONDS = 2.0


@attrs.frozen(kw_only=True)
class Finished:
    """How an attempt ended: an exit code, or a failure to start or to finish in time."""

    exit_code: int | None = None
    failure: str | None = None  # e.g. CommandProgramNotFound, MaxWallClockTimeExpiry
    message: str = ""


#: What an attempt stopped before its process started reports (the task store has moved on by then).
_STOPPED = Finished(failure="TaskEnded", message="The task was stopped before its process started.")


@attrs.frozen(kw_only=True)
class Run:
    """One attempt of one task, as the executor needs it."""

    key: tuple[str, str, int]  # (job key, task key, attempt number)
    command_line: str
    directory: Path  # the task's directory: wd/, stdout.txt, stderr.txt
    environment: dict[str, str]
    wall_clock_seconds: float | None
    report: Callable[[Finished], None]  # called once, from a worker thread of the executor
    image: str | None = None  # containerSettings.imageName, for the container executor
    container_options: str = ""
    resource_files: tuple[dict[str, str], ...] = ()  # fetched into wd/ before the command starts


class Executor(Protocol):
    """Runs attempts and stops them. ``runs_commands`` is False for the simulate executor."""

    name: str
    runs_commands: bool

    def start(self, run: Run) -> None: ...

    def stop(self, key: tuple[str, str, int]) -> None: ...

    def close(self) -> None: ...


class SimulateExecutor:
    """Runs nothing: the task store moves simulated tasks itself."""

    name = "simulate"
    runs_commands = False

    def start(self, run: Run) -> None:
        raise RuntimeError("the simulate executor runs nothing")

    def stop(self, key: tuple[str, str, int]) -> None:
        return None

    def close(self) -> None:
        return None


class SubprocessExecutor:
    """Runs each attempt as a local process, without a shell, in its own process group."""

    name = "subprocess"
    runs_commands = True

    def __init__(self) -> None:
        self._stack = ExitStack()
        self._portal: BlockingPortal = self._stack.enter_context(start_blocking_portal("asyncio"))
        self._loop = self._portal.call(asyncio.get_running_loop)
        self._running: set[asyncio.Task[None]] = set()  # strong references: the loop keeps weak ones
        self._groups: dict[tuple[str, str, int], int] = {}  # attempt -> process group id
        self._stopping: set[tuple[str, str, int]] = set()  # stop() came; read by the attempt
        self._closed = False
        self._pid = os.getpid()  # a forked child has neither the loop thread nor the processes
        self._finalizer = weakref.finalize(self, _kill_all, self._groups, self._pid)
        atexit.register(_close_at_exit, weakref.ref(self))

    def start(self, run: Run) -> None:
        if self._closed or os.getpid() != self._pid:
            raise RuntimeError("the executor is closed, or belongs to the process this one forked from")
        self._submit(self._run(run))

    def stop(self, key: tuple[str, str, int]) -> None:
        """Stop an attempt: SIGTERM to its process group, SIGKILL after a grace period."""
        if os.getpid() != self._pid:
            return  # a forked child does not stop the parent's processes
        self._stopping.add(key)
        group = self._groups.get(key)
        if group is not None:
            _signal(group, signal.SIGTERM)
            if not self._closed:
                self._submit(self._kill_later(key, group))

    def close(self) -> None:
        """Kill every process group still running and stop the executor's thread (idempotent)."""
        if self._closed:
            return
        self._closed = True
        self._finalizer.detach()
        if os.getpid() != self._pid:
            return  # in a forked child: the task processes and the loop thread are the parent's
        _kill_all(self._groups, self._pid)
        with contextlib.suppress(Exception):
            self._stack.close()

    def _submit(self, work: Coroutine[Any, Any, None]) -> None:
        """Run ``work`` on the executor's loop without waiting for it to start: callers hold the
        emulator's lock, which a round trip to the loop thread per attempt would keep for a
        millisecond each time."""
        try:
            self._loop.call_soon_threadsafe(self._spawn, work)
        except RuntimeError:  # the loop has stopped: the executor was closed meanwhile
            work.close()
            raise RuntimeError("the executor is closed") from None

    def _spawn(self, work: Coroutine[Any, Any, None]) -> None:
        task = self._loop.create_task(work)
        self._running.add(task)
        task.add_done_callback(self._running.discard)

    async def _kill_later(self, key: tuple[str, str, int], group: int) -> None:
        await anyio.sleep(GRACE_SECONDS)
        if self._groups.get(key) == group:
            _signal(group, signal.SIGKILL)

    async def _run(self, run: Run) -> None:
        try:
            finished = await self._attempt(run)
        except Exception as exc:  # the emulator must hear of every attempt's end
            finished = Finished(failure="ResourceDirectoryCreateFailed", message=str(exc))
        finally:
            self._stopping.discard(run.key)
        # Off the loop's thread: the report takes the emulator's lock and may start more attempts.
        await anyio.to_thread.run_sync(run.report, finished)

    def _command(self, run: Run) -> list[str] | Finished:
        """The process to start for the task's command line, or why it cannot start."""
        try:
            argv = shlex.split(run.command_line)
        except ValueError as exc:
            return Finished(failure="CommandLaunchFailed", message=f"The command line cannot be split: {exc}")
        if not argv:
            return Finished(failure="CommandLaunchFailed", message="The command line is empty.")
        return self._argv(run, argv)

    def _argv(self, run: Run, argv: list[str]) -> list[str] | Finished:
        """The process to start for ``argv`` (the container executor wraps it)."""
        return argv

    async def _attempt(self, run: Run) -> Finished:
        # Directories and files are made in a worker thread: on a slow disk they cost more than
        # starting the process, and the loop thread serves every attempt.
        argv = self._command(run)
        working = run.directory / "wd"
        if isinstance(argv, Finished) or run.resource_files:
            await anyio.to_thread.run_sync(_make_directories, run.directory)
            if isinstance(argv, Finished):
                return argv
            for resource in run.resource_files:
                fetched = await _fetch(resource, working)
                if fetched is not None:
                    return fetched
        out, err = await anyio.to_thread.run_sync(_open_outputs, run.directory)
        with out, err:
            if run.key in self._stopping:  # stopped while its directory was being made
                return _STOPPED
            try:
                process = await anyio.open_process(
                    argv,
                    cwd=working,
                    env=run.environment,
                    stdin=subprocess.DEVNULL,  # as on a node: a task reads no input
                    stdout=out,
                    stderr=err,
                    start_new_session=True,
                )
            except FileNotFoundError:
                return Finished(
                    failure="CommandProgramNotFound", message=f"The program {argv[0]!r} was not found."
                )
            except OSError as exc:
                return Finished(failure="CommandLaunchFailed", message=f"The program could not start: {exc}")
            self._groups[run.key] = process.pid  # its own session: the group id is its pid
            if run.key in self._stopping:  # stop() came before the group was known: it missed it
                _signal(process.pid, signal.SIGKILL)
            try:
                with anyio.move_on_after(run.wall_clock_seconds) as scope:
                    code = await process.wait()
                if scope.cancelled_caught:
                    _signal(process.pid, signal.SIGKILL)
                    await process.wait()
                    return Finished(
                        failure="MaxWallClockTimeExpiry",
                        message="The task ran longer than its maxWallClockTime.",
                    )
            finally:
                self._groups.pop(run.key, None)
                _signal(process.pid, signal.SIGKILL)  # whatever the task left behind in its group
        return Finished(exit_code=code)


class ContainerExecutor(SubprocessExecutor):
    """Runs tasks with ``containerSettings`` through docker or podman (the first on PATH), the task
    directory mounted at the same path; tasks without them run as local processes. With no
    container runtime, such a task fails with a failure that says so: never a silent success."""

    name = "container"

    def __init__(self, runtime: str | None = None) -> None:
        super().__init__()
        self.runtime = runtime or shutil.which("docker") or shutil.which("podman")

    def _argv(self, run: Run, argv: list[str]) -> list[str] | Finished:
        if run.image is None:
            return argv
        if self.runtime is None:
            return Finished(
                failure="ContainerRuntimeNotFound",
                message="The task has containerSettings, and neither docker nor podman is on PATH.",
            )
        mount = f"{run.directory}:{run.directory}"
        options = shlex.split(run.container_options)
        environment = [
            item for name in run.environment if name.startswith("AZ_BATCH_") for item in ("-e", name)
        ]
        return [
            self.runtime, "run", "--rm", "--init", "-v", mount, "-w", str(run.directory / "wd"),
            *environment, *options, run.image, *argv,
        ]  # fmt: skip


async def _fetch(resource: dict[str, str], working: Path) -> Finished | None:
    """Put one resource file into the working directory; a ``Finished`` failure if it cannot be.

    ``httpUrl`` (http, https or file URLs) is fetched; storage-container sources need Azure
    Storage, which the emulator does not reach, so they fail the task instead of being ignored.
    """
    url = resource.get("httpUrl")
    if url is None:
        source = "storageContainerUrl" if "storageContainerUrl" in resource else "autoStorageContainerName"
        return Finished(
            failure="ResourceFileSourceNotSupported",
            message=f"The emulator cannot fetch resource files from {source}; give an httpUrl.",
        )  # [INF: code]
    name = resource.get("filePath") or url.rstrip("/").rsplit("/", 1)[-1]
    target = _inside(working, name)
    if target is None:
        return Finished(
            failure="ResourceFileCreateFailed", message=f"The file path {name!r} leaves the task."
        )
    try:
        if url.startswith("file://"):
            data = await anyio.Path(url.removeprefix("file://")).read_bytes()
        else:
            async with httpx.AsyncClient(follow_redirects=True, timeout=60) as client:
                response = await client.get(url)
            if response.status_code in (403, 404):
                code = "BlobNotFound" if response.status_code == 404 else "BlobAccessDenied"
                return Finished(failure=code, message=f"{url} answered {response.status_code}.")
            response.raise_for_status()
            data = response.content
    except (OSError, httpx.HTTPError) as exc:
        return Finished(failure="BlobDownloadMiscError", message=f"{url} could not be fetched: {exc}")
    await anyio.to_thread.run_sync(_place, target, data, resource.get("fileMode"))
    return None


def _inside(working: Path, name: str) -> Path | None:
    """``working / name`` when it stays inside ``working`` (no ``..`` out of it), else None."""
    target = os.path.normpath(working / name)
    return Path(target) if name and target.startswith(f"{working}{os.sep}") else None


def _place(target: Path, data: bytes, mode: str | None) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    if mode:
        target.chmod(int(mode, 8))


def _make_directories(directory: Path) -> None:
    """The task's directory and its working directory ``wd``."""
    (directory / "wd").mkdir(parents=True, exist_ok=True)


def _open_outputs(directory: Path) -> tuple[BinaryIO, BinaryIO]:
    """``stdout.txt`` and ``stderr.txt`` at the task's root, created (empty) before it starts."""
    _make_directories(directory)
    return open(directory / "stdout.txt", "wb"), open(directory / "stderr.txt", "wb")


def _signal(group: int, number: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(group, number)


def _kill_all(groups: dict[tuple[str, str, int], int], owner: int) -> None:
    """Kill the process groups the executor started, only in the process that started them."""
    if os.getpid() != owner:
        return
    for group in list(groups.values()):
        _signal(group, signal.SIGKILL)


def _close_at_exit(ref: weakref.ref[SubprocessExecutor]) -> None:
    executor = ref()
    if executor is not None:
        executor.close()


#: The executors by name, as ``--executor`` and ``BATCHJOBS_EMULATOR_EXECUTOR`` spell them.
EXECUTORS: dict[str, Callable[[], Executor]] = {
    "simulate": SimulateExecutor,
    "subprocess": SubprocessExecutor,
    "container": ContainerExecutor,
}


def executor_named(name: str) -> Executor:
    try:
        factory = EXECUTORS[name]
    except KeyError:
        raise ValueError(f"unknown executor {name!r}: use one of {sorted(EXECUTORS)}") from None
    return factory()
