"""The job rules: job records, which operation each job state allows, listing order, job schedules
and what tests seed (task counts, preparation/release status). No HTTP here.

Every write bumps the job's ETag and Last-Modified. A state change the service finishes on its own
is begun here and settled by the shared transition engine (``_lifecycle``) under the job's
``TransitionPolicy``, following ``JOB_TRANSITIONS``. Listing order is a creation sequence that only
grows, so a page token (the last sequence seen) stays valid while jobs are added and deleted.
"""

from __future__ import annotations

import bisect
import weakref
from collections.abc import Callable
from datetime import datetime
from typing import Any

import attrs

from ...models import JobAddParameter, JobPatchParameter, JobUpdateParameter, PoolInformation
from .._errors import BatchServiceError, job_not_found
from .._lifecycle import Lifecycle, Pending, Transition
from .._policy import Clock, TransitionPolicy
from .._wire import iso7
from ._account import Account, Event, locked, weakly
from ._conditions import Conditions, View
from ._jobdoc import apply_changes, new_job_doc, wall_clock_deadline

__all__ = ["JOB_TRANSITIONS", "JobRecord", "JobStore", "JobView", "zero_counts"]


JobView = View  # a snapshot of a job for rendering


@attrs.define(eq=False)
class JobRecord:
    """One job: its document and what the Job API cannot show or set directly."""

    seq: int
    doc: dict[str, Any]
    created: datetime
    last_modified: datetime
    schedule_key: str | None = None
    policy: TransitionPolicy | None = None
    pending: Pending | None = None
    deadline: datetime | None = None
    all_tasks_complete: bool = True  # a job without tasks counts as complete
    has_tasks: bool = False  # tasks were added (or their completion was seeded)
    task_counts: dict[str, Any] | None = None
    prep_release: list[dict[str, Any]] = attrs.Factory(list)

    def view(self) -> JobView:
        return JobView(dict(self.doc), self.last_modified)


def zero_counts() -> dict[str, int]:
    return {"active": 0, "running": 0, "completed": 0, "succeeded": 0, "failed": 0}


def _completed(rec: JobRecord, pending: Pending | None, now: datetime) -> None:
    """A terminated job's execution info: its end time and why it ended."""
    reason = (pending.reason if pending else None) or "UserTerminate"
    info = rec.doc["executionInfo"]
    rec.doc["executionInfo"] = {"startTime": info["startTime"], "endTime": iso7(now), **info}
    rec.doc["executionInfo"]["terminateReason"] = reason


#: A job's transitional states, where each leads and what it tells the account once settled.
JOB_TRANSITIONS: dict[str, Transition[JobRecord]] = {
    "disabling": Transition("disabled", event="job.disabled"),
    "enabling": Transition("active", event="job.enabled"),
    "terminating": Transition("completed", event="job.terminated", finish=_completed),
    "deleting": Transition(None, event="job.deleted"),
}
#: States that refuse most changes, with the 409 code the service uses.
_REFUSING = {
    "deleting": ("JobBeingDeleted", "The specified job is being deleted."),
    "terminating": ("JobBeingTerminated", "The specified job is being terminated."),
    "completed": ("JobCompleted", "The specified job is already in a completed state."),
}


