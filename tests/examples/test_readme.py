"""README's Quick start works verbatim: both shell blocks, in a fresh clone with a fresh venv.

The second block runs the whole test suite, this test included. That inner run is told so through
``BATCHJOBS_README_INNER`` and then checks the README against ``.ci/run`` instead of recursing.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
INNER = "BATCHJOBS_README_INNER"


def quick_start_blocks() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```(?:sh|bash|shell)\n(.*?)```", section, re.DOTALL)]


def test_quick_start_has_two_blocks_and_ci_runs_the_second_verbatim():
    install_and_run, install_and_test = quick_start_blocks()[:2]
    assert "examples/quickstart.py" in install_and_run
    assert "pytest" in install_and_test
    assert install_and_test in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_quick_start_blocks_work_in_a_fresh_clone(tmp_path):
    if os.environ.get(INNER):
        # Inside the second block's own test run: the outer run is executing the blocks already.
        assert quick_start_blocks()[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
        return
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True, timeout=60)
    base_python = Path(getattr(sys, "_base_executable", sys.executable)).resolve()
    env = {
        "PATH": f"{tmp_path / 'bin'}:/usr/local/bin:/usr/bin:/bin",
        "HOME": os.environ.get("HOME", str(tmp_path)),
        INNER: "1",
    }
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "python").symlink_to(base_python)  # a fresh machine's `python`
    outputs = []
    for block in quick_start_blocks()[:2]:
        result = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", block],
            cwd=clone,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert result.returncode == 0, f"{block}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        outputs.append(result.stdout)
    assert "terminateReason=AllTasksComplete" in outputs[0]
    assert "shard-137: unreadable record" in outputs[0]
    assert " passed" in outputs[1]
