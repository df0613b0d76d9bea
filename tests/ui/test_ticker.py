"""The ticker wakes exactly when a shown second changes, and nothing else repaints the time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from floorclock.core.clock import FakeClock
from floorclock.core.meeting import Meeting
from floorclock.ui.app import Options, start
from floorclock.ui.bridge import MeetingBridge
from floorclock.ui.chair import ChairConsole
from floorclock.ui.display import RoomDisplay
from floorclock.ui.ticker import LEAD_S, PAST_S, Ticker

from .conftest import Paints, before, speaker_running


@pytest.fixture
def consoles(
    qtbot: object, bridge: MeetingBridge, ticker: Ticker
) -> tuple[RoomDisplay, ChairConsole]:
    """The room display and the chair's console on the ticker (shown as widgets of the test)."""
    display = RoomDisplay(bridge, ticker)
    chair = ChairConsole(bridge, ticker, display)
    qtbot.addWidget(display)  # type: ignore[attr-defined]
    qtbot.addWidget(chair)  # type: ignore[attr-defined]
    return display, chair


def _floor(meeting: Meeting, inscribe_speakers: Callable[..., list[str]]) -> None:
    inscribe_speakers(2)
    meeting.call_next()


def test_wakes_at_the_next_second_change_not_at_a_fixed_interval(
    meeting: Meeting,
    fake_clock: FakeClock,
    ticker: Ticker,
    inscribe_speakers: Callable[..., list[str]],
) -> None:
    _floor(meeting, inscribe_speakers)
    meeting.start_timer()
    fake_clock.advance(12.3)
    ticker.reschedule()
    assert ticker.interval_ms == before(700)  # 1:48 shows until 107 s remain: 0.7 s from now
    fake_clock.advance(0.7)
    ticker.wake()
    assert ticker.interval_ms == before(1000)
    fake_clock.advance(0.25)
    ticker.reschedule()
    assert ticker.interval_ms == before(750)


def test_a_command_reschedules_at_once(
    meeting: Meeting,
    fake_clock: FakeClock,
    bridge: MeetingBridge,
    ticker: Ticker,
    inscribe_speakers: Callable[..., list[str]],
) -> None:
    _floor(meeting, inscribe_speakers)
    fake_clock.advance(0.6)
    ticker.start()
    wall_minute = ticker.interval_ms
    assert wall_minute > before(1000)  # ready, session not open: only the wall clock's minute
    bridge.run(meeting.start_timer)
    assert ticker.interval_ms == before(1000)
    fake_clock.advance(3.4)
    bridge.run(meeting.pause_timer)
    assert ticker.interval_ms > before(1000)  # paused: the digits do not change


def test_time_up_and_overtime_flips(
    meeting: Meeting,
    fake_clock: FakeClock,
    ticker: Ticker,
    inscribe_speakers: Callable[..., list[str]],
) -> None:
    _floor(meeting, inscribe_speakers)
    meeting.start_timer()
    fake_clock.advance(119.5)
    ticker.reschedule()
    assert ticker.interval_ms == before(500)  # 0:01 -> time up
    fake_clock.advance(0.5)
    ticker.reschedule()
    # 0:00 is held for five seconds, but the seconds spoken go on: it still wakes each second
    assert ticker.interval_ms == before(1000)
    fake_clock.advance(5.2)
    ticker.reschedule()
    assert ticker.interval_ms == before(800)  # +0:05 -> +0:06


def test_while_time_up_is_held_the_clocks_around_it_still_move(
    consoles: tuple[RoomDisplay, ChairConsole],
    meeting: Meeting,
    fake_clock: FakeClock,
    bridge: MeetingBridge,
    ticker: Ticker,
    inscribe_speakers: Callable[..., list[str]],
) -> None:
    display, chair = consoles
    bridge.run(lambda: meeting.open_session("session-1"))
    inscribe_speakers(2)
    bridge.run(meeting.call_next)
    bridge.run(meeting.start_timer)
    fake_clock.advance(120.4)  # time up 0.4 s ago: 0:00 holds for five seconds
    ticker.wake()
    session_left = display.session_left.text()
    assert display.digits.text() == chair.digits.text() == "0:00"
    assert "spoken 2:00" in chair.limit_label.text()

    for _ in range(3):  # each wake the ticker asks for, a second apart
        fake_clock.advance(ticker.interval_ms / 1000 + LEAD_S)
        ticker.wake()
    assert display.digits.text() == chair.digits.text() == "0:00"  # still held
    assert "spoken 2:03" in chair.limit_label.text()
    assert display.session_left.text() != session_left  # the session's time left moved


