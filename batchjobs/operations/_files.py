"""GENERATED from batchjobs/_api/files.py by scripts/generate.py; do not edit.

``FileOperations``: one method per record, over the executor in ``operations/_group.py``.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Callable, Mapping
from typing import Literal, Unpack, overload

from .._api import by_id
from .._config import OperationConfig
from .._headers import (
    FileHeaders,
)
from .._response import Page, RawResponse
from ..models import (
    FileDeleteFromTaskOptions,
    FileGetFromTaskOptions,
    FileGetPropertiesFromTaskOptions,
    FileListFromTaskOptions,
    NodeFile,
)
from ._file_helpers import FileHelpers
from ._group import OperationGroup

__all__ = ["FileOperations"]

_GET_FROM_TASK = by_id("file.get_from_task")
_GET_PROPERTIES_FROM_TASK = by_id("file.get_properties_from_task")
_LIST_FROM_TASK = by_id("file.list_from_task")
_DELETE_FROM_TASK = by_id("file.delete_from_task")


class FileOperations(FileHelpers, OperationGroup):
    """The files of a task on its node: read, stream, list and delete them.

    Reach it as ``client.file``. Paths are relative to the task's directory (``stdout.txt``,
    ``wd/out/result.json``). Every method takes the azure-batch 14.x parameters.
    """

    @overload
    def get_from_task(
        self,
        job_id: str,
        task_id: str,
        file_path: str,
        file_get_from_task_options: FileGetFromTaskOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: Literal[False] = False,
        callback: Callable[[bytes], object] | None = None,
        **operation_config: Unpack[OperationConfig],
    ) -> AsyncGenerator[bytes, None]: ...
    @overload
    def get_from_task(
        self,
        job_id: str,
        task_id: str,
        file_path: str,
        file_get_from_task_options: FileGetFromTaskOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        *,
        raw: Literal[True],
        callback: Callable[[bytes], object] | None = None,
        **operation_config: Unpack[OperationConfig],
    ) -> AsyncGenerator[RawResponse[bytes], None]: ...
    @overload
    def get_from_task(
        self,
        job_id: str,
        task_id: str,
        file_path: str,
        file_get_from_task_options: FileGetFromTaskOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        callback: Callable[[bytes], object] | None = None,
        **operation_config: Unpack[OperationConfig],
    ) -> AsyncGenerator[bytes | RawResponse[bytes], None]: ...
    def get_from_task(
        self,
        job_id: str,
        task_id: str,
        file_path: str,
        file_get_from_task_options: FileGetFromTaskOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        callback: Callable[[bytes], object] | None = None,
        **operation_config: Unpack[OperationConfig],
    ) -> AsyncGenerator[bytes | RawResponse[bytes], None]:
        """Read a task's file as a stream of chunks, never all of it in memory.

        Iterate with ``async for`` (call it without ``await``).
        ``ocp_range`` in the options (``bytes=0-1023``) reads part of it. Retries happen
        only before the body starts; a body cut midway raises, so a partial file never looks whole.
        Stopping early closes the response.

        Args:
            job_id: The id of the job.
            task_id: The id of the task.
            file_path: The path of the file, relative to the task directory.
            file_get_from_task_options: Request options (``FileGetFromTaskOptions``).
            custom_headers: Extra request headers; values from the options object take precedence.
            raw: Yield each chunk as a ``RawResponse`` that carries the response headers.
            callback: Called with each chunk as it arrives (e.g. for progress).
            operation_config: ``request_timeout`` (a deadline in seconds for the whole call, retries
                included) and ``retry_policy``.

        Yields:
            The body in chunks of ``bytes``, or with ``raw=True`` each as a ``RawResponse`` (headers:
            Content-Type, Last-Modified, ocp-creation-time, ocp-batch-file-isdirectory,
            ocp-batch-file-url, ocp-batch-file-mode, request-id, client-request-id).

        Raises:
            NotFoundError: ``FileNotFound``, ``TaskNotFound``, ``JobNotFound``.
            ConflictError:
                ``TaskFilesUnavailable`` (the task has not run yet) or ``TaskFilesCleanedup``.
            NotModifiedError: 304, an If-Modified-Since condition matched.
            BatchConnectionError: the body was cut before its end.
        """
        return self._stream(
            _GET_FROM_TASK,
            file_get_from_task_options,
            custom_headers,
            raw,
            callback,
            operation_config,
            {"job_id": job_id, "task_id": task_id, "file_path": file_path},
        )

    @overload
    async def get_properties_from_task(
        self,
        job_id: str,
        task_id: str,
        file_path: str,
        file_get_properties_from_task_options: FileGetPropertiesFromTaskOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: Literal[False] = False,
        **operation_config: Unpack[OperationConfig],
    ) -> FileHeaders: ...
    @overload
    async def get_properties_from_task(
        self,
        job_id: str,
        task_id: str,
        file_path: str,
        file_get_properties_from_task_options: FileGetPropertiesFromTaskOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        *,
        raw: Literal[True],
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[FileHeaders]: ...
    @overload
    async def get_properties_from_task(
        self,
        job_id: str,
        task_id: str,
        file_path: str,
        file_get_properties_from_task_options: FileGetPropertiesFromTaskOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[FileHeaders] | FileHeaders: ...
    async def get_properties_from_task(
        self,
        job_id: str,
        task_id: str,
        file_path: str,
        file_get_properties_from_task_options: FileGetPropertiesFromTaskOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[FileHeaders] | FileHeaders:
        """Get the properties of a task's file (a HEAD request: size, mode, times, ...).

        Args:
            job_id: The id of the job.
            task_id: The id of the task.
            file_path: The path of the file, relative to the task directory.
            file_get_properties_from_task_options:
                Request options (``FileGetPropertiesFromTaskOptions``).
            custom_headers: Extra request headers; values from the options object take precedence.
            raw: Return a ``RawResponse`` with the response headers as well.
            operation_config: ``request_timeout`` (a deadline in seconds for the whole call, retries
                included) and ``retry_policy``.

        Returns:
            The ``FileHeaders``; with ``raw=True`` a ``RawResponse`` carrying it and the response
            headers (Content-Length, Content-Type, Last-Modified, ocp-creation-time,
            ocp-batch-file-isdirectory, ocp-batch-file-url, ocp-batch-file-mode, request-id,
            client-request-id).

        Raises:
            NotFoundError: ``FileNotFound``, ``TaskNotFound``, ``JobNotFound``.
            ConflictError:
                ``TaskFilesUnavailable`` (the task has not run yet) or ``TaskFilesCleanedup``.
            DeserializationError: a file header is malformed.
        """
        return await self._call(
            _GET_PROPERTIES_FROM_TASK,
            file_get_properties_from_task_options,
            custom_headers,
            raw,
            operation_config,
            {"job_id": job_id, "task_id": task_id, "file_path": file_path},
        )

    @overload
    def list_from_task(
        self,
        job_id: str,
        task_id: str,
        recursive: bool | None = None,
        file_list_from_task_options: FileListFromTaskOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: Literal[False] = False,
        *,
        continuation_token: str | None = None,
        **operation_config: Unpack[OperationConfig],
    ) -> AsyncGenerator[NodeFile, None]: ...
    @overload
    def list_from_task(
        self,
        job_id: str,
        task_id: str,
        recursive: bool | None = None,
        file_list_from_task_options: FileListFromTaskOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        *,
        raw: Literal[True],
        continuation_token: str | None = None,
        **operation_config: Unpack[OperationConfig],
    ) -> AsyncGenerator[Page[NodeFile], None]: ...
    @overload
    def list_from_task(
        self,
        job_id: str,
        task_id: str,
        recursive: bool | None = None,
        file_list_from_task_options: FileListFromTaskOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        *,
        continuation_token: str | None = None,
        **operation_config: Unpack[OperationConfig],
    ) -> AsyncGenerator[NodeFile | Page[NodeFile], None]: ...
    def list_from_task(
        self,
        job_id: str,
        task_id: str,
        recursive: bool | None = None,
        file_list_from_task_options: FileListFromTaskOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        *,
        continuation_token: str | None = None,
        **operation_config: Unpack[OperationConfig],
    ) -> AsyncGenerator[NodeFile | Page[NodeFile], None]:
        """List the files of a task, following pages lazily.

        Iterate with ``async for`` (call it without ``await``).
        Without ``recursive`` only the task directory's own entries (``wd`` is one).
        Directories have no ``properties``.

        Args:
            job_id: The id of the job.
            task_id: The id of the task.
            recursive: Include the files of subdirectories (``recursive=true`` on the wire).
            file_list_from_task_options: Request options (``FileListFromTaskOptions``).
            custom_headers: Extra request headers; values from the options object take precedence.
            raw: Yield one ``Page`` per response instead of the items.
            continuation_token: A ``Page.continuation_token``: resume the listing after that page.
            operation_config: ``request_timeout`` (a deadline in seconds for the whole call, retries
                included) and ``retry_policy``.

        Yields:
            ``NodeFile`` items, or with ``raw=True`` one ``Page`` per response (headers: request-id,
            client-request-id).

        Raises:
            NotFoundError: ``TaskNotFound``, ``JobNotFound``.
            ConflictError:
                ``TaskFilesUnavailable`` (the task has not run yet) or ``TaskFilesCleanedup``.
        """
        return self._list(
            _LIST_FROM_TASK,
            file_list_from_task_options,
            custom_headers,
            raw,
            continuation_token,
            operation_config,
            {"job_id": job_id, "task_id": task_id, "recursive": recursive},
        )

    @overload
    async def delete_from_task(
        self,
        job_id: str,
        task_id: str,
        file_path: str,
        recursive: bool | None = None,
        file_delete_from_task_options: FileDeleteFromTaskOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: Literal[False] = False,
        **operation_config: Unpack[OperationConfig],
    ) -> None: ...
    @overload
    async def delete_from_task(
        self,
        job_id: str,
        task_id: str,
        file_path: str,
        recursive: bool | None = None,
        file_delete_from_task_options: FileDeleteFromTaskOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        *,
        raw: Literal[True],
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None]: ...
    @overload
    async def delete_from_task(
        self,
        job_id: str,
        task_id: str,
        file_path: str,
        recursive: bool | None = None,
        file_delete_from_task_options: FileDeleteFromTaskOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None] | None: ...
    async def delete_from_task(
        self,
        job_id: str,
        task_id: str,
        file_path: str,
        recursive: bool | None = None,
        file_delete_from_task_options: FileDeleteFromTaskOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None] | None:
        """Delete a task's file, or a directory (``recursive=True`` unless it is empty).

        Args:
            job_id: The id of the job.
            task_id: The id of the task.
            file_path: The path of the file, relative to the task directory.
            recursive: Delete a directory with everything in it.
            file_delete_from_task_options: Request options (``FileDeleteFromTaskOptions``).
            custom_headers: Extra request headers; values from the options object take precedence.
            raw: Return a ``RawResponse`` with the response headers as well.
            operation_config: ``request_timeout`` (a deadline in seconds for the whole call, retries
                included) and ``retry_policy``.

        Returns:
            None; with ``raw=True`` a ``RawResponse`` carrying it and the response headers (request-id,
            client-request-id).

        Raises:
            NotFoundError: ``FileNotFound``, ``TaskNotFound``, ``JobNotFound``.
            ConflictError:
                ``TaskFilesUnavailable`` (the task has not run yet) or ``TaskFilesCleanedup``.
        """
        return await self._call(
            _DELETE_FROM_TASK,
            file_delete_from_task_options,
            custom_headers,
            raw,
            operation_config,
            {"job_id": job_id, "task_id": task_id, "file_path": file_path, "recursive": recursive},
        )
