"""What loads when: model submodules, record modules and operation groups load on first use."""

from __future__ import annotations

import subprocess
import sys

import pytest

import batchjobs.models as models
from batchjobs.models import _index


def _run(code: str) -> None:
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_listing_tasks_loads_neither_the_job_and_pool_models_nor_the_job_operations() -> None:
    _run(
        "import asyncio, sys, httpx\n"
        "from batchjobs import BatchServiceClient, SharedKeyCredentials, models\n"
        "def answer(request):\n"
        "    return httpx.Response(200, json={'value': [{'id': 't1', 'state': 'active'}]})\n"
        "async def main():\n"
        "    credentials, transport = SharedKeyCredentials('a', 'a2V5'), httpx.MockTransport(answer)\n"
        "    async with BatchServiceClient(credentials, 'https://a.b', transport=transport) as client:\n"
        "        tasks = [t async for t in client.task.list('j', models.TaskListOptions(max_results=10))]\n"
        "        assert [(t.id, t.state) for t in tasks] == [('t1', models.TaskState.active)]\n"
        "        absent = {'batchjobs.models._job', 'batchjobs.models._pool', 'batchjobs.models._file',\n"
        "                  'batchjobs._api.jobs', 'batchjobs.operations._jobs', 'batchjobs.sync'}\n"
        "        assert not absent & set(sys.modules), sorted(absent & set(sys.modules))\n"
        "        assert client.job is client.job  # built once, on first use\n"
        "        assert {'batchjobs.models._job', 'batchjobs.operations._jobs'} <= set(sys.modules)\n"
        "asyncio.run(main())\n"
    )


def test_every_exported_name_resolves_to_its_submodule() -> None:
    assert models.__all__ == sorted(_index.MODULE_OF)
    for name in models.__all__:
        value = getattr(models, name)
        assert value.__module__ == f"batchjobs.models{_index.MODULE_OF[name]}", name
    namespace: dict[str, object] = {}
    exec("from batchjobs.models import *", namespace)
    assert set(models.__all__) <= set(namespace)
    assert set(models.__all__) <= set(dir(models))


def test_an_unknown_name_raises_attribute_error() -> None:
    with pytest.raises(AttributeError, match="NoSuchModel"):
        models.NoSuchModel  # noqa: B018
    with pytest.raises(AttributeError, match="_private"):
        models._private  # noqa: B018


def test_a_name_missing_from_a_stale_index_is_still_found(monkeypatch: pytest.MonkeyPatch) -> None:
    """While a new model waits for ``scripts/generate.py`` (whose --check fails in CI), it still imports."""
    monkeypatch.delitem(_index.MODULE_OF, "CloudTask")
    monkeypatch.delitem(vars(models), "CloudTask", raising=False)
    from batchjobs.models._task import CloudTask

    assert models.CloudTask is CloudTask
