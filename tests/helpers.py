"""Shared test helpers: fixture loading, value-aware JSON comparison, mutations of a JSON body."""

from __future__ import annotations

import copy
import gc
import json
import re
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from batchjobs._serialization import parse_datetime, parse_duration

FIXTURES = Path(__file__).parent / "fixtures"

_DATETIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z")
_DURATION = re.compile(r"-?P(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?")


def load_fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def example_bodies(
    path: Path, request_models: dict[str, type], response_models: dict[str, tuple[type, bool]]
) -> list[tuple[str, type, Any, bool]]:
    """The bodies of one official example that a model describes: (label, model, body, paged)."""
    example = json.loads(path.read_text(encoding="utf-8"))
    found = []
    for name, value in example["parameters"].items():
        if name in request_models:
            found.append((f"request {name}", request_models[name], value, False))
    for status, response in example["responses"].items():
        if path.stem in response_models and "body" in response:
            cls, paged = response_models[path.stem]
            found.append((f"response {status}", cls, response["body"], paged))
    return found


def as_values(data: Any) -> Any:
    """Replace datetime and duration strings by their values, so formats compare by meaning."""
    if isinstance(data, dict):
        return {key: as_values(value) for key, value in data.items()}
    if isinstance(data, list):
        return [as_values(value) for value in data]
    if isinstance(data, str):
        if _DATETIME.fullmatch(data):
            return parse_datetime(data)
        if data != "P" and _DURATION.fullmatch(data):
            return parse_duration(data)
    return data


#: Values put in place of every member of a body by the mutation tests.
REPLACEMENTS: list[Any] = [None, 7, -1, "text", "5", [], [{}], {}, True, 1.5, "PT1H", "2023-01-01T00:00:00Z"]


def leaf_paths(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every key and index path in a JSON tree, outermost first."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield (*path, key)
            yield from leaf_paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield (*path, index)
            yield from leaf_paths(value, (*path, index))


def replaced(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    """A deep copy of ``data`` with the member at ``path`` set to ``value``."""
    copied = copy.deepcopy(data)
    target = copied
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return copied


@contextmanager
def gc_disabled() -> Iterator[None]:
    """No garbage-collector pass while inside: what is freed is freed by reference counting, at once."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


class PagedJobs:
    """A transport handler listing ``pages`` pages of ``size`` jobs, each with a nested object.

    It keeps weak references to the responses it made, so a test can tell which are still alive,
    also at the moment each next page is asked for (``alive_when_asked``). Run it under
    ``gc_disabled()``: a page the client lets go must be freed at once, not by a later
    collector pass (a response and its httpx stream refer to each other until the client breaks
    the cycle).
    """

    def __init__(self, base_url: str, pages: int = 3, size: int = 3) -> None:
        self.base_url, self.pages, self.size = base_url, pages, size
        self.responses: list[weakref.ref[httpx.Response]] = []
        self.alive_when_asked: list[list[bool]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.alive_when_asked.append(self.alive())
        start = int(request.url.params.get("$skiptoken", "0"))
        body: dict[str, Any] = {
            "value": [
                {"id": f"job-{n}", "poolInfo": {"poolId": "p"}} for n in range(start, start + self.size)
            ]
        }
        if start + self.size < self.pages * self.size:
            body["odata.nextLink"] = f"{self.base_url}/jobs?$skiptoken={start + self.size}"
        response = httpx.Response(200, json=body)
        self.responses.append(weakref.ref(response))
        return response

    def alive(self) -> list[bool]:
        """For each response made so far: is it still referenced?"""
        return [ref() is not None for ref in self.responses]


class ReleaseCheck:
    """Follows a listing of ``PagedJobs``: as each job arrives, only it, the job the caller keeps
    (``job-4``) and the current page's response may be alive; when a page is asked for, no
    earlier page may be."""

    def __init__(self, service: PagedJobs) -> None:
        self.service = service
        self.jobs: list[weakref.ref[Any]] = []
        self.kept: list[Any] = []

    def see(self, job: Any) -> None:
        self.jobs.append(weakref.ref(job))
        if job.id == "job-4":
            self.kept.append(job)
        current = len(self.jobs) - 1
        assert [ref() is not None for ref in self.jobs] == [n in (current, 4) for n in range(current + 1)]
        assert self.service.alive() == [False] * (len(self.service.responses) - 1) + [True]
        # A kept job's nested fields are built when its page is done, so it holds no parsed JSON.
        assert job._bj_pending is not None
        if current > 4:  # job-4 is on the second page, with job-3 and job-5
            assert (self.kept[0]._bj_pending is None) == (current >= 6)

    def finish(self) -> None:
        assert len(self.jobs) == self.service.pages * self.service.size
        assert self.service.alive_when_asked == [[False] * n for n in range(self.service.pages)]
        assert self.kept[0].pool_info.pool_id == "p"
