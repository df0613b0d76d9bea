"""The secretariat console: the list of speakers, edited as delegations ask for the floor.

A thin window. Every change goes to the meeting through :meth:`MeetingBridge.run`; the engine
decides, cleans the input or refuses with a sentence, and this window shows that sentence in
its status line. The window keeps no copy of the list: the table is a :class:`QueueModel` fed
by the engine's notices, and the rest is read again after each action (never on a timer).

Keys (the table must have the focus for Enter, Delete and Ctrl+Up/Down):
    Enter             correct the selected speaker's details in the form (or double-click)
    Delete            withdraw the selected speaker
    Ctrl+Up/Ctrl+Down move the selected speaker up or down
    Alt+A             mark the selected speaker absent
    Alt+R             re-call the selected absent speaker (also Enter in the absent list)
    Ctrl+N            go to the name field to inscribe someone
    Alt+L             go to the list (its row selected), for the keys above
    Enter             (in the form) inscribe
    Ctrl+L            close or reopen the list
    Ctrl+Z, Ctrl+Shift+Z  undo, redo this console's own last action (also Ctrl+Y); while
                      something is typed in the form, the typing; Edit > Undo, any action
    Esc               (in the form, while correcting) leave the speaker as they were
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QPointF, QRect, QSize, QStringListModel, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QIcon,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSlider,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QScrollBar,
    QSplitter,
    QStatusBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from floorclock.core import events as ev
from floorclock.core.agenda import Agenda, format_duration, parse_speaking_time
from floorclock.core.clock import time_of_day
from floorclock.core.meeting import CommandRefused, Meeting
from floorclock.core.text import short_name
from floorclock.ui import theme
from floorclock.ui.bridge import MeetingBridge
from floorclock.ui.cells import NOT_FITTING, CellPainter
from floorclock.ui.display import ElidedLabel, SteadyLabel, lay_out_now
from floorclock.ui.formatting import speaker_line
from floorclock.ui.queue_model import HEADERS, NOT_FIT_MARK, Column, QueueModel

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

MODES = (("room", "In the room"), ("online", "Online (live)"), ("video", "Video statement"))
"""The mode picker's choices, in the order a secretariat meets them."""
INSCRIBE_TITLE = (
    "Inscribe a speaker  (Enter inscribes · Ctrl+N comes back here · Alt+L to the list)"
)
_FLOOR_EVENTS = (
    ev.SpeakerCalled,
    ev.TimerStarted,
    ev.TimerPaused,
    ev.LimitChanged,
    ev.TimerReset,
    ev.InterventionEnded,
    ev.DisplayBlanked,
    ev.DisplayMessage,
    ev.SessionOpened,
    ev.SessionClosed,
)
"""What only the chair does: an action taken before this start that recorded one of these is
the chair's, which the secretariat's Ctrl+Z leaves alone."""

REFUSAL_COLOUR = theme.REFUSAL
CUTOFF_COLOUR = "#ff6b5a"
CUTOFF_WIDTH = 3
"""Pixels: the cut-off is a dashed line this thick, 12-pixel dashes 6 pixels apart."""


_GRID = QColor(theme.GRID)
PLACE_PADDING = 6
"""Pixels between a place number and the right of the row header."""


@cache
def _cutoff_dashes() -> QBrush:
    """The cut-off's dashes as a tiled image: filled like a rectangle, where a dashed pen
    would be stroked into an outline first (several times the work, at every paint)."""
    tile = QPixmap(6 * CUTOFF_WIDTH, CUTOFF_WIDTH)
    tile.fill(Qt.GlobalColor.transparent)
    painter = QPainter(tile)
    painter.fillRect(0, 0, 4 * CUTOFF_WIDTH, CUTOFF_WIDTH, QColor(CUTOFF_COLOUR))
    painter.end()
    return QBrush(tile)


@dataclass
class ImportReport:
    """What an import of speakers did: how many went on the list, and every problem by line."""

    session_id: str
    inscribed: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    error: str | None = None
    """Set when the file could not be read at all; nothing was inscribed."""


COLUMN_WIDTHS = {
    Column.NAME: 220,
    Column.DELEGATION: 170,
    Column.CATEGORY: 105,
    Column.MODE: 110,
    Column.LIMIT: 80,
    Column.EXPECTED: 76,
}
"""Pixels: each column's width as the list opens (the reasons take the rest)."""
NAME_AT_LEAST = 140
REASONS_AT_LEAST = 200
"""Pixels: the narrowest the names, and the reasons, are made before columns are hidden."""
HIDDEN_FIRST = (Column.REASON, Column.LIMIT, Column.MODE, Column.CATEGORY, Column.DELEGATION)
"""The columns given up, in this order, when the list is narrower than all of them: never
the name, nor the expected start that tells who will fit."""


def columns_to_hide(width: int, widths: Mapping[Column, int] = COLUMN_WIDTHS) -> frozenset[Column]:
    """The columns to hide so that the others fit in ``width`` pixels without a horizontal
    scroll bar (a bar that hides the names' ends, and the list's last row, behind it), the
    columns being ``widths`` wide (as the list opens, or as the secretariat made them)."""
    hidden: set[Column] = set()

    def needed() -> int:
        fixed = sum(
            size
            for column, size in widths.items()
            if column not in hidden and column is not Column.NAME
        )
        if Column.REASON in hidden:
            return fixed + NAME_AT_LEAST
        return fixed + widths[Column.NAME] + REASONS_AT_LEAST

    for column in HIDDEN_FIRST:
        if needed() <= width:
            break
        hidden.add(column)
    return frozenset(hidden)


def _viewport(ground: QPalette.ColorRole) -> QWidget:
    """A viewport for a scroll area, made here as Qt makes its own.

    The first time Python is handed a widget that Qt made (a scroll area's own viewport,
    say), PySide6 loads every widget class of QtWidgets, and makes each one's enum types, to
    find out which class it is: about 25 ms of start-up, for dialogs and views none of the
    windows has. A widget made in Python is known already.
    """
    viewport = QWidget()
    viewport.setObjectName("qt_scrollarea_viewport")
    viewport.setBackgroundRole(ground)
    viewport.setAutoFillBackground(True)
    return viewport


@dataclass(frozen=True)
class _BarState:
    """What a scroll bar shows, as far as a change of range can change it."""

    minimum: int
    maximum: int
    page: int
    position: int
    value: int
    size: QSize

    @property
    def at_start(self) -> bool:
        return self.value == self.minimum

    @property
    def at_end(self) -> bool:
        return self.value == self.maximum


