"""The meeting state and the one fold that builds it from events.

:func:`apply` is the only place where an event changes the state: live commands, replay of a
journal and the re-fold after undo or redo all go through it, so they cannot disagree. It
also reports what changed for the views, as :mod:`~floorclock.core.notices`, when asked to.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Literal

from floorclock.core import events as ev
from floorclock.core.agenda import Agenda, SpeakerMode, parse_agenda
from floorclock.core.notices import (
    ListReset,
    Notice,
    RowMoved,
    RowsChanged,
    RowsInserted,
    RowsRemoved,
)
from floorclock.core.queue import RECALLED, Key, SpeakerQueue, policy_key
from floorclock.core.timing import SpeakingTimer

SpeakerStatus = Literal["waiting", "floor", "spoken", "absent", "withdrawn"]


@dataclass(frozen=True, slots=True)
class SpeakerInfo:
    """A speaker as inscribed (and edited since), with where they are now."""

    id: str
    session_id: str
    name: str
    delegation: str | None
    category: str
    mode: SpeakerMode
    group: str | None
    time_limit: int | None
    """Their own limit in seconds; None means the session's floor speaking time."""
    note: str
    inscribed_seq: int
    inscribed_at: datetime
    status: SpeakerStatus


@dataclass(slots=True)
class SessionState:
    """One session's list of speakers and clock, as the events have made them."""

    queue: SpeakerQueue = field(default_factory=SpeakerQueue)
    absent: list[str] = field(default_factory=list)
    spoken: list[str] = field(default_factory=list)
    list_open: bool = True
    opened_at: datetime | None = None
    """When the chair first opened the session (wall clock)."""
    opened_mono: float | None = None
    closed_mono: float | None = None
    floor_used: float = 0.0
    """Seconds spoken in interventions that have ended."""
    last_called_state: bool | None = None
    """Whether the last speaker called spoke for a State (``alternate`` takes turns from it)."""

    def clone(self) -> SessionState:
        q = self.queue
        return SessionState(
            SpeakerQueue(list(q.order), dict(q.manual), dict(q.keys), set(q.states), q.in_order),
            list(self.absent),
            list(self.spoken),
            self.list_open,
            self.opened_at,
            self.opened_mono,
            self.closed_mono,
            self.floor_used,
            self.last_called_state,
        )


@dataclass(slots=True)
class FloorState:
    """Who has the floor, since when, and their speaking timer."""

    speaker_id: str
    called_at: datetime
    timer: SpeakingTimer


@dataclass(slots=True)
class MeetingState:
    """The whole meeting as the fold of its events (see :func:`apply`)."""

    agenda: Agenda
    frozen_top: int
    speakers: dict[str, SpeakerInfo] = field(default_factory=dict)
    sessions: dict[str, SessionState] = field(default_factory=dict)
    spoken_seconds: dict[str, float] = field(default_factory=dict)
    open_session_id: str | None = None
    floor: FloorState | None = None
    blank: bool = False
    message: str | None = None
    last_message: str | None = None
    precedence: dict[str, int] = field(default_factory=dict)
    state_categories: frozenset[str] = frozenset()

    def clone(self) -> MeetingState:
        """A copy that the fold can change without touching this one."""
        return MeetingState(
            agenda=self.agenda,
            frozen_top=self.frozen_top,
            speakers=dict(self.speakers),
            sessions={k: v.clone() for k, v in self.sessions.items()},
            spoken_seconds=dict(self.spoken_seconds),
            open_session_id=self.open_session_id,
            floor=None
            if self.floor is None
            else FloorState(self.floor.speaker_id, self.floor.called_at, self.floor.timer),
            blank=self.blank,
            message=self.message,
            last_message=self.last_message,
            precedence=self.precedence,
            state_categories=self.state_categories,
        )

    def session(self, session_id: str) -> SessionState:
        found = self.sessions.get(session_id)
        if found is None:
            found = self.sessions[session_id] = SessionState()
        return found

    def key_of(self, info: SpeakerInfo) -> Key:
        return policy_key(
            self.agenda.defaults.ordering,
            self.precedence.get(info.category, len(self.precedence)),
            info.group,
            info.inscribed_seq,
        )


Notices = list[Notice] | None


