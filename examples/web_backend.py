"""An async web backend (Starlette) that holds one BatchServiceClient for the app's whole life.

Endpoints:
    POST   /jobs               {"id": ..., "pool_id": ..., "priority": 0}  -> 201 the created job
    GET    /jobs?state=active  -> the jobs (id, state, priority), paged through for you
    GET    /jobs/{id}          -> one job, 404 if unknown
    POST   /jobs/{id}/cancel   -> 202, terminates the job

Run it (against the bundled emulator unless BATCH_ACCOUNT_URL etc. are set):

    pip install uvicorn && uvicorn examples.web_backend:app --port 8000
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from batchjobs import (
    BadRequestError,
    BatchServiceClient,
    ConflictError,
    NotFoundError,
    SharedKeyCredentials,
    models,
)

ClientFactory = Callable[[], AbstractAsyncContextManager[BatchServiceClient]]


@asynccontextmanager
async def default_client() -> AsyncIterator[BatchServiceClient]:
    url = os.environ.get("BATCH_ACCOUNT_URL")
    if not url:
        from batchjobs.testing import emulator_client

        async with emulator_client() as client:
            yield client
        return
    credentials = SharedKeyCredentials(os.environ["BATCH_ACCOUNT_NAME"], os.environ["BATCH_ACCOUNT_KEY"])
    async with BatchServiceClient(credentials, url, request_timeout=30) as client:
        yield client


def _summary(job: models.CloudJob) -> dict[str, Any]:
    return {"id": job.id, "state": str(job.state) if job.state else None, "priority": job.priority}


def _client(request: Request) -> BatchServiceClient:
    client: BatchServiceClient = request.app.state.batch
    return client


async def submit(request: Request) -> JSONResponse:
    body = await request.json()
    job = models.JobAddParameter(
        id=str(body.get("id", "")),
        priority=int(body.get("priority", 0)),
        pool_info=models.PoolInformation(pool_id=str(body.get("pool_id", "default-pool"))),
    )
    try:
        await _client(request).job.add(job)
    except ValueError as exc:  # caught before any request was sent, e.g. an invalid id
        return JSONResponse({"error": str(exc)}, status_code=400)
    except (BadRequestError, ConflictError) as exc:
        return JSONResponse({"error": exc.code, "message": exc.message}, status_code=exc.status_code)
    created = await _client(request).job.get(job.id, models.JobGetOptions(select="id,state,priority"))
    return JSONResponse(_summary(created), status_code=201)


async def list_jobs(request: Request) -> JSONResponse:
    state = request.query_params.get("state")
    options = models.JobListOptions(
        select="id,state,priority", filter=f"state eq '{state}'" if state else None
    )
    jobs = [_summary(job) async for job in _client(request).job.list(options)]
    return JSONResponse({"jobs": jobs})


async def get_job(request: Request) -> JSONResponse:
    try:
        job = await _client(request).job.get(request.path_params["job_id"])
    except NotFoundError:
        return JSONResponse({"error": "JobNotFound"}, status_code=404)
    return JSONResponse(_summary(job))


async def cancel(request: Request) -> JSONResponse:
    try:
        await _client(request).job.terminate(
            request.path_params["job_id"], "cancelled through the web backend"
        )
    except NotFoundError:
        return JSONResponse({"error": "JobNotFound"}, status_code=404)
    except ConflictError as exc:
        return JSONResponse({"error": exc.code}, status_code=409)
    return JSONResponse({"status": "terminating"}, status_code=202)


def create_app(client_factory: ClientFactory = default_client) -> Starlette:
    """The web app; ``client_factory`` opens the one client the app uses (tests pass their own)."""

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with client_factory() as client:
            app.state.batch = client
            yield

    routes = [
        Route("/jobs", submit, methods=["POST"]),
        Route("/jobs", list_jobs, methods=["GET"]),
        Route("/jobs/{job_id}", get_job, methods=["GET"]),
        Route("/jobs/{job_id}/cancel", cancel, methods=["POST"]),
    ]
    return Starlette(routes=routes, lifespan=lifespan)


app = create_app()
