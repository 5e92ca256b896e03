"""The record types of the operation table: ``Endpoint`` and what it is made of."""

from __future__ import annotations

import re
from enum import Enum
from functools import cached_property
from typing import Any
from urllib.parse import quote

import attrs

__all__ = ["Body", "Endpoint", "Group", "Kind", "Param"]


class Kind(Enum):
    """How an operation's response comes back to the caller."""

    CALL = "call"  # one request; the parsed body (or None)
    LIST = "list"  # a paged listing, followed lazily through odata.nextLink
    STREAM = "stream"  # the body as chunks of bytes, read as they arrive
    HEAD = "head"  # no body: the output is a view of the response headers (``returns.from_headers``)


@attrs.frozen
class Param:
    """A positional parameter of the 14.x method, before its options object."""

    name: str
    annotation: str  # as written in the signature, e.g. "DisableJobOption | str"
    doc: str  # the ``Args:`` line
    default: str | None = None  # source text of the default; None: required
    file_path: bool = False  # a path parameter that is a file path (``wd/out/a.txt``), not an id


@attrs.frozen
class Body:
    """The request body: one argument sent whole (``param``), or a model built from ``fields``."""

    model: type[Any]
    param: str | None = None
    fields: tuple[str, ...] = ()
    optional: bool = False  # no body at all when every field is None


@attrs.frozen
class Group:
    """An operation group of the client (``client.job``), as 14.x names it."""

    name: str  # "job"
    doc: str

    @property
    def class_name(self) -> str:
        return f"{self.name.capitalize()}Operations"


_PATH_PARAM = re.compile(r"\{(\w+)\}")


@attrs.frozen
class Endpoint:
    """One operation, declared once.

    ``id`` is qualified by its group (``job.get``). ``params`` are the method's positional
    parameters in 14.x order; path parameters are named after them. ``checks`` name the pre-send
    checks of ``batchjobs.operations._checks`` with the argument each one reads.
    """

    id: str
    method: str
    path: str
    ok: int
    options_type: type[Any]
    idempotent: bool
    summary: str
    description: str = ""
    params: tuple[Param, ...] = ()
    query_args: tuple[tuple[str, str], ...] = ()  # (argument, wire name), e.g. ("recursive", "recursive")
    body: Body | None = None
    returns: type[Any] | None = None
    kind: Kind = Kind.CALL
    response_headers: tuple[str, ...] = ()
    exists_code: str | None = None  # the Batch code that means "created" after an ambiguous create
    hand_written: bool = False  # the method is in the group's helpers (it makes many requests)
    checks: tuple[tuple[str, str], ...] = ()
    raises: tuple[tuple[str, str], ...] = ()  # (exception, when), for the docstring

    @property
    def group(self) -> str:
        return self.id.partition(".")[0]

    @property
    def name(self) -> str:
        """The method name (``get``); also what error messages call the operation."""
        return self.id.partition(".")[2]

    @cached_property
    def path_params(self) -> tuple[str, ...]:
        return tuple(_PATH_PARAM.findall(self.path))

    @cached_property
    def conditional(self) -> bool:
        """Whether the operation honours If-Match / If-None-Match / If-(Un)Modified-Since."""
        return any(field.name == "if_match" for field in attrs.fields(self.options_type))

    @property
    def options_param(self) -> str:
        """The 14.x name of the options parameter: ``job_get_options``."""
        return f"{self.group}_{self.name}_options"

    @property
    def class_name(self) -> str:
        """The 14.x class of the group: ``JobOperations``."""
        return f"{self.group.capitalize()}Operations"

    @cached_property
    def span_name(self) -> str:
        return f"{self.class_name}.{self.name}"

    @cached_property
    def _file_params(self) -> frozenset[str]:
        return frozenset(param.name for param in self.params if param.file_path)

    def path_for(self, params: dict[str, Any]) -> str:
        """The request path: each parameter URL-quoted, ``/`` included, so that it stays one step.

        Dots in an id are quoted too, so that an id of ``.`` or ``..`` can never become a path
        step. A file path keeps its dots (``stdout.txt``) except in a step that is only dots.
        """
        quoted = {}
        for key in self.path_params:
            value = params[key]
            if not isinstance(value, str):
                raise TypeError(f"{key} must be a str, got {type(value).__name__}")
            if not value:
                raise ValueError(f"{key} must not be empty")
            if key in self._file_params:
                quoted[key] = "".join(_quote_file_step(step) for step in _FILE_STEPS.split(value))
            else:
                quoted[key] = quote(value, safe="").replace(".", "%2E")
        return self.path.format(**quoted)


_FILE_STEPS = re.compile(r"([/\\])")


def _quote_file_step(step: str) -> str:
    """One step of a file path (or a separator), quoted; ``.`` and ``..`` become ``%2E``s."""
    if step in (".", ".."):
        return step.replace(".", "%2E")
    return quote(step, safe="")
