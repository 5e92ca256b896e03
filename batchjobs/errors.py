"""The exceptions batchjobs raises, all under one base class.

```
BatchJobsError
├── BatchConnectionError            the request did not complete (DNS, connect, reset); .request
│   └── BatchTimeoutError           a connect/read timeout or the call's deadline passed
│       └── WaitTimeoutError        a waiter's timeout passed first; .last_state
├── BatchErrorException             the service answered with an error status; .error .status_code
│   ├── NotModifiedError       304  .request_id .client_request_id .response .attempts
│   ├── BadRequestError        400
│   ├── AuthenticationError    401
│   ├── PermissionDeniedError  403
│   ├── NotFoundError          404
│   │   └── DeleteMayHaveSucceededError     a retried delete met XNotFound after an ambiguous failure
│   ├── ConflictError          409
│   │   ├── JobMayExistError        a retried job ``add`` met JobExists after an ambiguous failure
│   │   ├── TaskMayExistError       a retried task ``add`` met TaskExists after an ambiguous failure
│   │   └── TerminateMayHaveSucceededError  a retried terminate met XCompleted after an ambiguous failure
│   ├── PreconditionFailedError 412
│   ├── ThrottledError         429
│   └── ServerError            5xx
├── DeserializationError            a body did not fit its model; .path .response
│   └── ResponseTooLargeError       a body was larger than the client's max_response_size; .limit
└── ClientClosedError               the client was closed, or was made by the parent of a forked process
```

Caller mistakes found before any I/O raise the builtin ``ValueError`` or ``TypeError``.

An exception that is pickled (to cross a process boundary) or copied keeps its request and response
without credentials: the ``Authorization`` header (and any cookie) reads ``[redacted]`` and the
request body (which may hold container registry passwords) is left out.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import httpx

    from .models import BatchError

__all__ = [
    "AuthenticationError",
    "BadRequestError",
    "BatchConnectionError",
    "BatchErrorException",
    "BatchJobsError",
    "BatchTimeoutError",
    "ClientClosedError",
    "ConflictError",
    "DeleteMayHaveSucceededError",
    "DeserializationError",
    "JobMayExistError",
    "NotFoundError",
    "NotModifiedError",
    "PermissionDeniedError",
    "PreconditionFailedError",
    "ResponseTooLargeError",
    "ServerError",
    "TaskMayExistError",
    "TerminateMayHaveSucceededError",
    "ThrottledError",
    "WaitTimeoutError",
]


class BatchJobsError(Exception):
    """Base class of every exception batchjobs raises on purpose."""

    def __reduce__(self) -> tuple[Any, ...]:
        # Exceptions cross process boundaries (process pools, task queues): never with credentials.
        return (type(self), self.args, _redacted(self.__dict__))


class ClientClosedError(BatchJobsError, RuntimeError):
    """The client was closed (possibly while this call ran), or was made before this process forked.

    A ``RuntimeError`` too, which is what using a closed client raised before.
    """


class BatchConnectionError(BatchJobsError):
    """The HTTP exchange failed before a complete response arrived."""

    def __init__(self, message: str, *, request: httpx.Request | None = None, attempts: int = 1) -> None:
        super().__init__(message)
        self.request = request
        self.attempts = attempts


class BatchTimeoutError(BatchConnectionError):
    """A connect or read timeout, or the per-call deadline, expired."""


class WaitTimeoutError(BatchTimeoutError):
    """A waiter (``wait_for_state``, ``wait_for_tasks_complete``) ran out of time.

    Attributes:
        last_state: What the last poll saw: the job's state (``JobState`` or str) for
            ``wait_for_state``, the ``TaskCountsResult`` for ``wait_for_tasks_complete``.
        attempts: How many polls the waiter made.
    """

    def __init__(self, message: str, *, last_state: object = None, attempts: int = 1) -> None:
        super().__init__(message, attempts=attempts)
        self.last_state = last_state


class DeserializationError(BatchJobsError):
    """A response body (or a value inside it) did not fit the expected model.

    Attributes:
        path: Where in the body the problem is, e.g. ``$.executionInfo.startTime``.
        response: The HTTP response, when the body came from one.
    """

    def __init__(self, message: str, *, path: str = "$", response: httpx.Response | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.response = response


class ResponseTooLargeError(DeserializationError):
    """A response body (decompressed) was larger than the client's ``max_response_size``.

    Attributes:
        limit: The bound in bytes that was passed.
    """

    def __init__(self, message: str, *, limit: int, response: httpx.Response | None = None) -> None:
        super().__init__(message, response=response)
        self.limit = limit


class BatchErrorException(BatchJobsError):
    """The service answered with an error status.

    Attributes:
        error: The parsed Batch error body (``code``, ``message.value``, ``values``); fields are
            ``None`` when the body was empty or not a Batch error.
        status_code: The HTTP status.
        request_id: The service's ``request-id`` header, for support cases.
        client_request_id: The ``client-request-id`` this call sent.
        response: The HTTP response.
        attempts: How many HTTP attempts the call made, retries included.
    """

    def __init__(
        self,
        error: BatchError,
        *,
        status_code: int,
        request_id: str | None = None,
        client_request_id: str | None = None,
        response: httpx.Response | None = None,
        attempts: int = 1,
        note: str | None = None,
    ) -> None:
        self.error = error
        self.status_code = status_code
        self.request_id = request_id
        self.client_request_id = client_request_id
        self.response = response
        self.attempts = attempts
        self.note = note
        super().__init__(self._describe())

    @property
    def code(self) -> str | None:
        """The Batch error code, e.g. ``JobNotFound``."""
        return self.error.code

    @property
    def message(self) -> str | None:
        """The service's message text, without the RequestId/Time lines it appends."""
        value = self.error.message.value if self.error.message is not None else None
        if value is None:
            return None
        return value.split("\nRequestId:", 1)[0]

    def _describe(self) -> str:
        text = f"{self.status_code} {self.code or 'UnknownError'}"
        if self.message:
            text += f": {self.message}"
        details = ", ".join(f"{d.key}={d.value}" for d in self.error.values or ())
        if details:
            text += f" [{details}]"
        if self.note:
            text += f" ({self.note})"
        if self.request_id:
            text += f" (request-id={self.request_id})"
        return text

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), _redacted(self.__dict__)))


