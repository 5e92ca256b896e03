"""How much structuring a rich CloudJob costs compared with ``json.loads`` of the same bytes.

Run: ``python bench/structuring.py``. Prints microseconds per call and the ratio (median of 7).
"""

from __future__ import annotations

import json
import statistics
import sys
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from batchjobs._serialization import structure
from batchjobs.models import CloudJob
from tests.rich_job import rich_job_bytes


def main() -> None:
    content = rich_job_bytes()
    data = json.loads(content)
    structure(data, CloudJob)  # build the converter's hooks before timing
    number = 2000

    def per_call(fn: object) -> float:
        return statistics.median(timeit.repeat(fn, number=number, repeat=7)) / number  # type: ignore[arg-type]

    loads = per_call(lambda: json.loads(content))
    build = per_call(lambda: structure(data, CloudJob))
    print(f"json.loads          {loads * 1e6:8.1f} us  ({len(content)} bytes)")
    print(f"structure(CloudJob) {build * 1e6:8.1f} us")
    print(f"ratio               {build / loads:8.2f}x  (bar: <= 4x)")


if __name__ == "__main__":
    main()
