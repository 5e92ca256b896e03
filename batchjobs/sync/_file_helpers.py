"""GENERATED from batchjobs/operations/_file_helpers.py by scripts/generate.py; do not edit.

Blocking ``FileHelpers``: each method runs its async twin on the client's loop thread.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable, Iterator
from typing import TYPE_CHECKING, Unpack

from .._config import OperationConfig

if TYPE_CHECKING:
    from ..operations import FileOperations as AsyncFileOperations
    from ._bridge import Bridge

__all__ = ["FileHelpers"]


class FileHelpers:
    """Blocking twin of the async helpers: each call runs on the client's loop thread."""

    _bridge: Bridge
    _core: AsyncFileOperations

    def download_to_path(
        self,
        job_id: str,
        task_id: str,
        file_path: str,
        destination: str | os.PathLike[str],
        **operation_config: Unpack[OperationConfig],
    ) -> int:
        """Save a task's file to a local path, streaming it; return the number of bytes written.

        The bytes go to a temporary file next to ``destination``, which replaces ``destination``
        only once the whole body has arrived: a download that fails leaves no partial file behind
        and an existing ``destination`` untouched.

        Args:
            job_id: The id of the job.
            task_id: The id of the task.
            file_path: The path of the file, relative to the task directory.
            destination: The local file to write (its directory must exist).
            operation_config: ``request_timeout`` (until the body starts) and ``retry_policy``.

        Returns:
            The file's size in bytes.

        Raises:
            NotFoundError: ``FileNotFound``, ``TaskNotFound``, ``JobNotFound``.
            BatchConnectionError: the body was cut before its end.
            OSError: ``destination`` cannot be written.
        """
        return self._bridge.call(
            self._core.download_to_path, job_id, task_id, file_path, destination, **operation_config
        )

    def follow(
        self,
        job_id: str,
        task_id: str,
        file_path: str = "stdout.txt",
        *,
        offset: int = 0,
        interval: float = 1.0,
        sleep: Callable[[float], Awaitable[object]] | None = None,
        **operation_config: Unpack[OperationConfig],
    ) -> Iterator[bytes]:
        """Follow a task's growing file (``tail -f``): yield its new bytes until the task completes.

        Each poll reads the file's size (a HEAD) and, when it grew, only the new bytes (a ranged
        GET); then, if nothing was new, whether the task has completed (``$select=state``). After
        the task completes, what is left of the file is read once more and the iteration ends. A
        file that does not exist yet (the task has not started) is waited for.

        Args:
            job_id: The id of the job.
            task_id: The id of the task.
            file_path: The file to follow, relative to the task directory.
            offset: Start after this many bytes (0: from the beginning).
            interval: Seconds between polls when nothing is new.
            sleep: What waits between polls (default ``anyio.sleep``); tests inject one.
            operation_config: ``request_timeout`` and ``retry_policy`` for each request.

        Yields:
            The file's new bytes, in order, as they appear.

        Raises:
            NotFoundError: ``TaskNotFound``, ``JobNotFound``.
        """
        return self._bridge.iterate(
            self._core.follow,
            job_id,
            task_id,
            file_path,
            offset=offset,
            interval=interval,
            sleep=sleep,
            **operation_config,
        )
