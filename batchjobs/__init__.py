"""batchjobs: an async-first client for the Azure Batch job operations."""

from __future__ import annotations

from . import models
from ._auth import SharedKeyCredentials
from ._bulk import BulkResult
from ._client import BatchServiceClient
from ._config import OperationConfig, RetryPolicy
from ._response import Page, RawResponse
from ._version import __version__
from .errors import (
    AuthenticationError,
    BadRequestError,
    BatchConnectionError,
    BatchErrorException,
    BatchJobsError,
    BatchTimeoutError,
    ConflictError,
    DeserializationError,
    JobMayExistError,
    NotFoundError,
    NotModifiedError,
    PermissionDeniedError,
    PreconditionFailedError,
    ServerError,
    ThrottledError,
    WaitTimeoutError,
)

__all__ = [
    "AuthenticationError",
    "BadRequestError",
    "BatchConnectionError",
    "BatchErrorException",
    "BatchJobsError",
    "BatchServiceClient",
    "BatchTimeoutError",
    "BulkResult",
    "ConflictError",
    "DeserializationError",
    "JobMayExistError",
    "NotFoundError",
    "NotModifiedError",
    "OperationConfig",
    "Page",
    "PermissionDeniedError",
    "PreconditionFailedError",
    "RawResponse",
    "RetryPolicy",
    "ServerError",
    "SharedKeyCredentials",
    "ThrottledError",
    "WaitTimeoutError",
    "__version__",
    "models",
]
