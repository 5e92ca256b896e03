"""The account every resource store shares: one lock, ETags, creation sequences, the clock, the
default transition policy, and the events by which one resource's change reaches another.

A store is given an ``Account`` (or makes its own); every public store method runs under the
account's lock, so a loopback server and a test thread may share the state, and one store may act
on another from an event listener without a second lock.
"""

from __future__ import annotations

import functools
import threading
import weakref
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, Concatenate, ParamSpec, Protocol, TypeVar

import attrs

from .._policy import Clock, TransitionPolicy, system_clock
from .._wire import EtagSource, iso7

__all__ = ["Account", "Event", "Listener", "locked", "weakly"]

P = ParamSpec("P")
R = TypeVar("R")


@attrs.frozen
class Event:
    """A change of one resource that others may follow, e.g. ``Event("job.deleted", "job-1")``.

    Attributes:
        name: ``<resource>.<what happened>``: ``job.disabled``, ``job.terminated``, ``job.deleted``, …
        subject: The id of the resource it happened to.
        detail: What the request said about it (``reason``: a terminate reason, a disable option).
    """

    name: str
    subject: str
    detail: Mapping[str, Any] = attrs.field(factory=dict)


Listener = Callable[[Event], None]


class Account:
    """State shared by the stores of one emulated account.

    Args:
        clock: Returns the current aware UTC time; inject a ``ManualClock`` for time-based tests.
        policy: How transitional states settle unless a resource has its own policy.
    """

    def __init__(self, *, clock: Clock | None = None, policy: TransitionPolicy | None = None) -> None:
        self.clock: Clock = clock or system_clock
        self.lock = threading.RLock()
        self._initial_policy = policy or TransitionPolicy()
        self._listeners: dict[str, list[Listener]] = {}
        self._resets: list[Callable[[], None]] = []
        self.reset()

    def reset(self) -> None:
        """Back to a fresh account: the initial policy, new ETag and id sequences, every store emptied."""
        with self.lock:
            self.policy = self._initial_policy
            self._etags = EtagSource()
            self._sequences: dict[str, int] = {}
            for clear in self._resets:
                clear()

    def on_reset(self, clear: Callable[[], None]) -> None:
        """Have ``clear`` called (under the lock) whenever the account is reset.

        A store passes its own method through ``weakly``, so that the account does not keep it alive.
        """
        self._resets.append(clear)

    def etag(self, now: datetime) -> str:
        """A new ETag, later than every one handed out before (also when the clock stands still)."""
        return self._etags.next(now)

    def stamp(self, doc: dict[str, Any], now: datetime) -> None:
        """Mark a resource document as changed now: a new ``eTag`` and ``lastModified``."""
        doc["eTag"] = self._etags.next(now)
        doc["lastModified"] = iso7(now)

    def next_sequence(self, kind: str) -> int:
        """The next creation number of a kind of resource (1, 2, …); listing order follows it."""
        value = self._sequences[kind] = self._sequences.get(kind, 0) + 1
        return value

    def subscribe(self, name: str, listener: Listener) -> None:
        """Call ``listener`` for every event called ``name`` (under the lock, in the order subscribed).

        A store subscribes its own methods through ``weakly``, as for ``on_reset``.
        """
        with self.lock:
            self._listeners.setdefault(name, []).append(listener)

    def emit(self, event: Event) -> None:
        """Tell the listeners of ``event.name``; the caller holds the lock."""
        for listener in self._listeners.get(event.name, ()):
            listener(event)


def weakly(method: Callable[P, None]) -> Callable[P, None]:
    """A callable that calls the bound ``method`` while its object lives, and does nothing after.

    What a store hands to its account and its transition engine, so that no reference cycle keeps a
    store (and all its records) alive after the last ``Emulator`` using it is dropped.
    """
    ref = weakref.WeakMethod(method)

    def call(*args: P.args, **kwargs: P.kwargs) -> None:
        target = ref()
        if target is not None:
            target(*args, **kwargs)

    return call


class _HasAccount(Protocol):
    @property
    def account(self) -> Account: ...


S = TypeVar("S", bound=_HasAccount)


def locked(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
    """Serialize a public store method on its account's lock."""

    @functools.wraps(method)
    def wrapper(self: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with self.account.lock:
            return method(self, *args, **kwargs)

    return wrapper
