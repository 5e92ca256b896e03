"""The emulator's Python surface: policies, clocks and how the app is put together."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from batchjobs.emulator import Emulator, JobStore, ManualClock, TransitionPolicy, create_app
from batchjobs.models import JobAddParameter, PoolInformation


@pytest.mark.parametrize(
    ("text", "policy"),
    [
        ("instant", TransitionPolicy.instant()),
        ("reads", TransitionPolicy.after_reads(1)),
        ("reads:3", TransitionPolicy.after_reads(3)),
        ("clock:2.5", TransitionPolicy.after(2.5)),
        ("held", TransitionPolicy.held()),
    ],
)
def test_policy_spellings_round_trip(text: str, policy: TransitionPolicy) -> None:
    assert TransitionPolicy.parse(text) == policy
    assert TransitionPolicy.parse(policy.to_text()) == policy


@pytest.mark.parametrize("text", ["", "soon", "reads:x", "clock", "instant:1", "reads:-1"])
def test_bad_policy_spellings(text: str) -> None:
    with pytest.raises(ValueError, match="policy"):
        TransitionPolicy.parse(text)


def test_manual_clock() -> None:
    clock = ManualClock(datetime(2024, 1, 1, tzinfo=UTC))
    assert clock.advance(timedelta(minutes=1)) == datetime(2024, 1, 1, 0, 1, tzinfo=UTC)
    assert clock.advance(60) == clock() == datetime(2024, 1, 1, 0, 2, tzinfo=UTC)
    with pytest.raises(ValueError, match="backwards"):
        clock.advance(-1)
    with pytest.raises(ValueError, match="aware"):
        ManualClock(datetime(2024, 1, 1))


def test_create_app_takes_an_emulator_a_store_or_nothing() -> None:
    emulator = Emulator(policy="instant")
    assert create_app(emulator).state.emulator is emulator
    store = JobStore(clock=ManualClock())
    assert create_app(store).state.emulator.store is store
    assert isinstance(create_app().state.emulator, Emulator)
    with pytest.raises(TypeError, match="configure the Emulator"):
        create_app(emulator, auth=False)
    with pytest.raises(TypeError, match="JobStore"):
        Emulator(store, policy="instant")
    with pytest.raises(ValueError, match="Base64"):
        Emulator(account_key="not base64!")


def test_store_is_usable_without_http() -> None:
    clock = ManualClock()
    store = JobStore(clock=clock, policy=TransitionPolicy.after(10))
    view = store.add(JobAddParameter(id="a", pool_info=PoolInformation(pool_id="p")))
    assert view.doc["state"] == "active"
    assert view.doc["url"] is None  # the URL depends on the address a client used
    store.terminate("a")
    assert store.get("a").doc["state"] == "terminating"
    clock.advance(10)
    assert store.get("a").doc["state"] == "completed"
    assert len(store) == 1
    emulator = Emulator(store)
    with pytest.raises(TypeError, match="ManualClock"):
        Emulator().advance_clock(1)
    emulator.advance_clock(1)
    assert store.clock() == datetime(2023, 6, 1, 12, 0, 11, tzinfo=UTC)
