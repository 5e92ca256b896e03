"""Models parsed from a response build their nested objects on first read, and are otherwise plain models."""

from __future__ import annotations

import copy
import json
import pickle
import threading
from typing import Any

import attrs
import pytest

from batchjobs import models
from batchjobs._serialization import parse_json, structure, structure_page, unstructure
from batchjobs.errors import DeserializationError
from tests.helpers import REPLACEMENTS, leaf_paths, replaced
from tests.rich_job import rich_job, rich_job_bytes

NESTED = [
    "constraints",
    "job_manager_task",
    "common_environment_settings",
    "pool_info",
    "metadata",
    "execution_info",
    "stats",
]


def parsed() -> models.CloudJob:
    return parse_json(rich_job_bytes(), models.CloudJob)


def eager() -> models.CloudJob:
    return structure(rich_job(), models.CloudJob)


def test_a_parsed_job_is_a_cloud_job_equal_to_the_eagerly_built_one():
    job = parsed()
    assert type(job) is models.CloudJob
    assert job == eager()
    assert eager() == parsed()
    assert (job != eager()) is False
    assert repr(parsed()) == repr(eager())


def test_nested_fields_are_left_in_wire_form_until_read_then_built_once():
    job = parsed()
    assert set(NESTED) <= set(job._bj_pending)
    first = job.pool_info
    assert isinstance(first, models.PoolInformation)
    assert job.pool_info is first
    assert "pool_info" not in job._bj_pending
    assert job.job_manager_task.environment_settings[0] == models.EnvironmentSetting(
        name="VAR_0", value="value-0"
    )


def test_once_every_nested_field_is_built_no_wire_data_is_kept():
    items, _ = structure_page(json.dumps({"value": [rich_job("a")]}).encode(), models.CloudJob)
    job = items[0]
    for name in NESTED[:-1]:
        getattr(job, name)
        assert job._bj_pending is not None
    getattr(job, NESTED[-1])
    assert job._bj_pending is None
    assert job == structure(rich_job("a"), models.CloudJob)


def test_absent_nested_fields_are_none_without_building_anything():
    job = parse_json(b'{"id": "j"}', models.CloudJob)
    assert job.pool_info is None
    assert job.metadata is None
    assert job._bj_pending == {}


def test_a_field_set_before_it_is_read_keeps_the_new_value():
    job = parsed()
    job.pool_info = models.PoolInformation(pool_id="other")
    assert job.pool_info == models.PoolInformation(pool_id="other")
    assert unstructure(job)["poolInfo"] == {"poolId": "other"}


def test_copies_pickles_evolve_asdict_and_unstructure_see_every_field():
    reference = eager()
    assert copy.copy(parsed()) == reference
    assert copy.deepcopy(parsed()) == reference
    assert pickle.loads(pickle.dumps(parsed())) == reference
    assert attrs.evolve(parsed(), priority=1) == attrs.evolve(reference, priority=1)
    assert attrs.asdict(parsed()) == attrs.asdict(reference)
    assert unstructure(parsed()) == unstructure(reference)


def test_an_unknown_attribute_raises_attribute_error_with_a_suggestion():
    job = parsed()
    with pytest.raises(AttributeError) as info:
        job.pool_infos  # noqa: B018
    assert info.value.name == "pool_infos"
    assert not hasattr(job, "pool_infos")
    assert not hasattr(models.CloudJob(), "_bj_pending")
    assert getattr(models.CloudJob(), "pool_info") is None  # noqa: B009


def test_first_reads_from_many_threads_at_once_agree():
    job = parsed()
    barrier = threading.Barrier(8)
    seen: list[Any] = []

    def read() -> None:
        barrier.wait()
        seen.append([getattr(job, name) for name in NESTED])

    threads = [threading.Thread(target=read) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    expected = [getattr(eager(), name) for name in NESTED]
    assert seen == [expected] * 8


def test_a_thread_that_finds_the_field_built_by_another_meanwhile_gets_that_value():
    """Python called __getattr__ because the slot was empty; by the time it runs, another thread built it."""
    job = parsed()
    for name in NESTED:  # the last one also drops the pending data
        built = getattr(job, name)
        assert type(job).__getattr__(job, name) is built


def test_list_items_keep_their_place_in_the_page_for_error_paths():
    page = {"value": [rich_job("a"), replaced(rich_job("b"), ("stats", "readIOps"), "lots")]}
    page["value"][0].pop("odata.metadata")
    items, _ = structure_page(json.dumps(page).encode(), models.CloudJob)
    assert items[0].stats.read_iops == 1234
    with pytest.raises(DeserializationError) as info:
        items[1].stats  # noqa: B018
    assert info.value.path == "$.value[1].stats.readIOps"
    assert str(info.value).startswith("CloudJob at $.value[1].stats.readIOps:")


RICH = rich_job()
CASES = [(path, value) for path in leaf_paths(RICH) for value in REPLACEMENTS]


def _eager_outcome(data: Any) -> tuple[str, Any]:
    try:
        return "ok", attrs.asdict(structure(data, models.CloudJob))
    except DeserializationError as exc:
        return "error", exc.path


def _lazy_outcome(data: Any) -> tuple[str, Any]:
    try:
        return "ok", attrs.asdict(parse_json(json.dumps(data).encode(), models.CloudJob))
    except DeserializationError as exc:
        return "error", exc.path


@pytest.mark.parametrize(("path", "value"), CASES, ids=[f"{'.'.join(map(str, p))}={v!r}" for p, v in CASES])
def test_reading_every_field_accepts_and_rejects_what_eager_structuring_does(path, value):
    """Deferring nested fields changes when an error is raised, never whether, nor its path."""
    data = replaced(RICH, path, value)
    assert _lazy_outcome(data) == _eager_outcome(data)
