"""The operations of the Batch API as data: one ``Endpoint`` record per operation.

Everything else is derived from these records: the async and sync operation classes
(``scripts/generate.py``), the request pipeline's per-operation behaviour (retry safety, the
"already exists" code of an ambiguous create), span names, the emulator's route table and allowed
query parameters, and the tests' parametrization. Pure data: no I/O, no httpx.
"""

from __future__ import annotations

from ._records import Body, Endpoint, Group, Kind, Param
from .files import FILE, FILE_ENDPOINTS
from .jobs import JOB, JOB_ENDPOINTS
from .tasks import TASK, TASK_ENDPOINTS

__all__ = ["ENDPOINTS", "GROUPS", "Body", "Endpoint", "Group", "Kind", "Param", "by_id"]

GROUPS: dict[str, tuple[Group, tuple[Endpoint, ...]]] = {
    JOB.name: (JOB, JOB_ENDPOINTS),
    TASK.name: (TASK, TASK_ENDPOINTS),
    FILE.name: (FILE, FILE_ENDPOINTS),
}
ENDPOINTS: dict[str, Endpoint] = {endpoint.id: endpoint for _, group in GROUPS.values() for endpoint in group}


def by_id(endpoint_id: str) -> Endpoint:
    """The record of ``job.get`` and the like; ``KeyError`` for an unknown id."""
    return ENDPOINTS[endpoint_id]
