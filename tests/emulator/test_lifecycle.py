"""The shared state machinery: the account (ETags, sequences, events, reset) and the transition
engine, on the job store and on a resource of its own."""

from __future__ import annotations

import gc
import weakref
from datetime import datetime
from typing import Any

import attrs

from batchjobs.emulator import Emulator, ManualClock, TransitionPolicy
from batchjobs.emulator._lifecycle import Lifecycle, Pending, Transition
from batchjobs.emulator.state._account import Account, Event
from batchjobs.emulator.state._jobs import JobStore
from batchjobs.models import JobAddParameter, PoolInformation

POOL = PoolInformation(pool_id="p")


def _store(policy: TransitionPolicy) -> tuple[JobStore, list[Event]]:
    store = JobStore(clock=ManualClock(), policy=policy)
    events: list[Event] = []
    for name in ("job.disabled", "job.enabled", "job.terminated", "job.deleted"):
        store.account.subscribe(name, events.append)
    store.add(JobAddParameter(id="a", pool_info=POOL))
    return store, events


def test_job_events_follow_the_transitions_as_they_settle() -> None:
    store, events = _store(TransitionPolicy.after_reads(1))
    store.disable("a", "requeue")
    assert events == []
    store.get("a")
    store.get("a")
    store.terminate("a", "done")
    store.release("a")
    store.delete("a")
    assert events == [
        Event("job.disabled", "a", {"reason": "requeue"}),
        Event("job.terminated", "a", {"reason": "done"}),
    ]
    assert store.get("a").doc["state"] == "deleting"
    assert store.page(after=None, limit=10) == ([], None)  # the next look settles it
    assert len(store) == 0
    assert events[-1] == Event("job.deleted", "a")


def test_automatic_termination_is_an_event_too() -> None:
    store, events = _store(TransitionPolicy.instant())
    store.complete_all_tasks("a")  # onAllTasksComplete is noaction: nothing happens
    store.add(JobAddParameter(id="b", pool_info=POOL, on_all_tasks_complete="terminatejob"))
    store.complete_all_tasks("b")
    assert events == [Event("job.terminated", "b", {"reason": "AllTasksComplete"})]


def test_the_account_is_shared_and_reset_as_a_whole() -> None:
    account = Account(clock=ManualClock(), policy=TransitionPolicy.held())
    first, second = JobStore(account=account), JobStore(account=account)
    first.add(JobAddParameter(id="a", pool_info=POOL))
    second.add(JobAddParameter(id="b", pool_info=POOL))
    assert first.get("a").etag < second.get("b").etag  # one ETag source, even on a standing clock
    assert account.next_sequence("job") == 3
    second.set_policy(TransitionPolicy.instant())
    assert first.policy == TransitionPolicy.instant()
    first.reset()
    assert (len(first), len(second), account.policy) == (0, 0, TransitionPolicy.held())
    assert account.next_sequence("job") == 1


def test_a_dropped_emulator_is_freed_without_the_garbage_collector() -> None:
    # No reference cycle between a store, its account and its engine keeps the jobs alive.
    gc.disable()
    try:
        emulator = Emulator(policy="held")
        emulator.store.add(JobAddParameter(id="a", pool_info=POOL))
        emulator.store.terminate("a")
        store = weakref.ref(emulator.store)
        del emulator
        assert store() is None
    finally:
        gc.enable()


def test_a_reset_reaches_every_living_store_of_the_account() -> None:
    account = Account()
    kept = JobStore(account=account)
    JobStore(account=account).add(JobAddParameter(id="gone", pool_info=POOL))  # dropped at once
    kept.add(JobAddParameter(id="a", pool_info=POOL))
    account.reset()
    assert len(kept) == 0


@attrs.define
class _Machine:
    """A resource of its own: the engine needs only a document, a policy and a pending transition."""

    doc: dict[str, Any]
    policy: TransitionPolicy | None = None
    pending: Pending | None = None


def _stamp(rec: _Machine, pending: Pending | None, now: datetime) -> None:
    rec.doc["stoppedBecause"] = pending.reason if pending else None


def test_the_engine_serves_other_resources() -> None:
    clock = ManualClock()
    account = Account(clock=clock, policy=TransitionPolicy.after(5))
    gone: list[_Machine] = []
    transitions = {
        "stopping": Transition("stopped", event="machine.stopped", finish=_stamp),
        "removing": Transition(None, event="machine.removed"),
    }
    engine: Lifecycle[_Machine] = Lifecycle(account, transitions, remove=gone.append)
    events: list[Event] = []
    account.subscribe("machine.stopped", events.append)
    start = clock()
    machine = _Machine({"id": "m", "state": "running", "stateTransitionTime": "t0"})
    assert engine.begin(machine, "stopping", start, "maintenance")
    clock.advance(4)
    assert engine.advance(machine, clock())
    assert machine.doc["state"] == "stopping"
    clock.advance(2)
    assert engine.advance(machine, clock())
    assert machine.doc["state"] == "stopped"
    assert machine.doc["previousState"] == "running"
    assert machine.doc["stoppedBecause"] == "maintenance"
    assert machine.doc["stateTransitionTime"] == "2023-06-01T12:00:05.0000000Z"  # when it was due
    assert events == [Event("machine.stopped", "m", {"reason": "maintenance"})]
    machine.policy = TransitionPolicy.after_reads(2)
    engine.begin(machine, "removing", clock())
    engine.seen(machine)
    assert engine.advance(machine, clock())
    engine.seen(machine)
    assert not engine.advance(machine, clock())
    assert gone == [machine]
