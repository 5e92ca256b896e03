"""Helpers for retry, deadline and cancellation tests: scripted transports and a recording sleep."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import httpx
import pytest

from batchjobs import BatchServiceClient, RetryPolicy, SharedKeyCredentials

ACCOUNT = "contosobatch"
KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw=="
BASE_URL = "https://contosobatch.westus.batch.azure.com"

Step = httpx.Response | Exception | Callable[[httpx.Request], Any]


class Script:
    """A transport handler that answers each request with the next scripted step and records it."""

    def __init__(self, steps: Iterable[Step]) -> None:
        self.steps = list(steps)
        self.requests: list[httpx.Request] = []

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        step = self.steps.pop(0) if len(self.steps) > 1 else self.steps[0]
        if isinstance(step, Exception):
            raise step
        if callable(step) and not isinstance(step, httpx.Response):
            result = step(request)
            if hasattr(result, "__await__"):
                result = await result
            return result  # type: ignore[no-any-return]
        return step


class RecordingSleep:
    """Stands in for anyio.sleep: records the delays and returns at once."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)


def error(status: int, code: str, message: str = "msg", **headers: str) -> httpx.Response:
    body = {"code": code, "message": {"lang": "en-US", "value": f"{message}\nRequestId:r-{status}\nTime:t"}}
    return httpx.Response(status, json=body, headers={"request-id": f"r-{status}", **headers})


@pytest.fixture
def sleep() -> RecordingSleep:
    return RecordingSleep()


@pytest.fixture
def make_client(sleep: RecordingSleep) -> Callable[..., BatchServiceClient]:
    def make(handler: Callable[..., Any], credentials: object = None, **settings: Any) -> BatchServiceClient:
        settings.setdefault("retry_policy", RetryPolicy(jitter=False, sleep=sleep))
        return BatchServiceClient(
            credentials or SharedKeyCredentials(ACCOUNT, KEY),
            BASE_URL,
            transport=httpx.MockTransport(handler),
            **settings,
        )

    return make
