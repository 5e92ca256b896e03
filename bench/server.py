"""A canned-response Batch server on loopback, for benchmarks: as cheap as a server can be.

It answers ``GET /jobs/{id}`` with a rich CloudJob, ``GET /jobs`` and ``GET /jobs/{id}/tasks`` with
pages of rich jobs or tasks and an ``odata.nextLink`` (``total`` and ``maxresults`` from the
query), ``POST /jobs`` with 201, ``POST /jobs/{id}/addtaskcollection`` with a success per task,
``GET /jobs/{id}/tasks/{id}/files/{path}`` with ``x-bench-bytes`` bytes of file, and anything else
with 202. It runs in its own process so that its CPU time is not counted.

Run: ``python bench/server.py [--port 0]``; prints ``http://127.0.0.1:PORT`` once listening.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import sys
from functools import cache
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.rich_job import rich_job

BASE = "https://account.region.batch.azure.com"


@cache
def _job_body() -> bytes:
    return json.dumps(rich_job("job-0001", BASE)).encode()


@cache
def _page(start: int, size: int, total: int, host: str) -> bytes:
    jobs = []
    for i in range(start, min(start + size, total)):
        job = rich_job(f"job-{i:06d}", BASE)
        del job["odata.metadata"]
        jobs.append(job)
    body: dict[str, object] = {"odata.metadata": f"{BASE}/$metadata#jobs", "value": jobs}
    if start + size < total:
        body["odata.nextLink"] = (
            f"http://{host}/jobs?api-version=2023-05-01.17.0&maxresults={size}&$skiptoken={start + size}"
        )
    return json.dumps(body).encode()


_TASK = json.loads(
    (
        Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "task_examples" / "TaskGet.json"
    ).read_text()
)["responses"]["200"]["body"]
_BLOCK = bytes(range(256)) * 4096  # 1 MiB of file


@cache
def _task_page(start: int, size: int, total: int, host: str) -> bytes:
    tasks = [{**_TASK, "id": f"task-{i:06d}"} for i in range(start, min(start + size, total))]
    body: dict[str, object] = {"odata.metadata": f"{BASE}/$metadata#tasks", "value": tasks}
    if start + size < total:
        body["odata.nextLink"] = (
            f"http://{host}/jobs/job-1/tasks?api-version=2023-05-01.17.0&maxresults={size}&$skiptoken={start + size}"
        )
    return json.dumps(body).encode()


def _add_results(body: bytes) -> bytes:
    ids = [task["id"] for task in json.loads(body)["value"]]
    return json.dumps({"value": [{"status": "Success", "taskId": i, "eTag": "0x1"} for i in ids]}).encode()


def _response(status: int, reason: str, body: bytes = b"") -> bytes:
    return _head(status, reason, len(body)) + body


def _head(status: int, reason: str, length: int) -> bytes:
    head = (
        f"HTTP/1.1 {status} {reason}\r\n"
        f"Content-Type: application/json;odata=minimalmetadata\r\n"
        f"Content-Length: {length}\r\n"
        "request-id: 11111111-2222-3333-4444-555555555555\r\n"
        "ETag: 0x8DB62A1B2C3D4E5\r\n"
        "Last-Modified: Thu, 01 Jun 2023 12:30:45 GMT\r\n"
        "DataServiceVersion: 3.0\r\n\r\n"
    )
    return head.encode()


async def _serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, target, _ = lines[0].split(" ", 2)
            headers = {
                k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)
            }
            length = int(headers.get("content-length", "0"))
            content = await reader.readexactly(length) if length else b""
            path = urlsplit(target)
            if method == "GET" and "/files/" in path.path:
                size = int(headers.get("x-bench-bytes", str(len(_BLOCK))))
                writer.write(_head(200, "OK", size))
                while size > 0:
                    writer.write(_BLOCK[: min(size, len(_BLOCK))])
                    size -= len(_BLOCK)
                    await writer.drain()
            elif method == "GET" and path.path.endswith("/tasks"):
                query = dict(parse_qsl(path.query))
                size = int(query.get("maxresults", "1000"))
                start = int(query.get("$skiptoken", "0"))
                total = int(headers.get("x-bench-total", "20000"))
                writer.write(_response(200, "OK", _task_page(start, size, total, headers.get("host", ""))))
            elif method == "POST" and path.path.endswith("/addtaskcollection"):
                writer.write(_response(200, "OK", _add_results(content)))
            elif method == "GET" and path.path == "/jobs":
                query = dict(parse_qsl(path.query))
                size = int(query.get("maxresults", "1000"))
                start = int(query.get("$skiptoken", "0"))
                total = int(headers.get("x-bench-total", "20000"))
                writer.write(_response(200, "OK", _page(start, size, total, headers.get("host", ""))))
            elif method == "GET":
                writer.write(_response(200, "OK", _job_body()))
            elif method == "POST" and path.path == "/jobs":
                writer.write(_response(201, "Created"))
            else:
                writer.write(_response(202, "Accepted"))
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


async def main(port: int) -> None:
    server = await asyncio.start_server(_serve, "127.0.0.1", port, backlog=1024)
    bound = server.sockets[0].getsockname()[1]
    print(f"http://127.0.0.1:{bound}", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="canned-response Batch job server")
    parser.add_argument("--port", type=int, default=0)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(main(parser.parse_args().port))
