"""The record of who took the floor: a projection of the journal for the secretariat's report.

:func:`build_record` reads the events that count
(:func:`~floorclock.core.history.effective_events`) and returns a :class:`Record`: one
:class:`Intervention` per time a speaker had the floor, totals per session and per category,
and, per session, who was inscribed but did not take the floor. It does no I/O and keeps no
state: the same events always give the same record.

How the events are read:

- An intervention runs from :class:`SpeakerCalled` to :class:`InterventionEnded`. Its actual
  start is the first :class:`TimerStarted` in between; its end is ``InterventionEnded.at`` and
  its spoken time ``InterventionEnded.spoken``.
- A call that never started the timer and ended with nothing spoken (or was followed by the
  speaker being marked absent or withdrawn) is not an intervention: that speaker did not take
  the floor.
- An intervention without its end is *ongoing*: its spoken time is counted up to the last
  event in the journal (the last moment the record knows of), and it has no end time.
- Speaker details (name, delegation, category, ...) are those after every
  :class:`SpeakerEdited`; category names and session titles come from the agenda of the
  latest :class:`AgendaLoaded`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field, replace
from datetime import date, datetime, tzinfo
from typing import Literal
from zoneinfo import ZoneInfo

from floorclock.core.agenda import Agenda, SpeakerMode, parse_agenda
from floorclock.core.events import (
    AgendaLoaded,
    Event,
    InterventionEnded,
    LimitChanged,
    SpeakerCalled,
    SpeakerEdited,
    SpeakerInscribed,
    SpeakerMarkedAbsent,
    SpeakerRecalled,
    SpeakerWithdrawn,
    TimerPaused,
    TimerReset,
    TimerStarted,
)
from floorclock.core.history import effective_events
from floorclock.core.timing import SpeakingTimer

InterventionStatus = Literal["ended", "ongoing"]
NotHeardReason = Literal["withdrawn", "absent", "waiting", "called"]
"""Why an inscribed speaker did not take the floor: withdrew, was passed over as absent, was
still waiting on the list, or was called but did not speak (or had not yet started)."""

NOT_HEARD_TEXT: dict[NotHeardReason, str] = {
    "withdrawn": "withdrew",
    "absent": "absent when called",
    "waiting": "still on the list",
    "called": "called, did not speak",
}
"""Plain-English wording of each :data:`NotHeardReason`."""

MODE_TEXT: dict[SpeakerMode, str] = {"room": "in the room", "online": "online", "video": "video"}
"""Plain-English wording of each speaker mode."""


@dataclass(frozen=True)
class MeetingHeading:
    """What the record is about, from the agenda (a placeholder when the journal has none)."""

    title: str
    date: date | None
    timezone: str
    venue: str | None = None


@dataclass(frozen=True)
class Intervention:
    """One time a speaker had the floor.

    ``limit`` is the time allowed when the speaker was called; ``extensions`` the net seconds added
    (negative when the time was reduced) while they spoke; ``overtime`` the seconds spoken beyond
    ``limit + extensions``. ``start`` and ``end`` are in the meeting's time zone; ``start`` is
    ``None`` if the timer was never started, ``end`` is ``None`` while the intervention is ongoing.
    """

    session_id: str
    session_title: str
    speaker_id: str
    speaker: str
    delegation: str | None
    category_id: str
    category_name: str
    mode: SpeakerMode
    group: str | None
    limit: int
    extensions: int
    start: datetime | None
    end: datetime | None
    spoken: float
    overtime: float
    status: InterventionStatus

    @property
    def allowed(self) -> int:
        """The time the speaker was finally allowed: the limit plus extensions."""
        return self.limit + self.extensions


@dataclass(frozen=True)
class NotHeard:
    """A speaker inscribed on a session's list who did not take the floor."""

    session_id: str
    speaker_id: str
    speaker: str
    delegation: str | None
    category_id: str
    category_name: str
    reason: NotHeardReason


