"""batchjobs: an async-first client for the Azure Batch job operations.

``import batchjobs`` loads only the exceptions; the client, models and the rest load on first use
(PEP 562), so a program that imports the package but does not use it yet pays almost nothing.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .errors import (
    AuthenticationError,
    BadRequestError,
    BatchConnectionError,
    BatchErrorException,
    BatchJobsError,
    BatchTimeoutError,
    ClientClosedError,
    ConflictError,
    DeleteMayHaveSucceededError,
    DeserializationError,
    JobMayExistError,
    NotFoundError,
    NotModifiedError,
    PermissionDeniedError,
    PreconditionFailedError,
    ResponseTooLargeError,
    ServerError,
    TaskMayExistError,
    TerminateMayHaveSucceededError,
    ThrottledError,
    WaitTimeoutError,
)

if TYPE_CHECKING:
    from . import models
    from ._auth import SharedKeyCredentials
    from ._bulk import BulkResult
    from ._client import BatchServiceClient
    from ._config import OperationConfig, RetryPolicy
    from ._headers import FileHeaders
    from ._response import Page, RawResponse

# name -> the module that defines it, imported when the name is first used
_LAZY = {
    "BatchServiceClient": "._client",
    "BulkResult": "._bulk",
    "FileHeaders": "._headers",
    "OperationConfig": "._config",
    "Page": "._response",
    "RawResponse": "._response",
    "RetryPolicy": "._config",
    "SharedKeyCredentials": "._auth",
}

__all__ = [
    "AuthenticationError",
    "BadRequestError",
    "BatchConnectionError",
    "BatchErrorException",
    "BatchJobsError",
    "BatchServiceClient",
    "BatchTimeoutError",
    "BulkResult",
    "ClientClosedError",
    "ConflictError",
    "DeleteMayHaveSucceededError",
    "DeserializationError",
    "FileHeaders",
    "JobMayExistError",
    "NotFoundError",
    "NotModifiedError",
    "OperationConfig",
    "Page",
    "PermissionDeniedError",
    "PreconditionFailedError",
    "RawResponse",
    "ResponseTooLargeError",
    "RetryPolicy",
    "ServerError",
    "SharedKeyCredentials",
    "TaskMayExistError",
    "TerminateMayHaveSucceededError",
    "ThrottledError",
    "WaitTimeoutError",
    "__version__",
    "models",
]


def __getattr__(name: str) -> Any:
    if name == "models":
        value: Any = importlib.import_module(".models", __name__)
    elif name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
