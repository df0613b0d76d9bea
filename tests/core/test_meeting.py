"""Every command of the meeting: what it does, what it refuses, what it tells the views."""

from __future__ import annotations

import pytest

from floorclock.core import events as ev
from floorclock.core.agenda import Agenda, parse_agenda
from floorclock.core.clock import FakeClock
from floorclock.core.meeting import CommandRefused, Meeting, clean_text
from floorclock.core.notices import (
    Changed,
    ListReset,
    Notice,
    RowMoved,
    RowsChanged,
    RowsInserted,
    RowsRemoved,
)

from .agendas import agenda_data, make_agenda


def ids(meeting: Meeting, session_id: str | None = None) -> list[str]:
    return meeting.waiting(session_id).ids()


@pytest.fixture
def heard(meeting: Meeting) -> list[Notice]:
    notices: list[Notice] = []
    meeting.subscribe(notices.append)
    return notices


def test_a_new_meeting_starts_with_its_agenda_and_pre_inscribed_speakers(
    clock: FakeClock,
) -> None:
    data = agenda_data()
    data["sessions"][1]["speakers"] = [
        {"name": "Ms Dupont", "delegation": "France", "category": "states"},
        {"name": "Mr Silva", "category": "local", "mode": "online"},
    ]
    written: list[ev.Event] = []
    meeting = Meeting(parse_agenda(data), clock, on_event=written.append)
    assert [e.type for e in written] == ["agenda_loaded", "speaker_inscribed", "speaker_inscribed"]
    assert {e.action for e in written} == {1}
    assert [e.seq for e in written] == [1, 2, 3]
    assert list(meeting.events) == written
    assert ids(meeting, "session-1") == ["s1", "s2"]
    assert meeting.speaker("s2").mode == "online"
    assert not meeting.can_undo


def test_texts_of_the_agenda_file_are_tidied_as_typed_ones_are(clock: FakeClock) -> None:
    """A direction override pasted into the file would reverse the whole line on screen."""
    data = agenda_data()
    data["meeting"]["title"] = "Expert meeting\n  on  local\tgovernments "
    data["sessions"][1]["speakers"] = [
        {
            "name": "\u202eMs Dupont",
            "delegation": "Fra\u0000nce",
            "category": "states",
            "note": "Speaks\nsecond \u202bafter the panel",
        },
        {"name": "\u202b\u202c", "category": "states"},
    ]
    with pytest.raises(ValueError, match=r"speakers\.1\.name\n.*at least 1 character"):
        parse_agenda(data)  # nothing is left of that name

    del data["sessions"][1]["speakers"][1]
    meeting = Meeting(parse_agenda(data), clock)
    assert meeting.agenda.meeting.title == "Expert meeting on local governments"
    first = meeting.speaker(ids(meeting, "session-1")[0])
    assert (first.name, first.delegation) == ("Ms Dupont", "France")
    assert first.note == "Speaks second after the panel"  # as a typed note would be


def test_inscribe_records_every_detail(meeting: Meeting, heard: list[Notice]) -> None:
    speaker_id = meeting.inscribe(
        "  Ms\tAïcha \n Benali ",
        "ngo",
        delegation=" Cités unies, Afrique ",
        mode="video",
        note="statement\nposted online",
        time_limit=90,
    )
    info = meeting.speaker(speaker_id)
    assert (info.name, info.delegation, info.note) == (
        "Ms Aïcha Benali",
        "Cités unies, Afrique",
        "statement posted online",
    )
    assert (info.category, info.mode, info.time_limit, info.status) == (
        "ngo",
        "video",
        90,
        "waiting",
    )
    assert info.session_id == "session-1"
    assert heard == [RowsInserted("session-1", 0, (info.id,)), Changed()]
    assert meeting.delegations() == ["Cités unies, Afrique"]


def test_inscribe_many_is_one_action_with_refusals_in_place(meeting: Meeting) -> None:
    meeting.inscribe("Mr. Already There", "states")
    actions_before = len({event.action for event in meeting.events})
    results = meeting.inscribe_many(
        [
            {"name": "Ms. Amina Diallo", "category": "states", "delegation": "Senegal"},
            {"name": "   ", "category": "states"},
            {"name": "M. Jean Dupont", "category": "local", "mode": "online"},
        ]
    )
    assert isinstance(results[1], CommandRefused)
    first, third = results[0], results[2]
    assert isinstance(first, str)
    assert isinstance(third, str)
    assert meeting.speaker(third).mode == "online"
    assert meeting.speaker(first).delegation == "Senegal"
    assert len({event.action for event in meeting.events}) == actions_before + 1
    assert [meeting.speaker(i).name for i in ids(meeting)] == [
        "Mr. Already There",
        "Ms. Amina Diallo",
        "M. Jean Dupont",
    ]
    meeting.undo()
    assert [meeting.speaker(i).name for i in ids(meeting)] == ["Mr. Already There"]