class _SteadyScrollBar(QScrollBar):
    """A scroll bar that repaints when what it shows changes, not at every change of range.

    The list's range changes with every speaker called or inscribed (one row more or fewer
    of some hundreds), and QScrollBar repaints itself whole each time, though its handle
    seldom moves by a pixel: after a call next that was as long as painting six of the
    list's cells. Here a new range repaints only if the handle moved or grew, or an arrow's
    end was reached or left; every other change repaints as before.
    """

    def __init__(self, orientation: Qt.Orientation, parent: QWidget | None = None) -> None:
        super().__init__(orientation, parent)
        self._painted: _BarState | None = None
        """What the last paint showed."""
        self._painted_handle: QRect | None = None
        """Where the last paint put the handle (worked out at the first change of range)."""

    def _state(self) -> _BarState:
        return _BarState(
            self.minimum(),
            self.maximum(),
            self.pageStep(),
            self.sliderPosition(),
            self.value(),
            self.size(),
        )

    def _handle(self, state: _BarState) -> QRect:
        """Where the style puts the handle in ``state``.

        QStyle is imported here, at the first change of range, not with the window: PySide6
        makes the style's enum types when the class is first used, 11 ms of start-up.
        """
        from PySide6.QtWidgets import QStyle, QStyleOptionSlider

        option = QStyleOptionSlider()
        self.initStyleOption(option)
        option.minimum, option.maximum, option.pageStep = state.minimum, state.maximum, state.page
        option.sliderPosition = state.position
        option.sliderValue = state.value
        bar, handle = QStyle.ComplexControl.CC_ScrollBar, QStyle.SubControl.SC_ScrollBarSlider
        return self.style().subControlRect(bar, option, handle, self)

    def _looks_as_painted(self) -> bool:
        """The same size, the same ends reached, the handle in the same place as painted."""
        painted, now = self._painted, self._state()
        if painted is None or painted.size != now.size:
            return False
        if (painted.at_start, painted.at_end) != (now.at_start, now.at_end):
            return False
        if self._painted_handle is None:
            self._painted_handle = self._handle(painted)
        return self._handle(now) == self._painted_handle

    def sliderChange(self, change: QAbstractSlider.SliderChange) -> None:
        if change == QAbstractSlider.SliderChange.SliderRangeChange and self._looks_as_painted():
            return  # nothing it shows has moved
        super().sliderChange(change)

    def paintEvent(self, event: QPaintEvent) -> None:
        self._painted = self._state()
        self._painted_handle = None
        super().paintEvent(event)


class _PlaceHeader(QHeaderView):
    """The row header: each speaker's place on the list, and the cut-off mark.

    Its width is set by :meth:`QueueView._fit_place_column`, so it does not measure every
    one of its sections (one per waiting speaker) each time a row comes or goes to find a
    size hint nobody uses. Its places are painted in one pass, flat, as the rows are: after
    every call each of them is painted again, and the style's raised sections cost several
    times the rows' own cells.
    """

    def __init__(self, view: QueueView, model: QueueModel, cells: CellPainter) -> None:
        super().__init__(Qt.Orientation.Vertical, view)
        self.setViewport(_viewport(QPalette.ColorRole.Button))
        self.viewport().setMouseTracking(True)  # as Qt's own header viewport
        self._view = view
        self._queue = model
        self._cells = cells

    def sizeHint(self) -> QSize:
        return QSize(self.minimumWidth(), self.length())

    def paintEvent(self, event: QPaintEvent) -> None:
        """The places in ``event``'s rows, right-aligned in the list's font (as measured by
        :meth:`QueueView._fit_place_column`), grey below the cut-off, the selected row's in
        the selection's colours."""
        rows = self._view.rows_in(event.rect())  # (the list's rows: the same pixels high)
        if not rows:
            return
        palette = self.palette()
        ground = palette.color(QPalette.ColorRole.Button)
        ink = palette.color(QPalette.ColorRole.ButtonText)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        highlighted_ink = palette.color(QPalette.ColorRole.HighlightedText)
        selected = self._view.selected_rows()
        width = self.viewport().width()
        room = width - 2 * PLACE_PADDING
        text_height = self._view.fontMetrics().height()
        painter = QPainter(self.viewport())
        try:
            for row, top, height in rows:
                is_selected = row in selected
                painter.fillRect(0, top, width, height - 1, highlight if is_selected else ground)
                painter.fillRect(0, top + height - 1, width, 1, _GRID)
                text, fits = self._queue.place(row)
                laid_out, advance = self._cells.laid_out(text, room, False)
                if is_selected:
                    painter.setPen(highlighted_ink)
                else:
                    painter.setPen(ink if fits else NOT_FITTING)
                x = width - PLACE_PADDING - advance
                painter.drawStaticText(QPointF(x, top + (height - text_height) / 2), laid_out)
        finally:
            painter.end()


