"""The chair console, driven by its keys, and what it and the room display show at each step."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from floorclock.core.clock import FakeClock
from floorclock.core.meeting import Meeting
from floorclock.ui import theme
from floorclock.ui.bridge import MeetingBridge
from floorclock.ui.chair import (
    CHAIR_KEYS,
    DEFAULT_MESSAGE,
    TYPING_HINT,
    ChairConsole,
    key_text,
)
from floorclock.ui.display import RoomDisplay
from floorclock.ui.formatting import EN_DASH
from floorclock.ui.ticker import Ticker

from .conftest import before

Windows = tuple[ChairConsole, RoomDisplay]


@pytest.fixture
def windows(qtbot: object, bridge: MeetingBridge, ticker: Ticker) -> Windows:
    display = RoomDisplay(bridge, ticker)
    chair = ChairConsole(bridge, ticker, display)
    for window in (display, chair):
        qtbot.addWidget(window)  # type: ignore[attr-defined]
    display.resize(1280, 720)
    display.show()
    chair.show()
    chair.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is chair)  # type: ignore[attr-defined]
    return chair, display


def press(qtbot: object, chair: ChairConsole, key: Qt.Key, modifier: object = None) -> None:
    modifiers = Qt.KeyboardModifier.NoModifier if modifier is None else modifier
    qtbot.keyClick(chair, key, modifiers)  # type: ignore[attr-defined]


def shows(chair: ChairConsole, display: RoomDisplay) -> tuple[str, str, str]:
    """(phase, digits, speaker) as the room sees them; the chair must show the same."""
    phase = display.property("phase")
    if chair.digits.text() or display.digits.text():
        assert chair.digits.text() == display.digits.text()
    if phase not in ("idle", "blank"):
        assert chair.property("phase") == phase
        assert chair.speaker_name.full_text() == display.speaker_name.full_text()
    return phase, display.digits.text(), display.speaker_name.full_text()


def test_a_floor_segment_by_keyboard(
    qtbot: object,
    windows: Windows,
    meeting: Meeting,
    fake_clock: FakeClock,
    ticker: Ticker,
    inscribe_speakers: Callable[..., list[str]],
) -> None:
    chair, display = windows
    inscribe_speakers()
    order = [row.info.name for row in meeting.waiting()]
    assert len(order) == 10
    assert display.property("phase") == "idle"

    # S opens the session: its clock starts now.
    press(qtbot, chair, Qt.Key.Key_S)
    assert meeting.open_session_id == "session-1"
    assert chair.session_clock.text() == "Open · 1:40:00 left"
    assert display.session_left.text() == "1:40:00 left"
    assert chair.floor_left.text() == "Floor: 1:00:00 left of 1:00:00"
    assert chair.forecast.text() == "List ends 10:35, everyone fits"

    # N calls the first speaker: ready, full time.
    press(qtbot, chair, Qt.Key.Key_N)
    assert shows(chair, display) == ("ready", "2:00", order[0])
    assert order[1] in display.next_speakers[0].full_text()
    assert order[1] in chair.upcoming[0].full_text()

    # Space starts; the digits change only when the ticker wakes.
    press(qtbot, chair, Qt.Key.Key_Space)
    fake_clock.advance(12.3)
    assert ticker.interval_ms == before(1000)  # set just before the flip
    ticker.wake()
    assert shows(chair, display) == ("running", "1:48", order[0])
    assert chair.phase_label.text() == "● SPEAKING"

    # Into the warning, time up, then overtime.
    fake_clock.advance(80)
    ticker.wake()
    assert shows(chair, display) == ("warning", "0:28", order[0])
    assert chair.digits.colour().name() == theme.PHASE_STYLES["warning"].digits
    fake_clock.advance(28)
    ticker.wake()
    assert shows(chair, display) == ("time_up", "0:00", order[0])
    fake_clock.advance(12)
    ticker.wake()
    assert shows(chair, display) == ("overtime", "+0:12", order[0])
    assert display.phase_label.text() == "■ OVER TIME"

    # + gives 30 seconds more: back in the warning with 18 s left.
    press(qtbot, chair, Qt.Key.Key_Plus)
    assert shows(chair, display) == ("warning", "0:18", order[0])
    assert chair.limit_label.text() == "Limit 2:30 (+0:30 by hand) · spoken 2:12"

    # Space pauses; E by mistake ends the intervention; Ctrl+Z puts it back.
    press(qtbot, chair, Qt.Key.Key_Space)
    assert shows(chair, display) == ("paused", "0:18", order[0])
    assert display.phase_label.text() == "❚❚ PAUSED"
    press(qtbot, chair, Qt.Key.Key_E)
    assert display.property("phase") == "idle"
    assert meeting.floor is None
    press(qtbot, chair, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert shows(chair, display) == ("paused", "0:18", order[0])
    assert "Undone: " in chair.status_line.text()

    # Space resumes; the time goes on from where it was.
    press(qtbot, chair, Qt.Key.Key_Space)
    fake_clock.advance(8)
    ticker.wake()
    assert shows(chair, display) == ("warning", "0:10", order[0])

    # - takes 30 s away (into overtime at once), N calls the next speaker.
    press(qtbot, chair, Qt.Key.Key_Minus)
    assert chair.limit_label.text().startswith("Limit 2:00")
    press(qtbot, chair, Qt.Key.Key_N)
    assert shows(chair, display) == ("ready", "2:00", order[1])
    assert len(meeting.spoken()) == 1

    # A: the called speaker is not in the room; Right calls the next.
    press(qtbot, chair, Qt.Key.Key_A)
    assert display.property("phase") == "idle"
    assert [s.name for s in meeting.absent()] == [order[1]]
    press(qtbot, chair, Qt.Key.Key_Right)
    assert shows(chair, display) == ("ready", "2:00", order[2])

    # M puts the message up and takes it down; B blanks and unblanks.
    press(qtbot, chair, Qt.Key.Key_M)
    assert display.message.isVisible()
    assert display.message.text() == DEFAULT_MESSAGE
    press(qtbot, chair, Qt.Key.Key_M)
    assert not display.message.isVisible()
    chair.resize(956, 800)  # beside the secretariat on one screen
    press(qtbot, chair, Qt.Key.Key_Space)  # speaking: the longest phase word
    press(qtbot, chair, Qt.Key.Key_B)
    assert display.property("phase") == "blank"
    assert chair.property("phase") == "blank"
    assert chair.phase_label.text() == "● SPEAKING · BLANKED (B)"  # whole, not cut
    press(qtbot, chair, Qt.Key.Key_Space)
    press(qtbot, chair, Qt.Key.Key_B)
    assert display.property("phase") == "paused"

    # L closes the list; Ctrl+Shift+Z after an undo redoes.
    press(qtbot, chair, Qt.Key.Key_L)
    assert not meeting.list_open()
    assert "List CLOSED" in chair.list_state.text()
    press(qtbot, chair, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert meeting.list_open()
    press(
        qtbot,
        chair,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert not meeting.list_open()

    # S closes the session: both windows say it was held and is closed, not that it is to come.
    press(qtbot, chair, Qt.Key.Key_E)
    opened = meeting.session_clock().actual_start
    assert opened is not None
    fake_clock.advance(600)
    press(qtbot, chair, Qt.Key.Key_S)
    assert meeting.open_session_id is None
    waiting = len(meeting.waiting())
    assert waiting > 0
    assert chair.status_line.text() == (
        f"Closed with {waiting} speakers still on its list, not called"
        " (Ctrl+Z reopens the session)."
    )
    closed = f"{fake_clock.now().astimezone(meeting.agenda.meeting.zone):%H:%M}"
    assert chair.session_clock.text() == f"Closed at {closed} (S reopens it)"
    assert chair.session_schedule.text().endswith(f"held {opened:%H:%M}{EN_DASH}{closed}")
    assert display.idle_note.full_text() == f"The session closed at {closed}"
    assert display.session_left.text() == f"closed {closed}"


def test_a_refusal_shows_in_the_status_line(
    qtbot: object, windows: Windows, meeting: Meeting
) -> None:
    chair, display = windows
    press(qtbot, chair, Qt.Key.Key_Plus)  # nobody on the floor
    assert chair.status_line.text() == "Nobody has the floor: call a speaker first."
    assert meeting.floor is None
    assert display.property("phase") == "idle"


def test_another_windows_refusal_stays_out_of_the_chairs_status_line(
    qtbot: object, windows: Windows, bridge: MeetingBridge
) -> None:
    chair, _ = windows
    secretariat = object()  # a command from another window, refused
    bridge.run(lambda: bridge.meeting.inscribe("   ", "states"), origin=secretariat)
    assert chair.status_line.text() == ""
    bridge.run(lambda: bridge.meeting.inscribe("   ", "states"))  # from nobody in particular
    assert "name" in chair.status_line.text()


def test_forecast_says_who_will_not_fit(
    qtbot: object, windows: Windows, meeting: Meeting, bridge: MeetingBridge
) -> None:
    chair, _ = windows
    bridge.run(lambda: meeting.open_session("session-1"))
    for number in range(34):
        bridge.run(lambda n=number: meeting.inscribe(f"Speaker {n}", "ngo"))
    forecast = meeting.forecast()
    assert forecast.not_fitting == 4
    ends = forecast.list_ends_at.strftime("%H:%M")
    assert chair.forecast.text() == f"List ends {ends}, 4 speakers will not fit"


def test_text_fields_keep_their_keys(
    qtbot: object, windows: Windows, meeting: Meeting, inscribe_speakers: Callable[..., list[str]]
) -> None:
    chair, _ = windows
    inscribe_speakers(2)
    chair.message_edit.clear()
    chair.activateWindow()
    chair.message_edit.setFocus()
    qtbot.waitUntil(chair.message_edit.hasFocus)  # type: ignore[attr-defined]
    assert chair.status_line.text() == TYPING_HINT  # the chair is told the keys type text
    qtbot.keyClicks(chair.message_edit, "Time is up, please")  # type: ignore[attr-defined]
    assert chair.message_edit.text() == "Time is up, please"
    assert meeting.floor is None  # Space and N typed text, they called nobody
    qtbot.keyClick(chair.message_edit, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert chair.status_line.text() != TYPING_HINT  # keys are keys again
    press(qtbot, chair, Qt.Key.Key_M)
    assert meeting.display.message == "Time is up, please"


def test_every_key_has_a_button_or_help_entry(qtbot: object, windows: Windows) -> None:
    chair, _ = windows
    press(qtbot, chair, Qt.Key.Key_F1)
    overlay = chair.help_overlay
    assert overlay is not None
    assert overlay.isVisible()
    texts = " ".join(label.text() for label in overlay.findChildren(type(chair.status_line)))
    for key in CHAIR_KEYS:
        assert key.label in texts
        assert key_text(key) in texts
        if key.button:
            assert key_text(key) in chair.buttons[key.name].text()
    press(qtbot, chair, Qt.Key.Key_Escape)
    assert not overlay.isVisible()


BUTTON_EFFECTS = {
    "toggle": "TimerPaused",
    "call_next": "SpeakerCalled",
    "end": "InterventionEnded",
    "extend": "LimitChanged +30",
    "reduce": "LimitChanged -30",
    "absent": "SpeakerMarkedAbsent",
    "message": "DisplayMessage",
    "blank": "DisplayBlanked",
    "session": "refused: end the intervention first (E), then S closes the session",
    "list": "ListClosed",
    "undo": "ActionUndone",
    "redo": "ActionRedone",
    "help": "the keys shown",
}
"""What clicking each button does to a meeting where a speaker talks, the list is open and
an action was just undone (so that Redo has something to do)."""


def test_every_button_is_on_the_chair_console() -> None:
    assert {key.name for key in CHAIR_KEYS if key.button} == set(BUTTON_EFFECTS)


@pytest.mark.parametrize("name", list(BUTTON_EFFECTS))
def test_each_button_does_what_its_key_does(
    qtbot: object,
    windows: Windows,
    meeting: Meeting,
    inscribe_speakers: Callable[..., list[str]],
    name: str,
) -> None:
    chair, _display = windows
    inscribe_speakers(3)
    meeting.toggle_session()
    meeting.call_next()
    meeting.start_timer()
    meeting.toggle_list()
    meeting.undo()  # the list is open again, and Redo would close it
    reading = meeting.timer()
    assert reading is not None
    before = len(meeting.events)

    qtbot.mouseClick(chair.buttons[name], Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]

    if BUTTON_EFFECTS[name].startswith("refused: "):  # one key must not end a speech too
        assert len(meeting.events) == before
        assert BUTTON_EFFECTS[name].removeprefix("refused: ") in chair.status_line.text()
        return
    if name == "help":
        assert len(meeting.events) == before
        assert chair.help_overlay is not None
        assert chair.help_overlay.isVisible()
        return
    new = meeting.events[before:]
    kinds = [type(event).__name__ for event in new]
    effect = BUTTON_EFFECTS[name]
    assert effect.split()[0] in kinds
    if effect.startswith("LimitChanged"):
        after = meeting.timer()
        assert after is not None
        assert after.limit - reading.limit == int(effect.split()[1])


def test_a_speaker_called_and_passed_by_without_a_word_is_not_counted_as_spoken(
    qtbot: object,
    windows: Windows,
    fake_clock: FakeClock,
    inscribe_speakers: Callable[..., list[str]],
) -> None:
    chair, _display = windows
    inscribe_speakers(3)
    press(qtbot, chair, Qt.Key.Key_N)  # called, then N again before a word
    press(qtbot, chair, Qt.Key.Key_N)
    assert chair.list_state.full_text().endswith("· 0 spoken")
    press(qtbot, chair, Qt.Key.Key_Space)
    fake_clock.advance(40)
    press(qtbot, chair, Qt.Key.Key_N)
    assert chair.list_state.full_text().endswith("· 1 spoken")


def test_a_console_opened_on_a_message_shows_that_message_in_its_field(
    qtbot: object, bridge: MeetingBridge, ticker: Ticker, meeting: Meeting
) -> None:
    meeting.show_message("Veuillez conclure")  # as after a restart with the message up
    display = RoomDisplay(bridge, ticker)
    chair = ChairConsole(bridge, ticker, display)
    for window in (display, chair):
        qtbot.addWidget(window)  # type: ignore[attr-defined]

    assert chair.message_edit.text() == "Veuillez conclure"
    chair.toggle_message()  # M hides it
    chair.toggle_message()  # and M shows the same text again, not the default
    assert meeting.display.message == "Veuillez conclure"


def test_before_the_panel_the_empty_list_says_where_the_speakers_wait(
    qtbot: object, windows: Windows, meeting: Meeting, bridge: MeetingBridge
) -> None:
    chair, _display = windows
    chair.resize(956, 800)  # beside the secretariat on one screen: the keys must still show
    meeting.select_session("opening")  # the opening statements: no floor, no list
    meeting.inscribe("Ms. Amina Diallo", "states", session_id="session-1")
    bridge.run(lambda: meeting.inscribe("Mr. Kenji Watanabe", "ngo", session_id="session-1"))
    title = meeting.agenda.session("session-1").title

    assert chair.upcoming[0].full_text() == (
        f"Empty here · 2 wait for a later part (PgDn, S) · {title}"
    )
    assert "(PgDn, S)" in chair.upcoming[0].text()  # shown, not cut
    press(qtbot, chair, Qt.Key.Key_S)  # the opening is open: Page Down waits for its close
    keys = "(S, PgDn, S)"
    assert chair.upcoming[0].full_text().startswith(f"Empty here · 2 wait for a later part {keys}")
    assert keys in chair.upcoming[0].text()
    for key in (Qt.Key.Key_S, Qt.Key.Key_PageDown, Qt.Key.Key_S):  # as the line says
        press(qtbot, chair, key)
    assert meeting.open_session_id == "session-1"
    assert chair.upcoming[0].full_text().startswith("1. Ms. Amina Diallo")


def test_a_console_opened_after_a_message_came_down_offers_that_message_again(
    qtbot: object, bridge: MeetingBridge, ticker: Ticker, meeting: Meeting
) -> None:
    meeting.show_message("The list is closed. Be brief.")  # the chair's own words, shown
    meeting.show_message(None)  # and taken down; then FloorClock is restarted
    display = RoomDisplay(bridge, ticker)
    chair = ChairConsole(bridge, ticker, display)
    for window in (display, chair):
        qtbot.addWidget(window)  # type: ignore[attr-defined]

    assert chair.message_edit.text() == "The list is closed. Be brief."
    chair.toggle_message()  # M shows those words, not the default
    assert meeting.display.message == "The list is closed. Be brief."


def test_f11_at_the_podium_puts_the_room_display_full_screen_and_back(
    qtbot: object, windows: Windows
) -> None:
    chair, display = windows
    assert not display.isFullScreen()
    press(qtbot, chair, Qt.Key.Key_F11)
    assert display.isFullScreen()
    assert QApplication.activeWindow() is chair  # the chair's keys stay at the podium
    press(qtbot, chair, Qt.Key.Key_F11)
    assert not display.isFullScreen()


def test_message_and_blank_light_their_buttons_without_widening_the_console(
    qtbot: object, windows: Windows, meeting: Meeting
) -> None:
    chair, _display = windows
    message, blank = chair.buttons["message"], chair.buttons["blank"]
    unlit = message.palette().color(QPalette.ColorRole.Button)
    narrowest = chair.minimumSizeHint().width()

    press(qtbot, chair, Qt.Key.Key_M)
    press(qtbot, chair, Qt.Key.Key_B)

    assert meeting.display.message
    assert meeting.display.blank
    assert message.palette().color(QPalette.ColorRole.Button) == QColor(theme.MESSAGE_GROUND)
    assert blank.palette().color(QPalette.ColorRole.Button) == QColor(theme.BANNER_GROUND)
    assert (message.text(), blank.text()) == ("Message\nM", "Blank\nB")
    assert message.toolTip() == "Take the message off the display (M)"
    assert chair.minimumSizeHint().width() == narrowest

    press(qtbot, chair, Qt.Key.Key_M)
    assert message.palette().color(QPalette.ColorRole.Button) == unlit
    assert message.toolTip().endswith("(M)")
    assert "off the display" not in message.toolTip()


def test_no_state_of_the_meeting_widens_the_console(
    windows: Windows,
    meeting: Meeting,
    bridge: MeetingBridge,
    fake_clock: FakeClock,
    ticker: Ticker,
) -> None:
    """Beside the secretariat on one full-HD screen, the chair has half of it."""
    chair, _display = windows
    narrowest = chair.minimumSizeHint().width()
    assert narrowest <= 960
    long = "Ms. Wolfeschlegelsteinhausen Bergerdorff Maria-Theresia von Hohenzollern-Sigmaringen"
    meeting.open_session("session-1")
    meeting.inscribe(long, "states", delegation="Permanent Mission of Somewhere to Geneva")
    meeting.inscribe("Mr. " + long, "ngo", delegation="An organization with a long name")
    widths = {}
    for step, command in (
        ("speaking", meeting.call_next),
        ("started", meeting.start_timer),
        ("reduced", lambda: meeting.extend(-90)),
        ("blanked", lambda: meeting.set_blank(True)),
        ("message", lambda: meeting.show_message("Please conclude")),
        ("paused", meeting.pause_timer),
    ):
        bridge.run(command)
        fake_clock.advance(50)
        ticker.wake()
        QApplication.processEvents()
        widths[step] = chair.minimumSizeHint().width()

    assert widths == dict.fromkeys(widths, narrowest)


def test_the_message_field_stays_dark_and_is_framed_amber_only_while_it_has_the_keys(
    qtbot: object, windows: Windows
) -> None:
    chair, _display = windows
    field = chair.message_edit

    def inside() -> str:
        image = field.grab().toImage()
        return image.pixelColor(image.width() - 8, image.height() // 2).name()

    def frame() -> str:
        image = field.grab().toImage()
        return image.pixelColor(image.width() // 2, 0).name()

    ground = inside()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)  # type: ignore[attr-defined]
    assert frame() == QColor(theme.AMBER).name()
    # Enter sends the focus back to the keys
    qtbot.keyClick(field, Qt.Key.Key_Return)  # type: ignore[attr-defined]

    assert not field.hasFocus()
    assert inside() == ground == "#0d0f12"
    assert frame() != QColor(theme.AMBER).name()


def test_a_refusal_appearing_or_going_moves_nothing_on_the_console(
    qtbot: object, windows: Windows, inscribe_speakers: Callable[..., list[str]]
) -> None:
    chair, _display = windows
    chair.resize(960, 1000)
    inscribe_speakers(2)
    press(qtbot, chair, Qt.Key.Key_N)
    QApplication.processEvents()
    where = (chair.digits.geometry(), chair.buttons["toggle"].mapTo(chair, chair.rect().topLeft()))

    for _ in range(5):  # -30 s five times: the limit cannot go under 1 s, refused
        press(qtbot, chair, Qt.Key.Key_Minus)
    QApplication.processEvents()
    assert "a limit stays between 1 s and 1 hour" in chair.status_line.text()
    refused = (
        chair.digits.geometry(),
        chair.buttons["toggle"].mapTo(chair, chair.rect().topLeft()),
    )
    chair.show_info("A message long enough to take two lines at the bottom of the console " * 2)
    QApplication.processEvents()
    long = (chair.digits.geometry(), chair.buttons["toggle"].mapTo(chair, chair.rect().topLeft()))

    assert refused == where
    assert long == where


def test_beep_at_time_up_is_off_by_default(
    qtbot: object,
    windows: Windows,
    meeting: Meeting,
    fake_clock: FakeClock,
    ticker: Ticker,
    monkeypatch: pytest.MonkeyPatch,
    inscribe_speakers: Callable[..., list[str]],
) -> None:
    chair, _ = windows
    beeps: list[int] = []
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: beeps.append(1)))
    inscribe_speakers(2)
    press(qtbot, chair, Qt.Key.Key_Space)
    press(qtbot, chair, Qt.Key.Key_Space)
    fake_clock.advance(119.5)
    ticker.wake()
    fake_clock.advance(0.5)
    ticker.wake()
    assert beeps == []
    chair.beep_box.setChecked(True)
    press(qtbot, chair, Qt.Key.Key_N)
    press(qtbot, chair, Qt.Key.Key_Space)
    fake_clock.advance(119.5)
    ticker.wake()
    fake_clock.advance(0.5)
    ticker.wake()
    fake_clock.advance(1)
    ticker.wake()
    assert beeps == [1]


def test_journal_failure_banner(qtbot: object, windows: Windows, bridge: MeetingBridge) -> None:
    chair, _ = windows
    bridge.journal_failed.emit("The journal cannot be written: the disk is full.")
    assert chair.journal_banner.isVisible()
    bridge.journal_recovered.emit()
    assert not chair.journal_banner.isVisible()
    assert "nothing was lost" in chair.status_line.text()


def test_page_keys_choose_the_session_to_open(
    qtbot: object, windows: Windows, meeting: Meeting
) -> None:
    chair, display = windows
    press(qtbot, chair, Qt.Key.Key_PageDown)
    assert meeting.current_session_id == "session-2"
    assert display.session_title.full_text().startswith("Session 2")
    assert chair.agenda_list.currentItem().text().startswith("▶ 15:00")
    press(qtbot, chair, Qt.Key.Key_PageUp)
    press(qtbot, chair, Qt.Key.Key_PageUp)
    assert meeting.current_session_id == "opening"
    press(qtbot, chair, Qt.Key.Key_S)
    assert meeting.open_session_id == "opening"
