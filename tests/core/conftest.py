"""Fixtures for the engine tests: a fake clock and a small agenda like the bundled one."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

from floorclock.core.agenda import Agenda
from floorclock.core.clock import FakeClock
from floorclock.core.meeting import Meeting

from .agendas import make_agenda

settings.register_profile(
    "ci", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
if os.environ.get("FLOORCLOCK_HYPOTHESIS") == "ci":
    settings.load_profile("ci")


@pytest.fixture
def clock() -> FakeClock:
    """08:00 UTC on the meeting day: 10:00 in Geneva."""
    return FakeClock()


@pytest.fixture
def agenda() -> Agenda:
    return make_agenda()


@pytest.fixture
def meeting(agenda: Agenda, clock: FakeClock) -> Meeting:
    """A new meeting with session 1 selected."""
    meeting = Meeting(agenda, clock)
    meeting.select_session("session-1")
    return meeting
