"""Operation groups of the client: ``client.job``, ``client.task``, ``client.file``.

Each loads on first use (PEP 562), with only the records and models it names.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._files import FileOperations
    from ._jobs import JobOperations
    from ._tasks import TaskOperations

__all__ = ["FileOperations", "JobOperations", "TaskOperations"]

_MODULE_OF = {"FileOperations": "._files", "JobOperations": "._jobs", "TaskOperations": "._tasks"}

if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        if name not in _MODULE_OF:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}", name=name, obj=None)
        value = getattr(importlib.import_module(_MODULE_OF[name], __name__), name)
        globals()[name] = value
        return value
