"""Session clocks and the forecast of the list of speakers: who speaks when, who will not fit.

Both are read from the state and the clock whenever a view asks; nothing here is stored.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import accumulate
from typing import Any

from floorclock.core.clock import Clock
from floorclock.core.state import MeetingState


@dataclass(frozen=True, slots=True)
class SessionClock:
    """One session's clock: the schedule beside what actually happened.

    ``elapsed``, ``left`` and ``overrun`` count from when the chair opened the session, so a
    rehearsal on another day is timed the same way; before it is opened, ``left`` is the
    scheduled length (or, on the meeting day, the time to the scheduled end if shorter).
    """

    session_id: str
    scheduled_start: datetime
    scheduled_end: datetime
    actual_start: datetime | None
    is_open: bool
    elapsed: float
    left: float
    overrun: float
    floor_budget: int | None
    floor_used: float
    floor_left: float | None

    @property
    def closed_at(self) -> datetime | None:
        """When the session was closed, if it was held and is no longer open (else None)."""
        if self.actual_start is None or self.is_open:
            return None
        return self.actual_start + timedelta(seconds=self.elapsed)


@dataclass(frozen=True, slots=True)
class ForecastEntry:
    """When one waiting speaker is expected to speak, for how long, and whether they fit."""

    speaker_id: str
    expected_start: datetime
    """In the meeting's time zone."""
    limit: int
    fits: bool
    """Whether the intervention ends within the floor time left."""


class ForecastEntries(Sequence[ForecastEntry]):
    """The forecast of each waiting speaker in list order, built as it is read.

    Working out 5,000 expected starts costs little; making 5,000 objects does not, and a
    view only reads the rows it shows.
    """

    def __init__(
        self, start: datetime, ids: list[str], limits: list[int], ends: list[float], budget: float
    ) -> None:
        self._start, self._ids, self._limits, self._ends = start, ids, limits, ends
        self._budget = budget

    def __len__(self) -> int:
        return len(self._ids)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return tuple(self._entry(i) for i in range(*index.indices(len(self._ids))))
        if index < 0:
            index += len(self._ids)
        if not 0 <= index < len(self._ids):
            raise IndexError(index)
        return self._entry(index)

    def _entry(self, index: int) -> ForecastEntry:
        limit = self._limits[index]
        end = self._ends[index]
        start = self._start + timedelta(seconds=end - limit)
        return ForecastEntry(self._ids[index], start, limit, end <= self._budget)


@dataclass(frozen=True, slots=True)
class Forecast:
    """The expected course of a session's list: who speaks when, and where time runs out."""

    entries: ForecastEntries
    """One entry per waiting speaker, in list order."""
    cutoff_index: int | None
    """Index of the first waiting speaker who will not fit, if any."""
    list_ends_at: datetime
    overrun_seconds: float
    """How much longer the list runs than the time left."""
    not_fitting: int


def floor_used(state: MeetingState, session_id: str, mono: float) -> float:
    """Seconds spoken from the floor in a session, the running intervention included."""
    used = state.session(session_id).floor_used
    floor = state.floor
    if floor is not None and state.speakers[floor.speaker_id].session_id == session_id:
        used += floor.timer.spoken(mono)
    return used


def session_clock(state: MeetingState, session_id: str, clock: Clock) -> SessionClock:
    agenda = state.agenda
    session = state.session(session_id)
    scheduled = agenda.session(session_id)
    start = agenda.scheduled_start(session_id)
    end = agenda.scheduled_end(session_id)
    mono = clock.monotonic()
    length = scheduled.scheduled_seconds
    if session.opened_mono is None:
        elapsed = 0.0
        now = clock.now().astimezone(agenda.meeting.zone)
        to_end = (end - now).total_seconds()
        left = max(min(length, to_end), 0.0) if now.date() == agenda.meeting.date else length
    else:
        stopped = session.closed_mono if session.closed_mono is not None else mono
        elapsed = max(stopped - session.opened_mono, 0.0)
        left = max(length - elapsed, 0.0)
    overrun = max(elapsed - length, 0.0)
    budget = scheduled.floor.budget if scheduled.floor is not None else None
    used = floor_used(state, session_id, mono)
    return SessionClock(
        session_id=session_id,
        scheduled_start=start,
        scheduled_end=end,
        actual_start=(
            session.opened_at.astimezone(agenda.meeting.zone) if session.opened_at else None
        ),
        is_open=state.open_session_id == session_id,
        elapsed=elapsed,
        left=left,
        overrun=overrun,
        floor_budget=budget,
        floor_used=used,
        floor_left=None if budget is None else max(budget - used, 0.0),
    )


def _rehearsal(today: date, meeting_day: date) -> bool:
    """Whether a meeting run ``today`` is a rehearsal: any other day than the meeting's own,
    but the night after it (a meeting that runs past midnight is still the meeting)."""
    return today != meeting_day and today != meeting_day + timedelta(days=1)


def forecast(state: MeetingState, session_id: str, clock: Clock) -> Forecast:
    """Expected starts of the waiting speakers, one after the other at their full limit.

    The list starts after the current speaker's remaining time (if they belong to this
    session), from now, or from the scheduled start when the session is not open yet and
    that is later (in a rehearsal on another day, the scheduled hour of that day). Speakers
    fit while they end within the floor time left (the session's time left when it has no
    floor segment).
    """
    agenda = state.agenda
    times = session_clock(state, session_id, clock)
    zone = agenda.meeting.zone
    now = clock.now()
    if times.actual_start is None:
        scheduled = times.scheduled_start
        today = now.astimezone(zone).date()
        if _rehearsal(today, agenda.meeting.date):  # the session's hours, on this day
            scheduled = datetime.combine(today, scheduled.timetz())
        if scheduled > now:
            now = scheduled
    budget = times.floor_left if times.floor_left is not None else times.left
    ahead = 0.0
    floor = state.floor
    if floor is not None and state.speakers[floor.speaker_id].session_id == session_id:
        timer = floor.timer
        ahead = max(timer.limit - timer.spoken(clock.monotonic()), 0.0)
    default_limit = agenda.floor_speaking_time(session_id)
    speakers = state.speakers
    ids = list(state.session(session_id).queue.order)
    limits = [speakers[speaker_id].time_limit or default_limit for speaker_id in ids]
    ends = list(accumulate(limits, initial=ahead))[1:]
    fitting = bisect_right(ends, budget)
    total = ends[-1] if ends else ahead
    start = now.astimezone(zone)
    return Forecast(
        entries=ForecastEntries(start, ids, limits, ends, budget),
        cutoff_index=fitting if fitting < len(ids) else None,
        list_ends_at=start + timedelta(seconds=total),
        overrun_seconds=max(total - budget, 0.0),
        not_fitting=len(ids) - fitting,
    )
