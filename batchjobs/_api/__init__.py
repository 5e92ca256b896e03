"""The operations of the Batch API as data: one ``Endpoint`` record per operation.

Everything else is derived from these records: the async and sync operation classes
(``scripts/generate.py``), the request pipeline's per-operation behaviour (retry safety, the
"already exists" code of an ambiguous create), span names, the emulator's route table and allowed
query parameters, and the tests' parametrization. Pure data: no I/O, no httpx.

A group's records (and the models they name) load on first use: ``by_id("task.list")`` reads
only ``tasks.py``. ``GROUPS`` and ``ENDPOINTS``, for what needs every operation, load them all.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._records import Body, Endpoint, Group, Kind, Param

__all__ = ["ENDPOINTS", "GROUPS", "Body", "Endpoint", "Group", "Kind", "Param", "by_id", "group"]

#: Each group's name and the module that declares it, as ``GROUP`` and ``GROUP_ENDPOINTS``.
_MODULES = {"job": ".jobs", "task": ".tasks", "file": ".files"}

if TYPE_CHECKING:
    GROUPS: dict[str, tuple[Group, tuple[Endpoint, ...]]]
    ENDPOINTS: dict[str, Endpoint]
else:

    def __getattr__(name: str) -> Any:
        if name == "GROUPS":
            value: Any = {group_name: group(group_name) for group_name in _MODULES}
        elif name == "ENDPOINTS":
            everything = (group(group_name)[1] for group_name in _MODULES)
            value = {endpoint.id: endpoint for endpoints in everything for endpoint in endpoints}
        else:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}", name=name, obj=None)
        globals()[name] = value
        return value


def group(name: str) -> tuple[Group, tuple[Endpoint, ...]]:
    """The ``job``, ``task`` or ``file`` group and its records; ``KeyError`` for an unknown name."""
    module = importlib.import_module(_MODULES[name], __name__)
    records: tuple[Group, tuple[Endpoint, ...]] = (
        getattr(module, name.upper()),
        getattr(module, f"{name.upper()}_ENDPOINTS"),
    )
    return records


def by_id(endpoint_id: str) -> Endpoint:
    """The record of ``job.get`` and the like; ``KeyError`` for an unknown id."""
    group_name, _, _ = endpoint_id.partition(".")
    if group_name not in _MODULES:
        raise KeyError(endpoint_id)
    for endpoint in group(group_name)[1]:
        if endpoint.id == endpoint_id:
            return endpoint
    raise KeyError(endpoint_id)
