"""The emulated account (``Emulator``) and the Starlette app that serves it (``create_app``)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any
from urllib.parse import parse_qsl, unquote

import anyio
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route as StarletteRoute
from starlette.types import Receive, Scope, Send

from ..models import (
    JobAddParameter,
    JobPreparationAndReleaseTaskExecutionInformation,
    TaskCounts,
    TaskSlotCounts,
)
from ._auth import ACCOUNT_KEY, ACCOUNT_NAME, AuthSettings, verify_request
from ._control import control
from ._errors import BatchServiceError, error_response
from ._faults import JOURNAL_HEADERS, ConnectionDropped, Fault, FaultInjector, Journal
from ._policy import Clock, ManualClock, TransitionPolicy
from ._query import query_rules, resolve
from ._routes import Call, base_url_of, handle
from ._store import JobStore
from ._validate import parse_data
from ._wire import iso7, to_wire

__all__ = ["Emulator", "create_app"]


class Emulator:
    """One emulated Batch account: its jobs, auth settings, injected faults and request journal.

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
    ) -> None:
        if isinstance(policy, str):
            policy = TransitionPolicy.parse(policy)
        if store is not None and (clock is not None or policy is not None):
            raise TypeError("pass clock and policy to the JobStore, not next to it")
        self.store = store if store is not None else JobStore(clock=clock, policy=policy)
        self.auth = AuthSettings(
            enabled=auth, allow_tokens=allow_tokens, account_name=account_name, account_key=account_key
        )
        self.faults = FaultInjector()
        self.journal = Journal()

    @property
    def clock(self) -> Clock:
        return self.store.clock

    def health(self) -> dict[str, Any]:
        """Status, number of jobs, account name, whether auth is on, and the transition policy."""
        return {
            "status": "ok",
            "jobs": len(self.store),
            "accountName": self.auth.account_name,
            "auth": self.auth.enabled,
            "policy": self.store.policy.to_text(),
        }

    def reset(self) -> None:
        """Back to a fresh account: no jobs, schedules, faults or journal entries."""
        self.store.reset()
        self.faults.clear()
        self.journal.clear()

    def set_policy(self, policy: TransitionPolicy | str, job_id: str | None = None) -> None:
        """Set how transitional states settle, for the whole emulator or for one job."""
        self.store.set_policy(TransitionPolicy.parse(policy) if isinstance(policy, str) else policy, job_id)

    def release(self, job_id: str | None = None) -> int:
        """Settle pending transitions now (e.g. ones the ``held`` policy holds); returns how many."""
        return self.store.release(job_id)

    def advance_clock(self, seconds: float) -> None:
        """Move a ``ManualClock`` on; transitions due by then settle when next looked at."""
        clock = self.store.clock
        if not isinstance(clock, ManualClock):
            raise TypeError("the emulator runs on the system clock; create it with clock=ManualClock()")
        clock.advance(seconds)

    def inject_fault(self, fault: Fault | None = None, **fields: Any) -> Fault:
        """Add a fault (a ``Fault`` or its fields, e.g. ``operation="get", status=503, retry_after=1``)."""
        return self.faults.add(fault if fault is not None else Fault(**fields))

    def pending_faults(self) -> list[Fault]:
        """Faults still waiting to hit, with their remaining counts."""
        return self.faults.pending()

    def clear_faults(self) -> None:
        self.faults.clear()

    def requests(self) -> list[dict[str, Any]]:
        """The journal: method, path, query, operation, jobId, status and selected headers per request
        (never the ``Authorization`` value: only its scheme)."""
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
        """Set what ``get_task_counts`` reports; slot counts default to the task counts."""
        counts = to_wire(task_counts) if isinstance(task_counts, TaskCounts) else dict(task_counts)
        slots = (
            to_wire(task_slot_counts) if isinstance(task_slot_counts, TaskSlotCounts) else task_slot_counts
        )
        self.store.set_task_counts(job_id, counts, slots)

    def set_prep_release_status(
        self, job_id: str, items: Sequence[JobPreparationAndReleaseTaskExecutionInformation | dict[str, Any]]
    ) -> None:
        """Set the per-node job preparation/release task status of a job."""
        cls = JobPreparationAndReleaseTaskExecutionInformation
        wire = [to_wire(parse_data(item, cls) if isinstance(item, dict) else item) for item in items]
        self.store.set_prep_release_status(job_id, wire)

    def complete_all_tasks(self, job_id: str) -> None:
        """Mark every task of the job complete; a job with onAllTasksComplete=terminatejob terminates."""
        self.store.complete_all_tasks(job_id)


def _fault_error(fault: Fault) -> BatchServiceError:
    assert fault.status is not None
    headers = {"Retry-After": f"{fault.retry_after:g}"} if fault.retry_after is not None else None
    message = fault.message or "The emulator injected this failure."
    return BatchServiceError(fault.status, fault.error_code(), message, headers=headers)


async def _cut(send: Send) -> None:
    # Start a response and abandon it: a real server then closes the connection mid-response.
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"1024")]})
    raise ConnectionDropped("Server disconnected without sending a complete response.")