class JobStore:
    """In-memory jobs with the service's state rules.

    Args:
        clock: Returns the current aware UTC time; inject a ``ManualClock`` for time-based tests.
        policy: How transitional states settle unless a job has its own policy.
        account: The account to keep the jobs in (then leave ``clock`` and ``policy`` to it);
            by default one of their own.
    """

    def __init__(
        self,
        *,
        clock: Clock | None = None,
        policy: TransitionPolicy | None = None,
        account: Account | None = None,
    ) -> None:
        if account is not None and (clock is not None or policy is not None):
            raise TypeError("pass clock and policy to the Account, not next to it")
        self.account = account if account is not None else Account(clock=clock, policy=policy)
        self._lifecycle = Lifecycle(self.account, JOB_TRANSITIONS, remove=weakly(self._remove))
        self._gate: weakref.WeakMethod[Callable[[str], bool]] | None = None
        self._clear()
        self.account.on_reset(weakly(self._clear))

    # --- bookkeeping ---------------------------------------------------------------------------

    @property
    def clock(self) -> Clock:
        return self.account.clock

    @property
    def policy(self) -> TransitionPolicy:
        """The account's default transition policy."""
        return self.account.policy

    def hold_termination_while(self, running: Callable[[str], bool]) -> None:
        """Keep a ``terminating`` job from completing while ``running(job_id)`` (its release task runs).

        ``running`` is a bound method, held weakly (the task store's)."""
        self._gate = weakref.WeakMethod(running)

    def _termination_waits(self, job_id: str) -> bool:
        running = self._gate() if self._gate is not None else None
        return bool(running is not None and running(job_id))

    def reset(self) -> None:
        """Forget every job and job schedule (of the whole account) and restore the initial policy."""
        self.account.reset()

    def _clear(self) -> None:
        self._jobs: dict[str, JobRecord] = {}
        self._by_seq: dict[int, JobRecord] = {}
        self._order: list[int] = []
        self._schedules: dict[str, str] = {}
        self._schedule_job_counts: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._jobs)

    def _touch(self, rec: JobRecord, now: datetime) -> None:
        self.account.stamp(rec.doc, now)
        rec.last_modified = now

    def _remove(self, rec: JobRecord) -> None:
        del self._jobs[rec.doc["id"].casefold()]
        del self._by_seq[rec.seq]
        del self._order[bisect.bisect_left(self._order, rec.seq)]

    def _advance(self, rec: JobRecord, now: datetime) -> bool:
        """Settle what is due and apply automatic termination; False if the job is gone."""
        if rec.pending is not None:
            if rec.doc["state"] == "terminating" and self._termination_waits(rec.doc["id"]):
                return True  # its job release task still runs
            return self._lifecycle.advance(rec, now)
        if rec.deadline is not None and now >= rec.deadline and rec.doc["state"] in ("active", "disabled"):
            deadline, rec.deadline = rec.deadline, None
            if not self._begin_terminating(rec, deadline, "MaxWallClockTimeExpiry"):
                return False
            return self._advance(rec, now)  # a clock policy may be due already
        return True

    def _find(self, job_id: str, now: datetime) -> JobRecord:
        rec = self._jobs.get(job_id.casefold())
        if rec is None or not self._advance(rec, now):
            raise job_not_found(job_id)
        return rec

    def _writable(self, job_id: str, conditions: Conditions | None, now: datetime) -> JobRecord:
        rec = self._find(job_id, now)
        if conditions is not None:
            conditions.check(rec.doc["eTag"], rec.last_modified, read=False)
        return rec

    @staticmethod
    def _refuse_if(rec: JobRecord, *states: str) -> None:
        state = rec.doc["state"]
        if state in states:
            code, message = _REFUSING.get(
                state,
                (
                    "OperationInvalidForCurrentState",
                    "The specified operation is not valid for the current state of the resource.",
                ),
            )
            raise BatchServiceError(409, code, message, {"JobState": state})

    # --- the job operations --------------------------------------------------------------------

    @locked
    def add(
        self,
        param: JobAddParameter,
        *,
        schedule_id: str | None = None,
        newer: dict[str, Any] | None = None,
    ) -> JobView:
        """Create a job (201); 409 JobExists for a used id (compared case-insensitively).

        ``newer`` holds what api-versions after the target add to the body (see ``_newer``).
        """
        now = self.account.clock()
        etag = self.account.etag(now)
        doc = new_job_doc(param, now=now, etag=etag, check_id=schedule_id is None, newer=newer)
        key = doc["id"].casefold()
        if key in self._jobs and self._advance(self._jobs[key], now):
            raise BatchServiceError(
                409, "JobExists", "The specified job already exists.", {"JobId": doc["id"]}
            )
        if key in self._schedules:
            raise BatchServiceError(
                409, "JobScheduleWithSameIdExists", "A job schedule with the specified id already exists."
            )
        rec = JobRecord(self.account.next_sequence("job"), doc, created=now, last_modified=now)
        rec.schedule_key = schedule_id.casefold() if schedule_id is not None else None
        rec.deadline = wall_clock_deadline(doc, now)
        self._jobs[key] = self._by_seq[rec.seq] = rec
        self._order.append(rec.seq)
        self.account.emit(Event("job.added", doc["id"]))  # its job manager task is added then
        return rec.view()

    @locked
    def get(self, job_id: str, conditions: Conditions | None = None) -> JobView:
        """Read a job; counts as a read for the ``reads`` policy. Raises 404, 304 or 412."""
        rec = self._find(job_id, self.account.clock())
        if conditions is not None:
            conditions.check(rec.doc["eTag"], rec.last_modified, read=True)
        self._lifecycle.seen(rec)
        return rec.view()

    @locked
    def delete(self, job_id: str, conditions: Conditions | None = None) -> None:
        now = self.account.clock()
        rec = self._writable(job_id, conditions, now)
        self._refuse_if(rec, "deleting")
        self._touch(rec, now)
        self._lifecycle.begin(rec, "deleting", now)

    @locked
    def disable(self, job_id: str, disable_tasks: str, conditions: Conditions | None = None) -> JobView:
        now = self.account.clock()
        rec = self._writable(job_id, conditions, now)
        self._refuse_if(rec, "deleting", "terminating", "completed", "enabling")
        self._touch(rec, now)
        if rec.doc["state"] == "active":
            self._lifecycle.begin(rec, "disabling", now, disable_tasks)
        return rec.view()

    @locked
    def enable(self, job_id: str, conditions: Conditions | None = None) -> JobView:
        now = self.account.clock()
        rec = self._writable(job_id, conditions, now)
        self._refuse_if(rec, "deleting", "terminating", "completed", "active", "disabling")
        self._touch(rec, now)
        if rec.doc["state"] == "disabled":
            self._lifecycle.begin(rec, "enabling", now)
        return rec.view()

    @locked
    def terminate(
        self, job_id: str, reason: str | None = None, conditions: Conditions | None = None
    ) -> JobView:
        now = self.account.clock()
        rec = self._writable(job_id, conditions, now)
        self._refuse_if(rec, "deleting", "terminating", "completed")
        self._touch(rec, now)
        self._begin_terminating(rec, now, reason)
        return rec.view()

    @locked
    def change(
        self,
        job_id: str,
        param: JobPatchParameter | JobUpdateParameter,
        conditions: Conditions | None = None,
        newer: dict[str, Any] | None = None,
    ) -> JobView:
        """Patch (only given properties) or update (omitted properties reset) a job."""
        now = self.account.clock()
        rec = self._writable(job_id, conditions, now)
        self._refuse_if(rec, "deleting", "terminating", "completed")
        before = rec.doc["onAllTasksComplete"]
        changed = apply_changes(rec.doc, param, newer)
        deadline = wall_clock_deadline(changed, rec.created)  # all checks pass before anything changes
        rec.doc, rec.deadline = changed, deadline
        self._touch(rec, now)
        # Switching to terminatejob decides at once, also for a job that has no task yet (the race
        # the documentation warns of); other changes only once tasks have been added. [INF]
        if rec.has_tasks or before != rec.doc["onAllTasksComplete"]:
            self._terminate_if_done(rec, now)
        return rec.view()

    @locked
    def task_counts(self, job_id: str) -> dict[str, Any]:
        """What the control plane seeded for ``get_task_counts`` (zeros if nothing)."""
        return self.seeded_counts(job_id) or {"taskCounts": zero_counts(), "taskSlotCounts": zero_counts()}

    @locked
    def seeded_counts(self, job_id: str) -> dict[str, Any] | None:
        """The task counts the control plane set for the job, if it set any (they win over the tasks')."""
        return self._find(job_id, self.account.clock()).task_counts

    # --- what the tasks of a job do to it -------------------------------------------------------

    @locked
    def peek(self, job_id: str, now: datetime) -> dict[str, Any]:
        """The job's live document (not a copy: do not change it); 404 JobNotFound. Not a read."""
        return self._find(job_id, now).doc

    @staticmethod
    def refuse_adds(doc: dict[str, Any]) -> None:
        """A job that is ending takes no more tasks (a disabled one does: they wait)."""
        state = doc["state"]
        if state in _REFUSING:
            code, message = _REFUSING[state]
            raise BatchServiceError(409, code, message, {"JobState": state})

    @locked
    def set_tasks_complete(self, job_id: str, complete: bool, now: datetime) -> None:
        """Whether every task of the job is completed; a ``terminatejob`` job then terminates."""
        rec = self._find(job_id, now)
        rec.all_tasks_complete = complete
        rec.has_tasks = True
        if complete:
            self._terminate_if_done(rec, now)

    @locked
    def task_failed(self, job_id: str, job_action: str, now: datetime) -> None:
        """A task failed with ``jobAction`` ``terminate`` or ``disable``: act if ``onTaskFailure`` says so."""
        rec = self._find(job_id, now)
        if rec.doc.get("onTaskFailure") != "performexitoptionsjobaction":
            return
        state = rec.doc["state"]
        if job_action == "terminate" and state in ("active", "disabled", "disabling", "enabling"):
            self._touch(rec, now)
            self._begin_terminating(rec, now, "TaskFailed")
        elif job_action == "disable" and state == "active":
            self._touch(rec, now)
            self._lifecycle.begin(rec, "disabling", now, "requeue")  # the mode is not documented [INF]

    @locked
    def page(
        self,
        *,
        after: int | None,
        limit: int,
        match: Callable[[dict[str, Any]], bool] | None = None,
        schedule_id: str | None = None,
    ) -> tuple[list[JobView], int | None]:
        """Up to ``limit`` jobs created after sequence ``after`` (in creation order) that ``match``.

        Returns the jobs and the sequence to continue after, or None on the last page.
        """
        now = self.account.clock()
        key = schedule_id.casefold() if schedule_id is not None else None
        if key is not None and key not in self._schedules:
            raise BatchServiceError(404, "JobScheduleNotFound", "The specified job schedule does not exist.")
        order = self._order
        index = bisect.bisect_right(order, after) if after is not None else 0
        found: list[JobView] = []
        seen = self._lifecycle.seen
        while index < len(order) and len(found) < limit:
            rec = self._by_seq[order[index]]
            if not self._advance(rec, now):
                continue  # settled into "gone": the list shrank under the index
            index += 1
            if key is not None and rec.schedule_key != key:
                continue
            if match is not None and not match(rec.doc):
                continue
            seen(rec)
            found.append(rec.view())
        more = index < len(order)
        return found, (order[index - 1] if more and index > 0 else None)

    @locked
    def prep_release_page(
        self,
        job_id: str,
        *,
        after: int | None,
        limit: int,
        match: Callable[[dict[str, Any]], bool] | None = None,
    ) -> tuple[list[dict[str, Any]], int | None, str]:
        """A page of the job's preparation/release task status per node, plus the job's pool id."""
        rec = self._find(job_id, self.account.clock())
        if "jobPreparationTask" not in rec.doc:
            raise BatchServiceError(
                409,
                "JobPreparationTaskNotSpecified",
                "The specified job does not have a job preparation task.",
            )
        items = rec.prep_release
        index = after + 1 if after is not None else 0
        found: list[dict[str, Any]] = []
        while index < len(items) and len(found) < limit:
            item = items[index]
            index += 1
            if match is None or match(item):
                found.append(item)
        more = index < len(items)
        return found, (index - 1 if more else None), rec.doc["executionInfo"]["poolId"]

    # --- what the Job API cannot do: policies, seeding, automatic termination -------------------

    @locked
    def set_policy(self, policy: TransitionPolicy, job_id: str | None = None) -> None:
        """Set the transition policy of the account, or of one job (also for a pending change)."""
        if job_id is None:
            self.account.policy = policy
            return
        rec = self._find(job_id, self.account.clock())
        rec.policy = policy
        self._lifecycle.retime(rec, self.account.clock())

    @locked
    def release(self, job_id: str | None = None) -> int:
        """Settle pending transitions now (of one job, or of all); returns how many settled."""
        now = self.account.clock()
        targets = [self._find(job_id, now)] if job_id is not None else list(self._jobs.values())
        settled = 0
        for rec in targets:
            if rec.pending is not None:
                self._lifecycle.settle(rec, now)
                settled += 1
        return settled

    @locked
    def add_job_schedule(self, schedule_id: str) -> None:
        """Make a job schedule known, so its (possibly empty) job list can be read."""
        key = schedule_id.casefold()
        if key in self._jobs:
            raise BatchServiceError(409, "JobWithSameIdExists", "A job with the specified id already exists.")
        self._schedules.setdefault(key, schedule_id)

    @locked
    def add_schedule_job(
        self, schedule_id: str, param: JobAddParameter | None = None, *, pool_id: str = "pool-1"
    ) -> JobView:
        """Create a job as if the schedule had started it (id ``<schedule>:job-<n>`` by default)."""
        if param is None:
            job_id = self.next_schedule_job_id(schedule_id)
            param = JobAddParameter(id=job_id, pool_info=PoolInformation(pool_id=pool_id))
        self.add_job_schedule(schedule_id)
        return self.add(param, schedule_id=schedule_id)

    @locked
    def next_schedule_job_id(self, schedule_id: str) -> str:
        """The id the schedule gives its next job: ``<schedule>:job-<n>``."""
        self.add_job_schedule(schedule_id)
        key = schedule_id.casefold()
        count = self._schedule_job_counts[key] = self._schedule_job_counts.get(key, 0) + 1
        return f"{self._schedules[key]}:job-{count}"

    @locked
    def set_task_counts(
        self, job_id: str, task_counts: dict[str, Any], task_slot_counts: dict[str, Any] | None = None
    ) -> None:
        """Set what get_task_counts reports (wire form); slot counts default to the task counts."""
        rec = self._find(job_id, self.account.clock())
        counts = {**zero_counts(), **task_counts}
        slots = {**zero_counts(), **(task_slot_counts if task_slot_counts is not None else task_counts)}
        rec.task_counts = {"taskCounts": counts, "taskSlotCounts": slots}

    @locked
    def set_prep_release_status(self, job_id: str, items: list[dict[str, Any]]) -> None:
        """Set the per-node preparation/release task status (wire form) of a job."""
        rec = self._find(job_id, self.account.clock())
        rec.prep_release = [dict(item) for item in items]

    @locked
    def complete_all_tasks(self, job_id: str) -> JobView:
        """Mark every task of the job complete; a ``terminatejob`` job then terminates.

        Active and running tasks count as completed and succeeded from then on.
        """
        now = self.account.clock()
        rec = self._find(job_id, now)
        rec.all_tasks_complete = rec.has_tasks = True
        for group in (rec.task_counts or {}).values():
            finished = group["active"] + group["running"]
            group.update(
                active=0,
                running=0,
                completed=group["completed"] + finished,
                succeeded=group["succeeded"] + finished,
            )
        self._terminate_if_done(rec, now)
        return rec.view()

    def _terminate_if_done(self, rec: JobRecord, now: datetime) -> None:
        if (
            rec.all_tasks_complete
            and rec.doc["onAllTasksComplete"] == "terminatejob"
            and rec.doc["state"] in ("active", "disabled", "disabling", "enabling")
        ):
            self._begin_terminating(rec, now, "AllTasksComplete")

    def _begin_terminating(self, rec: JobRecord, now: datetime, reason: str | None) -> bool:
        """Enter ``terminating`` (telling the account, so that a job release task can start)."""
        self.account.emit(Event("job.terminating", rec.doc["id"], {"reason": reason} if reason else {}))
        if self._termination_waits(rec.doc["id"]):  # its release task runs: not even "instant" settles
            self._lifecycle.enter(rec, "terminating", now)
            return self._lifecycle.wait(rec, now, reason, settle_instant=False)
        return self._lifecycle.begin(rec, "terminating", now, reason)

    @locked
    def end(self, job_id: str, reason: str, now: datetime) -> None:
        """End a job on the service's own account (its job manager completed): ``terminating`` with ``reason``."""
        rec = self._find(job_id, now)
        if rec.doc["state"] in ("active", "disabled", "disabling", "enabling"):
            self._touch(rec, now)
            self._begin_terminating(rec, now, reason)
