"""Session clocks, the forecast, replay, a system clock change and a restart mid-intervention."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from floorclock.core.agenda import Agenda
from floorclock.core.clock import FakeClock
from floorclock.core.events import event_to_json, parse_event
from floorclock.core.meeting import Meeting

BUNDLED = Path(__file__).parents[2] / "src" / "floorclock" / "data" / "agenda.yaml"


def local(meeting: Meeting, hh_mm_ss: str) -> datetime:
    """A time of the meeting day, in the meeting's zone."""
    parts = [int(p) for p in hh_mm_ss.split(":")]
    return datetime(2023, 8, 28, *parts, tzinfo=meeting.agenda.meeting.zone)


@pytest.fixture
def panel(meeting: Meeting, clock: FakeClock) -> Meeting:
    """Session 1 opened on time at 10:20; 32 speakers inscribed; the first has spoken 50 s."""
    clock.advance(20 * 60)
    meeting.open_session("session-1")
    for number in range(32):
        meeting.inscribe(f"Speaker {number + 1}", "states")
    meeting.call_next()
    meeting.start_timer()
    clock.advance(50)
    return meeting


def test_session_clock_of_an_open_session(panel: Meeting) -> None:
    times = panel.session_clock()
    assert times.scheduled_start == local(panel, "10:20")
    assert times.scheduled_end == local(panel, "12:00")
    assert times.actual_start == local(panel, "10:20")
    assert times.is_open
    assert (times.elapsed, times.left, times.overrun) == (50, 5950, 0)
    assert (times.floor_budget, times.floor_used, times.floor_left) == (3600, 50, 3550)


def test_overrun_and_a_closed_session_stops_counting(panel: Meeting, clock: FakeClock) -> None:
    clock.advance(6000)
    times = panel.session_clock()
    assert (times.elapsed, times.left, times.overrun) == (6050, 0, 50)
    assert times.floor_left == 0
    panel.close_session()
    clock.advance(600)
    assert panel.session_clock("session-1").elapsed == 6050
    assert not panel.session_clock("session-1").is_open


def test_a_session_not_yet_opened(panel: Meeting) -> None:
    times = panel.session_clock("session-2")
    assert (times.actual_start, times.elapsed, times.left) == (None, 0, 105 * 60)
    assert times.floor_used == 0
    forecast = panel.forecast("session-2")
    assert len(forecast.entries) == 0
    assert forecast.list_ends_at == local(panel, "15:00")  # starts at its scheduled time


def test_forecast_expected_starts_cutoff_and_overrun(panel: Meeting) -> None:
    forecast = panel.forecast()
    assert len(forecast.entries) == 31
    first = forecast.entries[0]
    assert (first.speaker_id, first.limit, first.fits) == ("s2", 120, True)
    assert first.expected_start == local(panel, "10:22:00")  # 70 s left for speaker 1
    assert forecast.entries[28].expected_start == local(panel, "11:18:00")
    assert forecast.entries[28].fits
    assert not forecast.entries[29].fits
    assert forecast.entries[-1].expected_start == local(panel, "11:22:00")
    assert (forecast.cutoff_index, forecast.not_fitting) == (29, 2)
    assert forecast.overrun_seconds == 240
    assert forecast.list_ends_at == local(panel, "11:24:00")
    assert forecast.entries[-1].expected_start.tzinfo == panel.agenda.meeting.zone
    assert [e.speaker_id for e in forecast.entries[:2]] == ["s2", "s3"]


def test_forecast_uses_own_limits_and_follows_changes(panel: Meeting) -> None:
    panel.edit_speaker("s2", time_limit=300)
    panel.extend(60)
    forecast = panel.forecast()
    assert forecast.entries[0].limit == 300
    assert forecast.entries[1].expected_start == local(panel, "10:28:00")
    assert forecast.overrun_seconds == 240 + 180 + 60


def test_rehearsal_on_another_day_counts_from_the_opening(agenda: Agenda) -> None:
    clock = FakeClock(wall=datetime(2023, 9, 5, 7, 0, tzinfo=UTC))  # 09:00 in Geneva
    meeting = Meeting(agenda, clock)
    meeting.open_session("session-1")
    clock.advance(100)
    times = meeting.session_clock()
    assert times.scheduled_start == local(meeting, "10:20")  # the schedule, shown beside
    assert times.actual_start == datetime(2023, 9, 5, 9, 0, tzinfo=agenda.meeting.zone)
    assert (times.elapsed, times.left) == (100, 5900)
    assert meeting.session_clock("session-2").left == 105 * 60
    meeting.inscribe("A", "states")
    assert meeting.forecast().entries[0].expected_start == clock.now().astimezone(
        agenda.meeting.zone
    )
    clock.advance(6000)
    assert meeting.session_clock().overrun == 100


def test_a_rehearsal_expects_a_later_sessions_speakers_at_its_hour_that_day(
    agenda: Agenda,
) -> None:
    clock = FakeClock(wall=datetime(2023, 9, 5, 8, 0, tzinfo=UTC))  # 10:00 in Geneva
    meeting = Meeting(agenda, clock)
    meeting.select_session("session-2")  # scheduled 15:00-16:45
    meeting.inscribe("A", "states")
    meeting.inscribe("B", "states")

    entries = meeting.forecast("session-2").entries
    assert entries[0].expected_start == datetime(2023, 9, 5, 15, 0, tzinfo=agenda.meeting.zone)
    assert entries[1].expected_start == datetime(2023, 9, 5, 15, 2, tzinfo=agenda.meeting.zone)
    clock.advance(6 * 3600)  # 16:00, the session not opened yet: from now
    assert meeting.forecast("session-2").entries[0].expected_start == clock.now()


