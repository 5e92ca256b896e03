"""Logs say what happened on every attempt and never carry a secret."""

from __future__ import annotations

import contextlib
import logging

import httpx

from batchjobs import BatchJobsError, RetryPolicy, models
from tests.reliability.conftest import KEY, Script, error

JOB = {"id": "job-1", "state": "active"}


async def test_debug_logs_cover_attempts_and_retries_without_secrets(make_client, caplog, sleep):
    caplog.set_level(logging.DEBUG, logger="batchjobs")
    sent_authorizations: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent_authorizations.append(request.headers["Authorization"])
        if request.url.path.endswith("/fail"):
            return error(404, "JobNotFound")
        if request.method == "GET" and request.url.path == "/jobs":
            return httpx.Response(200, json={"value": [JOB]})
        if request.method == "GET":
            return httpx.Response(200, json=JOB, headers={"request-id": "rid-1"})
        if request.method in ("PATCH", "PUT"):
            return httpx.Response(200)
        return httpx.Response(201 if request.url.path == "/jobs" else 202)

    script = Script([error(503, "ServerBusy"), httpx.ConnectError("refused"), handler])
    pool = models.PoolInformation(pool_id="p")
    async with make_client(script, retry_policy=RetryPolicy(jitter=False, sleep=sleep)) as client:
        await client.job.get("job-1")
        await client.job.add(models.JobAddParameter(id="job-2", pool_info=pool))
        await client.job.patch("job-1", models.JobPatchParameter(priority=3))
        await client.job.update("job-1", models.JobUpdateParameter(pool_info=pool))
        await client.job.disable("job-1", "wait")
        await client.job.enable("job-1")
        await client.job.terminate("job-1", "done")
        await client.job.delete("job-1")
        _ = [j async for j in client.job.list()]
        with contextlib.suppress(BatchJobsError):
            await client.job.get("fail")

    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "GET /jobs/job-1 -> 503" in text
    assert "GET /jobs/job-1 -> ConnectError" in text
    assert "GET /jobs/job-1 -> 200" in text
    assert "request-id=rid-1" in text
    assert "attempt=3" in text
    assert "retrying GET /jobs/job-1 in 0.50s" in text
    assert sum(r.levelno == logging.INFO for r in caplog.records if r.name == "batchjobs") == 2
    secrets = [KEY, "SharedKey", *{a.split(":", 1)[1] for a in sent_authorizations}]
    for record in caplog.records:
        rendered = record.getMessage() + repr(record.args)
        for secret in secrets:
            assert secret not in rendered
