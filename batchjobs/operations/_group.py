"""The executor under every generated operation class: runs any ``Endpoint`` record.

A generated method is one line: it hands its record, options, headers and arguments to ``_call``
(one request) or ``_list`` (a paged listing). Everything an operation needs beyond that (body
type, pre-send checks, path and query parameters, what it returns) is read from the record, once
per record, into a ``_Plan``.
"""

from __future__ import annotations

import inspect
from collections.abc import AsyncGenerator, Callable, Mapping
from contextlib import aclosing
from typing import Any, Protocol

import httpx

from .. import _instrument, models
from .._api import Endpoint, Kind
from .._config import OperationConfig, RetryPolicy, check_operation_config
from .._paging import hand_over, paginate, resume_url
from .._response import RawResponse
from .._serialization import parse_json, to_json_bytes
from .._transport import API_VERSION, Pipeline, RequestOptions, endpoint_url
from ..errors import BatchConnectionError, BatchTimeoutError, DeserializationError
from ._checks import CHECKS

__all__ = ["Executor", "OperationGroup"]


class _Plan:
    """What running one record takes, worked out from it once."""

    __slots__ = ("body", "checks", "output", "path_params", "query_args")

    def __init__(self, endpoint: Endpoint) -> None:
        self.path_params = endpoint.path_params
        self.query_args = endpoint.query_args
        self.checks = [(CHECKS[name], argument) for name, argument in endpoint.checks]
        self.body = _body_builder(endpoint)
        self.output = _output_reader(endpoint)


def _output_reader(endpoint: Endpoint) -> Callable[[httpx.Response], object] | None:
    """How a successful response becomes the call's output: its JSON body, or its headers (HEAD)."""
    returns = endpoint.returns
    if returns is None:
        return None
    if endpoint.kind is Kind.HEAD:
        return lambda response: returns.from_headers(response.headers, response)
    return lambda response: parse_json(response.content, returns, response=response)


def _body_builder(endpoint: Endpoint) -> Callable[[dict[str, Any]], object] | None:
    body = endpoint.body
    if body is None:
        return None
    model, param, fields, optional = body.model, body.param, body.fields, body.optional
    if param is not None:

        def sent_whole(arguments: dict[str, Any]) -> object:
            value = arguments[param]
            if not isinstance(value, model):
                raise TypeError(f"{param} must be a {model.__name__}, got {type(value).__name__}")
            return value

        return sent_whole

    def built(arguments: dict[str, Any]) -> object:
        values = {name: arguments[name] for name in fields}
        if optional and all(value is None for value in values.values()):
            return None
        return model(**values)

    return built


_PLANS: dict[str, _Plan] = {}


def _plan(endpoint: Endpoint) -> _Plan:
    plan = _PLANS.get(endpoint.id)
    if plan is None:
        plan = _PLANS[endpoint.id] = _Plan(endpoint)
    return plan


def _query_value(name: str, value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int):
        return str(value)
    raise TypeError(f"{name} must be a bool, int or str, got {type(value).__name__}")


class Executor(Protocol):
    """What hand-written helpers call on their ``OperationGroup``: its three ways to run a record."""

    async def _call(
        self,
        endpoint: Endpoint,
        options: object,
        custom_headers: Mapping[str, str] | None,
        raw: bool,
        config: OperationConfig,
        arguments: dict[str, Any],
        *,
        content: bytes | None = None,
    ) -> Any: ...

    def _list(
        self,
        endpoint: Endpoint,
        options: object,
        custom_headers: Mapping[str, str] | None,
        raw: bool,
        continuation_token: str | None,
        config: OperationConfig,
        arguments: dict[str, Any],
    ) -> AsyncGenerator[Any, None]: ...

    def _stream(
        self,
        endpoint: Endpoint,
        options: object,
        custom_headers: Mapping[str, str] | None,
        raw: bool,
        callback: Callable[[bytes], object] | None,
        config: OperationConfig,
        arguments: dict[str, Any],
    ) -> AsyncGenerator[Any, None]: ...

    @property
    def _retry_policy(self) -> RetryPolicy: ...


