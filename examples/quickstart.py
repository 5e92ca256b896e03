"""Run a small Azure Batch pipeline and watch it: one job, a few hundred tasks in parallel, progress
while they run, their output read back and combined, one failure explained, and the job ending by
itself.

With no settings it runs against the bundled emulator, in-process, with local execution switched on:
the tasks' command lines really run on this machine (in a temporary directory, removed at the end).
It needs no Azure account:

    python examples/quickstart.py

Against a real account, set BATCH_ACCOUNT_URL and BATCH_ACCOUNT_NAME, plus BATCH_ACCOUNT_KEY for
Shared Key (or leave the key out to sign in with Microsoft Entra ID through azure-identity's
DefaultAzureCredential, if azure-identity is installed), and BATCH_POOL_ID: an existing pool of
Linux nodes (the tasks use /bin/sh and awk). The client has no pool operations; create the pool in
the portal, with the az CLI or with azure-batch.

The pipeline counts the words of a generated text, split into shards, one task per shard. Each shard
travels in its task's environment; a task counts its words with awk and prints one "count word" line
per word. One shard carries a corrupt record on purpose: its task fails (exit code 3), is retried
once, fails again, and its stderr tells why.
"""

from __future__ import annotations

import asyncio
import os
import random
import sys
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import TYPE_CHECKING, TypeVar

import anyio
import attrs

from batchjobs import BatchErrorException, BatchJobsError, BatchServiceClient, SharedKeyCredentials, models

if TYPE_CHECKING:
    from batchjobs.emulator import Emulator

SHARDS = 300
LINES_PER_SHARD = 20
WORDS_PER_LINE = 10
#: The shard whose task fails on purpose.
BAD_SHARD = 137
BAD_RECORD = "<corrupt>"
#: The awk program every task runs on its shard (from the job's common environment): count the
#: words, or stop with exit code 3 at a corrupt record, saying so on stderr.
COUNT_WORDS = (
    "{ for (i = 1; i <= NF; i++) {"
    f' if ($i == "{BAD_RECORD}") {{'
    ' print ENVIRON["AZ_BATCH_TASK_ID"] ": unreadable record at line " NR ", word " i > "/dev/stderr";'
    " exit 3 }"
    " count[$i]++ } }"
    " END { for (word in count) print count[word], word }"
)
#: No shell unless asked for: Batch runs command lines as they are, so the pipe needs /bin/sh.
COMMAND_LINE = """/bin/sh -c 'printf "%s\\n" "$SHARD" | awk "$COUNT_WORDS"'"""
#: Common English words, drawn with Zipf-like frequencies (the first the most often).
VOCABULARY = (  # noqa: SIM905 - one string reads better than 67 quoted words
    "the of and to in is that it was for on are with as his they be at one have this from "
    "or had by word but what some we can out other were all there when up use your how said an each she "
    "which do their time if will way about many then them write would like so these her long make thing see him"
).split()

T = TypeVar("T")


class SettingsError(Exception):
    """The environment asks for a real account but leaves out something it needs."""


@attrs.frozen
class Target:
    """Where the pipeline runs."""

    client: BatchServiceClient
    description: str
    pool_id: str
    poll_interval: float  # the shortest wait between polls, in seconds
    emulator: Emulator | None = None  # the in-process emulator, if that is where


@asynccontextmanager
async def open_target() -> AsyncIterator[Target]:
    """The configured account, or an in-process emulator that runs the tasks on this machine."""
    url = os.environ.get("BATCH_ACCOUNT_URL")
    if not url:
        from batchjobs.emulator import Emulator
        from batchjobs.testing import emulator_client

        slots = 2 * (os.cpu_count() or 1)
        # Running command lines is never the default: ask for it. Leaving the with-block stops every
        # task process and removes the task directories.
        with Emulator(executor="subprocess", slots=slots) as emulator:
            async with emulator_client(emulator) as client:
                where = f"the in-process emulator (tasks run on this machine, {slots} at a time)"
                yield Target(client, where, "local", 0.1, emulator)
        return
    name = os.environ.get("BATCH_ACCOUNT_NAME", "")
    key = os.environ.get("BATCH_ACCOUNT_KEY")
    credentials: object
    if key:
        credentials = SharedKeyCredentials(name, key)
    else:
        try:
            from azure.identity.aio import DefaultAzureCredential  # type: ignore[import-not-found,import-untyped,unused-ignore]
        except ImportError:
            raise SettingsError(
                "set BATCH_ACCOUNT_KEY, or install azure-identity to sign in with Entra ID"
            ) from None
        credentials = DefaultAzureCredential()
    pool_id = os.environ.get("BATCH_POOL_ID")
    if not pool_id:
        raise SettingsError("set BATCH_POOL_ID to the id of an existing pool of Linux nodes")
    async with BatchServiceClient(credentials, url) as client:
        yield Target(client, url, pool_id, 2.0)


