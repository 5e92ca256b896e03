"""Compiled structure functions for models: the converter's fast path for response bodies.

cattrs calls one hook per field; for a rich CloudJob that is a few hundred Python calls. The
function compiled here checks scalars inline (``v.__class__ is str``) and calls out only for
datetimes, durations, enums, nested models and list items. It accepts and rejects exactly what
the hook-per-field converter does: any failure is re-run through that converter to report a path.
"""

from __future__ import annotations

import linecache
import typing
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import attrs
import cattrs

from ._formats import parse_datetime, parse_duration, structure_float, structure_int

__all__ = ["compile_structure"]

_INLINE_CHECKS = {str: "a string", bool: "a boolean"}


def _not(value: Any, expected: str) -> typing.NoReturn:
    raise TypeError(f"expected {expected}, got {type(value).__name__}")


def compile_structure(
    cls: type, converter: cattrs.Converter, wire_names: dict[str, str], *, lazy: bool = False
) -> Callable[[Any, Any], Any]:
    """Compile ``structure(data, _) -> cls`` for an attrs model with the given wire names.

    With ``lazy``, nested objects and lists are only checked to be a JSON object or array and
    left in ``_bj_pending``, for the model to build when first read (see ``models/_base.py``).
    """
    hints = typing.get_type_hints(cls)
    namespace: dict[str, Any] = {
        "_cls": cls,
        "_new": object.__new__,
        "_dict": dict,
        "_list": list,
        "_str": str,
        "_bool": bool,
        "_int": int,
        "_float": float,
        "_not": _not,
        "_int_hook": structure_int,
        "_float_hook": structure_float,
        "_dt": parse_datetime,
        "_dur": parse_duration,
    }
    lines = [
        "def structure(o, _=None):",
        "    if o.__class__ is not _dict:",
        "        _not(o, 'a JSON object')",
        "    get = o.get",
    ]
    arguments: list[tuple[str, str]] = []
    deferred: list[tuple[str, str]] = []
    for index, field in enumerate(attrs.fields(cls)):
        name = f"v{index}"
        key = wire_names[field.name]
        required = field.default is attrs.NOTHING
        field_type = _without_none(hints[field.name])
        container = _container(field_type) if lazy else None
        if container is not None:
            checks = [
                f"if {name}.__class__ is not _{container.__name__}:",
                f"    _not({name}, {_CONTAINERS[container]!r})",
            ]
            deferred.append((field.name, name))
        else:
            checks = _checks(name, field_type, namespace, converter, index)
        lines.append(f"    {name} = o[{key!r}]" if required else f"    {name} = get({key!r})")
        if checks and required:
            lines.extend(f"    {line}" for line in checks)
        elif checks:
            lines.append(f"    if {name} is not None:")
            lines.extend(f"        {line}" for line in checks)
        if container is None:
            arguments.append((field.name, name))
    # Models have no validators, so filling the slots directly is what __init__ would do, 6x faster.
    lines.append("    r = _new(_cls)")
    lines.extend(f"    r.{field_name} = {value}" for field_name, value in arguments)
    if deferred:
        lines.append("    p = {}")
        for field_name, value in deferred:
            lines.extend([f"    if {value} is None:", f"        r.{field_name} = None", "    else:"])
            lines.append(f"        p[{field_name!r}] = {value}")
        lines.append("    r._bj_pending = p")
    lines.append("    return r")
    source = "\n".join(lines) + "\n"
    filename = f"<batchjobs structure {cls.__qualname__} {'lazy' if lazy else 'eager'}>"
    # Registered as cattrs does, so that a traceback through the compiled function shows its lines.
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    exec(compile(source, filename, "exec"), namespace)
    function: Callable[[Any, Any], Any] = namespace["structure"]
    return function


_CONTAINERS: dict[type, str] = {dict: "a JSON object", list: "a JSON array"}


def _container(tp: Any) -> type | None:
    """The JSON container a nested model (dict) or list field arrives in; None for other types."""
    if typing.get_origin(tp) is list:
        return list
    if attrs.has(tp):
        return dict
    return None


def _without_none(tp: Any) -> Any:
    args = typing.get_args(tp)
    if type(None) in args and len(args) == 2 and not _is_enum_union(tp):
        return next(a for a in args if a is not type(None))
    return tp


def _is_enum_union(tp: Any) -> bool:
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    return len(args) == 2 and str in args


def _checks(
    name: str, tp: Any, namespace: dict[str, Any], converter: cattrs.Converter, index: int
) -> list[str]:
    """Statements that check or convert ``name`` (known not to be None when optional)."""
    if tp in _INLINE_CHECKS:
        return [f"if {name}.__class__ is not _{tp.__name__}:", f"    _not({name}, {_INLINE_CHECKS[tp]!r})"]
    if tp is int:
        return [f"if {name}.__class__ is not _int:", f"    {name} = _int_hook({name}, None)"]
    if tp is float:
        return [f"if {name}.__class__ is not _float:", f"    {name} = _float_hook({name}, None)"]
    if tp is datetime:
        return [f"{name} = _dt({name})"]
    if tp is timedelta:
        return [f"{name} = _dur({name})"]
    if tp is Any:
        return []
    if typing.get_origin(tp) is list:
        (item_type,) = typing.get_args(tp)
        hook = f"_h{index}"
        namespace[hook] = converter.get_structure_hook(item_type)
        namespace[f"_t{index}"] = item_type
        return [
            f"if {name}.__class__ is not _list:",
            f"    _not({name}, 'a JSON array')",
            f"{name} = [{hook}(x, _t{index}) for x in {name}]",
        ]
    # Enum-or-string unions and nested models: their own hooks.
    hook = f"_h{index}"
    namespace[hook] = converter.get_structure_hook(tp)
    namespace[f"_t{index}"] = tp
    return [f"{name} = {hook}({name}, _t{index})"]
