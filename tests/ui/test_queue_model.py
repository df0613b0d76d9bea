"""The queue model follows the engine's notices row by row, under qtmodeltester's eye."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, Qt, QTimer
from PySide6.QtGui import QColor

from floorclock.core.agenda import Agenda, agenda_to_data, parse_agenda
from floorclock.core.clock import FakeClock
from floorclock.core.meeting import Meeting
from floorclock.store.agenda_file import bundled_agenda_path, load_agenda
from floorclock.ui.bridge import MeetingBridge
from floorclock.ui.queue_model import (
    CUTOFF_ROLE,
    FITS_ROLE,
    NOT_FIT_MARK,
    SPEAKER_MIME,
    Column,
    QueueModel,
)

SESSION = "session-1"


def agenda_with_floor(budget: int | None = None) -> Agenda:
    agenda = load_agenda(bundled_agenda_path())
    if budget is None:
        return agenda
    data = agenda_to_data(agenda)
    for session in data["sessions"]:
        if session["id"] == SESSION:
            session["floor"]["budget"] = budget
    return parse_agenda(data)


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def meeting(fake_clock: FakeClock) -> Meeting:
    meeting = Meeting(agenda_with_floor(), fake_clock)
    meeting.select_session(SESSION)
    return meeting


@pytest.fixture
def bridge(meeting: Meeting) -> Iterator[MeetingBridge]:
    bridge = MeetingBridge(meeting)
    yield bridge
    bridge.close()


@pytest.fixture
def model(bridge: MeetingBridge) -> QueueModel:
    return QueueModel(bridge)


class Resets:
    """Counts the model's full resets."""

    def __init__(self, model: QueueModel) -> None:
        self.count = 0
        model.modelReset.connect(self._count)

    def _count(self) -> None:
        self.count += 1


def shown(model: QueueModel, column: Column = Column.NAME) -> list[Any]:
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def places(model: QueueModel) -> list[str]:
    """The row headers: the place on the list, with the cut-off marked in words."""
    return [model.headerData(row, Qt.Orientation.Vertical) for row in range(model.rowCount())]


def inscribe_three(meeting: Meeting) -> list[str]:
    # Inscribed in order of precedence, so the list keeps the order of inscription.
    return [
        meeting.inscribe("Ms. Amina Diallo", "states", delegation="Senegal"),
        meeting.inscribe("M. Jean Dupont", "local", delegation="Ville de Lyon", mode="online"),
        meeting.inscribe("Dr. Wei Zhang", "ngo", delegation="HRC Network", time_limit=90),
    ]


def test_the_model_follows_a_floor_segment_under_the_model_tester(
    qtmodeltester: Any, meeting: Meeting, model: QueueModel
) -> None:
    qtmodeltester.check(model, force_py=True)
    resets = Resets(model)
    amina, jean, wei = inscribe_three(meeting)
    assert shown(model) == ["Ms. Amina Diallo", "M. Jean Dupont", "Dr. Wei Zhang"]
    assert places(model) == ["1", "2", "3"]

    meeting.move(amina, 2)  # down: Qt is told "before row 3"
    assert model.speaker_ids == [jean, wei, amina]
    meeting.move(amina, 0)  # up again
    assert model.speaker_ids == [amina, jean, wei]

    meeting.withdraw(jean)
    assert shown(model) == ["Ms. Amina Diallo", "Dr. Wei Zhang"]

    meeting.call_next()
    assert shown(model) == ["Dr. Wei Zhang"]

    meeting.mark_absent(wei)
    assert shown(model) == []
    meeting.recall(wei)
    assert shown(model) == ["Dr. Wei Zhang"]
    assert resets.count == 0

    meeting.undo()  # the re-call: the engine asks for a re-read
    assert shown(model) == []
    meeting.undo()  # the absence
    assert shown(model) == ["Dr. Wei Zhang"]
    assert model.speaker_ids == meeting.waiting(SESSION).ids()


def test_the_qt_model_tester_finds_nothing_either(
    qtmodeltester: Any, meeting: Meeting, model: QueueModel
) -> None:
    qtmodeltester.check(model)  # Qt's own QAbstractItemModelTester, watching from here on
    amina, jean, wei = inscribe_three(meeting)
    meeting.move(amina, 2)
    meeting.move(wei, 0)
    meeting.withdraw(jean)
    meeting.call_next()
    meeting.undo()
    assert model.speaker_ids == meeting.waiting(SESSION).ids()


