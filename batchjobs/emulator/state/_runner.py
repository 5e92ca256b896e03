"""Tasks that really run: a local pool of task slots, a directory per task laid out like a node's,
the environment the service sets, and the executor that starts and stops attempts.

The task store hands its tasks over when its executor runs commands (``subprocess``,
``container``): an active task starts as soon as its job is active, its parents allow it and
enough slots are free (higher job priority first, then the order of adding); it completes when
its process ends, which the executor reports from its own thread.
"""

from __future__ import annotations

import heapq
import os
import shutil
import tempfile
import weakref
from collections.abc import Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..._serialization import MAX_DURATION, parse_duration
from .._executor import Executor, Finished, Run
from ._files import DirectoryFiles
from ._taskrecords import NODE_ID, TaskRecord, failure

if TYPE_CHECKING:
    from ._tasks import TaskStore

__all__ = ["LocalRunner"]


class LocalRunner:
    """Runs the tasks of one emulated account on this machine.

    Args:
        executor: What starts and stops attempts.
        slots: Task slots of the local pool (a task takes ``requiredSlots`` of them).
        root: Where task directories go; by default a temporary directory removed by ``close()``.
        environment: Variables every task gets (``AZ_BATCH_ACCOUNT_NAME``, ...), on top of this
            process's environment.
    """

    def __init__(
        self,
        executor: Executor,
        *,
        slots: int = 4,
        root: Path | None = None,
        environment: Mapping[str, str] | None = None,
    ) -> None:
        if slots < 1:
            raise ValueError("slots must be at least 1")
        self.executor = executor
        self.slots = slots
        self._owns_root = root is None
        self.root = Path(tempfile.mkdtemp(prefix="batchjobs-emulator-")) if root is None else Path(root)
        self.environment = dict(environment or {})
        self._used = 0
        self._store: weakref.ref[TaskStore] | None = None

    def attach(self, store: TaskStore) -> None:
        self._store = weakref.ref(store)  # the store holds the runner: no cycle

    @property
    def store(self) -> TaskStore:
        store = self._store() if self._store is not None else None
        assert store is not None, "attach the runner to a live task store first"
        return store

    def task_directory(self, job_id: str, task_id: str) -> Path:
        return self.root / "workitems" / job_id / "job-1" / task_id

    # --- scheduling ----------------------------------------------------------------------------

    def schedule(self, now: datetime) -> None:
        """Start every waiting task that may start and fits into the free slots (the caller holds the lock)."""
        store = self.store
        free = self.slots - self._used
        if free <= 0:
            return
        # A job manager goes first; then higher job priority, then the order of adding. A job's
        # tasks are kept in the order of adding, its manager first (added with the job), so each
        # job is already in order: merging them lazily stops as soon as the free slots are taken,
        # instead of sorting every waiting task each time one ends.
        jobs = [_waiting(tasks, -store.job_priority(tasks[0], now)) for tasks in store.records() if tasks]
        for *_, rec in heapq.merge(*jobs):
            need = self.slots if rec.exclusive else int(rec.doc["requiredSlots"])
            if need <= free and store.may_start(rec, now):
                self.launch(rec, now)
                free = self.slots - self._used
                if free <= 0:
                    return

    def launch(self, rec: TaskRecord, now: datetime) -> None:
        """Start an attempt of ``rec`` now (a job's preparation and release runs take no slot)."""
        store = self.store
        job = store.job_of(rec, now)
        store.enter_running(rec, now)
        directory = self.task_directory(job["id"], rec.doc["id"])  # the executor makes it, off the lock
        rec.files = DirectoryFiles(directory)
        rec.attempt += 1
        rec.slots_held = self.slots if rec.exclusive else int(rec.doc["requiredSlots"])
        self._used += rec.slots_held
        key = (rec.job_key, rec.key, rec.attempt)
        settings = rec.doc.get("containerSettings") or {}
        self.executor.start(
            Run(
                key=key,
                command_line=rec.doc["commandLine"],
                directory=directory,
                environment=self._environment(job, rec, directory),
                wall_clock_seconds=_seconds(rec.doc["constraints"]["maxWallClockTime"]),
                report=lambda finished: self._reported(key, finished),
                image=settings.get("imageName"),
                container_options=settings.get("containerRunOptions") or "",
                resource_files=tuple(rec.doc.get("resourceFiles") or ()),
            )
        )

    def _environment(self, job: dict[str, Any], rec: TaskRecord, directory: Path) -> dict[str, str]:
        """This process's environment, the service's AZ_BATCH_* variables, then the job's common
        settings and the task's own (later ones win)."""
        environment = {**os.environ, **self.environment}
        environment.update(
            {
                "AZ_BATCH_JOB_ID": job["id"],
                "AZ_BATCH_TASK_ID": rec.doc["id"],
                "AZ_BATCH_POOL_ID": job["executionInfo"]["poolId"],
                "AZ_BATCH_NODE_ID": NODE_ID,
                "AZ_BATCH_NODE_ROOT_DIR": str(self.root),
                "AZ_BATCH_NODE_SHARED_DIR": str(self.root / "shared"),
                "AZ_BATCH_NODE_STARTUP_DIR": str(self.root / "startup"),
                "AZ_BATCH_TASK_DIR": str(directory),
                "AZ_BATCH_TASK_WORKING_DIR": str(directory / "wd"),
                "AZ_BATCH_TASK_USER": "_azbatch",
            }
        )
        for item in [
            *(job.get("commonEnvironmentSettings") or ()),
            *(rec.doc.get("environmentSettings") or ()),
        ]:
            environment[item["name"]] = item.get("value") or ""
        return environment

    def _reported(self, key: tuple[str, str, int], finished: Finished) -> None:
        """An attempt ended (called from the executor's thread)."""
        store = self.store
        with store.account.lock:
            rec = store.record(key[0], key[1])
            if rec is None or rec.attempt != key[2] or rec.state != "running":
                return  # stopped, deleted or superseded in the meantime: nothing to record
            now = store.account.clock()
            self._release(rec)
            store.enter_completed(rec, now)
            if finished.failure is not None:
                store.conclude(rec, now, None, failure(finished.failure, finished.message))
            else:
                store.conclude(rec, now, finished.exit_code, None)
            self.schedule(now)

    def _release(self, rec: TaskRecord) -> None:
        self._used -= rec.slots_held
        rec.slots_held = 0

    # --- stopping ----------------------------------------------------------------------------

    def stop(self, rec: TaskRecord) -> None:
        """Stop a running attempt: its process group is killed, its slots are free again."""
        if rec.state == "running":
            self.executor.stop((rec.job_key, rec.key, rec.attempt))
            self._release(rec)

    def forget(self, job_id: str, records: list[TaskRecord]) -> None:
        """A job (or one task) is gone: stop what runs and remove the directories."""
        for rec in records:
            self.stop(rec)
        if len(records) == 1 and records[0].files is not None:
            shutil.rmtree(self.task_directory(job_id, records[0].doc["id"]), ignore_errors=True)
        elif len(records) != 1:
            shutil.rmtree(self.root / "workitems" / job_id, ignore_errors=True)

    def reset(self, records: list[TaskRecord]) -> None:
        for rec in records:
            self.stop(rec)
        self._used = 0
        shutil.rmtree(self.root / "workitems", ignore_errors=True)

    def close(self) -> None:
        """Kill every process and remove the task directories if they are the runner's own."""
        self.executor.close()
        if self._owns_root:
            shutil.rmtree(self.root, ignore_errors=True)


def _waiting(tasks: list[TaskRecord], priority: int) -> Iterator[tuple[bool, int, int, TaskRecord]]:
    """A job's active tasks with their place in the queue, in order."""
    for rec in tasks:
        if rec.doc["state"] == "active":
            yield rec.role != "manager", priority, rec.seq, rec


def _seconds(duration: str) -> float | None:
    limit = parse_duration(duration)
    return None if limit >= MAX_DURATION else limit.total_seconds()
