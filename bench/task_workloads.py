"""The task and task-file workloads of ``bench/run.py``: list tasks, add a collection, download a file.

Each has a raw-httpx floor doing the same requests (parsing JSON with ``json.loads``, building
bodies with ``json.dumps``) and the batchjobs variant.
"""

from __future__ import annotations

import json
from typing import Any

WORKLOADS: dict[str, list[str]] = {
    "task-list": ["httpx-async", "batchjobs-async"],
    "add-collection": ["httpx-async", "batchjobs-async"],
    "download": ["httpx-async", "batchjobs-async"],
}
#: The operation group each workload calls (the bench imports it before the clock starts).
GROUP = {"task-list": "task", "add-collection": "task", "download": "file"}


def sizes(quick: bool) -> dict[str, int]:
    return {
        "tasks": 1000 if quick else 10_000,
        "listed": 2000 if quick else 20_000,
        "mb": 20 if quick else 200,
    }


async def run(variant: str, workload: str, url: str, n: dict[str, int]) -> int:
    import httpx

    headers = {"x-bench-total": str(n["listed"]), "x-bench-bytes": str(n["mb"] * 1024 * 1024)}
    path = "/jobs/job-1/tasks/task-1/files/wd%2Fbig.bin"
    if variant == "httpx-async":
        async with httpx.AsyncClient(base_url=url, headers=headers, timeout=60) as raw:
            return await _floor(raw, workload, path, n)
    from batchjobs import BatchServiceClient, SharedKeyCredentials, models

    key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw=="
    count = 0
    async with BatchServiceClient(SharedKeyCredentials("account", key), url, read_timeout=60) as client:
        if workload == "task-list":
            options = models.TaskListOptions(max_results=1000)
            async for _task in client.task.list("job-1", options, custom_headers=headers):
                count += 1
        elif workload == "add-collection":
            tasks = [
                models.TaskAddParameter(id=f"task-{i:06d}", command_line=f"/bin/sh -c 'wc -w shard-{i}.txt'")
                for i in range(n["tasks"])
            ]
            result = await client.task.add_collection("job-1", tasks)
            count = sum(str(r.status) == "success" for r in result.value)
        elif workload == "download":
            async for chunk in client.file.get_from_task(
                "job-1", "task-1", "wd/big.bin", custom_headers=headers
            ):
                count += len(chunk)
    return count


async def _floor(raw: Any, workload: str, path: str, n: dict[str, int]) -> int:
    count = 0
    if workload == "task-list":
        link: str | None = "/jobs/job-1/tasks?maxresults=1000"
        while link:
            page = json.loads((await raw.get(link)).content)
            count += len(page["value"])
            link = page.get("odata.nextLink")
    elif workload == "add-collection":
        tasks = [
            {"id": f"task-{i:06d}", "commandLine": f"/bin/sh -c 'wc -w shard-{i}.txt'"}
            for i in range(n["tasks"])
        ]
        for start in range(0, len(tasks), 100):
            body = json.dumps({"value": tasks[start : start + 100]}).encode()
            response = await raw.post("/jobs/job-1/addtaskcollection", content=body)
            count += sum(r["status"] == "Success" for r in json.loads(response.content)["value"])
    elif workload == "download":
        async with raw.stream("GET", path) as response:
            async for chunk in response.aiter_bytes():
                count += len(chunk)
    return count
