"""GENERATED from batchjobs/_api/files.py by scripts/generate.py; do not edit.

Blocking ``FileOperations``: each method runs its async twin on the client's loop thread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Literal, Unpack, overload

from .. import models
from .._config import OperationConfig
from .._headers import (
    FileHeaders,
)
from .._response import Page, RawResponse
from .._transport import API_VERSION
from ..models import (
    FileDeleteFromTaskOptions,
    FileGetFromTaskOptions,
    FileGetPropertiesFromTaskOptions,
    FileListFromTaskOptions,
    NodeFile,
)
from ..operations import FileOperations as AsyncFileOperations
from ._bridge import Bridge
from ._file_helpers import FileHelpers

__all__ = ["FileOperations"]


class FileOperations(FileHelpers):
    """Blocking twin of the async ``FileOperations``: every call runs on the client's loop thread."""

    api_version = API_VERSION
    models = models

    def __init__(self, bridge: Bridge, core: AsyncFileOperations) -> None:
        self._bridge = bridge
        self._core = core

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
    ) -> Iterator[bytes]: ...
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
    ) -> Iterator[RawResponse[bytes]]: ...
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
    ) -> Iterator[bytes | RawResponse[bytes]]: ...
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
    ) -> Iterator[bytes | RawResponse[bytes]]:
        """Read a task's file as a stream of chunks, never all of it in memory.

        Iterate with ``for``.
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
        return self._bridge.iterate(
            self._core.get_from_task,
            job_id,
            task_id,
            file_path,
            file_get_from_task_options,
            custom_headers,
            raw,
            callback,
            **operation_config,
        )

    @overload
    def get_properties_from_task(
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
    def get_properties_from_task(
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
    def get_properties_from_task(
        self,
        job_id: str,
        task_id: str,
        file_path: str,
        file_get_properties_from_task_options: FileGetPropertiesFromTaskOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[FileHeaders] | FileHeaders: ...
    def get_properties_from_task(
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
        return self._bridge.call(
            self._core.get_properties_from_task,
            job_id,
            task_id,
            file_path,
            file_get_properties_from_task_options,
            custom_headers,
            raw,
            **operation_config,
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
    ) -> Iterator[NodeFile]: ...
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
    ) -> Iterator[Page[NodeFile]]: ...
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
    ) -> Iterator[NodeFile | Page[NodeFile]]: ...
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
    ) -> Iterator[NodeFile | Page[NodeFile]]:
        """List the files of a task, following pages lazily.

        Iterate with ``for``.
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
        return self._bridge.iterate_listing(
            self._core.list_from_task,
            raw,
            job_id,
            task_id,
            recursive,
            file_list_from_task_options,
            custom_headers,
            continuation_token=continuation_token,
            **operation_config,
        )

    @overload
    def delete_from_task(
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
    def delete_from_task(
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
    def delete_from_task(
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
    def delete_from_task(
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
        return self._bridge.call(
            self._core.delete_from_task,
            job_id,
            task_id,
            file_path,
            recursive,
            file_delete_from_task_options,
            custom_headers,
            raw,
            **operation_config,
        )
