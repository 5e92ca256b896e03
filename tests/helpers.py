"""Shared test helpers: fixture loading and value-aware JSON comparison."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from batchjobs._serialization import parse_datetime, parse_duration

FIXTURES = Path(__file__).parent / "fixtures"

_DATETIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z")
_DURATION = re.compile(r"-?P(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?")


def load_fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def as_values(data: Any) -> Any:
    """Replace datetime and duration strings by their values, so formats compare by meaning."""
    if isinstance(data, dict):
        return {key: as_values(value) for key, value in data.items()}
    if isinstance(data, list):
        return [as_values(value) for value in data]
    if isinstance(data, str):
        if _DATETIME.fullmatch(data):
            return parse_datetime(data)
        if data != "P" and _DURATION.fullmatch(data):
            return parse_duration(data)
    return data
