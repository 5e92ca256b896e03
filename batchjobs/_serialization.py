"""The one converter between models and the service's JSON: wire names, datetimes, durations, enums.

Structuring runs on a fast converter without per-field error bookkeeping; only when that fails is
the same data structured again with detailed validation, to raise one ``DeserializationError``
that names the offending path in wire terms (``$.executionInfo.startTime``).

Response bodies (``parse_json``, ``structure_page``) build only the top level of a model at once;
its nested objects and lists are built when first read (see ``models/_base.py``), with the same
checks and the same error paths.
"""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from enum import Enum
from functools import cache
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.cols import is_sequence, list_structure_factory
from cattrs.errors import AttributeValidationNote, BaseValidationError, IterableValidationNote
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from ._codegen import compile_structure
from ._formats import (
    MAX_DURATION,
    format_datetime,
    format_duration,
    parse_datetime,
    parse_duration,
    scalar,
    structure_float,
    structure_int,
)
from .errors import DeserializationError
from .models._base import build_field

__all__ = [
    "MAX_DURATION",
    "build_nested",
    "converter",
    "encode_json",
    "format_datetime",
    "format_duration",
    "make_converter",
    "parse_datetime",
    "parse_duration",
    "parse_json",
    "structure",
    "structure_page",
    "to_json_bytes",
    "unstructure",
    "wire_name",
]

T = TypeVar("T")


def _is_union(tp: Any) -> bool:
    return isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union


def _is_optional(tp: Any) -> bool:
    return _is_union(tp) and type(None) in typing.get_args(tp)


def _enum_of_union(tp: Any) -> type[Enum] | None:
    """The Enum in ``SomeEnum | str`` (optionally ``| None``), else None."""
    if not _is_union(tp):
        return None
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    enums = [a for a in args if isinstance(a, type) and issubclass(a, Enum)]
    if len(enums) == 1 and str in args and len(args) == 2:
        return enums[0]
    return None


@cache
def _enum_lookup(enum: type[Enum]) -> dict[str, Enum]:
    lookup: dict[str, Enum] = {}
    for member in enum:
        lookup[member.value.lower()] = member
    for member in enum:
        lookup[member.value] = member
    return lookup


def _make_enum_structure(tp: Any) -> Callable[[Any, Any], Any]:
    lookup = _enum_lookup(_enum_of_union(tp))

    def structure_enum(value: Any, _: Any) -> Any:
        if value.__class__ is not str:
            if value is None:
                return None
            raise TypeError(f"expected a string enum value, got {type(value).__name__}")
        # Exact match first, then case-insensitive; an unknown value stays a plain string.
        return lookup.get(value) or lookup.get(value.lower(), value)

    return structure_enum


def _make_enum_unstructure(tp: Any) -> Callable[[Any], Any]:
    lookup = _enum_lookup(_enum_of_union(tp))

    def unstructure_enum(value: Any) -> Any:
        if isinstance(value, Enum):
            return value.value
        if isinstance(value, str):
            member = lookup.get(
                value.lower()
            )  # send the canonical spelling ("TerminateJob" -> "terminatejob")
            return member.value if member is not None else value
        return value

    return unstructure_enum


@cache
def _field_wire_names(cls: type) -> dict[str, str]:
    """Python attribute name -> wire key, for every field of a model."""
    return {a.name: a.metadata.get("wire") or _camel(a.name) for a in attrs.fields(cls)}


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def wire_name(cls: type, attribute: str) -> str:
    """The JSON key of a model attribute."""
    return _field_wire_names(cls)[attribute]


