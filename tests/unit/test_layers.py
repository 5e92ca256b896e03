"""The package's layering (STYLE.md §1), read from the import statements."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "batchjobs"

# module (or package prefix) -> the package modules it must never import
_EVERYTHING = {
    "_serialization",
    "_transport",
    "_client",
    "operations",
    "sync",
    "emulator",
    "_paging",
    "testing",
}
FORBIDDEN = {
    # the operation records: pure data over the models, read by the client, the emulator and the tests
    "_api": _EVERYTHING | {"_auth", "_tracing", "_waiters", "_bulk", "_config", "_response"},
    "_bulk": _EVERYTHING | {"models", "_auth", "_tracing", "_waiters"},
    "_waiters": {"_transport", "_client", "operations", "sync", "emulator", "_paging", "testing"},
    # what a wait shows while it waits: it reads counts, it sends nothing
    "_progress": _EVERYTHING | {"_api", "_auth", "_tracing", "_waiters", "_bulk", "_config", "_response"},
    "_tracing": {"_transport", "_client", "operations", "sync", "emulator", "_paging", "_serialization"},
    "errors": {"models", "_serialization", "_transport", "_client", "operations", "sync", "emulator"},
    "models": {"_serialization", "_transport", "_client", "operations", "sync", "emulator", "_auth"},
    "_formats": {"_serialization", "_transport", "_client", "operations", "sync", "emulator"},
    "_serialization": {"_transport", "_client", "operations", "sync", "emulator", "_paging"},
    "_auth": {"_transport", "_client", "operations", "sync", "emulator", "_serialization"},
    "_transport": {"_client", "operations", "sync", "emulator", "_paging"},
    "_paging": {"_client", "operations", "sync", "emulator"},
    "operations": {"_client", "sync", "emulator"},
    "_client": {"sync", "emulator"},
    "emulator": {"_transport", "operations", "_client", "sync", "_paging", "testing", "_waiters", "_bulk"},
}
#: Third-party packages a layer must not import.
FORBIDDEN_PACKAGES = {"_api": {"httpx", "anyio", "starlette"}, "models": {"httpx", "anyio", "starlette"}}


def _package_imports(path: Path) -> set[str]:
    """Top-level package modules imported by ``path`` (relative or absolute), outside TYPE_CHECKING."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(child) for child in ast.walk(node))
    depth = len(path.relative_to(PACKAGE).parts) - 1
    found = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.ImportFrom):
            if node.level:
                up = node.level - 1
                if up < depth:  # stays inside the module's own subpackage
                    base = path.relative_to(PACKAGE).parts[: depth - up]
                    found.add(base[0])
                    continue
                if node.module:
                    found.add(node.module.split(".")[0])
                else:
                    found.update(alias.name for alias in node.names)
            elif node.module and node.module.startswith("batchjobs."):
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("batchjobs."))
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_respects_the_layers(path):
    top = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
    forbidden = FORBIDDEN.get(top, set())
    assert not (_package_imports(path) & forbidden), (
        f"{path.name} imports {_package_imports(path) & forbidden}"
    )


def test_the_checker_sees_imports():
    assert "_serialization" in _package_imports(PACKAGE / "emulator" / "_app.py") | _package_imports(
        PACKAGE / "emulator" / "_wire.py"
    )
    assert "_transport" in _package_imports(PACKAGE / "operations" / "_group.py")
    assert "_api" in _package_imports(PACKAGE / "operations" / "_jobs.py")


@pytest.mark.parametrize("layer", sorted(FORBIDDEN_PACKAGES))
def test_pure_layers_import_no_io_library(layer):
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names = {node.module.split(".")[0]}
            else:
                continue
            assert not names & FORBIDDEN_PACKAGES[layer], f"{path.name} imports {names}"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _top_level_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """Imports that run when the module loads, ``if TYPE_CHECKING:`` ones included (not in functions)."""
    found: list[ast.Import | ast.ImportFrom] = []
    pending: list[ast.stmt] = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        elif isinstance(node, ast.If | ast.Try):
            pending.extend(node.body + node.orelse + getattr(node, "finalbody", []))
            for handler in getattr(node, "handlers", []):
                pending.extend(handler.body)
    return found


def _import_graph() -> dict[str, set[str]]:
    modules = {_module_name(path): path for path in MODULES}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        edges = graph.setdefault(name, set())
        for node in _top_level_imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                edges.update(a.name for a in node.names if a.name in modules)
                continue
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            for alias in node.names:
                submodule = f"{target}.{alias.name}"
                edges.add(submodule if submodule in modules else target)
        edges.discard(name)
        edges.intersection_update(modules)
    return graph


def test_no_import_cycles_not_even_type_only():
    graph = _import_graph()
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert not cycles, "\n".join(" -> ".join(cycle) for cycle in cycles)