def test_inscribe_many_on_a_closed_list_is_refused(meeting: Meeting) -> None:
    meeting.close_list()
    with pytest.raises(CommandRefused, match="closed"):
        meeting.inscribe_many([{"name": "Ms. Amina Diallo", "category": "states"}])
    assert ids(meeting) == []


def test_clean_text_drops_control_characters() -> None:
    assert clean_text("A\x00b\u200cc  \r\n d\x7f") == "Ab\u200cc d"
    assert clean_text("\u202eMr. Reversed\u0007") == "Mr. Reversed"
    name = "\u200f\u0641\u0627\u0637\u0645\u0629\u200d"  # an RLM, Fatima, a joiner
    assert clean_text(name) == name


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": " \n\t "}, "name is empty"),
        ({"name": "x" * 201}, "201 characters long; shorten it to 200"),
        ({"category": "press"}, "no category 'press'"),
        ({"time_limit": 0}, "between 1 s and 1 hour"),
        ({"time_limit": 3601}, "between 1 s and 1 hour"),
        ({"mode": "phone"}, "not a way to take the floor"),
        ({"session_id": "lunch"}, "no session 'lunch'"),
        ({"session_id": "session-2", "category": "un"}, "may not take the floor"),
    ],
)
def test_inscribe_refusals(meeting: Meeting, kwargs: dict[str, object], message: str) -> None:
    given: dict[str, object] = {"name": "Ms Dupont", "category": "states", **kwargs}
    name, category = given.pop("name"), given.pop("category")
    with pytest.raises(CommandRefused, match=message):
        meeting.inscribe(name, category, **given)  # type: ignore[arg-type]
    assert len(meeting.events) == 1
    assert ids(meeting) == []


def test_a_closed_list_refuses_inscriptions_until_reopened(meeting: Meeting) -> None:
    meeting.close_list()
    assert not meeting.list_open()
    with pytest.raises(CommandRefused, match="closed: reopen it"):
        meeting.inscribe("Ms Dupont", "states")
    with pytest.raises(CommandRefused, match="already closed"):
        meeting.close_list()
    meeting.toggle_list()
    assert meeting.list_open()
    meeting.inscribe("Ms Dupont", "states")
    with pytest.raises(CommandRefused, match="already open"):
        meeting.reopen_list()


def test_edit_speaker(meeting: Meeting, heard: list[Notice]) -> None:
    speaker_id = meeting.inscribe("Ms Dupont", "states", delegation="France", time_limit=60)
    heard.clear()
    meeting.edit_speaker(speaker_id, name="Mme Dupont", delegation=None, time_limit=None)
    info = meeting.speaker(speaker_id)
    assert (info.name, info.delegation, info.time_limit) == ("Mme Dupont", None, None)
    assert heard == [RowsChanged("session-1", 0, 0), Changed()]
    events_before = len(meeting.events)
    meeting.edit_speaker(speaker_id, name=" Mme  Dupont ")  # no change: nothing happens
    assert len(meeting.events) == events_before
    with pytest.raises(CommandRefused, match="no colour to edit"):
        meeting.edit_speaker(speaker_id, colour="red")
    with pytest.raises(CommandRefused, match="no speaker 's99'"):
        meeting.edit_speaker("s99", name="X")


def test_withdraw(meeting: Meeting, heard: list[Notice]) -> None:
    first = meeting.inscribe("A", "states")
    second = meeting.inscribe("B", "states")
    heard.clear()
    meeting.withdraw(first)
    assert ids(meeting) == [second]
    assert meeting.speaker(first).status == "withdrawn"
    assert heard[0] == RowsRemoved("session-1", 0, 1)
    with pytest.raises(CommandRefused, match="nothing to withdraw"):
        meeting.withdraw(first)


