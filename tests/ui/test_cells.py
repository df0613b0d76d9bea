"""The list of speakers as the secretariat sees it: what each cell of the table is drawn with.

The table's cells are drawn by :class:`floorclock.ui.cells.CellPainter`, not by Qt's own
delegate; these tests read the pixels of the table as shown, at places the model says what
must be there.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QImage, QPainter, QTextOption
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

from floorclock.core.agenda import Agenda, agenda_to_data, parse_agenda
from floorclock.core.clock import FakeClock
from floorclock.core.meeting import Meeting
from floorclock.ui.bridge import MeetingBridge
from floorclock.ui.cells import NOT_FITTING, PADDING, CellPainter
from floorclock.ui.queue_model import NOT_FIT_MARK, Column
from floorclock.ui.secretariat import CUTOFF_COLOUR, QueueView, SecretariatWindow
from floorclock.ui.theme import GRID, dark_palette

from .conftest import Paints

SESSION = "session-1"
LONG_NAME = "Her Excellency Ms. Maria-Fernanda de los Santos Villanueva y Castellanos"


@pytest.fixture
def short_floor(bundled_agenda: Agenda, fake_clock: FakeClock) -> Iterator[MeetingBridge]:
    """Session 1 with a floor of five minutes: two speakers of two minutes fit, no more."""
    data = agenda_to_data(bundled_agenda)
    data["sessions"][1]["floor"]["budget"] = 300
    meeting = Meeting(parse_agenda(data), fake_clock)
    meeting.select_session(SESSION)
    bridge = MeetingBridge(meeting)
    yield bridge
    bridge.close()


@pytest.fixture
def table(qtbot: Any, short_floor: MeetingBridge, tmp_path: Path) -> QueueView:
    meeting = short_floor.meeting
    meeting.inscribe("Ms. Amina Diallo", "states", delegation="Senegal")
    meeting.inscribe(LONG_NAME, "states")
    meeting.inscribe("Mr. Kim Min-jun", "states", delegation="Republic of Korea")
    meeting.inscribe("Mr. Carlos Mendes", "local", delegation="Lisboa")
    window = SecretariatWindow(short_floor, tmp_path)
    qtbot.addWidget(window)
    window.resize(1400, 820)
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    return window.table


def shown(table: QueueView) -> QImage:
    return table.viewport().grab().toImage()


def cell_rect(table: QueueView, row: int, column: Column) -> QRect:
    return table.visualRect(table.model().index(row, column))


def colours_in(image: QImage, rect: QRect) -> set[str]:
    return {
        image.pixelColor(x, y).name()
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
    }


def brightest(image: QImage, rect: QRect) -> int:
    """The highest green of any pixel in ``rect``: white ink reads 230 or more (green, as
    the red cut-off line drawn across the top of a row has little of it)."""
    return max(
        image.pixelColor(x, y).green()
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
    )


def ink_columns(image: QImage, rect: QRect, ground: QColor) -> list[int]:
    """The x of every pixel column in ``rect`` that holds something other than ``ground``."""
    return [
        x
        for x in range(rect.left(), rect.right() + 1)
        if any(image.pixelColor(x, y) != ground for y in range(rect.top() + 3, rect.bottom() - 2))
    ]


def test_rows_alternate_and_the_selected_row_is_highlighted(table: QueueView) -> None:
    palette = dark_palette()
    image = shown(table)
    mode_cell = cell_rect(table, 0, Column.MODE)
    empty_spot = QRect(mode_cell.right() - 6, mode_cell.top() + 3, 3, 3)  # right of "in the room"
    assert colours_in(image, empty_spot) == {palette.color(palette.ColorRole.Base).name()}
    empty_spot.translate(0, cell_rect(table, 1, Column.MODE).top() - mode_cell.top())
    assert colours_in(image, empty_spot) == {palette.color(palette.ColorRole.AlternateBase).name()}

    table.selectRow(1)
    QApplication.processEvents()
    assert colours_in(shown(table), empty_spot) == {
        palette.color(palette.ColorRole.Highlight).name()
    }


def test_speakers_below_the_cutoff_are_drawn_in_grey(table: QueueView) -> None:
    """Two of four fit: the third and fourth names are grey, the first two white."""
    image = shown(table)
    names = [cell_rect(table, row, Column.NAME) for row in range(4)]
    assert [brightest(image, rect) >= 230 for rect in names] == [True, True, False, False]
    grey = NOT_FITTING.green()
    assert all(brightest(image, rect) <= grey + 2 for rect in names[2:])
    assert all(brightest(image, rect) >= grey - 20 for rect in names[2:])  # not blank either

    table.selectRow(3)  # grey on the selection's blue would not read: white there
    QApplication.processEvents()
    assert brightest(shown(table), names[3]) >= 230


def test_a_name_too_long_for_its_column_ends_in_an_ellipsis_inside_it(table: QueueView) -> None:
    name_cell = cell_rect(table, 1, Column.NAME)
    painter = table.itemDelegate()
    assert isinstance(painter, CellPainter)
    text = painter.shown_text(LONG_NAME, name_cell.width() - 8)
    assert text.endswith("…")
    assert LONG_NAME.startswith(text[:-1])

    # The delegation cell beside it is empty: nothing of the name spills into it.
    image = shown(table)
    delegation = cell_rect(table, 1, Column.DELEGATION).adjusted(2, 0, -2, -1)
    ground = dark_palette().color(dark_palette().ColorRole.AlternateBase)
    assert ink_columns(image, delegation, ground) == []
    assert ink_columns(image, name_cell.adjusted(0, 0, -1, -1), ground) != []


def test_each_category_shows_its_colour_square(table: QueueView) -> None:
    image = shown(table)
    for row, colour in ((0, "#f6c85f"), (3, "#3ccfb4")):  # a State, a local government
        cell = cell_rect(table, row, Column.CATEGORY)
        square = QRect(cell.left() + 6, cell.center().y() - 2, 4, 4)
        model = table.model()
        decoration = model.data(model.index(row, Column.CATEGORY), 1)  # DecorationRole
        assert colours_in(image, square) == {QColor(decoration).name()} == {colour}


def test_times_are_aligned_right_and_names_left(table: QueueView) -> None:
    image = shown(table)
    ground = dark_palette().color(dark_palette().ColorRole.Base)
    expected = cell_rect(table, 0, Column.EXPECTED)
    ink = ink_columns(image, expected.adjusted(0, 0, -1, -1), ground)
    assert ink
    assert expected.right() - max(ink) < min(ink) - expected.left()
    name = cell_rect(table, 0, Column.NAME)
    ink = ink_columns(image, name.adjusted(0, 0, -1, -1), ground)
    assert ink
    assert min(ink) - name.left() < name.right() - max(ink)


def test_a_call_moves_every_name_up_one_row(table: QueueView, short_floor: MeetingBridge) -> None:
    """After a call, each row shows the name of the row below it before (nothing of the texts
    drawn before is kept in the wrong place)."""
    roles = dark_palette().ColorRole
    grounds = [dark_palette().color(role) for role in (roles.Base, roles.AlternateBase)]

    def name_ink(image: QImage, row: int) -> list[int]:
        cell = cell_rect(table, row, Column.NAME).adjusted(0, 0, -1, -1)
        return [x - cell.left() for x in ink_columns(image, cell, grounds[row % 2])]

    before = shown(table)
    short_floor.meeting.call_next()
    QApplication.processEvents()
    after = shown(table)
    assert name_ink(after, 0) == name_ink(before, 1) != name_ink(before, 0)
    assert name_ink(after, 1) == name_ink(before, 2)


def test_a_dashed_red_line_marks_the_cutoff_above_the_first_speaker_who_will_not_fit(
    table: QueueView,
) -> None:
    image = shown(table)
    first_out = cell_rect(table, 2, Column.NAME)  # two fit; the third is the first out
    along = [image.pixelColor(x, first_out.top() + 1).name() for x in range(0, 180)]
    assert along.count(CUTOFF_COLOUR) > 100  # dashes: two thirds of the line
    assert 30 < len([c for c in along if c != CUTOFF_COLOUR]) < 80  # and the gaps between
    above = cell_rect(table, 1, Column.NAME)
    assert CUTOFF_COLOUR not in {image.pixelColor(x, above.top() + 1).name() for x in range(180)}


def test_a_dragged_rows_picture_shows_it_selected(table: QueueView) -> None:
    """The picture a drag carries has no view behind it: the painter lays the selection's
    ground itself (as it must in styles whose view marks a selection with a tick only)."""
    table.selectRow(0)
    model = table.model()
    cell = cell_rect(table, 0, Column.NAME)
    image = QImage(cell.size(), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    option = QStyleOptionViewItem()
    option.rect = QRect(QPoint(0, 0), cell.size())
    table.itemDelegate().paint(painter, option, model.index(0, Column.NAME))
    painter.end()
    highlight = dark_palette().color(dark_palette().ColorRole.Highlight).name()
    assert image.pixelColor(cell.width() - 3, 2).name() == highlight
    assert brightest(image, QRect(0, 0, cell.width(), cell.height())) >= 230  # white text on it


def test_the_current_row_is_framed_while_the_list_has_the_keys(
    qtbot: Any, table: QueueView
) -> None:
    """Delete and Alt+A act on the current row even when nothing is selected: it shows."""
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    table.selectionModel().setCurrentIndex(
        table.model().index(1, 0), QItemSelectionModel.SelectionFlag.NoUpdate
    )
    table.clearSelection()
    QApplication.processEvents()
    image = shown(table)
    highlight = dark_palette().color(dark_palette().ColorRole.Highlight).name()
    top = cell_rect(table, 1, Column.MODE).top()
    along = {image.pixelColor(x, top).name() for x in range(40, 400)}
    assert along == {highlight}
    above = cell_rect(table, 0, Column.MODE).top()
    assert highlight not in {image.pixelColor(x, above).name() for x in range(40, 400)}


def test_mixed_arabic_and_latin_reads_as_the_views_direction_lays_it_out(
    table: QueueView, short_floor: MeetingBridge
) -> None:
    """ "محمد Ali Hassan" in a left-to-right list: the Arabic word first, at the left, as Qt
    lays the line out (not "Ali Hassan محمد", as a right-to-left paragraph would)."""
    name = "محمد Ali Hassan"
    short_floor.meeting.edit_speaker(table.model().speaker_id(0), name=name)
    QApplication.processEvents()
    cell = cell_rect(table, 0, Column.NAME)
    ground = dark_palette().color(dark_palette().ColorRole.Base)
    on_screen = ink_columns(shown(table), cell.adjusted(0, 0, -1, -1), ground)
    shown_ink = [x - cell.left() for x in on_screen]

    reference = QImage(cell.size(), QImage.Format.Format_ARGB32_Premultiplied)
    reference.fill(ground)
    painter = QPainter(reference)
    painter.setFont(table.font())
    painter.setPen(QColor("white"))
    layout = QTextOption()
    layout.setTextDirection(Qt.LayoutDirection.LeftToRight)
    painter.drawText(QRectF(PADDING, 0, cell.width() - 2 * PADDING, cell.height()), name, layout)
    painter.end()
    drawn = ink_columns(reference, QRect(0, 0, cell.width() - 1, cell.height() - 1), ground)

    def gaps(ink: list[int]) -> list[int]:
        return [b for a, b in pairwise(ink) if b - a >= 4]

    assert len(gaps(drawn)) == 2
    assert all(abs(a - b) <= 2 for a, b in zip(gaps(shown_ink), gaps(drawn), strict=True))


def test_an_extension_moves_the_expected_starts_on_screen(
    qtbot: Any, bridge: MeetingBridge, tmp_path: Path
) -> None:
    """After an action that leaves the list alone, the "Expected" times shown move with the
    forecast (test_queue_model checks that only the cells whose text moved are told)."""
    meeting = bridge.meeting
    for name in ("A", "B", "C", "D"):
        meeting.inscribe(name, "states")
    meeting.open_session(SESSION)
    meeting.call_next()
    meeting.start_timer()
    window = SecretariatWindow(bridge, tmp_path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    table, model = window.table, window.model
    expected = cell_rect(table, 0, Column.EXPECTED)
    before = shown(table).copy(expected)
    text_before = model.data(model.index(0, Column.EXPECTED))

    meeting.extend(120)  # two minutes more for the speaker: everyone waiting starts later
    QApplication.processEvents()

    assert model.data(model.index(0, Column.EXPECTED)) != text_before
    assert shown(table).copy(expected) != before


@pytest.mark.parametrize(
    "direction", [Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft]
)
def test_the_list_looks_the_same_painted_in_one_pass_or_by_qt_cell_by_cell(
    qtbot: Any, table: QueueView, monkeypatch: pytest.MonkeyPatch, direction: Qt.LayoutDirection
) -> None:
    """The list is painted in one pass, except while a row is dragged (Qt paints then, to
    show where it will drop): a drag starting must not change a pixel of the rows."""
    table.setLayoutDirection(direction)
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    table.selectRow(2)  # selected, below the cut-off, framed as current
    QApplication.processEvents()
    one_pass = shown(table)
    name = cell_rect(table, 0, Column.NAME)
    assert brightest(one_pass, name) >= 230  # not a blank list
    # The lines between the cells: at the end of a column, at the bottom of a row.
    end = name.left() if direction == Qt.LayoutDirection.RightToLeft else name.right()
    assert one_pass.pixelColor(end, name.center().y()).name() == GRID
    assert one_pass.pixelColor(name.center().x(), name.bottom()).name() == GRID

    monkeypatch.setattr(table, "state", lambda: QueueView.State.DraggingState)
    cell_by_cell = shown(table)
    assert one_pass.size() == cell_by_cell.size()
    differing = [
        (x, y)
        for y in range(one_pass.height())
        for x in range(one_pass.width())
        if one_pass.pixel(x, y) != cell_by_cell.pixel(x, y)
    ]
    assert differing == []


def test_the_places_show_right_aligned_with_the_cutoff_mark_in_grey(table: QueueView) -> None:
    """The row header: "1" and "2" in white, "3  ✕ will not fit" and "4  ✕ …" in grey and
    longer, all ending at the same distance from the right; the selected row's place in the
    selection's colour."""
    header = table.verticalHeader()
    image = header.viewport().grab().toImage()
    ground = image.pixelColor(2, header.sectionViewportPosition(0) + 2)
    sections = [
        QRect(0, header.sectionViewportPosition(row), image.width(), header.sectionSize(row))
        for row in range(4)
    ]
    assert [brightest(image, rect) >= 230 for rect in sections] == [True, True, False, False]
    grey = NOT_FITTING.green()
    assert all(grey - 20 <= brightest(image, rect) <= grey + 2 for rect in sections[2:])
    inks = [ink_columns(image, rect, ground) for rect in sections]
    assert all(inks)
    assert len({ink[-1] for ink in inks}) <= 2  # right-aligned (a glyph's edge may differ)
    assert inks[2][0] < inks[0][0] - 40  # the mark makes the place longer, to the left

    table.selectRow(1)
    QApplication.processEvents()
    image = header.viewport().grab().toImage()
    highlight = dark_palette().color(dark_palette().ColorRole.Highlight).name()
    assert image.pixelColor(2, sections[1].top() + 2).name() == highlight
    assert image.pixelColor(2, sections[0].top() + 2).name() != highlight


