"""Bad input in the chair console's message field: pasted, long, invisible, right to left.

Each is shown cleaned (one line, no control characters) or refused with its reason in the
status line; nothing crashes. The secretariat's form has its own cases in
``test_secretariat.py`` (empty, 10,000-character, pasted, right-to-left and emoji names,
time limits 0, -5 and 99:99), plus the other fields below.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from floorclock.core.meeting import Meeting
from floorclock.ui.bridge import MeetingBridge
from floorclock.ui.chair import ChairConsole
from floorclock.ui.display import RoomDisplay
from floorclock.ui.secretariat import SecretariatWindow
from floorclock.ui.ticker import Ticker


@pytest.fixture
def windows(qtbot: Any, bridge: MeetingBridge, ticker: Ticker) -> tuple[ChairConsole, RoomDisplay]:
    display = RoomDisplay(bridge, ticker)
    chair = ChairConsole(bridge, ticker, display)
    for window in (display, chair):
        qtbot.addWidget(window)
    display.show()
    chair.show()
    chair.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is chair)
    return chair, display


def _message(qtbot: Any, chair: ChairConsole, text: str, *, paste: bool = False) -> None:
    """Put ``text`` in the message field (typed or pasted), then M from the console."""
    chair.message_edit.clear()
    if paste:
        QApplication.clipboard().setText(text)
        chair.message_edit.setFocus()
        chair.message_edit.paste()
    else:
        chair.message_edit.setText(text)
    chair.centralWidget().setFocus()
    qtbot.keyClick(chair, Qt.Key.Key_M)


def _shown(display: RoomDisplay) -> str | None:
    return display.message.full_text() if display.message.isVisibleTo(display) else None


def test_a_pasted_multi_line_message_is_shown_on_one_line(
    qtbot: Any, windows: tuple[ChairConsole, RoomDisplay], meeting: Meeting
) -> None:
    chair, display = windows
    _message(qtbot, chair, "Please\r\nconclude\n\tnow\n", paste=True)
    assert meeting.display.message == "Please conclude now"
    assert _shown(display) == "Please conclude now"


def test_a_ten_thousand_character_message_is_cut_to_what_the_field_holds(
    qtbot: Any, windows: tuple[ChairConsole, RoomDisplay], meeting: Meeting
) -> None:
    chair, display = windows
    _message(qtbot, chair, "Z" * 10_000, paste=True)
    assert len(chair.message_edit.text()) == chair.message_edit.maxLength() == 120
    assert meeting.display.message == "Z" * 120  # what the chair sees in the field is shown
    assert _shown(display) == "Z" * 120


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("الرجاء الاختصار", "الرجاء الاختصار"),  # right to left
        ("Coffee ☕ break 🙂", "Coffee ☕ break 🙂"),
        ("\u202eReversed\u202c text\u0007", "Reversed text"),  # an override and a bell
    ],
)
def test_unusual_messages_are_shown_cleaned(
    qtbot: Any,
    windows: tuple[ChairConsole, RoomDisplay],
    meeting: Meeting,
    text: str,
    shown: str,
) -> None:
    chair, display = windows
    _message(qtbot, chair, text)
    assert meeting.display.message == shown
    assert _shown(display) == shown


def test_a_message_of_invisible_characters_is_refused_with_a_reason(
    qtbot: Any, windows: tuple[ChairConsole, RoomDisplay], meeting: Meeting
) -> None:
    chair, display = windows
    events = len(meeting.events)
    _message(qtbot, chair, "\u0007\u001b\u202e")
    assert meeting.display.message is None
    assert _shown(display) is None
    assert len(meeting.events) == events
    assert "message is empty" in chair.status_line.text()


# -- the secretariat's other fields --------------------------------------------------------


@pytest.fixture
def form(qtbot: Any, bridge: MeetingBridge, tmp_path: Path) -> SecretariatWindow:
    window = SecretariatWindow(bridge, tmp_path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.mark.parametrize("field", ["delegation_field", "group_field", "note_field"])
def test_ten_thousand_characters_in_another_field_are_refused_with_a_reason(
    qtbot: Any, form: SecretariatWindow, meeting: Meeting, field: str
) -> None:
    form.name_field.setText("Ms. Amélie Dupont")
    getattr(form, field).setText("B" * 10_000)
    qtbot.keyClick(form.name_field, Qt.Key.Key_Return)
    assert len(meeting.waiting()) == 0
    assert "shorten it" in form.form_reason.text()
    assert form.form_reason.isVisible()


def test_a_delegation_pasted_on_several_lines_is_cleaned(
    qtbot: Any, form: SecretariatWindow, meeting: Meeting
) -> None:
    form.name_field.setText("Ms. Amélie Dupont")
    QApplication.clipboard().setText("République\nfrançaise\u0007")
    form.delegation_field.setFocus()
    form.delegation_field.paste()
    qtbot.keyClick(form.name_field, Qt.Key.Key_Return)
    [row] = meeting.waiting()
    assert row.info.delegation == "République française"