def test_idle_wakes_once_a_minute_for_the_wall_clock(
    qapp: object,
) -> None:
    from floorclock.store.agenda_file import bundled_agenda_path, load_agenda

    clock = FakeClock(datetime(2023, 8, 28, 8, 15, 42, 250_000, tzinfo=UTC))
    meeting = Meeting(load_agenda(bundled_agenda_path()), clock)
    bridge = MeetingBridge(meeting)
    ticker = Ticker(bridge)
    try:
        ticker.start()
        assert ticker.interval_ms == before(17_750)  # 10:15:42.25 -> 10:16:00
        assert ticker.is_active
    finally:
        ticker.stop()
        bridge.close()


def test_open_session_clock_wakes_each_second(
    meeting: Meeting, fake_clock: FakeClock, bridge: MeetingBridge, ticker: Ticker
) -> None:
    bridge.run(lambda: meeting.open_session("session-1"))
    fake_clock.advance(2.4)
    ticker.reschedule()
    assert ticker.interval_ms == before(600)


def test_while_a_speaker_runs_the_session_clock_follows_the_speakers_seconds(
    meeting: Meeting,
    fake_clock: FakeClock,
    bridge: MeetingBridge,
    ticker: Ticker,
    inscribe_speakers: Callable[..., list[str]],
) -> None:
    bridge.run(lambda: meeting.open_session("session-1"))
    fake_clock.advance(2.4)  # the session's seconds flip at .0; the speaker's will at .4
    _floor(meeting, inscribe_speakers)
    meeting.start_timer()
    fake_clock.advance(0.3)
    ticker.reschedule()
    # one wake a second, on the speaker's flip (0.7 s away), not also on the session's (0.3 s)
    assert ticker.interval_ms == before(700)
    meeting.pause_timer()
    ticker.reschedule()
    assert ticker.interval_ms == before(300)  # paused: the session clock has the next change


def test_the_timer_is_single_shot_and_precise(ticker: Ticker) -> None:
    from PySide6.QtCore import Qt

    timers = ticker.findChildren(QTimer)
    assert len(timers) == 1
    assert timers[0].isSingleShot()
    assert timers[0].timerType() == Qt.TimerType.PreciseTimer


def test_only_the_ticker_repaints_the_time(
    consoles: tuple[RoomDisplay, ChairConsole],
    meeting: Meeting,
    fake_clock: FakeClock,
    bridge: MeetingBridge,
    ticker: Ticker,
    inscribe_speakers: Callable[..., list[str]],
) -> None:
    display, chair = consoles
    inscribe_speakers(2)
    bridge.run(meeting.call_next)
    bridge.run(meeting.start_timer)
    assert display.digits.text() == chair.digits.text() == "2:00"

    # No window keeps a timer of its own: the ticker is the only thing that wakes them.
    assert display.findChildren(QTimer) == []
    assert chair.findChildren(QTimer) == []

    fake_clock.advance(3.2)
    QApplication.processEvents()
    assert display.digits.text() == chair.digits.text() == "2:00"  # time passed, no wake yet
    ticker.wake()
    assert display.digits.text() == chair.digits.text() == "1:57"


def test_the_wait_is_rounded_down_so_the_timer_never_fires_after_the_lead(
    meeting: Meeting,
    fake_clock: FakeClock,
    ticker: Ticker,
    inscribe_speakers: Callable[..., list[str]],
) -> None:
    _floor(meeting, inscribe_speakers)
    meeting.start_timer()
    fake_clock.advance(12.2996)  # 1:48 until 0.7004 s from now
    ticker.reschedule()
    assert ticker.interval_ms == before(700)  # 0.6974 s: down to 697 ms
    fake_clock.advance(0.0008)  # 0.6996 s left
    ticker.reschedule()
    assert ticker.interval_ms == before(699)


def _ticks(ticker: Ticker, clock: FakeClock, shown: Callable[[], str]) -> list[tuple[float, str]]:
    """(monotonic time, digits shown) at each tick the ticker sends from now on."""
    seen: list[tuple[float, str]] = []
    ticker.tick.connect(lambda: seen.append((clock.monotonic(), shown())))
    return seen