def test_the_places_are_wide_enough_for_the_cutoff_mark_in_a_larger_font(
    table: QueueView,
) -> None:
    """A larger font for the list (a secretariat that needs it) widens the row header so that
    "12  ✕ will not fit" still shows whole."""
    font = table.font()
    font.setPixelSize(24)
    table.setFont(font)
    QApplication.processEvents()
    needed = QFontMetrics(font).horizontalAdvance(f"999  {NOT_FIT_MARK}")
    assert table.verticalHeader().width() >= needed


def test_when_the_cutoff_moves_the_places_repaint_and_the_column_header_does_not(
    table: QueueView, short_floor: MeetingBridge
) -> None:
    """Four minutes for the first speaker: the second no longer fits, and its place turns
    grey with the mark; the column header, which nothing changed, is not painted again."""
    header = table.verticalHeader()
    columns = table.horizontalHeader()
    image = header.viewport().grab().toImage()
    second = QRect(0, header.sectionViewportPosition(1), image.width(), header.sectionSize(1))
    assert brightest(image, second) >= 230  # fits: white
    for _ in range(3):
        QApplication.processEvents()
    paints = Paints(header.viewport(), columns.viewport())

    short_floor.meeting.edit_speaker(table.model().speaker_id(0), time_limit=240)
    for _ in range(3):
        QApplication.processEvents()

    assert paints.count(header.viewport()) >= 1
    assert paints.count(columns.viewport()) == 0
    assert brightest(header.viewport().grab().toImage(), second) <= NOT_FITTING.green() + 2


