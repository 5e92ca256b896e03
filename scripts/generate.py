"""Generate the operation classes from the records in ``batchjobs/_api`` and the sync twins of the
hand-written async helpers.

For each operation group (``job``, ...) it writes:

- ``batchjobs/operations/_<group>s.py``: the async class, one method per record: the 14.x
  signature, the three ``raw`` overloads typing needs, a docstring with ``Args:``/``Returns:``/
  ``Raises:``, and a one-line body over the executor in ``operations/_group.py``;
- ``batchjobs/sync/_<group>s.py``: its blocking twin over the bridge;
- ``batchjobs/sync/_<group>_helpers.py``: the blocking twin of the hand-written
  ``operations/_<group>_helpers.py`` (waiters, bulk calls), translated method by method.

It also writes ``batchjobs/models/_index.py``, the submodule each public model name lives in,
read from the submodules' ``__all__``: ``batchjobs.models`` loads a submodule on first use.

The output is formatted with the ruff version pinned in pyproject.toml, so it does not change
with the tools installed. Usage: ``python scripts/generate.py``; ``--check`` fails (exit 1) when a
generated file is stale or was edited by hand.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import importlib
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from batchjobs._api import GROUPS, Endpoint, Kind  # noqa: E402

MODELS = ROOT / "batchjobs" / "models"
OPERATIONS = ROOT / "batchjobs" / "operations"
SYNC = ROOT / "batchjobs" / "sync"
GENERATED = "GENERATED from {source} by scripts/generate.py; do not edit."

#: Async phrasing in the helpers' docstrings and what the blocking twin says instead.
SYNC_PHRASES = {
    "Iterate with ``async for`` (call it without ``await``).": "Iterate with ``for``.",
    "The coroutine function that waits (default ``anyio.sleep``)": (
        "An async function that waits, run on the client's loop thread\n"
        "                (default ``anyio.sleep``)"
    ),
    "a function or a coroutine function. It runs on the client's event\n                loop": (
        "a function, or an async function. It runs on the client's\n                event-loop thread"
    ),
}
ASYNC_WORDS = ("async for", "coroutine", "await ")

_COMMON_ARGS = {
    "custom_headers": "Extra request headers; values from the options object take precedence.",
    "operation_config": "``request_timeout`` (a deadline in seconds for the whole call, retries\n"
    "included) and ``retry_policy``.",
}


# --- operation classes from the records ------------------------------------------------------------


def _type_name(tp: type | None) -> str:
    return "None" if tp is None else tp.__name__


def _signature(endpoint: Endpoint, raw: str) -> str:
    """The parameter list after ``self``; ``raw`` is how the raw parameter is written."""
    lines = []
    for param in endpoint.params:
        default = f" = {param.default}" if param.default is not None else ""
        lines.append(f"{param.name}: {param.annotation}{default},")
    lines.append(f"{endpoint.options_param}: {endpoint.options_type.__name__} | None = None,")
    lines.append("custom_headers: Mapping[str, str] | None = None,")
    keyword_only = raw.startswith("*")
    lines.append(raw)
    if endpoint.kind is Kind.STREAM:
        lines.append("callback: Callable[[bytes], object] | None = None,")
    if endpoint.kind is Kind.LIST:
        if not keyword_only:
            lines.append("*,")
        lines.append("continuation_token: str | None = None,")
    lines.append("**operation_config: Unpack[OperationConfig],")
    return "\n".join(f"        {line}" for line in lines)


def _returns(endpoint: Endpoint, raw: str) -> str:
    """The return annotation for ``raw`` = "plain", "raw" or "either"."""
    item = _type_name(endpoint.returns)
    if endpoint.kind is Kind.LIST:
        inner = {"plain": item, "raw": f"Page[{item}]", "either": f"{item} | Page[{item}]"}[raw]
        return f"AsyncGenerator[{inner}, None]"
    if endpoint.kind is Kind.STREAM:
        inner = {"plain": "bytes", "raw": "RawResponse[bytes]", "either": "bytes | RawResponse[bytes]"}[raw]
        return f"AsyncGenerator[{inner}, None]"
    return {"plain": item, "raw": f"RawResponse[{item}]", "either": f"RawResponse[{item}] | {item}"}[raw]


def _docstring(endpoint: Endpoint, sync: bool) -> str:
    parts = [endpoint.summary]
    description = endpoint.description
    if endpoint.kind in (Kind.LIST, Kind.STREAM):
        how = "Iterate with ``for``." if sync else "Iterate with ``async for`` (call it without ``await``)."
        description = f"{how}\n{description}" if description else how
    if description:
        parts.append(description)
    args = [(param.name, param.doc) for param in endpoint.params]
    args.append((endpoint.options_param, f"Request options (``{endpoint.options_type.__name__}``)."))
    args.append(("custom_headers", _COMMON_ARGS["custom_headers"]))
    if endpoint.kind is Kind.LIST:
        args.append(("raw", "Yield one ``Page`` per response instead of the items."))
        args.append(
            ("continuation_token", "A ``Page.continuation_token``: resume the listing after that page.")
        )
    elif endpoint.kind is Kind.STREAM:
        args.append(("raw", "Yield each chunk as a ``RawResponse`` that carries the response headers."))
        args.append(("callback", "Called with each chunk as it arrives (e.g. for progress)."))
    else:
        args.append(("raw", "Return a ``RawResponse`` with the response headers as well."))
    args.append(("operation_config", _COMMON_ARGS["operation_config"]))
    parts.append("Args:\n" + "\n".join(_item(name, text) for name, text in args))
    headers = ", ".join(endpoint.response_headers)
    if endpoint.kind is Kind.STREAM:
        what = f"The body in chunks of ``bytes``, or with ``raw=True`` each as a ``RawResponse`` (headers: {headers})."
        parts.append("Yields:\n" + _wrapped(what))
    elif endpoint.kind is Kind.LIST:
        item = _type_name(endpoint.returns)
        what = f"``{item}`` items, or with ``raw=True`` one ``Page`` per response (headers: {headers})."
        parts.append("Yields:\n" + _wrapped(what))
    else:
        result = "None" if endpoint.returns is None else f"The ``{endpoint.returns.__name__}``"
        what = (
            f"{result}; with ``raw=True`` a ``RawResponse`` carrying it and the response headers ({headers})."
        )
        parts.append("Returns:\n" + _wrapped(what))
    if endpoint.raises:
        parts.append("Raises:\n" + "\n".join(_item(name, text) for name, text in endpoint.raises))
    text = "\n\n".join(parts)
    indented = "\n".join(f"        {line}" if line else "" for line in text.splitlines())
    return f'        """{indented.lstrip()}\n        """'


def _wrapped(text: str) -> str:
    return textwrap.fill(
        text, width=96, initial_indent="    ", subsequent_indent="    ", break_on_hyphens=False
    )


def _item(name: str, text: str) -> str:
    first, *rest = text.splitlines()
    if len(name) + len(first) > 90:  # a long name: the description goes on the next line
        return "\n".join([f"    {name}:", *(f"        {line}" for line in [first, *rest])])
    return "\n".join([f"    {name}: {first}", *(f"        {line}" for line in rest)])


def _constant(endpoint: Endpoint) -> str:
    return "_" + endpoint.name.upper()


def _async_method(endpoint: Endpoint) -> str:
    listing = endpoint.kind is Kind.LIST
    prefix = "def" if endpoint.kind in (Kind.LIST, Kind.STREAM) else "async def"
    overloads = [
        ("raw: Literal[False] = False,", "plain"),
        ("*,\n        raw: Literal[True],", "raw"),
        ("raw: bool = False,", "either"),
    ]
    out = []
    for raw, kind in overloads:
        out.append(
            f"    @overload\n    {prefix} {endpoint.name}(\n        self,\n{_signature(endpoint, raw)}\n"
            f"    ) -> {_returns(endpoint, kind)}: ..."
        )
    arguments = "{" + ", ".join(f'"{p.name}": {p.name}' for p in endpoint.params) + "}"
    options = endpoint.options_param
    if listing:
        call = (
            f"return self._list({_constant(endpoint)}, {options}, custom_headers, raw, continuation_token, "
            f"operation_config, {arguments})"
        )
    elif endpoint.kind is Kind.STREAM:
        call = (
            f"return self._stream({_constant(endpoint)}, {options}, custom_headers, raw, callback, "
            f"operation_config, {arguments})"
        )
    else:
        call = (
            f"return await self._call({_constant(endpoint)}, {options}, custom_headers, raw, "
            f"operation_config, {arguments})"
        )
    out.append(
        f"    {prefix} {endpoint.name}(\n        self,\n{_signature(endpoint, 'raw: bool = False,')}\n"
        f"    ) -> {_returns(endpoint, 'either')}:\n{_docstring(endpoint, sync=False)}\n        {call}"
    )
    return "\n".join(out)


def _sync_method(endpoint: Endpoint) -> str:
    listing = endpoint.kind is Kind.LIST
    overloads = [
        ("raw: Literal[False] = False,", "plain"),
        ("*,\n        raw: Literal[True],", "raw"),
        ("raw: bool = False,", "either"),
    ]

    iterates = endpoint.kind in (Kind.LIST, Kind.STREAM)

    def returns(kind: str) -> str:
        text = _returns(endpoint, kind)
        return f"Iterator[{text[len('AsyncGenerator[') : -len(', None]')]}]" if iterates else text

    out = []
    for raw, kind in overloads:
        out.append(
            f"    @overload\n    def {endpoint.name}(\n        self,\n{_signature(endpoint, raw)}\n"
            f"    ) -> {returns(kind)}: ..."
        )
    positional = ", ".join([*(p.name for p in endpoint.params), endpoint.options_param, "custom_headers"])
    if listing:
        call = (
            f"return self._bridge.iterate_listing(self._core.{endpoint.name}, raw, {positional}, "
            "continuation_token=continuation_token, **operation_config)"
        )
    elif endpoint.kind is Kind.STREAM:
        call = (
            f"return self._bridge.iterate(self._core.{endpoint.name}, {positional}, raw, callback, "
            "**operation_config)"
        )
    else:
        call = f"return self._bridge.call(self._core.{endpoint.name}, {positional}, raw, **operation_config)"
    out.append(
        f"    def {endpoint.name}(\n        self,\n{_signature(endpoint, 'raw: bool = False,')}\n"
        f"    ) -> {returns('either')}:\n{_docstring(endpoint, sync=True)}\n        {call}"
    )
    return "\n".join(out)


def _model_imports(endpoints: tuple[Endpoint, ...]) -> str:
    """Imports of the types the signatures name: models, and header views from their own module."""
    modules: dict[str, set[str]] = {"models": set()}
    for endpoint in endpoints:
        modules["models"].add(endpoint.options_type.__name__)
        if endpoint.returns is not None and endpoint.returns is not bytes:
            module = endpoint.returns.__module__.split(".")[1]
            modules.setdefault("models" if module == "models" else module, set()).add(
                endpoint.returns.__name__
            )
        for param in endpoint.params:
            words = param.annotation.replace("|", " ").replace("[", " ").replace("]", " ").split()
            modules["models"].update(word for word in words if word[0].isupper() and word != "None")
    return "\n".join(
        f"from ..{module} import (\n" + "".join(f"    {name},\n" for name in sorted(names)) + ")"
        for module, names in sorted(modules.items())
    )


def async_group(group_name: str) -> str:
    group, endpoints = GROUPS[group_name]
    constants = "\n".join(f'{_constant(e)} = by_id("{e.id}")' for e in endpoints)
    doc = "\n".join(f"    {line}" if line else "" for line in group.doc.splitlines()).lstrip()
    methods = "\n\n".join(_async_method(e) for e in endpoints if not e.hand_written)
    return f'''"""{GENERATED.format(source="batchjobs/_api/" + group_name + "s.py")}

