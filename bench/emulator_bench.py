"""Emulator benchmark: CPU time of an in-process ``get`` and of listing 100,000 jobs page by page.

Run: ``python bench/emulator_bench.py [--jobs 100000] [--gets 2000]``. Prints the numbers; asserts
nothing (speed is measured here, not in tests). Targets: a ``get`` under 0.5 ms of CPU in the app,
and listing memory bounded by one page of serialized output.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
import tracemalloc
from typing import Any

import httpx

from batchjobs._auth import SharedKeyAuth, SharedKeyCredentials
from batchjobs.emulator import ACCOUNT_KEY, ACCOUNT_NAME, Emulator, create_app
from batchjobs.models import JobAddParameter, PoolInformation
from batchjobs.testing import emulator_client

API = "api-version=2023-05-01.17.0"


async def call_app(
    app: Any, method: str, target: str, headers: list[tuple[bytes, bytes]]
) -> tuple[int, bytes]:
    """One request straight through the ASGI app, without an HTTP client in the way."""
    path, _, query = target.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "headers": [(b"host", b"bench.local"), *headers],
        "server": ("bench.local", 80),
        "client": ("127.0.0.1", 1),
        "root_path": "",
    }
    chunks: list[bytes] = []
    status = 0

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    return status, b"".join(chunks)


def seed(emulator: Emulator, count: int) -> None:
    pool = PoolInformation(pool_id="pool-1")
    for i in range(count):
        emulator.store.add(JobAddParameter(id=f"job-{i:06d}", pool_info=pool))


async def bench_get(gets: int) -> None:
    # The app alone, auth off: what the emulator itself costs per get.
    emulator = Emulator(auth=False)
    seed(emulator, 1)
    app = create_app(emulator)
    for _ in range(50):
        await call_app(app, "GET", f"/jobs/job-000000?{API}", [])
    start = time.process_time()
    for _ in range(gets):
        status, _ = await call_app(app, "GET", f"/jobs/job-000000?{API}", [])
        assert status == 200
    app_only = (time.process_time() - start) / gets * 1000

    # Signed, through httpx.ASGITransport (what a raw-httpx test pays).
    emulator = Emulator()
    seed(emulator, 1)
    auth = SharedKeyAuth(SharedKeyCredentials(ACCOUNT_NAME, ACCOUNT_KEY))
    transport = httpx.ASGITransport(app=create_app(emulator))
    async with httpx.AsyncClient(transport=transport, base_url="http://bench.local", auth=auth) as client:
        for _ in range(50):
            await client.get(f"/jobs/job-000000?{API}")
        start = time.process_time()
        for _ in range(gets):
            await client.get(f"/jobs/job-000000?{API}")
        via_httpx = (time.process_time() - start) / gets * 1000

    # Through the real BatchServiceClient (parse into CloudJob included).
    emulator = Emulator()
    seed(emulator, 1)
    async with emulator_client(emulator) as batch:
        for _ in range(50):
            await batch.job.get("job-000000")
        start = time.process_time()
        for _ in range(gets):
            await batch.job.get("job-000000")
        via_client = (time.process_time() - start) / gets * 1000

    print(f"get, ASGI app only (auth off):          {app_only:.3f} ms CPU per request (target < 0.5)")
    print(f"get, signed httpx via ASGITransport:    {via_httpx:.3f} ms CPU per request")
    print(f"get, BatchServiceClient in-process:     {via_client:.3f} ms CPU per request")


async def bench_list(jobs: int) -> None:
    emulator = Emulator(auth=False)
    start = time.process_time()
    seed(emulator, jobs)
    seeding = time.process_time() - start
    app = create_app(emulator)
    target: str | None = f"/jobs?{API}&maxresults=1000"
    pages = seen = biggest = 0
    start = time.process_time()
    while target:
        status, body = await call_app(app, "GET", target, [])
        assert status == 200
        page = json.loads(body)
        seen += len(page["value"])
        biggest = max(biggest, len(body))
        link = page.get("odata.nextLink")
        target = link.removeprefix("http://bench.local") if link else None
        pages += 1
    listing = time.process_time() - start
    assert seen == jobs, (seen, jobs)

    # Memory, separately (tracemalloc slows everything down): what serving one page allocates.
    tracemalloc.start()
    target = f"/jobs?{API}&maxresults=1000"
    peak_growth = 0
    for _ in range(5):
        tracemalloc.reset_peak()
        before = tracemalloc.get_traced_memory()[0]
        status, body = await call_app(app, "GET", target, [])
        peak_growth = max(peak_growth, tracemalloc.get_traced_memory()[1] - before)
        link = json.loads(body)["odata.nextLink"]
        target = link.removeprefix("http://bench.local")
        del body
    tracemalloc.stop()
    print(f"seed {jobs} jobs (store, no HTTP):       {seeding:.2f} s CPU")
    per_page = listing / pages * 1000
    print(f"list {jobs} jobs in {pages} pages of 1000:  {listing:.2f} s CPU ({per_page:.1f} ms per page)")
    print(f"largest page body:                      {biggest / 1e6:.2f} MB")
    print(f"peak memory allocated to serve a page:  {peak_growth / 1e6:.2f} MB (one page at a time)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, default=100_000)
    parser.add_argument("--gets", type=int, default=2_000)
    args = parser.parse_args()
    asyncio.run(bench_get(args.gets))
    asyncio.run(bench_list(args.jobs))


if __name__ == "__main__":
    main()