def test_the_scroll_bar_repaints_when_its_handle_moves_not_at_every_new_range(
    table: QueueView, short_floor: MeetingBridge
) -> None:
    """One speaker fewer of 150 leaves the handle where it was: no repaint (it cost as much
    as six cells after each call); scrolling, or many fewer, moves it: repainted."""
    meeting = short_floor.meeting
    for number in range(150):
        meeting.inscribe(f"Speaker {number}", "states")
    bar = table.verticalScrollBar()
    for _ in range(3):
        QApplication.processEvents()
    assert bar.isVisible()
    paints = Paints(bar)
    most = bar.maximum()

    meeting.withdraw(table.model().speaker_id(0))
    for _ in range(3):
        QApplication.processEvents()
    assert bar.maximum() == most - 1
    assert paints.count(bar) == 0

    bar.setValue(bar.value() + 10)
    for _ in range(3):
        QApplication.processEvents()
    assert paints.count(bar) >= 1
    paints.clear()

    bar.setValue(0)
    for _ in range(3):
        QApplication.processEvents()
    paints.clear()
    for _ in range(100):
        meeting.withdraw(table.model().speaker_id(0))
    for _ in range(3):
        QApplication.processEvents()
    assert bar.maximum() < most - 90
    assert paints.count(bar) >= 1  # the handle grew


def test_below_the_last_speaker_the_list_and_its_places_show_their_own_grounds(
    table: QueueView,
) -> None:
    """Under the last row, the list shows the palette's base and the row header its button
    colour, as Qt's own viewports do (the views are given viewports made in Python)."""
    palette = dark_palette()
    header = table.verticalHeader()
    below = header.sectionViewportPosition(3) + header.sectionSize(3) + 10
    assert below < table.viewport().height() - 10  # four rows leave room under them
    places = header.viewport().grab().toImage()
    cells = shown(table)
    assert places.pixelColor(3, below).name() == palette.color(palette.ColorRole.Button).name()
    assert cells.pixelColor(40, below).name() == palette.color(palette.ColorRole.Base).name()
    assert header.viewport().objectName() == table.viewport().objectName()
