"""OData ``$filter`` for the emulator: parsed with a lark grammar, typed by the models, compiled
to a predicate over wire documents.

Supported: ``eq ne gt ge lt le`` between a property path (``executionInfo/poolId``) and a literal
(``'text'`` with ``''`` for a quote, integers, ``true``/``false``/``null``, ``datetime'…'`` or a bare
ISO datetime), ``and``/``or``/``not``, parentheses, and ``startswith``/``endswith``/``substringof``/
``contains``. Keywords are case-insensitive; string comparison is case-sensitive except for enum
values, which the service treats case-insensitively. [INF]
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from datetime import datetime, timedelta
from enum import Enum
from functools import lru_cache
from typing import Any

import attrs
import lark

from .._serialization import parse_datetime, parse_duration
from ._wire import property_paths

__all__ = ["FilterError", "compile_filter"]

Predicate = Callable[[dict[str, Any]], bool]

_GRAMMAR = r"""
?start: or_expr
?or_expr: and_expr (_OR and_expr)*
?and_expr: unary (_AND unary)*
?unary: _NOT unary -> not_
      | atom
?atom: comparison
     | call
     | "(" or_expr ")"
comparison: operand OP operand
call: NAME "(" operand ("," operand)* ")"
?operand: path | literal
path: NAME ("/" NAME)*
literal: STRING | DATETIME | BARE_DATETIME | NUMBER | TRUE | FALSE | NULL

_OR.2: /or\b/i
_AND.2: /and\b/i
_NOT.2: /not\b/i
OP.2: /(eq|ne|gt|ge|lt|le)\b/i
TRUE.2: /true\b/i
FALSE.2: /false\b/i
NULL.2: /null\b/i
DATETIME.3: /datetime'[^']*'/i
BARE_DATETIME.3: /\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)?/i
NUMBER: /-?\d+(\.\d+)?/
STRING: /'(?:[^']|'')*'/
NAME: /[A-Za-z_][A-Za-z0-9_]*/
%ignore /[ \t\r\n]+/
"""

_PARSER = lark.Lark(_GRAMMAR, parser="lalr", lexer="contextual")

_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "eq": operator.eq,
    "ne": operator.ne,
    "gt": operator.gt,
    "ge": operator.ge,
    "lt": operator.lt,
    "le": operator.le,
}
_FUNCTIONS: dict[str, Callable[[str, str], bool]] = {
    "startswith": str.startswith,
    "endswith": str.endswith,
    "contains": lambda text, part: part in text,
    "substringof": lambda part, text: part in text,  # OData v3 order: substringof('x', name)
}


class FilterError(ValueError):
    """The filter text is not valid or does not fit the resource's properties."""


@attrs.frozen
class _Literal:
    kind: str  # string, datetime, number, bool, null
    value: Any


@attrs.frozen
class _Path:
    path: str
    tp: Any
    keys: tuple[str, ...]

    def get(self, doc: dict[str, Any]) -> Any:
        value: Any = doc
        for key in self.keys:
            if not isinstance(value, dict):
                return None
            value = value.get(key)
        return value


def _literal(token: lark.Token) -> _Literal:
    text = str(token)
    kind = token.type
    if kind == "STRING":
        return _Literal("string", text[1:-1].replace("''", "'"))
    if kind in ("DATETIME", "BARE_DATETIME"):
        raw = text[9:-1] if kind == "DATETIME" else text
        try:
            return _Literal("datetime", parse_datetime(raw))
        except ValueError:
            raise FilterError(f"not a datetime: {text}") from None
    if kind == "NUMBER":
        return _Literal("number", float(text) if "." in text else int(text))
    if kind == "NULL":
        return _Literal("null", None)
    return _Literal("bool", kind == "TRUE")


