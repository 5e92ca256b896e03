"""Replay what azure-batch 14.x put on the wire (tests/fixtures/sdk-wire-captures.json): the
emulator must accept the legacy SDK's bodies, queries and headers (auth off: the captured
signatures were made with placeholders)."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from batchjobs.emulator import Emulator, create_app

CAPTURES = json.loads((Path(__file__).parents[1] / "fixtures" / "sdk-wire-captures.json").read_text())
REPLAYED = [
    case for case in CAPTURES["cases"] if "(defaults" in case["case"] or "(all options" in case["case"]
]
SUCCESS = {"add": 201, "delete": 202, "disable": 202, "enable": 202, "terminate": 202}
KEEP = {"content-type", "client-request-id", "return-client-request-id", "content-length"}


def expected_status(case: str) -> int:
    return SUCCESS.get(case.split(" ", 1)[0], 200)


def seeded() -> Emulator:
    emulator = Emulator(auth=False, policy="instant")
    emulator.add_schedule_job("sched-1", {"id": "sched-1-job", "poolInfo": {"poolId": "pool-1"}})
    return emulator


async def replay(client: httpx.AsyncClient, request: dict[str, Any]) -> httpx.Response:
    headers = []
    for name, value in request["headers"]:
        if name.lower() in KEEP:
            headers.append((name, str(uuid.uuid1()) if value.startswith("<uuid1") else value))
    body = request["body"].encode() if request["body"] else None
    return await client.request(
        request["method"], "http://replay" + request["target"], headers=headers, content=body
    )


@pytest.mark.parametrize("case", REPLAYED, ids=lambda case: case["case"])
async def test_legacy_sdk_requests_are_accepted(case: dict[str, Any]) -> None:
    name = case["case"]
    emulator = seeded()
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(emulator))) as client:
        if not name.startswith("add"):
            prep = {"commandLine": "prep"}
            create = {"id": "job-1", "poolInfo": {"poolId": "pool-1"}, "jobPreparationTask": prep}
            assert (
                await client.post("http://replay/jobs?api-version=2023-05-01.17.0", json=create)
            ).status_code == 201
        if name.startswith(("enable", "update")):  # enable needs a disabled job; update moves the pool
            disable = {"disableTasks": "wait"}
            await client.post("http://replay/jobs/job-1/disable?api-version=2023-05-01.17.0", json=disable)
        for request in case["requests"]:
            if "$skipToken=job-1" in request["target"]:
                continue  # a token the canned server made up; the emulator's own links are tested elsewhere
            response = await replay(client, request)
            if "job%201%2F%C3%BC" in request["target"]:
                assert response.json()["code"] == "JobNotFound"  # a service-made id no add can create
                continue
            assert response.status_code == expected_status(name), response.text
            if ("return-client-request-id", "true") in [tuple(h) for h in request["headers"]]:
                assert "client-request-id" in response.headers
