"""What ``raw=True`` returns: the output with the response headers, and listing pages."""

from __future__ import annotations

from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Generic, TypeVar

import attrs
import httpx

from .errors import DeserializationError

__all__ = ["Page", "RawResponse"]

T = TypeVar("T")


@attrs.frozen
class RawResponse(Generic[T]):
    """The deserialized output of a call with the response headers callers act on.

    Feed ``etag`` into the ``if_match`` option of the next call for optimistic concurrency.

    Attributes:
        output: What the call returns without ``raw`` (``None`` for calls without a body).
        response: The final HTTP response.
    """

    output: T
    response: httpx.Response = attrs.field(repr=False)

    @property
    def status_code(self) -> int:
        return self.response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.response.headers

    @property
    def etag(self) -> str | None:
        """The ``ETag`` header; ``DeserializationError`` if the response has several of them.

        httpx would join them with ``", "`` into a value that no ``If-Match`` can ever match.
        """
        values = self.response.headers.get_list("ETag")
        if len(values) > 1:
            raise DeserializationError(
                f"the response carries {len(values)} ETag headers ({', '.join(map(repr, values))}); "
                "an entity has one",
                path="headers.ETag",
                response=self.response,
            )
        return values[0] if values else None

    @property
    def last_modified(self) -> datetime | None:
        """``Last-Modified`` as an aware UTC datetime (None if absent or unparseable)."""
        return parse_http_date(_header(self.response, "Last-Modified"))

    @property
    def request_id(self) -> str | None:
        return _header(self.response, "request-id")

    @property
    def client_request_id(self) -> str | None:
        """The echoed ``client-request-id``, or the one sent when the service did not echo it."""
        return _header(self.response, "client-request-id") or self.response.request.headers.get(
            "client-request-id"
        )

    @property
    def data_service_id(self) -> str | None:
        return _header(self.response, "DataServiceId")


@attrs.frozen
class Page(RawResponse[list[T]]):
    """One page of a listing (``raw=True`` on a list operation).

    Attributes:
        continuation_token: Pass it as ``continuation_token=`` to the same list operation to
            resume after this page; ``None`` on the last page.
    """

    continuation_token: str | None

    @property
    def items(self) -> list[T]:
        return self.output


def _header(response: httpx.Response, name: str) -> str | None:
    value: str | None = response.headers.get(name)
    return value


def parse_http_date(value: str | None) -> datetime | None:
    """Parse an RFC 1123 header date to an aware datetime."""
    if not value:
        return None
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