@dataclass(frozen=True)
class CategoryTotal:
    """How many interventions a category made and how long they spoke, in seconds."""

    category_id: str
    category_name: str
    count: int
    spoken: float


@dataclass(frozen=True)
class SessionSummary:
    """One session of the record: its totals, by category, and who was not heard."""

    session_id: str
    title: str
    count: int
    spoken: float
    by_category: tuple[CategoryTotal, ...]
    not_heard: tuple[NotHeard, ...]


@dataclass(frozen=True)
class Record:
    """Everything the secretariat's report needs about who took the floor.

    ``as_of`` is the time of the last event read (meeting time zone), ``None`` for no events.
    ``sessions`` follow the agenda's order and include every session of the agenda.
    ``categories`` are the whole meeting's totals, in the order of precedence.
    """

    meeting: MeetingHeading
    as_of: datetime | None
    interventions: tuple[Intervention, ...]
    sessions: tuple[SessionSummary, ...]
    categories: tuple[CategoryTotal, ...]

    @property
    def not_heard(self) -> tuple[NotHeard, ...]:
        """Everyone not heard, session by session."""
        return tuple(entry for session in self.sessions for entry in session.not_heard)

    @property
    def ongoing(self) -> bool:
        """True when an intervention had not ended when the record was made."""
        return any(item.status == "ongoing" for item in self.interventions)


# -- building ---------------------------------------------------------------------------


@dataclass
class _Speaker:
    speaker_id: str
    session_id: str
    name: str
    delegation: str | None
    category: str
    mode: SpeakerMode
    group: str | None
    heard: bool = False
    state: NotHeardReason = "waiting"


@dataclass
class _Open:
    """An intervention being built: the speaker has been called and has not ended.

    Its timer is the engine's own :class:`SpeakingTimer`, run on wall-clock seconds (the
    record places interventions by the time of day their events carry).
    """

    index: int
    speaker_id: str
    timer: SpeakingTimer
    start: datetime | None = None
    ever_started: bool = False
    """Unlike ``timer.started``, a reset does not clear it: the speaker did take the floor."""

    def spoken(self, at: datetime) -> float:
        return self.timer.spoken(at.timestamp())


@dataclass
class _Draft:
    speaker_id: str
    limit: int
    extensions: int = 0
    start: datetime | None = None
    end: datetime | None = None
    spoken: float = 0.0
    ended: bool = False
    dropped: bool = False


