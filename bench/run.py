"""Benchmarks of batchjobs against a raw-httpx floor, on a canned-response loopback server.

Each measurement runs in a fresh child process (so peak RSS is per workload) against
``bench/server.py`` in another process (so the server's CPU is not counted). Reported: the
median of ``--repeat`` runs of wall time and client CPU time, and the ratio to the floor.

Run: ``python bench/run.py [--repeat 5] [--quick] [--markdown bench/results.md]``.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import math
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import task_workloads  # noqa: E402

KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw=="
ADD_BODY = {"id": "job-1", "priority": 10, "poolInfo": {"poolId": "p"}}

# workload -> variants measured, the first being the floor.
WORKLOADS: dict[str, list[str]] = {
    "get": ["httpx-async", "batchjobs-async", "httpx-sync", "batchjobs-sync"],
    "get-concurrent": ["httpx-async", "batchjobs-async"],
    # The same gets at 50, 400 and 2,000 in flight on one client (max_connections=100): the CPU
    # ratio is the client CPU per call against 50 in flight.
    "get-inflight": ["batchjobs-async-50", "batchjobs-async-400", "batchjobs-async-2000"],
    "list": ["httpx-async", "batchjobs-async", "batchjobs-async-read-all", "httpx-sync", "batchjobs-sync"],
    "list-keep": ["httpx-async", "batchjobs-async"],
    "add": ["httpx-async", "batchjobs-async", "httpx-sync", "batchjobs-sync"],
    "structure": ["json.loads", "batchjobs"],
    "import": ["httpx+anyio+attrs+cattrs", "batchjobs"],
    "import+construct": ["httpx+anyio+attrs+cattrs", "batchjobs"],
    **task_workloads.WORKLOADS,
}


# ---------------------------------------------------------------- child side: one measurement


def _sizes(quick: bool) -> dict[str, int]:
    return {
        "requests": 200 if quick else 2000,
        "jobs": 2000 if quick else 20000,
        "concurrency": 50,
        **task_workloads.sizes(quick),
    }


def _total_header(n: dict[str, int]) -> dict[str, str]:
    """How many jobs the canned server lists (it reads this header on every page)."""
    return {"x-bench-total": str(n["jobs"])}


async def _async_workload(variant: str, workload: str, url: str, n: dict[str, int]) -> int:
    import httpx

    if workload in task_workloads.WORKLOADS:
        return await task_workloads.run(variant, workload, url, n)

    count = 0
    if variant == "httpx-async":
        async with httpx.AsyncClient(base_url=url, headers=_total_header(n)) as raw:
            if workload == "get":
                for _ in range(n["requests"]):
                    count += len(json.loads((await raw.get("/jobs/job-0001")).content))
            elif workload == "get-concurrent":
                semaphore = asyncio.Semaphore(n["concurrency"])

                async def one() -> int:
                    async with semaphore:
                        return len(json.loads((await raw.get("/jobs/job-0001")).content))

                count = sum(await asyncio.gather(*(one() for _ in range(n["requests"]))))
            elif workload.startswith("list"):
                kept: list[Any] = []  # list-keep: every job is kept, as a caller collecting them would
                link: str | None = "/jobs?maxresults=1000"
                while link:
                    page = json.loads((await raw.get(link)).content)
                    count += len(page["value"])
                    if workload == "list-keep":
                        kept.extend(page["value"])
                    link = page.get("odata.nextLink")
            elif workload == "add":
                for _ in range(n["requests"]):
                    response = await raw.post("/jobs", content=json.dumps(ADD_BODY).encode())
                    count += response.status_code == 201
        return count

    import attrs

    from batchjobs import BatchServiceClient, SharedKeyCredentials, models

    async with BatchServiceClient(SharedKeyCredentials("account", KEY), url) as client:
        if workload == "get":
            for _ in range(n["requests"]):
                count += (await client.job.get("job-0001")).id is not None
        elif workload.startswith("get-"):
            in_flight = int(variant.rpartition("-")[2]) if workload == "get-inflight" else n["concurrency"]
            semaphore = asyncio.Semaphore(in_flight)

            async def one_job() -> int:
                async with semaphore:
                    return (await client.job.get("job-0001")).id is not None

            count = sum(await asyncio.gather(*(one_job() for _ in range(n["requests"]))))
        elif workload.startswith("list"):
            options = models.JobListOptions(max_results=1000)
            # -read-all reads every field, so that every nested object is built (and checked).
            names = (
                [field.name for field in attrs.fields(models.CloudJob)] if variant.endswith("-all") else []
            )
            jobs = []
            async for job in client.job.list(options, custom_headers=_total_header(n)):
                for name in names:
                    getattr(job, name)
                if workload == "list-keep":
                    jobs.append(job)
                count += 1
        elif workload == "add":
            job = models.JobAddParameter(
                id="job-1", priority=10, pool_info=models.PoolInformation(pool_id="pool-1")
            )
            for _ in range(n["requests"]):
                await client.job.add(job)
                count += 1
    return count


def _sync_workload(variant: str, workload: str, url: str, n: dict[str, int]) -> int:
    import httpx

    count = 0
    if variant == "httpx-sync":
        with httpx.Client(base_url=url, headers=_total_header(n)) as raw:
            if workload == "get":
                for _ in range(n["requests"]):
                    count += len(json.loads(raw.get("/jobs/job-0001").content))
            elif workload == "list":
                link: str | None = "/jobs?maxresults=1000"
                while link:
                    page = json.loads(raw.get(link).content)
                    count += len(page["value"])
                    link = page.get("odata.nextLink")
            elif workload == "add":
                for _ in range(n["requests"]):
                    count += raw.post("/jobs", content=json.dumps(ADD_BODY).encode()).status_code == 201
        return count

    from batchjobs import SharedKeyCredentials, models
    from batchjobs.sync import BatchServiceClient

    with BatchServiceClient(SharedKeyCredentials("account", KEY), url) as client:
        if workload == "get":
            for _ in range(n["requests"]):
                count += client.job.get("job-0001").id is not None
        elif workload == "list":
            for _job in client.job.list(models.JobListOptions(max_results=1000), _total_header(n)):
                count += 1
        elif workload == "add":
            job = models.JobAddParameter(
                id="job-1", priority=10, pool_info=models.PoolInformation(pool_id="pool-1")
            )
            for _ in range(n["requests"]):
                client.job.add(job)
                count += 1
    return count


def _structure_workload(variant: str, n: dict[str, int]) -> int:
    sys.path.insert(0, str(HERE.parent))
    from tests.rich_job import rich_job_bytes

    content = rich_job_bytes()
    if variant == "json.loads":
        for _ in range(n["jobs"]):
            json.loads(content)
        return n["jobs"]
    from batchjobs._serialization import structure
    from batchjobs.models import CloudJob

    data = json.loads(content)
    for _ in range(n["jobs"]):
        structure(data, CloudJob)
    return n["jobs"]


def child(variant: str, workload: str, url: str, quick: bool) -> dict[str, float]:
    n = _sizes(quick)
    # Import cost is measured by its own workload, so the library is imported before the clock starts:
    # the blocking facade for the sync variants; for the async ones only the operation group the
    # workload calls, as an async program using that group loads it (the others load on first use).
    if variant.startswith("batchjobs") and workload != "structure":
        if variant.endswith("-sync"):
            importlib.import_module("batchjobs.sync")
        else:
            from batchjobs import BatchServiceClient, SharedKeyCredentials  # noqa: F401

            importlib.import_module(f"batchjobs.operations._{task_workloads.GROUP.get(workload, 'job')}s")
    started_wall, started_cpu = time.perf_counter(), time.process_time()
    if workload == "structure":
        count = _structure_workload(variant, n)
    elif variant.endswith("-sync"):
        count = _sync_workload(variant, workload, url, n)
    else:
        count = asyncio.run(_async_workload(variant, workload, url, n))
    wall, cpu = time.perf_counter() - started_wall, time.process_time() - started_cpu
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"wall": wall, "cpu": cpu, "rss_mb": rss_mb, "count": count}


# --------------------------------------------------------------- parent side: orchestration


def _measure_child(variant: str, workload: str, url: str, quick: bool) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", variant, workload, url]
    if quick:
        command.append("--quick")
    out = subprocess.run(command, capture_output=True, text=True, check=True, timeout=600).stdout
    return json.loads(out.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _measure_import(variant: str, construct: bool) -> dict[str, float]:
    if variant == "batchjobs":
        code = "import batchjobs"
        if construct:
            code += (
                "; batchjobs.BatchServiceClient(batchjobs.SharedKeyCredentials('a', '"
                + KEY
                + "'), 'https://a.b')"
            )
    else:
        code = "import httpx, anyio, attrs, cattrs"
        if construct:
            code += "; httpx.AsyncClient()"
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return {"wall": time.perf_counter() - started, "cpu": float("nan"), "rss_mb": float("nan"), "count": 1}


def _start_server() -> tuple[subprocess.Popen[str], str]:
    server = subprocess.Popen(
        [sys.executable, str(HERE / "server.py"), "--port", "0"], stdout=subprocess.PIPE, text=True
    )
    assert server.stdout is not None
    url = server.stdout.readline().strip()
    if not url.startswith("http://"):
        server.kill()
        raise SystemExit("bench: the canned-response server did not start")
    return server, url


def _median(runs: list[dict[str, float]], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="10x smaller workloads")
    parser.add_argument("--only", nargs="*", help="workloads to run")
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    parser.add_argument("--child", nargs=3, metavar=("VARIANT", "WORKLOAD", "URL"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(*args.child, quick=args.quick)))
        return

    server, url = _start_server()
    rows = []
    try:
        for workload, variants in WORKLOADS.items():
            if args.only and workload not in args.only:
                continue
            results: dict[str, list[dict[str, float]]] = {v: [] for v in variants}
            for _ in range(args.repeat):
                for variant in variants:  # interleaved, so drift hits every variant alike
                    if workload.startswith("import"):
                        run = _measure_import(variant, construct=workload == "import+construct")
                    else:
                        run = _measure_child(variant, workload, url, args.quick)
                    results[variant].append(run)
            floor = results[variants[0]]
            for variant in variants:
                runs = results[variant]
                rows.append(
                    (
                        workload,
                        variant,
                        _median(runs, "wall"),
                        _median(runs, "cpu"),
                        _median(runs, "wall") / _median(floor, "wall"),
                        _median(runs, "cpu") / _median(floor, "cpu"),
                        _median(runs, "rss_mb"),
                        _median(runs, "rss_mb") / _median(floor, "rss_mb"),
                    )
                )
                print(_row(rows[-1]), flush=True)
    finally:
        server.terminate()
        server.wait(10)
    table = _table(rows, args)
    print()
    print(table)
    if args.markdown:
        args.markdown.write_text(table + "\n", encoding="utf-8")


def _row(row: tuple[Any, ...]) -> str:
    workload, variant, wall, cpu, wall_ratio, cpu_ratio, rss, rss_ratio = row
    cells = [
        _cell(wall * 1000, "{:.0f} ms"),
        _cell(cpu * 1000, "{:.0f} ms"),
        _cell(wall_ratio, "{:.2f}x"),
        _cell(cpu_ratio, "{:.2f}x"),
        _cell(rss, "{:.0f} MB"),
        _cell(rss_ratio, "{:.2f}x"),
    ]
    return f"| {workload} | {variant} | " + " | ".join(cells) + " |"


def _cell(value: float, template: str) -> str:
    """A measured value, or a dash where the workload does not measure it (import: no CPU, no RSS)."""
    return "-" if math.isnan(value) else template.format(value)


def _table(rows: list[tuple[Any, ...]], args: argparse.Namespace) -> str:
    python = f"{platform.python_implementation()} {platform.python_version()}"
    machine = f"{python}, {platform.machine()}, {os.cpu_count()} CPUs"
    header = [
        f"Median of {args.repeat} runs{' (quick sizes)' if args.quick else ''}; {machine}.",
        "Ratios are to the first row of each workload (the floor).",
        "",
        "| workload | variant | wall | client CPU | wall ratio | CPU ratio | peak RSS | RSS ratio |",
        "|---|---|---|---|---|---|---|---|",
    ]
    return "\n".join(header + [_row(row) for row in rows])


if __name__ == "__main__":
    main()