def test_single_changes_never_reset_the_model(
    qtbot: Any, meeting: Meeting, model: QueueModel
) -> None:
    resets = Resets(model)
    amina, jean, _ = inscribe_three(meeting)
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    moves: list[tuple[int, int]] = []
    model.rowsMoved.connect(lambda _p, start, _end, _d, row: moves.append((start, row)))

    fourth = meeting.inscribe("Mme Élodie Brun", "other")
    meeting.move(fourth, 0)  # [fourth, amina, jean, wei]
    meeting.move(amina, 2)  # [fourth, jean, amina, wei]
    meeting.withdraw(jean)
    meeting.edit_speaker(fourth, delegation="Université de Genève")

    assert resets.count == 0
    assert inserted == [(3, 3)]
    assert moves == [(3, 0), (1, 3)]  # down by one: Qt's "before row" is final + 1
    assert model.speaker_ids == meeting.waiting(SESSION).ids()


def test_what_each_column_shows(meeting: Meeting, model: QueueModel) -> None:
    meeting.inscribe(
        "Ms. Amina Diallo", "states", delegation="Senegal", group="African Group", time_limit=180
    )
    meeting.inscribe("M. Jean Dupont", "local", delegation="Ville de Lyon", mode="video")

    row = {column: model.data(model.index(0, column)) for column in Column}
    assert row[Column.DELEGATION] == "Senegal, on behalf of African Group"
    assert row[Column.CATEGORY] == "State"
    assert row[Column.MODE] == "■ in the room"
    assert row[Column.LIMIT] == "3:00 own"
    assert row[Column.EXPECTED] == "10:20"  # the session's scheduled start
    assert "group statement" in row[Column.REASON]
    assert model.data(model.index(1, Column.MODE)) == "▶ video"
    assert model.data(model.index(1, Column.LIMIT)) == "2:00"  # the session's time
    assert model.data(model.index(1, Column.EXPECTED)) == "10:23"
    decoration = model.data(model.index(0, Column.CATEGORY), Qt.ItemDataRole.DecorationRole)
    assert decoration == QColor("#f6c85f")
    assert model.headerData(Column.EXPECTED, Qt.Orientation.Horizontal) == "Expected"


def test_expected_starts_are_read_again_after_an_action_not_on_a_timer(
    fake_clock: FakeClock, meeting: Meeting, model: QueueModel
) -> None:
    meeting.open_session(SESSION)
    meeting.inscribe("A", "states")
    assert model.data(model.index(0, Column.EXPECTED)) == "10:00"
    assert model.findChildren(QTimer) == []

    fake_clock.advance(600)
    assert model.data(model.index(0, Column.EXPECTED)) == "10:00"  # nothing happened yet
    meeting.inscribe("B", "states")
    assert model.data(model.index(0, Column.EXPECTED)) == "10:10"


def test_rows_below_the_cutoff_are_marked_in_words(fake_clock: FakeClock) -> None:
    meeting = Meeting(agenda_with_floor(budget=5 * 60), fake_clock)
    meeting.select_session(SESSION)
    bridge = MeetingBridge(meeting)
    model = QueueModel(bridge)
    for name in ("A", "B", "C", "D"):  # 2 minutes each in a floor of 5 minutes
        meeting.inscribe(name, "states")

    assert model.cutoff_row == 2
    assert places(model) == ["1", "2", f"3  {NOT_FIT_MARK}", f"4  {NOT_FIT_MARK}"]
    assert [model.data(model.index(r, 0), FITS_ROLE) for r in range(4)] == [
        True,
        True,
        False,
        False,
    ]
    assert [model.data(model.index(r, 0), CUTOFF_ROLE) for r in range(4)] == [
        False,
        False,
        True,
        False,
    ]
    grey = model.data(model.index(3, Column.NAME), Qt.ItemDataRole.ForegroundRole)
    assert grey is not None
    assert model.data(model.index(0, Column.NAME), Qt.ItemDataRole.ForegroundRole) is None

    meeting.withdraw(model.speaker_ids[0])  # one less waiting; five minutes still hold two
    assert places(model) == ["1", "2", f"3  {NOT_FIT_MARK}"]
    bridge.close()


def test_a_speaker_running_over_pushes_the_cutoff_up_without_an_action(
    fake_clock: FakeClock, qtbot: Any
) -> None:
    meeting = Meeting(agenda_with_floor(budget=9 * 60), fake_clock)
    meeting.select_session(SESSION)
    meeting.open_session(SESSION)
    bridge = MeetingBridge(meeting)
    model = QueueModel(bridge)
    for name in ("A", "B", "C", "D", "E"):  # 2 minutes each in a floor of 9 minutes
        meeting.inscribe(name, "states")
    meeting.call_next()
    meeting.start_timer()
    assert places(model) == ["1", "2", "3", f"4  {NOT_FIT_MARK}"]

    fake_clock.advance(60)
    model.follow_time()  # in time: nothing moved, nothing repainted
    assert places(model) == ["1", "2", "3", f"4  {NOT_FIT_MARK}"]

    fake_clock.advance(4 * 60)  # the speaker runs 3 minutes over
    with qtbot.waitSignal(model.forecast_changed, timeout=100):
        model.follow_time()
    assert places(model) == ["1", "2", f"3  {NOT_FIT_MARK}", f"4  {NOT_FIT_MARK}"]
    bridge.close()