@dataclass
class _Builder:
    agenda: Agenda | None = None
    speakers: dict[str, _Speaker] = field(default_factory=dict)
    drafts: list[_Draft] = field(default_factory=list)
    open: dict[str, _Open] = field(default_factory=dict)
    last_at: datetime | None = None

    def feed(self, events: Iterable[Event]) -> None:
        for event in events:
            self.last_at = event.at
            self._apply(event)

    def _apply(self, event: Event) -> None:
        if isinstance(event, AgendaLoaded):
            # an agenda that no longer validates: keep the one we had (ids stand in for names)
            with suppress(ValueError):  # pydantic's ValidationError is one too
                self.agenda = parse_agenda(event.agenda)
        elif isinstance(event, SpeakerInscribed):
            self.speakers[event.speaker_id] = _Speaker(
                speaker_id=event.speaker_id,
                session_id=event.session_id,
                name=event.name,
                delegation=event.delegation,
                category=event.category,
                mode=event.mode,
                group=event.group,
            )
        elif isinstance(event, SpeakerEdited):
            self._edit(event)
        elif isinstance(event, SpeakerWithdrawn):
            self._set_state(event.speaker_id, "withdrawn")
            self._drop_if_silent(event.speaker_id, event.at)
        elif isinstance(event, SpeakerMarkedAbsent):
            self._set_state(event.speaker_id, "absent")
            self._drop_if_silent(event.speaker_id, event.at)
        elif isinstance(event, SpeakerRecalled):
            self._set_state(event.speaker_id, "waiting")
        elif isinstance(event, SpeakerCalled):
            if event.speaker_id in self.open:  # called again without an end: close the first
                previous = self.open[event.speaker_id]
                self._end(event.speaker_id, event.at, previous.spoken(event.at))
            self._set_state(event.speaker_id, "called")
            self.drafts.append(_Draft(speaker_id=event.speaker_id, limit=event.limit))
            self.open[event.speaker_id] = _Open(
                index=len(self.drafts) - 1,
                speaker_id=event.speaker_id,
                timer=SpeakingTimer(event.limit),
            )
        elif isinstance(event, TimerStarted):
            current = self.open.get(event.speaker_id)
            if current is not None and not current.timer.running:
                current.timer = current.timer.start(event.at.timestamp())
                current.ever_started = True
                if current.start is None:
                    current.start = event.at
        elif isinstance(event, TimerPaused):
            current = self.open.get(event.speaker_id)
            if current is not None:
                current.timer = current.timer.pause(event.spoken)
        elif isinstance(event, LimitChanged):
            current = self.open.get(event.speaker_id)
            if current is not None:
                current.timer = current.timer.change_limit(event.seconds)
        elif isinstance(event, TimerReset):
            current = self.open.get(event.speaker_id)
            if current is not None:
                current.timer = current.timer.reset()  # the limit and extensions stay
        elif isinstance(event, InterventionEnded):
            self._end(event.speaker_id, event.at, event.spoken)

    def _edit(self, event: SpeakerEdited) -> None:
        speaker = self.speakers.get(event.speaker_id)
        if speaker is None:
            return
        for name, value in event.changes().items():
            if hasattr(speaker, name):
                setattr(speaker, name, value)

    def _set_state(self, speaker_id: str, state: NotHeardReason) -> None:
        speaker = self.speakers.get(speaker_id)
        if speaker is not None:
            speaker.state = state

    def _drop_if_silent(self, speaker_id: str, at: datetime) -> None:
        """A called speaker marked absent or withdrawn: no intervention unless they had spoken."""
        current = self.open.get(speaker_id)
        if current is None:
            return
        if current.ever_started:
            self._end(speaker_id, at, current.spoken(at))
        else:
            del self.open[speaker_id]
            self.drafts[current.index].dropped = True

    def _end(self, speaker_id: str, at: datetime, spoken: float) -> None:
        current = self.open.pop(speaker_id, None)
        if current is None:
            return
        draft = self.drafts[current.index]
        if not current.ever_started and spoken <= 0:
            draft.dropped = True  # called, then moved on from without a word
            return
        draft.extensions = current.timer.extensions
        draft.start = current.start
        draft.end = at
        draft.spoken = spoken
        draft.ended = True
        speaker = self.speakers.get(speaker_id)
        if speaker is not None:
            speaker.heard = True

    def finish(self) -> list[_Draft]:
        """The drafts, with ongoing interventions counted up to the last known moment."""
        result: list[_Draft] = []
        for draft in self.drafts:
            if draft.dropped:
                continue
            current = self.open.get(draft.speaker_id)
            if not draft.ended and current is not None and self.drafts[current.index] is draft:
                if not current.ever_started:
                    continue  # on the floor but silent so far: listed as not heard ("called")
                until = self.last_at
                draft = replace(
                    draft,
                    extensions=current.timer.extensions,
                    start=current.start,
                    spoken=current.timer.spoken_before if until is None else current.spoken(until),
                )
                speaker = self.speakers.get(draft.speaker_id)
                if speaker is not None:
                    speaker.heard = True
            result.append(draft)
        return result