def test_move_keeps_the_speaker_in_place(meeting: Meeting, heard: list[Notice]) -> None:
    meeting.set_frozen_top(0)
    a, b, c = (meeting.inscribe(n, "ngo") for n in "ABC")
    heard.clear()
    meeting.move(c, 0)
    assert ids(meeting) == [c, a, b]
    assert heard[0] == RowMoved("session-1", 2, 0)
    assert meeting.waiting()[0].manual
    d = meeting.inscribe("D", "states")  # higher precedence, but C stays first
    assert ids(meeting) == [c, d, a, b]
    meeting.move(c, 99)  # past the end: last place
    assert ids(meeting)[-1] == c
    meeting.undo()
    assert ids(meeting) == [c, d, a, b]


def test_call_next_ends_the_current_intervention(meeting: Meeting, clock: FakeClock) -> None:
    first = meeting.inscribe("A", "states")
    second = meeting.inscribe("B", "local")
    meeting.toggle_timer()  # nobody on the floor: calls the next
    floor = meeting.floor
    assert floor is not None
    assert floor.info.id == first
    assert floor.called_at.tzinfo is not None
    meeting.toggle_timer()
    clock.advance(30)
    meeting.call_next()
    assert meeting.floor is not None
    assert meeting.floor.info.id == second
    assert [s.id for s in meeting.spoken()] == [first]
    assert meeting.spoken_seconds(first) == 30
    assert meeting.undo_label == "Undo: call B"
    with pytest.raises(CommandRefused, match="Nobody is waiting"):
        meeting.call_next()


def test_call_a_given_speaker(meeting: Meeting) -> None:
    meeting.inscribe("A", "states")
    second = meeting.inscribe("B", "local")
    meeting.call(second)
    assert meeting.floor is not None
    assert meeting.floor.info.id == second
    with pytest.raises(CommandRefused, match="not on the waiting list"):
        meeting.call(second)


def test_absent_and_recall(meeting: Meeting, heard: list[Notice]) -> None:
    a, b, c = (meeting.inscribe(n, "states") for n in "ABC")
    meeting.call_next()
    meeting.mark_absent()  # the called speaker who has not started
    assert meeting.floor is None
    assert [s.id for s in meeting.absent()] == [a]
    meeting.mark_absent()  # nobody called: the next on the list
    assert [s.id for s in meeting.absent()] == [a, b]
    assert ids(meeting) == [c]
    heard.clear()
    meeting.recall(a)
    assert ids(meeting) == [a, c]
    assert meeting.waiting()[0].reason.endswith("re-called")
    assert heard[0] == RowsInserted("session-1", 0, (a,))
    with pytest.raises(CommandRefused, match="not marked absent"):
        meeting.recall(c)
    meeting.call_next()
    meeting.start_timer()
    with pytest.raises(CommandRefused, match="started speaking"):
        meeting.mark_absent(a)
    meeting.mark_absent()  # the floor is taken: the next on the list
    assert ids(meeting) == []
    meeting.withdraw(b)  # an absent speaker can be withdrawn
    assert [s.id for s in meeting.absent()] == [c]


def test_sessions_open_and_close(meeting: Meeting, clock: FakeClock) -> None:
    meeting.open_session("session-1")
    assert meeting.open_session_id == "session-1"
    meeting.inscribe("A", "states")
    meeting.call_next()
    meeting.start_timer()
    clock.advance(10)
    with pytest.raises(CommandRefused, match="already open"):
        meeting.open_session("session-1")
    meeting.open_session("session-2")  # closes session 1 and ends its intervention
    assert meeting.open_session_id == "session-2"
    assert meeting.floor is None
    assert meeting.spoken_seconds("s1") == 10
    assert meeting.current_session_id == "session-2"
    meeting.close_session()
    assert meeting.open_session_id is None
    with pytest.raises(CommandRefused, match="No session is open"):
        meeting.close_session()


def test_current_session_follows_the_schedule(agenda: Agenda, clock: FakeClock) -> None:
    meeting = Meeting(agenda, clock)
    assert meeting.current_session_id == "opening"  # 10:00 in Geneva
    clock.advance(3 * 3600)  # 13:00: the next is session 2
    assert meeting.current_session_id == "session-2"
    meeting.select_session("closing")
    assert meeting.current_session_id == "closing"
    rehearsal = Meeting(agenda, FakeClock(wall=clock.now().replace(month=9)))
    rehearsal.open_session("opening")
    rehearsal.close_session()
    assert rehearsal.current_session_id == "session-1"  # another day: the first not opened


