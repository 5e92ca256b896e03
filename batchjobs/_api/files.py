"""The four task-file operations of api-version 2023-05-01.17.0, as azure-batch 14.x names them.

Facts from ``spec/tasks-api.md`` §9 and ``spec/models-tasks.json``; the docstring texts are ours.
"""

from __future__ import annotations

from .._headers import FileHeaders
from ..models import (
    FileDeleteFromTaskOptions,
    FileGetFromTaskOptions,
    FileGetPropertiesFromTaskOptions,
    FileListFromTaskOptions,
    NodeFile,
)
from ._records import Endpoint, Group, Kind, Param

__all__ = ["FILE", "FILE_ENDPOINTS"]

FILE = Group(
    "file",
    "The files of a task on its node: read, stream, list and delete them.\n\n"
    "Reach it as ``client.file``. Paths are relative to the task's directory (``stdout.txt``,\n"
    "``wd/out/result.json``). Every method takes the azure-batch 14.x parameters.",
)

_JOB_ID = Param("job_id", "str", "The id of the job.")
_TASK_ID = Param("task_id", "str", "The id of the task.")
_FILE_PATH = Param(
    "file_path", "str", "The path of the file, relative to the task directory.", file_path=True
)
_RECURSIVE_DOC = "Include the files of subdirectories (``recursive=true`` on the wire)."
_FILE_HEADERS = (
    "Content-Length",
    "Content-Type",
    "Last-Modified",
    "ocp-creation-time",
    "ocp-batch-file-isdirectory",
    "ocp-batch-file-url",
    "ocp-batch-file-mode",
    "request-id",
    "client-request-id",
)
_UNAVAILABLE = (
    "ConflictError",
    "``TaskFilesUnavailable`` (the task has not run yet) or ``TaskFilesCleanedup``.",
)

FILE_ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint(
        "file.get_from_task",
        "GET",
        "/jobs/{job_id}/tasks/{task_id}/files/{file_path}",
        200,
        FileGetFromTaskOptions,
        idempotent=True,
        kind=Kind.STREAM,
        summary="Read a task's file as a stream of chunks, never all of it in memory.",
        description="``ocp_range`` in the options (``bytes=0-1023``) reads part of it. Retries happen\n"
        "only before the body starts; a body cut midway raises, so a partial file never looks whole.\n"
        "Stopping early closes the response.",
        params=(_JOB_ID, _TASK_ID, _FILE_PATH),
        returns=bytes,
        response_headers=_FILE_HEADERS[1:],
        raises=(
            ("NotFoundError", "``FileNotFound``, ``TaskNotFound``, ``JobNotFound``."),
            _UNAVAILABLE,
            ("NotModifiedError", "304, an If-Modified-Since condition matched."),
            ("BatchConnectionError", "the body was cut before its end."),
        ),
    ),
    Endpoint(
        "file.get_properties_from_task",
        "HEAD",
        "/jobs/{job_id}/tasks/{task_id}/files/{file_path}",
        200,
        FileGetPropertiesFromTaskOptions,
        idempotent=True,
        kind=Kind.HEAD,
        summary="Get the properties of a task's file (a HEAD request: size, mode, times, ...).",
        params=(_JOB_ID, _TASK_ID, _FILE_PATH),
        returns=FileHeaders,
        response_headers=_FILE_HEADERS,
        raises=(
            ("NotFoundError", "``FileNotFound``, ``TaskNotFound``, ``JobNotFound``."),
            _UNAVAILABLE,
            ("DeserializationError", "a file header is malformed."),
        ),
    ),
    Endpoint(
        "file.list_from_task",
        "GET",
        "/jobs/{job_id}/tasks/{task_id}/files",
        200,
        FileListFromTaskOptions,
        idempotent=True,
        kind=Kind.LIST,
        summary="List the files of a task, following pages lazily.",
        description="Without ``recursive`` only the task directory's own entries (``wd`` is one).\n"
        "Directories have no ``properties``.",
        params=(_JOB_ID, _TASK_ID, Param("recursive", "bool | None", _RECURSIVE_DOC, "None")),
        query_args=(("recursive", "recursive"),),
        returns=NodeFile,
        response_headers=("request-id", "client-request-id"),
        raises=(("NotFoundError", "``TaskNotFound``, ``JobNotFound``."), _UNAVAILABLE),
    ),
    Endpoint(
        "file.delete_from_task",
        "DELETE",
        "/jobs/{job_id}/tasks/{task_id}/files/{file_path}",
        200,
        FileDeleteFromTaskOptions,
        idempotent=True,
        summary="Delete a task's file, or a directory (``recursive=True`` unless it is empty).",
        params=(
            _JOB_ID,
            _TASK_ID,
            _FILE_PATH,
            Param("recursive", "bool | None", "Delete a directory with everything in it.", "None"),
        ),
        query_args=(("recursive", "recursive"),),
        response_headers=("request-id", "client-request-id"),
        raises=(("NotFoundError", "``FileNotFound``, ``TaskNotFound``, ``JobNotFound``."), _UNAVAILABLE),
    ),
)