def apply(
    state: MeetingState | None,
    event: ev.Event,
    mono: float,
    notices: Notices = None,
    agenda: Agenda | None = None,
) -> MeetingState:
    """The state after ``event``.

    Args:
        state: the state before (None before the first event, which must load an agenda).
        event: an effective event (undo and redo markers are resolved by the caller).
        mono: the event's instant on the monotonic timeline.
        notices: where to add what changed in the waiting lists, if anyone wants to know.
        agenda: the parsed agenda of an :class:`~floorclock.core.events.AgendaLoaded`
            event, when the caller has it already.
    """
    if type(event) is ev.AgendaLoaded:
        return _load_agenda(state, agenda or parse_agenda(event.agenda), notices)
    if state is None:
        raise ValueError(f"a meeting starts with its agenda, not with {event.type!r}")
    _HANDLERS[type(event)](state, event, mono, notices)
    return state


# -- the agenda -------------------------------------------------------------------------


def _load_agenda(state: MeetingState | None, agenda: Agenda, notices: Notices) -> MeetingState:
    if state is None:
        state = MeetingState(agenda=agenda, frozen_top=agenda.defaults.frozen_top)
    elif agenda.defaults.frozen_top != state.agenda.defaults.frozen_top:
        state.frozen_top = agenda.defaults.frozen_top
    state.agenda = agenda
    state.precedence = {category.id: i for i, category in enumerate(agenda.categories)}
    state.state_categories = frozenset(c.id for c in agenda.categories if c.is_state)
    for session in agenda.sessions:
        state.session(session.id)
    for session_id, session_state in state.sessions.items():
        queue = session_state.queue
        for speaker_id in queue.order:
            info = state.speakers[speaker_id]
            queue.keys[speaker_id] = state.key_of(info)
            _set_side(state, queue, info)
        _rearrange(state, session_id, None)
        queue.recheck(state.frozen_top)
        if notices is not None:
            notices.append(ListReset(session_id))
    return state


# -- the list of speakers ----------------------------------------------------------------


def _set_side(state: MeetingState, queue: SpeakerQueue, info: SpeakerInfo) -> None:
    if info.category in state.state_categories:
        queue.states.add(info.id)
    else:
        queue.states.discard(info.id)


def _rearrange(state: MeetingState, session_id: str, notices: Notices) -> None:
    """Let the policy share out the free places again (``alternate``, or a new policy)."""
    session = state.session(session_id)
    queue = session.queue
    first_state = session.last_called_state is not True
    arranged = queue.arranged(state.agenda.defaults.ordering, state.frozen_top, first_state)
    if arranged != queue.order:
        queue.order = arranged
        if notices is not None:
            notices.append(ListReset(session_id))


def _alternating(state: MeetingState) -> bool:
    return state.agenda.defaults.ordering == "alternate"


def _frozen_rows(state: MeetingState, session_id: str, touched: int, notices: Notices) -> None:
    """Rows of the frozen top (and the one below) change their flag when the list shifts there."""
    if notices is None or touched >= state.frozen_top:
        return
    count = len(state.session(session_id).queue)
    if count:
        notices.append(RowsChanged(session_id, 0, min(state.frozen_top, count - 1)))


def _enqueue(state: MeetingState, info: SpeakerInfo, notices: Notices) -> None:
    queue = state.session(info.session_id).queue
    key = state.key_of(info)
    alternating = _alternating(state)
    index = len(queue) if alternating else queue.policy_place(key, state.frozen_top)
    queue.add(info.id, key, info.category in state.state_categories, index)
    if notices is not None:
        notices.append(RowsInserted(info.session_id, index, (info.id,)))
    if alternating:
        _rearrange(state, info.session_id, notices)


def _dequeue(state: MeetingState, info: SpeakerInfo, notices: Notices) -> None:
    """Take a speaker off wherever they wait (the list or the absent)."""
    session = state.session(info.session_id)
    if info.id in session.queue:
        index = session.queue.remove(info.id)
        if not session.queue.in_order:
            session.queue.recheck(state.frozen_top)
        if notices is not None:
            notices.append(RowsRemoved(info.session_id, index, 1))
        _frozen_rows(state, info.session_id, index, notices)
        if _alternating(state):
            _rearrange(state, info.session_id, notices)
    elif info.id in session.absent:
        session.absent.remove(info.id)