def test_woken_ahead_it_naps_to_the_very_change_then_shows_it(
    qtbot: object,
    meeting: Meeting,
    fake_clock: FakeClock,
    bridge: MeetingBridge,
    ticker: Ticker,
    inscribe_speakers: Callable[..., list[str]],
) -> None:
    display = RoomDisplay(bridge, ticker)
    qtbot.addWidget(display)  # type: ignore[attr-defined]
    _floor(meeting, inscribe_speakers)
    bridge.run(meeting.start_timer)
    fake_clock.advance(12.3)
    ticker.wake()  # late, by 0.3 s: shows 1:48 at once
    flip = fake_clock.monotonic() + 0.7  # 1:48 becomes 1:47
    ticks = _ticks(ticker, fake_clock, display.digits.text)
    warned: list[tuple[float, float, str]] = []  # (told at, change announced, digits shown)
    ticker.approaching.connect(
        lambda at: warned.append((fake_clock.monotonic(), at, display.digits.text()))
    )
    fake_clock.advance(ticker.interval_ms / 1000)  # the event loop's timer fires on time
    assert display.digits.text() == "1:48"

    ticker.wake()

    # First the windows hear what is coming, ahead of time, and show nothing new yet ...
    assert len(warned) == 1
    told_at, announced, shown_then = warned[0]
    assert told_at == pytest.approx(flip - LEAD_S, abs=1e-9)
    assert announced == pytest.approx(flip + PAST_S, abs=1e-9)  # the tick's instant
    assert shown_then == "1:48"
    # ... then, after the nap, they show the change right when it happens.
    assert len(ticks) == 1
    at, shown = ticks[0]
    assert flip <= at <= flip + PAST_S + 1e-9
    assert shown == "1:47"


@pytest.mark.parametrize(
    ("woken_after", "next_change_ms"),
    [
        (0.705, 995),  # 5 ms past the change (the machine was busy): no time lost napping
        (0.0, 700),  # 0.7 s before the change (it should not happen): not a nap of 0.7 s
    ],
    ids=["late", "far-too-early"],
)
def test_woken_off_time_it_tells_the_windows_at_once_without_a_nap(
    meeting: Meeting,
    fake_clock: FakeClock,
    ticker: Ticker,
    inscribe_speakers: Callable[..., list[str]],
    woken_after: float,
    next_change_ms: int,
) -> None:
    _floor(meeting, inscribe_speakers)
    meeting.start_timer()
    fake_clock.advance(12.3)  # 1:48 until 0.7 s from now
    ticks = _ticks(ticker, fake_clock, lambda: "")
    fake_clock.advance(woken_after)
    woken = fake_clock.monotonic()
    ticker.wake()
    assert [at for at, _ in ticks] == [woken]
    assert ticker.interval_ms == before(next_change_ms)


def test_in_the_whole_program_only_the_ticker_repaints_the_time(
    qapp: QApplication, tmp_path: Path, fake_clock: FakeClock
) -> None:
    """The three windows as the program shows them: no other timer, no paint of the time
    between two wakes, and the digits of both countdowns repainted right after a wake."""
    running = start(Options(data_dir=tmp_path), fake_clock)
    try:
        speaker_running(running)
        timers = [t for w in running.windows() for t in w.findChildren(QTimer)]
        timers += running.ticker.findChildren(QTimer)
        assert [t for t in timers if t.isActive()] == running.ticker.findChildren(QTimer)

        digits = [running.display.digits, running.chair.digits]
        paints = Paints(*digits)
        for _ in range(5):
            QApplication.processEvents()
        shown = [widget.text() for widget in digits]
        session_shown = running.display.session_left.text()
        paints.clear()

        fake_clock.advance(3.2)  # three shown seconds pass, but the ticker has not woken
        for _ in range(5):
            QApplication.processEvents()
        assert paints.count() == 0
        assert [widget.text() for widget in digits] == shown == ["2:00", "2:00"]
        assert running.display.session_left.text() == session_shown

        running.ticker.wake()
        for _ in range(5):
            QApplication.processEvents()
        assert [widget.text() for widget in digits] == ["1:57", "1:57"]
        # each countdown painted its new digits
        assert all(paints.count(widget) >= 1 for widget in digits)
        assert running.display.session_left.text() != session_shown
        assert 0 < running.ticker.interval_ms <= before(1000)  # and it sleeps until the next flip
    finally:
        running.close()
