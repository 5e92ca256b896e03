"""Small wire helpers for the emulator: the service's datetime and ETag formats, models as wire
documents, and property paths read from the models (for ``$select`` and ``$filter``)."""

from __future__ import annotations

import types
import typing
from datetime import UTC, datetime
from email.utils import format_datetime as _format_rfc1123
from email.utils import parsedate_to_datetime
from enum import Enum
from functools import cache
from typing import Any

import attrs

from .._serialization import make_converter, wire_name

__all__ = [
    "EtagSource",
    "iso7",
    "parse_rfc1123",
    "property_paths",
    "rfc1123",
    "to_wire",
]

_TICKS_EPOCH = datetime(1, 1, 1, tzinfo=UTC)


def iso7(value: datetime) -> str:
    """ISO 8601 UTC with seven fractional digits, as the service writes (``…45.1234560Z``)."""
    value = value.astimezone(UTC)
    return value.replace(tzinfo=None).isoformat(timespec="microseconds") + "0Z"


def rfc1123(value: datetime) -> str:
    """RFC 1123 in GMT, whole seconds (``Thu, 01 Jun 2023 12:30:45 GMT``)."""
    return _format_rfc1123(value.astimezone(UTC).replace(microsecond=0), usegmt=True)


def parse_rfc1123(text: str) -> datetime:
    """Parse an HTTP date; raises ``ValueError`` if it is not one."""
    try:
        parsed = parsedate_to_datetime(text)
        return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    except (TypeError, ValueError, IndexError, OverflowError):
        raise ValueError(f"not an HTTP date: {text!r}") from None


# The shared converter's hooks with the service's seven-digit datetimes; registered before first use,
# so the generated model functions pick it up.
_converter = make_converter()
_converter.register_unstructure_hook(datetime, iso7)


def to_wire(obj: Any) -> Any:
    """A model as the service would write it (wire names, ``None`` left out, 7-digit datetimes)."""
    return _converter.unstructure(obj)


class EtagSource:
    """Makes ETags like the service's (``0x8DB62A1B2C3D4E5``: .NET ticks in hex), strictly increasing
    even when an injected clock stands still."""

    def __init__(self) -> None:
        self._last = 0

    def next(self, now: datetime) -> str:
        delta = now.astimezone(UTC) - _TICKS_EPOCH
        ticks = (delta.days * 86_400 + delta.seconds) * 10_000_000 + delta.microseconds * 10
        self._last = max(ticks, self._last + 1)
        return f"0x{self._last:X}"


# --- property paths from the models --------------------------------------------------------------


def _leaf_type(tp: Any) -> Any:
    """Reduce an annotation to one type: drop None, prefer the Enum of ``Enum | str``."""
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        enums = [a for a in args if isinstance(a, type) and issubclass(a, Enum)]
        return enums[0] if enums else _leaf_type(args[0])
    return tp


@cache
def property_paths(cls: type) -> dict[str, Any]:
    """Every property path of a model in wire terms (``executionInfo/poolId``) and its type.

    Nested models appear both as a whole (their path maps to the class) and per field; lists map to
    ``list``. Used to validate ``$select`` and to type ``$filter`` comparisons.
    """
    paths: dict[str, Any] = {}
    hints = typing.get_type_hints(cls)
    for field in attrs.fields(cls):
        name = wire_name(cls, field.name)
        tp = _leaf_type(hints[field.name])
        if typing.get_origin(tp) is list:
            paths[name] = list
        elif attrs.has(tp):
            paths[name] = tp
            for sub, sub_tp in property_paths(tp).items():
                paths[f"{name}/{sub}"] = sub_tp
        else:
            paths[name] = tp
    return paths