def mime_for(model: QueueModel, row: int) -> QMimeData:
    data = model.mimeData([model.index(row, 0)])
    assert data.hasFormat(SPEAKER_MIME)
    return data


def test_drag_and_drop_moves_through_the_meeting(
    qtmodeltester: Any, meeting: Meeting, model: QueueModel
) -> None:
    qtmodeltester.check(model, force_py=True)
    amina, jean, wei = inscribe_three(meeting)
    move = Qt.DropAction.MoveAction

    # Dropped between rows 2 and 3 (Qt: "before row 3") moves Amina down to the end.
    assert model.dropMimeData(mime_for(model, 0), move, 3, 0, QModelIndex())
    assert model.speaker_ids == [jean, wei, amina]
    # Dropped on the first row puts Wei before it.
    assert model.dropMimeData(mime_for(model, 1), move, -1, -1, model.index(0, 0))
    assert model.speaker_ids == [wei, jean, amina]
    # Dropped on empty space below the rows: to the end.
    assert model.dropMimeData(mime_for(model, 0), move, -1, -1, QModelIndex())
    assert model.speaker_ids == [jean, amina, wei]
    # Dropped where it already is: nothing to do.
    assert not model.dropMimeData(mime_for(model, 1), move, 1, 0, QModelIndex())
    assert meeting.waiting(SESSION).ids() == [jean, amina, wei]
    assert meeting.waiting(SESSION)[2].manual


def test_move_rows_uses_qts_destination_convention(meeting: Meeting, model: QueueModel) -> None:
    amina, jean, wei = inscribe_three(meeting)

    assert model.moveRows(QModelIndex(), 0, 1, QModelIndex(), 2)  # before old row 2: to 1
    assert model.speaker_ids == [jean, amina, wei]
    assert model.moveRows(QModelIndex(), 2, 1, QModelIndex(), 0)  # up to the top
    assert model.speaker_ids == [wei, jean, amina]
    assert not model.moveRows(QModelIndex(), 0, 2, QModelIndex(), 3)  # one speaker at a time


def test_a_refused_move_is_told_not_raised(meeting: Meeting, model: QueueModel) -> None:
    refusals: list[tuple[str, object]] = []
    model._bridge.refused.connect(lambda text, origin: refusals.append((text, origin)))
    amina, _, _ = inscribe_three(meeting)
    meeting.call(amina)  # on the floor now, no longer in the list

    assert not model.move_speaker(amina, 1)
    assert refusals
    assert "not on the waiting list" in refusals[0][0]
    assert refusals[0][1] is model  # for the secretariat, not the chair


def test_the_model_turns_to_the_session_the_chair_opens(
    qtmodeltester: Any, meeting: Meeting, model: QueueModel
) -> None:
    qtmodeltester.check(model, force_py=True)
    meeting.inscribe("Later", "states", session_id="session-2")
    inscribe_three(meeting)
    sessions: list[str] = []
    model.session_changed.connect(sessions.append)
    assert model.session_id == SESSION

    meeting.open_session("session-2")
    assert sessions == ["session-2"]
    assert shown(model) == ["Later"]

    model.set_session(SESSION)  # the secretariat looks back at the morning's list
    assert model.rowCount() == 3
    meeting.inscribe("Afternoon", "ngo", session_id="session-2")  # another list: no change here
    assert model.rowCount() == 3


def test_after_an_action_only_rows_whose_texts_moved_are_announced(
    fake_clock: FakeClock, meeting: Meeting, model: QueueModel
) -> None:
    meeting.open_session(SESSION)
    for name in ("A", "B", "C", "D"):
        meeting.inscribe(name, "states")
    meeting.call_next()
    meeting.start_timer()
    for row in range(2):  # what the secretariat's list, showing two rows, has drawn
        model.cell(row, Column.EXPECTED)
        model.cell(row, Column.REASON)
    announced: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(
        lambda first, last, _roles=(): announced.append(
            (first.row(), first.column(), last.row(), last.column())
        )
    )

    meeting.pause_timer()  # no time passed: every expected start stays where it was
    assert announced == []

    meeting.extend(60)  # the next speakers start a minute later: the rows shown move
    assert announced == [(0, Column.EXPECTED, 1, Column.EXPECTED)]
    assert model.data(model.index(0, Column.EXPECTED)) == "10:03"

    announced.clear()
    meeting.withdraw(model.speaker_ids[2])  # the list itself changed: every row is told
    assert announced == [(0, Column.EXPECTED, 1, Column.REASON)]