class QueueView(QTableView):
    """The list of speakers: one row per waiting speaker, reordered by drag and drop or keys.

    Signals:
        withdraw_requested(): Delete was pressed on the list.
    """

    withdraw_requested = Signal()

    def __init__(self, model: QueueModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewport(_viewport(QPalette.ColorRole.Base))
        self._fitted_width = -1
        """The cells' width the shown columns were last chosen for (-1: never)."""
        self._widths: dict[Column, int] = dict(COLUMN_WIDTHS)
        """Each column's width when shown, as the list opens or as the secretariat drew it."""
        self._adjusting = False
        """True while the view itself hides, shows or sizes columns."""
        self._places_fitted_to: str | None = None
        """The widest place the row header was last made wide enough for (None: measure)."""
        self._cells = CellPainter(model, self)
        self.setModel(model)
        self.setItemDelegate(self._cells)
        self._queue = model
        self.setVerticalHeader(_PlaceHeader(self, model, self._cells))
        self.setVerticalScrollBar(_SteadyScrollBar(Qt.Orientation.Vertical, self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDragDropOverwriteMode(False)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        self.setAlternatingRowColors(True)  # (for Qt's paint while a row is dragged)
        self.setShowGrid(False)  # drawn by paintEvent, whoever paints the rows
        rows = self.verticalHeader()  # the place on the list: "3", or "5  ✕ will not fit"
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        model.forecast_changed.connect(self._fit_place_column)
        model.places_changed.connect(rows.viewport().update)
        model.modelReset.connect(self._fit_place_column)
        self._fit_place_column()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        for column, width in COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        header.setSectionResizeMode(Column.REASON, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(self._column_resized)

    def updateGeometries(self) -> None:
        """Qt places the headers, the cells and the scroll bars; then the columns are
        chosen for the cells' width, if it changed."""
        super().updateGeometries()
        if self.viewport().width() != self._fitted_width:
            self._fit_columns()

    def _column_resized(self, logical: int, _old: int, new: int) -> None:
        """A column drawn wider or narrower by hand: choose the columns shown again."""
        header = self.horizontalHeader()
        if self._adjusting or new <= 0 or logical == Column.REASON:
            return
        if header.sectionResizeMode(logical) == QHeaderView.ResizeMode.Stretch:
            return  # the name, taking the room left
        self._widths[Column(logical)] = new
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Show the columns that fit in the cells' width (:func:`columns_to_hide`), hide the
        others; the name takes the room left when the reasons are hidden, the reasons when
        they show."""
        self._fitted_width = self.viewport().width()
        hidden = columns_to_hide(self._fitted_width, self._widths)
        header = self.horizontalHeader()
        self._adjusting = True
        try:
            for column in Column:
                if header.isSectionHidden(column) != (column in hidden):
                    header.setSectionHidden(column, column in hidden)
            name_stretches = Column.REASON in hidden
            stretching = header.sectionResizeMode(Column.NAME) == QHeaderView.ResizeMode.Stretch
            if name_stretches != stretching:
                if name_stretches:
                    header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
                else:
                    header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Interactive)
                    header.resizeSection(Column.NAME, self._widths[Column.NAME])
        finally:
            self._adjusting = False
        names = ", ".join(HEADERS[column] for column in Column if column in hidden)
        header.setToolTip(f"Widen the window to see: {names}" if names else "")

    def paintEvent(self, event: QPaintEvent) -> None:
        """The rows (in one pass of :meth:`CellPainter.paint_rows`), the lines between the
        cells, a frame around the current row while the list has the keys (Delete and Alt+A
        act on it, selected or not), then the forecast's cut-off as a line above the first
        speaker who will not fit.

        While a row is dragged Qt paints the rows, with :meth:`CellPainter.paint` for each
        cell: it draws where the dragged row would drop.
        """
        selected = self.selected_rows()
        dirty = event.rect()
        rows = self.rows_in(dirty)
        columns = self._columns_in(dirty)
        dragging = self.state() == QAbstractItemView.State.DraggingState
        if dragging:
            self._cells.selected_rows = selected
            try:
                super().paintEvent(event)
            finally:
                self._cells.selected_rows = None
        painter = QPainter(self.viewport())
        try:
            if not dragging:
                self._cells.paint_rows(painter, rows, columns, selected)
            self._paint_grid(painter, dirty, rows, columns)
            self._paint_marks(painter)
        finally:
            painter.end()

    def selected_rows(self) -> frozenset[int]:
        return frozenset(index.row() for index in self.selectionModel().selectedRows())

    def rows_in(self, dirty: QRect) -> list[tuple[int, int, int]]:
        """The rows that ``dirty`` (viewport pixels, the list's or its row header's: they
        scroll together) touches: (row, top, height)."""
        first = self.rowAt(dirty.top())
        if first < 0:
            return []
        last = self.rowAt(dirty.bottom())
        if last < 0:
            last = self._queue.rowCount() - 1
        return [
            (row, self.rowViewportPosition(row), self.rowHeight(row))
            for row in range(first, last + 1)
        ]

    def _columns_in(self, dirty: QRect) -> list[tuple[int, int, int]]:
        """The shown columns that ``dirty`` touches: (column, left, width)."""
        header = self.horizontalHeader()
        columns = []
        for column in range(header.count()):
            if header.isSectionHidden(column):
                continue
            left, width = self.columnViewportPosition(column), self.columnWidth(column)
            if left <= dirty.right() and left + width > dirty.left():
                columns.append((column, left, width))
        return columns

    def _paint_grid(
        self,
        painter: QPainter,
        dirty: QRect,
        rows: list[tuple[int, int, int]],
        columns: list[tuple[int, int, int]],
    ) -> None:
        """A line along the bottom of each row and the end of each column (its right, or
        its left in a right-to-left list, as Qt's own grid)."""
        # One-pixel rectangles: a line is stroked first (eight times the work, per line).
        for _, top, height in rows:
            painter.fillRect(dirty.left(), top + height - 1, dirty.width(), 1, _GRID)
        if not rows:
            return
        bottom = min(dirty.bottom(), rows[-1][1] + rows[-1][2] - 1)
        backwards = self.isRightToLeft()
        for _, left, width in columns:
            x = left if backwards else left + width - 1
            painter.fillRect(x, dirty.top(), 1, bottom - dirty.top() + 1, _GRID)

    def _paint_marks(self, painter: QPainter) -> None:
        """The current row's frame (while the list has the keys) and the cut-off line."""
        viewport = self.viewport()
        right = min(viewport.width(), self.horizontalHeader().length() - self.horizontalOffset())
        current = self.currentIndex()
        if self.hasFocus() and current.isValid():
            painter.setPen(self.palette().color(self.palette().ColorRole.Highlight))
            row = current.row()
            painter.drawRect(0, self.rowViewportPosition(row), right - 1, self.rowHeight(row) - 1)
        cutoff = self._queue.cutoff_row
        if cutoff is not None:
            top = self.rowViewportPosition(cutoff)
            if 0 <= top <= viewport.height():
                painter.fillRect(0, top, right, CUTOFF_WIDTH, _cutoff_dashes())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (
            QEvent.Type.FontChange,
            QEvent.Type.PaletteChange,
            QEvent.Type.LayoutDirectionChange,
        ):
            self._cells.forget()
            if event.type() == QEvent.Type.FontChange:
                self._places_fitted_to = None
                self._fit_place_column()

    def lay_out_rows(self) -> None:
        """Lay out now the rows and places that changed, instead of at the next pass of the
        event loop.

        A view lays out its rows after a change later, from a timer; the row header, told at
        once that the places changed, would be painted before that and again after it, and
        the window would be painted twice per action. Called after every action.
        """
        self.executeDelayedItemsLayout()
        self.verticalHeader().executeDelayedItemsLayout()
        lay_out_now()

    def _fit_place_column(self) -> None:
        """Narrow while everyone fits; wide enough for the cut-off mark when someone does not."""
        widest = "999" if self._queue.cutoff_row is None else f"999  {NOT_FIT_MARK}"
        if widest == self._places_fitted_to:
            return  # (after most actions)
        self._places_fitted_to = widest
        # (measured in the list's font: the places are painted in it, see _PlaceHeader)
        self.verticalHeader().setFixedWidth(self.fontMetrics().horizontalAdvance(widest) + 20)

    def selected_speaker(self) -> str | None:
        rows = self.selectionModel().selectedRows()
        if not rows:
            current = self.currentIndex()
            return self._queue.speaker_id(current.row()) if current.isValid() else None
        return self._queue.speaker_id(rows[0].row())

    def select_speaker(self, speaker_id: str) -> None:
        row = self._queue.row_of(speaker_id)
        if row is not None:
            self.selectRow(row)
            self.scrollTo(self._queue.index(row, 0))

    def move_selected(self, step: int) -> None:
        speaker_id = self.selected_speaker()
        row = None if speaker_id is None else self._queue.row_of(speaker_id)
        if speaker_id is None or row is None:
            return
        target = row + step
        if 0 <= target < self._queue.rowCount() and self._queue.move_speaker(speaker_id, target):
            self.select_speaker(speaker_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if ctrl and event.key() == Qt.Key.Key_Up:
            self.move_selected(-1)
        elif ctrl and event.key() == Qt.Key.Key_Down:
            self.move_selected(+1)
        elif event.key() == Qt.Key.Key_Delete and not event.modifiers():
            self.withdraw_requested.emit()
        else:
            super().keyPressEvent(event)


class SecretariatWindow(QMainWindow):
    """The secretariat console: the list of speakers, the inscription form, the absent list."""

    def __init__(self, bridge: MeetingBridge, data_dir: Path) -> None:
        super().__init__()
        self.bridge = bridge
        self.meeting: Meeting = bridge.meeting
        self.data_dir = data_dir
        self._dialog_folder: Path | None = None
        """Where the import and export dialogs open: the folder of the last file chosen
        (the user's documents folder until then)."""
        self._agenda: Agenda | None = None
        self._last_refusal = ""
        self._editing: str | None = None
        """The speaker whose details the form is correcting (None: it inscribes)."""
        self._absent_shown: list[tuple[str, str]] | None = None
        """The absent list's rows as last filled (text, speaker id)."""
        self.setWindowTitle("FloorClock · Secretariat")
        self.setPalette(theme.dark_palette())
        self.model = QueueModel(bridge, self)
        self.table = QueueView(self.model)
        self._build()
        self._build_menus()
        bridge.changed.connect(self._refresh)
        bridge.refused.connect(self._on_refused)
        bridge.journal_failed.connect(self.show_journal_failure)
        bridge.journal_recovered.connect(self.journal_banner.hide)
        self.model.session_changed.connect(self._on_session_changed)
        self.model.forecast_changed.connect(self._refresh_forecast)
        self.model.speaker_moved.connect(self._say_moved)
        self._refresh()
        self._refresh_forecast()
        self.resize(1400, 820)
        # The first thing asked of this window is to inscribe whoever asks for the floor: the
        # first key typed in it goes to the name field (Qt gives it the focus on activation).
        self.name_field.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- building ------------------------------------------------------------------------

    def _build(self) -> None:
        central = QWidget(self)
        outer = QVBoxLayout(central)

        # The secretariat is who can free disk space: it sees the journal's trouble too.
        self.journal_banner = QLabel()
        self.journal_banner.setWordWrap(True)
        self.journal_banner.setTextFormat(Qt.TextFormat.PlainText)
        self.journal_banner.setStyleSheet(
            f"background: {theme.BANNER_GROUND}; color: white; padding: 8px; font-weight: bold;"
        )
        self.journal_banner.hide()
        outer.addWidget(self.journal_banner)

        top = QHBoxLayout()
        top.addWidget(QLabel("List of speakers of:"))
        self.session_picker = QComboBox()
        self.session_picker.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.session_picker.setMinimumContentsLength(50)
        self.session_picker.activated.connect(self._pick_session)
        top.addWidget(self.session_picker, 1)
        self.list_state = QLabel()
        top.addWidget(self.list_state)
        self.list_button = QPushButton()
        self.list_button.setToolTip("Close or reopen this session's list of speakers (Ctrl+L)")
        self.list_button.clicked.connect(self.toggle_list)
        top.addWidget(self.list_button)
        outer.addLayout(top)

        self.floor_label = ElidedLabel()
        outer.addWidget(self.floor_label)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.up_button = self._button(
            "▲ Up  Ctrl+↑", "Ctrl+Up", lambda: self.table.move_selected(-1)
        )
        self.down_button = self._button(
            "▼ Down  Ctrl+↓", "Ctrl+Down", lambda: self.table.move_selected(+1)
        )
        self.edit_button = self._button("Correct  Enter", "Enter", self.edit_selected)
        self.withdraw_button = self._button("Withdraw  Del", "Delete", self.withdraw_selected)
        self.absent_button = self._button("&Absent  Alt+A", "Alt+A", self.mark_selected_absent)
        # short texts, so that the row of buttons does not widen the window; the tooltips say
        for button, tip in (
            (self.up_button, "Move the selected speaker up the list (Ctrl+Up)"),
            (self.down_button, "Move the selected speaker down the list (Ctrl+Down)"),
            (self.edit_button, "Correct the selected speaker's details in the form (Enter)"),
            (self.absent_button, "Mark the selected speaker absent (Alt+A)"),
        ):
            button.setToolTip(tip)
        for button in (
            self.up_button,
            self.down_button,
            self.edit_button,
            self.withdraw_button,
            self.absent_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self._build_form())
        splitter.addWidget(left)

        right = QGroupBox("Absent (passed over)")
        right_layout = QVBoxLayout(right)
        self.absent_list = QListWidget()
        self.absent_list.setWordWrap(True)
        self.absent_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.absent_list.itemActivated.connect(lambda _item: self.recall_selected())
        right_layout.addWidget(self.absent_list, 1)
        self.recall_button = self._button(
            "&Re-call to the head  Alt+R", "Alt+R", self.recall_selected
        )
        self.recall_button.setToolTip(
            "Put the selected absent speaker back at the head of the list"
        )
        right_layout.addWidget(self.recall_button)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([1000, 230])
        outer.addWidget(splitter, 1)
        self.setCentralWidget(central)

        status = QStatusBar(self)
        self.status_label = ElidedLabel()
        # Its text changes after most actions; as wide as before, it repaints alone instead of
        # laying out (and repainting) the whole status bar (see SteadyLabel).
        self.forecast_label = SteadyLabel()
        self.forecast_label.setTextFormat(Qt.TextFormat.PlainText)
        self.forecast_label.setAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        status.addWidget(self.status_label, 1)
        status.addPermanentWidget(self.forecast_label)
        self.setStatusBar(status)

        self.table.withdraw_requested.connect(self.withdraw_selected)
        self.table.activated.connect(lambda _index: self.edit_selected())  # Enter, double-click
        for keys, slot in (
            ("Ctrl+N", self.new_inscription),
            ("Ctrl+L", self.toggle_list),
            ("Alt+L", self.focus_list),
        ):
            QShortcut(QKeySequence(keys), self).activated.connect(slot)

    def _button(self, text: str, keys: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(f"{text.replace('&', '').split('  ')[0]} ({keys})")
        button.clicked.connect(slot)
        return button

    def _build_form(self) -> QGroupBox:
        box = self.form_box = QGroupBox(INSCRIBE_TITLE)
        form = QFormLayout(box)
        self.name_field = QLineEdit()
        self.name_field.setPlaceholderText("Name as announced, e.g. Ms. Amina Diallo")
        self.delegation_field = QLineEdit()
        self.delegation_field.setPlaceholderText("Country or organization")
        self._delegations = QStringListModel(self)
        completer = QCompleter(self._delegations, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.delegation_field.setCompleter(completer)
        # a delegation met before brings back its category (Sweden stays a State even if
        # the last speaker inscribed was a local government)
        self.delegation_field.textChanged.connect(self._category_of_known_delegation)
        self.category_picker = QComboBox()
        self.mode_picker = QComboBox()
        for mode, text in MODES:
            self.mode_picker.addItem(text, mode)
        self.group_field = QLineEdit()
        self.group_field.setPlaceholderText("Only for a statement on behalf of a group")
        self.limit_field = QLineEdit()
        self.limit_field.setPlaceholderText(
            "Only if this speaker has a time of their own: 3m, 90s or 1:30"
        )
        self.note_field = QLineEdit()
        self.note_field.setPlaceholderText("For the secretariat only")
        self.form_reason = QLabel()
        self.form_reason.setWordWrap(True)
        self.form_reason.setTextFormat(Qt.TextFormat.PlainText)
        self.form_reason.setStyleSheet(f"color: {REFUSAL_COLOUR};")
        self.inscribe_button = QPushButton("Inscribe")
        self.inscribe_button.setToolTip("Put this speaker on the list (Enter)")
        self.inscribe_button.clicked.connect(self.inscribe_from_form)

        form.addRow("&Name", self.name_field)
        form.addRow("&Delegation", self.delegation_field)
        form.addRow("&Category", self.category_picker)
        form.addRow("&Mode", self.mode_picker)
        form.addRow("On behalf of (&group)", self.group_field)
        form.addRow("Own &time limit", self.limit_field)
        form.addRow("N&ote", self.note_field)
        row = QHBoxLayout()
        row.addWidget(self.inscribe_button)
        row.addWidget(self.form_reason, 1)
        form.addRow(row)
        self._text_fields = (
            self.name_field,
            self.delegation_field,
            self.group_field,
            self.limit_field,
            self.note_field,
        )
        for line in self._text_fields:
            line.returnPressed.connect(self.inscribe_from_form)
            line.textEdited.connect(self.form_reason.clear)  # the form is being corrected
        for picker in (self.category_picker, self.mode_picker):
            picker.activated.connect(self.form_reason.clear)
        self._form_widgets = (*self._text_fields, self.category_picker, self.mode_picker)
        for widget in self._form_widgets:
            widget.installEventFilter(self)
        return box

    def eventFilter(self, watched: Any, event: Any) -> bool:
        """Enter on a picker inscribes too, so the whole form can be done without the mouse;
        Ctrl+Z in the empty form goes to the window (see :meth:`_form_undo`);
        Esc in the form leaves a correction."""
        if (
            watched in self._text_fields
            and event.type() == QEvent.Type.ShortcutOverride
            and (self._form_undo(watched, event) or self._menu_key(event))
        ):
            return True  # the field does not take the key: the window's action does
        if (
            watched in self._form_widgets
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Escape
            and self._editing is not None
        ):
            self.cancel_edit()
            return True
        if (
            watched in (self.category_picker, self.mode_picker)
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not watched.view().isVisible()
        ):
            self.inscribe_from_form()
            return True
        return super().eventFilter(watched, event)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.import_action = QAction("&Import speakers from CSV…", self)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(self._ask_import)
        file_menu.addAction(self.import_action)
        self.export_action = QAction("&Export record…", self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self._ask_export)
        file_menu.addAction(self.export_action)

        # The menu takes back the meeting's last action, whoever took it (its text says
        # which); the keys only this console's own (see _undo_own).
        edit_menu = self.menuBar().addMenu("&Edit")
        self.undo_action = QAction("&Undo", self)
        self.undo_action.triggered.connect(self._undo)
        self.redo_action = QAction("&Redo", self)
        self.redo_action.triggered.connect(self._redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        for keys, slot in (
            ("Ctrl+Z", self._undo_own),
            ("Ctrl+Shift+Z", self._redo_own),
            ("Ctrl+Y", self._redo_own),
        ):
            QShortcut(QKeySequence(keys), self).activated.connect(slot)

    # -- reading the meeting -------------------------------------------------------------

    @property
    def session_id(self) -> str:
        """The session whose list this console shows."""
        return self.model.session_id

    def _refresh(self) -> None:
        """After every action: everything except the table, which follows its own notices."""
        self._editing_left()
        meeting = self.meeting
        agenda = meeting.agenda
        if agenda is not self._agenda:
            self._agenda = agenda
            self._fill_sessions()
            self._fill_categories()
        session_id = self.session_id
        is_open = meeting.list_open(session_id)
        self.list_state.setText("List open" if is_open else "■ List CLOSED")
        self.list_button.setText("Close the list" if is_open else "Reopen the list")
        floor = meeting.floor
        if floor is None:
            self.floor_label.setText("Nobody has the floor.")
        else:
            info = floor.info
            self.floor_label.setText(
                f"On the floor: {speaker_line(info.name, info.delegation)}"
                f" · {self._category_label(info.category)}"
            )
        known = meeting.delegations()
        if known != self._delegations.stringList():
            self._delegations.setStringList(known)
        self._fill_absent()
        self.undo_action.setEnabled(meeting.can_undo)
        self.undo_action.setText(meeting.undo_label or "&Undo")
        self.redo_action.setEnabled(meeting.can_redo)
        self.table.lay_out_rows()  # one paint of the window per action, not two
        # the forecast summary follows the model's forecast_changed, once per action

    def _fill_sessions(self) -> None:
        self.session_picker.clear()
        zone = self.meeting.agenda.meeting.zone
        for session in self.meeting.agenda.sessions:
            start = time_of_day(self.meeting.agenda.scheduled_start(session.id), zone)
            floor = "" if session.floor else "  (no floor)"
            self.session_picker.addItem(f"{start}  {session.title}{floor}", session.id)
        self._show_session_in_picker()

    def _show_session_in_picker(self) -> None:
        index = self.session_picker.findData(self.session_id)
        if index >= 0:
            self.session_picker.setCurrentIndex(index)

    def _fill_categories(self) -> None:
        """Categories allowed on this session's floor, in the order of precedence."""
        agenda = self.meeting.agenda
        previous = self.category_picker.currentData()
        session = agenda.session(self.session_id)
        allowed = session.floor.categories if session.floor else None
        self.category_picker.clear()
        for category in agenda.categories:
            if allowed is not None and category.id not in allowed:
                continue
            self.category_picker.addItem(
                _swatch(category.colour), f"{category.label} · {category.name}", category.id
            )
        index = self.category_picker.findData(previous)
        self.category_picker.setCurrentIndex(max(index, 0))

    def _category_of_known_delegation(self) -> None:
        category = self.meeting.category_of(self.delegation_field.text())
        index = self.category_picker.findData(category) if category is not None else -1
        if index >= 0:
            self.category_picker.setCurrentIndex(index)

    def _fill_absent(self) -> None:
        """The absent list, keeping the speaker selected there (Alt+R re-calls that one).

        Filled again only when what it shows changed (refilled, it lays itself out and
        repaints, after every action)."""
        rows = [
            (f"{speaker_line(info.name, info.delegation)} · {label}", info.id)
            for info in self.meeting.absent(self.session_id)
            for label in (self._category_label(info.category),)
        ]
        if rows == self._absent_shown:
            return
        self._absent_shown = rows
        current = self.absent_list.currentItem()
        chosen = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
        self.absent_list.clear()
        for text, speaker_id in rows:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, speaker_id)
            self.absent_list.addItem(item)
        self.recall_button.setEnabled(bool(rows))
        ids = [speaker_id for _, speaker_id in rows]
        if ids:
            self.absent_list.setCurrentRow(ids.index(chosen) if chosen in ids else 0)

    def _refresh_forecast(self) -> None:
        self.forecast_label.setText(self.forecast_summary())

    def forecast_summary(self) -> str:
        """``12 waiting · list ends 12:47 · ✕ 4 will not fit`` for the session shown.

        Read after each action, not every second: while a speaker is within their time the
        end of the list does not move, so nothing here goes stale between actions.
        """
        waiting = self.model.rowCount()
        if not waiting:
            return "Nobody waiting"
        list_ends_at, not_fitting = self.model.list_end()
        ends = time_of_day(list_ends_at, self.meeting.agenda.meeting.zone)
        parts = [f"{waiting} waiting", f"list ends {ends}"]
        if not_fitting:
            parts.append(f"✕ {not_fitting} will not fit")
        else:
            parts.append("all fit")
        return " · ".join(parts)

    def _category_label(self, category_id: str) -> str:
        try:
            return self.meeting.agenda.category(category_id).label
        except KeyError:
            return category_id

    def _on_session_changed(self, _session_id: str) -> None:
        self._show_session_in_picker()
        self._fill_categories()
        self._refresh()

    def _pick_session(self, index: int) -> None:
        session_id = self.session_picker.itemData(index)
        if session_id and session_id != self.session_id:
            self.bridge.run(lambda: self.meeting.select_session(session_id), self)
            self.model.set_session(session_id)

    # -- the status line -----------------------------------------------------------------

    def show_journal_failure(self, text: str) -> None:
        self.journal_banner.setText(f"⚠ {text}")
        self.journal_banner.show()

    def _on_refused(self, sentence: str, origin: object) -> None:
        """Show refusals of the secretariat's own commands (and of nobody's in particular)."""
        if origin is None or origin is self or origin is self.model:
            self.show_refusal(sentence)

    def show_refusal(self, sentence: str) -> None:
        """A refused command: its reason stays in the status line until the next success."""
        self._last_refusal = sentence
        self._status_colour(REFUSAL_COLOUR)
        self.status_label.setText(f"⚠ Not done: {sentence}")

    def show_done(self, sentence: str) -> None:
        """A sentence on what this console just did. The reason under the form goes with it:
        the refusal is no longer the latest news (what was typed stays in the form)."""
        self._status_colour(None)
        self.status_label.setText(sentence)
        self.form_reason.clear()

    def _status_colour(self, colour: str | None) -> None:
        """The status line's text in ``colour``, or in the window's own (a palette: a style
        sheet, once cleared, left the text black on the dark ground)."""
        palette = self.palette()
        if colour is not None:
            palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
        self.status_label.setPalette(palette)

    # -- commands --------------------------------------------------------------------------

    def _run(self, command: Callable[[], Any], done: str) -> bool:
        """Run one command; on success say ``done`` in the status line."""

        def attempt() -> bool:
            command()
            return True

        if self.bridge.run(attempt, self):
            self.show_done(done)
            return True
        return False

    def _say_moved(self, speaker_id: str, position: int) -> None:
        name = self.meeting.speaker(speaker_id).name
        self.show_done(f"Moved {name} to place {position + 1} (Ctrl+Z to undo).")

    def _mine(self, action: int | None) -> bool:
        """Whether an action is this console's: asked for by it, or, taken before this start
        (who asked is not in the journal), nothing only the chair does."""
        origin = self.bridge.origin_of(action)
        if origin is None and action is not None:
            events = self.meeting.action_events(action)
            return not any(isinstance(event, _FLOOR_EVENTS) for event in events)
        return origin in (self, self.model)

    def _undo_own(self) -> None:
        """Ctrl+Z: take back this console's last action, if it is the meeting's last; never
        the chair's (a call, a start), which Edit > Undo takes back, naming it."""
        self._own_step(redo=False)

    def _redo_own(self) -> None:
        """Ctrl+Shift+Z (Ctrl+Y): as :meth:`_undo_own`, the other way."""
        self._own_step(redo=True)

    def _own_step(self, *, redo: bool) -> None:
        meeting = self.meeting
        action = meeting.redoable_action if redo else meeting.undoable_action
        if action is None or self._mine(action):
            (self._redo if redo else self._undo)()
            return
        label = (meeting.redo_label if redo else meeting.undo_label) or ""
        what = short_name(label.partition(": ")[2])  # "Undo: call Ms. X" -> "call Ms. X"
        keys, verb, which, menu = (
            ("Ctrl+Shift+Z", "redoes", "next", "Redo")
            if redo
            else ("Ctrl+Z", "undoes", "last", "Undo")
        )
        self.show_refusal(
            f"{keys} here {verb} only this console's own actions, and the {which} is the"
            f" chair's: Edit > {menu} ({what})."
        )

    def _undo(self) -> None:
        what = self.bridge.run(self.meeting.undo, self)
        if what:
            again = (
                "Ctrl+Shift+Z redoes it"
                if self._mine(self.meeting.redoable_action)
                else "Edit > Redo does it again"
            )
            self.show_done(f"Undone: {what} ({again}).")

    def _redo(self) -> None:
        what = self.bridge.run(self.meeting.redo, self)
        if what:
            self.show_done(f"Redone: {what}.")

    def focus_name(self) -> None:
        self.name_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.name_field.selectAll()

    def inscribe_from_form(self) -> str | None:
        """Inscribe the speaker in the form (or save the changes to the speaker being edited);
        returns the speaker's id, or None if refused."""
        self.form_reason.clear()
        details = self._form_details()
        if details is None:
            return None
        if self._editing is not None:
            return self._save_edit(self._editing, details)
        session_id = self.session_id
        speaker_id = self.bridge.run(
            lambda: self.meeting.inscribe(**details, session_id=session_id), self
        )
        if speaker_id is None:
            self.form_reason.setText(self._last_refusal)
            self.focus_name()
            return None
        info = self.meeting.speaker(speaker_id)
        row = self.model.row_of(speaker_id)
        place = f"place {row + 1}" if row is not None else "the list"
        time_limit = details["time_limit"]
        limit = f", own limit {format_duration(time_limit)}" if time_limit else ""
        self.show_done(
            self._same_name_waiting(speaker_id)
            + f"Inscribed {info.name} ({self._category_label(info.category)}) at {place}{limit}."
        )
        self._empty_form()
        if row is not None:
            self.table.scrollTo(self.model.index(row, 0))
        return speaker_id

    def _form_undo(self, field: QLineEdit, key: QKeyEvent) -> bool:
        """Whether Ctrl+Z (or a redo key) in ``field`` is for the window: the form is as an
        inscription or a correction left it (every field empty, no typing to take back).

        A text field claims the undo keys even when empty; right after Enter the focus is
        back in the empty name field, where Ctrl+Z must take back what Enter did. Once
        anything is typed (or picked from the suggestions), the keys are the field's.
        """
        if any(line.text() for line in self._text_fields):
            return False
        if key.matches(QKeySequence.StandardKey.Undo):
            return not field.isUndoAvailable()
        if key.matches(QKeySequence.StandardKey.Redo):
            return not field.isRedoAvailable()
        return False

    def _menu_key(self, key: QKeyEvent) -> bool:
        """Whether ``key`` is the File menu's Import or Export key: a text field would take
        Ctrl+E for itself (the end of the line), and the cursor is nearly always in one."""
        pressed = QKeySequence(key.keyCombination())
        return any(
            action.shortcut() == pressed for action in (self.import_action, self.export_action)
        )

    def _same_name_waiting(self, speaker_id: str) -> str:
        """A warning, first in the status line so that it shows whatever the name's length,
        if another waiting speaker has the same name ("" if nobody does)."""
        name = self.meeting.speaker(speaker_id).name.casefold()
        for row, other in enumerate(self.model.speaker_ids):
            if other != speaker_id and self.meeting.speaker(other).name.casefold() == name:
                return f"Same name at place {row + 1}: withdraw one if it is one person. "
        return ""

    def _form_details(self) -> dict[str, Any] | None:
        """What the form says of a speaker, or None (and why, shown) if it cannot be read."""
        limit_text = self.limit_field.text().strip()
        time_limit: int | None = None
        if limit_text:
            try:
                time_limit = parse_speaking_time(limit_text)
            except ValueError as error:
                reason = f"Own time limit: {error}. Leave it empty for the session's time."
                self.form_reason.setText(reason)
                self.show_refusal(reason)
                self.limit_field.setFocus()
                self.limit_field.selectAll()
                return None
        category = self.category_picker.currentData()
        if category is None:
            self.show_refusal("No category can take the floor in this session.")
            return None
        return {
            "name": self.name_field.text(),
            "category": category,
            "delegation": self.delegation_field.text() or None,
            "mode": self.mode_picker.currentData(),
            "group": self.group_field.text() or None,
            "time_limit": time_limit,
            "note": self.note_field.text(),
        }

    def _empty_form(self) -> None:
        """The form ready for the next inscription, the focus on its name."""
        for line in self._text_fields:
            line.setText("")  # unlike clear(), leaves the field nothing of its own to undo
        self.mode_picker.setCurrentIndex(0)
        self.focus_name()

    # -- correcting a speaker already inscribed ---------------------------------------------

    def edit_selected(self) -> None:
        """Bring the selected speaker's details into the form, to correct them."""
        speaker_id = self.table.selected_speaker()
        if speaker_id is None:
            self.show_refusal("Select a speaker in the list first, then edit.")
            return
        info = self.meeting.speaker(speaker_id)
        self._editing = speaker_id
        self.form_reason.clear()
        self.name_field.setText(info.name)
        self.delegation_field.setText(info.delegation or "")  # may pick its usual category:
        index = self.category_picker.findData(info.category)  # the speaker's own wins
        if index >= 0:
            self.category_picker.setCurrentIndex(index)
        self.mode_picker.setCurrentIndex(max(self.mode_picker.findData(info.mode), 0))
        self.group_field.setText(info.group or "")
        self.limit_field.setText(format_duration(info.time_limit) if info.time_limit else "")
        self.note_field.setText(info.note)
        self.form_box.setTitle(f"Correct {info.name}  (Enter saves · Esc leaves it as it was)")
        self.inscribe_button.setText("Save changes")
        self.inscribe_button.setToolTip("Save the corrections to this speaker (Enter)")
        self.focus_name()

    def _save_edit(self, speaker_id: str, details: dict[str, Any]) -> str | None:
        if self._editing_left():
            return None
        given = self.meeting.speaker(speaker_id).category
        if self.category_picker.findData(given) < 0:
            del details["category"]  # not offered by this session's floor: it stays as given
        before = len(self.meeting.events)
        renamed_from = self.meeting.speaker(speaker_id).name

        def save() -> bool:
            self.meeting.edit_speaker(speaker_id, **details)
            return True

        if self.bridge.run(save, self) is None:
            self.form_reason.setText(self._last_refusal)
            return None
        name = self.meeting.speaker(speaker_id).name
        twin = self._same_name_waiting(speaker_id) if name != renamed_from else ""
        if len(self.meeting.events) == before:
            self.show_done(f"Nothing to change for {name}.")
        else:
            self.show_done(f"{twin}Corrected {name} (Ctrl+Z to undo).")
        self._stop_editing()
        return speaker_id

    def cancel_edit(self) -> None:
        """Esc in the form while correcting a speaker: the speaker stays as they were."""
        if self._editing is None or self._editing_left():
            return
        name = self.meeting.speaker(self._editing).name
        self._stop_editing()
        self.show_done(f"Left {name} as they were.")

    def focus_list(self) -> None:
        """Alt+L: the list takes the keys (Delete, Ctrl+Up/Down, Enter, Alt+A), a row selected."""
        table = self.table
        table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not table.selectionModel().hasSelection() and self.model.rowCount() > 0:
            table.selectRow(0)

    def new_inscription(self) -> None:
        """Ctrl+N: the form, empty, ready for the next speaker (leaving a correction)."""
        if self._editing is not None:
            self.cancel_edit()
        self.focus_name()

    def _editing_left(self) -> bool:
        """End a correction whose speaker is no longer waiting on the list shown (called,
        withdrawn, the inscription undone, another list chosen): True if it ended."""
        speaker_id = self._editing
        if speaker_id is None or speaker_id in self.model.speaker_ids:
            return False
        self._stop_editing()
        try:
            name = self.meeting.speaker(speaker_id).name
        except CommandRefused:
            name = "The speaker being corrected"
        self.show_refusal(f"{name} is no longer waiting on this list: nothing was corrected.")
        return True

    def _stop_editing(self) -> None:
        self._editing = None
        self.form_box.setTitle(INSCRIBE_TITLE)
        self.inscribe_button.setText("Inscribe")
        self.inscribe_button.setToolTip("Put this speaker on the list (Enter)")
        self.form_reason.clear()
        self._empty_form()

    def withdraw_selected(self) -> None:
        speaker_id = self.table.selected_speaker()
        if speaker_id is None:
            self.show_refusal("Select a speaker in the list first, then withdraw.")
            return
        name = self.meeting.speaker(speaker_id).name
        row = self.model.row_of(speaker_id)
        if (
            self._run(
                lambda: self.meeting.withdraw(speaker_id),
                f"Withdrew {name} from the list (Ctrl+Z to undo).",
            )
            and row is not None
            and self.model.rowCount()
        ):
            self.table.selectRow(min(row, self.model.rowCount() - 1))

    def mark_selected_absent(self) -> None:
        speaker_id = self.table.selected_speaker()
        if speaker_id is None:
            self.show_refusal("Select a speaker in the list first, then mark them absent.")
            return
        name = self.meeting.speaker(speaker_id).name
        self._run(
            lambda: self.meeting.mark_absent(speaker_id),
            f"{name} is marked absent: re-call them from the absent list when they arrive.",
        )

    def recall_selected(self) -> None:
        item = self.absent_list.currentItem()
        if item is None:
            self.show_refusal("Nobody is marked absent in this session.")
            return
        speaker_id = item.data(Qt.ItemDataRole.UserRole)
        name = self.meeting.speaker(speaker_id).name
        if self._run(
            lambda: self.meeting.recall(speaker_id),
            f"Re-called {name}: back at the head of the list.",
        ):
            self.table.select_speaker(speaker_id)

    def toggle_list(self) -> None:
        session_id = self.session_id
        closing = self.meeting.list_open(session_id)
        self._run(
            lambda: self.meeting.toggle_list(session_id),
            "The list of speakers is closed." if closing else "The list of speakers is open again.",
        )

    # -- import and export -----------------------------------------------------------------

    def import_speakers(self, source: Path | str) -> ImportReport:
        """Inscribe every good row of a CSV file (or CSV text) on the list shown.

        Rows the file gets wrong and rows the meeting refuses are reported by line number;
        the others are inscribed as one action, so one Ctrl+Z takes the whole import back.
        """
        from floorclock.store.speaker_csv import SpeakerImportError, read_speakers_csv

        report = ImportReport(self.session_id)
        try:
            rows, report.problems = read_speakers_csv(source, self.meeting.agenda.categories)
        except SpeakerImportError as error:
            report.error = str(error)
            return report
        entries = [
            {
                "name": row.name,
                "category": row.category,
                "delegation": row.delegation,
                "mode": row.mode,
                "group": row.group,
                "time_limit": row.time_limit,
                "note": row.note,
            }
            for row in rows
        ]
        session_id = report.session_id

        def inscribe_all() -> list[str | CommandRefused]:
            return self.meeting.inscribe_many(entries, session_id=session_id)

        results = self.bridge.run(inscribe_all, self) if rows else []
        if results is None:  # refused (the list is closed): nothing could be inscribed
            report.error = self._last_refusal
            return report
        for row, result in zip(rows, results, strict=True):
            if isinstance(result, CommandRefused):
                report.problems.append(f"line {row.line}: {result}")
            else:
                report.inscribed.append(result)
        report.problems.sort(key=_line_number)
        return report

    def show_import_report(self, report: ImportReport, name: str) -> QMessageBox:
        """Tell what the import did; a window-modal box, so the meeting's clock goes on."""
        from PySide6.QtWidgets import QMessageBox

        title = self.meeting.agenda.session(report.session_id).title
        box = QMessageBox(self)
        box.setWindowTitle("Import speakers")
        if report.error is not None:
            box.setIcon(QMessageBox.Icon.Warning)
            box.setText(f"Nothing was imported from {name}.")
            box.setInformativeText(report.error)
            self.show_refusal(f"Import from {name}: {report.error}")
        else:
            count = len(report.inscribed)
            # line 1 is the header: its notes (a column ignored) are not rows left out
            failed = sum(1 for problem in report.problems if _line_number(problem) != 1)
            box.setIcon(QMessageBox.Icon.Warning if failed else QMessageBox.Icon.Information)
            box.setText(
                f"{count} speaker{'s' if count != 1 else ''} inscribed on the list of {title}."
            )
            if report.problems:
                box.setInformativeText(
                    (
                        f"{failed} row{'s were' if failed != 1 else ' was'} not imported."
                        " Correct the file and import those rows again:"
                        if failed
                        else "Every row was imported. About the file's columns:"
                    )
                    + "\n\n"
                    + "\n".join(report.problems[:15])
                    + ("\n…" if len(report.problems) > 15 else "")
                )
                box.setDetailedText("\n".join(report.problems))
            self.show_done(
                f"Imported {count} speakers from {name}"
                + (f"; {failed} row{'s' if failed != 1 else ''} not imported." if failed else ".")
            )
        box.open()
        return box

    def _files_folder(self) -> Path:
        """Where the import and export dialogs open (looked up at the first, not at start)."""
        if self._dialog_folder is None:
            from floorclock.store.paths import documents_folder

            self._dialog_folder = documents_folder()
        return self._dialog_folder

    def _ask_import(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            self,
            "Import speakers from CSV",
            str(self._files_folder()),
            "CSV files (*.csv *.txt);;All files (*)",
        )
        if path:
            self._dialog_folder = Path(path).parent
            self.show_import_report(self.import_speakers(Path(path)), Path(path).name)

    def export_record(self, path: Path) -> str | None:
        """Write the record of the meeting so far; the format follows the file's suffix.

        Returns None when written, else the reason it was not.
        """
        from floorclock.core.record import build_record
        from floorclock.store.atomic import write_atomic
        from floorclock.store.export import RENDERERS

        render = RENDERERS.get(path.suffix.lower().lstrip("."))
        if render is None:
            return f"{path.name}: choose a name ending in .csv, .json or .md."
        try:
            write_atomic(path, render(build_record(self.meeting.events)))
        except OSError as error:
            return f"{path.name} could not be written: {error.strerror or error}."
        return None

    def _ask_export(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        filters = {
            "Spreadsheet (*.csv)": ".csv",
            "JSON (*.json)": ".json",
            "Markdown for the report (*.md)": ".md",
        }
        path_text, chosen = QFileDialog.getSaveFileName(
            self,
            "Export the record",
            str(self._files_folder() / f"record-{self.meeting.agenda.meeting.date}.csv"),
            ";;".join(filters),
        )
        if not path_text:
            return
        path = Path(path_text)
        self._dialog_folder = path.parent
        if path.suffix.lower() not in filters.values():
            path = path.with_suffix(filters.get(chosen, ".csv"))
        problem = self.export_record(path)
        if problem is None:
            self.show_done(f"Record written to {path}.")
        else:
            self.show_refusal(f"Export: {problem}")


def _swatch(colour: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


def _line_number(problem: str) -> int:
    head = problem.split(":", 1)[0]
    number = head.removeprefix("line ").strip()
    return int(number) if number.isdigit() else 0


__all__ = ["ImportReport", "QueueView", "SecretariatWindow"]