def _set_status(state: MeetingState, speaker_id: str, status: SpeakerStatus) -> SpeakerInfo:
    i = state.speakers[speaker_id]
    info = SpeakerInfo(
        i.id, i.session_id, i.name, i.delegation, i.category, i.mode, i.group,
        i.time_limit, i.note, i.inscribed_seq, i.inscribed_at, status,
    )  # fmt: skip
    state.speakers[speaker_id] = info
    return info


def _inscribed(state: MeetingState, e: ev.SpeakerInscribed, mono: float, n: Notices) -> None:
    info = SpeakerInfo(
        id=e.speaker_id,
        session_id=e.session_id,
        name=e.name,
        delegation=e.delegation,
        category=e.category,
        mode=e.mode,
        group=e.group,
        time_limit=e.time_limit,
        note=e.note,
        inscribed_seq=e.seq,
        inscribed_at=e.at,
        status="waiting",
    )
    state.speakers[info.id] = info
    _enqueue(state, info, n)


def _edited(state: MeetingState, e: ev.SpeakerEdited, mono: float, n: Notices) -> None:
    before = state.speakers[e.speaker_id]
    info = replace(before, **e.changes())
    state.speakers[info.id] = info
    queue = state.session(info.session_id).queue
    if info.id not in queue:
        return
    key = state.key_of(info)
    queue.keys[info.id] = key
    _set_side(state, queue, info)
    index = queue.index(info.id)
    if _alternating(state):
        _rearrange(state, info.session_id, n)
    elif key != state.key_of(before) and info.id not in queue.manual and index >= state.frozen_top:
        del queue.order[index]
        destination = queue.policy_place(key, state.frozen_top)
        queue.order.insert(destination, info.id)
        if n is not None and destination != index:
            n.append(RowMoved(info.session_id, index, destination))
        index = destination
    if n is not None:
        n.append(RowsChanged(info.session_id, index, index))


def _withdrawn(state: MeetingState, e: ev.SpeakerWithdrawn, mono: float, n: Notices) -> None:
    _dequeue(state, state.speakers[e.speaker_id], n)
    _set_status(state, e.speaker_id, "withdrawn")


def _moved(state: MeetingState, e: ev.SpeakerMoved, mono: float, n: Notices) -> None:
    session_id = state.speakers[e.speaker_id].session_id
    queue = state.session(session_id).queue
    source, destination = queue.move(e.speaker_id, e.position)
    if destination < state.frozen_top:
        queue.recheck(state.frozen_top)
    if n is not None:
        if source != destination:
            n.append(RowMoved(session_id, source, destination))
        n.append(RowsChanged(session_id, destination, destination))
    _frozen_rows(state, session_id, min(source, destination), n)
    if _alternating(state):
        _rearrange(state, session_id, n)


def _marked_absent(state: MeetingState, e: ev.SpeakerMarkedAbsent, mono: float, n: Notices) -> None:
    info = state.speakers[e.speaker_id]
    if state.floor is not None and state.floor.speaker_id == info.id:
        state.floor = None
    else:
        _dequeue(state, info, n)
    state.session(info.session_id).absent.append(info.id)
    _set_status(state, info.id, "absent")


def _recalled(state: MeetingState, e: ev.SpeakerRecalled, mono: float, n: Notices) -> None:
    info = _set_status(state, e.speaker_id, "waiting")
    session = state.session(info.session_id)
    if info.id in session.absent:
        session.absent.remove(info.id)
    session.queue.add(info.id, state.key_of(info), info.category in state.state_categories, 0)
    session.queue.manual[info.id] = RECALLED
    session.queue.recheck(state.frozen_top)
    if n is not None:
        n.append(RowsInserted(info.session_id, 0, (info.id,)))
    _frozen_rows(state, info.session_id, 0, n)
    if _alternating(state):
        _rearrange(state, info.session_id, n)


# -- the floor ---------------------------------------------------------------------------


def _called(state: MeetingState, e: ev.SpeakerCalled, mono: float, n: Notices) -> None:
    info = state.speakers[e.speaker_id]
    session = state.session(info.session_id)
    session.last_called_state = info.category in state.state_categories
    _dequeue(state, info, n)
    _set_status(state, info.id, "floor")
    state.floor = FloorState(info.id, e.at, SpeakingTimer(limit=e.limit))


