"""The emulator uses the models, the converter, the errors and the pure signer, nothing else."""

from __future__ import annotations

import ast
from pathlib import Path

import batchjobs.emulator

ALLOWED = {"batchjobs.models", "batchjobs._serialization", "batchjobs.errors", "batchjobs._auth"}


def test_emulator_imports_only_the_allowed_package_modules() -> None:
    root = Path(batchjobs.emulator.__file__).parent
    for path in sorted(root.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level == 2:
                target = "batchjobs" + (f".{node.module}" if node.module else "")
                names = [target] if node.module else [f"batchjobs.{alias.name}" for alias in node.names]
                for name in names:
                    assert name in ALLOWED, f"{path.name} imports {name}"
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                assert not node.module.startswith("batchjobs"), f"{path.name} imports {node.module}"
            elif isinstance(node, ast.Import):
                assert not any(a.name.startswith("batchjobs") for a in node.names), path.name
