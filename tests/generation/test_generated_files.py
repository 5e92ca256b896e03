"""The generated operation modules are exactly what scripts/generate.py makes from the records."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
SCRIPT = "scripts/generate.py"
GENERATED = [
    path
    for group in ("job", "task", "file")
    for path in (
        f"batchjobs/operations/_{group}s.py",
        f"batchjobs/sync/_{group}s.py",
        f"batchjobs/sync/_{group}_helpers.py",
    )
]
INDEX = "batchjobs/models/_index.py"


def _check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(root / SCRIPT), "--check"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def _check_edited(root: Path, name: str, old: str, new: str) -> subprocess.CompletedProcess[str]:
    """The check, run with ``old`` replaced by ``new`` once in the file ``name`` of ``root``, then put back."""
    path = root / name
    original = path.read_text(encoding="utf-8")
    edited = original.replace(old, new, 1)
    assert edited != original, f"{old!r} is not in {name}"
    path.write_text(edited, encoding="utf-8")
    try:
        return _check(root)
    finally:
        path.write_text(original, encoding="utf-8")


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sources the generator reads and writes, copied so that they can be spoiled."""
    root = tmp_path_factory.mktemp("project")
    shutil.copytree(ROOT / "batchjobs", root / "batchjobs", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "scripts", root / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    return root


def test_generated_files_are_up_to_date() -> None:
    result = _check(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_generated_file_says_so_on_its_first_line() -> None:
    for name in [*GENERATED, INDEX]:
        first = (ROOT / name).read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith('"""GENERATED from '), name
        assert first.endswith("do not edit."), name


@pytest.mark.parametrize("name", GENERATED)
def test_a_hand_edit_fails_the_check(copy: Path, name: str) -> None:
    result = _check_edited(copy, name, "        return ", "        return  ")
    assert result.returncode == 1
    assert name in result.stderr


def test_a_changed_record_makes_the_files_stale(copy: Path) -> None:
    result = _check_edited(copy, "batchjobs/_api/jobs.py", 'summary="Get a job."', 'summary="Read a job."')
    assert result.returncode == 1
    assert '+        """Read a job.' in result.stdout
    assert "batchjobs/operations/_jobs.py" in result.stderr
    assert "batchjobs/sync/_jobs.py" in result.stderr


def test_a_model_missing_from_the_index_makes_it_stale(copy: Path) -> None:
    result = _check_edited(copy, INDEX, '    "CloudTask": "._task",\n', "")
    assert result.returncode == 1
    assert '+    "CloudTask": "._task",' in result.stdout
    assert INDEX in result.stderr