def make_converter(*, strict: bool = False, detailed: bool = False) -> cattrs.Converter:
    """Build a converter. ``strict`` refuses unknown keys (tests); ``detailed`` reports paths."""
    conv = cattrs.Converter(detailed_validation=detailed)
    conv.register_structure_hook(str, scalar(str, "a string"))
    conv.register_structure_hook(bool, scalar(bool, "a boolean"))
    conv.register_structure_hook(int, structure_int)
    conv.register_structure_hook(float, structure_float)
    conv.register_structure_hook(datetime, parse_datetime)
    conv.register_unstructure_hook(datetime, format_datetime)
    conv.register_structure_hook(timedelta, parse_duration)
    conv.register_unstructure_hook(timedelta, format_duration)
    conv.register_structure_hook_factory(lambda tp: _enum_of_union(tp) is not None, _make_enum_structure)
    conv.register_unstructure_hook_factory(lambda tp: _enum_of_union(tp) is not None, _make_enum_unstructure)

    def list_factory(tp: Any, c: cattrs.Converter) -> Callable[[Any, Any], Any]:
        inner = list_structure_factory(tp, c)

        def structure_list(value: Any, t: Any) -> Any:
            if value.__class__ is not list:
                raise TypeError(f"expected a JSON array, got {type(value).__name__}")
            return inner(value, t)

        return structure_list

    conv.register_structure_hook_factory(is_sequence, list_factory)

    def optional_factory(tp: Any, c: cattrs.Converter) -> Callable[[Any, Any], Any]:
        # cattrs' own Optional hook dispatches on every value; resolve the inner hook once instead.
        inner_type = next(a for a in typing.get_args(tp) if a is not type(None))
        inner = c.get_structure_hook(inner_type)

        def structure_optional(value: Any, _: Any) -> Any:
            return None if value is None else inner(value, inner_type)

        return structure_optional

    conv.register_structure_hook_factory(
        lambda tp: _is_optional(tp) and _enum_of_union(tp) is None, optional_factory
    )

    def model_structure(cls: type, c: cattrs.Converter) -> Callable[[Any, Any], Any]:
        if not strict and not detailed:
            return compile_structure(cls, c, _field_wire_names(cls))
        renames = {name: override(rename=wire) for name, wire in _field_wire_names(cls).items()}
        inner: Callable[[Any, Any], Any] = make_dict_structure_fn(
            cls,
            c,
            _cattrs_forbid_extra_keys=strict,
            **renames,  # type: ignore[arg-type]
        )

        def structure_model(value: Any, t: Any) -> Any:
            if value.__class__ is not dict:
                raise TypeError(f"expected a JSON object, got {type(value).__name__}")
            return inner(value, t)

        return structure_model

    def model_unstructure(cls: type, c: cattrs.Converter) -> Callable[[Any], Any]:
        renames = {name: override(rename=wire) for name, wire in _field_wire_names(cls).items()}
        return make_dict_unstructure_fn(cls, c, _cattrs_omit_if_default=True, **renames)  # type: ignore[arg-type]

    conv.register_structure_hook_factory(attrs.has, model_structure)
    conv.register_unstructure_hook_factory(attrs.has, model_unstructure)
    return conv


#: The shipped converter: lenient about unknown keys, fast.
converter = make_converter()


@cache
def _detailed_converter() -> cattrs.Converter:
    return make_converter(detailed=True)


def structure(data: Any, cls: type[T], *, response: Any = None) -> T:
    """Structure parsed JSON into ``cls``; raise ``DeserializationError`` with a path if it does not fit."""
    try:
        return converter.structure(data, cls)
    except Exception:
        _raise_detailed(data, cls, response)
        raise  # unreachable: the detailed pass raises


def _raise_detailed(data: Any, cls: Any, response: Any, *, owner: str = "", at: str = "$") -> None:
    """Raise the ``DeserializationError`` for ``data`` that failed to fit ``cls``, found at path ``at``."""
    try:
        _detailed_converter().structure(data, cls)
    except BaseValidationError as exc:
        problems = list(_describe(exc, cls, at))
    except Exception as exc:
        problems = [(at, _message(exc))]
    else:  # pragma: no cover - both converters share every hook
        problems = [(at, "the body did not fit the model")]
    path, message = problems[0]
    more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
    raise DeserializationError(
        f"{owner or cls.__name__} at {path}: {message}{more}", path=path, response=response
    ) from None


_response_hooks: dict[type, Callable[[Any, Any], Any]] = {}


def _response_hook(cls: type) -> Callable[[Any, Any], Any]:
    """The structure hook for a model received in a response: its nested objects built on first read."""
    hook = _response_hooks.get(cls)
    if hook is None:
        hook = _response_hooks[cls] = _make_response_hook(cls)
    return hook


def _make_response_hook(cls: type) -> Callable[[Any, Any], Any]:
    hints = typing.get_type_hints(cls)
    wire_names = _field_wire_names(cls)
    builders = {
        name: (converter.get_structure_hook(nested), nested, wire_names[name])
        for name, tp in hints.items()
        if (nested := _nested_type(tp)) is not None
    }
    if not builders:
        return converter.get_structure_hook(cls)

    def materialize(name: str, pending: dict[str | None, Any]) -> Any:
        hook, field_type, wire = builders[name]
        raw = pending[name]
        try:
            return hook(raw, field_type)
        except Exception:
            at = f"{pending.get(None, '$')}.{wire}"
            _raise_detailed(raw, field_type, None, owner=cls.__name__, at=at)
            raise  # unreachable: the detailed pass raises

    cls._bj_materialize = staticmethod(materialize)  # type: ignore[attr-defined]
    return compile_structure(cls, converter, wire_names, lazy=True)


