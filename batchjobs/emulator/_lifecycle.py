"""The transition engine: a resource enters a transitional state (``disabling``) and settles into
its final one (``disabled``, or gone) when its ``TransitionPolicy`` says so.

Each kind of resource declares its transitions as data (transitional state -> ``Transition``); the
engine is the same for all. Nothing runs in the background: a pending transition is settled when
the resource is next looked at (``advance``), released, or at once under the ``instant`` policy.
Settling emits the transition's event on the account, so other resources can follow
(a job's tasks when the job is deleted, for instance).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any, Generic, Protocol, TypeVar

import attrs

from ._policy import TransitionPolicy
from ._wire import iso7
from .state._account import Account, Event

__all__ = ["Lifecycle", "Pending", "Stateful", "Transition", "with_previous_state"]


@attrs.define(eq=False)
class Pending:
    """A transition under way: the policy it settles by and how far along that is.

    Attributes:
        policy: The policy it was begun (or last re-timed) under.
        due: For the ``clock`` policy: when it settles.
        reads_seen: For the ``reads`` policy: how many reads have shown the in-between state.
        reason: What the request said about it (a terminate reason, a disable option), if anything.
    """

    policy: TransitionPolicy
    due: datetime | None = None
    reads_seen: int = 0
    reason: str | None = None


class Stateful(Protocol):
    """What the engine needs of a resource record: its wire document (``id``, ``state``,
    ``stateTransitionTime``), an own policy (or None) and the pending transition (or None)."""

    doc: dict[str, Any]
    policy: TransitionPolicy | None
    pending: Pending | None


R = TypeVar("R", bound=Stateful)


@attrs.frozen
class Transition(Generic[R]):
    """Where a transitional state leads.

    Attributes:
        settles_to: The final state, or None: the resource disappears.
        event: The event emitted on the account once it has settled (``job.deleted``).
        finish: Called after entering the final state, to fill in what the service adds then
            (an end time, a terminate reason): ``finish(record, pending, now)``.
    """

    settles_to: str | None
    event: str | None = None
    finish: Callable[[R, Pending | None, datetime], None] | None = None


def with_previous_state(doc: dict[str, Any]) -> dict[str, Any]:
    """The document with room for previousState right after stateTransitionTime, as the service orders it."""
    out: dict[str, Any] = {}
    for key, value in doc.items():
        out[key] = value
        if key == "stateTransitionTime":
            out["previousState"] = out["previousStateTransitionTime"] = None
    return out


class Lifecycle(Generic[R]):
    """Begins, advances and settles the transitions of one kind of resource.

    Args:
        account: Gives the default policy and receives the events.
        transitions: Transitional state -> where it leads.
        remove: Takes a record out of its store when it settles into "gone".
    """

    def __init__(
        self,
        account: Account,
        transitions: Mapping[str, Transition[R]],
        *,
        remove: Callable[[R], None],
        in_between: frozenset[str] | None = None,
    ) -> None:
        self.account = account
        self.transitions = dict(transitions)
        self._remove = remove
        #: States that previousState never shows (by default every state a transition leaves).
        self.in_between = frozenset(self.transitions) if in_between is None else in_between

    def enter(self, rec: R, state: str, now: datetime) -> None:
        """Change the state; the state left is kept as previousState unless it was transitional."""
        doc = rec.doc
        # previousState records stable states only: the examples show completed after active. [INF]
        if doc["state"] not in self.in_between:
            if "previousState" not in doc:
                rec.doc = doc = with_previous_state(doc)
            doc["previousState"] = doc["state"]
            doc["previousStateTransitionTime"] = doc["stateTransitionTime"]
        doc["state"] = state
        doc["stateTransitionTime"] = iso7(now)

    def begin(self, rec: R, state: str, now: datetime, reason: str | None = None) -> bool:
        """Enter a transitional state; returns False if it settled at once and removed the resource."""
        self.enter(rec, state, now)
        return self.wait(rec, now, reason)

    def wait(self, rec: R, now: datetime, reason: str | None = None, *, settle_instant: bool = True) -> bool:
        """Start the transition out of the current state, without entering it again (a new record);
        returns False if it settled at once and removed the resource.

        ``settle_instant=False`` leaves even an ``instant`` transition pending, for a resource that
        must wait for something else first; ``advance`` settles it.
        """
        rec.pending = self._pending(rec.policy or self.account.policy, now, reason)
        if settle_instant and rec.pending.policy.mode == "instant":
            return self.settle(rec, now)
        return True

    def settle(self, rec: R, now: datetime) -> bool:
        """Finish the pending transition; returns False if the resource is gone."""
        pending, rec.pending = rec.pending, None
        transition = self.transitions[rec.doc["state"]]
        final = transition.settles_to
        if final is None:
            self._remove(rec)
        else:
            self.enter(rec, final, now)
            if transition.finish is not None:
                transition.finish(rec, pending, now)
        if transition.event is not None:
            reason = pending.reason if pending is not None else None
            detail = {"reason": reason} if reason is not None else {}
            self.account.emit(Event(transition.event, rec.doc["id"], detail))
        return final is not None

    def advance(self, rec: R, now: datetime) -> bool:
        """Settle the pending transition if it is due (by clock or by reads); False if the resource is gone."""
        pending = rec.pending
        if pending is not None:
            mode = pending.policy.mode
            if mode == "instant":
                return self.settle(rec, now)
            if mode == "clock" and pending.due is not None and now >= pending.due:
                return self.settle(rec, pending.due)  # stamped when it was due, not when seen
            if mode == "reads" and pending.reads_seen >= pending.policy.reads:
                return self.settle(rec, now)
        return True

    @staticmethod
    def seen(rec: R) -> None:
        """Count a read that showed the resource (for the ``reads`` policy)."""
        if rec.pending is not None:
            rec.pending.reads_seen += 1

    def retime(self, rec: R, now: datetime) -> None:
        """Restart the pending transition under the resource's current policy (settling at once if instant)."""
        if rec.pending is None:
            return
        rec.pending = self._pending(rec.policy or self.account.policy, now, rec.pending.reason)
        if rec.pending.policy.mode == "instant":
            self.settle(rec, now)

    @staticmethod
    def _pending(policy: TransitionPolicy, now: datetime, reason: str | None) -> Pending:
        due = now + timedelta(seconds=policy.seconds) if policy.mode == "clock" else None
        return Pending(policy, due=due, reason=reason)