class _Compiler:
    def __init__(self, cls: type, aliases: dict[str, str]) -> None:
        self.paths = property_paths(cls)
        self.aliases = aliases

    def path(self, tree: lark.Tree[lark.Token]) -> _Path:
        name = "/".join(str(child) for child in tree.children)
        name = self.aliases.get(name, name)
        tp = self.paths.get(name)
        if tp is None:
            raise FilterError(f"unknown property {name!r}")
        if tp is list or attrs.has(tp):
            raise FilterError(f"property {name!r} cannot be compared")
        return _Path(name, tp, tuple(name.split("/")))

    def operand(self, tree: lark.Tree[lark.Token] | lark.Token) -> _Path | _Literal:
        assert isinstance(tree, lark.Tree)
        if tree.data == "path":
            return self.path(tree)
        token = tree.children[0]
        assert isinstance(token, lark.Token)
        return _literal(token)

    def compile(self, tree: lark.Tree[lark.Token]) -> Predicate:
        kind = tree.data
        if kind == "or_expr":
            parts = [self.compile(child) for child in _trees(tree)]
            return lambda doc: any(part(doc) for part in parts)
        if kind == "and_expr":
            parts = [self.compile(child) for child in _trees(tree)]
            return lambda doc: all(part(doc) for part in parts)
        if kind == "not_":
            inner = self.compile(_trees(tree)[0])
            return lambda doc: not inner(doc)
        if kind == "comparison":
            return self.comparison(tree)
        if kind == "call":
            return self.call(tree)
        raise FilterError(f"unexpected {kind}")  # pragma: no cover - the grammar has no other rules

    def comparison(self, tree: lark.Tree[lark.Token]) -> Predicate:
        left_tree, op_token, right_tree = tree.children
        assert isinstance(op_token, lark.Token)
        assert not isinstance(left_tree, lark.Token)
        assert not isinstance(right_tree, lark.Token)
        op_name = str(op_token).lower()
        compare = _COMPARE[op_name]
        left, right = self.operand(left_tree), self.operand(right_tree)
        if isinstance(left, _Literal) and isinstance(right, _Path):
            left, right = right, left
            op_name = {"gt": "lt", "lt": "gt", "ge": "le", "le": "ge"}.get(op_name, op_name)
            compare = _COMPARE[op_name]
        if not isinstance(left, _Path):
            raise FilterError("a comparison needs a property")
        read = _reader(left)
        if isinstance(right, _Path):
            read_right = _reader(right)
            return lambda doc: _safe(compare, read(doc), read_right(doc))
        if right.kind == "null":
            if op_name not in ("eq", "ne"):
                raise FilterError("null can only be compared with eq or ne")
            wanted = op_name == "eq"
            return lambda doc: (read(doc) is None) == wanted
        value = _coerce(left, right)
        return lambda doc: _safe(compare, read(doc), value)

    def call(self, tree: lark.Tree[lark.Token]) -> Predicate:
        name_token, *arg_trees = tree.children
        name = str(name_token).lower()
        function = _FUNCTIONS.get(name)
        if function is None:
            raise FilterError(f"unknown function {name!r}")
        args = [self.operand(arg) for arg in arg_trees]
        if len(args) != 2:
            raise FilterError(f"{name} takes two arguments")
        if name == "substringof":
            args.reverse()
        target, text = args
        if not isinstance(target, _Path) or not isinstance(text, _Literal) or text.kind != "string":
            raise FilterError(f"{name} takes a property and a string")
        if target.tp is not str and not _is_enum(target.tp):
            raise FilterError(f"{name} needs a text property, not {target.path!r}")
        read, wanted = target.get, text.value
        if name == "substringof":
            return lambda doc: isinstance(value := read(doc), str) and wanted in value
        return lambda doc: isinstance(value := read(doc), str) and function(value, wanted)


def _trees(tree: lark.Tree[lark.Token]) -> list[lark.Tree[lark.Token]]:
    return [child for child in tree.children if isinstance(child, lark.Tree)]


def _is_enum(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, Enum)


def _reader(path: _Path) -> Callable[[dict[str, Any]], Any]:
    """Read a property as a comparable value: datetimes and durations parsed, enums lower-cased."""
    get = path.get
    if path.tp is datetime:
        return lambda doc: None if (v := get(doc)) is None else parse_datetime(v)
    if path.tp is timedelta:
        return lambda doc: None if (v := get(doc)) is None else parse_duration(v)
    if _is_enum(path.tp):
        return lambda doc: None if (v := get(doc)) is None else str(v).lower()
    return get


def _coerce(path: _Path, literal: _Literal) -> Any:
    """The literal as a value of the property's type; FilterError if it cannot be one."""
    tp, kind, value = path.tp, literal.kind, literal.value
    if tp is datetime:
        if kind == "datetime":
            return value
        if kind == "string":
            try:
                return parse_datetime(value)
            except ValueError:
                pass
    elif tp is timedelta and kind == "string":
        try:
            return parse_duration(value)
        except ValueError:
            pass
    elif (tp in (int, float) and kind == "number") or (tp, kind) in ((bool, "bool"), (str, "string")):
        return value
    elif _is_enum(tp) and kind == "string":
        return value.lower()
    type_name = getattr(tp, "__name__", str(tp))
    raise FilterError(f"{path.path!r} ({type_name}) cannot be compared with {kind} {value!r}")


def _safe(compare: Callable[[Any, Any], bool], left: Any, right: Any) -> bool:
    if left is None or right is None:
        return compare is operator.ne and left is not right
    return compare(left, right)


@lru_cache(maxsize=256)
def _compile_cached(text: str, cls: type, aliases: tuple[tuple[str, str], ...]) -> Predicate:
    try:
        tree = _PARSER.parse(text)
    except lark.LarkError as exc:
        raise FilterError(f"syntax error: {str(exc).splitlines()[0]}") from None
    if not isinstance(tree, lark.Tree):  # pragma: no cover - start is always a rule
        raise FilterError("empty filter")
    return _Compiler(cls, dict(aliases)).compile(tree)


def compile_filter(text: str, cls: type, aliases: dict[str, str] | None = None) -> Predicate:
    """Compile ``$filter`` text into a predicate over wire documents of model ``cls``.

    Args:
        text: The filter, already URL-decoded.
        cls: The model whose wire properties may be named (e.g. ``CloudJob``).
        aliases: Extra names for property paths (``state`` -> ``jobPreparationTaskExecutionInfo/state``).

    Raises:
        FilterError: The text does not parse, names an unknown property or compares mismatched types.
    """
    return _compile_cached(text, cls, tuple(sorted((aliases or {}).items())))