def _on_floor(state: MeetingState, speaker_id: str) -> FloorState | None:
    floor = state.floor
    return floor if floor is not None and floor.speaker_id == speaker_id else None


def _timer_started(state: MeetingState, e: ev.TimerStarted, mono: float, n: Notices) -> None:
    if floor := _on_floor(state, e.speaker_id):
        floor.timer = floor.timer.start(mono)


def _timer_paused(state: MeetingState, e: ev.TimerPaused, mono: float, n: Notices) -> None:
    if floor := _on_floor(state, e.speaker_id):
        floor.timer = floor.timer.pause(e.spoken)


def _limit_changed(state: MeetingState, e: ev.LimitChanged, mono: float, n: Notices) -> None:
    if floor := _on_floor(state, e.speaker_id):
        floor.timer = floor.timer.change_limit(e.seconds)


def _timer_reset(state: MeetingState, e: ev.TimerReset, mono: float, n: Notices) -> None:
    if floor := _on_floor(state, e.speaker_id):
        floor.timer = floor.timer.reset()


def _ended(state: MeetingState, e: ev.InterventionEnded, mono: float, n: Notices) -> None:
    if _on_floor(state, e.speaker_id) is None:
        return
    state.floor = None
    info = _set_status(state, e.speaker_id, "spoken")
    session = state.session(info.session_id)
    session.spoken.append(info.id)
    session.floor_used += e.spoken
    state.spoken_seconds[info.id] = e.spoken


# -- sessions, the list, the display -----------------------------------------------------


def _opened(state: MeetingState, e: ev.SessionOpened, mono: float, n: Notices) -> None:
    session = state.session(e.session_id)
    if session.opened_at is None:
        session.opened_at, session.opened_mono = e.at, mono
    session.closed_mono = None
    state.open_session_id = e.session_id


def _closed(state: MeetingState, e: ev.SessionClosed, mono: float, n: Notices) -> None:
    state.session(e.session_id).closed_mono = mono
    if state.open_session_id == e.session_id:
        state.open_session_id = None


def _list_closed(state: MeetingState, e: ev.ListClosed, mono: float, n: Notices) -> None:
    state.session(e.session_id).list_open = False


def _list_reopened(state: MeetingState, e: ev.ListReopened, mono: float, n: Notices) -> None:
    state.session(e.session_id).list_open = True


def _frozen_top(state: MeetingState, e: ev.FrozenTopSet, mono: float, n: Notices) -> None:
    widest = max(state.frozen_top, e.count)
    state.frozen_top = e.count
    for session in state.sessions.values():
        session.queue.recheck(e.count)
    if n is not None:
        for session_id, session in state.sessions.items():
            if widest and len(session.queue):
                n.append(RowsChanged(session_id, 0, min(widest, len(session.queue) - 1)))


def _blanked(state: MeetingState, e: ev.DisplayBlanked, mono: float, n: Notices) -> None:
    state.blank = e.blank


def _message(state: MeetingState, e: ev.DisplayMessage, mono: float, n: Notices) -> None:
    state.message = e.text
    if e.text:
        state.last_message = e.text


_HANDLERS: dict[type[Any], Callable[[MeetingState, Any, float, Notices], None]] = {
    ev.SessionOpened: _opened,
    ev.SessionClosed: _closed,
    ev.ListClosed: _list_closed,
    ev.ListReopened: _list_reopened,
    ev.FrozenTopSet: _frozen_top,
    ev.SpeakerInscribed: _inscribed,
    ev.SpeakerEdited: _edited,
    ev.SpeakerWithdrawn: _withdrawn,
    ev.SpeakerMoved: _moved,
    ev.SpeakerMarkedAbsent: _marked_absent,
    ev.SpeakerRecalled: _recalled,
    ev.SpeakerCalled: _called,
    ev.TimerStarted: _timer_started,
    ev.TimerPaused: _timer_paused,
    ev.LimitChanged: _limit_changed,
    ev.TimerReset: _timer_reset,
    ev.InterventionEnded: _ended,
    ev.DisplayBlanked: _blanked,
    ev.DisplayMessage: _message,
}
