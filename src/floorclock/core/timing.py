"""The speaking timer of one intervention, and what a display reads from it.

The timer stores no running count: it keeps the seconds spoken before the current run and the
monotonic instant the run began, and works out the spoken time from the clock when asked.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

Phase = Literal["ready", "running", "warning", "time_up", "overtime", "paused"]

TIME_UP_HOLD = 5
"""Seconds after the limit during which the display shows 0:00 before counting overtime."""


def amber_seconds(limit: int, warning: int) -> int:
    """How long before ``limit`` the timer turns amber: the meeting's ``warning``, or the last
    half of a limit shorter than twice it (a 20 s limit is not amber from its first second)."""
    return min(warning, limit // 2)


@dataclass(frozen=True, slots=True)
class TimerReading:
    """The timer at one instant."""

    phase: Phase
    limit: int
    """Seconds allowed now (the limit given when called, plus extensions)."""
    spoken: float
    """Seconds spoken, pauses excluded."""
    remaining: float
    overtime: float
    extensions: int
    """Net seconds added by hand (negative when reduced)."""
    warning: int
    """How many seconds before the limit the timer is amber: the meeting's warning, or half
    the limit when that is shorter (a 20 s limit does not start amber)."""

    @property
    def running(self) -> bool:
        """Whether the time is counting (any phase but ready and paused)."""
        return self.phase not in ("ready", "paused")

    def shown_seconds(self) -> int:
        """The whole second a display shows: remaining (rounded up), then 0, then overtime."""
        if self.remaining > 0:
            return math.ceil(self.remaining)
        if self.overtime < TIME_UP_HOLD:
            return 0
        return math.floor(self.overtime)

    def next_flip_in(self) -> float | None:
        """Seconds until :meth:`shown_seconds` or the phase changes; None unless running."""
        if not self.running:
            return None
        if self.remaining > 0:
            return self.remaining - (math.ceil(self.remaining) - 1)
        if self.overtime < TIME_UP_HOLD:
            return TIME_UP_HOLD - self.overtime
        return math.floor(self.overtime) + 1 - self.overtime


@dataclass(frozen=True, slots=True)
class SpeakingTimer:
    """The timer's state; each method returns the timer after one event."""

    limit: int
    extensions: int = 0
    spoken_before: float = 0.0
    """Seconds spoken before the current run (all of it when not running)."""
    running_since: float | None = None
    """The monotonic instant the current run began, None when not running."""
    started: bool = False

    @property
    def running(self) -> bool:
        return self.running_since is not None

    def spoken(self, mono: float) -> float:
        if self.running_since is None:
            return self.spoken_before
        return max(self.spoken_before + mono - self.running_since, 0.0)

    def start(self, mono: float) -> SpeakingTimer:
        if self.running:
            return self
        return SpeakingTimer(self.limit, self.extensions, self.spoken_before, mono, True)

    def pause(self, spoken: float) -> SpeakingTimer:
        return SpeakingTimer(self.limit, self.extensions, spoken, None, self.started)

    def change_limit(self, seconds: int) -> SpeakingTimer:
        return SpeakingTimer(
            self.limit + seconds,
            self.extensions + seconds,
            self.spoken_before,
            self.running_since,
            self.started,
        )

    def reset(self) -> SpeakingTimer:
        """Ready again, nothing spoken; the limit (with its extensions) stays."""
        return SpeakingTimer(self.limit, self.extensions)

    def read(self, mono: float, warning: int) -> TimerReading:
        warning = amber_seconds(self.limit, warning)
        spoken = self.spoken(mono)
        remaining = max(self.limit - spoken, 0.0)
        overtime = max(spoken - self.limit, 0.0)
        phase: Phase
        if not self.running:
            phase = "paused" if self.started else "ready"
        elif remaining > warning:
            phase = "running"
        elif remaining > 0:
            phase = "warning"
        elif overtime < TIME_UP_HOLD:
            phase = "time_up"
        else:
            phase = "overtime"
        return TimerReading(
            phase, self.limit, spoken, remaining, overtime, self.extensions, warning
        )