def make_shards(seed: int = 17) -> list[str]:
    """The text to count, in shards of a few lines: words drawn with Zipf-like frequencies."""
    rng = random.Random(seed)
    weights = [1 / rank for rank in range(1, len(VOCABULARY) + 1)]
    shards = []
    for number in range(SHARDS):
        words = rng.choices(VOCABULARY, weights, k=LINES_PER_SHARD * WORDS_PER_LINE)
        lines = [" ".join(words[i : i + WORDS_PER_LINE]) for i in range(0, len(words), WORDS_PER_LINE)]
        if number == BAD_SHARD:
            lines.insert(LINES_PER_SHARD // 2, f"{lines.pop(LINES_PER_SHARD // 2)} {BAD_RECORD}")
        shards.append("\n".join(lines))
    return shards


def task_id(number: int) -> str:
    return f"shard-{number:03d}"


class Report:
    """One row per step, printed as a table at the end."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str]] = []

    async def step(self, name: str, action: Callable[[], Awaitable[T]], describe: Callable[[T], str]) -> T:
        started = time.perf_counter()
        result = await action()
        self.rows.append((name, describe(result), f"{time.perf_counter() - started:.2f} s"))
        return result

    def table(self) -> str:
        header = ("step", "result", "time")
        widths = [max(len(row[i]) for row in [*self.rows, header]) for i in range(3)]
        line = "-+-".join("-" * width for width in widths)
        body = [
            " | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            for row in self.rows
        ]
        return "\n".join(
            [line, " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)), line, *body, line]
        )


async def read_text(client: BatchServiceClient, job_id: str, task: str, file_path: str) -> str:
    """A task's file, streamed in chunks and decoded."""
    chunks = [chunk async for chunk in client.file.get_from_task(job_id, task, file_path)]
    return b"".join(chunks).decode()


async def combine_outputs(client: BatchServiceClient, job_id: str, tasks: list[str]) -> Counter[str]:
    """Read every task's stdout.txt (at most 16 at a time) and add up the word counts they print."""
    totals: Counter[str] = Counter()
    limiter = anyio.CapacityLimiter(16)

    async def read(task: str) -> None:
        async with limiter:
            text = await read_text(client, job_id, task, "stdout.txt")
        for line in text.splitlines():
            count, word = line.split()
            totals[word] += int(count)

    async with anyio.create_task_group() as group:
        for task in tasks:
            group.start_soon(read, task)
    return totals


async def run() -> Report:
    report = Report()
    shards = make_shards()
    async with open_target() as target:
        client = target.client
        print(f"batchjobs quickstart against {target.description}")
        job_id = f"quickstart-{uuid.uuid4().hex[:8]}"
        job = models.JobAddParameter(
            id=job_id,
            display_name="batchjobs quickstart: count the words of a sharded text",
            pool_info=models.PoolInformation(pool_id=target.pool_id),
            constraints=models.JobConstraints(
                max_wall_clock_time=timedelta(minutes=30), max_task_retry_count=1
            ),
            # Runs on a node before the job's first task there. Nothing depends on it here.
            job_preparation_task=models.JobPreparationTask(
                command_line="/bin/sh -c 'echo preparing node $AZ_BATCH_NODE_ID for job $AZ_BATCH_JOB_ID'"
            ),
            common_environment_settings=[models.EnvironmentSetting(name="COUNT_WORDS", value=COUNT_WORDS)],
            # No onAllTasksComplete yet: a job created with terminatejob could end between two of the
            # requests that add its tasks, and refuse the rest. It is sealed after the last add.
        )
        await report.step("add the job", lambda: client.job.add(job), lambda _: "with a job preparation task")
        try:
            await pipeline(target, job_id, shards, report)
        finally:
            with anyio.CancelScope(shield=True):  # clean up after an error or Ctrl-C too
                await report.step("delete the job", lambda: client.job.delete(job_id), lambda _: "deleted")
    return report


async def pipeline(target: Target, job_id: str, shards: list[str], report: Report) -> None:
    client, interval = target.client, target.poll_interval
    tasks = [
        models.TaskAddParameter(
            id=task_id(number),
            command_line=COMMAND_LINE,
            environment_settings=[models.EnvironmentSetting(name="SHARD", value=text)],
        )
        for number, text in enumerate(shards)
    ]

    def added(result: models.TaskAddCollectionResult) -> str:
        text = f"{sum(r.status == models.TaskAddStatus.success for r in result.value or [])} added"
        if target.emulator is not None:
            requests = [r for r in target.emulator.requests() if r["operation"] == "task.add_collection"]
            text += f" in {len(requests)} requests"
        return text

    # One call, whatever the number of tasks: the client splits them into requests the service takes
    # (at most 100 tasks and under 1 MB each), several in flight at once.
    result = await report.step(
        f"add {len(tasks)} tasks", lambda: client.task.add_collection(job_id, tasks, threads=4), added
    )
    refused = [r for r in result.value or [] if r.status != models.TaskAddStatus.success]
    if refused:
        raise BatchJobsError(
            f"{len(refused)} tasks were refused, e.g. {refused[0].task_id}: {refused[0].error}"
        )
    await report.step(
        "seal the job",
        lambda: client.job.patch(
            job_id, models.JobPatchParameter(on_all_tasks_complete=models.OnAllTasksComplete.terminate_job)
        ),
        lambda _: "onAllTasksComplete=terminatejob",
    )

    print(f"\nwaiting for the {len(tasks)} tasks of {job_id}:")
    counts = await report.step(
        "wait for the tasks",
        lambda: client.job.wait_for_tasks_complete(
            job_id, progress=True, min_interval=interval, max_interval=interval * 5
        ),
        lambda c: f"{c.task_counts.succeeded} succeeded, {c.task_counts.failed} failed",
    )

    await report.step(
        "job preparation",
        lambda: collect(client.job.list_preparation_and_release_task_status(job_id)),
        describe_preparation,
    )
    failed = await report.step(
        "list the failed tasks",
        lambda: collect(client.task.list_failed(job_id)),
        lambda tasks: (
            ", ".join(f"{t.id} (exit code {t.execution_info.exit_code})" for t in tasks if t.execution_info)
            or "none"
        ),
    )
    for task in failed:
        assert task.id is not None
        assert task.execution_info is not None
        info = task.execution_info
        retries = f"{info.retry_count} {'retry' if info.retry_count == 1 else 'retries'}"
        print(f"\n{task.id} failed with exit code {info.exit_code} after {retries}")
        if info.failure_info is not None:
            print(f"  failureInfo: {info.failure_info.code}: {info.failure_info.message}")
        stderr = await read_text(client, job_id, task.id, "stderr.txt")
        print("  its stderr.txt:")
        print("".join(f"    {line}\n" for line in stderr.splitlines()), end="")

    failed_ids = {task.id for task in failed}
    succeeded = [task_id(n) for n in range(len(shards)) if task_id(n) not in failed_ids]
    sample = await read_text(client, job_id, succeeded[0], "stdout.txt")
    print(
        f"\n{succeeded[0]}'s stdout.txt starts with: "
        + ", ".join(repr(line) for line in sample.splitlines()[:3])
    )
    totals = await report.step(
        "read and combine outputs",
        lambda: combine_outputs(client, job_id, succeeded),
        lambda t: f"{len(succeeded)} stdout.txt files, {t.total():,} words",
    )
    # The same count, done here: the tasks really did the work.
    expected = Counter(
        word for n, text in enumerate(shards) if task_id(n) not in failed_ids for word in text.split()
    )
    same = "the same" if totals == expected else "DIFFERENT"
    print(f"words counted by the tasks: {totals.total():,}; counted here: {expected.total():,}: {same}")
    print("most frequent: " + ", ".join(f"{word} {count:,}" for word, count in totals.most_common(6)))
    if totals != expected:
        raise BatchJobsError("the tasks' word counts differ from the local count")

    # Sealed, the job ends by itself once its last task completes.
    ended = await report.step(
        "the job ends by itself",
        lambda: wait_for_end(client, job_id, interval),
        lambda job: (
            f"{job.state}, terminateReason={job.execution_info.terminate_reason if job.execution_info else None}"
        ),
    )
    print(f"\n{job_id} is {ended.state}: {counts.task_counts.completed} tasks completed")


def describe_preparation(nodes: list[models.JobPreparationAndReleaseTaskExecutionInformation]) -> str:
    """How the job preparation task went, node by node."""
    runs = [node.job_preparation_task_execution_info for node in nodes]
    states = Counter(f"{run.state} (exit code {run.exit_code})" for run in runs if run is not None)
    if not states:
        return "not reported"
    return ", ".join(f"{state} on {count} node{'s' if count > 1 else ''}" for state, count in states.items())


async def wait_for_end(client: BatchServiceClient, job_id: str, interval: float) -> models.CloudJob:
    await client.job.wait_for_state(job_id, "completed", min_interval=interval, max_interval=interval * 5)
    return await client.job.get(job_id, models.JobGetOptions(select="id,state,executionInfo"))


async def collect(listing: AsyncIterator[T]) -> list[T]:
    return [item async for item in listing]


def main() -> int:
    started = time.perf_counter()
    try:
        report = asyncio.run(run())
    except BatchErrorException as exc:
        print(f"\nquickstart failed: the service answered {exc}", file=sys.stderr)
        return 1
    except (
        BatchJobsError,
        SettingsError,
        ValueError,
    ) as exc:  # ValueError: bad settings, found before any request
        print(f"\nquickstart failed: {exc}", file=sys.stderr)
        return 1
    print()
    print(report.table())
    print(f"done in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