class OperationGroup:
    """Base of the operation groups (``client.job``, ...): sends what their records declare."""

    api_version = API_VERSION
    models = models

    def __init__(self, pipeline: Pipeline) -> None:
        self._pipeline = pipeline

    @property
    def _retry_policy(self) -> RetryPolicy:
        """The client's retry policy, for helpers that retry whole requests themselves."""
        return self._pipeline.retry_policy

    def _prepare(
        self,
        endpoint: Endpoint,
        options: object,
        custom_headers: Mapping[str, str] | None,
        config: OperationConfig,
        arguments: dict[str, Any],
    ) -> tuple[RequestOptions, Any, dict[str, str], object]:
        """Check everything before any I/O: body type, the record's checks, config, options, URL."""
        plan = _plan(endpoint)
        body = plan.body(arguments) if plan.body is not None else None
        for check, argument in plan.checks:
            check(arguments[argument])
        check_operation_config(config)
        request_options = RequestOptions.from_options(options, endpoint.options_type, custom_headers)
        params = {name: arguments[name] for name in plan.path_params}
        query = [
            (wire, _query_value(name, arguments[name]))
            for name, wire in plan.query_args
            if arguments.get(name) is not None
        ]
        url = endpoint_url(self._pipeline.base_url, endpoint, request_options, params, query)
        return request_options, url, params, body

    async def _call(
        self,
        endpoint: Endpoint,
        options: object,
        custom_headers: Mapping[str, str] | None,
        raw: bool,
        config: OperationConfig,
        arguments: dict[str, Any],
        *,
        content: bytes | None = None,
    ) -> Any:
        """One request: the parsed body (or None), or with ``raw`` the ``RawResponse``.

        ``content`` is a body already serialized by the caller (a bulk call that measured it).
        """
        request_options, url, params, body = self._prepare(
            endpoint, options, custom_headers, config, arguments
        )
        if content is None and body is not None:
            content = to_json_bytes(body)
        read = _plan(endpoint).output
        with _instrument.call(endpoint, params):
            response = await self._pipeline.send(endpoint, url, request_options, config, body=content)
            output = None if read is None else read(response)
        return RawResponse(output, response) if raw else output

    async def _list(
        self,
        endpoint: Endpoint,
        options: object,
        custom_headers: Mapping[str, str] | None,
        raw: bool,
        continuation_token: str | None,
        config: OperationConfig,
        arguments: dict[str, Any],
    ) -> AsyncGenerator[Any, None]:
        """A listing: its pages (``raw``) or their items, one page fetched at a time."""
        request_options, url, params, _ = self._prepare(endpoint, options, custom_headers, config, arguments)
        if continuation_token is not None:
            url = resume_url(self._pipeline.base_url, continuation_token, request_options)
        assert endpoint.returns is not None
        instruments = _instrument.listing(endpoint, params)
        try:
            async with aclosing(
                paginate(
                    self._pipeline,
                    endpoint,
                    url,
                    request_options,
                    config,
                    endpoint.returns,
                    instruments,
                )
            ) as pages:
                async for page in pages:
                    if raw:
                        yield page
                        del page  # not kept alive while the next page is fetched
                    else:
                        items = page.items
                        del page  # its response body goes now; each item once the caller drops it
                        for item in hand_over(items):
                            yield item
        except Exception as exc:
            instruments.failed(exc)
            raise
        finally:
            instruments.end()

    async def _stream(
        self,
        endpoint: Endpoint,
        options: object,
        custom_headers: Mapping[str, str] | None,
        raw: bool,
        callback: Callable[[bytes], object] | None,
        config: OperationConfig,
        arguments: dict[str, Any],
    ) -> AsyncGenerator[Any, None]:
        """A body as chunks (``raw``: each as a ``RawResponse`` with the headers), never all in memory.

        Retries and ``request_timeout`` cover the request until the headers arrive; a body cut
        after that raises ``BatchConnectionError``, so a partial body never looks complete. Leaving
        the iteration early closes the response.
        """
        if callback is not None and not callable(callback):
            raise TypeError(f"callback must be callable, got {type(callback).__name__}")
        request_options, url, params, _ = self._prepare(endpoint, options, custom_headers, config, arguments)
        instruments = _instrument.listing(endpoint, params)
        received = 0
        try:
            response = await self._pipeline.send(endpoint, url, request_options, config, stream=True)
            try:
                async for chunk in response.aiter_bytes():
                    received += len(chunk)
                    if callback is not None:
                        outcome = callback(chunk)
                        if inspect.isawaitable(outcome):
                            await outcome
                    yield RawResponse(chunk, response) if raw else chunk
            except httpx.DecodingError as exc:
                raise DeserializationError(
                    f"{endpoint.name}: the body could not be decoded after {received} bytes: {exc}",
                    response=response,
                ) from exc
            except httpx.TransportError as exc:
                cls = BatchTimeoutError if isinstance(exc, httpx.TimeoutException) else BatchConnectionError
                raise cls(
                    f"{endpoint.name}: the body was cut after {received} bytes: {type(exc).__name__}: {exc}",
                    request=response.request,
                ) from exc
            finally:
                await response.aclose()
        except Exception as exc:
            instruments.failed(exc)
            raise
        finally:
            instruments.end()
