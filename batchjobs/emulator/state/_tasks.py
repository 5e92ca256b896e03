"""The task rules: task records in their jobs, the life cycle active -> running -> completed under
the shared transition engine, retries, exit conditions, dependencies, job actions, the job's
"all tasks complete", and what a job's disable, terminate and delete do to its tasks. No HTTP.

This is the ``simulate`` executor: no command line runs. A task is scheduled and finishes when its
``TransitionPolicy`` says so (instantly, after N reads, on a clock, or when released), with the
exit code, output and failure that the control plane scripted for it (by task id or pattern);
without a script it succeeds with exit code 0 and empty output. A task's reads, its job's task
listings and its job's task counts all count as reads for the ``reads`` policy, so that a client
polling counts sees its tasks progress. A task's ETag changes with writes, never with its state.
"""

from __future__ import annotations

import bisect
import fnmatch
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, Protocol

from ..._serialization import parse_duration
from .._errors import BatchServiceError
from .._inferred import ADD_RESULT_STATUS, TASK_ENDED
from .._lifecycle import Lifecycle, Pending, Transition
from .._wire import iso7
from ._account import Account, Event, locked, weakly
from ._conditions import Conditions
from ._files import DirectoryFiles, TaskFiles
from ._jobs import JobStore, zero_counts
from ._jobtasks import PREPARATION, RELEASE, JobTasks
from ._taskdoc import check_task, constraints_of, depends_on_ids, exit_options, new_task_doc
from ._taskrecords import (
    NODE_ID,
    Outcome,
    TaskRecord,
    TaskView,
    failure,
    files_cleaned_up,
    files_unavailable,
    illegal,
    numbered,
    refuse_completed,
    task_not_found,
)

__all__ = ["Outcome", "TaskRecord", "TaskStore", "TaskView", "task_not_found"]


class Runner(Protocol):
    """What runs tasks for real (``state._runner.LocalRunner``); without one, tasks are simulated."""

    slots: int

    def attach(self, store: TaskStore) -> None: ...
    def schedule(self, now: datetime) -> None: ...
    def launch(self, rec: TaskRecord, now: datetime) -> None: ...
    def stop(self, rec: TaskRecord) -> None: ...
    def forget(self, job_id: str, records: list[TaskRecord]) -> None: ...
    def reset(self, records: list[TaskRecord]) -> None: ...
    def close(self) -> None: ...