``{group.class_name}``: one method per record, over the executor in ``operations/_group.py``.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Callable, Mapping
from typing import Literal, Unpack, overload

from .._api import by_id
from .._config import OperationConfig
from .._response import Page, RawResponse
{_model_imports(endpoints)}
from ._group import OperationGroup
from ._{group_name}_helpers import {group.name.capitalize()}Helpers

__all__ = ["{group.class_name}"]

{constants}


class {group.class_name}({group.name.capitalize()}Helpers, OperationGroup):
    """{doc}
    """

{methods}
'''


def sync_group(group_name: str) -> str:
    group, endpoints = GROUPS[group_name]
    methods = "\n\n".join(_sync_method(e) for e in endpoints if not e.hand_written)
    helpers = f"{group.name.capitalize()}Helpers"
    return f'''"""{GENERATED.format(source="batchjobs/_api/" + group_name + "s.py")}

Blocking ``{group.class_name}``: each method runs its async twin on the client's loop thread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Literal, Unpack, overload

from .. import models
from .._config import OperationConfig
from .._response import Page, RawResponse
from .._transport import API_VERSION
{_model_imports(endpoints)}
from ..operations import {group.class_name} as Async{group.class_name}
from ._bridge import Bridge
from ._{group_name}_helpers import {helpers}

__all__ = ["{group.class_name}"]


class {group.class_name}({helpers}):
    """Blocking twin of the async ``{group.class_name}``: every call runs on the client's loop thread."""

    api_version = API_VERSION
    models = models

    def __init__(self, bridge: Bridge, core: Async{group.class_name}) -> None:
        self._bridge = bridge
        self._core = core