def build_nested(model: Any) -> None:
    """Build every nested field a response model has not built yet; one that does not fit stays unbuilt."""
    pending = getattr(model, "_bj_pending", None)
    if pending is None:
        return
    for name in [key for key in pending if key is not None]:
        try:  # noqa: SIM105 - a suppress() per field costs more than the rest of this loop
            build_field(model, name, pending)
        except DeserializationError:
            pass  # raised again when the field is read


def _nested_type(tp: Any) -> Any:
    """The type of a field that a response model may build on first read (a model or a list), else None."""
    hints = typing.get_args(tp) if _is_optional(tp) else (tp,)
    inner = next(a for a in hints if a is not type(None))
    return inner if typing.get_origin(inner) is list or attrs.has(inner) else None


def _describe(exc: BaseException, cls: Any, path: str) -> Iterator[tuple[str, str]]:
    """Flatten a cattrs validation error into (wire path, message) pairs."""
    if isinstance(exc, BaseValidationError):
        for sub in exc.exceptions:
            sub_path, sub_cls = path, getattr(sub, "cl", None)
            for note in getattr(sub, "__notes__", ()):
                if isinstance(note, AttributeValidationNote) and attrs.has(cls):
                    sub_path = f"{path}.{wire_name(cls, note.name)}"
                elif isinstance(note, IterableValidationNote):
                    sub_path = f"{path}[{note.index}]"
            yield from _describe(sub, sub_cls or _inner_model(cls, sub), sub_path)
        return
    yield path, _message(exc)


def _inner_model(cls: Any, exc: BaseException) -> Any:
    for note in getattr(exc, "__notes__", ()):
        if isinstance(note, AttributeValidationNote | IterableValidationNote):
            return note.type
    return cls


def _message(exc: BaseException) -> str:
    if isinstance(exc, KeyError):
        return "required property is missing"
    return str(exc) or type(exc).__name__


def parse_json(content: bytes, cls: type[T], *, response: Any = None) -> T:
    """Decode a response body into ``cls``, mapping every failure to ``DeserializationError``.

    Top-level fields are checked now; nested objects and lists are checked and built when first read.
    """
    data = _loads(content, response)
    try:
        result: T = _response_hook(cls)(data, cls)
    except Exception:
        _raise_detailed(data, cls, response)
        raise  # unreachable: the detailed pass raises
    return result


def _loads(content: bytes, response: Any) -> Any:
    try:
        return json.loads(content)
    except (ValueError, UnicodeDecodeError) as exc:
        raise DeserializationError(f"the body is not valid JSON: {exc}", response=response) from None
    except RecursionError:  # nesting deeper than the interpreter's stack: no Batch body is like that
        raise DeserializationError("the body's JSON is nested too deeply", response=response) from None


def structure_page(content: bytes, item_cls: type[T], *, response: Any = None) -> tuple[list[T], str | None]:
    """Decode one page of a listing: its items and its ``odata.nextLink`` (None on the last page)."""
    data = _loads(content, response)
    if data.__class__ is not dict:
        raise DeserializationError("a list page must be a JSON object", response=response)
    raw_items = data.get("value", [])
    if raw_items.__class__ is not list:
        raise DeserializationError("$.value must be a JSON array", path="$.value", response=response)
    next_link = data.get("odata.nextLink") or None  # "" also ends the listing
    if next_link is not None and next_link.__class__ is not str:
        raise DeserializationError(
            "odata.nextLink must be a string", path="$.odata.nextLink", response=response
        )
    hook = _response_hook(item_cls)
    lazy = hasattr(item_cls, "_bj_materialize")  # installed by _response_hook on models it defers
    items: list[T] = []
    for index, raw in enumerate(raw_items):
        try:
            item = hook(raw, item_cls)
            if lazy:  # where the item is, for the path of an error found when a nested field is read
                item._bj_pending[None] = f"$.value[{index}]"
            items.append(item)
            # Let each parsed item go as soon as its model exists (which keeps only its unbuilt
            # nested parts): the page's JSON tree and its models are never both fully in memory.
            raw_items[index] = None
        except Exception:
            _raise_detailed(raw, item_cls, response, at=f"$.value[{index}]")
    return items, next_link


def unstructure(obj: Any) -> Any:
    """Turn a model into JSON-ready data: wire names, unset (None) fields left out, empty lists kept."""
    return converter.unstructure(obj)


#: One encoder for every body: ``json.dumps`` with options builds a new one per call.
_encode = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode


def encode_json(data: Any) -> bytes:
    """JSON-ready data as compact UTF-8 JSON."""
    return _encode(data).encode()


def to_json_bytes(obj: Any) -> bytes:
    """Serialize a model as a compact UTF-8 JSON request body."""
    return _encode(unstructure(obj)).encode()
