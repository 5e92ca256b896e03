"""The blocking facade: ``from batchjobs.sync import BatchServiceClient``, same names, no ``await``.

The exceptions, models, credentials and settings are the very same objects as in ``batchjobs``.
"""

from __future__ import annotations

from .. import models
from .._auth import SharedKeyCredentials
from .._bulk import BulkResult
from .._config import OperationConfig, RetryPolicy
from .._headers import FileHeaders
from .._response import Page, RawResponse
from .._version import __version__
from ..errors import (
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
from ._client import BatchServiceClient
from ._jobs import JobOperations

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
    "JobOperations",
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
