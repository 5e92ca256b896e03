"""The emulated account as one object: its state, auth settings, injected faults and request journal.

Every control-plane operation (``/_emulator/…``) is a method here too, for tests that hold the object.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from ..models import (
    JobAddParameter,
    JobPreparationAndReleaseTaskExecutionInformation,
    TaskCounts,
    TaskSlotCounts,
)
from ._auth import ACCOUNT_KEY, ACCOUNT_NAME, MAX_CLOCK_SKEW, AuthSettings
from ._executor import Executor, executor_named
from ._faults import Fault, FaultInjector, Journal
from ._policy import Clock, ManualClock, TransitionPolicy, check_seconds
from ._validate import parse_data
from ._wire import to_wire
from .state._account import Account
from .state._jobs import JobStore, zero_counts
from .state._runner import LocalRunner
from .state._taskrecords import Outcome
from .state._tasks import TaskStore

__all__ = ["Emulator"]


class Emulator:
    """One emulated Batch account: its state, auth settings, injected faults and request journal.

    Every control-plane operation (``/_emulator/…``) is also a method here, for tests that hold
    the object. Methods are thread-safe, so a test may call them while a loopback server runs.

    Args:
        store: Existing job state to serve; by default a new ``JobStore``.
        clock: The store's clock (``ManualClock`` for time-based tests); only without ``store``.
        policy: How transitional states settle (default: after one read); only without ``store``.
        auth: Verify Shared Key signatures (default). False accepts every request.
        allow_tokens: Also accept ``Authorization: Bearer <anything>``.
        account_name: The account requests must be signed for.
        account_key: Its Base64 key.
        max_clock_skew: Seconds a signed request's date may be off the wall clock (15 minutes, as
            the service); None accepts any date, to replay recorded requests.
        executor: What runs tasks: ``"simulate"`` (the default: nothing runs, outcomes are
            scripted), ``"subprocess"`` (command lines run as local processes) or ``"container"``
            (tasks with containerSettings run in docker or podman). Running command lines is
            never the default; it needs ``auth`` on, and such an emulator answers only requests
            addressed to a loopback host name.
        slots: Task slots of the local pool, for the executors that run commands.
        task_root: Where task directories go (default: a temporary directory removed by ``close``).
    """

    def __init__(
        self,
        store: JobStore | None = None,
        *,
        clock: Clock | None = None,
        policy: TransitionPolicy | str | None = None,
        auth: bool = True,
        allow_tokens: bool = False,
        account_name: str = ACCOUNT_NAME,
        account_key: str = ACCOUNT_KEY,
        max_clock_skew: float | None = MAX_CLOCK_SKEW,
        executor: str | Executor = "simulate",
        slots: int = 4,
        task_root: str | os.PathLike[str] | None = None,
    ) -> None:
        runs = executor_named(executor) if isinstance(executor, str) else executor
        if runs.runs_commands and not auth:
            runs.close()
            raise ValueError("an emulator that runs command lines keeps authentication on")
        if isinstance(policy, str):
            policy = TransitionPolicy.parse(policy)
        if store is not None and (clock is not None or policy is not None):
            raise TypeError("pass clock and policy to the JobStore, not next to it")
        self.store = store if store is not None else JobStore(clock=clock, policy=policy)
        #: The state every resource store of this account shares (lock, clock, policy, events).
        self.account: Account = self.store.account
        #: What runs tasks (``runs_commands`` is False for the simulate executor).
        self.executor: Executor = runs
        runner = None
        if runs.runs_commands:
            root = Path(task_root) if task_root is not None else None
            runner = LocalRunner(
                runs, slots=slots, root=root, environment={"AZ_BATCH_ACCOUNT_NAME": account_name}
            )
        #: The tasks of the jobs (simulated unless the executor runs commands).
        self.tasks = TaskStore(self.store, runner)
        self._runner = runner
        self._count_lag = 0.0
        self._count_history: dict[str, list[tuple[datetime, dict[str, Any]]]] = {}
        self.auth = AuthSettings(
            enabled=auth,
            allow_tokens=allow_tokens,
            account_name=account_name,
            account_key=account_key,
            max_clock_skew=max_clock_skew,
        )
        self.faults = FaultInjector()
        self.journal = Journal()

    @property
    def clock(self) -> Clock:
        return self.account.clock

    @property
    def runs_commands(self) -> bool:
        """Whether task command lines really run (then only loopback requests are answered)."""
        return self.executor.runs_commands

    def close(self) -> None:
        """Stop every task process and remove the task directories the emulator made (idempotent)."""
        if self._runner is not None:
            with self.account.lock:
                self._runner.reset([rec for tasks in self.tasks.records() for rec in tasks])
            self._runner.close()

    def __enter__(self) -> Emulator:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def health(self) -> dict[str, Any]:
        """Status, number of jobs, account name, whether auth is on, and the transition policy."""
        return {
            "status": "ok",
            "jobs": len(self.store),
            "accountName": self.auth.account_name,
            "auth": self.auth.enabled,
            "policy": self.account.policy.to_text(),
        }

    def reset(self) -> None:
        """Back to a fresh account: no jobs, tasks, schedules, faults, journal entries or count lag."""
        self.account.reset()
        self.faults.clear()
        self.journal.clear()
        self.set_count_lag(0)

    def set_policy(self, policy: TransitionPolicy | str, job_id: str | None = None) -> None:
        """Set how transitional states settle, for the whole emulator or for one job."""
        self.store.set_policy(TransitionPolicy.parse(policy) if isinstance(policy, str) else policy, job_id)

    def release(self, job_id: str | None = None) -> int:
        """Settle pending transitions now (e.g. ones the ``held`` policy holds); returns how many."""
        return self.store.release(job_id)

    def advance_clock(self, seconds: float) -> None:
        """Move a ``ManualClock`` on; transitions due by then settle when next looked at."""
        clock = self.account.clock
        if not isinstance(clock, ManualClock):
            raise TypeError("the emulator runs on the system clock; create it with clock=ManualClock()")
        clock.advance(seconds)

    def inject_fault(self, fault: Fault | None = None, **fields: Any) -> Fault:
        """Add a fault (a ``Fault`` or its fields, e.g. ``operation="job.get", status=503, retry_after=1``)."""
        return self.faults.add(fault if fault is not None else Fault(**fields))

    def pending_faults(self) -> list[Fault]:
        """Faults still waiting to hit, with their remaining counts."""
        return self.faults.pending()

    def clear_faults(self) -> None:
        self.faults.clear()

    def requests(self) -> list[dict[str, Any]]:
        """The journal: method, path, query, operation (``job.get``), jobId, status and selected headers
        per request (never the ``Authorization`` value: only its scheme)."""
        return self.journal.entries()

    def clear_journal(self) -> None:
        self.journal.clear()

    def add_job_schedule(self, schedule_id: str) -> None:
        """Make a job schedule known (its job list may then be read, even while empty)."""
        self.store.add_job_schedule(schedule_id)

    def add_schedule_job(
        self,
        schedule_id: str,
        job: JobAddParameter | dict[str, Any] | None = None,
        *,
        pool_id: str = "pool-1",
    ) -> str:
        """Create a job under a job schedule, as the schedule would; returns the job id.

        ``job`` may leave out the id (then ``<schedule>:job-<n>``) and, as JSON, the pool
        (then ``pool_id``).
        """
        if isinstance(job, dict):
            job = {"poolInfo": {"poolId": pool_id}, **job}
            job.setdefault("id", self.store.next_schedule_job_id(schedule_id))
        param = parse_data(job, JobAddParameter) if isinstance(job, dict) else job
        return self.store.add_schedule_job(schedule_id, param, pool_id=pool_id).id

    def set_task_counts(
        self,
        job_id: str,
        task_counts: TaskCounts | dict[str, Any],
        task_slot_counts: TaskSlotCounts | dict[str, Any] | None = None,
    ) -> None:
        """Set what ``get_task_counts`` reports; slot counts default to the task counts. Counts
        left out of a dict are 0; a count that is not a whole number from 0 up raises."""
        counts = _counts(task_counts, TaskCounts)
        slots = _counts(task_slot_counts, TaskSlotCounts) if task_slot_counts is not None else None
        self.store.set_task_counts(job_id, counts, slots)

    def set_prep_release_status(
        self, job_id: str, items: Sequence[JobPreparationAndReleaseTaskExecutionInformation | dict[str, Any]]
    ) -> None:
        """Set the per-node job preparation/release task status of a job."""
        cls = JobPreparationAndReleaseTaskExecutionInformation
        wire = [to_wire(parse_data(item, cls) if isinstance(item, dict) else item) for item in items]
        self.store.set_prep_release_status(job_id, wire)

    def complete_all_tasks(self, job_id: str) -> None:
        """Mark every task of the job complete; a job with onAllTasksComplete=terminatejob terminates.

        For jobs whose tasks the control plane counts (``set_task_counts``) rather than real tasks.
        """
        self.store.complete_all_tasks(job_id)

    def task_counts(self, job_id: str) -> dict[str, Any]:
        """What ``get_task_counts`` reports: counts set by ``set_task_counts``, else the tasks' own,
        as they were ``count_lag`` seconds ago (the service's counts lag behind its tasks)."""
        with self.account.lock:
            seeded = self.store.seeded_counts(job_id)
            if seeded is not None:
                return seeded
            fresh = self.tasks.counts(job_id)
            if not self._count_lag:
                return fresh
            now = self.account.clock()
            history = self._count_history.setdefault(job_id.casefold(), [])
            history.append((now, fresh))
            cutoff = now - timedelta(seconds=self._count_lag)
            old = [counts for at, counts in history if at <= cutoff]
            del history[: max(len(old) - 1, 0)]  # keep the newest of the old ones, and the rest
            if old:
                return old[-1]
            zeros = {"active": 0, "running": 0, "completed": 0, "succeeded": 0, "failed": 0}
            return {"taskCounts": dict(zeros), "taskSlotCounts": dict(zeros)}

    def set_count_lag(self, seconds: float) -> None:
        """Make ``get_task_counts`` report the counts of ``seconds`` ago (0: current counts), on the
        emulator's clock, so that code which must cope with stale counts can be tested."""
        seconds = check_seconds(seconds, "the lag")
        with self.account.lock:
            self._count_lag = float(seconds)
            self._count_history.clear()

    def script_tasks(self, job_id: str, pattern: str = "*", *outcomes: Outcome, **outcome: Any) -> None:
        """How the job's tasks whose id matches ``pattern`` (``fnmatch``: ``"task-*"``) end, attempt by
        attempt; the last outcome repeats. Give ``Outcome`` objects, or one outcome's fields, e.g.
        ``script_tasks("job-1", "task-7", exit_code=2, stderr="boom")``. Later scripts win."""
        if outcome:
            outcomes = (*outcomes, Outcome(**outcome))
        self.tasks.script(job_id, pattern, outcomes)

    def release_tasks(self, job_id: str, task_id: str | None = None) -> int:
        """Move held tasks of a job (or one task) on by one step now; returns how many moved."""
        return self.tasks.release(job_id, task_id)


def _counts(counts: TaskCounts | TaskSlotCounts | dict[str, Any], cls: type) -> dict[str, Any]:
    """The wire form of task or slot counts given as a model or (partial) JSON, checked."""
    if isinstance(counts, dict):
        counts = parse_data({**zero_counts(), **counts}, cls)
    wire: dict[str, Any] = to_wire(counts)
    negative = sorted(name for name, value in wire.items() if value < 0)
    if negative:
        raise ValueError(f"counts cannot be negative: {negative}")
    return wire
