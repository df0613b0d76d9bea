"""The waiting list of one session as a Qt table model, kept in step by the engine's notices.

The model holds a mirror of the waiting speakers' ids and changes it only between Qt's
``begin…``/``end…`` calls, one notice at a time, so a view (and ``qtmodeltester``) always sees
row counts that agree with what it was told. A whole reset happens only when the engine says
the list must be re-read (undo, redo, a new agenda) or the console shows another session.

Expected starts come from :meth:`Meeting.forecast`, read again after each action. Time alone
moves them only while a speaker runs over or is paused (the next speakers start later, fewer
fit), so :meth:`QueueModel.follow_time` reads the forecast again at most every
:data:`FORECAST_EVERY` seconds and repaints only the rows whose expected start or fit changed.

Signals:
    forecast_changed(): the forecast (expected starts, cut-off) was read again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from floorclock.core.agenda import Category
from floorclock.core.clock import time_of_day
from floorclock.core.forecast import ForecastEntry
from floorclock.core.meeting import Meeting, SpeakerInfo, WaitingList, WaitingSpeaker
from floorclock.core.notices import (
    Changed,
    ListReset,
    RowMoved,
    RowsChanged,
    RowsInserted,
    RowsRemoved,
)
from floorclock.ui import theme
from floorclock.ui.bridge import MeetingBridge
from floorclock.ui.formatting import clock_text, delegation_text

if TYPE_CHECKING:
    from PySide6.QtCore import QMimeData

log = logging.getLogger(__name__)

SPEAKER_MIME = "application/x-floorclock-speaker"
"""Drag payload: the id of the dragged speaker, UTF-8."""

NOT_FIT_MARK = "✕ will not fit"
"""Written beside the place number (the row header) of every row below the cut-off."""

MODE_WORDS = {"room": "■ in the room", "online": "◉ online", "video": "▶ video"}

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    """The columns; a speaker's place (#) is the row's vertical header, not a column, because
    it changes whenever a row above comes or goes while the speaker's own data does not."""

    NAME = 0
    DELEGATION = 1
    CATEGORY = 2
    MODE = 3
    LIMIT = 4
    EXPECTED = 5
    REASON = 6


_COLUMNS = len(Column)
_COLUMN_AT = tuple(Column)
"""The column of a number, without an enum lookup (asked for every cell of every paint)."""
_TIMES = frozenset({Column.LIMIT, Column.EXPECTED})
"""The columns whose texts are times, aligned right."""

HEADERS = {
    Column.NAME: "Speaker",
    Column.DELEGATION: "Delegation",
    Column.CATEGORY: "Category",
    Column.MODE: "Mode",
    Column.LIMIT: "Limit",
    Column.EXPECTED: "Expected",
    Column.REASON: "Why this place",
}

SPEAKER_ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""The speaker id of a row (any column)."""
FITS_ROLE = Qt.ItemDataRole.UserRole + 2
"""False for a row below the forecast's cut-off."""
CUTOFF_ROLE = Qt.ItemDataRole.UserRole + 3
"""True for the first row that will not fit: views draw the cut-off line above it."""
# Roles answer per speaker (not per row), so a row's data stays with its speaker when rows
# above it come and go.

_GREY = QColor(theme.BELOW_CUTOFF)

_DATA_ROLES = frozenset(
    {
        SPEAKER_ID_ROLE,
        FITS_ROLE,
        CUTOFF_ROLE,
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.TextAlignmentRole,
    }
)
"""The roles :meth:`QueueModel.data` answers; any other is None at once."""
_ROW_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled
    | Qt.ItemFlag.ItemIsSelectable
    | Qt.ItemFlag.ItemIsDragEnabled
    | Qt.ItemFlag.ItemIsDropEnabled
)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_HEADER_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.TextAlignmentRole,
    }
)

FORECAST_EVERY = 15.0
"""Seconds between two readings of the forecast while nothing is done (see follow_time)."""


class _Expected:
    """Expected starts (``HH:MM``) by speaker id, written out when first asked for: a view
    reads the rows it shows, so an action does not format thousands of times."""

    def __init__(
        self, entries: Sequence[ForecastEntry], places: dict[str, int], zone: tzinfo
    ) -> None:
        self._entries, self._places, self._zone = entries, places, zone
        self._texts: dict[str, str] = {}

    def get(self, speaker_id: str, default: str = "") -> str:
        text = self._texts.get(speaker_id)
        if text is None:
            place = self._places.get(speaker_id)
            if place is None:
                return default
            start = self._entries[place].expected_start
            text = self._texts[speaker_id] = time_of_day(start, self._zone)
        return text

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, _Expected):
            return NotImplemented
        return self._places.keys() == other._places.keys() and all(
            self.get(speaker_id) == other.get(speaker_id) for speaker_id in self._places
        )

    __hash__ = None  # type: ignore[assignment]


