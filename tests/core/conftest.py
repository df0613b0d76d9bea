"""Fixtures for the engine tests: a fake clock and a small agenda like the bundled one."""

from __future__ import annotations

import pytest

from floorclock.core.agenda import Agenda
from floorclock.core.clock import FakeClock
from floorclock.core.meeting import Meeting

from .agendas import make_agenda


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
