"""Converter hooks: datetimes, durations, enums, strictness and deserialization errors."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from batchjobs import models
from batchjobs._serialization import (
    MAX_DURATION,
    format_datetime,
    format_duration,
    make_converter,
    parse_datetime,
    parse_duration,
    parse_json,
    structure,
    structure_page,
    unstructure,
)
from batchjobs.errors import DeserializationError

aware = st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.just(UTC))


@given(aware)
def test_datetime_round_trips(value):
    assert parse_datetime(format_datetime(value)) == value


@given(aware, st.integers(min_value=-14 * 60, max_value=14 * 60))
def test_datetime_with_any_offset_is_written_as_utc_z(value, offset):
    local = value.astimezone(timezone(timedelta(minutes=offset))) if value.year not in (1, 9999) else value
    text = format_datetime(local)
    assert text.endswith("Z")
    assert parse_datetime(text) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-05-10T12:34:56.1234567Z", datetime(2023, 5, 10, 12, 34, 56, 123456, tzinfo=UTC)),
        ("2023-05-10T12:34:56.1Z", datetime(2023, 5, 10, 12, 34, 56, 100000, tzinfo=UTC)),
        ("2023-05-10T12:34:56Z", datetime(2023, 5, 10, 12, 34, 56, tzinfo=UTC)),
        ("2023-05-10T14:34:56+02:00", datetime(2023, 5, 10, 12, 34, 56, tzinfo=UTC)),
        ("2023-05-10T12:34:56", datetime(2023, 5, 10, 12, 34, 56, tzinfo=UTC)),
    ],
)
def test_datetime_parses_service_forms_to_aware_utc(text, expected):
    parsed = parse_datetime(text)
    assert parsed == expected
    assert parsed.tzinfo is UTC


@pytest.mark.parametrize("garbage", ["", "yesterday", "2023-13-01T00:00:00Z", "2023-05-10", 5, None, []])
def test_datetime_garbage_is_refused(garbage):
    with pytest.raises((ValueError, TypeError)):
        parse_datetime(garbage)


def test_naive_datetime_is_refused_when_sending():
    with pytest.raises(ValueError, match="aware"):
        format_datetime(datetime(2023, 1, 1))


@given(st.timedeltas(min_value=-MAX_DURATION + timedelta(microseconds=1), max_value=MAX_DURATION))
def test_duration_round_trips(value):
    assert parse_duration(format_duration(value)) == value


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (timedelta(0), "PT0S"),
        (timedelta(hours=1), "PT1H"),
        (timedelta(minutes=90), "PT1H30M"),
        (timedelta(days=1, seconds=5.5), "P1DT5.5S"),
        (timedelta(microseconds=1), "PT0.000001S"),
        (timedelta(days=400), "P400D"),
        (timedelta(hours=-1), "-PT1H"),
    ],
)
def test_duration_wire_forms(value, text):
    assert format_duration(value) == text
    assert parse_duration(text) == value


def test_unlimited_duration_parses_and_serializes_back_to_the_service_maximum():
    parsed = parse_duration("P10675199DT2H48M5.4775807S")
    assert parsed == timedelta(days=10675199, seconds=10085, microseconds=477581) == MAX_DURATION
    assert format_duration(parsed) == "P10675199DT2H48M5.4775807S"
    assert format_duration(timedelta.max) == "P10675199DT2H48M5.4775807S"
    assert format_duration(MAX_DURATION - timedelta(microseconds=1)) == "P10675199DT2H48M5.47758S"


@pytest.mark.parametrize(("text", "micros"), [("PT0.0000001S", 0), ("PT0.0000005S", 0), ("PT0.0000006S", 1)])
def test_duration_seventh_digit_rounds(text, micros):
    assert parse_duration(text) == timedelta(microseconds=micros)


@pytest.mark.parametrize("garbage", ["", "P", "PT", "P1M", "P1Y", "1H", "PT1.S", "P1DT", "PTS", 5, None])
def test_duration_garbage_is_refused(garbage):
    with pytest.raises((ValueError, TypeError)):
        parse_duration(garbage)


@given(st.text(max_size=30))
def test_duration_parser_never_raises_anything_unexpected(text):
    with contextlib.suppress(ValueError):
        parse_duration(text)


@given(st.sampled_from(list(models.JobState)), st.sampled_from([str.lower, str.upper, str.title, str]))
def test_enum_parses_case_insensitively(member, spelling):
    job = structure({"state": spelling(member.value)}, models.CloudJob)
    assert job.state is member


@given(st.text(min_size=1).filter(lambda s: s.lower() not in {m.value for m in models.JobState}))
def test_unknown_enum_value_is_kept_as_a_string(text):
    job = structure({"state": text}, models.CloudJob)
    assert job.state == text
    assert unstructure(job) == {"state": text}


def test_spread_spelled_by_the_service_maps_to_the_member():
    policy = structure({"nodeFillType": "Spread"}, models.TaskSchedulingPolicy)
    assert policy.node_fill_type is models.ComputeNodeFillType.spread


def test_unknown_keys_are_ignored_by_default_and_refused_in_strict_mode():
    body = {"id": "j", "odata.metadata": "x", "newServiceField": 1}
    assert structure(body, models.CloudJob).id == "j"
    with pytest.raises(Exception, match="newServiceField"):
        make_converter(strict=True).structure(body, models.CloudJob)


@pytest.mark.parametrize(
    ("body", "path"),
    [
        ({"executionInfo": {"startTime": "not a date"}}, "$.executionInfo.startTime"),
        ({"executionInfo": {}}, "$.executionInfo.startTime"),
        ({"priority": "high"}, "$.priority"),
        ({"id": 5}, "$.id"),
        ({"metadata": [{"name": "a", "value": "b"}, {"name": "c"}]}, "$.metadata[1].value"),
        ({"metadata": "abc"}, "$.metadata"),
        ({"constraints": []}, "$.constraints"),
        ({"stats": {"url": "u"}}, "$.stats.startTime"),
        ({"constraints": {"maxWallClockTime": "P1M"}}, "$.constraints.maxWallClockTime"),
        ({"usesTaskDependencies": "yes"}, "$.usesTaskDependencies"),
        (["not", "an", "object"], "$"),
        ("text", "$"),
    ],
)
def test_bad_body_raises_deserialization_error_with_path(body, path):
    with pytest.raises(DeserializationError) as info:
        structure(body, models.CloudJob)
    assert info.value.path == path
    assert path in str(info.value)


@pytest.mark.parametrize("content", [b'{"id": "j", "state": "act', b"", b"\xff\xfe", b"<html>busy</html>"])
def test_truncated_or_non_json_body_raises_deserialization_error(content):
    with pytest.raises(DeserializationError, match="not valid JSON"):
        parse_json(content, models.CloudJob)


def test_page_reports_the_item_index_in_its_path():
    content = b'{"value": [{"id": "a"}, {"id": "b", "priority": "x"}]}'
    with pytest.raises(DeserializationError) as info:
        structure_page(content, models.CloudJob)
    assert info.value.path == "$.value[1].priority"


@pytest.mark.parametrize(
    "content",
    [b"[]", b'{"value": {}}', b'{"value": [], "odata.nextLink": 5}'],
)
def test_malformed_page_raises_deserialization_error(content):
    with pytest.raises(DeserializationError):
        structure_page(content, models.CloudJob)


def test_empty_next_link_ends_the_listing():
    items, next_link = structure_page(b'{"value": [], "odata.nextLink": ""}', models.CloudJob)
    assert items == []
    assert next_link is None


def test_numeric_strings_fill_int_fields_like_14x():
    assert structure({"priority": "5"}, models.CloudJob).priority == 5


def test_object_fields_pass_through():
    ext = structure({"name": "n", "publisher": "p", "type": "t", "settings": {"a": [1]}}, models.VMExtension)
    assert ext.settings == {"a": [1]}
    assert unstructure(ext)["settings"] == {"a": [1]}
