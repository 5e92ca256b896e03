"""The package's layering (STYLE.md §1), read from the import statements."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "batchjobs"

# module (or package prefix) -> the package modules it must never import
FORBIDDEN = {
    "errors": {"models", "_serialization", "_transport", "_client", "operations", "sync", "emulator"},
    "models": {"_serialization", "_transport", "_client", "operations", "sync", "emulator", "_auth"},
    "_formats": {"_serialization", "_transport", "_client", "operations", "sync", "emulator"},
    "_serialization": {"_transport", "_client", "operations", "sync", "emulator", "_paging"},
    "_auth": {"_transport", "_client", "operations", "sync", "emulator", "_serialization"},
    "_transport": {"_client", "operations", "sync", "emulator", "_paging"},
    "_paging": {"_client", "operations", "sync", "emulator"},
    "operations": {"_client", "sync", "emulator"},
    "_client": {"sync", "emulator"},
    "emulator": {"_transport", "operations", "_client", "sync", "_paging", "testing"},
}


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
    assert "_transport" in _package_imports(PACKAGE / "operations" / "_jobs.py")
