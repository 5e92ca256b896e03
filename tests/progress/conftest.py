"""The waiters' fixtures: an emulator on a manual clock, its fake time and a client that retries at once."""

from __future__ import annotations

from tests.waiters.conftest import client, emulator, time

__all__ = ["client", "emulator", "time"]
