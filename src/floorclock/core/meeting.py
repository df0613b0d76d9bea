"""The meeting: commands in, events out, state folded from the events.

A command checks that it is allowed (else :class:`CommandRefused`, and nothing changes),
builds its events, hands each to ``on_event`` (the journal writes it first), then applies it
with :func:`floorclock.core.state.apply`, the same fold a replay uses. Once the whole command
is done, ``on_action_end`` is called (the journal makes the command's events durable, with one
``fsync`` however many they are), and only then do listeners hear what changed
(:mod:`floorclock.core.notices`).

Time: every event carries its wall-clock time, but durations are measured on the monotonic
clock. The meeting remembers, for each event, its instant on the monotonic timeline: the
clock's reading when a command made it, or, for events read back from a journal, the wall
time turned into the monotonic timeline (``monotonic() - (now() - at)``) at replay.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from floorclock.core import events as ev
from floorclock.core.agenda import (
    MAX_FROZEN_TOP,
    MAX_MESSAGE,
    MAX_NOTE,
    MAX_SPEAKING_SECONDS,
    Agenda,
    SpeakerMode,
    agenda_to_data,
    format_duration,
    parse_agenda,
)
from floorclock.core.clock import Clock
from floorclock.core.collector import collector_paused
from floorclock.core.events import Event
from floorclock.core.forecast import (
    Forecast,
    ForecastEntry,
    SessionClock,
    forecast,
    session_clock,
)
from floorclock.core.inputs import (
    CommandRefused,
    check_limit,
    clean_field,
    whole_number,
)
from floorclock.core.notices import Changed, ListReset, Notice
from floorclock.core.state import FloorState, MeetingState, SpeakerInfo, apply
from floorclock.core.text import clean_text, short_name
from floorclock.core.timing import TimerReading
from floorclock.core.views import DisplayState, FloorView, WaitingList, WaitingSpeaker

_EDITABLE = frozenset({"name", "delegation", "category", "mode", "group", "time_limit", "note"})


class Meeting:
    """One meeting's live state, its events, and every command the consoles can give."""

    def __init__(
        self,
        agenda: Agenda,
        clock: Clock,
        on_event: Callable[[Event], object] | None = None,
        on_action_end: Callable[[], object] | None = None,
    ) -> None:
        self._setup(clock, on_event, on_action_end)
        with self._action() as emit:
            emit(ev.AgendaLoaded, agenda=agenda_to_data(agenda), parsed=agenda)
            for session in agenda.sessions:
                for speaker in session.speakers:
                    emit(
                        ev.SpeakerInscribed,
                        speaker_id=self._next_speaker_id(),
                        session_id=session.id,
                        **dataclasses.asdict(speaker),
                    )

    @classmethod
    def replay(
        cls,
        events: Sequence[Event],
        clock: Clock,
        on_event: Callable[[Event], object] | None = None,
        on_action_end: Callable[[], object] | None = None,
    ) -> Meeting:
        """The meeting the events describe, as it stands now by ``clock``."""
        if not events or not isinstance(events[0], ev.AgendaLoaded):
            raise ValueError("a meeting's events start with the agenda (agenda_loaded)")
        meeting = cls.__new__(cls)
        meeting._setup(clock, on_event, on_action_end)
        # An event written on this run of the computer is placed by its own monotonic time;
        # any other by its wall time: mono = monotonic() - (now() - at).
        offset = clock.monotonic() - clock.now().timestamp()
        boot = clock.boot or None
        with collector_paused():
            for event in events:
                mono = event.mono
                if mono is None or boot is None or event.boot != boot:
                    mono = offset + event.at.timestamp()
                meeting._mono[event.seq] = mono
                meeting._track(event)
            meeting._events = list(events)
            meeting._refold(None)
        return meeting

    def _setup(
        self,
        clock: Clock,
        on_event: Callable[[Event], object] | None,
        on_action_end: Callable[[], object] | None,
    ) -> None:
        self.clock = clock
        self._on_event = on_event
        self._on_action_end = on_action_end
        self._events: list[Event] = []
        self._mono: dict[int, float] = {}
        """Each event's instant on the monotonic timeline, by seq."""
        self._agendas: dict[int, Agenda] = {}
        """Parsed agendas of the agenda_loaded events, by seq."""
        self._last_action = 0
        self._speaker_count = 0
        self._done: list[int] = []
        """Actions that count and can be undone, oldest first."""
        self._redoable: list[int] = []
        """Actions undone since the last new action, most recently undone last."""
        self._undone: set[int] = set()
        """Actions that do not count (as :func:`~floorclock.core.history.undone_actions`)."""
        self._first_seq: dict[int, int] = {}
        """Where each action starts in the journal (an action's events follow each other)."""
        self._base: MeetingState | None = None
        """The state some events back (see :meth:`_refold`), to undo without a full re-fold."""
        self._base_pos = 0
        """The base is the fold of the events up to this seq."""
        self._listeners: list[Callable[[Notice], None]] = []
        self._selected: str | None = None
        self._state: MeetingState | None = None

    # -- plumbing ------------------------------------------------------------------------

    @contextmanager
    def _action(self) -> Iterator[Callable[..., None]]:
        """One command: emit its events inside, and listeners hear about it at the end."""
        action = self._last_action + 1
        notices: list[Notice] = []

        def emit(kind: type[Any], parsed: Agenda | None = None, **fields: Any) -> None:
            event = self._record(kind, action, **fields)
            if parsed is not None:
                self._agendas[event.seq] = parsed
            self._state = self._apply(self._state, event, notices)

        try:
            yield emit
        finally:
            self._end_action()
        self._advance_base()
        self._tell([*_collapsed(notices), Changed()])

    def _end_action(self) -> None:
        """The action's events are all recorded: ``on_action_end`` (the journal syncs)."""
        if self._on_action_end is not None:
            self._on_action_end()

    def _record(self, kind: type[Any], action: int, **fields: Any) -> Event:
        """A new event of ``kind``, next in the journal, stamped with both clocks, written
        ahead (``on_event``: the journal) and kept; folding it is the caller's."""
        mono = self.clock.monotonic()
        event: Event = kind(
            seq=len(self._events) + 1,
            action=action,
            at=self.clock.now(),
            mono=mono,
            boot=self.clock.boot or None,
            **fields,
        )
        self._mono[event.seq] = mono
        if self._on_event is not None:
            self._on_event(event)
        self._events.append(event)
        self._track(event)
        return event

    def _tell(self, notices: list[Notice]) -> None:
        for listener in list(self._listeners):
            for notice in notices:
                listener(notice)

    def _apply(
        self, state: MeetingState | None, event: Event, notices: list[Notice] | None
    ) -> MeetingState:
        agenda = None
        if type(event) is ev.AgendaLoaded:
            agenda = self._agendas.get(event.seq)
            if agenda is None:
                agenda = self._agendas[event.seq] = parse_agenda(event.agenda)
        return apply(state, event, self._mono[event.seq], notices, agenda)

    def _track(self, event: Event) -> None:
        """Keep the counters and the undo and redo stacks in step with an event."""
        kind = type(event)
        if event.action != self._last_action:
            self._last_action = event.action
            self._first_seq[event.action] = event.seq
            if kind is ev.ActionUndone or kind is ev.ActionRedone:
                target = event.target  # type: ignore[union-attr]
                undo = kind is ev.ActionUndone
                _shift(target, self._done, self._redoable, undo)
                if undo:
                    self._undone.add(target)
                else:
                    self._undone.discard(target)
            else:
                self._redoable.clear()
                if event.action > 1:
                    self._done.append(event.action)
        if kind is ev.SpeakerInscribed:
            # the highest number given so far, not a count: a journal that lost a line (set
            # aside as damaged) must not give a new speaker the id of one still in it
            number = _speaker_number(event.speaker_id)  # type: ignore[union-attr]
            self._speaker_count = max(self._speaker_count + 1, number)

    def _next_speaker_id(self) -> str:
        return f"s{self._speaker_count + 1}"

    _BASE_LAG = 500
    """How many events the base state trails behind: undo re-folds at most about that many."""

    def _counts(self, event: Event) -> bool:
        """Whether an event makes the state: the rule of
        :func:`~floorclock.core.history.effective_events`, with the undone actions kept up to
        date as events come instead of gathered again each time."""
        return type(event) not in _MARKERS and event.action not in self._undone

    def _advance_base(self) -> None:
        """Bring the base state up to ``_BASE_LAG`` events behind the last event."""
        target = len(self._events) - self._BASE_LAG
        while self._base_pos < target:
            event = self._events[self._base_pos]
            self._base_pos += 1
            if self._counts(event):
                self._base = self._apply(self._base, event, None)

    def _refold(self, changed: int | None) -> None:
        """Build the state again from the events that count (after undo, redo, replay).

        When only events after the base changed (``changed`` is the first seq whose effect
        changed), the fold starts from a copy of the base; otherwise from the first event,
        leaving a new base on the way.
        """
        if changed is not None and self._base is not None and changed > self._base_pos:
            state: MeetingState | None = self._base.clone()
            undone = self._undone
            for event in self._events[self._base_pos :]:
                if type(event) not in _MARKERS and event.action not in undone:
                    state = self._apply(state, event, None)
        else:
            self._base, self._base_pos = None, 0
            target = len(self._events) - self._BASE_LAG
            state = None
            undone = self._undone
            with collector_paused():
                for event in self._events:
                    if type(event) in _MARKERS or event.action in undone:
                        continue
                    if event.seq > target and self._base_pos == 0 and state is not None:
                        self._base, self._base_pos = state.clone(), event.seq - 1
                    state = self._apply(state, event, None)
        assert state is not None
        self._state = state

    @property
    def _s(self) -> MeetingState:
        assert self._state is not None
        return self._state

    # -- reading -------------------------------------------------------------------------

    @property
    def events(self) -> Sequence[Event]:
        return self._events

    @property
    def agenda(self) -> Agenda:
        return self._s.agenda

    def subscribe(self, listener: Callable[[Notice], None]) -> Callable[[], None]:
        """Hear every notice; call the returned function to stop."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    @property
    def open_session_id(self) -> str | None:
        return self._s.open_session_id

    @property
    def current_session_id(self) -> str:
        """The open session, else the one selected, else the next by the schedule."""
        if self._s.open_session_id is not None:
            return self._s.open_session_id
        if self._selected is not None and self._selected in self._session_ids():
            return self._selected
        agenda = self.agenda
        now = self.clock.now().astimezone(agenda.meeting.zone)
        sessions = agenda.sessions
        if now.date() == agenda.meeting.date:
            upcoming = [s for s in sessions if agenda.scheduled_end(s.id) > now]
            return upcoming[0].id if upcoming else sessions[-1].id
        unopened = [s for s in sessions if self._s.session(s.id).opened_at is None]
        return (unopened or sessions)[0].id

    @property
    def list_session_id(self) -> str:
        """The session whose list of speakers is being kept: the current session if it has a
        floor segment, else the next one in the agenda that has one (before the opening
        session, inscriptions are for the first panel, not for the opening)."""
        current = self.current_session_id
        sessions = self.agenda.sessions
        start = self._session_ids().index(current)
        for session in sessions[start:]:
            if session.floor is not None:
                return session.id
        return current

    def _session_ids(self) -> list[str]:
        return [s.id for s in self.agenda.sessions]

    def _session(self, session_id: str | None) -> str:
        if session_id is None:
            return self.current_session_id
        if session_id not in self._session_ids():
            raise CommandRefused(f"There is no session {session_id!r} in the agenda.")
        return session_id

    def waiting(self, session_id: str | None = None) -> WaitingList:
        return WaitingList(self._s, self._session(session_id))

    def absent(self, session_id: str | None = None) -> Sequence[SpeakerInfo]:
        state = self._s
        return [state.speakers[i] for i in state.session(self._session(session_id)).absent]

    def spoken(self, session_id: str | None = None) -> Sequence[SpeakerInfo]:
        state = self._s
        return [state.speakers[i] for i in state.session(self._session(session_id)).spoken]

    def spoken_seconds(self, speaker_id: str) -> float | None:
        """How long a speaker spoke, once their intervention has ended."""
        return self._s.spoken_seconds.get(speaker_id)

    def speaker(self, speaker_id: str) -> SpeakerInfo:
        try:
            return self._s.speakers[speaker_id]
        except KeyError:
            raise CommandRefused(f"There is no speaker {speaker_id!r}.") from None

    @property
    def floor(self) -> FloorView | None:
        floor = self._s.floor
        if floor is None:
            return None
        zone = self.agenda.meeting.zone
        return FloorView(self._s.speakers[floor.speaker_id], floor.called_at.astimezone(zone))

    def timer(self, at: float | None = None) -> TimerReading | None:
        """The speaking timer now, or at the monotonic instant ``at`` if nothing happens
        before then (the ticker looks a few milliseconds ahead)."""
        floor = self._s.floor
        if floor is None:
            return None
        mono = self.clock.monotonic() if at is None else at
        return floor.timer.read(mono, self.agenda.defaults.warning)

    def list_open(self, session_id: str | None = None) -> bool:
        return self._s.session(self._session(session_id)).list_open

    @property
    def frozen_top(self) -> int:
        return self._s.frozen_top

    @property
    def display(self) -> DisplayState:
        return DisplayState(self._s.blank, self._s.message, self._s.last_message)

    def session_clock(self, session_id: str | None = None) -> SessionClock:
        return session_clock(self._s, self._session(session_id), self.clock)

    def forecast(self, session_id: str | None = None) -> Forecast:
        return forecast(self._s, self._session(session_id), self.clock)

    def delegations(self) -> list[str]:
        """Delegations known so far, for completion."""
        names = {s.delegation for s in self._s.speakers.values() if s.delegation}
        return sorted(names, key=str.casefold)

    def category_of(self, delegation: str) -> str | None:
        """The category a delegation was last inscribed in (matched without regard to case),
        so the form can offer it again; None for a delegation not met yet."""
        wanted = delegation.strip().casefold()
        found = None
        for speaker in self._s.speakers.values():  # in order of inscription: the last wins
            if speaker.delegation and speaker.delegation.casefold() == wanted:
                found = speaker.category
        return found

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._redoable)

    @property
    def newest_action(self) -> int:
        """The number of the latest action, an undo or a redo included (0 before any)."""
        return self._last_action

    @property
    def undoable_action(self) -> int | None:
        """The action Undo would take back (its number), or None."""
        return self._done[-1] if self._done else None

    @property
    def redoable_action(self) -> int | None:
        """The action Redo would do again (its number), or None."""
        return self._redoable[-1] if self._redoable else None

    @property
    def undo_label(self) -> str | None:
        return f"Undo: {self._describe(self._done[-1])}" if self._done else None

    @property
    def redo_label(self) -> str | None:
        return f"Redo: {self._describe(self._redoable[-1])}" if self._redoable else None

    def action_events(self, action: int) -> Sequence[Event]:
        """The events an action recorded, in order."""
        first = self._first_seq[action]
        following = self._first_seq.get(action + 1, len(self._events) + 1)
        return self._events[first - 1 : following - 1]

    def _describe(self, action: int) -> str:
        """Name an action after its last event (``call_next`` ends one speaker, calls another)."""
        following = self._first_seq.get(action + 1, len(self._events) + 1)
        return describe(self._events[following - 2], self._s)

    def snapshot(self) -> dict[str, Any]:
        """The whole state as plain data, to compare two meetings (times rounded to 1 ms)."""
        state = self._s
        timer = self.timer()
        return {
            "agenda": agenda_to_data(state.agenda),
            "frozen_top": state.frozen_top,
            "open_session": state.open_session_id,
            "display": (state.blank, state.message, state.last_message),
            "speakers": {
                sid: (
                    i.name,
                    i.delegation,
                    i.category,
                    i.mode,
                    i.group,
                    i.time_limit,
                    i.note,
                    i.inscribed_seq,
                    i.status,
                )
                for sid, i in state.speakers.items()
            },
            "sessions": {
                sid: {
                    "waiting": list(s.queue.order),
                    "manual": dict(s.queue.manual),
                    "absent": list(s.absent),
                    "spoken": list(s.spoken),
                    "list_open": s.list_open,
                    "opened_at": s.opened_at,
                    "elapsed": round(self.session_clock(sid).elapsed, 3)
                    if sid in self._session_ids()
                    else None,
                    "floor_used": round(s.floor_used, 3),
                }
                for sid, s in state.sessions.items()
            },
            "spoken_seconds": {k: round(v, 3) for k, v in state.spoken_seconds.items()},
            "floor": None
            if state.floor is None or timer is None
            else (
                state.floor.speaker_id,
                timer.phase,
                timer.limit,
                timer.extensions,
                round(timer.spoken, 3),
            ),
        }

    # -- sessions ------------------------------------------------------------------------

    def select_session(self, session_id: str) -> None:
        """Which session's list the consoles show while none is open (not an event)."""
        self._selected = self._session(session_id)
        self._tell([Changed()])

    def open_session(self, session_id: str) -> None:
        """Open a session: its clock starts now. Closes any other open session first."""
        session_id = self._session(session_id)
        current = self._s.open_session_id
        if current == session_id:
            raise CommandRefused(f"{self._title(session_id)} is already open.")
        with self._action() as emit:
            if current is not None:
                self._end_floor_in(current, emit)
                emit(ev.SessionClosed, session_id=current)
            emit(ev.SessionOpened, session_id=session_id)

    def close_session(self) -> None:
        current = self._s.open_session_id
        if current is None:
            raise CommandRefused("No session is open, so there is none to close.")
        with self._action() as emit:
            self._end_floor_in(current, emit)
            emit(ev.SessionClosed, session_id=current)

    def toggle_session(self) -> None:
        """S at the podium: close the open session, or open the current part of the agenda.

        Not while a speaker has the floor: one key would end their intervention too (the
        close itself, :meth:`close_session`, ends it, for a caller that means to)."""
        current = self._s.open_session_id
        if current is not None:
            floor = self._s.floor
            if floor is not None and self._s.speakers[floor.speaker_id].session_id == current:
                name = self._s.speakers[floor.speaker_id].name
                raise CommandRefused(
                    f"{short_name(name)} has the floor: end the intervention first (E), "
                    "then S closes the session."
                )
            self.close_session()
        else:
            self.open_session(self.current_session_id)

    def step_session(self, step: int) -> None:
        """Page Up / Page Down: show the part of the agenda ``step`` places before or after
        the current one, to open it next (not while a session is open)."""
        if self._s.open_session_id is not None:
            raise CommandRefused(
                "A session is open: close it (S) before showing another part of the agenda."
            )
        ids = self._session_ids()
        index = ids.index(self.current_session_id) + step
        if 0 <= index < len(ids):
            self.select_session(ids[index])

    def _end_floor_in(self, session_id: str, emit: Callable[..., None]) -> None:
        """The intervention under way in a session that closes ends with it."""
        floor = self._s.floor
        if floor is not None and self._s.speakers[floor.speaker_id].session_id == session_id:
            self._emit_end(floor, emit)

    def _title(self, session_id: str) -> str:
        return f'"{self.agenda.session(session_id).title}"'

    # -- the list of speakers --------------------------------------------------------------

    def inscribe(
        self,
        name: str,
        category: str,
        *,
        delegation: str | None = None,
        mode: SpeakerMode = "room",
        group: str | None = None,
        time_limit: int | None = None,
        note: str = "",
        session_id: str | None = None,
    ) -> str:
        """Put a speaker on a session's list; returns their id ("s1", "s2", ...).

        Without ``session_id``, the list is :attr:`list_session_id`'s.
        """
        session_id = self._session(session_id or self.list_session_id)
        if not self._s.session(session_id).list_open:
            raise CommandRefused(
                f"The list of speakers of {self._title(session_id)} is closed: "
                "reopen it to inscribe a speaker."
            )
        fields = self._clean_speaker(
            session_id,
            name=name,
            category=category,
            delegation=delegation,
            mode=mode,
            group=group,
            time_limit=time_limit,
            note=note,
        )
        speaker_id = self._next_speaker_id()
        with self._action() as emit:
            emit(ev.SpeakerInscribed, speaker_id=speaker_id, session_id=session_id, **fields)
        return speaker_id

    def inscribe_many(
        self, speakers: Sequence[Mapping[str, Any]], *, session_id: str | None = None
    ) -> list[str | CommandRefused]:
        """Put several speakers on a list as one action: an import that one undo takes back.

        Each entry holds :meth:`inscribe`'s fields (``name`` and ``category`` at least). The
        answer has one item per entry, in order: the new speaker's id, or the refusal that
        kept that entry off the list (the others are inscribed all the same).
        """
        session_id = self._session(session_id or self.list_session_id)
        if not self._s.session(session_id).list_open:
            raise CommandRefused(
                f"The list of speakers of {self._title(session_id)} is closed: "
                "reopen it to inscribe speakers."
            )
        checked: list[dict[str, Any] | CommandRefused] = []
        for given in speakers:
            entry = {"delegation": None, "mode": "room", "group": None, "time_limit": None}
            entry |= {"note": "", **given}
            try:
                checked.append(self._clean_speaker(session_id, **entry))
            except CommandRefused as refusal:
                checked.append(refusal)
        results: list[str | CommandRefused] = []
        if all(isinstance(fields, CommandRefused) for fields in checked):
            return [fields for fields in checked if isinstance(fields, CommandRefused)]
        with self._action() as emit:
            for fields in checked:
                if isinstance(fields, CommandRefused):
                    results.append(fields)
                    continue
                speaker_id = self._next_speaker_id()
                emit(ev.SpeakerInscribed, speaker_id=speaker_id, session_id=session_id, **fields)
                results.append(speaker_id)
        return results

    def _clean_speaker(self, session_id: str, **given: Any) -> dict[str, Any]:
        """Check and tidy speaker fields; only the ones given come back."""
        out: dict[str, Any] = {}
        if "name" in given:
            out["name"] = clean_field(given["name"], "name", required=True)
        for optional in ("delegation", "group"):
            if optional in given:
                value = given[optional]
                out[optional] = clean_field(value, optional, required=False) if value else None
        if "note" in given:
            out["note"] = clean_field(given["note"] or "", "note", required=False, limit=MAX_NOTE)
        if "category" in given:
            out["category"] = self._check_category(session_id, given["category"])
        if "mode" in given:
            if given["mode"] not in ("room", "online", "video"):
                raise CommandRefused(
                    f"{given['mode']!r} is not a way to take the floor: "
                    "choose in the room, online or video."
                )
            out["mode"] = given["mode"]
        if "time_limit" in given:
            limit = given["time_limit"]
            out["time_limit"] = None if limit is None else check_limit(int(limit))
        return out

    def _check_category(self, session_id: str, category: str) -> str:
        known = [c.id for c in self.agenda.categories]
        if category not in known:
            raise CommandRefused(
                f"There is no category {category!r}: choose one of {', '.join(known)}."
            )
        floor = self.agenda.session(session_id).floor
        if floor is not None and floor.categories is not None and category not in floor.categories:
            allowed = ", ".join(self.agenda.category(c).name for c in floor.categories)
            raise CommandRefused(
                f"{self.agenda.category(category).name} may not take the floor in "
                f"{self._title(session_id)}; allowed: {allowed}."
            )
        return category

    def edit_speaker(self, speaker_id: str, **changes: Any) -> None:
        """Change some of a speaker's details (name, delegation, category, mode, group,
        time_limit, note). ``None`` clears delegation, group and time_limit."""
        info = self.speaker(speaker_id)
        unknown = set(changes) - _EDITABLE
        if unknown:
            raise CommandRefused(f"A speaker has no {', '.join(sorted(unknown))} to edit.")
        cleaned = self._clean_speaker(info.session_id, **changes)
        fields: dict[str, Any] = {}
        for key, value in cleaned.items():
            if value == getattr(info, key):
                continue
            if value is None:  # the event says "clear" with an empty value
                value = 0 if key == "time_limit" else ""
            fields[key] = value
        if not fields:
            return
        with self._action() as emit:
            emit(ev.SpeakerEdited, speaker_id=speaker_id, **fields)

    def withdraw(self, speaker_id: str) -> None:
        """Take a waiting or absent speaker off the list."""
        info = self.speaker(speaker_id)
        if info.status not in ("waiting", "absent"):
            raise CommandRefused(
                f"{short_name(info.name)} is not waiting to speak ({_STATUS_WORDS[info.status]}), "
                "so there is nothing to withdraw."
            )
        with self._action() as emit:
            emit(ev.SpeakerWithdrawn, speaker_id=speaker_id)

    def move(self, speaker_id: str, position: int) -> None:
        """Put a waiting speaker at ``position`` (0 = next); they stay there by hand."""
        position = whole_number(position, "place")
        info = self._waiting_speaker(speaker_id)
        queue = self._s.session(info.session_id).queue
        position = max(0, min(position, len(queue) - 1))
        if queue.index(speaker_id) == position and speaker_id in queue.manual:
            return
        with self._action() as emit:
            emit(ev.SpeakerMoved, speaker_id=speaker_id, position=position)

    def _waiting_speaker(self, speaker_id: str) -> SpeakerInfo:
        info = self.speaker(speaker_id)
        if info.status != "waiting":
            raise CommandRefused(
                f"{short_name(info.name)} is not on the waiting list "
                f"({_STATUS_WORDS[info.status]})."
            )
        return info

    def mark_absent(self, speaker_id: str | None = None) -> None:
        """Pass over a speaker who is not there; by default the one called who has not
        started speaking, else the next on the list. They can be re-called later."""
        floor = self._s.floor
        if speaker_id is None:
            if floor is not None and not floor.timer.started:
                speaker_id = floor.speaker_id
            else:
                speaker_id = self._head(self.current_session_id)
        info = self.speaker(speaker_id)
        on_floor = floor is not None and floor.speaker_id == speaker_id
        if on_floor and floor is not None and floor.timer.started:
            raise CommandRefused(
                f"{short_name(info.name)} has started speaking: end the intervention instead."
            )
        if not on_floor:
            self._waiting_speaker(speaker_id)
        with self._action() as emit:
            if on_floor:
                self._take_down_message(emit)
            emit(ev.SpeakerMarkedAbsent, speaker_id=speaker_id)

    def recall(self, speaker_id: str) -> None:
        """Put an absent speaker back at the head of the list."""
        info = self.speaker(speaker_id)
        if info.status != "absent":
            raise CommandRefused(
                f"{short_name(info.name)} is not marked absent ({_STATUS_WORDS[info.status]})."
            )
        with self._action() as emit:
            emit(ev.SpeakerRecalled, speaker_id=speaker_id)

    def close_list(self, session_id: str | None = None) -> None:
        session_id = self._session(session_id)
        if not self._s.session(session_id).list_open:
            raise CommandRefused(
                f"The list of speakers of {self._title(session_id)} is already closed."
            )
        with self._action() as emit:
            emit(ev.ListClosed, session_id=session_id)

    def reopen_list(self, session_id: str | None = None) -> None:
        session_id = self._session(session_id)
        if self._s.session(session_id).list_open:
            raise CommandRefused(
                f"The list of speakers of {self._title(session_id)} is already open."
            )
        with self._action() as emit:
            emit(ev.ListReopened, session_id=session_id)

    def toggle_list(self, session_id: str | None = None) -> None:
        if self.list_open(session_id):
            self.close_list(session_id)
        else:
            self.reopen_list(session_id)

    def set_frozen_top(self, count: int) -> None:
        """How many places at the top a late inscription cannot take (0 to 20)."""
        count = whole_number(count, "number of places")
        if not 0 <= count <= MAX_FROZEN_TOP:
            raise CommandRefused(
                f"Cannot freeze {count} places: choose between 0 and {MAX_FROZEN_TOP}."
            )
        if count == self._s.frozen_top:
            return
        with self._action() as emit:
            emit(ev.FrozenTopSet, count=count)

    # -- the floor -------------------------------------------------------------------------

    def _head(self, session_id: str) -> str:
        order = self._s.session(session_id).queue.order
        if not order:
            kept = self.list_session_id
            waiting = len(self._s.session(kept).queue.order)
            if kept != session_id and waiting:
                raise CommandRefused(
                    f"Nobody is waiting to speak in {self._title(session_id)}. "
                    f"{waiting} wait{'s' if waiting == 1 else ''} on the list of "
                    f"{self._title(kept)}: choose and open that session first."
                )
            raise CommandRefused(
                f"Nobody is waiting to speak in {self._title(session_id)}: "
                "inscribe a speaker first."
            )
        return order[0]

    def call_next(self) -> None:
        """End the current intervention, if any, and give the floor to the head of the list."""
        self._call(self._head(self.current_session_id))

    def call(self, speaker_id: str) -> None:
        """Give the floor to a given waiting speaker (ending the current intervention)."""
        self._waiting_speaker(speaker_id)
        self._call(speaker_id)

    def _call(self, speaker_id: str) -> None:
        info = self._s.speakers[speaker_id]
        limit = info.time_limit or self.agenda.floor_speaking_time(info.session_id)
        with self._action() as emit:
            if self._s.floor is not None:
                self._emit_end(self._s.floor, emit)
            self._take_down_message(emit)
            emit(ev.SpeakerCalled, speaker_id=speaker_id, limit=limit)

    def _floor(self) -> FloorState:
        if self._s.floor is None:
            raise CommandRefused("Nobody has the floor: call a speaker first.")
        return self._s.floor

    def start_timer(self) -> None:
        floor = self._floor()
        if floor.timer.running:
            raise CommandRefused("The timer is already running.")
        with self._action() as emit:
            emit(ev.TimerStarted, speaker_id=floor.speaker_id)

    def pause_timer(self) -> None:
        floor = self._floor()
        if not floor.timer.running:
            raise CommandRefused("The timer is not running, so it cannot be paused.")
        with self._action() as emit:
            emit(
                ev.TimerPaused,
                speaker_id=floor.speaker_id,
                spoken=floor.timer.spoken(self.clock.monotonic()),
            )

    def toggle_timer(self) -> None:
        """Start, pause or resume the timer; with nobody on the floor, call the next speaker."""
        if self._s.floor is None:
            self.call_next()
        elif self._s.floor.timer.running:
            self.pause_timer()
        else:
            self.start_timer()

    def extend(self, seconds: int) -> None:
        """Give the current speaker more time (negative: less)."""
        floor = self._floor()
        seconds = whole_number(seconds, "number of seconds")
        if seconds == 0:
            raise CommandRefused("Extend by how much? Give a number of seconds other than 0.")
        new_limit = floor.timer.limit + seconds
        if not 1 <= new_limit <= MAX_SPEAKING_SECONDS:
            raise CommandRefused(
                f"That would make the limit {format_duration(max(new_limit, 0))}; "
                "a limit stays between 1 s and 1 hour."
            )
        with self._action() as emit:
            emit(ev.LimitChanged, speaker_id=floor.speaker_id, seconds=seconds)

    def set_limit(self, seconds: int) -> None:
        """Set the current speaker's limit to ``seconds`` in all."""
        floor = self._floor()
        seconds = check_limit(seconds)
        if seconds == floor.timer.limit:
            return
        self.extend(seconds - floor.timer.limit)

    def reset_timer(self) -> None:
        """Back to ready, nothing spoken; the limit stays as it is."""
        floor = self._floor()
        with self._action() as emit:
            emit(ev.TimerReset, speaker_id=floor.speaker_id)

    def end_intervention(self) -> None:
        floor = self._floor()
        with self._action() as emit:
            self._emit_end(floor, emit)

    def _emit_end(self, floor: FloorState, emit: Callable[..., None]) -> None:
        spoken = floor.timer.spoken(self.clock.monotonic())
        self._take_down_message(emit)
        emit(ev.InterventionEnded, speaker_id=floor.speaker_id, spoken=spoken)

    def _take_down_message(self, emit: Callable[..., None]) -> None:
        """The message on the display ("Please conclude") was for the speaker who had the
        floor: it comes down, in the same action, when the floor changes hands, so the next
        speaker is never told to conclude before starting (M shows it again)."""
        if self._s.message is not None:
            emit(ev.DisplayMessage, text=None)

    # -- the room display ------------------------------------------------------------------

    def set_blank(self, blank: bool) -> None:
        if blank == self._s.blank:
            return
        with self._action() as emit:
            emit(ev.DisplayBlanked, blank=blank)

    def toggle_blank(self) -> None:
        self.set_blank(not self._s.blank)

    def show_message(self, text: str | None) -> None:
        """Show a short message on the room display; None (or empty) takes it down."""
        # text that is only control characters is a mistake to explain, not a "take down"
        required = bool(text and text.strip())
        cleaned = clean_field(text, "message", required=required, limit=MAX_MESSAGE) if text else ""
        message = cleaned or None
        if message == self._s.message:
            return
        with self._action() as emit:
            emit(ev.DisplayMessage, text=message)

    # -- the agenda ------------------------------------------------------------------------

    def load_agenda(self, agenda: Agenda) -> None:
        """Run the rest of the meeting on an edited agenda.

        Refused if a speaker still waiting, absent or on the floor would lose their session or
        category.
        """
        sessions = {s.id for s in agenda.sessions}
        categories = {c.id for c in agenda.categories}
        for info in self._s.speakers.values():
            if info.status not in ("waiting", "absent", "floor"):
                continue
            if info.session_id not in sessions:
                raise CommandRefused(
                    f"The new agenda has no session {info.session_id!r}, "
                    f"but {short_name(info.name)} is "
                    "on its list: keep the session, or withdraw its speakers first."
                )
            if info.category not in categories:
                raise CommandRefused(
                    f"The new agenda has no category {info.category!r}, "
                    f"but {short_name(info.name)} is "
                    "in it: keep the category, or edit the speaker first."
                )
        if self._s.open_session_id is not None and self._s.open_session_id not in sessions:
            raise CommandRefused(
                f"The new agenda has no session {self._s.open_session_id!r}, which is open: "
                "close it first."
            )
        with self._action() as emit:
            emit(ev.AgendaLoaded, agenda=agenda_to_data(agenda), parsed=agenda)

    # -- undo and redo ---------------------------------------------------------------------

    def undo(self) -> str:
        """Take back the last action (as if it had never happened); returns what it was."""
        if not self._done:
            raise CommandRefused("There is nothing to undo.")
        target = self._done[-1]
        what = self._describe(target)  # before: once undone, the speaker it names may be gone
        self._history(ev.ActionUndone, target)
        return what

    def redo(self) -> str:
        """Do again what was undone, as long as nothing new happened since; returns what."""
        if not self._redoable:
            raise CommandRefused("There is nothing to redo.")
        target = self._redoable[-1]
        self._history(ev.ActionRedone, target)
        return self._describe(target)  # once done again: the speaker it names is back

    def _history(self, kind: type[Any], target: int) -> None:
        action = self._last_action + 1
        try:
            self._record(kind, action, target=target)
        finally:
            self._end_action()
        self._refold(self._first_seq[target])
        self._advance_base()
        self._tell([*(ListReset(s) for s in self._s.sessions), Changed()])


