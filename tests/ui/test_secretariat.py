"""The secretariat console driven as a secretariat would: by keys, with bad input too.

Uses the fixtures of ``tests/ui/conftest.py``: a fake clock at 10:15 in Geneva on the meeting
day, a meeting on the bundled agenda with session 1 selected, and its bridge.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import QApplication

from floorclock.core.agenda import Agenda, agenda_to_data, parse_agenda
from floorclock.core.clock import FakeClock
from floorclock.core.meeting import Meeting
from floorclock.ui.bridge import MeetingBridge
from floorclock.ui.queue_model import NOT_FIT_MARK, Column
from floorclock.ui.secretariat import SecretariatWindow

from .conftest import OFFSCREEN_NOISE, Paints

SESSION = "session-1"


def open_window(qtbot: Any, bridge: MeetingBridge, folder: Path) -> SecretariatWindow:
    """The secretariat console on ``bridge``, shown and active (its keys reach it)."""
    window = SecretariatWindow(bridge, folder)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


@pytest.fixture
def window(qtbot: Any, bridge: MeetingBridge, tmp_path: Path) -> SecretariatWindow:
    return open_window(qtbot, bridge, tmp_path)


def names(window: SecretariatWindow) -> list[str]:
    model = window.model
    return [model.data(model.index(row, Column.NAME)) for row in range(model.rowCount())]


def pick(combo: Any, data: str) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def type_speaker(qtbot: Any, window: SecretariatWindow, name: str, limit: str = "") -> None:
    """Type a name (and a limit) and press Enter; QTest can only type ASCII."""
    window.name_field.clear()
    qtbot.keyClicks(window.name_field, name)
    if limit:
        window.limit_field.clear()
        qtbot.keyClicks(window.limit_field, limit)
    qtbot.keyClick(window.name_field, Qt.Key.Key_Return)


def test_a_known_delegation_brings_back_its_category(
    qtbot: Any, window: SecretariatWindow, meeting: Meeting
) -> None:
    meeting.inscribe("H.E. Mr. Lars Eriksson", "states", delegation="Sweden")
    meeting.inscribe("Ms. Nomvula Dlamini", "local", delegation="City of Johannesburg")
    pick(window.category_picker, "local")  # kept from the speaker before
    qtbot.keyClicks(window.name_field, "Ms. Anna Berg")
    window.delegation_field.setText("sweden")  # typed (keys would open the completer's popup)
    assert window.category_picker.currentData() == "states"
    qtbot.keyClick(window.delegation_field, Qt.Key.Key_Return)
    anna = next(i for i in window.model.speaker_ids if meeting.speaker(i).name == "Ms. Anna Berg")
    assert meeting.speaker(anna).category == "states"
    window.delegation_field.setText("Ville de Lyon")  # not met yet: the choice stays
    assert window.category_picker.currentData() == "states"


def test_a_speaker_inscribed_from_the_keyboard_shows_in_the_table(
    qtbot: Any, window: SecretariatWindow, meeting: Meeting
) -> None:
    qtbot.keyClicks(window.name_field, "Dr. Ingrid Halvorsen")
    qtbot.keyClicks(window.delegation_field, "Cities for Human Rights Network")
    window.category_picker.setFocus()
    for _ in range(4):  # State, Local gov, NHRI, UN / IGO, NGO: precedence order
        qtbot.keyClick(window.category_picker, Qt.Key.Key_Down)
    assert window.category_picker.currentData() == "ngo"
    qtbot.keyClick(window.mode_picker, Qt.Key.Key_Down)  # online
    qtbot.keyClick(window.category_picker, Qt.Key.Key_Return)

    assert names(window) == ["Dr. Ingrid Halvorsen"]
    model = window.model
    assert model.data(model.index(0, Column.CATEGORY)) == "NGO"
    assert model.data(model.index(0, Column.MODE)) == "◉ online"
    assert model.data(model.index(0, Column.DELEGATION)) == "Cities for Human Rights Network"
    assert window.name_field.text() == ""
    assert QApplication.focusWidget() is window.name_field  # ready for the next one
    assert "Inscribed Dr. Ingrid Halvorsen (NGO) at place 1" in window.status_label.text()

    type_speaker(qtbot, window, "Ms. Amelie Dupont")
    assert names(window) == ["Dr. Ingrid Halvorsen", "Ms. Amelie Dupont"]
    assert window.category_picker.currentData() == "ngo"  # kept for a run of one category
    assert meeting.waiting(SESSION)[1].info.category == "ngo"


def test_typing_in_a_fresh_window_goes_to_the_name_field(
    qtbot: Any, window: SecretariatWindow
) -> None:
    assert QApplication.focusWidget() is window.name_field
    qtbot.keyClicks(QApplication.focusWidget(), "Ms. Ingrid Larsen")
    assert window.name_field.text() == "Ms. Ingrid Larsen"


def test_categories_are_offered_in_order_of_precedence(window: SecretariatWindow) -> None:
    offered = [window.category_picker.itemData(i) for i in range(window.category_picker.count())]
    assert offered == ["states", "local", "nhri", "un", "ngo", "other"]


def test_the_delegation_field_completes_delegations_already_known(
    qtbot: Any, window: SecretariatWindow, meeting: Meeting
) -> None:
    meeting.inscribe("Mr. Kwame Mensah", "un", delegation="UNDP")
    completer = window.delegation_field.completer()
    completer.setCompletionPrefix("und")
    assert completer.currentCompletion() == "UNDP"


@pytest.mark.parametrize(
    ("written", "seconds"), [("2m", 120), ("90s", 90), ("1:30", 90), ("3 min", 180)]
)
def test_own_time_limits_are_read_as_durations(
    qtbot: Any, window: SecretariatWindow, meeting: Meeting, written: str, seconds: int
) -> None:
    type_speaker(qtbot, window, "Ms. Lindiwe Dlamini", limit=written)

    assert meeting.waiting(SESSION)[0].info.time_limit == seconds
    assert window.form_reason.text() == ""


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("0", "more than zero"),
        ("-5", "more than zero"),
        ("99:99", "a duration such as 2m, 90s, 1:30"),
        ("two minutes", "a duration such as"),
        ("99h", "99h is too long for a speaking time (at most 1h)"),
    ],
)
def test_an_invalid_time_limit_is_explained_and_inscribes_nobody(
    qtbot: Any, window: SecretariatWindow, meeting: Meeting, written: str, reason: str
) -> None:
    type_speaker(qtbot, window, "Ms. Lindiwe Dlamini", limit=written)

    assert window.model.rowCount() == 0
    assert len(meeting.waiting(SESSION)) == 0
    assert reason in window.form_reason.text()
    assert window.form_reason.isVisible()
    assert reason in window.status_label.text()
    assert window.name_field.text() == "Ms. Lindiwe Dlamini"  # nothing typed is lost
    assert window.focusWidget() is window.limit_field  # the next keys correct the limit


def test_an_empty_name_is_refused_with_the_meetings_reason(
    qtbot: Any, window: SecretariatWindow
) -> None:
    type_speaker(qtbot, window, "   ")

    assert window.model.rowCount() == 0
    assert "name is empty" in window.status_label.text()
    assert "name is empty" in window.form_reason.text()


def test_a_ten_thousand_character_name_is_refused_not_a_crash(
    qtbot: Any, window: SecretariatWindow
) -> None:
    window.name_field.setText("A" * 10_000)
    qtbot.keyClick(window.name_field, Qt.Key.Key_Return)

    assert window.model.rowCount() == 0
    assert "shorten it" in window.status_label.text()


def test_a_pasted_multi_line_name_is_cleaned_into_one_line(
    qtbot: Any, window: SecretariatWindow, meeting: Meeting
) -> None:
    QApplication.clipboard().setText("Ms. Amélie\r\nDupont\n\tFrance\n")
    window.name_field.setFocus()
    window.name_field.paste()
    qtbot.keyClick(window.name_field, Qt.Key.Key_Return)

    assert names(window) == ["Ms. Amélie Dupont France"]
    assert "\n" not in meeting.waiting(SESSION)[0].info.name


@pytest.mark.parametrize(
    ("typed", "inscribed"),
    [
        ("السيدة فاطمة الزهراء بنعلي", "السيدة فاطمة الزهراء بنعلي"),  # right to left
        ("Mayor Chen Xiaoming 陈晓明", "Mayor Chen Xiaoming 陈晓明"),
        ("Ms. Joy 🙂 Okafor", "Ms. Joy 🙂 Okafor"),
        ("\u202eMr. Reversed\u0007", "Mr. Reversed"),  # a direction override and a bell
    ],
)
def test_unusual_names_are_inscribed_as_typed_less_invisible_controls(
    qtbot: Any, window: SecretariatWindow, meeting: Meeting, typed: str, inscribed: str
) -> None:
    window.name_field.setText(typed)
    qtbot.keyClick(window.name_field, Qt.Key.Key_Return)

    assert [row.info.name for row in meeting.waiting(SESSION)] == [inscribed]
    assert names(window) == [inscribed]
    assert window.status_label.full_text().startswith(f"Inscribed {inscribed} (")


def test_keys_on_the_list_move_and_withdraw(
    qtbot: Any, window: SecretariatWindow, meeting: Meeting, inscribe_speakers: Any
) -> None:
    first, second, third = inscribe_speakers(3)
    table = window.table
    table.setFocus()
    table.selectRow(0)

    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert window.model.speaker_ids == [second, first, third]
    assert table.selected_speaker() == first  # the selection follows the speaker
    name = meeting.speaker(first).name
    assert window.status_label.full_text() == f"Moved {name} to place 2 (Ctrl+Z to undo)."
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert window.model.speaker_ids == [second, third, first]
    qtbot.keyClick(table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert window.model.speaker_ids == [second, first, third]

    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert window.model.speaker_ids == [second, third]
    assert meeting.speaker(first).status == "withdrawn"
    assert "Withdrew" in window.status_label.text()
    assert table.selected_speaker() == third  # the next row, ready for another Delete


def test_a_name_already_waiting_is_inscribed_with_a_warning(
    qtbot: Any, window: SecretariatWindow
) -> None:
    window.resize(960, 800)  # half of a full-HD screen
    long = "H.E. Mr. Abdulrahman bin Mohammed Al-Thani of the Gulf Cooperation Council"
    type_speaker(qtbot, window, long)
    type_speaker(qtbot, window, "Mr. Kenji Watanabe")
    type_speaker(qtbot, window, long.lower())  # asked twice, or typed twice
    QApplication.processEvents()

    assert names(window) == [long, "Mr. Kenji Watanabe", long.lower()]
    warning = "Same name at place 1: withdraw one if it is one person. "
    assert window.status_label.full_text().startswith(warning + f"Inscribed {long.lower()} (")
    assert window.status_label.text().startswith(warning)  # shown, not cut off
    type_speaker(qtbot, window, "Ms. Sofia Ramirez")
    assert "Same name" not in window.status_label.full_text()


def test_enter_on_the_list_corrects_a_speaker_in_the_form(
    qtbot: Any, window: SecretariatWindow, meeting: Meeting, inscribe_speakers: Any
) -> None:
    first, second, _ = inscribe_speakers(3)
    meeting.edit_speaker(second, delegation="Senegal", note="asked at 10:12")
    table = window.table
    table.setFocus()
    table.selectRow(1)

    qtbot.keyClick(table, Qt.Key.Key_Return)
    info = meeting.speaker(second)
    assert window.name_field.text() == info.name
    assert window.delegation_field.text() == "Senegal"
    assert window.category_picker.currentData() == info.category
    assert window.note_field.text() == "asked at 10:12"
    assert window.inscribe_button.text() == "Save changes"
    assert QApplication.focusWidget() is window.name_field

    window.name_field.clear()
    qtbot.keyClicks(window.name_field, "Ms. Amina Diallo-Fall")
    qtbot.keyClicks(window.limit_field, "3m")
    qtbot.keyClick(window.limit_field, Qt.Key.Key_Return)

    assert meeting.speaker(second).name == "Ms. Amina Diallo-Fall"
    assert meeting.speaker(second).time_limit == 180
    assert meeting.speaker(second).note == "asked at 10:12"  # what was not touched stays
    assert names(window)[1] == "Ms. Amina Diallo-Fall"
    assert len(names(window)) == 3  # corrected, not inscribed again
    assert window.status_label.full_text().startswith("Corrected Ms. Amina Diallo-Fall")
    assert window.inscribe_button.text() == "Inscribe"
    assert window.name_field.text() == ""  # the form is ready for the next inscription

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, CTRL)
    assert meeting.speaker(second).name == info.name
    assert meeting.speaker(first).name == names(window)[0]


def test_esc_leaves_a_speaker_being_corrected_as_they_were(
    qtbot: Any, window: SecretariatWindow, meeting: Meeting, inscribe_speakers: Any
) -> None:
    first, _, _ = inscribe_speakers(3)
    name = meeting.speaker(first).name
    row = window.table.visualRect(window.model.index(0, 0)).center()
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=row)
    qtbot.mouseDClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=row)
    assert window.name_field.text() == name
    qtbot.keyClicks(window.name_field, " (typo)")

    qtbot.keyClick(window.name_field, Qt.Key.Key_Escape)

    assert meeting.speaker(first).name == name
    assert window.name_field.text() == ""
    assert window.inscribe_button.text() == "Inscribe"
    type_speaker(qtbot, window, "Mr. New")  # Enter inscribes again
    assert names(window)[-1] == "Mr. New"


def test_a_correction_the_meeting_refuses_keeps_the_form_and_says_why(
    qtbot: Any, window: SecretariatWindow, meeting: Meeting, inscribe_speakers: Any
) -> None:
    first, _, _ = inscribe_speakers(3)
    window.table.selectRow(0)
    window.edit_selected()
    window.name_field.setText("   ")

    qtbot.keyClick(window.name_field, Qt.Key.Key_Return)

    assert "name is empty" in window.form_reason.text()
    assert window.inscribe_button.text() == "Save changes"  # still correcting
    assert meeting.speaker(first).name == names(window)[0]


def test_a_correction_ends_when_its_speaker_leaves_the_list(
    qtbot: Any, window: SecretariatWindow, meeting: Meeting, bridge: MeetingBridge
) -> None:
    type_speaker(qtbot, window, "Ms. Amina Diallo")
    type_speaker(qtbot, window, "Mr. Kenji Watanabe")
    window.table.setFocus()
    window.table.selectRow(0)
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert window.inscribe_button.text() == "Save changes"

    bridge.run(meeting.call_next, "chair")  # meanwhile the chair gives her the floor

    assert window.inscribe_button.text() == "Inscribe"
    assert window.name_field.text() == ""
    assert "Ms. Amina Diallo is no longer waiting on this list" in window.status_label.full_text()
    qtbot.keyClick(window.name_field, Qt.Key.Key_Escape)  # nothing to leave: no harm
    type_speaker(qtbot, window, "Ms. Sofia Ramirez")
    assert names(window) == ["Mr. Kenji Watanabe", "Ms. Sofia Ramirez"]


def test_a_correction_ends_when_another_list_is_shown_and_changes_no_category(
    qtbot: Any, window: SecretariatWindow, meeting: Meeting, bridge: MeetingBridge
) -> None:
    mayor = meeting.inscribe("Mayor Chen", "local", delegation="Shanghai")
    window.table.selectRow(0)
    window.edit_selected()

    bridge.run(lambda: meeting.open_session("session-2"), "chair")
    window.name_field.setText("Mayor Chen Xiaoming")
    qtbot.keyClick(window.name_field, Qt.Key.Key_Return)

    assert meeting.speaker(mayor).category == "local"
    assert meeting.speaker(mayor).name == "Mayor Chen"  # inscribed anew in session 2 instead
    assert names(window) == ["Mayor Chen Xiaoming"]


@pytest.mark.qt_log_ignore(  # the offscreen platform on the suggestions' popup window
    "does not support raise", "does not support grabbing the keyboard", OFFSCREEN_NOISE
)
def test_esc_closes_the_delegation_suggestions_and_keeps_the_correction(
    qtbot: Any, window: SecretariatWindow, meeting: Meeting
) -> None:
    meeting.inscribe("Ms. Amélie Dupont", "states", delegation="France")
    meeting.inscribe("Mr. Other", "states")
    window.table.selectRow(1)
    window.edit_selected()
    qtbot.keyClicks(window.delegation_field, "Fra")
    popup = window.delegation_field.completer().popup()
    qtbot.waitUntil(popup.isVisible)

    qtbot.keyClick(popup, Qt.Key.Key_Escape)

    assert not popup.isVisible()
    assert window.inscribe_button.text() == "Save changes"
    qtbot.keyClick(window.delegation_field, Qt.Key.Key_Escape)  # a second Esc leaves it
    assert window.inscribe_button.text() == "Inscribe"


def test_ctrl_z_at_the_secretariat_never_takes_back_the_chairs_action(
    qtbot: Any, window: SecretariatWindow, meeting: Meeting, bridge: MeetingBridge
) -> None:
    type_speaker(qtbot, window, "Ms. Amina Diallo")
    type_speaker(qtbot, window, "Ms. Mistake")
    bridge.run(meeting.call_next, "chair")
    bridge.run(meeting.start_timer, "chair")  # the chair presses Space

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, CTRL)

    reading = meeting.timer()
    assert reading is not None
    assert reading.phase == "running"
    assert names(window) == ["Ms. Mistake"]
    assert window.status_label.full_text() == (
        "⚠ Not done: Ctrl+Z here undoes only this console's own actions, and the last is the"
        " chair's: Edit > Undo (start Ms. Amina Diallo's timer)."
    )
    window.undo_action.trigger()  # Edit > Undo, which names it, takes back any action
    reading = meeting.timer()
    assert reading is not None
    assert reading.phase == "ready"

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, CTRL_SHIFT)  # nor brings it back
    assert meeting.timer().phase == "ready"  # type: ignore[union-attr]
    assert window.status_label.full_text() == (
        "⚠ Not done: Ctrl+Shift+Z here redoes only this console's own actions, and the next is"
        " the chair's: Edit > Redo (start Ms. Amina Diallo's timer)."
    )


def test_a_command_that_changes_nothing_does_not_make_the_chairs_action_the_secretariats(
    qtbot: Any, window: SecretariatWindow, meeting: Meeting, bridge: MeetingBridge
) -> None:
    bridge.run(lambda: meeting.open_session(SESSION), "chair")
    type_speaker(qtbot, window, "Ms. Amina Diallo")
    bridge.run(meeting.call_next, "chair")
    bridge.run(meeting.start_timer, "chair")
    index = window.session_picker.findData("session-2")
    window.session_picker.setCurrentIndex(index)
    window.session_picker.activated.emit(index)  # the secretariat looks at another list

    qtbot.keyClick(window.name_field, Qt.Key.Key_Z, CTRL)

    reading = meeting.timer()
    assert reading is not None
    assert reading.phase == "running"


def test_after_a_restart_ctrl_z_takes_back_the_inscription_made_before_it(
    qtbot: Any, meeting: Meeting, tmp_path: Path
) -> None:
    meeting.inscribe("Ms. Amina Diallo", "states")
    resumed = Meeting.replay(meeting.events, meeting.clock)
    window = open_window(qtbot, MeetingBridge(resumed), tmp_path)

    qtbot.keyClick(window.name_field, Qt.Key.Key_Z, CTRL)

    assert names(window) == []  # asker unknown, but an inscription is not the chair's kind


def test_after_a_refusal_the_next_success_is_written_in_the_windows_colour(
    qtbot: Any, window: SecretariatWindow
) -> None:
    window.show_refusal("the list is closed")
    refused = window.status_label.palette().color(QPalette.ColorRole.WindowText)
    type_speaker(qtbot, window, "Ms. Amina Diallo")

    shown = window.status_label.palette().color(QPalette.ColorRole.WindowText)
    assert shown == window.palette().color(QPalette.ColorRole.WindowText)
    assert shown != refused


def test_undoing_the_chairs_action_from_the_menu_says_how_to_redo_it(
    window: SecretariatWindow, meeting: Meeting, bridge: MeetingBridge
) -> None:
    meeting.inscribe("Ms. Amina Diallo", "states")
    bridge.run(meeting.call_next, "chair")

    window.undo_action.trigger()

    assert window.status_label.full_text() == (
        "Undone: call Ms. Amina Diallo (Edit > Redo does it again)."
    )


def test_a_correction_that_makes_a_name_twice_says_so(
    qtbot: Any, window: SecretariatWindow, meeting: Meeting
) -> None:
    meeting.inscribe("Mr. Jean Dupont", "states")
    meeting.inscribe("Mx. Temp Person", "states")
    window.table.selectRow(1)
    window.edit_selected()
    window.name_field.setText("Mr. Jean Dupont")

    qtbot.keyClick(window.name_field, Qt.Key.Key_Return)

    assert window.status_label.full_text().startswith(
        "Same name at place 1: withdraw one if it is one person. Corrected Mr. Jean Dupont"
    )
    window.table.selectRow(0)
    window.edit_selected()
    window.delegation_field.setText("France")  # only the delegation: no warning again
    qtbot.keyClick(window.name_field, Qt.Key.Key_Return)
    assert window.status_label.full_text() == "Corrected Mr. Jean Dupont (Ctrl+Z to undo)."


def test_a_refused_ctrl_z_says_what_to_do_first_whatever_the_names_length(
    qtbot: Any, window: SecretariatWindow, meeting: Meeting, bridge: MeetingBridge
) -> None:
    window.resize(960, 800)
    meeting.inscribe("Mr. Abdulrahman bin Mohammed " * 6, "states")
    bridge.run(meeting.call_next, "chair")

    qtbot.keyClick(window.name_field, Qt.Key.Key_Z, CTRL)
    QApplication.processEvents()

    assert window.status_label.text().startswith(
        "⚠ Not done: Ctrl+Z here undoes only this console's own actions, and the last is"
    )
    assert "Edit > Undo (call Mr." in window.status_label.text()  # shown, before the cut


def test_after_a_restart_ctrl_z_leaves_the_chairs_call_made_before_it(
    qtbot: Any, meeting: Meeting, tmp_path: Path
) -> None:
    meeting.inscribe("Ms. Amina Diallo", "states")
    meeting.inscribe("Mr. Kenji Watanabe", "states")
    meeting.call_next()  # the chair's, before the restart
    resumed = Meeting.replay(meeting.events, meeting.clock)
    window = open_window(qtbot, MeetingBridge(resumed), tmp_path)

    qtbot.keyClick(window.name_field, Qt.Key.Key_Z, CTRL)

    assert resumed.floor is not None
    assert resumed.floor.info.name == "Ms. Amina Diallo"
    assert window.status_label.full_text().endswith("Edit > Undo (call Ms. Amina Diallo).")


def test_once_something_is_typed_ctrl_z_is_the_fields_own(
    qtbot: Any, window: SecretariatWindow
) -> None:
    type_speaker(qtbot, window, "Ms. Just Inscribed")
    window.delegation_field.setText("France")  # as a picked suggestion fills it

    qtbot.keyClick(window.delegation_field, Qt.Key.Key_Z, CTRL)

    assert names(window) == ["Ms. Just Inscribed"]


def test_ctrl_n_while_correcting_starts_a_new_inscription(
    qtbot: Any, window: SecretariatWindow, meeting: Meeting
) -> None:
    first = meeting.inscribe("Ms. Amélie Dupont", "states")
    window.table.selectRow(0)
    window.edit_selected()

    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    qtbot.keyClicks(QApplication.focusWidget(), "Mr. Newcomer")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    assert meeting.speaker(first).name == "Ms. Amélie Dupont"
    assert names(window) == ["Ms. Amélie Dupont", "Mr. Newcomer"]


def test_mark_absent_and_recall_from_the_absent_list(
    qtbot: Any, window: SecretariatWindow, meeting: Meeting, inscribe_speakers: Any
) -> None:
    first, second, _ = inscribe_speakers(3)
    window.table.selectRow(1)

    qtbot.mouseClick(window.absent_button, Qt.MouseButton.LeftButton)
    assert second not in window.model.speaker_ids
    assert window.absent_list.count() == 1
    assert "Sr. Joaquín Pérez Muñoz" in window.absent_list.item(0).text()

    qtbot.mouseClick(window.recall_button, Qt.MouseButton.LeftButton)
    assert window.model.speaker_ids[0] == second  # back at the head of the list
    assert window.absent_list.count() == 0
    assert first in window.model.speaker_ids


def test_the_absent_speaker_chosen_stays_chosen_while_the_chair_acts(
    qtbot: Any, window: SecretariatWindow, meeting: Meeting, inscribe_speakers: Any
) -> None:
    first, second, _ = inscribe_speakers(3)
    meeting.mark_absent(first)
    meeting.mark_absent(second)
    window.absent_list.setCurrentRow(1)  # the secretariat picks the second one
    meeting.call_next()  # meanwhile the chair calls the next speaker
    meeting.show_message("Please conclude")

    qtbot.mouseClick(window.recall_button, Qt.MouseButton.LeftButton)
    assert window.model.speaker_ids[0] == second  # the one chosen, not the top of the list
    assert meeting.speaker(first).status == "absent"


def test_the_absent_list_is_filled_again_only_when_it_changes(
    window: SecretariatWindow, meeting: Meeting, inscribe_speakers: Any
) -> None:
    first = inscribe_speakers(3)[0]
    meeting.mark_absent(first)
    refills: list[int] = []
    window.absent_list.model().rowsInserted.connect(lambda *_: refills.append(1))

    meeting.call_next()  # the absent list shows the same: left as it is
    meeting.start_timer()
    assert refills == []
    meeting.mark_absent(meeting.waiting().ids()[0])
    assert len(refills) == 2  # filled again: two rows now
    assert window.absent_list.count() == 2


def test_a_refusal_shows_in_the_status_line(
    qtbot: Any, window: SecretariatWindow, meeting: Meeting
) -> None:
    window.bridge.run(meeting.call_next)  # nobody waiting

    assert "Nobody is waiting" in window.status_label.text()
    assert window.status_label.text().startswith("⚠")  # not colour alone


def test_closing_the_list_refuses_new_inscriptions(
    qtbot: Any, window: SecretariatWindow, meeting: Meeting
) -> None:
    qtbot.mouseClick(window.list_button, Qt.MouseButton.LeftButton)
    assert not meeting.list_open(SESSION)
    assert "CLOSED" in window.list_state.text()
    assert window.list_button.text() == "Reopen the list"

    type_speaker(qtbot, window, "Mr. Late Comer")
    assert window.model.rowCount() == 0
    assert "closed" in window.status_label.text()

    window.toggle_list()
    type_speaker(qtbot, window, "Mr. Late Comer")
    assert names(window) == ["Mr. Late Comer"]


def test_a_refusal_under_the_form_goes_once_the_form_is_corrected_or_the_list_reopened(
    qtbot: Any, window: SecretariatWindow
) -> None:
    window.toggle_list()  # closed
    type_speaker(qtbot, window, "Mr. Late Comer")
    assert "closed" in window.form_reason.text()

    window.toggle_list()  # this console reopens the list: the reason no longer holds
    assert window.form_reason.text() == ""
    assert window.name_field.text() == "Mr. Late Comer"  # what was typed is still there

    window.limit_field.setText("")
    qtbot.keyClicks(window.limit_field, "99h")
    qtbot.keyClick(window.limit_field, Qt.Key.Key_Return)
    assert "too long" in window.form_reason.text()
    qtbot.keyClick(window.limit_field, Qt.Key.Key_Backspace)  # correcting the field
    assert window.form_reason.text() == ""
    qtbot.keyClick(window.limit_field, Qt.Key.Key_Return)  # "99" is 99 s: inscribed
    window.toggle_list()
    type_speaker(qtbot, window, "Ms. Second")
    assert "closed" in window.form_reason.text()
    qtbot.keyClick(window.mode_picker, Qt.Key.Key_Down)  # another choice in the form
    assert window.form_reason.text() == ""


@pytest.mark.parametrize(("key", "title"), [("E", "Export the record"), ("I", "Import")])
def test_the_file_keys_work_from_the_name_field_where_the_cursor_is(
    qtbot: Any, window: SecretariatWindow, monkeypatch: pytest.MonkeyPatch, key: str, title: str
) -> None:
    from PySide6.QtWidgets import QFileDialog

    asked: list[str] = []
    opened_in: list[str] = []

    def ask(_parent: object, caption: str, where: str, *_args: object) -> tuple[str, str]:
        asked.append(caption)
        opened_in.append(where)
        return "", ""  # the user cancels

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", ask)
    window.activateWindow()
    window.focus_name()
    qtbot.waitUntil(window.name_field.hasFocus)
    qtbot.keyClicks(window.name_field, "Ms. Half-typed")
    # A text field on Linux takes Ctrl+E (the end of the line) before any menu can: the
    # window keeps the File keys from it (Qt's offscreen platform binds no Ctrl+E itself).
    offered = QKeyEvent(QEvent.Type.ShortcutOverride, Qt.Key[f"Key_{key}"], CTRL)
    assert window.eventFilter(window.name_field, offered)

    qtbot.keyClick(window.name_field, Qt.Key[f"Key_{key}"], CTRL)

    assert [caption.startswith(title) for caption in asked] == [True]
    assert window.name_field.text() == "Ms. Half-typed"  # nothing typed is lost
    # the dialog opens among the user's documents, not in FloorClock's hidden data folder
    assert not opened_in[0].startswith(str(window.data_dir))
    assert Path(opened_in[0]).parts[: len(Path.home().parts)] == Path.home().parts


def test_alt_l_takes_the_keys_from_the_form_to_the_list(
    qtbot: Any, window: SecretariatWindow
) -> None:
    type_speaker(qtbot, window, "Ms. Amina Diallo")
    type_speaker(qtbot, window, "Mr. Kenji Watanabe")
    window.activateWindow()
    qtbot.waitUntil(window.name_field.hasFocus)

    qtbot.keyClick(window.name_field, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    assert window.table.hasFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)  # the first row, selected for the keys

    assert names(window) == ["Mr. Kenji Watanabe"]


def test_the_session_picker_shows_another_sessions_list(
    qtbot: Any, window: SecretariatWindow, meeting: Meeting
) -> None:
    meeting.inscribe("Morning", "states", session_id=SESSION)
    picker = window.session_picker
    afternoon = picker.findData("session-2")

    picker.setCurrentIndex(afternoon)
    picker.activated.emit(afternoon)
    assert window.session_id == "session-2"
    assert names(window) == []
    type_speaker(qtbot, window, "Afternoon")
    assert [w.info.name for w in meeting.waiting("session-2")] == ["Afternoon"]
    assert [w.info.name for w in meeting.waiting(SESSION)] == ["Morning"]


def test_the_forecast_summary_and_the_cutoff_with_a_short_floor(
    qtbot: Any, bundled_agenda: Agenda, fake_clock: FakeClock, tmp_path: Path
) -> None:
    data = agenda_to_data(bundled_agenda)
    data["sessions"][1]["floor"]["budget"] = 300  # five minutes: two speakers of two minutes
    meeting = Meeting(parse_agenda(data), fake_clock)
    meeting.select_session(SESSION)
    bridge = MeetingBridge(meeting)
    window = SecretariatWindow(bridge, tmp_path)
    qtbot.addWidget(window)
    for name in ("A", "B", "C", "D"):
        window.name_field.setText(name)
        window.inscribe_from_form()

    assert window.forecast_label.text() == "4 waiting · list ends 10:28 · ✕ 2 will not fit"
    rows = [window.model.headerData(r, Qt.Orientation.Vertical) for r in range(4)]
    assert rows == ["1", "2", f"3  {NOT_FIT_MARK}", f"4  {NOT_FIT_MARK}"]
    bridge.close()


def test_import_keeps_good_rows_and_reports_bad_ones_by_line(
    qtbot: Any, window: SecretariatWindow, meeting: Meeting, tmp_path: Path
) -> None:
    path = tmp_path / "speakers.csv"
    long_name = "B" * 10_000
    path.write_text(
        "name,delegation,category,mode,time_limit,email\n"  # a column FloorClock ignores
        "Ms. Amina Diallo,Senegal,State,room,3m,amina@example.org\n"  # 2
        "Nobody,,Municipality,room,\n"  # 3: no such category
        f"{long_name},Somewhere,ngo,room,\n"  # 4: the meeting refuses it
        "M. Jean Dupont,Ville de Lyon,Local gov,online,\n"  # 5
        "Dr. Zero,,ngo,room,0\n",  # 6
        encoding="utf-8",
    )

    report = window.import_speakers(path)

    assert names(window) == ["Ms. Amina Diallo", "M. Jean Dupont"]
    lines = [p.split(":")[0] for p in report.problems]
    assert lines == ["line 1", "line 3", "line 4", "line 6"]  # line 1: the column ignored
    assert "shorten it" in report.problems[2]
    box = window.show_import_report(report, path.name)
    assert box.isVisible()
    assert "2 speakers inscribed" in box.text()
    assert box.informativeText().startswith("3 rows were not imported.")  # not the header
    assert "line 1: column 'email' is not known" in box.informativeText()
    assert "3 rows not imported" in window.status_label.text()
    box.close()


def test_one_undo_takes_back_a_whole_import(
    qtbot: Any, window: SecretariatWindow, meeting: Meeting, tmp_path: Path
) -> None:
    meeting.inscribe("Mr. Already There", "states")
    path = tmp_path / "speakers.csv"
    path.write_text(
        "name,category\nMs. Amina Diallo,states\nDr. Zero,nowhere\nM. Jean Dupont,local\n",
        encoding="utf-8",
    )
    window.import_speakers(path)
    assert names(window) == ["Mr. Already There", "Ms. Amina Diallo", "M. Jean Dupont"]

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    assert names(window) == ["Mr. Already There"]


def test_an_unreadable_import_says_why(
    qtbot: Any, window: SecretariatWindow, tmp_path: Path
) -> None:
    path = tmp_path / "speakers.csv"
    path.write_text("delegation,category\nFrance,states\n", encoding="utf-8")

    report = window.import_speakers(path)
    box = window.show_import_report(report, path.name)

    assert report.error is not None
    assert "no 'name' column" in box.informativeText()
    assert "no 'name' column" in window.status_label.text()
    assert window.model.rowCount() == 0
    box.close()


def test_export_the_record(
    qtbot: Any, window: SecretariatWindow, meeting: Meeting, tmp_path: Path, fake_clock: FakeClock
) -> None:
    meeting.open_session(SESSION)
    meeting.inscribe("Ms. Amina Diallo", "states", delegation="Senegal")
    meeting.call_next()
    meeting.start_timer()
    fake_clock.advance(95)
    meeting.end_intervention()

    for suffix in ("csv", "json", "md"):
        assert window.export_record(tmp_path / f"record.{suffix}") is None
    assert "Ms. Amina Diallo" in (tmp_path / "record.csv").read_text(encoding="utf-8-sig")
    exported = json.loads((tmp_path / "record.json").read_text(encoding="utf-8"))
    session = next(item for item in exported["sessions"] if item["id"] == SESSION)
    [intervention] = session["records"]
    assert intervention["speaker"] == "Ms. Amina Diallo"
    assert intervention["delegation"] == "Senegal"
    assert intervention["spoken_seconds"] == 95
    assert "Amina Diallo" in (tmp_path / "record.md").read_text(encoding="utf-8")
    assert "csv, .json or .md" in (window.export_record(tmp_path / "record.pdf") or "")


def test_undo_from_the_console_takes_back_the_last_inscription(
    qtbot: Any, window: SecretariatWindow, meeting: Meeting
) -> None:
    type_speaker(qtbot, window, "Ms. Mistake")
    assert window.undo_action.isEnabled()

    window.undo_action.trigger()
    assert names(window) == []


CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_ctrl_z_in_the_name_field_takes_back_the_inscription_just_made(
    qtbot: Any, window: SecretariatWindow
) -> None:
    type_speaker(qtbot, window, "Ms. Mistake")
    assert names(window) == ["Ms. Mistake"]
    focus = QApplication.focusWidget()
    assert focus is window.name_field  # ready for the next name, empty

    qtbot.keyClick(focus, Qt.Key.Key_Z, CTRL)
    assert names(window) == []
    assert window.status_label.text().startswith("Undone: ")
    assert "Ms. Mistake" in window.status_label.text()

    qtbot.keyClick(focus, Qt.Key.Key_Z, CTRL_SHIFT)
    assert names(window) == ["Ms. Mistake"]
    qtbot.keyClick(focus, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(focus, Qt.Key.Key_Y, CTRL)
    assert names(window) == ["Ms. Mistake"]


def test_ctrl_z_while_typing_a_name_takes_back_the_typing_not_the_list(
    qtbot: Any, window: SecretariatWindow
) -> None:
    type_speaker(qtbot, window, "Ms. First")
    qtbot.keyClicks(window.name_field, "Dr. Half")

    qtbot.keyClick(window.name_field, Qt.Key.Key_Z, CTRL)

    assert window.name_field.text() != "Dr. Half"
    assert names(window) == ["Ms. First"]


def test_long_names_and_sentences_never_widen_the_window(
    qtbot: Any, window: SecretariatWindow, meeting: Meeting
) -> None:
    window.resize(960, 800)  # half of a full-HD screen, beside the chair
    qtbot.waitUntil(lambda: window.width() == 960)
    long_name = "Ms. " + " ".join(["Wolfeschlegelsteinhausen"] * 4)
    meeting.inscribe(long_name, "states", delegation="Permanent Mission of Somewhere to Geneva")
    meeting.call_next()  # "On the floor: ..." at the top
    window.show_refusal("The list is closed: no one can be inscribed. " * 4)
    QApplication.processEvents()  # the window lays itself out

    assert window.minimumSizeHint().width() <= 800  # half of a 1600-pixel screen
    assert window.width() == 960
    assert window.status_label.text().endswith("…")  # what fits, and a sign that more is said
    assert window.status_label.toolTip().startswith("⚠ Not done: The list is closed")
    assert window.floor_label.text().startswith("On the floor: Ms. Wolfeschlegelsteinhausen")


def test_an_action_paints_the_places_once_with_the_rows_laid_out(
    window: SecretariatWindow, meeting: Meeting, inscribe_speakers: Any
) -> None:
    """The view lays out its rows at once after an action: the row header is not painted
    before that and again after it."""
    inscribe_speakers(6)
    meeting.call_next()
    for _ in range(3):
        QApplication.processEvents()
    places = window.table.verticalHeader().viewport()
    paints = Paints(places)
    meeting.call_next()
    for _ in range(3):
        QApplication.processEvents()
    assert paints.count(places) == 1
    assert window.model.headerData(0, Qt.Orientation.Vertical) == "1"
    assert window.model.speaker_ids == meeting.waiting().ids()


def test_a_new_forecast_no_wider_than_before_repaints_only_its_own_label(
    window: SecretariatWindow, meeting: Meeting, inscribe_speakers: Any
) -> None:
    """After a call the summary says one waiting fewer; the status bar is not laid out again,
    so its other line is not repainted, nor the bar beyond the summary."""
    inscribe_speakers(10)
    meeting.call_next()
    for _ in range(3):
        QApplication.processEvents()
    status = window.statusBar()
    before = window.forecast_label.text()
    paints = Paints(window.forecast_label, window.status_label, status)
    meeting.call_next()
    for _ in range(3):
        QApplication.processEvents()
    assert before.startswith("9 waiting")
    assert window.forecast_label.text().startswith("8 waiting")
    assert paints.count(window.forecast_label) == 1
    assert paints.count(window.status_label) == 0
    label_area = window.forecast_label.geometry()  # the bar's ground shows through the label
    assert all(label_area.contains(region.boundingRect()) for region in paints.regions(status))


def shown_columns(window: SecretariatWindow) -> list[Column]:
    header = window.table.horizontalHeader()
    return [column for column in Column if not header.isSectionHidden(column)]


def test_a_narrow_list_hides_its_least_needed_columns_instead_of_scrolling_sideways(
    qtbot: Any, window: SecretariatWindow, inscribe_speakers: Any
) -> None:
    """On a small screen the list keeps the names, the delegations and the expected starts in
    view, with no horizontal scroll bar over the last row; widened, it shows every column."""
    inscribe_speakers(6)
    table = window.table
    window.resize(1400, 700)
    qtbot.waitUntil(lambda: shown_columns(window) == list(Column))
    assert not table.horizontalScrollBar().isVisible()
    assert table.horizontalHeader().toolTip() == ""

    window.resize(700, 700)
    qtbot.waitUntil(lambda: Column.REASON not in shown_columns(window))
    assert shown_columns(window)[0] == Column.NAME
    assert Column.EXPECTED in shown_columns(window)
    assert not table.horizontalScrollBar().isVisible()
    header = table.horizontalHeader()
    assert header.length() <= table.viewport().width()
    assert "Why this place" in header.toolTip()
    # The name takes the room the hidden columns left.
    assert header.sectionSize(Column.NAME) >= 140

    window.resize(1400, 700)
    qtbot.waitUntil(lambda: shown_columns(window) == list(Column))
    assert header.sectionSize(Column.NAME) == 220
    assert header.toolTip() == ""


def test_a_column_drawn_wider_by_hand_makes_room_by_hiding_others_not_by_scrolling(
    qtbot: Any, window: SecretariatWindow, inscribe_speakers: Any
) -> None:
    inscribe_speakers(6)
    table = window.table
    header = table.horizontalHeader()
    window.resize(1400, 700)
    qtbot.waitUntil(lambda: shown_columns(window) == list(Column))
    header.resizeSection(Column.DELEGATION, 500)  # as a drag of its edge does
    qtbot.waitUntil(lambda: Column.REASON not in shown_columns(window))
    QApplication.processEvents()
    assert header.sectionSize(Column.DELEGATION) == 500  # the secretariat's width stays
    assert header.length() <= table.viewport().width()
    assert not table.horizontalScrollBar().isVisible()

    window.resize(900, 700)
    qtbot.waitUntil(lambda: header.length() <= table.viewport().width())
    assert not table.horizontalScrollBar().isVisible()
    assert {Column.NAME, Column.EXPECTED} <= set(shown_columns(window))

    window.resize(2400, 700)
    qtbot.waitUntil(lambda: shown_columns(window) == list(Column))
    assert header.sectionSize(Column.DELEGATION) == 500
