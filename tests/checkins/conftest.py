"""Fixtures for the scheduler's tests; the stand-ins themselves are in checkin_rig.py."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from checkin_rig import Clock, FakeChannel

from coachbot.checkins.runner import Runner
from coachbot.engine import Coach


@pytest.fixture
def channel() -> FakeChannel:
    return FakeChannel()


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))




@pytest.fixture
def run(coach: Coach, channel: FakeChannel):
    """``run(now)``: one ``checkins run`` at ``now``; returns its counts."""
    runners: list[Runner] = []

    def run_at(now: datetime, **kwargs) -> dict:
        runner = Runner(coach, [channel], **kwargs)
        runners.append(runner)
        try:
            return asyncio.run(runner.run_once(now))
        finally:
            runner.close()

    return run_at
