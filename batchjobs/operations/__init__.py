"""Operation groups of the client: ``client.job``, ``client.task``, ``client.file``."""

from __future__ import annotations

from ._files import FileOperations
from ._jobs import JobOperations
from ._tasks import TaskOperations

__all__ = ["FileOperations", "JobOperations", "TaskOperations"]