class TaskStore:
    """In-memory tasks of the jobs of ``jobs``, with the service's state rules.

    Args:
        jobs: The job store of the account the tasks belong to.
        runner: Runs the tasks for real; by default they are simulated.
    """

    def __init__(self, jobs: JobStore, runner: Runner | None = None) -> None:
        self.jobs = jobs
        self.account: Account = jobs.account
        self.runner = runner
        if runner is not None:
            runner.attach(self)
        transitions: dict[str, Transition[TaskRecord]] = {
            "active": Transition("running", finish=weakly(self._started)),
            "running": Transition("completed", finish=weakly(self._finished)),
        }
        self._lifecycle = Lifecycle(
            self.account, transitions, remove=weakly(self._forget), in_between=frozenset()
        )
        self._clear()
        self.account.on_reset(weakly(self._clear))
        self.account.subscribe("job.deleted", weakly(self._job_deleted))
        self.account.subscribe("job.terminated", weakly(self._job_terminated))
        self.account.subscribe("job.disabled", weakly(self._job_disabled))
        self.account.subscribe("job.enabled", weakly(self._job_enabled))
        #: The jobs' own tasks: job manager, preparation and release.
        self.job_tasks = JobTasks(self)

    def _clear(self) -> None:
        if self.runner is not None and hasattr(self, "_tasks"):
            self.runner.reset([rec for tasks in self._tasks.values() for rec in tasks.values()])
        self._tasks: dict[str, dict[str, TaskRecord]] = {}  # job key -> task key -> record
        self._order: dict[str, list[int]] = {}
        self._by_seq: dict[str, dict[int, TaskRecord]] = {}
        self._done: dict[str, int] = {}  # job key -> how many of its tasks are completed
        self._scripts: list[tuple[str, str, list[Outcome]]] = []  # (job key, id pattern, outcomes)
        self._job_ids: dict[str, str] = {}  # job key -> the job's id as written

    # --- bookkeeping ---------------------------------------------------------------------------

    def _job_tasks(self, job_id: str, now: datetime) -> tuple[dict[str, Any], str, dict[str, TaskRecord]]:
        """The job's document (404 JobNotFound if none), its key, and its tasks."""
        view = self.jobs.peek(job_id, now)
        key = job_id.casefold()
        return view, key, self._tasks.setdefault(key, {})

    def _find(self, job_id: str, task_id: str, now: datetime) -> TaskRecord:
        _, _, tasks = self._job_tasks(job_id, now)
        rec = tasks.get(task_id.casefold())
        if rec is None:
            raise task_not_found(task_id)
        self._advance(rec, now)
        return rec

    def _forget(self, rec: TaskRecord) -> None:
        if rec.state == "completed":
            self._done[rec.job_key] -= 1
        del self._tasks[rec.job_key][rec.doc["id"].casefold()]
        del self._by_seq[rec.job_key][rec.seq]
        order = self._order[rec.job_key]
        del order[bisect.bisect_left(order, rec.seq)]

    def _touch(self, rec: TaskRecord, now: datetime) -> None:
        self.account.stamp(rec.doc, now)
        rec.last_modified = now

    def _advance(self, rec: TaskRecord, now: datetime) -> None:
        """Settle what is due; an active task starts only when its job and its parents allow it."""
        if rec.pending is None:
            return
        if rec.state == "active" and not self._may_start(rec, now):
            return
        self._lifecycle.advance(rec, now)

    def _may_start(self, rec: TaskRecord, now: datetime) -> bool:
        job = self.jobs.peek(self._job_id(rec), now)
        if job["state"] != "active" or not self.job_tasks.prepared(rec, job, now):
            return False
        ids, ranges = depends_on_ids(rec.doc)
        if not ids and not ranges:
            return True
        tasks = self._tasks[rec.job_key]
        for parent_id in ids:
            parent = tasks.get(parent_id.casefold())
            if parent is None or parent.dependency_action != "satisfy":
                return False
        for start, end in ranges:
            for number in range(start, end + 1):
                parent = numbered(tasks, number)
                if parent is None or parent.dependency_action != "satisfy":
                    return False
        return True

    def _job_id(self, rec: TaskRecord) -> str:
        return self._job_ids[rec.job_key]

    def _queue(self, rec: TaskRecord, now: datetime) -> None:
        """Wait (in ``active``) to be scheduled: now, if the policy (or free slots) and the job allow it."""
        if self.runner is not None:
            self.runner.schedule(now)
            return
        self._lifecycle.wait(rec, now, settle_instant=False)
        self._advance(rec, now)

    # --- what a runner needs ----------------------------------------------------------------------

    def records(self) -> list[list[TaskRecord]]:
        """Every task, job by job (the caller holds the lock)."""
        return [list(tasks.values()) for tasks in self._tasks.values()]

    def record(self, job_key: str, task_key: str) -> TaskRecord | None:
        if task_key in (PREPARATION, RELEASE):
            return self.job_tasks.record(job_key, task_key)
        return self._tasks.get(job_key, {}).get(task_key)

    @locked
    def running_count(self) -> int:
        """How many tasks run now (on the one emulated node)."""
        return sum(rec.state == "running" for tasks in self._tasks.values() for rec in tasks.values())

    def schedule(self, now: datetime) -> None:
        """Start what may start now (simulated tasks start when looked at, so nothing to do then)."""
        if self.runner is not None:
            self.runner.schedule(now)

    def add_task(
        self, job: dict[str, Any], body: dict[str, Any], now: datetime, *, role: str, exclusive: bool
    ) -> TaskRecord:
        """Add a task on the service's own account (a job manager when its job is added)."""
        key = job["id"].casefold()
        rec = self._add(job, key, body, now, role=role, exclusive=exclusive)
        return rec

    def run_special(self, rec: TaskRecord, now: datetime) -> None:
        """Run a job's preparation or release task: for real, or (simulated) to its scripted end at once."""
        if self.runner is not None:
            self.runner.launch(rec, now)
            return
        self._lifecycle.enter(rec, "running", now)
        self.begin_attempt(rec, now)
        rec.files = rec.files or TaskFiles(now)
        self._lifecycle.enter(rec, "completed", now)
        self._finished(rec, None, now)

    def job_of(self, rec: TaskRecord, now: datetime) -> dict[str, Any]:
        return self.jobs.peek(self._job_id(rec), now)

    def job_priority(self, rec: TaskRecord, now: datetime) -> int:
        return int(self.job_of(rec, now).get("priority", 0))

    def may_start(self, rec: TaskRecord, now: datetime) -> bool:
        return self._may_start(rec, now)

    def enter_running(self, rec: TaskRecord, now: datetime) -> None:
        rec.pending = None
        self._lifecycle.enter(rec, "running", now)
        self.begin_attempt(rec, now)

    def enter_completed(self, rec: TaskRecord, now: datetime) -> None:
        self._lifecycle.enter(rec, "completed", now)

    # --- the life cycle ------------------------------------------------------------------------

    def _started(self, rec: TaskRecord, pending: Pending | None, now: datetime) -> None:
        self.begin_attempt(rec, now)
        if rec.files is None:
            rec.files = TaskFiles(now)
        self._lifecycle.wait(rec, now)

    def begin_attempt(self, rec: TaskRecord, now: datetime) -> None:
        """What the service records when an attempt starts: its start time and the node."""
        info = rec.doc["executionInfo"]
        for key in ("endTime", "exitCode", "result", "failureInfo"):
            info.pop(key, None)
        info["startTime"] = iso7(now)
        job = self.jobs.peek(self._job_id(rec), now)
        rec.doc["nodeInfo"] = {
            "affinityId": f"TVM:{NODE_ID}",
            "poolId": job["executionInfo"]["poolId"],
            "nodeId": NODE_ID,
            "taskRootDirectory": f"workitems/{job['id']}/job-1/{rec.doc['id']}",
        }

    def _finished(self, rec: TaskRecord, pending: Pending | None, now: datetime) -> None:
        outcome = self._outcome(rec)
        files = rec.files if isinstance(rec.files, TaskFiles) else TaskFiles(now)
        rec.files = files
        files.write("stdout.txt", outcome.stdout.encode(), now)
        files.write("stderr.txt", outcome.stderr.encode(), now)
        if outcome.failure is not None:
            self.conclude(rec, now, None, failure(outcome.failure, outcome.failure_message))
        else:
            self.conclude(rec, now, outcome.exit_code, None)

    def conclude(
        self, rec: TaskRecord, now: datetime, exit_code: int | None, cannot_run: dict[str, Any] | None
    ) -> None:
        """An attempt ended (the task is ``completed`` now): retry a non-zero exit while retries are
        left, or settle the result. ``cannot_run``: the attempt failed without an exit code (it could
        not start, or ran out of time), which is never retried."""
        info = rec.doc["executionInfo"]
        info["endTime"] = iso7(now)
        if cannot_run is not None:
            self._complete(rec, now, None, cannot_run)
            return
        assert exit_code is not None
        info["exitCode"] = exit_code
        if exit_code != 0 and self._retries_left(rec):
            info["retryCount"] += 1
            info["lastRetryTime"] = iso7(now)
            self._lifecycle.enter(rec, "active", now)
            if rec.role in (PREPARATION, RELEASE):
                self.run_special(rec, now)
            else:
                self._queue(rec, now)
            return
        exited = failure("FailureExitCode", "The task exited with an exit code representing a failure")
        self._complete(rec, now, exit_code, exited if exit_code != 0 else None)

    def _complete(
        self, rec: TaskRecord, now: datetime, exit_code: int | None, failure: dict[str, Any] | None
    ) -> None:
        """The task is completed (the engine entered the state): result, exit options, its job."""
        info = rec.doc["executionInfo"]
        info["result"] = "failure" if failure is not None else "success"
        if failure is not None:
            info["failureInfo"] = failure
        if rec.role in (PREPARATION, RELEASE):
            self.job_tasks.finished(rec, now)
            return
        if rec.role == "manager":
            self.job_tasks.manager_completed(rec, now)
        job_action, rec.dependency_action = exit_options(rec.doc, exit_code)
        job_id = self._job_id(rec)
        self._done[rec.job_key] = self._done.get(rec.job_key, 0) + 1
        if failure is not None and job_action != "none":
            self.jobs.task_failed(job_id, job_action, now)
        self._check_all_complete(rec.job_key, job_id, now)

    def _retries_left(self, rec: TaskRecord) -> bool:
        limit = rec.doc["constraints"]["maxTaskRetryCount"]
        return bool(limit == -1 or rec.doc["executionInfo"]["retryCount"] < limit)

    def _outcome(self, rec: TaskRecord) -> Outcome:
        attempt = int(rec.doc["executionInfo"]["retryCount"])
        task_id = str(rec.doc["id"])
        for job_key, pattern, outcomes in reversed(self._scripts):  # the newest script wins
            if job_key == rec.job_key and fnmatch.fnmatchcase(task_id, pattern):
                return outcomes[min(attempt, len(outcomes) - 1)]
        return Outcome()

    def _stop(self, rec: TaskRecord, now: datetime) -> None:
        """End a task by request: it never starts, or its attempt is cut off; it ends failed."""
        rec.pending = None
        if self.runner is not None:
            self.runner.stop(rec)
        if rec.files is not None:
            rec.doc["executionInfo"].setdefault("startTime", iso7(now))
        rec.doc["executionInfo"]["endTime"] = iso7(now)
        self._lifecycle.enter(rec, "completed", now)
        self._complete(rec, now, None, dict(TASK_ENDED))
        if self.runner is not None:
            self.runner.schedule(now)  # its slots are free again

    def _check_all_complete(self, job_key: str, job_id: str, now: datetime) -> None:
        if self._done.get(job_key, 0) == len(self._tasks.get(job_key, {})):
            self.jobs.set_tasks_complete(job_id, True, now)

    # --- what jobs do to their tasks -----------------------------------------------------------

    def _job_deleted(self, event: Event) -> None:
        key = event.subject.casefold()
        if self.runner is not None:
            self.runner.forget(event.subject, list(self._tasks.get(key, {}).values()))
        for store in (self._tasks, self._order, self._by_seq, self._job_ids, self._done):
            store.pop(key, None)

    def _job_enabled(self, event: Event) -> None:
        if self.runner is not None:
            self.runner.schedule(self.account.clock())

    def _job_terminated(self, event: Event) -> None:
        now = self.account.clock()
        for rec in list(self._tasks.get(event.subject.casefold(), {}).values()):
            if rec.state == "running":
                self._stop(rec, now)  # active tasks stay active and never run

    def _job_disabled(self, event: Event) -> None:
        now = self.account.clock()
        how = str(event.detail.get("reason") or "requeue").lower()
        for rec in list(self._tasks.get(event.subject.casefold(), {}).values()):
            if rec.state != "running" or how == "wait":
                continue
            if how == "terminate":
                self._stop(rec, now)
            else:  # requeue: back to the queue, to run again once the job is enabled
                if self.runner is not None:
                    self.runner.stop(rec)
                info = rec.doc["executionInfo"]
                info["requeueCount"] += 1
                info["lastRequeueTime"] = iso7(now)
                self._lifecycle.enter(rec, "active", now)
                self._queue(rec, now)

    # --- the task operations -------------------------------------------------------------------

    def _add(
        self,
        job: dict[str, Any],
        key: str,
        body: dict[str, Any],
        now: datetime,
        where: str = "",
        *,
        role: str = "",
        exclusive: bool = False,
    ) -> TaskRecord:
        check_task(body, job, where)
        tasks = self._tasks.setdefault(key, {})
        task_key = body["id"].casefold()
        if task_key in tasks:
            raise BatchServiceError(
                409, "TaskExists", "The specified task already exists.", {"TaskId": body["id"]}
            )
        doc = new_task_doc(body, job, now=now, etag=self.account.etag(now))
        rec = TaskRecord(
            self.account.next_sequence(f"task:{key}"), key, doc, now, role=role, exclusive=exclusive
        )
        tasks[task_key] = rec
        self._by_seq.setdefault(key, {})[rec.seq] = rec
        self._order.setdefault(key, []).append(rec.seq)
        self._job_ids[key] = job["id"]
        self.jobs.set_tasks_complete(job["id"], False, now)
        self._queue(rec, now)
        return rec

    @locked
    def add(self, job_id: str, body: dict[str, Any]) -> TaskView:
        """Add a task (201); 409 TaskExists for an id in use, the job's state refusing adds, ..."""
        now = self.account.clock()
        job, key, _ = self._job_tasks(job_id, now)
        self.jobs.refuse_adds(job)
        return self._add(job, key, body, now).view()

    @locked
    def add_collection(self, job_id: str, bodies: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        """Add up to 100 tasks; one result per task (the service answers in an order of its own)."""
        now = self.account.clock()
        job, key, _ = self._job_tasks(job_id, now)
        self.jobs.refuse_adds(job)
        results = []
        for index, body in enumerate(bodies):
            try:
                rec = self._add(job, key, body, now, where=f"value[{index}].")
            except BatchServiceError as exc:
                error: dict[str, Any] = {"code": exc.code, "message": {"lang": "en-US", "value": exc.message}}
                if exc.values:
                    error["values"] = [{"key": k, "value": v} for k, v in exc.values]
                results.append(
                    {"status": ADD_RESULT_STATUS["clienterror"], "taskId": body.get("id"), "error": error}
                )
                continue
            results.append(
                {
                    "status": ADD_RESULT_STATUS["success"],
                    "taskId": rec.doc["id"],
                    "eTag": rec.doc["eTag"],
                    "lastModified": rec.doc["lastModified"],
                }
            )
        results.reverse()  # not the request's order, as on the service (matched by taskId)
        return results

    @locked
    def get(self, job_id: str, task_id: str, conditions: Conditions | None = None) -> TaskView:
        rec = self._find(job_id, task_id, self.account.clock())
        if conditions is not None:
            conditions.check(rec.doc["eTag"], rec.last_modified, read=True)
        self._lifecycle.seen(rec)
        return rec.view()

    @locked
    def page(
        self,
        job_id: str,
        *,
        after: int | None,
        limit: int,
        match: Callable[[dict[str, Any]], bool] | None = None,
    ) -> tuple[list[TaskView], int | None]:
        """Up to ``limit`` tasks created after sequence ``after`` that ``match``; and where to go on."""
        now = self.account.clock()
        _, key, _ = self._job_tasks(job_id, now)
        order = self._order.get(key, [])
        by_seq = self._by_seq.get(key, {})
        index = bisect.bisect_right(order, after) if after is not None else 0
        found: list[TaskView] = []
        while index < len(order) and len(found) < limit:
            rec = by_seq[order[index]]
            index += 1
            self._advance(rec, now)
            self._lifecycle.seen(rec)
            if match is None or match(rec.doc):
                found.append(rec.view())
        more = index < len(order)
        return found, (order[index - 1] if more else None)

    @locked
    def update(
        self, job_id: str, task_id: str, constraints: dict[str, Any] | None, conditions: Conditions | None
    ) -> TaskView:
        """Replace the constraints (left-out ones go back to their defaults); 409 on a completed task."""
        now = self.account.clock()
        rec = self._writable(job_id, task_id, conditions, now)
        refuse_completed(rec)
        job = self.jobs.peek(job_id, now)
        wall = (constraints or {}).get("maxWallClockTime")
        if wall is not None and parse_duration(wall).total_seconds() <= 0:
            raise BatchServiceError(
                400,
                "InvalidPropertyValue",
                "The value provided for one of the properties in the request body is invalid.",
                [
                    ("PropertyName", "constraints.maxWallClockTime"),
                    ("PropertyValue", wall),
                ],
            )
        rec.doc["constraints"] = constraints_of(constraints, job)
        self._touch(rec, now)
        return rec.view()

    @locked
    def delete(self, job_id: str, task_id: str, conditions: Conditions | None) -> None:
        """Delete a task (a running one is stopped first) and its files."""
        now = self.account.clock()
        rec = self._writable(job_id, task_id, conditions, now)
        if self.runner is not None:
            self.runner.forget(self._job_id(rec), [rec])
        self._forget(rec)
        self._check_all_complete(rec.job_key, self._job_id(rec), now)
        if self.runner is not None:
            self.runner.schedule(now)

    @locked
    def terminate(self, job_id: str, task_id: str, conditions: Conditions | None) -> TaskView:
        now = self.account.clock()
        rec = self._writable(job_id, task_id, conditions, now)
        refuse_completed(rec)
        self._touch(rec, now)
        self._stop(rec, now)
        return rec.view()

    @locked
    def reactivate(self, job_id: str, task_id: str, conditions: Conditions | None) -> TaskView:
        """A failed completed task goes back to active with its retry count reset."""
        now = self.account.clock()
        rec = self._writable(job_id, task_id, conditions, now)
        self.jobs.refuse_adds(self.jobs.peek(job_id, now))
        if rec.state != "completed":
            raise illegal("not_completed", rec)
        if rec.doc["executionInfo"].get("result") == "success":
            raise illegal("succeeded", rec)
        rec.doc["executionInfo"] = {"retryCount": 0, "requeueCount": rec.doc["executionInfo"]["requeueCount"]}
        rec.dependency_action = None
        self._done[rec.job_key] -= 1
        self._touch(rec, now)
        self._lifecycle.enter(rec, "active", now)
        self.jobs.set_tasks_complete(job_id, False, now)
        self._queue(rec, now)
        return rec.view()

    @locked
    def files(self, job_id: str, task_id: str) -> TaskFiles | DirectoryFiles:
        """The task's directory; 409 TaskFilesUnavailable while the task has never run, and 409
        TaskFilesCleanedup once its retention time has passed (the directory goes then)."""
        now = self.account.clock()
        rec = self._find(job_id, task_id, now)
        kept_until = rec.files_kept_until()
        if kept_until is not None and now >= kept_until:
            if self.runner is not None and rec.files is not None:
                self.runner.forget(self._job_id(rec), [rec])
            rec.files = None
            raise files_cleaned_up(rec.doc["id"])
        if rec.files is None:
            raise files_unavailable(rec.doc["id"])
        return rec.files

    @locked
    def counts(self, job_id: str) -> dict[str, Any]:
        """``taskCounts`` and ``taskSlotCounts`` from the tasks' states (``preparing`` counts as running)."""
        now = self.account.clock()
        _, _, tasks = self._job_tasks(job_id, now)
        counts, slots = zero_counts(), zero_counts()
        for rec in list(tasks.values()):
            self._advance(rec, now)
            self._lifecycle.seen(rec)
            state = rec.state
            names = [state if state != "preparing" else "running"]
            if state == "completed":
                names.append("succeeded" if rec.doc["executionInfo"].get("result") == "success" else "failed")
            for name in names:
                counts[name] += 1
                slots[name] += rec.doc["requiredSlots"]
        return {"taskCounts": counts, "taskSlotCounts": slots}

    # --- what the Task API cannot do ------------------------------------------------------------

    @locked
    def script(self, job_id: str, pattern: str, outcomes: Sequence[Outcome]) -> None:
        """How the tasks of a job whose id matches ``pattern`` (``fnmatch``) end, attempt by attempt
        (the last outcome repeats). Later scripts win over earlier ones."""
        if not outcomes:
            raise ValueError("give at least one outcome")
        self._scripts.append((job_id.casefold(), pattern, list(outcomes)))

    @locked
    def release(self, job_id: str, task_id: str | None = None) -> int:
        """Settle the pending step of one task, or of every task of the job, that may take it now."""
        now = self.account.clock()
        _, _, tasks = self._job_tasks(job_id, now)
        targets = [self._find(job_id, task_id, now)] if task_id is not None else list(tasks.values())
        settled = 0
        for rec in targets:
            if rec.pending is not None and (rec.state != "active" or self._may_start(rec, now)):
                self._lifecycle.settle(rec, now)
                settled += 1
        return settled

    def _writable(
        self, job_id: str, task_id: str, conditions: Conditions | None, now: datetime
    ) -> TaskRecord:
        rec = self._find(job_id, task_id, now)
        if conditions is not None:
            conditions.check(rec.doc["eTag"], rec.last_modified, read=False)
        return rec