{methods}
'''


# --- blocking twins of hand-written async helper modules -------------------------------------------


def _sync_doc(text: str) -> str:
    for phrase, replacement in SYNC_PHRASES.items():
        text = text.replace(phrase, replacement)
    return text


def _helper_method(node: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    node.args.args[0].annotation = None  # ``self: Protocol`` types the async mixin only
    returns = ast.unparse(node.returns) if node.returns else "None"
    iterates = returns.startswith("AsyncGenerator[")
    if iterates:  # an async generator becomes a blocking iterator, one item per round trip
        assert isinstance(node.returns, ast.Subscript)
        assert isinstance(node.returns.slice, ast.Tuple)
        returns = f"Iterator[{ast.unparse(node.returns.slice.elts[0])}]"
    signature = ast.unparse(node.args)
    if any(isinstance(d, ast.Name) and d.id == "overload" for d in node.decorator_list):
        return f"    @overload\n    def {node.name}({signature}) -> {returns}: ..."
    args = node.args
    parts = [a.arg for a in args.posonlyargs + args.args][1:]
    if args.vararg is not None:
        parts.append(f"*{args.vararg.arg}")
    parts += [f"{a.arg}={a.arg}" for a in args.kwonlyargs]
    if args.kwarg is not None:
        parts.append(f"**{args.kwarg.arg}")
    lines = [f"    def {node.name}({signature}) -> {returns}:"]
    doc = ast.get_docstring(node, clean=False)
    if doc:
        lines.append(f'        """{_sync_doc(doc)}"""')
    bridge = "iterate" if iterates else "call"
    lines.append(f"        return self._bridge.{bridge}(self._core.{node.name}, {', '.join(parts)})")
    return "\n".join(lines)


def sync_helpers(group_name: str) -> str:
    group, _ = GROUPS[group_name]
    source = OPERATIONS / f"_{group_name}_helpers.py"
    tree = ast.parse(source.read_text(encoding="utf-8"))
    name = f"{group.name.capitalize()}Helpers"
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == name)
    functions = [n for n in cls.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    methods = "\n\n".join(_helper_method(n) for n in functions if not n.name.startswith("_"))
    imports = []
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == "__future__":
            continue
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            raise SystemExit(f"generate: {source.name} must import package siblings as ..operations.x")
        if isinstance(node, ast.Import | ast.ImportFrom):
            imports.append(ast.unparse(node))
    relative = source.relative_to(ROOT).as_posix()
    return f'''"""{GENERATED.format(source=relative)}

Blocking ``{name}``: each method runs its async twin on the client's loop thread.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

{chr(10).join(imports)}

if TYPE_CHECKING:
    from ..operations import {group.class_name} as Async{group.class_name}
    from ._bridge import Bridge

__all__ = ["{name}"]


class {name}:
    """Blocking twin of the async helpers: each call runs on the client's loop thread."""

    _bridge: Bridge
    _core: Async{group.class_name}

