"""Hand-written file helpers: save a task's file to a local path, and follow a growing file.

``FileHelpers`` is a base class of the generated ``FileOperations``; its methods send the records
of ``batchjobs._api.files`` (and ``task.get``) through the executor of ``OperationGroup``.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import AsyncGenerator, Awaitable, Callable
from pathlib import Path
from typing import Unpack

import anyio

from .._api import by_id
from .._config import OperationConfig, check_operation_config
from .._headers import FileHeaders
from ..errors import ConflictError, NotFoundError
from ..models import FileGetFromTaskOptions, TaskGetOptions
from ..operations._group import Executor

__all__ = ["FileHelpers"]

_GET = by_id("file.get_from_task")
_PROPERTIES = by_id("file.get_properties_from_task")
_TASK = by_id("task.get")


class FileHelpers:
    """``download_to_path`` and ``follow`` of ``client.file``."""

    async def download_to_path(
        self: Executor,
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
        check_operation_config(operation_config)
        target = Path(destination)
        arguments = {"job_id": job_id, "task_id": task_id, "file_path": file_path}
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        written = 0
        try:
            with os.fdopen(handle, "wb") as out:
                async for chunk in self._stream(_GET, None, None, False, None, operation_config, arguments):
                    await anyio.to_thread.run_sync(out.write, chunk)
                    written += len(chunk)
            os.replace(temporary, target)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
            raise
        return written

    async def follow(
        self: Executor,
        job_id: str,
        task_id: str,
        file_path: str = "stdout.txt",
        *,
        offset: int = 0,
        interval: float = 1.0,
        sleep: Callable[[float], Awaitable[object]] | None = None,
        **operation_config: Unpack[OperationConfig],
    ) -> AsyncGenerator[bytes, None]:
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
        if isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
            raise ValueError(f"offset must be a non-negative int, got {offset!r}")
        if not interval > 0:
            raise ValueError(f"interval must be positive, got {interval!r}")
        check_operation_config(operation_config)
        wait = sleep if sleep is not None else anyio.sleep
        arguments = {"job_id": job_id, "task_id": task_id, "file_path": file_path}
        task_arguments = {"job_id": job_id, "task_id": task_id}
        completed = False
        while True:
            try:
                headers: FileHeaders = await self._call(
                    _PROPERTIES, None, None, False, operation_config, arguments
                )
                size = headers.content_length or 0
            except (NotFoundError, ConflictError) as exc:
                # A HEAD's error has no body, so no code: the task read below tells a missing task.
                if exc.code not in (None, "FileNotFound", "TaskFilesUnavailable"):
                    raise
                size = offset  # not there yet
            if size > offset:
                options = FileGetFromTaskOptions(ocp_range=f"bytes={offset}-{size - 1}")
                async for chunk in self._stream(
                    _GET, options, None, False, None, operation_config, arguments
                ):
                    offset += len(chunk)
                    yield chunk
                continue
            if completed:
                return
            task = await self._call(
                _TASK, TaskGetOptions(select="state"), None, False, operation_config, task_arguments
            )
            if str(task.state or "").lower() == "completed":
                completed = True  # one more read for what was written at the end
                continue
            await wait(interval)
