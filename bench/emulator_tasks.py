"""Emulator task benchmarks: tasks that really run, and simulated tasks.

- ``subprocess``: 1,000 trivial tasks (``/bin/true``) on the subprocess executor with 8 slots, from
  add to completed; reported as tasks/s and as a ratio to a bare loop of ``anyio.run_process``
  running the same 1,000 commands with the same concurrency.
- ``simulate``: 10,000 tasks added (``add_collection``), run and completed under the ``instant``
  policy; reported as CPU time per task (the client's and the emulator's, one process).

Run: ``python bench/emulator_tasks.py [--tasks 1000] [--simulated 10000] [--slots 8] [--task-root DIR]``.
Prints the numbers; asserts nothing (speed is measured here, not in tests). Each task gets a
directory with ``wd``, ``stdout.txt`` and ``stderr.txt``, as on a node; on a slow disk making them
costs more than starting the process, so ``--task-root /dev/shm`` (tmpfs) shows the executor alone.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time

import anyio

from batchjobs import models
from batchjobs.emulator import Emulator
from batchjobs.testing import emulator_client

POOL = models.PoolInformation(pool_id="local")


async def bare_loop(count: int, slots: int) -> float:
    """Seconds to run ``/bin/true`` ``count`` times, ``slots`` at a time, with nothing around it."""
    limiter = anyio.CapacityLimiter(slots)

    async def one() -> None:
        async with limiter:
            await anyio.run_process(["/bin/true"])

    started = time.perf_counter()
    async with anyio.create_task_group() as group:
        for _ in range(count):
            group.start_soon(one)
    return time.perf_counter() - started


async def emulated(count: int, slots: int, root: str | None = None) -> float:
    """Seconds from adding ``count`` ``/bin/true`` tasks to seeing them all completed."""
    with (
        tempfile.TemporaryDirectory(dir=root) as task_root,
        Emulator(executor="subprocess", slots=slots, task_root=task_root) as emulator,
    ):
        async with emulator_client(emulator) as client:
            await client.job.add(models.JobAddParameter(id="bench", pool_info=POOL))
            tasks = [models.TaskAddParameter(id=f"t{n}", command_line="/bin/true") for n in range(count)]
            started = time.perf_counter()
            await client.task.add_collection("bench", tasks, threads=4)
            counts = await client.job.wait_for_tasks_complete("bench", min_interval=0.01, max_interval=0.05)
            elapsed = time.perf_counter() - started
            assert counts.task_counts.succeeded == count, counts
    return elapsed


async def simulated(count: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds) to add ``count`` simulated tasks and see them completed."""
    async with emulator_client(Emulator(policy="instant")) as client:
        await client.job.add(models.JobAddParameter(id="bench", pool_info=POOL))
        tasks = [models.TaskAddParameter(id=f"t{n}", command_line="/bin/true") for n in range(count)]
        wall, cpu = time.perf_counter(), time.process_time()
        await client.task.add_collection("bench", tasks, threads=4)
        counts = await client.job.wait_for_tasks_complete("bench", min_interval=0.01)
        assert counts.task_counts.succeeded == count, counts
        return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--simulated", type=int, default=10_000)
    parser.add_argument("--slots", type=int, default=8)
    parser.add_argument("--task-root", help="where task directories go (default: the temporary directory)")
    args = parser.parse_args()
    floor = asyncio.run(bare_loop(args.tasks, args.slots))
    ours = asyncio.run(emulated(args.tasks, args.slots, args.task_root))
    print(
        f"subprocess executor: {args.tasks} tasks of /bin/true on {args.slots} slots in {ours:.2f} s "
        f"(task directories in {args.task_root or tempfile.gettempdir()}) "
        f"({args.tasks / ours:.0f} tasks/s); bare anyio.run_process loop {floor:.2f} s "
        f"({args.tasks / floor:.0f}/s); ratio {ours / floor:.2f}x"
    )
    wall, cpu = asyncio.run(simulated(args.simulated))
    print(
        f"simulate executor: {args.simulated} tasks added, run and completed in {wall:.2f} s; "
        f"CPU {cpu * 1e6 / args.simulated:.0f} us per task (client and emulator together)"
    )


if __name__ == "__main__":
    main()