def test_frozen_top_setting(meeting: Meeting, heard: list[Notice]) -> None:
    for name in "ABC":
        meeting.inscribe(name, "states")
    heard.clear()
    meeting.set_frozen_top(3)
    assert meeting.frozen_top == 3
    assert heard == [RowsChanged("session-1", 0, 2), Changed()]
    assert [row.frozen for row in meeting.waiting()] == [True, True, True]
    with pytest.raises(CommandRefused, match="between 0 and 20"):
        meeting.set_frozen_top(21)


def test_a_fraction_where_a_whole_number_belongs_is_refused_and_nothing_is_written(
    meeting: Meeting,
) -> None:
    """The journal keeps whole numbers: a fraction must not reach it (it would be skipped as
    a damaged line at the next start, and the meeting would resume without it)."""
    meeting.inscribe("A", "states")
    second = meeting.inscribe("B", "states")
    meeting.open_session("session-1")
    meeting.call_next()
    before = list(meeting.events)
    refused = [
        lambda: meeting.set_limit(150.5),  # type: ignore[arg-type]
        lambda: meeting.extend(30.5),  # type: ignore[arg-type]
        lambda: meeting.set_frozen_top(2.5),  # type: ignore[arg-type]
        lambda: meeting.move(second, 0.5),  # type: ignore[arg-type]
        lambda: meeting.extend(True),
    ]
    for command in refused:
        with pytest.raises(CommandRefused, match="whole number"):
            command()
    assert list(meeting.events) == before
    assert meeting.timer().limit == 120


def test_display_blank_and_message(meeting: Meeting) -> None:
    meeting.toggle_blank()
    assert meeting.display.blank
    assert meeting.undo_label == "Undo: blank the display"
    meeting.set_blank(True)  # already blank: no event
    meeting.show_message("  Coffee\nbreak ")
    assert meeting.display.message == "Coffee break"
    with pytest.raises(CommandRefused, match="shorten it to 120"):
        meeting.show_message("x" * 121)
    meeting.show_message(None)
    assert meeting.display.message is None
    assert sum(isinstance(e, ev.DisplayBlanked) for e in meeting.events) == 1


def test_the_message_comes_down_when_the_floor_changes_hands(meeting: Meeting) -> None:
    meeting.inscribe("Ms Long", "states")
    meeting.inscribe("Mr Next", "states")
    meeting.call_next()
    meeting.show_message("Please conclude")

    meeting.call_next()  # Mr Next is not told to conclude before he starts
    assert meeting.display.message is None
    assert meeting.undo_label == "Undo: call Mr Next"
    meeting.undo()  # one action: Ms Long has the floor again, and the message is back
    assert meeting.display.message == "Please conclude"

    meeting.end_intervention()
    assert meeting.display.message is None
    meeting.show_message("Coffee break until 11:30")  # nobody has the floor: it stays up
    meeting.toggle_blank()
    meeting.toggle_blank()
    assert meeting.display.message == "Coffee break until 11:30"
    meeting.call_next()
    assert meeting.display.message is None
    meeting.show_message("Please come to the podium")
    meeting.mark_absent()  # the one called is not in the room: the floor is empty again
    assert meeting.display.message is None


def test_the_last_message_shown_is_kept_through_a_replay(meeting: Meeting) -> None:
    assert meeting.display.last_message is None
    meeting.show_message("Please conclude")
    meeting.show_message("The list is closed. Be brief.")
    meeting.show_message(None)
    assert meeting.display.last_message == "The list is closed. Be brief."

    resumed = Meeting.replay(meeting.events, meeting.clock)  # as after a restart
    assert resumed.display.message is None
    assert resumed.display.last_message == "The list is closed. Be brief."
    meeting.undo()  # the second message is up again
    meeting.undo()  # and undone: the first is up, and the last shown
    assert meeting.display.last_message == "Please conclude"
    meeting.undo()
    assert meeting.display.last_message is None


def test_s_does_not_close_the_session_over_a_speaker(meeting: Meeting) -> None:
    meeting.inscribe("Ms Long", "states")
    meeting.toggle_session()
    meeting.call_next()
    before = len(meeting.events)

    with pytest.raises(CommandRefused, match="Ms Long has the floor: end the intervention"):
        meeting.toggle_session()
    assert len(meeting.events) == before
    assert meeting.open_session_id == "session-1"

    meeting.end_intervention()
    meeting.toggle_session()
    assert meeting.open_session_id is None