{methods}
'''


# --- where each model lives ----------------------------------------------------------------------


def model_index() -> str:
    modules = sorted(
        path.stem for path in MODELS.glob("_*.py") if path.stem not in {"__init__", "_base", "_index"}
    )
    where: dict[str, str] = {}
    for module in modules:
        for name in importlib.import_module(f"batchjobs.models.{module}").__all__:
            if name in where:
                raise SystemExit(f"generate: models.{name} is exported by both {where[name]} and .{module}")
            where[name] = f".{module}"
    rows = "".join(f'    "{name}": "{where[name]}",\n' for name in sorted(where))
    return (
        f'"""{GENERATED.format(source="the __all__ of batchjobs/models/_*.py")}\n\n'
        'Which submodule each public name of ``batchjobs.models`` lives in, so it is imported on first use.\n"""\n\n'
        f"MODULE_OF: dict[str, str] = {{\n{rows}}}\n"
    )


# --- driver ----------------------------------------------------------------------------------------


def outputs() -> dict[Path, str]:
    files = {MODELS / "_index.py": model_index()}
    for group_name in GROUPS:
        files[OPERATIONS / f"_{group_name}s.py"] = async_group(group_name)
        files[SYNC / f"_{group_name}s.py"] = sync_group(group_name)
        files[SYNC / f"_{group_name}_helpers.py"] = sync_helpers(group_name)
    formatted = {path: _format(text, path) for path, text in files.items()}
    for path, text in formatted.items():
        if path.parent == SYNC and any(word in text for word in ASYNC_WORDS):
            words = [word for word in ASYNC_WORDS if word in text]
            raise SystemExit(f"generate: {path.name} would document async usage: {words}")
    return formatted


def _format(text: str, path: Path) -> str:
    ruff = [sys.executable, "-m", "ruff"]
    fixed = subprocess.run(
        [*ruff, "check", "--fix-only", "--quiet", "--stdin-filename", str(path), "-"],
        input=text,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    return subprocess.run(
        [*ruff, "format", "--quiet", "--stdin-filename", str(path), "-"],
        input=fixed,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a generated file is stale")
    args = parser.parse_args()
    stale = []
    for path, text in outputs().items():
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current == text:
            continue
        if args.check:
            diff = difflib.unified_diff(
                current.splitlines(True), text.splitlines(True), str(path), "regenerated"
            )
            sys.stdout.writelines(diff)
            stale.append(path.relative_to(ROOT).as_posix())
        else:
            path.write_text(text, encoding="utf-8")
    if stale:
        print(
            f"generate: stale or edited by hand: {', '.join(stale)}; run python scripts/generate.py",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
