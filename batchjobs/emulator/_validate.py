"""Request-body checks: strict on input, so a client's wrong wire name or value shows up at once.

The shape comes from the models (wire names, required fields, enums); the shared converter does
the typing. The service's own limits (id characters, priority range, …) are checked by the store.
"""

from __future__ import annotations

import json
import types
import typing
from enum import Enum
from functools import cache
from typing import Any, TypeVar

import attrs

from .._serialization import structure, wire_name
from ..errors import DeserializationError
from ._errors import BatchServiceError, bad_property, missing_property
from ._newer import NEWER_PROPERTIES

__all__ = ["load_json", "parse_body", "parse_data", "parse_request"]

T = TypeVar("T")


@attrs.frozen
class _Field:
    wire: str
    tp: Any  # the leaf type: a model class, an Enum, or a scalar
    is_list: bool
    required: bool
    newer: bool = False  # added by an api-version after 2023-05-01.17.0


def _unwrap(tp: Any) -> tuple[Any, bool]:
    """(leaf type, is list) of an annotation such as ``list[X] | None`` or ``JobState | str | None``."""
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        enums = [a for a in args if isinstance(a, type) and issubclass(a, Enum)]
        tp = enums[0] if enums else args[0]
    if typing.get_origin(tp) is list:
        return typing.get_args(tp)[0], True
    return tp, False


@cache
def _fields(cls: type) -> dict[str, _Field]:
    hints = typing.get_type_hints(cls)
    fields: dict[str, _Field] = {}
    for field in attrs.fields(cls):
        tp, is_list = _unwrap(hints[field.name])
        wire = wire_name(cls, field.name)
        fields[wire] = _Field(wire, tp, is_list, field.default is attrs.NOTHING)
    for wire, (tp, is_list) in NEWER_PROPERTIES.get(cls, {}).items():
        fields[wire] = _Field(wire, tp, is_list, required=False, newer=True)
    return fields


def _is_enum(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, Enum)


@cache
def _values(enum: type[Enum]) -> frozenset[str]:
    return frozenset(member.value.lower() for member in enum)


def _is_annotation(key: str) -> bool:
    """OData annotations (``odata.metadata``, ``x@odata.type``): a client that sends back a document
    it read (azure-batch 15.x ``replace_job``) sends them too; the service ignores them. [INF]"""
    return key.startswith("odata.") or "@odata." in key


def _check_newer_value(field: _Field, value: Any, path: str) -> None:
    """Type-check a newer property's value (not an object), which the 2023-05-01 models do not structure."""
    if attrs.has(field.tp):
        raise bad_property(path, json.dumps(value), "must be an object")
    try:
        structure(value, field.tp)
    except DeserializationError as exc:
        raise bad_property(path, json.dumps(value), str(exc).split(": ", 1)[-1]) from None


def _check(cls: type, data: dict[str, Any], path: str) -> dict[str, Any]:
    """Refuse unknown keys, missing required keys and unknown enum values, naming the property.

    Returns the newer-api-version properties found, shaped like ``data`` (see ``merge_newer``).
    """
    fields = _fields(cls)
    newer: dict[str, Any] = {}
    for key, value in data.items():
        field = fields.get(key)
        where = f"{path}{key}"
        if field is None:
            if _is_annotation(key):
                continue
            raise BatchServiceError(
                400,
                "UnsupportedProperty",
                "A property that is not supported was specified in the request body.",
                [("PropertyName", where), ("Reason", f"{cls.__name__} has no property {key!r}")],
            )
        if value is None:
            continue
        if field.is_list and field.newer and not isinstance(value, list):
            raise bad_property(where, json.dumps(value), "must be an array")
        items = value if field.is_list and isinstance(value, list) else [value]
        found: list[dict[str, Any]] = []
        for index, item in enumerate(items):
            item_path = f"{where}[{index}]" if field.is_list else where
            if attrs.has(field.tp) and isinstance(item, dict):
                found.append(_check(field.tp, item, item_path + "."))
                if field.newer:
                    _structure_checked(item, field.tp, item_path)
            elif _is_enum(field.tp) and isinstance(item, str) and item.lower() not in _values(field.tp):
                allowed = ", ".join(member.value for member in field.tp)
                raise bad_property(item_path, item, f"must be one of: {allowed}")
            elif field.newer:
                _check_newer_value(field, item, item_path)
        if field.newer:
            newer[key] = value
        elif any(found):
            newer[key] = found if field.is_list else found[0]
    for field in fields.values():
        if field.required and data.get(field.wire) is None:
            raise missing_property(f"{path}{field.wire}")
    return newer


def parse_body(content: bytes, cls: type[T]) -> T:
    """Decode a JSON request body into ``cls`` or raise the 400 the service would send."""
    return parse_request(content, cls)[0]


def parse_request(content: bytes, cls: type[T]) -> tuple[T, dict[str, Any]]:
    """``parse_body``, plus the newer-api-version properties of the body (see ``merge_newer``)."""
    if not content.strip():
        raise BatchServiceError(400, "InvalidRequestBody", "The request body is missing.")
    return _parse(load_json(content), cls)


def load_json(content: bytes) -> Any:
    """Decode a JSON body, or raise the 400 the service sends: for bad JSON, for nesting deeper than
    any Batch body has, and for strings that are not Unicode (lone surrogates such as ``\\ud800``,
    which could be stored but never sent back)."""
    try:
        data = json.loads(content)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise BatchServiceError(
            400, "InvalidRequestBody", "The request body is not valid JSON.", {"Reason": reason}
        ) from None
    if b"\\u" in content and _has_lone_surrogate(data):
        raise BatchServiceError(
            400,
            "InvalidRequestBody",
            "The request body is not valid JSON.",
            {"Reason": "a string holds a lone UTF-16 surrogate"},
        )
    return data


def _has_lone_surrogate(data: Any) -> bool:
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    except RecursionError:
        return False
    return False


def parse_data(data: Any, cls: type[T]) -> T:
    """Check decoded JSON against ``cls`` (unknown keys, required keys, enums, types) and structure it."""
    return _parse(data, cls)[0]


def _parse(data: Any, cls: type[T]) -> tuple[T, dict[str, Any]]:
    if not isinstance(data, dict):
        raise BatchServiceError(400, "InvalidRequestBody", "The request body must be a JSON object.")
    newer = _check(cls, data, "")
    return _structure_checked(data, cls, ""), newer


def _structure_checked(data: dict[str, Any], cls: type[T], path: str) -> T:
    """Structure checked JSON; a wrongly typed value becomes the service's 400 naming the property."""
    try:
        return structure(data, cls)
    except DeserializationError as exc:
        name = exc.path.removeprefix("$").removeprefix(".") or cls.__name__
        value: Any = data
        for part in name.replace("[", ".[").split("."):
            if isinstance(value, dict):
                value = value.get(part)
            elif isinstance(value, list) and part.startswith("["):
                value = value[int(part.strip("[]"))]
        where = f"{path}.{name}" if path else name
        raise bad_property(where, json.dumps(value), str(exc).split(": ", 1)[-1]) from None