def test_a_very_long_name_is_cut_in_a_refusal_so_its_reason_shows(meeting: Meeting) -> None:
    long = "Mr. Abdulrahman bin Mohammed " * 6  # 174 characters, on behalf of a group
    meeting.inscribe(long, "states")
    meeting.toggle_session()
    meeting.call_next()

    with pytest.raises(CommandRefused) as refused:
        meeting.toggle_session()

    sentence = str(refused.value)
    assert sentence == (
        long[:59] + "… has the floor: end the intervention first (E), then S closes the session."
    )


def test_s_closes_a_session_whose_own_speakers_are_not_on_the_floor(meeting: Meeting) -> None:
    meeting.inscribe("A", "states")
    meeting.call_next()  # A, of session 1, has the floor; no session is open
    meeting.step_session(1)
    meeting.toggle_session()  # opens the next part of the agenda
    opened = meeting.open_session_id
    assert opened is not None

    meeting.toggle_session()  # A's speech is not this session's: S closes it

    assert meeting.open_session_id is None
    assert meeting.floor is not None


def test_load_an_edited_agenda(meeting: Meeting, heard: list[Notice]) -> None:
    meeting.inscribe("A", "ngo")
    meeting.inscribe("B", "states")
    heard.clear()
    meeting.load_agenda(make_agenda(ordering="inscription", speaking_time="3m"))
    assert meeting.agenda.defaults.ordering == "inscription"
    assert ListReset("session-1") in heard
    meeting.set_frozen_top(0)
    meeting.inscribe("C", "states")
    assert [row.info.name for row in meeting.waiting()] == ["A", "B", "C"]
    data = agenda_data()
    data["categories"] = [c for c in data["categories"] if c["id"] != "ngo"]
    del data["sessions"][2]["floor"]["categories"]
    with pytest.raises(CommandRefused, match="no category 'ngo'"):
        meeting.load_agenda(parse_agenda(data))


def test_undo_and_redo(meeting: Meeting, heard: list[Notice]) -> None:
    assert not meeting.can_undo
    with pytest.raises(CommandRefused, match="nothing to undo"):
        meeting.undo()
    a = meeting.inscribe("Ms Dupont", "states")
    meeting.call_next()
    assert meeting.undo_label == "Undo: call Ms Dupont"
    heard.clear()
    meeting.undo()
    assert meeting.floor is None
    assert ids(meeting) == [a]
    assert heard[-1] == Changed()
    assert ListReset("session-1") in heard
    assert meeting.can_redo
    assert meeting.redo_label == "Redo: call Ms Dupont"
    meeting.redo()
    assert meeting.floor is not None
    assert not meeting.can_redo
    meeting.undo()
    assert meeting.undo() == "inscribe Ms Dupont"  # what was taken back, for the status line
    assert ids(meeting) == []
    assert meeting.redo() == "inscribe Ms Dupont"  # named once back, not "the speaker"
    inscription = meeting.undoable_action
    assert inscription is not None
    meeting.undo()
    assert (meeting.undoable_action, meeting.redoable_action) == (None, inscription)
    meeting.redo()
    meeting.undo()
    meeting.inscribe("Mr Silva", "local")  # a new action: redo is gone
    assert not meeting.can_redo
    with pytest.raises(CommandRefused, match="nothing to redo"):
        meeting.redo()
    assert meeting.speaker("s2").name == "Mr Silva"  # ids are never reused


def test_undo_of_a_pause_or_an_end_keeps_the_timer_running(
    meeting: Meeting, clock: FakeClock
) -> None:
    meeting.inscribe("Ms Dupont", "states")
    meeting.call_next()
    meeting.start_timer()
    clock.advance(20)
    meeting.pause_timer()
    clock.advance(5)
    meeting.undo()
    timer = meeting.timer()
    assert timer is not None
    assert (timer.phase, timer.spoken) == ("running", 25)
    clock.advance(5)
    meeting.end_intervention()
    clock.advance(5)
    meeting.undo()
    timer = meeting.timer()
    assert timer is not None
    assert (timer.phase, timer.spoken) == ("running", 35)


def test_undo_far_back_past_the_base_state(agenda: Agenda, clock: FakeClock) -> None:
    meeting = Meeting(agenda, clock)
    meeting._BASE_LAG = 3  # type: ignore[misc]
    meeting.select_session("session-1")
    for name in "ABCDEFGH":
        meeting.inscribe(name, "states")
    meeting.call_next()
    for _ in range(9):
        meeting.undo()
    assert ids(meeting) == []
    for _ in range(9):
        meeting.redo()
    assert Meeting.replay(meeting.events, clock).snapshot() == meeting.snapshot()


