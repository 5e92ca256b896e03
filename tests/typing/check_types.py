"""Type-only checks of the public API: run by mypy in CI, never executed."""

from __future__ import annotations

from typing import assert_type

import batchjobs
import batchjobs.sync
from batchjobs import BulkResult, FileHeaders, Page, RawResponse, models


async def async_api(client: batchjobs.BatchServiceClient, flag: bool) -> None:
    assert_type(await client.job.get("j"), models.CloudJob)
    assert_type(await client.job.get("j", raw=flag), RawResponse[models.CloudJob] | models.CloudJob)
    assert_type(await client.job.terminate("j", None, None, None, flag), RawResponse[None] | None)
    async for entry in client.job.list(None, None, flag):
        assert_type(entry, models.CloudJob | Page[models.CloudJob])
    assert_type(await client.job.get("j", raw=True), RawResponse[models.CloudJob])
    assert_type(await client.job.get_task_counts("j"), models.TaskCountsResult)
    new_job = models.JobAddParameter(id="j", pool_info=models.PoolInformation())
    assert_type(await client.job.add(new_job), None)
    assert_type(await client.job.delete("j", raw=True), RawResponse[None])
    async for job in client.job.list():
        assert_type(job, models.CloudJob)
    async for page in client.job.list(raw=True):
        assert_type(page, Page[models.CloudJob])
        assert_type(page.continuation_token, str | None)
    async for status in client.job.list_preparation_and_release_task_status("j"):
        assert_type(status, models.JobPreparationAndReleaseTaskExecutionInformation)
    assert_type(await client.job.wait_for_state("j", "disabled"), models.JobState | str)
    assert_type(await client.job.wait_for_state("j", "completed", gone=True), models.JobState | str | None)
    assert_type(await client.job.wait_for_tasks_complete("j"), models.TaskCountsResult)
    assert_type(await client.job.delete_many(["a", "b"]), list[BulkResult[str]])
    assert_type(await client.job.add_many([new_job]), list[BulkResult[models.JobAddParameter]])


def sync_api(client: batchjobs.sync.BatchServiceClient, flag: bool) -> None:
    assert_type(client.job.get("j"), models.CloudJob)
    assert_type(client.job.get("j", raw=flag), RawResponse[models.CloudJob] | models.CloudJob)
    for entry in client.job.list_from_job_schedule("s", raw=flag):
        assert_type(entry, models.CloudJob | Page[models.CloudJob])
    assert_type(client.job.get("j", raw=True), RawResponse[models.CloudJob])
    assert_type(client.job.get_task_counts("j"), models.TaskCountsResult)
    assert_type(client.job.terminate("j"), None)
    for job in client.job.list_from_job_schedule("s"):
        assert_type(job, models.CloudJob)
    for page in client.job.list(raw=True):
        assert_type(page, Page[models.CloudJob])
    assert_type(client.job.wait_for_state("j", models.JobState.disabled), models.JobState | str)
    assert_type(client.job.terminate_many(["a"], "done"), list[BulkResult[str]])


async def task_and_file_api(client: batchjobs.BatchServiceClient, flag: bool) -> None:
    task = models.TaskAddParameter(id="t", command_line="x")
    assert_type(await client.task.add("j", task), None)
    assert_type(await client.task.add("j", task, raw=True), RawResponse[None])
    assert_type(await client.task.get("j", "t"), models.CloudTask)
    assert_type(await client.task.get("j", "t", raw=flag), RawResponse[models.CloudTask] | models.CloudTask)
    assert_type(await client.task.add_collection("j", [task], threads=4), models.TaskAddCollectionResult)
    assert_type(await client.task.list_subtasks("j", "t"), models.CloudTaskListSubtasksResult)
    assert_type(await client.task.terminate("j", "t"), None)
    assert_type(await client.task.wait_for_state("j", "t", "completed"), models.TaskState | str)
    async for listed in client.task.list("j"):
        assert_type(listed, models.CloudTask)
    async for failed in client.task.list_failed("j"):
        assert_type(failed, models.CloudTask)
    async for chunk in client.file.get_from_task("j", "t", "stdout.txt"):
        assert_type(chunk, bytes)
    async for piece in client.file.get_from_task("j", "t", "stdout.txt", raw=True):
        assert_type(piece, RawResponse[bytes])
    assert_type(await client.file.get_properties_from_task("j", "t", "stdout.txt"), FileHeaders)
    async for node_file in client.file.list_from_task("j", "t", recursive=True):
        assert_type(node_file, models.NodeFile)
    async for new_bytes in client.file.follow("j", "t"):
        assert_type(new_bytes, bytes)
    assert_type(await client.file.download_to_path("j", "t", "stdout.txt", "/tmp/out"), int)


def sync_task_and_file_api(client: batchjobs.sync.BatchServiceClient) -> None:
    assert_type(client.task.get("j", "t"), models.CloudTask)
    for chunk in client.file.get_from_task("j", "t", "stdout.txt"):
        assert_type(chunk, bytes)
    for node_file in client.file.list_from_task("j", "t"):
        assert_type(node_file, models.NodeFile)
    task = models.TaskAddParameter(id="t", command_line="x")
    assert_type(client.task.add_collection("j", [task]), models.TaskAddCollectionResult)
