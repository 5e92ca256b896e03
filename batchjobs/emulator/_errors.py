"""The emulator's one error type and the Batch error JSON it turns into.

Handlers and the store raise ``BatchServiceError``; one exception handler renders it, so every
error response has the service's shape: ``odata.metadata``, ``code``, a ``message`` whose value
ends with the ``RequestId``/``Time`` lines the real service appends, and optional ``values``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import datetime

from starlette.responses import Response

__all__ = ["JSON_TYPE", "BatchServiceError", "error_body", "error_response"]

JSON_TYPE = "application/json;odata=minimalmetadata"

_ERROR_METADATA = "/$metadata#Microsoft.Azure.Batch.Protocol.Entities.Container.errors/@Element"


class BatchServiceError(Exception):
    """A refusal the way the Batch service words it: HTTP status, Batch code, text and details.

    Attributes:
        status: The HTTP status code.
        code: The Batch error code, e.g. ``JobNotFound``.
        message: Human-readable text (without the RequestId/Time lines; those are added on render).
        values: Detail pairs such as ``PropertyName``, in order.
        headers: Extra response headers, e.g. ``Retry-After`` on a throttling fault.
    """

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        values: Mapping[str, str] | Iterable[tuple[str, str]] = (),
        *,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        pairs = values.items() if isinstance(values, Mapping) else values
        self.values: list[tuple[str, str]] = [(str(k), str(v)) for k, v in pairs]
        self.headers: dict[str, str] = dict(headers or {})


def error_body(error: BatchServiceError, *, base_url: str, request_id: str, now: datetime) -> bytes:
    """Serialize an error as the service's BatchError JSON."""
    stamp = now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond:06d}0Z"
    body: dict[str, object] = {
        "odata.metadata": base_url + _ERROR_METADATA,
        "code": error.code,
        "message": {"lang": "en-US", "value": f"{error.message}\nRequestId:{request_id}\nTime:{stamp}"},
    }
    if error.values:
        body["values"] = [{"key": key, "value": value} for key, value in error.values]
    return json.dumps(body, ensure_ascii=False).encode()


def error_response(
    error: BatchServiceError,
    *,
    base_url: str,
    request_id: str,
    now: datetime,
    echo: Mapping[str, str] | None = None,
) -> Response:
    """The one renderer of errors: Batch error JSON (no body for 304), with the common headers."""
    headers = {"request-id": request_id, "DataServiceVersion": "3.0", **(echo or {}), **error.headers}
    if error.status == 304:
        return Response(status_code=304, headers=headers)
    body = error_body(error, base_url=base_url, request_id=request_id, now=now)
    return Response(body, status_code=error.status, headers=headers, media_type=JSON_TYPE)


# Shortcuts for the errors raised from several places; each returns the error so callers ``raise`` it.


def job_not_found(job_id: str) -> BatchServiceError:
    return BatchServiceError(404, "JobNotFound", "The specified job does not exist.", {"JobId": job_id})


def bad_property(name: str, value: object, reason: str) -> BatchServiceError:
    return BatchServiceError(
        400,
        "InvalidPropertyValue",
        "The value provided for one of the properties in the request body is invalid.",
        [("PropertyName", name), ("PropertyValue", str(value)), ("Reason", reason)],
    )


def missing_property(name: str) -> BatchServiceError:
    return BatchServiceError(
        400,
        "MissingRequiredProperty",
        "A required property was not specified in the request body.",
        {"PropertyName": name},
    )


def bad_query(name: str, value: str, reason: str) -> BatchServiceError:
    return BatchServiceError(
        400,
        "InvalidQueryParameterValue",
        "Value for one of the query parameters specified in the request URI is invalid.",
        [("QueryParameterName", name), ("QueryParameterValue", value), ("Reason", reason)],
    )


def bad_header(name: str, value: str, reason: str) -> BatchServiceError:
    return BatchServiceError(
        400,
        "InvalidHeaderValue",
        "The value for one of the HTTP headers is not in the correct format.",
        [("HeaderName", name), ("HeaderValue", value), ("Reason", reason)],
    )