@dataclass(frozen=True)
class _Forecast:
    """What the model needs from one reading of the forecast."""

    expected: _Expected
    not_fitting: frozenset[str]
    first_not_fitting: str | None
    list_ends_at: datetime


class QueueModel(QAbstractTableModel):
    """The waiting list of one session.

    It starts on the list the meeting keeps now (:attr:`Meeting.list_session_id`); the
    console can show another with :meth:`set_session`, and when the chair opens a session the
    model turns to that session's list.

    Signals:
        forecast_changed(): expected starts and the cut-off were read again.
        places_changed(): the cut-off marks beside the places moved (see :meth:`place`).
            Not told as ``headerDataChanged``, which makes every view of the model lay
            itself out again, the column header too, for a row header that only repaints.
        session_changed(str): the model now shows this session's list.
        speaker_moved(str, int): a speaker was moved, by keys or by dragging, to this
            place (0 = next), for the console to say so.
    """

    forecast_changed = Signal()
    places_changed = Signal()
    session_changed = Signal(str)
    speaker_moved = Signal(str, int)

    def __init__(self, bridge: MeetingBridge, parent: Any = None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._meeting: Meeting = bridge.meeting
        self._session_id = self._meeting.list_session_id
        self._list_session_id = self._session_id
        self._ids: list[str] = self._fresh_ids()
        self._cache: dict[str, WaitingSpeaker] | None = None
        self._cache_list: WaitingList | None = None
        self._cache_places: dict[str, int] = {}
        self._forecast: _Forecast | None = None
        self._forecast_read_at: float | None = None
        self._given_expected: dict[str, str] = {}
        """What views were last given for a speaker's "Expected" cell: after an action that
        left the list alone, only the rows whose text differs are announced."""
        self._list_touched = False
        """A row notice of the shown session came within the current action."""
        bridge.notice.connect(self._on_notice)

    # -- what the model shows ------------------------------------------------------------

    @property
    def session_id(self) -> str:
        return self._session_id

    @property
    def speaker_ids(self) -> list[str]:
        """The ids shown, top to bottom (a copy)."""
        return list(self._ids)

    def speaker_id(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, speaker_id: str) -> int | None:
        try:
            return self._ids.index(speaker_id)
        except ValueError:
            return None

    @property
    def cutoff_row(self) -> int | None:
        """The first row that will not fit in the floor time left, if any."""
        first = self._read_forecast().first_not_fitting
        return None if first is None else self.row_of(first)

    def list_end(self) -> tuple[datetime, int]:
        """When the list shown ends and how many on it will not fit, from the forecast the
        rows show (read once per action, for the rows and the status line alike)."""
        forecast = self._read_forecast()
        return forecast.list_ends_at, len(forecast.not_fitting)

    def fits(self, row: int) -> bool:
        """Whether the speaker at ``row`` is expected to finish within the floor time left."""
        speaker_id = self.speaker_id(row)
        return speaker_id is None or speaker_id not in self._read_forecast().not_fitting

    def place(self, row: int) -> tuple[str, bool]:
        """The row's place as its header shows it ("3", or "5  ✕ will not fit"), and whether
        its speaker fits."""
        fits = self.fits(row)
        return (str(row + 1), True) if fits else (f"{row + 1}  {NOT_FIT_MARK}", False)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else _COLUMNS

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < _COLUMNS:
                return HEADERS[Column(section)]
            return None
        if role not in _HEADER_ROLES or not 0 <= section < len(self._ids):
            return None
        text, fits = self.place(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == Qt.ItemDataRole.ToolTipRole and not fits:
            return "Below the cut-off: the floor time left runs out before this speaker."
        if role == Qt.ItemDataRole.ForegroundRole and not fits:
            return QBrush(_GREY)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A view asks for a dozen roles per cell on every repaint: the ones this model does not
        # answer are turned away before anything is looked up.
        if role not in _DATA_ROLES:
            return None
        row, column_number = index.row(), index.column()
        if not (0 <= row < len(self._ids) and 0 <= column_number < _COLUMNS):
            return None
        speaker_id = self._ids[row]
        if role == SPEAKER_ID_ROLE:
            return speaker_id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column_number in _TIMES else None
        if role == Qt.ItemDataRole.DecorationRole and column_number != Column.CATEGORY:
            return None
        forecast = self._read_forecast()
        fits = speaker_id not in forecast.not_fitting
        if role == FITS_ROLE:
            return fits
        if role == CUTOFF_ROLE:
            return forecast.first_not_fitting == speaker_id
        if role == Qt.ItemDataRole.ForegroundRole:
            return None if fits else QBrush(_GREY)
        if role == Qt.ItemDataRole.FontRole:
            if fits:
                return None
            font = QFont()
            font.setItalic(True)
            return font
        column = _COLUMN_AT[column_number]
        info = self._meeting.speaker(speaker_id)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(column, info, forecast)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(column, info)
        if role == Qt.ItemDataRole.DecorationRole:
            return QColor(self._category(info.category).colour)
        return None

    def cell(self, row: int, column_number: int) -> tuple[str, bool, str | None, bool]:
        """All a view draws in one cell, in one call (see :mod:`floorclock.ui.cells`): the
        text, whether the speaker fits, the category's colour (its column only, else None),
        and whether the text is a time, aligned right. The same as the roles say."""
        speaker_id = self._ids[row]
        forecast = self._read_forecast()
        column = _COLUMN_AT[column_number]
        info = self._meeting.speaker(speaker_id)
        swatch = self._category(info.category).colour if column is Column.CATEGORY else None
        return (
            self._text(column, info, forecast),
            speaker_id not in forecast.not_fitting,
            swatch,
            column in _TIMES,
        )

    def _text(
        self,
        column: Column,
        info: SpeakerInfo,
        forecast: _Forecast,
    ) -> str:
        match column:
            case Column.NAME:
                return info.name
            case Column.DELEGATION:
                return delegation_text(info.name, info.delegation, info.group)
            case Column.CATEGORY:
                return self._category(info.category).label
            case Column.MODE:
                return MODE_WORDS.get(info.mode, info.mode)
            case Column.LIMIT:
                if info.time_limit is not None:
                    return f"{clock_text(info.time_limit)} own"
                return clock_text(self._meeting.agenda.floor_speaking_time(info.session_id))
            case Column.EXPECTED:
                text = self._given_expected[info.id] = forecast.expected.get(info.id, "")
                return text
            case Column.REASON:
                # (the only column that needs the speaker's row worked out)
                waiting = self._waiting(info.id)
                return waiting.reason if waiting is not None else ""
        return ""

    def _tooltip(self, column: Column, info: SpeakerInfo) -> str | None:
        if column == Column.CATEGORY:
            return self._category(info.category).name
        if column == Column.LIMIT:
            return "The speaker's own limit" if info.time_limit else "The session's speaking time"
        if column == Column.REASON:
            waiting = self._waiting(info.id)
            return waiting.reason if waiting is not None else None
        if column in (Column.NAME, Column.DELEGATION):
            lines = [info.name, info.delegation or ""]
            if info.group:
                lines.append(f"On behalf of {info.group}")
            if info.note:
                lines.append(f"Note: {info.note}")
            return "\n".join(line for line in lines if line)
        return None

    def _category(self, category_id: str) -> Category | _UnknownCategory:
        try:
            return self._meeting.agenda.category(category_id)
        except KeyError:
            return _UnknownCategory(category_id)

    # -- drag and drop: an internal move becomes Meeting.move ---------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return _ROW_FLAGS  # asked for every cell on every repaint: combined once

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [SPEAKER_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        from PySide6.QtCore import QByteArray, QMimeData  # only a drag needs them

        data = QMimeData()
        rows = sorted({index.row() for index in indexes if index.isValid()})
        if rows:
            data.setData(SPEAKER_MIME, QByteArray(self._ids[rows[0]].encode()))
        return data

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return action == Qt.DropAction.MoveAction and data.hasFormat(SPEAKER_MIME)

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Move the dragged speaker so that it stands before ``row`` (Qt's drop convention)."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        speaker_id = bytes(data.data(SPEAKER_MIME).data()).decode()
        source = self.row_of(speaker_id)
        if source is None:
            return False
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._ids)
        return self._move_before(source, row)

    def moveRows(
        self,
        source_parent: Index,
        source_row: int,
        count: int,
        destination_parent: Index,
        destination_child: int,
    ) -> bool:
        """Move one row; ``destination_child`` is the row it goes before, in the old numbering."""
        if source_parent.isValid() or destination_parent.isValid() or count != 1:
            return False
        if not 0 <= source_row < len(self._ids):
            return False
        return self._move_before(source_row, destination_child)

    def _move_before(self, source: int, before: int) -> bool:
        before = max(0, min(before, len(self._ids)))
        position = before - 1 if before > source else before
        if position == source:
            return False
        return self.move_speaker(self._ids[source], position)

    def move_speaker(self, speaker_id: str, position: int) -> bool:
        """Ask the meeting to put a speaker at ``position`` (0 = next); False if it refused."""

        def move() -> bool:
            self._meeting.move(speaker_id, position)
            return True

        if self._bridge.run(move, origin=self) is not True:
            return False
        self.speaker_moved.emit(speaker_id, position)
        return True

    # -- following the engine -----------------------------------------------------------

    def _fresh_ids(self) -> list[str]:
        return self._meeting.waiting(self._session_id).ids()

    def _waiting(self, speaker_id: str) -> WaitingSpeaker | None:
        """One waiting speaker's row, worked out when a view first asks for it (a view reads
        the rows it shows, not the whole list)."""
        if self._cache is None:
            waiting = self._meeting.waiting(self._session_id)
            self._cache = {}
            self._cache_list = waiting
            self._cache_places = {sid: place for place, sid in enumerate(waiting.ids())}
        found = self._cache.get(speaker_id)
        if found is None:
            place = self._cache_places.get(speaker_id)
            if place is None or self._cache_list is None:
                return None
            found = self._cache[speaker_id] = self._cache_list[place]
        return found

    def _read_forecast(self) -> _Forecast:
        if self._forecast is None:
            self._forecast_read_at = self._meeting.clock.monotonic()
            forecast = self._meeting.forecast(self._session_id)
            zone = self._meeting.agenda.meeting.zone
            # The forecast's entries follow the waiting list; everyone from the cut-off on
            # does not fit (the expected ends only grow down the list).
            ids = self._meeting.waiting(self._session_id).ids()
            cutoff = forecast.cutoff_index
            not_fitting = ids[cutoff:] if cutoff is not None else []
            places = {speaker_id: place for place, speaker_id in enumerate(ids)}
            self._forecast = _Forecast(
                expected=_Expected(forecast.entries, places, zone),
                not_fitting=frozenset(not_fitting),
                first_not_fitting=not_fitting[0] if not_fitting else None,
                list_ends_at=forecast.list_ends_at,
            )
        return self._forecast

    def follow_time(self) -> None:
        """Read the forecast again if it is due; repaint only the rows it moved.

        Called on the ticker's wake-ups; costs one clock reading when not due.
        """
        now = self._meeting.clock.monotonic()
        if self._forecast_read_at is not None and now - self._forecast_read_at < FORECAST_EVERY:
            return
        before = self._read_forecast()
        self._forecast = None
        after = self._read_forecast()
        if after == before:
            return
        moved = [
            row
            for row, speaker_id in enumerate(self._ids)
            if before.expected.get(speaker_id) != after.expected.get(speaker_id)
            or (speaker_id in before.not_fitting) != (speaker_id in after.not_fitting)
        ]
        if moved:
            first, last = moved[0], moved[-1]
            self.dataChanged.emit(self.index(first, 0), self.index(last, _COLUMNS - 1))
            self.places_changed.emit()
        self.forecast_changed.emit()

    def _on_notice(self, notice: object) -> None:
        if isinstance(notice, Changed):
            self._after_action()
            return
        session_id = getattr(notice, "session_id", None)
        if session_id != self._session_id:
            return
        self._cache = None
        self._list_touched = True
        match notice:
            case RowsInserted(index=index, speaker_ids=speaker_ids) if speaker_ids:
                self.beginInsertRows(QModelIndex(), index, index + len(speaker_ids) - 1)
                self._ids[index:index] = speaker_ids
                self.endInsertRows()
            case RowsRemoved(index=index, count=count) if count > 0:
                self.beginRemoveRows(QModelIndex(), index, index + count - 1)
                del self._ids[index : index + count]
                self.endRemoveRows()
            case RowMoved(source=source, destination=destination) if source != destination:
                # Qt wants the row the moved one goes before, counted before the move.
                before = destination + 1 if destination > source else destination
                self.beginMoveRows(QModelIndex(), source, source, QModelIndex(), before)
                self._ids.insert(destination, self._ids.pop(source))
                self.endMoveRows()
            case RowsChanged(first=first, last=last) if self._ids:
                last = min(last, len(self._ids) - 1)
                if 0 <= first <= last:
                    self.dataChanged.emit(self.index(first, 0), self.index(last, _COLUMNS - 1))
            case ListReset():
                self.reset()

    def _after_action(self) -> None:
        """After each action: follow a change of session, check the mirror, re-read the forecast."""
        self._cache = None
        previous, self._forecast = self._forecast, None
        touched, self._list_touched = self._list_touched, False
        kept = self._meeting.list_session_id
        if kept != self._list_session_id:  # the chair opened another part of the agenda
            self._list_session_id = kept
            if kept != self._session_id:
                self.set_session(kept)
                return
        fresh = self._fresh_ids()
        if len(fresh) != len(self._ids):
            log.warning("queue model out of step with the meeting (%s); re-read", self._session_id)
            self.reset()
            return
        self._ids[:] = fresh
        if self._ids:
            # Expected starts and reasons can move for every row after any action; the other
            # columns change by their own notices, or all at once (grey, italic) when the
            # cut-off moves. The place numbers follow the rows by themselves; the row header
            # repaints its marks only when the cut-off moved (places_changed).
            last = len(self._ids) - 1
            if previous is None or previous.not_fitting != self._read_forecast().not_fitting:
                self.dataChanged.emit(self.index(0, 0), self.index(last, _COLUMNS - 1))
                self.places_changed.emit()
            elif touched:  # rows came, went or moved: the views repaint them anyway
                self.dataChanged.emit(
                    self.index(0, Column.EXPECTED), self.index(last, Column.REASON)
                )
            else:
                self._announce_moved_texts()
        self.forecast_changed.emit()

    def _announce_moved_texts(self) -> None:
        """After an action that left the list alone, announce the rows whose "Expected" text
        is no longer what the views were given (a pause or a start of the timer often moves
        none: nothing to repaint). A reason changes only with a row notice (RowsChanged), so
        the reasons need no second look here."""
        places = {speaker_id: row for row, speaker_id in enumerate(self._ids)}
        expected = self._read_forecast().expected
        moved: list[int] = []
        for speaker_id, text in list(self._given_expected.items()):
            row = places.get(speaker_id)
            if row is None:  # no longer waiting: forgotten
                del self._given_expected[speaker_id]
            elif expected.get(speaker_id, "") != text:
                moved.append(row)
        for first, last in _runs(sorted(moved)):
            self.dataChanged.emit(
                self.index(first, Column.EXPECTED), self.index(last, Column.EXPECTED)
            )

    def set_session(self, session_id: str) -> None:
        """Show another session's waiting list (a reset: every row is new)."""
        changed = session_id != self._session_id
        self._session_id = session_id
        self.reset()
        if changed:
            self.session_changed.emit(session_id)

    def reset(self) -> None:
        """Read the whole list again (a new session shown, or the engine asked for it)."""
        self.beginResetModel()
        self._ids = self._fresh_ids()
        self._cache = None
        self._forecast = None
        self._given_expected.clear()
        self.endResetModel()
        self.forecast_changed.emit()


def _runs(rows: Sequence[int]) -> Iterator[tuple[int, int]]:
    """``first, last`` of each run of consecutive numbers in sorted ``rows``."""
    start = previous = None
    for row in rows:
        if previous is not None and row == previous + 1:
            previous = row
            continue
        if start is not None and previous is not None:
            yield start, previous
        start = previous = row
    if start is not None and previous is not None:
        yield start, previous


@dataclass(frozen=True)
class _UnknownCategory:
    """Stands in for a category the agenda no longer has (an edited agenda mid-meeting)."""

    id: str

    @property
    def label(self) -> str:
        return self.id

    @property
    def name(self) -> str:
        return self.id

    colour: str = "#888888"


__all__ = [
    "CUTOFF_ROLE",
    "FITS_ROLE",
    "NOT_FIT_MARK",
    "SPEAKER_ID_ROLE",
    "SPEAKER_MIME",
    "Column",
    "QueueModel",
]
