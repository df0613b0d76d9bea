"""How a cell of the list of speakers is drawn.

Qt's own delegate asks the model for seven roles per cell, each a call into Python, and lays
its text out again at every paint. After a call every row on screen moves up one, so every
cell is painted again: on a secretariat screen of 1920x1080 some 150 of them, the largest part
of what a call costs (docs/performance.md). :class:`CellPainter` asks the model once per cell
(:meth:`QueueModel.cell`) and draws a text laid out once, kept while the same text shows at
the same width.

The view (``QueueView``) hands it the visible rows in one call (:meth:`CellPainter.paint_rows`)
rather than letting Qt call it once per cell, except while a row is dragged. It draws what the
default delegate drew: the alternating ground (in one pass; Qt's view paints it in its own),
the selection, the category's colour square, the text cut with an ellipsis when its column is
too narrow, times right-aligned, the speakers below the cut-off in grey italics (the view
draws the grid, frames the current row and the cut-off). Tooltips, the data of a dragged row
and accessibility still read the model's roles.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPalette,
    QStaticText,
    QTextOption,
)
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate

from floorclock.ui import theme

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStyleOptionViewItem

    from floorclock.ui.queue_model import QueueModel

PADDING = 4
"""Pixels between a cell's edge and its text (and its colour square)."""

KEPT_TEXTS = 4000
"""Laid-out texts kept before they are all laid out again: a screen shows some 150, and the
"Expected" column gets new ones after every action."""

NOT_FITTING = QColor(theme.BELOW_CUTOFF)
"""The text of a speaker below the cut-off (the model's foreground for those rows)."""

# Nothing here touches QStyle: making its Python type (hundreds of enums) costs some 10 ms,
# and the first paint of the list is part of the start-up.


class CellPainter(QStyledItemDelegate):
    """Draws the cells of a :class:`QueueModel` for a view whose rows are never hidden."""

    def __init__(self, model: QueueModel, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._model = model
        self._view = view
        self._texts: dict[tuple[str, int, bool], tuple[QStaticText, float]] = {}
        self._swatches: dict[str, QColor] = {}
        self.selected_rows: frozenset[int] | None = None
        """The selected rows, set by the view for the length of its paint (asking the
        selection model in every cell cost a twentieth of a call next); None: ask it."""
        self.forget()

    def forget(self) -> None:
        """Take the view's font, colours and direction again (after a change of one)."""
        self._texts.clear()
        self._font = QFont(self._view.font())
        self._italic = QFont(self._font)
        self._italic.setItalic(True)
        self._metrics = QFontMetricsF(self._font)
        self._italic_metrics = QFontMetricsF(self._italic)
        palette = self._view.palette()
        self._text_colour = palette.color(QPalette.ColorRole.Text)
        self._highlight = palette.color(QPalette.ColorRole.Highlight)
        self._alternate = palette.color(QPalette.ColorRole.AlternateBase)
        self._highlighted_text = palette.color(QPalette.ColorRole.HighlightedText)
        self._direction = self._view.layoutDirection()

    def shown_text(self, text: str, width: int, *, italic: bool = False) -> str:
        """What a cell ``width`` pixels wide shows of ``text``."""
        return self.laid_out(text, width, italic)[0].text()

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        """One cell, when Qt paints the view (while a row is dragged) or a dragged row's
        picture."""
        row = index.row()
        rect: QRect = option.rect
        rows = self.selected_rows
        # (None: painted outside the view's paint, as a dragged row's picture is)
        selected = self._view.selectionModel().isRowSelected(row) if rows is None else row in rows
        self.draw(
            painter, rect.x(), rect.y(), rect.width(), rect.height(), row, index.column(), selected
        )

    def paint_rows(
        self,
        painter: QPainter,
        rows: list[tuple[int, int, int]],
        columns: list[tuple[int, int, int]],
        selected: frozenset[int],
    ) -> None:
        """The cells of ``rows`` (row, top, height) in ``columns`` (column, left, width), on
        the alternating ground, in one call from the view: how the list is painted but while
        a row is dragged. The same cells as Qt's paint with :meth:`paint`, at a fraction of
        the cost (Qt calls into Python once per cell, with three objects made for it)."""
        alternate = self._alternate if self._view.alternatingRowColors() else None
        for row, top, height in rows:
            is_selected = row in selected
            ground = alternate if row % 2 == 1 and not is_selected else None
            for column, left, width in columns:
                if ground is not None:
                    painter.fillRect(left, top, width, height, ground)
                self.draw(painter, left, top, width, height, row, column, is_selected)

    def draw(
        self,
        painter: QPainter,
        x: int,
        y: int,
        width: int,
        height: int,
        row: int,
        column: int,
        selected: bool,
    ) -> None:
        """The cell of ``row`` and ``column`` in the rectangle given, over its ground."""
        text, fits, swatch, right = self._model.cell(row, column)
        # The selection's ground is painted here, as not every style has the view paint it
        # (Windows 11's marks it with a tick only), and a drag's picture has no view behind it.
        if selected:
            painter.fillRect(x, y, width, height, self._highlight)
        left, room = x + PADDING, width - 2 * PADDING
        if swatch is not None:
            side = min(height - 2 * PADDING, 14)
            painter.fillRect(left, y + (height - side) // 2, side, side, self._colour(swatch))
            left += side + PADDING
            room -= side + PADDING
        if not text or room <= 0:
            return
        laid_out, advance = self.laid_out(text, room, not fits)
        if selected:
            painter.setPen(self._highlighted_text)
        else:
            painter.setPen(self._text_colour if fits else NOT_FITTING)
        if not fits:
            painter.setFont(self._italic)
        start = left + room - advance if right else left
        metrics = self._metrics if fits else self._italic_metrics
        painter.drawStaticText(QPointF(start, y + (height - metrics.height()) / 2), laid_out)
        if not fits:
            painter.setFont(self._font)

    def laid_out(self, text: str, width: int, italic: bool) -> tuple[QStaticText, float]:
        """``text`` cut to ``width`` pixels and laid out in the view's font (italic: for a
        speaker below the cut-off), and its advance: kept while it shows."""
        key = (text, width, italic)
        found = self._texts.get(key)
        if found is None:
            if len(self._texts) >= KEPT_TEXTS:
                self._texts.clear()
            metrics = self._italic_metrics if italic else self._metrics
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
            laid_out = QStaticText(shown)
            laid_out.setTextFormat(Qt.TextFormat.PlainText)
            # The view's direction, not the text's first letter: "المغرب, on behalf of the
            # Arab Group" reads as Qt's own delegate laid it out, name first at the left.
            option = QTextOption()
            option.setTextDirection(self._direction)
            laid_out.setTextOption(option)
            laid_out.prepare(font=self._italic if italic else self._font)
            found = self._texts[key] = (laid_out, metrics.horizontalAdvance(shown))
        return found

    def _colour(self, name: str) -> QColor:
        colour = self._swatches.get(name)
        if colour is None:
            colour = self._swatches[name] = QColor(name)
        return colour