def test_replay_gives_the_same_state(panel: Meeting, clock: FakeClock) -> None:
    panel.pause_timer()
    panel.extend(30)
    panel.move("s10", 0)
    panel.mark_absent("s3")
    panel.withdraw("s4")
    panel.show_message("Please keep to time")
    panel.undo()
    panel.call_next()
    lines = [event_to_json(event) for event in panel.events]
    events = [parse_event(line) for line in lines]
    assert Meeting.replay(events, clock).snapshot() == panel.snapshot()
    assert Meeting.replay(events, clock).undo_label == panel.undo_label


def test_replay_needs_an_agenda_first(clock: FakeClock, panel: Meeting) -> None:
    with pytest.raises(ValueError, match="start with the agenda"):
        Meeting.replay(panel.events[1:], clock)


def test_a_system_clock_change_does_not_move_a_running_timer(
    panel: Meeting, clock: FakeClock
) -> None:
    clock.jump_wall(3600)
    clock.advance(10)
    timer = panel.timer()
    assert timer is not None
    assert timer.spoken == 60
    assert panel.session_clock().elapsed == 60
    clock.jump_wall(-7200)
    panel.pause_timer()
    clock.advance(5)
    panel.start_timer()
    clock.advance(5)
    timer = panel.timer()
    assert timer is not None
    assert timer.spoken == 65
    panel.undo()  # the re-fold keeps each event's own monotonic instant
    timer = panel.timer()
    assert timer is not None
    assert timer.spoken == 60


def test_restart_mid_intervention_resumes_at_the_right_time(
    panel: Meeting, clock: FakeClock
) -> None:
    lines = [event_to_json(event) for event in panel.events]
    later = FakeClock(wall=clock.now() + timedelta(seconds=15), mono=5.0)  # a new process
    restarted = Meeting.replay([parse_event(line) for line in lines], later)
    timer = restarted.timer()
    assert timer is not None
    assert (timer.phase, timer.spoken) == ("running", pytest.approx(65))
    assert restarted.session_clock().elapsed == pytest.approx(65)
    later.advance(10)
    timer = restarted.timer()
    assert timer is not None
    assert timer.spoken == pytest.approx(75)
    restarted.pause_timer()
    assert restarted.events[-1].seq == len(lines) + 1


def test_restart_while_paused_uses_the_spoken_time_of_the_event(
    panel: Meeting, clock: FakeClock
) -> None:
    panel.pause_timer()
    later = FakeClock(wall=clock.now() + timedelta(hours=2), mono=0.0)
    timer = Meeting.replay(panel.events, later).timer()
    assert timer is not None
    assert (timer.phase, timer.spoken) == ("paused", 50)


def test_the_bundled_agenda_runs(clock: FakeClock) -> None:
    from floorclock.store.agenda_file import load_agenda

    agenda = load_agenda(BUNDLED)
    meeting = Meeting(agenda, clock)
    meeting.open_session("session-1")
    meeting.inscribe("Ms Dupont", "states")
    assert meeting.forecast().entries[0].limit == 120
    assert meeting.session_clock().floor_budget == 3600


def test_a_clock_change_then_a_restart_on_the_same_run_of_the_computer_moves_no_timer(
    agenda: Agenda,
) -> None:
    clock = FakeClock(boot="run-1")
    meeting = Meeting(agenda, clock)
    meeting.open_session("session-1")
    meeting.inscribe("Ms. Amina Diallo", "states")
    meeting.call_next()
    meeting.start_timer()
    clock.advance(10)
    clock.jump_wall(3600)  # the system clock is set an hour forward while she speaks
    clock.advance(5)
    lines = [event_to_json(event) for event in meeting.events]
    events = [parse_event(line) for line in lines]

    restarted = Meeting.replay(events, clock)  # a new process, same computer run
    timer = restarted.timer()
    assert timer is not None
    assert timer.spoken == pytest.approx(15)
    assert restarted.session_clock().elapsed == pytest.approx(15)

    # After a restart of the computer the monotonic clock starts again: wall time places
    # the events, and the change of the system clock shows (the known limit).
    rebooted = FakeClock(wall=clock.now(), mono=3.0, boot="run-2")
    timer = Meeting.replay(events, rebooted).timer()
    assert timer is not None
    assert timer.spoken == pytest.approx(3615)


def test_past_midnight_the_meeting_is_not_a_rehearsal(agenda: Agenda) -> None:
    clock = FakeClock(wall=datetime(2023, 8, 28, 8, 0, tzinfo=UTC))  # the meeting's day
    meeting = Meeting(agenda, clock)
    meeting.select_session("session-2")
    meeting.inscribe("A", "states")
    clock.advance(14.5 * 3600)  # 00:30 the next day in Geneva, the session never opened

    assert meeting.forecast("session-2").entries[0].expected_start == clock.now()
