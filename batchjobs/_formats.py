"""Scalar wire formats: ISO 8601 datetimes and durations, and strict checks of JSON scalars."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

__all__ = [
    "MAX_DURATION",
    "format_datetime",
    "format_duration",
    "parse_datetime",
    "parse_duration",
    "scalar",
    "structure_float",
    "structure_int",
]

#: The largest duration the service accepts: .NET ``TimeSpan.MaxValue``, which it reports for
#: "no limit". Parsing its wire form gives this value (the 7th fractional digit rounds up);
#: any duration at or above it is written back as the exact wire form below.
MAX_DURATION = timedelta(days=10675199, seconds=10085, microseconds=477581)
_MAX_DURATION_WIRE = "P10675199DT2H48M5.4775807S"

_DURATION = re.compile(
    r"(?P<sign>-)?P(?!$)(?:(?P<days>\d+)D)?"
    r"(?:T(?=\d)(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+)(?:\.(?P<fraction>\d+))?S)?)?"
)


def parse_datetime(value: object, _: object = None) -> datetime:
    """Parse an ISO 8601 wire datetime (``Z`` or an offset, 0-7 fractional digits) to aware UTC."""
    if value.__class__ is not str:
        raise TypeError(f"expected an ISO 8601 datetime string, got {type(value).__name__}")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"not an ISO 8601 datetime: {value!r}") from None
    if len(value) < 19:
        raise ValueError(f"not an ISO 8601 datetime with a time: {value!r}")
    if parsed.tzinfo is UTC:
        return parsed
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)  # the service writes UTC; a missing offset means UTC
    return parsed.astimezone(UTC)


def format_datetime(value: datetime) -> str:
    """Write an aware datetime as ISO 8601 UTC with ``Z``; naive datetimes are refused."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"naive datetime {value!r}: pass an aware datetime (e.g. tzinfo=datetime.UTC)")
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def parse_duration(value: object, _: object = None) -> timedelta:
    """Parse an ISO 8601 day-time duration (``P1DT2H3M4.5S``) to a timedelta, rounded to microseconds."""
    if value.__class__ is not str:
        raise TypeError(f"expected an ISO 8601 duration string, got {type(value).__name__}")
    return _parse_duration_text(value)


@lru_cache(maxsize=1024)
def _parse_duration_text(value: str) -> timedelta:
    # Cached: a service reports the same few durations (limits, retention) over and over.
    if value == _MAX_DURATION_WIRE:
        return MAX_DURATION
    match = _DURATION.fullmatch(value)
    if match is None:
        raise ValueError(f"not an ISO 8601 day-time duration: {value!r}")
    days, hours, minutes, seconds, fraction = match.group("days", "hours", "minutes", "seconds", "fraction")
    micros = round(int(fraction.ljust(7, "0")[:7]) / 10) if fraction else 0
    try:
        result = timedelta(
            days=int(days or 0),
            hours=int(hours or 0),
            minutes=int(minutes or 0),
            seconds=int(seconds or 0),
            microseconds=micros,
        )
    except OverflowError:
        raise ValueError(f"duration out of range: {value!r}") from None
    return -result if match.group("sign") else result


def format_duration(value: timedelta) -> str:
    """Write a timedelta as ISO 8601; at or above the service maximum, write the maximum itself."""
    if value >= MAX_DURATION:
        return _MAX_DURATION_WIRE
    if value < timedelta(0):
        return "-" + format_duration(-value)
    minutes, seconds = divmod(value.seconds, 60)
    hours, minutes = divmod(minutes, 60)
    text = "P"
    if value.days:
        text += f"{value.days}D"
    clock = ""
    if hours:
        clock += f"{hours}H"
    if minutes:
        clock += f"{minutes}M"
    if seconds or value.microseconds:
        clock += f"{seconds}.{value.microseconds:06d}".rstrip("0").rstrip(".") + "S"
    if clock:
        text += "T" + clock
    return text if text != "P" else "PT0S"


def scalar(kind: type, name: str) -> Callable[[Any, Any], Any]:
    def structure_scalar(value: Any, _: Any) -> Any:
        if value.__class__ is kind:
            return value
        raise TypeError(f"expected {name}, got {type(value).__name__}")

    return structure_scalar


def structure_int(value: Any, _: Any) -> int:
    if value.__class__ is int:
        return value
    if value.__class__ is str:
        return int(value)  # numeric strings are accepted, as the 14.x SDK did
    raise TypeError(f"expected an integer, got {type(value).__name__}")


def structure_float(value: Any, _: Any) -> float:
    if value.__class__ is float or value.__class__ is int:
        return float(value)
    raise TypeError(f"expected a number, got {type(value).__name__}")
