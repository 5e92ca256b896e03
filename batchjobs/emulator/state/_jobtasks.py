"""A job's own tasks (tasks-api.md §8): the job manager, added with the job, scheduled first, ending
the job when it completes (``killJobOnCompletion``); the preparation task, run on the node before
the first task of the job (the job's tasks wait for it with ``waitForSuccess``); the release task,
run when the job ends, the job staying ``terminating`` until it has finished.

The emulated pool has one node, so each job has at most one preparation and one release run, which
``list_preparation_and_release_task_status`` reports. Under the simulate executor they finish as
soon as they start, with a scripted outcome (script their ids, ``jobpreparation`` and
``jobrelease`` by default); under an executor that runs commands they run for real.
"""

from __future__ import annotations

import weakref
from datetime import datetime
from typing import Any, Protocol

from .._wire import iso7
from ._account import Account, Event, weakly
from ._jobs import JobStore
from ._taskdoc import new_task_doc
from ._taskrecords import NODE_ID, TaskRecord


class _Store(Protocol):
    """What the job's own tasks need of the task store."""

    account: Account
    jobs: JobStore

    def add_task(
        self, job: dict[str, Any], body: dict[str, Any], now: datetime, *, role: str, exclusive: bool
    ) -> TaskRecord: ...
    def job_of(self, rec: TaskRecord, now: datetime) -> dict[str, Any]: ...
    def run_special(self, rec: TaskRecord, now: datetime) -> None: ...
    def schedule(self, now: datetime) -> None: ...


__all__ = ["JobTasks", "PREPARATION", "RELEASE"]

PREPARATION, RELEASE = "\x00preparation", "\x00release"  # keys no task id can take
_KINDS = {PREPARATION: ("jobPreparationTask", "jobpreparation"), RELEASE: ("jobReleaseTask", "jobrelease")}
_INFO = {PREPARATION: "jobPreparationTaskExecutionInfo", RELEASE: "jobReleaseTaskExecutionInfo"}


class JobTasks:
    """The job manager, preparation and release tasks of the jobs of one task store."""

    def __init__(self, store: _Store) -> None:
        self._store = weakref.ref(store)  # the store holds this object: no cycle
        self._runs: dict[tuple[str, str], TaskRecord] = {}  # (job key, kind) -> its run
        store.account.subscribe("job.added", weakly(self._job_added))
        store.account.subscribe("job.terminating", weakly(self._job_terminating))
        store.account.on_reset(weakly(self._clear))
        store.jobs.hold_termination_while(self.releasing)

    @property
    def store(self) -> _Store:
        store = self._store()
        assert store is not None, "the task store is gone"
        return store

    def _clear(self) -> None:
        self._runs.clear()

    # --- the job manager ---------------------------------------------------------------------------

    def _job_added(self, event: Event) -> None:
        store = self.store
        now = store.account.clock()
        job = store.jobs.peek(event.subject, now)
        manager = job.get("jobManagerTask")
        if manager is not None:
            body = {key: value for key, value in manager.items() if key not in _MANAGER_ONLY}
            store.add_task(job, body, now, role="manager", exclusive=manager.get("runExclusive", True))

    def manager_completed(self, rec: TaskRecord, now: datetime) -> None:
        job = self.store.job_of(rec, now)
        if (job.get("jobManagerTask") or {}).get("killJobOnCompletion", True):
            self.store.jobs.end(job["id"], "JMComplete", now)

    # --- preparation and release --------------------------------------------------------------------

    def prepared(self, rec: TaskRecord, job: dict[str, Any], now: datetime) -> bool:
        """Whether the job's tasks may start on the node; starts the preparation task when first needed."""
        if "jobPreparationTask" not in job:
            return True
        run = self._runs.get((rec.job_key, PREPARATION))
        if run is None:
            run = self._start(rec.job_key, job, PREPARATION, now)
        if not job["jobPreparationTask"].get("waitForSuccess", True):
            return True  # the tasks start at once, whatever becomes of the preparation
        return run.state == "completed" and run.doc["executionInfo"].get("result") == "success"

    def _job_terminating(self, event: Event) -> None:
        store = self.store
        now = store.account.clock()
        job = store.jobs.peek(event.subject, now)
        key = event.subject.casefold()
        if "jobReleaseTask" in job and (key, PREPARATION) in self._runs and (key, RELEASE) not in self._runs:
            self._start(key, job, RELEASE, now)

    def releasing(self, job_id: str) -> bool:
        """Whether the job's release task still runs (its job then stays ``terminating``)."""
        run = self._runs.get((job_id.casefold(), RELEASE))
        return run is not None and run.state != "completed"

    def record(self, job_key: str, kind: str) -> TaskRecord | None:
        return self._runs.get((job_key, kind))

    def _start(self, job_key: str, job: dict[str, Any], kind: str, now: datetime) -> TaskRecord:
        field, default_id = _KINDS[kind]
        spec = dict(job[field])
        spec.setdefault("id", default_id)
        if kind == RELEASE:  # no retries; 15 minutes unless said otherwise (§8.2)
            spec["constraints"] = {**(spec.get("constraints") or {}), "maxTaskRetryCount": 0}
            spec["constraints"].setdefault("maxWallClockTime", "PT15M")
        body = {key: value for key, value in spec.items() if key not in _SPECIAL_ONLY}
        doc = new_task_doc(body, job, now=now, etag=self.store.account.etag(now))
        doc["requiredSlots"] = 0  # preparation and release take no scheduling slot
        rec = TaskRecord(0, job_key, doc, now, role=kind)
        self._runs[(job_key, kind)] = rec
        self.store.run_special(rec, now)
        return rec

    def finished(self, rec: TaskRecord, now: datetime) -> None:
        """A preparation or release run ended: report it, and let the job's tasks (or its end) go on."""
        store = self.store
        job = store.job_of(rec, now)
        items = [self.status(job, rec.job_key)]
        store.jobs.set_prep_release_status(job["id"], items)
        store.schedule(now)

    def status(self, job: dict[str, Any], job_key: str) -> dict[str, Any]:
        """The node's item of ``list_preparation_and_release_task_status``."""
        item: dict[str, Any] = {"nodeId": NODE_ID}
        for kind in (PREPARATION, RELEASE):
            run = self._runs.get((job_key, kind))
            if run is None:
                continue
            info = run.doc["executionInfo"]
            out = {"startTime": info.get("startTime", iso7(run.last_modified)), "state": run.state}
            if run.state == "completed":
                out.update(
                    {
                        key: info[key]
                        for key in ("endTime", "exitCode", "failureInfo", "result")
                        if key in info
                    }
                )
            out["taskRootDirectory"] = f"workitems/{job['id']}/job-1/{run.doc['id']}"
            if kind == PREPARATION:
                out["retryCount"] = info.get("retryCount", 0)
            item[_INFO[kind]] = out
        return item


_MANAGER_ONLY = {"killJobOnCompletion", "runExclusive", "allowLowPriorityNode"}
_SPECIAL_ONLY = {"waitForSuccess", "rerunOnNodeRebootAfterSuccess"}
