"""The record built from a hand-made journal: two sessions, pauses, extensions, an undone end,
an absent and a withdrawn speaker."""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from journal_builders import AGENDA, ARABIC, CHINESE, ZOE, Script, meeting_events

from floorclock.core.agenda import parse_agenda
from floorclock.core.clock import FakeClock
from floorclock.core.meeting import Meeting
from floorclock.core.record import Record, build_record
from floorclock.store.journal import Journal, read_journal

ZURICH = ZoneInfo("Europe/Zurich")


@pytest.fixture(scope="module")
def record() -> Record:
    return build_record(meeting_events())


def _local(hour: int, minute: int, second: int) -> datetime:
    return datetime(2023, 8, 28, hour, minute, second, tzinfo=ZURICH)


def test_interventions_in_the_order_called(record: Record) -> None:
    assert [i.speaker_id for i in record.interventions] == ["p2", "p1", "p3", "p7"]


def test_an_intervention_with_a_pause_and_an_extension(record: Record) -> None:
    p2 = record.interventions[0]
    assert (p2.speaker, p2.delegation, p2.group) == (ARABIC, "Egypt", "Arab Group")
    assert (p2.session_id, p2.session_title) == ("s1", "Session 1: Human rights cities")
    assert (p2.category_id, p2.category_name) == ("states", "States")
    assert (p2.limit, p2.extensions, p2.allowed) == (120, 30, 150)
    assert p2.spoken == 160.0
    assert p2.overtime == 10.0
    assert p2.start == _local(10, 20, 15)
    assert p2.end == _local(10, 23, 25)
    assert p2.start is not None
    assert p2.start.utcoffset() == ZURICH.utcoffset(p2.start)
    assert p2.status == "ended"


def test_an_undone_end_counts_the_later_one(record: Record) -> None:
    p1 = record.interventions[1]
    assert p1.speaker == ZOE
    assert p1.spoken == 130.0
    assert p1.overtime == 10.0
    assert p1.start == _local(10, 23, 32)
    assert p1.end == _local(10, 25, 42)


def test_edits_and_reductions(record: Record) -> None:
    p3 = record.interventions[2]
    assert p3.delegation == "Shanghai Municipality"
    assert p3.mode == "online"
    assert (p3.extensions, p3.allowed, p3.overtime) == (-30, 90, 5.0)


def test_an_ongoing_intervention_counts_to_the_last_event(record: Record) -> None:
    p7 = record.interventions[3]
    assert p7.status == "ongoing"
    assert p7.end is None
    assert p7.spoken == 50.0
    assert record.ongoing
    assert record.as_of is not None
    assert record.as_of.timetz() == time(14, 33, 19, tzinfo=ZURICH)


def test_totals_per_session_and_category(record: Record) -> None:
    morning, afternoon = record.sessions
    assert (morning.session_id, morning.count, morning.spoken) == ("s1", 3, 385.0)
    assert [(t.category_id, t.count, t.spoken) for t in morning.by_category] == [
        ("states", 2, 290.0),
        ("lrg", 1, 95.0),
    ]
    assert (afternoon.count, afternoon.spoken) == (1, 50.0)
    assert [(t.category_name, t.count, t.spoken) for t in record.categories] == [
        ("States", 3, 340.0),
        ("Local and regional governments", 1, 95.0),
    ]


def test_who_was_not_heard(record: Record) -> None:
    morning, afternoon = record.sessions
    assert [(n.speaker, n.reason) for n in morning.not_heard] == [
        ("Absent Person", "absent"),
        ("Withdrawn Person", "withdrawn"),
    ]
    assert [(n.speaker_id, n.reason) for n in afternoon.not_heard] == [
        ("p6", "waiting"),
        ("p8", "called"),
    ]
    assert [n.speaker_id for n in record.not_heard] == ["p4", "p5", "p6", "p8"]


def test_the_meeting_heading(record: Record) -> None:
    assert record.meeting.title == "Expert meeting on local government and human rights"
    assert record.meeting.timezone == "Europe/Zurich"
    assert str(record.meeting.date) == "2023-08-28"


def test_redo_brings_an_undone_end_back() -> None:
    events = meeting_events()
    s = Script(events[-1].at)
    s.events = list(events)
    s.action = max(e.action for e in events)
    early = next(e.action for e in events if getattr(e, "spoken", None) == 90.0)
    s.wait(1).do("action_redone", target=early)
    p1 = build_record(s.events).interventions[1]
    assert p1.spoken == 90.0


def test_an_empty_journal_gives_an_empty_record() -> None:
    record = build_record([])
    assert record.interventions == ()
    assert record.sessions == ()
    assert record.as_of is None
    assert record.meeting.title == "Meeting"


# -- with the real meeting ---------------------------------------------------------------


def test_a_journaled_meeting_replays_to_the_same_record(tmp_path: Path) -> None:
    clock = FakeClock()
    path = tmp_path / "meetings" / "rehearsal.jsonl"
    with Journal(path) as journal:
        journal.load()
        meeting = Meeting(parse_agenda(AGENDA), clock, on_event=journal.append)
        meeting.open_session("s1")
        zoe = meeting.inscribe(ZOE, "states", delegation="Mexico")
        arabic = meeting.inscribe(ARABIC, "states", delegation="Egypt", group="Arab Group")
        absent = meeting.inscribe("Absent Person", "ngo")
        withdrawn = meeting.inscribe("Withdrawn Person", "ngo")
        chinese = meeting.inscribe(CHINESE, "lrg", mode="online")
        meeting.withdraw(withdrawn)
        meeting.call(arabic)
        meeting.start_timer()
        clock.advance(60)
        meeting.pause_timer()
        clock.advance(15)
        meeting.start_timer()
        meeting.extend(30)
        clock.advance(100)
        meeting.end_intervention()
        clock.advance(3)
        meeting.undo()  # the end was a mis-key: the speaker goes on
        clock.advance(20)
        meeting.end_intervention()
        meeting.call(zoe)
        meeting.start_timer()
        clock.advance(90.5)
        meeting.call(absent)
        meeting.mark_absent()
        meeting.call(chinese)
        meeting.start_timer()
        clock.advance(42)
        live = build_record(meeting.events)
        written = list(meeting.events)

    found = read_journal(path)
    assert found.problems == ()
    assert list(found.events) == written
    replayed = Meeting.replay(found.events, clock)
    assert build_record(replayed.events) == live

    speakers = {i.speaker_id: i for i in live.interventions}
    assert [i.speaker for i in live.interventions] == [ARABIC, ZOE, CHINESE]
    assert speakers[arabic].spoken == pytest.approx(183.0)  # 60 + 100 + 3 + 20
    assert speakers[arabic].extensions == 30
    assert speakers[arabic].overtime == pytest.approx(33.0)
    assert speakers[zoe].spoken == pytest.approx(90.5)
    assert speakers[chinese].status == "ongoing"
    assert speakers[chinese].spoken == pytest.approx(0.0)  # the journal knows only its start
    assert [(n.speaker_id, n.reason) for n in live.sessions[0].not_heard] == [
        (absent, "absent"),
        (withdrawn, "withdrawn"),
    ]