_MARKERS = (ev.ActionUndone, ev.ActionRedone)


def _collapsed(notices: list[Notice]) -> list[Notice]:
    """The notices of one action, with a list that was re-read told once, at the end.

    A :class:`ListReset` tells a view to read the list as it is when it hears it, which is
    after the whole action: row notices of the same list before or after it in that action
    would be applied to the wrong rows, so they give way to one reset.
    """
    reset = [n.session_id for n in notices if isinstance(n, ListReset)]
    if not reset:
        return notices
    kept = [n for n in notices if getattr(n, "session_id", None) not in reset]
    return [*kept, *(ListReset(session_id) for session_id in dict.fromkeys(reset))]


def _speaker_number(speaker_id: str) -> int:
    """The number in a speaker id such as ``s12`` (0 for an id of another form)."""
    digits = speaker_id[1:]
    return int(digits) if speaker_id[:1] == "s" and digits.isascii() and digits.isdigit() else 0


def _shift(action: int, done: list[int], redoable: list[int], undo: bool) -> None:
    """Move an action from the undo stack to the redo stack (or back)."""
    source, destination = (done, redoable) if undo else (redoable, done)
    if action in source:
        source.remove(action)
    destination.append(action)


_STATUS_WORDS = {
    "waiting": "waiting",
    "floor": "has the floor",
    "spoken": "has already spoken",
    "absent": "marked absent",
    "withdrawn": "withdrawn",
}