def _rebuild(cls: type[BatchErrorException], state: dict[str, Any]) -> BatchErrorException:
    exc = cls.__new__(cls)
    exc.__dict__.update(state)
    Exception.__init__(exc, exc._describe())
    return exc


class NotModifiedError(BatchErrorException):
    """304: an ``If-None-Match``/``If-Modified-Since`` condition of a read matched."""


class BadRequestError(BatchErrorException):
    """400: the request was malformed or a value was invalid."""


class AuthenticationError(BatchErrorException):
    """401: the credentials were missing or not accepted."""


class PermissionDeniedError(BatchErrorException):
    """403: the signature or token was rejected, or the account refused the operation."""


class NotFoundError(BatchErrorException):
    """404: the job (or job schedule) does not exist."""


class DeleteMayHaveSucceededError(NotFoundError):
    """404 (``JobNotFound``, ``TaskNotFound``, ``FileNotFound``) on a retried delete whose earlier
    attempt failed ambiguously.

    The earlier attempt probably deleted it, so the caller's goal is most likely met.
    """


class ConflictError(BatchErrorException):
    """409: the job exists already or its state forbids the operation."""


class JobMayExistError(ConflictError):
    """409 ``JobExists`` on a retried ``add`` whose earlier attempt failed ambiguously.

    The earlier attempt may have created the job, so the conflict may be with this very call.
    """


class TaskMayExistError(ConflictError):
    """409 ``TaskExists`` on a retried task ``add`` whose earlier attempt failed ambiguously.

    The earlier attempt may have added the task, so the conflict may be with this very call.
    """


class TerminateMayHaveSucceededError(ConflictError):
    """409 ``JobCompleted``, ``JobBeingTerminated`` or ``TaskCompleted`` on a retried terminate whose
    earlier attempt failed ambiguously.

    The earlier attempt probably terminated it, so the conflict may be with this very call.
    """


class PreconditionFailedError(BatchErrorException):
    """412: an ``If-Match``/``If-Unmodified-Since`` condition of a write failed."""


class ThrottledError(BatchErrorException):
    """429: the account is sending too many requests."""


class ServerError(BatchErrorException):
    """5xx: the service failed or is busy."""


STATUS_ERRORS: dict[int, type[BatchErrorException]] = {
    304: NotModifiedError,
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    412: PreconditionFailedError,
    429: ThrottledError,
}


def error_class_for(status_code: int) -> type[BatchErrorException]:
    """The exception class for an error status; unlisted statuses get the base class."""
    if status_code >= 500:
        return ServerError
    return STATUS_ERRORS.get(status_code, BatchErrorException)


#: The "already exists" code of a create -> what a retried create that met it raises.
_MAY_EXIST: dict[str, type[ConflictError]] = {"JobExists": JobMayExistError, "TaskExists": TaskMayExistError}


def may_exist_class(exists_code: str) -> type[ConflictError]:
    """The error of a retried create that met ``exists_code`` after an ambiguous earlier attempt."""
    return _MAY_EXIST.get(exists_code, ConflictError)


#: Headers that carry credentials; what an exception keeps shows them as this.
_SECRET_HEADERS = frozenset({b"authorization", b"proxy-authorization", b"cookie", b"set-cookie"})
REDACTED = "[redacted]"


def _redacted(state: dict[str, Any]) -> dict[str, Any]:
    """A copy of an exception's attributes whose request and response carry no credentials."""
    state = dict(state)
    request = state.get("request")
    if request is not None:
        state["request"] = _redacted_request(request)
    response = state.get("response")
    if response is not None:
        state["response"] = _redacted_response(response)
    return state


def _redacted_request(request: httpx.Request) -> httpx.Request:
    """The request's method, URL and headers, with credential headers redacted and no body."""
    # Imported here, not at the top: ``import batchjobs`` loads only this module, without httpx.
    import httpx

    return httpx.Request(request.method, request.url, headers=_redacted_headers(request.headers))


def _redacted_response(response: httpx.Response) -> httpx.Response:
    clone = copy.copy(response)  # httpx's own pickling state: status, headers, the body read, no stream
    clone.headers = type(response.headers)(_redacted_headers(response.headers))
    clone.history = []
    clone.next_request = None  # a redirect's next request would carry the Authorization header
    try:
        request = response.request
    except RuntimeError:  # a response built without a request
        return clone
    clone.request = _redacted_request(request)
    return clone


def _redacted_headers(headers: httpx.Headers) -> list[tuple[bytes, bytes]]:
    return [
        (name, REDACTED.encode() if name.lower() in _SECRET_HEADERS else value) for name, value in headers.raw
    ]