def build_record(events: Sequence[Event]) -> Record:
    """The record of a meeting from its journal's events (undone actions do not count)."""
    builder = _Builder()
    builder.feed(effective_events(events))
    agenda = builder.agenda
    zone: tzinfo = agenda.meeting.zone if agenda is not None else ZoneInfo("UTC")

    category_names = {c.id: c.name for c in agenda.categories} if agenda is not None else {}
    session_titles = {s.id: s.title for s in agenda.sessions} if agenda is not None else {}

    def category_name(category_id: str) -> str:
        return category_names.get(category_id, category_id)

    def session_title(session_id: str) -> str:
        return session_titles.get(session_id, session_id)

    def local(moment: datetime | None) -> datetime | None:
        return None if moment is None else moment.astimezone(zone)

    interventions: list[Intervention] = []
    for draft in builder.finish():
        speaker = builder.speakers.get(draft.speaker_id)
        if speaker is None:
            speaker = _Speaker(draft.speaker_id, "", draft.speaker_id, None, "", "room", None)
        allowed = draft.limit + draft.extensions
        interventions.append(
            Intervention(
                session_id=speaker.session_id,
                session_title=session_title(speaker.session_id),
                speaker_id=speaker.speaker_id,
                speaker=speaker.name,
                delegation=speaker.delegation,
                category_id=speaker.category,
                category_name=category_name(speaker.category),
                mode=speaker.mode,
                group=speaker.group,
                limit=draft.limit,
                extensions=draft.extensions,
                start=local(draft.start),
                end=local(draft.end),
                spoken=draft.spoken,
                overtime=max(draft.spoken - allowed, 0.0),
                status="ended" if draft.ended else "ongoing",
            )
        )

    category_order = [c.id for c in agenda.categories] if agenda is not None else []
    session_order = [s.id for s in agenda.sessions] if agenda is not None else []
    for item in interventions:
        _add_once(category_order, item.category_id)
        _add_once(session_order, item.session_id)
    for speaker in builder.speakers.values():
        _add_once(category_order, speaker.category)
        _add_once(session_order, speaker.session_id)

    def totals(items: Sequence[Intervention]) -> tuple[CategoryTotal, ...]:
        return tuple(
            CategoryTotal(
                category_id=category_id,
                category_name=category_name(category_id),
                count=len(chosen),
                spoken=sum(item.spoken for item in chosen),
            )
            for category_id in category_order
            if (chosen := [item for item in items if item.category_id == category_id])
        )

    unheard: dict[str, list[_Speaker]] = {}
    for speaker in builder.speakers.values():
        if not speaker.heard:
            unheard.setdefault(speaker.session_id, []).append(speaker)
    sessions: list[SessionSummary] = []
    for session_id in session_order:
        heard = [item for item in interventions if item.session_id == session_id]
        not_heard = tuple(
            NotHeard(
                session_id=session_id,
                speaker_id=speaker.speaker_id,
                speaker=speaker.name,
                delegation=speaker.delegation,
                category_id=speaker.category,
                category_name=category_name(speaker.category),
                reason=speaker.state,
            )
            for speaker in unheard.get(session_id, ())
        )
        sessions.append(
            SessionSummary(
                session_id=session_id,
                title=session_title(session_id),
                count=len(heard),
                spoken=sum(item.spoken for item in heard),
                by_category=totals(heard),
                not_heard=not_heard,
            )
        )

    if agenda is not None:
        heading = MeetingHeading(
            title=agenda.meeting.title,
            date=agenda.meeting.date,
            timezone=agenda.meeting.timezone,
            venue=agenda.meeting.venue,
        )
    else:
        heading = MeetingHeading(title="Meeting", date=None, timezone="UTC")
    return Record(
        meeting=heading,
        as_of=local(builder.last_at),
        interventions=tuple(interventions),
        sessions=tuple(sessions),
        categories=totals(interventions),
    )


def _add_once(order: list[str], value: str) -> None:
    if value and value not in order:
        order.append(value)


__all__ = [
    "MODE_TEXT",
    "NOT_HEARD_TEXT",
    "CategoryTotal",
    "Intervention",
    "InterventionStatus",
    "MeetingHeading",
    "NotHeard",
    "NotHeardReason",
    "Record",
    "SessionSummary",
    "build_record",
]
