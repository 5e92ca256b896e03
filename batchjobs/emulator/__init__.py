"""A local emulator of the Azure Batch job, task and task-file operations (api-version 2023-05-01.17.0).

Use it in-process::

    app = create_app()                       # verifies Shared Key for ACCOUNT_NAME / ACCOUNT_KEY
    transport = httpx.ASGITransport(app=app)

or as a server: ``python -m batchjobs.emulator --port 0`` prints the URL it listens on.

The development account is ``ACCOUNT_NAME`` with the key ``ACCOUNT_KEY``, which is Base64 of the
SHA-256 of the public phrase ``batchjobs emulator development account key - public, not a secret``:
anyone can derive it, it guards nothing. ``app.state.emulator`` (an ``Emulator``) holds the jobs,
their tasks, faults and request journal; the same controls are served as JSON under ``/_emulator/``.
Tasks are simulated: nothing runs; how each ends is scripted with ``Emulator.script_tasks``.

Needs the ``emulator`` extra (starlette, uvicorn, lark).
"""

from __future__ import annotations

from ._app import create_app
from ._auth import ACCOUNT_KEY, ACCOUNT_NAME, AuthSettings
from ._emulator import Emulator
from ._errors import BatchServiceError
from ._faults import OPERATIONS, Fault
from ._policy import Clock, ManualClock, TransitionPolicy, system_clock
from .state._conditions import Conditions
from .state._jobs import JobStore, JobView
from .state._taskrecords import Outcome, TaskView
from .state._tasks import TaskStore

__all__ = [
    "ACCOUNT_KEY",
    "ACCOUNT_NAME",
    "OPERATIONS",
    "AuthSettings",
    "BatchServiceError",
    "Clock",
    "Conditions",
    "Emulator",
    "Fault",
    "JobStore",
    "JobView",
    "ManualClock",
    "Outcome",
    "TaskStore",
    "TaskView",
    "TransitionPolicy",
    "create_app",
    "system_clock",
]