def test_unsubscribe(meeting: Meeting) -> None:
    heard: list[Notice] = []
    stop = meeting.subscribe(heard.append)
    stop()
    stop()
    meeting.inscribe("A", "states")
    assert heard == []


def test_on_event_sees_each_event_before_it_is_applied(agenda: Agenda, clock: FakeClock) -> None:
    seen: list[tuple[str, int]] = []
    meeting: Meeting

    def journal(event: ev.Event) -> None:
        waiting = len(meeting.waiting("session-1")) if event.seq > 1 else 0
        seen.append((event.type, waiting))

    meeting = Meeting(agenda, clock, on_event=journal)
    meeting.inscribe("A", "states", session_id="session-1")
    assert seen == [("agenda_loaded", 0), ("speaker_inscribed", 0)]
    assert meeting.events[-1].at == clock.now()


def test_an_action_ends_once_after_its_events_and_before_listeners_hear(
    agenda: Agenda, clock: FakeClock
) -> None:
    """The journal syncs at ``on_action_end``: once per action, however many events it has,
    and before anyone is told (nothing is shown that a crash could lose)."""
    log: list[str] = []
    meeting = Meeting(
        agenda,
        clock,
        on_event=lambda event: log.append(event.type),
        on_action_end=lambda: log.append("end"),
    )
    meeting.subscribe(lambda notice: log.append("heard"))
    meeting.open_session("session-1")
    meeting.inscribe("A", "states")
    meeting.inscribe("B", "states")
    log.clear()
    meeting.call_next()
    assert log[: log.index("heard")] == ["speaker_called", "end"]
    log.clear()
    meeting.call_next()  # A's intervention ends, B is called: two events, one end
    assert log[: log.index("heard")] == ["intervention_ended", "speaker_called", "end"]
    assert log.count("end") == 1
    log.clear()
    meeting.undo()
    assert log[: log.index("heard")] == ["action_undone", "end"]
    log.clear()
    meeting.redo()
    assert log[: log.index("heard")] == ["action_redone", "end"]


def test_inscriptions_before_and_during_the_opening_go_to_the_first_panel(
    agenda: Agenda, clock: FakeClock
) -> None:
    meeting = Meeting(agenda, clock)  # 10:00 in Geneva: the opening, which has no floor
    assert meeting.current_session_id == "opening"
    assert meeting.list_session_id == "session-1"
    early = meeting.inscribe("Ms. Early Bird", "states")
    assert meeting.speaker(early).session_id == "session-1"
    meeting.open_session("opening")
    assert meeting.list_session_id == "session-1"
    meeting.open_session("session-2")
    assert meeting.list_session_id == "session-2"
    later = meeting.inscribe("Mr. Afternoon", "states")
    assert meeting.speaker(later).session_id == "session-2"
    meeting.open_session("closing")  # no floor, nothing after it has one: the closing itself
    assert meeting.list_session_id == "closing"


def test_calling_during_the_opening_says_where_the_inscribed_speakers_wait(
    agenda: Agenda, clock: FakeClock
) -> None:
    meeting = Meeting(agenda, clock)  # the opening is current; its list is the first panel's
    with pytest.raises(CommandRefused, match="inscribe a speaker first"):
        meeting.call_next()
    meeting.inscribe("Ms. Early Bird", "states")
    meeting.inscribe("Mr. Second", "states")
    with pytest.raises(CommandRefused) as refused:
        meeting.call_next()
    assert '2 wait on the list of "Session 1: Human rights cities"' in str(refused.value)
    assert "choose and open that session first" in str(refused.value)
    meeting.open_session("session-1")
    meeting.call_next()
    assert meeting.floor is not None


def test_the_chairs_session_keys_toggle_and_step(meeting: Meeting) -> None:
    meeting.select_session("opening")
    meeting.step_session(+1)
    assert meeting.current_session_id == "session-1"
    meeting.step_session(-5)  # past the start of the agenda: nothing moves
    assert meeting.current_session_id == "session-1"
    meeting.toggle_session()
    assert meeting.open_session_id == "session-1"
    with pytest.raises(CommandRefused, match="close it"):
        meeting.step_session(+1)
    meeting.toggle_session()
    assert meeting.open_session_id is None
