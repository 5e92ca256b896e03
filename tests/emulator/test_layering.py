"""The emulator's layering, read from its import statements (``TYPE_CHECKING`` blocks included).

Outside its own package it uses the operation records, the models, the converter, the errors and
the pure signer, nothing else. Inside, the state (``state/``, ``_lifecycle``) knows no HTTP and
nothing of the request path; the resources know the request context, not the layers in front of
them. (That no import cycle exists, not even a type-only one, is checked for the whole package by
``tests/unit/test_layers.py``.)
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import batchjobs.emulator

ALLOWED = {
    "batchjobs._api",
    "batchjobs.models",
    "batchjobs._serialization",
    "batchjobs.errors",
    "batchjobs._auth",
}
ROOT = Path(batchjobs.emulator.__file__).parent
PACKAGE = "batchjobs.emulator"
#: The request path: what the state must never import.
REQUEST_PATH = {
    f"{PACKAGE}.{name}"
    for name in ("_app", "_context", "_control", "_emulator", "_middleware", "_routing", "resources")
}
#: The layers in front of the handlers: what a resource module must never import.
LAYERS = {f"{PACKAGE}.{name}" for name in ("_app", "_middleware", "_routing")}
MAX_LINES = 600


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join((PACKAGE, *parts))


def _is_module(name: str) -> bool:
    if not name.startswith(PACKAGE):
        return False
    relative = Path(*name.split(".")[2:]) if name != PACKAGE else Path()
    return (ROOT / relative).with_suffix(".py").exists() or (ROOT / relative / "__init__.py").exists()


def _imports(path: Path) -> tuple[set[str], set[str]]:
    """(absolute names of the batchjobs modules imported, third-party top-level packages imported)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    external: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 0:
                assert node.module is not None
                if node.module.startswith("batchjobs"):
                    raise AssertionError(f"{name} imports {node.module} absolutely")
                external.add(node.module.split(".")[0])
                continue
            base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
            target = f"{base}.{node.module}" if node.module else base
            submodules = [f"{target}.{alias.name}" for alias in node.names]
            found.update(sub for sub in submodules if _is_module(sub))
            if not node.module and all(_is_module(sub) for sub in submodules):
                continue
            found.add(target)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("batchjobs"):
                    raise AssertionError(f"{name} imports {alias.name} absolutely")
                external.add(alias.name.split(".")[0])
    return found, external


MODULES = sorted(ROOT.rglob("*.py"))
GRAPH = {_module_name(path): _imports(path)[0] for path in MODULES}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_emulator_imports_only_the_allowed_package_modules(path: Path) -> None:
    for name in _imports(path)[0]:
        if name == PACKAGE or name.startswith(PACKAGE + "."):
            continue
        assert any(name == ok or name.startswith(ok + ".") for ok in ALLOWED), f"{path.name} imports {name}"


def test_the_checker_resolves_relative_imports() -> None:
    assert "batchjobs._api" in GRAPH[f"{PACKAGE}._app"]
    assert f"{PACKAGE}._errors" in GRAPH[f"{PACKAGE}.state._jobs"]
    assert "batchjobs.models" in GRAPH[f"{PACKAGE}.resources.jobs"]
    assert f"{PACKAGE}.resources.jobs" in GRAPH[f"{PACKAGE}.resources"]


@pytest.mark.parametrize(
    "path",
    [p for p in MODULES if p.parent.name == "state" or p.name == "_lifecycle.py"],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_the_state_knows_no_http_and_no_request_path(path: Path) -> None:
    names, external = _imports(path)
    assert not external & {"starlette", "httpx", "uvicorn", "anyio"}, f"{path.name} imports {external}"
    assert not {n for n in names if any(n == p or n.startswith(p + ".") for p in REQUEST_PATH)}


@pytest.mark.parametrize(
    "path", sorted((ROOT / "resources").glob("*.py")), ids=lambda p: str(p.relative_to(ROOT))
)
def test_resources_do_not_reach_into_the_layers_before_them(path: Path) -> None:
    assert not _imports(path)[0] & LAYERS


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_emulator_module_is_overlong(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES
