"""The speaking timer: phases at exact times, extensions, reset, pauses, what a display shows."""

from __future__ import annotations

import pytest

from floorclock.core.clock import FakeClock
from floorclock.core.meeting import CommandRefused, Meeting
from floorclock.core.timing import SpeakingTimer, TimerReading


@pytest.fixture
def on_floor(meeting: Meeting) -> Meeting:
    """Ms Dupont (a State) has been called with the 2-minute limit; the timer is ready."""
    meeting.inscribe("Ms Dupont", "states", delegation="France")
    meeting.call_next()
    return meeting


def reading(meeting: Meeting) -> TimerReading:
    timer = meeting.timer()
    assert timer is not None
    return timer


def test_fake_clock_moves_only_when_told(clock: FakeClock) -> None:
    wall, mono = clock.now(), clock.monotonic()
    clock.advance(2.5)
    assert clock.monotonic() == mono + 2.5
    assert (clock.now() - wall).total_seconds() == 2.5
    clock.jump_wall(-3600)
    assert clock.monotonic() == mono + 2.5
    assert (clock.now() - wall).total_seconds() == 2.5 - 3600
    with pytest.raises(ValueError, match="forward"):
        clock.advance(-1)


def test_phases_at_exact_times(on_floor: Meeting, clock: FakeClock) -> None:
    assert reading(on_floor).phase == "ready"
    assert reading(on_floor).shown_seconds() == 120
    on_floor.start_timer()
    expected = [
        (0, "running", 120),
        (89.5, "running", 31),
        (90, "warning", 30),
        (119.5, "warning", 1),
        (120, "time_up", 0),
        (124.9, "time_up", 0),
        (125, "overtime", 5),
        (200.5, "overtime", 80),
    ]
    started = clock.monotonic()
    for at, phase, shown in expected:
        clock.advance(started + at - clock.monotonic())
        timer = reading(on_floor)
        assert (timer.phase, timer.shown_seconds()) == (phase, shown), at
    timer = reading(on_floor)
    assert timer.spoken == pytest.approx(200.5)
    assert timer.overtime == pytest.approx(80.5)
    assert timer.remaining == 0


def test_a_limit_shorter_than_twice_the_warning_is_amber_for_its_last_half(
    meeting: Meeting, clock: FakeClock
) -> None:
    meeting.inscribe("Mr Brief", "states", time_limit=20)  # the meeting's warning is 30 s
    meeting.call_next()
    meeting.start_timer()
    assert (reading(meeting).phase, reading(meeting).warning) == ("running", 10)
    clock.advance(9.5)
    assert reading(meeting).phase == "running"
    clock.advance(0.5)  # 10 s left
    assert reading(meeting).phase == "warning"

    meeting.extend(60)  # 80 s: the meeting's own 30 s warning again
    assert (reading(meeting).phase, reading(meeting).warning) == ("running", 30)


def test_the_timers_actions_name_the_speaker_for_undo_after_a_restart_too(
    on_floor: Meeting, clock: FakeClock
) -> None:
    on_floor.start_timer()
    assert on_floor.undo_label == "Undo: start Ms Dupont's timer"
    on_floor.extend(30)
    assert on_floor.undo_label == "Undo: give Ms Dupont 30s more"
    on_floor.extend(-30)
    resumed = Meeting.replay(on_floor.events, clock)
    assert resumed.undo_label == on_floor.undo_label == "Undo: take 30s from Ms Dupont"
    on_floor.pause_timer()
    assert on_floor.undo_label == "Undo: pause Ms Dupont's timer"


def test_next_flip_is_when_the_shown_second_changes(on_floor: Meeting, clock: FakeClock) -> None:
    assert reading(on_floor).next_flip_in() is None
    on_floor.start_timer()
    assert reading(on_floor).next_flip_in() == pytest.approx(1.0)
    clock.advance(0.25)
    assert reading(on_floor).next_flip_in() == pytest.approx(0.75)
    clock.advance(119.75 + 2)  # 2 s into time up: overtime digits start at 5 s
    assert reading(on_floor).next_flip_in() == pytest.approx(3.0)
    clock.advance(4.5)  # 6.5 s over
    assert reading(on_floor).next_flip_in() == pytest.approx(0.5)
    on_floor.pause_timer()
    assert reading(on_floor).next_flip_in() is None


def test_spoken_time_excludes_pauses(on_floor: Meeting, clock: FakeClock) -> None:
    on_floor.start_timer()
    clock.advance(40)
    on_floor.pause_timer()
    clock.advance(300)
    paused = reading(on_floor)
    assert (paused.phase, paused.spoken, paused.remaining) == ("paused", 40, 80)
    on_floor.toggle_timer()
    clock.advance(20)
    assert reading(on_floor).spoken == 60
    on_floor.end_intervention()
    assert on_floor.spoken_seconds("s1") == 60
    assert on_floor.session_clock().floor_used == 60


@pytest.mark.parametrize(
    ("change", "limit", "phase"),
    [(30, 150, "running"), (60, 180, "running"), (-30, 90, "warning"), (-60, 60, "overtime")],
)
def test_extend_and_reduce(
    on_floor: Meeting, clock: FakeClock, change: int, limit: int, phase: str
) -> None:
    on_floor.start_timer()
    clock.advance(70)
    on_floor.extend(change)
    timer = reading(on_floor)
    assert (timer.limit, timer.extensions, timer.phase) == (limit, change, phase)
    assert (timer.remaining, timer.overtime) == (max(limit - 70, 0), max(70 - limit, 0))


def test_reduce_into_overtime_and_set_limit(on_floor: Meeting, clock: FakeClock) -> None:
    on_floor.start_timer()
    clock.advance(100)
    on_floor.extend(-60)
    assert reading(on_floor).phase == "overtime"
    assert reading(on_floor).overtime == 40
    on_floor.set_limit(180)
    assert (reading(on_floor).limit, reading(on_floor).extensions) == (180, 60)
    with pytest.raises(CommandRefused, match="between 1 s and 1 hour"):
        on_floor.extend(-180)
    with pytest.raises(CommandRefused, match="between 1 s and 1 hour"):
        on_floor.set_limit(3601)
    with pytest.raises(CommandRefused, match="other than 0"):
        on_floor.extend(0)


def test_reset_keeps_the_limit_and_forgets_the_time(on_floor: Meeting, clock: FakeClock) -> None:
    on_floor.start_timer()
    clock.advance(50)
    on_floor.extend(30)
    on_floor.reset_timer()
    timer = reading(on_floor)
    assert (timer.phase, timer.spoken, timer.limit) == ("ready", 0, 150)
    clock.advance(10)
    assert reading(on_floor).spoken == 0


def test_own_time_limit_is_used_when_called(meeting: Meeting) -> None:
    meeting.inscribe("Amb. Okafor", "states", group="African Group", time_limit=180)
    meeting.call_next()
    assert reading(meeting).limit == 180


def test_timer_commands_refused_without_reason(meeting: Meeting, on_floor: Meeting) -> None:
    with pytest.raises(CommandRefused, match="not running"):
        on_floor.pause_timer()
    on_floor.start_timer()
    with pytest.raises(CommandRefused, match="already running"):
        on_floor.start_timer()
    on_floor.end_intervention()
    for command in (on_floor.start_timer, on_floor.reset_timer, on_floor.end_intervention):
        with pytest.raises(CommandRefused, match="Nobody has the floor"):
            command()


def test_timer_values_never_negative() -> None:
    timer = SpeakingTimer(limit=60).start(100.0)
    assert timer.spoken(99.0) == 0
    assert timer.read(99.0, 30).remaining == 60
