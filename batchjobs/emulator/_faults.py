"""Fault injection and the request journal: how tests make the emulator misbehave on purpose and
check afterwards what a client actually sent."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from typing import Any

import attrs
import httpx

from .._api import ENDPOINTS
from ._policy import check_seconds

__all__ = [
    "ALIASES",
    "JOURNAL_HEADERS",
    "OPERATIONS",
    "ConnectionDropped",
    "Fault",
    "FaultInjector",
    "Journal",
]

#: Unqualified names of the job operations (``get``), which faults also accept: what the README
#: documented before operation ids were qualified by their group.
ALIASES: dict[str, str] = {
    endpoint.name: endpoint.id for endpoint in ENDPOINTS.values() if endpoint.group == "job"
}
#: What a fault may name: the qualified operation ids (``job.get``) and their aliases (``get``).
OPERATIONS = frozenset(ENDPOINTS) | frozenset(ALIASES)

_DEFAULT_CODES = {429: "TooManyRequests", 500: "InternalError", 503: "ServerBusy"}

#: Request headers worth keeping in the journal. Authorization never is.
JOURNAL_HEADERS = (
    "client-request-id",
    "return-client-request-id",
    "ocp-date",
    "if-match",
    "if-none-match",
    "if-modified-since",
    "if-unmodified-since",
    "content-type",
    "content-length",
    "user-agent",
)


class ConnectionDropped(httpx.RemoteProtocolError):
    """Raised by the app to cut a connection: in-process clients get it as the transport error a
    dropped connection causes; a real server aborts the half-sent response."""


def _check_operation(_: Fault, __: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or (value != "*" and value not in OPERATIONS):
        raise ValueError(
            f"a fault names an unknown operation {value!r}; use one of {sorted(OPERATIONS)} or '*'"
        )


def _whole(low: int, high: int) -> Callable[[Any, Any, Any], None]:
    """A validator for an optional whole number in ``[low, high]``: ``1.5`` requests are no fault."""

    def check(_: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high
        ):
            raise ValueError(
                f"a fault's {attribute.name} must be a whole number from {low} to {high}, not {value!r}"
            )

    return check


def _seconds(maximum: float) -> Callable[[Any, Any, Any], None]:
    """A validator for an optional number of seconds up to ``maximum``."""

    def check(_: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is not None:
            check_seconds(value, f"a fault's {attribute.name}", maximum)

    return check


def _optional_text(_: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not isinstance(value, str):
        raise ValueError(f"a fault's {attribute.name} must be a string, not {value!r}")


def _flag(_: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, bool):
        raise ValueError(f"a fault's {attribute.name} must be true or false, not {value!r}")


@attrs.define(kw_only=True)
class Fault:
    """One injected misbehaviour, used for the next ``count`` matching requests.

    Attributes:
        operation: The operation it hits (``job.get``, ``job.add``, …, or a job operation's bare
            name ``get``, ``add``, …, as it was given) or ``*`` for any.
        job_id: Only requests for this job (case-insensitive); None for any.
        status: Answer with this error status (e.g. 429, 500, 503) instead of the real answer.
        code: The Batch error code of that answer (default by status: TooManyRequests,
            InternalError, ServerBusy; else InjectedFault).
        message: Its text.
        retry_after: Seconds for a ``Retry-After`` header on the error.
        delay: Seconds to wait before answering (also alone, as a pure delay).
        drop: Cut the connection instead of answering.
        apply_first: Carry out the operation, then fail (error status or drop): the change happened
            although the client saw a failure.
        count: How many matching requests it still hits.
    """

    operation: str = attrs.field(default="*", validator=_check_operation)
    job_id: str | None = attrs.field(default=None, validator=_optional_text)
    status: int | None = attrs.field(default=None, validator=_whole(400, 599))
    code: str | None = attrs.field(default=None, validator=_optional_text)
    message: str | None = attrs.field(default=None, validator=_optional_text)
    retry_after: float | None = attrs.field(default=None, validator=_seconds(86_400))
    delay: float = attrs.field(default=0.0, validator=_seconds(3_600))
    drop: bool = attrs.field(default=False, validator=_flag)
    apply_first: bool = attrs.field(default=False, validator=_flag)
    count: int = attrs.field(default=1, validator=_whole(1, 1_000_000))
    id: int = 0

    @property
    def operation_id(self) -> str:
        """The qualified id of ``operation`` (``get`` -> ``job.get``); ``*`` stays."""
        return ALIASES.get(self.operation, self.operation)

    @property
    def fails(self) -> bool:
        return self.status is not None or self.drop

    def error_code(self) -> str:
        assert self.status is not None
        return self.code or _DEFAULT_CODES.get(self.status, "InjectedFault")

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "operation": self.operation,
            "jobId": self.job_id,
            "status": self.status,
            "code": self.code,
            "message": self.message,
            "retryAfter": self.retry_after,
            "delay": self.delay,
            "drop": self.drop,
            "applyFirst": self.apply_first,
            "count": self.count,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Fault:
        names = {
            "operation": "operation",
            "jobId": "job_id",
            "status": "status",
            "code": "code",
            "message": "message",
            "retryAfter": "retry_after",
            "delay": "delay",
            "drop": "drop",
            "applyFirst": "apply_first",
            "count": "count",
        }
        unknown = set(data) - set(names)
        if unknown:
            raise ValueError(f"unknown fault properties: {sorted(unknown)}")
        return cls(**{names[key]: value for key, value in data.items() if value is not None})


class FaultInjector:
    """The faults waiting to hit requests, matched in the order they were added."""

    def __init__(self) -> None:
        self._faults: list[Fault] = []
        self._next_id = 1
        self._lock = threading.Lock()

    def add(self, fault: Fault) -> Fault:
        with self._lock:
            fault.id = self._next_id
            self._next_id += 1
            self._faults.append(fault)
        return fault

    def take(self, operation: str, job_id: str | None) -> Fault | None:
        """The first fault matching a request for ``operation`` (a qualified id), used up by one;
        None if none matches."""
        with self._lock:
            for fault in self._faults:
                if fault.operation != "*" and fault.operation_id != operation:
                    continue
                if fault.job_id is not None and (
                    job_id is None or fault.job_id.casefold() != job_id.casefold()
                ):
                    continue
                if fault.count == 1:
                    self._faults.remove(fault)
                else:
                    fault.count -= 1
                return attrs.evolve(fault, count=1)
        return None

    def pending(self) -> list[Fault]:
        with self._lock:
            return [attrs.evolve(fault) for fault in self._faults]

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()


class Journal:
    """The last requests of the Job API, newest last (bounded)."""

    def __init__(self, maxlen: int = 10_000) -> None:
        self._entries: deque[dict[str, Any]] = deque(maxlen=maxlen)
        self._lock = threading.Lock()

    def record(self, entry: dict[str, Any]) -> None:
        with self._lock:
            self._entries.append(entry)

    def entries(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
