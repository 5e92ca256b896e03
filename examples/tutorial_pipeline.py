"""A Batch pipeline laid out the way Microsoft's Python tutorial client lays it out: input files,
the pool, a job, one task per input file (given to it as a resource file), waiting, reading the
tasks' output, cleaning up. Written with ``batchjobs.sync``, the blocking client, as the tutorial is.

The tutorial uploads its inputs to Azure Storage and creates a pool. Here:

- the inputs are text files written by ``create_input_files``; against the bundled emulator (the
  default) tasks get them through ``file://`` URLs, which the emulator fetches into each task's
  working directory as the service fetches an ``httpUrl``;
- against a real account (BATCH_ACCOUNT_URL, BATCH_ACCOUNT_NAME, BATCH_ACCOUNT_KEY and BATCH_POOL_ID
  set), upload the files the script writes to ``--inputs`` to a blob container and set
  BATCH_INPUT_URL to the container's URL (and BATCH_INPUT_SAS to a read SAS token unless the
  container is public): the tasks download them from there;
- batchjobs has no pool operations, so the pool is not created: against a real account it must
  exist (a pool of Linux nodes: the tasks use /bin/sh and wc); the emulator takes any pool id.

    python examples/tutorial_pipeline.py
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import sys
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from batchjobs import models
from batchjobs.sync import BatchErrorException, BatchServiceClient, SharedKeyCredentials

STANDARD_OUT_FILE_NAME = "stdout.txt"
INPUT_FILE_COUNT = 5
LINES = (
    "lorem ipsum dolor sit amet",
    "consectetur adipiscing elit",
    "sed do eiusmod tempor",
    "ut labore et dolore",
)


def print_batch_exception(batch_exception: BatchErrorException) -> None:
    """Print what the service said: the code, the message and the details."""
    print("-------------------------------------------")
    print(f"Exception encountered: {batch_exception.code}")
    error = batch_exception.error
    if error is not None and error.message is not None:
        print(error.message.value)
        for detail in error.values or []:
            print(f"{detail.key}:\t{detail.value}")
    print("-------------------------------------------")


def create_input_files(directory: Path, count: int = INPUT_FILE_COUNT) -> list[Path]:
    """Write ``count`` text files of different lengths to process, and return their paths."""
    rng = random.Random(2024)
    paths = []
    for number in range(count):
        path = directory / f"taskdata{number}.txt"
        path.write_text("".join(f"{rng.choice(LINES)}\n" for _ in range(10 * (number + 1))))
        paths.append(path)
    return paths


def input_resource_files(paths: list[Path], emulated: bool) -> list[models.ResourceFile]:
    """One resource file per input: where the task downloads it from, and its name in the task's
    working directory (the tutorial's ``upload_file_to_container`` returns the same thing)."""
    resource_files = []
    for path in paths:
        if emulated:
            url = path.resolve().as_uri()
        else:
            sas = os.environ.get("BATCH_INPUT_SAS", "").lstrip("?")
            url = f"{os.environ['BATCH_INPUT_URL'].rstrip('/')}/{path.name}" + (f"?{sas}" if sas else "")
        resource_files.append(models.ResourceFile(http_url=url, file_path=path.name))
    return resource_files


def check_pool(pool_id: str, emulated: bool) -> None:
    """The tutorial creates its pool here; batchjobs has jobs, tasks and files only."""
    if emulated:
        print(f"Using pool [{pool_id}] (the emulator runs its tasks on this machine)")
    else:
        print(f"Using pool [{pool_id}]: it must exist, with Linux nodes")


def create_job(batch_service_client: BatchServiceClient, job_id: str, pool_id: str) -> None:
    """Create a job on the pool."""
    print(f"Creating job [{job_id}]...")
    job = models.JobAddParameter(id=job_id, pool_info=models.PoolInformation(pool_id=pool_id))
    batch_service_client.job.add(job)


def add_tasks(
    batch_service_client: BatchServiceClient, job_id: str, input_files: list[models.ResourceFile]
) -> None:
    """Add one task per input file; each one counts the lines, words and characters of its file."""
    print(f"Adding {len(input_files)} tasks to job [{job_id}]...")
    tasks = [
        models.TaskAddParameter(
            id=f"Task{index}",
            command_line=f"/bin/sh -c 'wc {input_file.file_path}'",
            resource_files=[input_file],
        )
        for index, input_file in enumerate(input_files)
    ]
    batch_service_client.task.add_collection(job_id, tasks)


def wait_for_tasks_to_complete(
    batch_service_client: BatchServiceClient, job_id: str, timeout: datetime.timedelta, poll: float
) -> None:
    """Return when every task of the job has completed; raise ``WaitTimeoutError`` after ``timeout``.

    One task-counts request per poll, however many tasks (the tutorial lists every task each time),
    with a progress display on a terminal or in Jupyter.
    """
    print(f"Monitoring all tasks for 'Completed' state, timeout in {timeout}...")
    batch_service_client.job.wait_for_tasks_complete(
        job_id, timeout=timeout.total_seconds(), min_interval=poll, max_interval=10 * poll
    )


def print_task_output(batch_service_client: BatchServiceClient, job_id: str, encoding: str = "utf-8") -> None:
    """Print each task's stdout.txt, and the stderr of the tasks that failed."""
    print("Printing task output...")
    options = models.TaskListOptions(select="id,executionInfo")
    for task in batch_service_client.task.list(job_id, options):
        assert task.id is not None
        info = task.execution_info
        print(f"Task: {task.id} (exit code {info.exit_code if info else None})")
        stream = batch_service_client.file.get_from_task(job_id, task.id, STANDARD_OUT_FILE_NAME)
        print("Standard output:")
        print(b"".join(stream).decode(encoding), end="")
        if info is not None and info.result == models.TaskExecutionResult.failure:
            failure = info.failure_info
            print(f"Failed: {failure.code}: {failure.message}" if failure else "Failed")
            print(b"".join(batch_service_client.file.get_from_task(job_id, task.id, "stderr.txt")).decode())


@contextmanager
def open_client() -> Iterator[tuple[BatchServiceClient, str, bool]]:
    """A client, the pool id, and whether it is the emulator (then the tasks run on this machine)."""
    url = os.environ.get("BATCH_ACCOUNT_URL")
    if not url:
        from batchjobs.emulator import Emulator
        from batchjobs.testing import sync_emulator_client

        with Emulator(executor="subprocess", slots=2) as emulator, sync_emulator_client(emulator) as client:
            yield client, "tutorial-pool", True
        return
    for name in ("BATCH_ACCOUNT_NAME", "BATCH_ACCOUNT_KEY", "BATCH_POOL_ID", "BATCH_INPUT_URL"):
        if not os.environ.get(name):
            raise SystemExit(f"set {name} (see the docstring of {Path(__file__).name})")
    credentials = SharedKeyCredentials(os.environ["BATCH_ACCOUNT_NAME"], os.environ["BATCH_ACCOUNT_KEY"])
    with BatchServiceClient(credentials, url) as client:
        yield client, os.environ["BATCH_POOL_ID"], False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--inputs", type=Path, help="where to write the input files (default: a temporary directory)"
    )
    args = parser.parse_args(argv)

    start_time = datetime.datetime.now().replace(microsecond=0)
    print(f"Sample start: {start_time}\n")
    with tempfile.TemporaryDirectory() as scratch:
        directory = args.inputs or Path(scratch)
        directory.mkdir(parents=True, exist_ok=True)
        input_file_paths = create_input_files(directory)
        job_id = f"PythonTutorialJob-{uuid.uuid4().hex[:6]}"
        with open_client() as (batch_client, pool_id, emulated):
            input_files = input_resource_files(input_file_paths, emulated)
            check_pool(pool_id, emulated)
            try:
                create_job(batch_client, job_id, pool_id)
            except BatchErrorException as err:
                print_batch_exception(err)
                return 1
            try:
                add_tasks(batch_client, job_id, input_files)
                wait_for_tasks_to_complete(
                    batch_client, job_id, datetime.timedelta(minutes=30), poll=0.1 if emulated else 2.0
                )
                print(
                    "  Success! All tasks reached the 'Completed' state within the specified timeout period."
                )
                print_task_output(batch_client, job_id)
            except BatchErrorException as err:
                print_batch_exception(err)
                return 1
            finally:
                print(f"Deleting job [{job_id}]...")
                batch_client.job.delete(job_id)

    end_time = datetime.datetime.now().replace(microsecond=0)
    print(f"\nSample end: {end_time}")
    print(f"Elapsed time: {end_time - start_time}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
