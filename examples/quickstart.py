"""Walk one Azure Batch job through its whole life and print what happened at each step.

With no settings it runs against the bundled emulator, in-process, so it needs no Azure account:

    python examples/quickstart.py

Against a real account, set BATCH_ACCOUNT_URL and BATCH_ACCOUNT_NAME, plus BATCH_ACCOUNT_KEY for
Shared Key (or leave the key out to sign in with Microsoft Entra ID through azure-identity's
DefaultAzureCredential, if azure-identity is installed). BATCH_POOL_ID names the pool the job is
assigned to (default ``batchjobs-quickstart``; the job only queues work, it starts no tasks).
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

from batchjobs import BatchErrorException, BatchJobsError, BatchServiceClient, SharedKeyCredentials, models


@asynccontextmanager
async def open_client() -> AsyncIterator[tuple[BatchServiceClient, str]]:
    """A client for the configured account, or for an in-process emulator when none is configured."""
    url = os.environ.get("BATCH_ACCOUNT_URL")
    if not url:
        from batchjobs.testing import emulator_client

        async with emulator_client() as client:
            yield client, "the in-process emulator"
        return
    name = os.environ.get("BATCH_ACCOUNT_NAME", "")
    key = os.environ.get("BATCH_ACCOUNT_KEY")
    credentials: object
    if key:
        credentials = SharedKeyCredentials(name, key)
    else:
        try:
            from azure.identity.aio import DefaultAzureCredential  # type: ignore[import-not-found]
        except ImportError:
            raise SystemExit(
                "set BATCH_ACCOUNT_KEY, or install azure-identity to sign in with Entra ID"
            ) from None
        credentials = DefaultAzureCredential()
    async with BatchServiceClient(credentials, url) as client:
        yield client, url


class Report:
    """Collects one row per step and prints them as a table."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str]] = []

    async def step(
        self, name: str, action: Callable[[], Awaitable[Any]], describe: Callable[[Any], str]
    ) -> Any:
        started = time.perf_counter()
        result = await action()
        elapsed = f"{(time.perf_counter() - started) * 1000:.1f} ms"
        self.rows.append((name, describe(result), elapsed))
        print(f"  {name:<28} {describe(result)}")
        return result

    def table(self) -> str:
        widths = [max(len(row[i]) for row in [*self.rows, ("step", "result", "time")]) for i in range(3)]
        line = "-+-".join("-" * w for w in widths)
        out = [line, " | ".join(h.ljust(w) for h, w in zip(("step", "result", "time"), widths, strict=True))]
        out.append(line)
        out += [" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in self.rows]
        out.append(line)
        return "\n".join(out)


async def settle(client: BatchServiceClient, job_id: str, target: str) -> str:
    """Read the job until it reaches ``target``, returning every state seen on the way."""
    seen: list[str] = []
    for _ in range(60):
        job = await client.job.get(job_id, models.JobGetOptions(select="id,state"))
        state = str(job.state)
        if not seen or seen[-1] != state:
            seen.append(state)
        if state == target:
            return " -> ".join(seen)
        await asyncio.sleep(0.5 if os.environ.get("BATCH_ACCOUNT_URL") else 0)
    raise BatchJobsError(f"job {job_id} did not reach {target!r}; states seen: {' -> '.join(seen)}")


async def run() -> Report:
    report = Report()
    async with open_client() as (client, where):
        print(f"batchjobs quickstart against {where}")
        job_id = f"quickstart-{uuid.uuid4().hex[:8]}"
        pool = models.PoolInformation(pool_id=os.environ.get("BATCH_POOL_ID", "batchjobs-quickstart"))
        job = models.JobAddParameter(
            id=job_id,
            display_name="batchjobs quickstart",
            priority=100,
            constraints=models.JobConstraints(max_wall_clock_time=timedelta(hours=1), max_task_retry_count=2),
            job_manager_task=models.JobManagerTask(
                id="manager",
                command_line="/bin/sh -c 'echo managing'",
                environment_settings=[models.EnvironmentSetting(name="STAGE", value="quickstart")],
            ),
            metadata=[models.MetadataItem(name="owner", value="quickstart")],
            pool_info=pool,
        )
        raw = await report.step("add", lambda: client.job.add(job, raw=True), lambda r: f"201, ETag {r.etag}")
        await report.step(
            "get",
            lambda: client.job.get(job_id),
            lambda j: f"state={j.state}, priority={j.priority}, created {j.creation_time:%H:%M:%S}",
        )
        await report.step(
            "list ($filter, $select)",
            lambda: _collect(
                client.job.list(models.JobListOptions(filter="state eq 'active'", select="id,state"))
            ),
            lambda jobs: f"{len(jobs)} active job(s), ours included: {job_id in {j.id for j in jobs}}",
        )
        await report.step(
            "get_task_counts",
            lambda: client.job.get_task_counts(job_id),
            lambda c: (
                f"active={c.task_counts.active} running={c.task_counts.running} "
                f"completed={c.task_counts.completed}"
            ),
        )
        await report.step(
            "patch (If-Match)",
            lambda: client.job.patch(
                job_id,
                models.JobPatchParameter(
                    priority=500, metadata=[models.MetadataItem(name="owner", value="ops")]
                ),
                models.JobPatchOptions(if_match=raw.etag),
            ),
            lambda _: "priority=500, metadata replaced",
        )
        await report.step("disable (requeue)", lambda: client.job.disable(job_id, "requeue"), lambda _: "202")
        await report.step("  states", lambda: settle(client, job_id, "disabled"), str)
        await report.step("enable", lambda: client.job.enable(job_id), lambda _: "202")
        await report.step("  states", lambda: settle(client, job_id, "active"), str)
        await report.step(
            "update (PUT)",
            lambda: client.job.update(job_id, models.JobUpdateParameter(pool_info=pool, priority=10)),
            lambda _: "priority=10, other properties reset",
        )
        await report.step(
            "terminate", lambda: client.job.terminate(job_id, "quickstart done"), lambda _: "202"
        )
        await report.step("  states", lambda: settle(client, job_id, "completed"), str)
        await report.step(
            "  execution info",
            lambda: client.job.get(job_id, models.JobGetOptions(select="id,executionInfo")),
            lambda j: f"terminateReason={j.execution_info.terminate_reason!r}",
        )
        await report.step("delete", lambda: client.job.delete(job_id), lambda _: "202")
    return report


async def _collect(listing: AsyncIterator[models.CloudJob]) -> list[models.CloudJob]:
    return [job async for job in listing]


def main() -> int:
    try:
        report = asyncio.run(run())
    except BatchErrorException as exc:
        print(f"\nquickstart failed: the service answered {exc}", file=sys.stderr)
        return 1
    except (BatchJobsError, ValueError) as exc:  # ValueError: bad settings, found before any request
        print(f"\nquickstart failed: {exc}", file=sys.stderr)
        return 1
    print()
    print(report.table())
    return 0


if __name__ == "__main__":
    sys.exit(main())
