"""Random command sequences keep the meeting's invariants (hypothesis, stateful)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from floorclock.core.clock import FakeClock
from floorclock.core.history import undone_actions
from floorclock.core.meeting import CommandRefused, Meeting
from floorclock.core.notices import Notice, apply_to_mirror

from .agendas import CATEGORIES, make_agenda

SESSIONS = ["session-1", "session-2"]
CATEGORY_IDS = [c["id"] for c in CATEGORIES]


class MeetingMachine(RuleBasedStateMachine):
    """Drives a meeting with anything a console could send, refused commands included."""

    meeting: Meeting
    clock: FakeClock

    @initialize(
        policy=st.sampled_from(["precedence", "inscription", "alternate"]),
        frozen=st.integers(0, 3),
    )
    def start(self, policy: str, frozen: int) -> None:
        self.clock = FakeClock()
        self.meeting = Meeting(make_agenda(ordering=policy, frozen_top=frozen), self.clock)
        self.meeting._BASE_LAG = 6  # type: ignore[misc]  # undo often starts from the base
        self.mirrors: dict[str, list[str]] = {s: [] for s in [*SESSIONS, "opening", "closing"]}
        self.meeting.subscribe(self.hear)
        self.wall_jumped = False

    def hear(self, notice: Notice) -> None:
        session_id = getattr(notice, "session_id", None)
        if session_id is not None:
            fresh = self.meeting.waiting(session_id).ids()
            apply_to_mirror(self.mirrors[session_id], notice, fresh)

    def attempt(self, command: Any, *args: Any, **kwargs: Any) -> None:
        before = len(self.meeting.events)
        try:
            command(*args, **kwargs)
        except CommandRefused as refusal:
            message = str(refusal)
        else:
            return
        assert message.endswith(".")
        assert len(self.meeting.events) == before

    def pick(self, data: st.DataObject, pool: list[str]) -> str | None:
        return data.draw(st.sampled_from(pool)) if pool else None

    def any_speaker(self, data: st.DataObject) -> str:
        known = list(self.meeting._s.speakers) or ["s1"]
        return data.draw(st.sampled_from(known))

    # -- the list --------------------------------------------------------------------

    @rule(
        session=st.sampled_from(SESSIONS),
        category=st.sampled_from(CATEGORY_IDS),
        group=st.booleans(),
        limit=st.none() | st.sampled_from([0, 60, 180, 4000]),
        name=st.sampled_from(["Ms Dupont", " Mr\nSilva ", "", "Amb. Okafor"]),
    )
    def inscribe(
        self, session: str, category: str, group: bool, limit: int | None, name: str
    ) -> None:
        self.attempt(
            self.meeting.inscribe,
            name,
            category,
            session_id=session,
            group="African Group" if group else None,
            time_limit=limit,
        )

    @rule(
        session=st.none() | st.sampled_from(SESSIONS),
        names=st.lists(st.sampled_from(["Ms Dupont", "", "Amb. Okafor", "Dr Lee"]), max_size=4),
        category=st.sampled_from(CATEGORY_IDS),
    )
    def inscribe_many(self, session: str | None, names: list[str], category: str) -> None:
        """An import: one action, refused entries in place, the rest inscribed."""
        entries = [{"name": name, "category": category} for name in names]
        self.attempt(self.meeting.inscribe_many, entries, session_id=session)

    @rule(data=st.data())
    def withdraw(self, data: st.DataObject) -> None:
        self.attempt(self.meeting.withdraw, self.any_speaker(data))

    @rule(data=st.data(), position=st.integers(0, 12))
    def move(self, data: st.DataObject, position: int) -> None:
        self.attempt(self.meeting.move, self.any_speaker(data), position)

    @rule(data=st.data(), category=st.sampled_from(CATEGORY_IDS), group=st.booleans())
    def edit(self, data: st.DataObject, category: str, group: bool) -> None:
        self.attempt(
            self.meeting.edit_speaker,
            self.any_speaker(data),
            category=category,
            group="GRULAC" if group else None,
        )

    @rule(data=st.data())
    def mark_absent(self, data: st.DataObject) -> None:
        chosen = data.draw(st.none() | st.just(self.any_speaker(data)))
        self.attempt(self.meeting.mark_absent, chosen)

    @rule(data=st.data())
    def recall(self, data: st.DataObject) -> None:
        self.attempt(self.meeting.recall, self.any_speaker(data))

    @rule()
    def toggle_list(self) -> None:
        self.attempt(self.meeting.toggle_list)

    @rule(count=st.integers(0, 3))
    def frozen_top(self, count: int) -> None:
        self.attempt(self.meeting.set_frozen_top, count)

    # -- sessions and the floor ------------------------------------------------------

    @rule(session=st.sampled_from(SESSIONS))
    def select(self, session: str) -> None:
        self.meeting.select_session(session)

    @rule(session=st.sampled_from(SESSIONS))
    def open_session(self, session: str) -> None:
        self.attempt(self.meeting.open_session, session)

    @rule()
    def close_session(self) -> None:
        self.attempt(self.meeting.close_session)

    @rule()
    def call_next(self) -> None:
        self.attempt(self.meeting.call_next)

    @rule(data=st.data())
    def call(self, data: st.DataObject) -> None:
        self.attempt(self.meeting.call, self.any_speaker(data))

    @rule(command=st.sampled_from(["start_timer", "pause_timer", "toggle_timer", "reset_timer",
                                   "end_intervention"]))  # fmt: skip
    def timer(self, command: str) -> None:
        self.attempt(getattr(self.meeting, command))

    @rule(seconds=st.sampled_from([30, 60, -30, -60, -200]))
    def extend(self, seconds: int) -> None:
        self.attempt(self.meeting.extend, seconds)

    @rule(seconds=st.sampled_from([45, 120, 0]))
    def set_limit(self, seconds: int) -> None:
        self.attempt(self.meeting.set_limit, seconds)

    @rule(seconds=st.integers(0, 200))
    def time_passes(self, seconds: int) -> None:
        self.clock.advance(seconds)

    @rule(seconds=st.sampled_from([-3600, 600]))
    def system_clock_changes(self, seconds: int) -> None:
        """Live timers ignore it; a replay places events by wall time, so it is not compared."""
        self.clock.jump_wall(seconds)
        self.wall_jumped = True

    @rule(blank=st.booleans(), message=st.sampled_from([None, "Break", "  "]))
    def display(self, blank: bool, message: str | None) -> None:
        self.attempt(self.meeting.set_blank, blank)
        self.attempt(self.meeting.show_message, message)

    # -- history ---------------------------------------------------------------------

    @rule()
    def undo(self) -> None:
        self.attempt(self.meeting.undo)

    @rule()
    def redo(self) -> None:
        self.attempt(self.meeting.redo)

    @precondition(lambda self: self.meeting.can_undo)
    @rule()
    def undo_then_redo(self) -> None:
        before = self.meeting.snapshot()
        self.meeting.undo()
        self.meeting.redo()
        assert self.meeting.snapshot() == before

    # -- invariants ------------------------------------------------------------------

    @invariant()
    def each_speaker_is_in_one_place(self) -> None:
        state = self.meeting._s
        places: Counter[str] = Counter()
        for session in state.sessions.values():
            places.update(session.queue.order)
            places.update(session.absent)
            places.update(session.spoken)
            for speaker_id in session.queue.order:
                assert state.speakers[speaker_id].status == "waiting"
            for speaker_id in session.absent:
                assert state.speakers[speaker_id].status == "absent"
        if state.floor is not None:
            places[state.floor.speaker_id] += 1
            assert state.speakers[state.floor.speaker_id].status == "floor"
        assert all(count == 1 for count in places.values()), places
        for info in state.speakers.values():
            assert (info.id in places) == (info.status != "withdrawn")

    @invariant()
    def spoken_time_is_never_negative(self) -> None:
        timer = self.meeting.timer()
        if timer is not None:
            assert timer.spoken >= 0
            assert timer.remaining >= 0
            assert timer.overtime >= 0
            assert 1 <= timer.limit <= 3600
        assert all(seconds >= 0 for seconds in self.meeting._s.spoken_seconds.values())
        for session_id in SESSIONS:
            assert self.meeting.session_clock(session_id).floor_used >= 0

    @invariant()
    def notices_reproduce_the_waiting_lists(self) -> None:
        for session_id, mirror in self.mirrors.items():
            assert mirror == self.meeting.waiting(session_id).ids(), session_id

    @invariant()
    def replay_gives_the_live_state(self) -> None:
        if self.wall_jumped:
            return
        events = self.meeting.events
        assert self.meeting._undone == undone_actions(events)
        replayed = Meeting.replay(events, self.clock)
        assert replayed.snapshot() == self.meeting.snapshot()
        assert replayed.can_undo == self.meeting.can_undo
        assert replayed.can_redo == self.meeting.can_redo

    @invariant()
    def forecast_and_rows_are_consistent(self) -> None:
        for session_id in SESSIONS:
            waiting = self.meeting.waiting(session_id)
            forecast = self.meeting.forecast(session_id)
            assert [e.speaker_id for e in forecast.entries] == waiting.ids()
            assert forecast.not_fitting == sum(not e.fits for e in forecast.entries)
            for index, row in enumerate(waiting):
                assert row.frozen == (index < self.meeting.frozen_top)
                assert row.reason


MeetingMachine.TestCase.settings = settings(
    MeetingMachine.TestCase.settings, stateful_step_count=40
)
TestMeetingInvariants = MeetingMachine.TestCase