class _Dispatcher:
    """The app's single route: the Job API and, under ``/_emulator``, the control plane."""

    def __init__(self, emulator: Emulator) -> None:
        self.emulator = emulator

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        raw_path = (scope.get("raw_path") or scope["path"].encode()).decode("latin-1")
        segments = [unquote(part) for part in raw_path.strip("/").split("/")] if raw_path.strip("/") else []
        request = Request(scope, receive, send)
        if segments[:1] == ["_emulator"]:
            response = await control(self.emulator, request, segments[1:])
            await response(scope, receive, send)
            return
        await self._job_api(scope, receive, send, request, raw_path, segments)

    async def _job_api(
        self, scope: Scope, receive: Receive, send: Send, request: Request, raw_path: str, segments: list[str]
    ) -> None:
        emulator = self.emulator
        method = scope["method"]
        query_string = scope.get("query_string", b"").decode("latin-1")
        header_pairs = [(name.decode("latin-1"), value.decode("latin-1")) for name, value in scope["headers"]]
        headers = dict(header_pairs)
        base_url = base_url_of(scope, headers)
        request_id = str(uuid.uuid4())
        route = resolve(method, segments)
        entry: dict[str, Any] = {
            "time": iso7(emulator.clock()),
            "method": method,
            "path": raw_path,
            "query": query_string,
            "operation": route.operation if route else None,
            "jobId": (route.job_id or route.schedule_id) if route else None,
            "requestId": request_id,
            "headers": {name: headers[name] for name in JOURNAL_HEADERS if name in headers},
            "auth": None,
            "fault": None,
            "status": None,
        }
        echo = {}
        if headers.get("return-client-request-id", "").lower() == "true" and headers.get("client-request-id"):
            echo["client-request-id"] = headers["client-request-id"]
        try:
            target = raw_path + ("?" + query_string if query_string else "")
            entry["auth"] = verify_request(emulator.auth, method, target, header_pairs)
            if route is None:
                raise BatchServiceError(
                    501, "NotImplemented", f"The emulator does not implement {method} {raw_path}."
                )
            query: dict[str, str] = {}
            for name, value in parse_qsl(query_string, keep_blank_values=True):
                query.setdefault(name.lower(), value)
            query_rules(route, query)
            call = Call(
                emulator.store,
                request,
                route,
                query,
                base_url=base_url,
                raw_path=raw_path,
                request_id=request_id,
            )
            fault = emulator.faults.take(route.operation, route.job_id or route.schedule_id)
            if fault is not None:
                entry["fault"] = fault.id
                if fault.delay:
                    await anyio.sleep(fault.delay)
            if fault is None or not fault.fails or fault.apply_first:
                response = await handle(call)
            if fault is not None and fault.fails:
                if fault.drop:
                    emulator.journal.record({**entry, "dropped": True})
                    await _cut(send)
                raise _fault_error(fault)
        except BatchServiceError as error:
            now = emulator.clock()
            response = error_response(error, base_url=base_url, request_id=request_id, now=now, echo=echo)
        entry["status"] = response.status_code
        emulator.journal.record(entry)
        await response(scope, receive, send)


async def _on_error(request: Request, exc: Exception) -> Response:
    """Backstop for errors raised outside the dispatcher's own handling."""
    assert isinstance(exc, BatchServiceError)
    emulator: Emulator = request.app.state.emulator
    base_url = base_url_of(request.scope, dict(request.headers))
    return error_response(exc, base_url=base_url, request_id=str(uuid.uuid4()), now=emulator.clock())


def create_app(
    emulator: Emulator | JobStore | None = None,
    *,
    clock: Clock | None = None,
    policy: TransitionPolicy | str | None = None,
    auth: bool = True,
    allow_tokens: bool = False,
    account_name: str = ACCOUNT_NAME,
    account_key: str = ACCOUNT_KEY,
) -> Starlette:
    """Build the emulator's ASGI app. State is passed in (or made here), never built in lifespan
    events, because ``httpx.ASGITransport`` does not send them.

    Args:
        emulator: The ``Emulator`` to serve (then leave the other arguments alone), or a ``JobStore``
            to wrap, or None for a fresh one.
        clock, policy, auth, allow_tokens, account_name, account_key: As for ``Emulator``.

    Returns:
        A Starlette app; ``app.state.emulator`` is the ``Emulator`` it serves.
    """
    if isinstance(emulator, Emulator):
        settings = (clock, policy, auth, allow_tokens, account_name, account_key)
        if settings != (None, None, True, False, ACCOUNT_NAME, ACCOUNT_KEY):
            raise TypeError("configure the Emulator you pass, not create_app")
        state = emulator
    else:
        state = Emulator(
            emulator,
            clock=clock,
            policy=policy,
            auth=auth,
            allow_tokens=allow_tokens,
            account_name=account_name,
            account_key=account_key,
        )
    app = Starlette(
        routes=[StarletteRoute("/{path:path}", _Dispatcher(state))],
        exception_handlers={BatchServiceError: _on_error},
    )
    app.state.emulator = state
    return app