def _limit_words(event: Event, who: str) -> str:
    seconds = event.seconds if isinstance(event, ev.LimitChanged) else 0
    if seconds >= 0:
        return f"give {who} {format_duration(seconds)} more"
    return f"take {format_duration(-seconds)} from {who}"


def describe(event: Event, state: MeetingState) -> str:
    """A few words naming the action an event ends, for "Undo: ..." and "Redo: ..."."""
    speaker_id = getattr(event, "speaker_id", None)
    info = state.speakers.get(speaker_id) if isinstance(speaker_id, str) else None
    who = info.name if info else "the speaker"
    session_id = getattr(event, "session_id", None)
    try:
        where = state.agenda.session(session_id).title if isinstance(session_id, str) else ""
    except KeyError:
        where = str(session_id)
    words: dict[type[Any], str] = {
        ev.AgendaLoaded: "load the agenda",
        ev.SessionOpened: f"open {where}",
        ev.SessionClosed: f"close {where}",
        ev.ListClosed: "close the list",
        ev.ListReopened: "reopen the list",
        ev.FrozenTopSet: "change the frozen top",
        ev.SpeakerInscribed: f"inscribe {who}",
        ev.SpeakerEdited: f"edit {who}",
        ev.SpeakerWithdrawn: f"withdraw {who}",
        ev.SpeakerMoved: f"move {who}",
        ev.SpeakerMarkedAbsent: f"mark {who} absent",
        ev.SpeakerRecalled: f"re-call {who}",
        ev.SpeakerCalled: f"call {who}",
        ev.TimerStarted: f"start {who}'s timer",
        ev.TimerPaused: f"pause {who}'s timer",
        ev.LimitChanged: _limit_words(event, who),
        ev.TimerReset: f"reset {who}'s timer",
        ev.InterventionEnded: f"end {who}'s intervention",
        ev.DisplayBlanked: "blank the display"
        if getattr(event, "blank", True)
        else "show the display",
        ev.DisplayMessage: "change the display message",
    }
    return words.get(type(event), "the last action")


__all__ = [
    "CommandRefused",
    "DisplayState",
    "FloorView",
    "Forecast",
    "ForecastEntry",
    "Meeting",
    "SessionClock",
    "SpeakerInfo",
    "TimerReading",
    "WaitingList",
    "WaitingSpeaker",
    "clean_text",
]
