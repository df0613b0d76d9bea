"""The one clock the engine reads: monotonic seconds for durations, UTC wall time for events.

Durations of a running timer or an open session come from :meth:`Clock.monotonic`, so a change
of the system clock does not move them; events carry :meth:`Clock.now` so a journal read by
another process can place them in time.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Protocol


class Clock(Protocol):
    boot: str
    """Which monotonic timeline the readings are on: the same text for every process of one
    run of the computer, another after a restart of it ("" when unknown). A journal written
    on the same timeline can be replayed on the monotonic clock, whatever the wall clock did."""

    def monotonic(self) -> float:
        """Seconds on a timeline that never jumps (its origin means nothing)."""
        ...

    def now(self) -> datetime:
        """The wall-clock time, aware, in UTC."""
        ...

    def sleep(self, seconds: float) -> None:
        """Wait ``seconds`` (a few milliseconds at most: the ticker's last approach to a
        change it must show on time)."""
        ...


class SystemClock:
    """The computer's clocks. ``boot`` names this run of the computer (the caller reads it:
    the core does no file access); empty, events are placed by wall time alone on replay."""

    def __init__(self, boot: str = "") -> None:
        self.boot = boot

    def monotonic(self) -> float:
        return time.monotonic()

    def now(self) -> datetime:
        return datetime.now(UTC)

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class FakeClock:
    """A clock that only moves when told to, for tests and benchmarks."""

    def __init__(
        self,
        wall: datetime = datetime(2023, 8, 28, 8, 0, tzinfo=UTC),
        mono: float = 1000.0,
        boot: str = "",
    ) -> None:
        self._wall = wall.astimezone(UTC)
        self._mono = mono
        self.boot = boot

    def monotonic(self) -> float:
        return self._mono

    def now(self) -> datetime:
        return self._wall

    def sleep(self, seconds: float) -> None:
        """A wait on the fake clock lets exactly that much time pass."""
        self.advance(seconds)

    def advance(self, seconds: float) -> None:
        """Let time pass: both clocks move."""
        if seconds < 0:
            raise ValueError("time only moves forward")
        self._mono += seconds
        self._wall += timedelta(seconds=seconds)

    def jump_wall(self, seconds: float) -> None:
        """Set the system clock forward (or back): the monotonic clock does not move."""
        self._wall += timedelta(seconds=seconds)


def time_of_day(moment: datetime, zone: tzinfo) -> str:
    """``HH:MM`` in the meeting's own time zone."""
    # Not strftime: it imports ``time`` on every call (through PySide6's import hook once the
    # windows run), some 40 us a row of the speakers' list.
    local = moment.astimezone(zone)
    return f"{local.hour:02d}:{local.minute:02d}"
