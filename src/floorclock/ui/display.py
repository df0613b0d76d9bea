"""The room display: what the projector shows, readable from the back of the hall.

Read only. It shows the speaker on the floor (name, delegation, category with its colour and
its label, mode), the countdown in digits at least 40% of the window's height, the phase in
words, the session and its time left, and the next three speakers. Between speakers it shows
the meeting, the session and the time of day; the chair can blank it or put up a short
message.

Sizes are fractions of the window's height, recomputed in :meth:`RoomDisplay.resizeEvent`, so
the same window reads the same on a 1280x720 projector and on a 4K screen. Long names shrink
to a floor size and are then elided: text never runs off the screen.

The countdown text comes from :func:`floorclock.ui.formatting.countdown_text`, the same
function the chair console uses.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QShortcut,
    QTextLayout,
)
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStackedLayout,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from floorclock.core.clock import time_of_day
from floorclock.ui import theme
from floorclock.ui.bridge import MeetingBridge
from floorclock.ui.digits import Digits
from floorclock.ui.formatting import (
    EN_DASH,
    clock_text,
    countdown_text,
    delegation_text,
    isolate,
    mode_text,
    numbered,
    phase_mark,
    session_left_text,
)
from floorclock.ui.ticker import Ticker

DIGITS_SHARE = 0.44
"""Height of the countdown's glyphs as a share of the window's height (at least 0.40)."""

NEXT_COUNT = 3
"""How many of the next speakers the room sees."""

MESSAGE_SHARE = 0.135
"""Height of the chair's message band, at the bottom, over the row of next speakers."""


# -- building blocks (the chair console uses them too) ----------------------------------------


_BREAKS = frozenset("\n\r\u2028\u2029\v\f\x1c\x1d\x1e\x85")
"""Characters on which a text layout starts a new line whatever the width."""


def fit_lines(text: str, font: QFont, width: float, max_lines: int) -> str:
    """``text`` wrapped to ``width`` on at most ``max_lines`` lines, the last one elided."""
    if width <= 0 or not text:
        return text if width > 0 else ""
    if max_lines == 1 and not _BREAKS.intersection(text):
        # One line: the text, or as much of it as fits and an ellipsis, without laying it out
        # in lines (which also cuts a single word wider than the line: the layout below lets
        # such a word overflow its line).
        return QFontMetricsF(font).elidedText(text.strip(), Qt.TextElideMode.ElideRight, width)
    layout = QTextLayout(text, font)
    layout.beginLayout()
    spans: list[tuple[int, int]] = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        spans.append((line.textStart(), line.textLength()))
    layout.endLayout()
    metrics = QFontMetricsF(font)
    lines = [text[start : start + length].strip() for start, length in spans[: max_lines - 1]]
    if len(spans) <= max_lines:
        lines = [text[start : start + length].strip() for start, length in spans]
    else:
        rest = text[spans[max_lines - 1][0] :].strip()
        lines.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width))
    return "\n".join(lines)


class FittedLabel(QLabel):
    """A label that never overflows.

    A text too long for one line is first made smaller (down to ``shrink_to`` of the size),
    then, if the label allows more lines, wrapped at that smaller size, and only then elided.
    The full text stays available as :meth:`full_text`; what is painted is :meth:`text`.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        bold: bool = False,
        max_lines: int = 1,
        shrink_to: float = 1.0,
        alignment: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
        height_follows_text: bool = True,
    ) -> None:
        super().__init__(parent)
        self._height_follows_text = height_follows_text
        """False: the height is its owner's to set (a band), not the text's."""
        self._full = ""
        self._bold = bold
        self._max_lines = max_lines
        self._shrink_to = shrink_to
        self._pixel_size = 20
        self._wanted: QSize | None = None
        """The size :meth:`_relayout` worked out: what :meth:`sizeHint` answers."""
        self.setAlignment(alignment | Qt.AlignmentFlag.AlignVCenter)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(1)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def full_text(self) -> str:
        return self._full

    def set_full_text(self, text: str) -> None:
        if text != self._full:
            self._full = text
            self._relayout()

    def set_pixel_size(self, pixels: int) -> None:
        self._pixel_size = max(pixels, 1)
        self._relayout()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._relayout()

    def _relayout(self) -> None:
        width = self.contentsRect().width() - 2
        size = self._pixel_size
        metrics = theme.text_metrics(size, bold=self._bold)
        lines = 1
        fits = False
        natural = 0.0
        if self._full and width > 0:
            natural = metrics.horizontalAdvance(self._full)
            if natural > width and self._shrink_to < 1.0:
                size = math.floor(max(size * width / natural, size * self._shrink_to))
                metrics = theme.text_metrics(size, bold=self._bold)
                natural = metrics.horizontalAdvance(self._full)
            if natural > width and self._max_lines > 1:
                lines = self._max_lines
            # One line with room to spare: what fit_lines would lay out to the same end.
            fits = natural <= width - 1 and not _BREAKS.intersection(self._full)
        font = theme.text_font(size, bold=self._bold)
        text = self._full.strip() if fits else fit_lines(self._full, font, width, lines)
        shown_lines = text.count("\n") + 1
        self.setFont(font)
        # Never lower than one line at the full size: a name made smaller to fit keeps the
        # label's height, so nothing below it moves (and repaints) from one speaker to the next.
        full_line = theme.text_metrics(self._pixel_size, bold=self._bold).lineSpacing()
        height = max(metrics.lineSpacing() * shown_lines, full_line)
        self._wanted = QSize(math.ceil(natural) + 2, math.ceil(height + 2))
        if self._height_follows_text:
            self.setFixedHeight(self._wanted.height())
        super().setText(text)

    def sizeHint(self) -> QSize:
        """The size worked out when the text was fitted.

        QLabel's own hint lays the whole text out again (at the sizes of a projector, the
        slowest part of a window's relayout), for a label whose height is fixed and whose
        width the layout ignores.
        """
        return super().sizeHint() if self._wanted is None else QSize(self._wanted)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()


class ElidedLabel(QLabel):
    """One line of plain text that never makes its window wider: cut with an ellipsis to
    the width the layout gives it, the whole text in its tooltip.

    A QLabel asks for the width of its whole text; a long name or sentence in a status
    line would push the window past the edge of the screen, and the controls with it.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(1)

    def full_text(self) -> str:
        return self._full

    def setText(self, text: str) -> None:
        if text != self._full:
            self._full = text
            self._elide()

    def clear(self) -> None:
        self.setText("")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._elide()

    def _elide(self) -> None:
        shown = fit_lines(self._full, self.font(), max(self.contentsRect().width(), 1), 1)
        self.setToolTip("" if shown == self._full else self._full)
        super().setText(shown)


class SteadyLabel(QLabel):
    """A one-line label for a text that changes often (a session clock every second, the
    secretariat's summary of the list after most actions).

    A QLabel asks its window to lay itself out again at every new text; in a main window that
    relayout (and the geometry animation QMainWindow starts for it) costs more than painting
    the text, on every wake of the ticker. This label keeps a fixed size, the widest its texts
    have needed so far, so a text no wider than before only repaints the label itself.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._widest = -1.0
        """The advance of the widest text measured so far (-1: measure again)."""

    def setText(self, text: str) -> None:
        if text == self.text():
            return
        super().setText(text)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._widest = -1.0
            self._fit()

    def _fit(self) -> None:
        advance = self.fontMetrics().horizontalAdvance(self.text())
        if advance <= self._widest:
            return  # as wide as a text before: nothing to lay out
        fresh = self._widest < 0  # a new font: the size may shrink too
        self._widest = advance
        hint = self.sizeHint()
        width = hint.width() if fresh else max(hint.width(), self.minimumWidth())
        self.setFixedSize(width, hint.height())


class Swatch(QWidget):
    """A square of a category's colour (its label is always written beside it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._colour = QColor(theme.GROUND)

    def set_colour(self, colour: str) -> None:
        new = QColor(colour)
        if new != self._colour:
            self._colour = new
            self.update()

    def colour(self) -> QColor:
        return QColor(self._colour)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self._colour)


class Badge(QLabel):
    """Text in an outlined box (the speaker's mode): readable without its colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._pen_width = 3

    def set_pen_width(self, pixels: int) -> None:
        self._pen_width = max(pixels, 1)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self.palette().color(QPalette.ColorRole.WindowText))
        pen.setWidth(self._pen_width)
        painter.setPen(pen)
        half = self._pen_width / 2
        box = QRectF(self.rect()).adjusted(half, half, -half, -half)
        painter.drawRoundedRect(box, self._pen_width * 2, self._pen_width * 2)
        painter.end()
        super().paintEvent(event)


def lay_out_now() -> None:
    """Lay out now the windows whose labels changed, instead of at the next pass of the
    event loop.

    A label whose text changes asks its window for a new layout, which Qt does later, in
    the event loop. A countdown repainted before that (:meth:`Digits.set_text` paints at
    once, and with it everything else its window has to paint) would paint the other changed
    labels where they were, and the layout would then move and paint them a second time.
    After an action the windows set every text, call this, and set the digits last: each
    window is painted once, as it will stay.
    """
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)


def _set_text_colour(widget: QWidget, colour: str) -> None:
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
    widget.setPalette(palette)


# -- the window ---------------------------------------------------------------------------


class RoomDisplay(QWidget):
    """The projector window. Reads the meeting; never changes it.

    Its ``phase`` property is ``idle``, ``blank`` or the timer's phase (``ready``,
    ``running``, ``warning``, ``time_up``, ``overtime``, ``paused``).
    """

    def __init__(
        self, bridge: MeetingBridge, ticker: Ticker, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._meeting = bridge.meeting
        self.flash_overtime = False
        """Blink the digits once a second in overtime (off by default)."""
        self._phase = ""
        self._warning = 0
        self.setWindowTitle(f"FloorClock {EN_DASH} room display")
        self.setAutoFillBackground(True)
        self.setMinimumSize(320, 180)
        self._build()
        bridge.changed.connect(self.refresh)
        ticker.approaching.connect(self.prepare_time)
        ticker.tick.connect(self.refresh_time)
        shortcut = QShortcut(QKeySequence(Qt.Key.Key_F11), self)
        shortcut.activated.connect(self.toggle_full_screen)
        leave = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        leave.activated.connect(self.showNormal)
        self.refresh()

    # -- building ---------------------------------------------------------------------

    def _build(self) -> None:
        self._pages = QStackedLayout(self)
        self._content = QWidget()
        self._blank = QWidget()
        self._pages.addWidget(self._content)
        self._pages.addWidget(self._blank)

        column = QVBoxLayout(self._content)
        self._column = column

        header = QHBoxLayout()
        self.session_title = FittedLabel(shrink_to=0.8)
        self.session_left = SteadyLabel()
        self.session_left.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        header.addWidget(self.session_title, 1)
        header.addWidget(self.session_left)
        column.addLayout(header)

        self._bodies = QStackedWidget()
        self._floor_body = QWidget()
        self._idle_body = QWidget()
        self._bodies.addWidget(self._floor_body)
        self._bodies.addWidget(self._idle_body)
        column.addWidget(self._bodies, 1)

        floor = QVBoxLayout(self._floor_body)
        floor.setContentsMargins(0, 0, 0, 0)
        self._floor_layout = floor
        self.speaker_name = FittedLabel(bold=True, shrink_to=0.75, max_lines=2)
        floor.addWidget(self.speaker_name)
        details = QHBoxLayout()
        self._details = details
        self.category_swatch = Swatch()
        self.category_label = QLabel()
        self.delegation = FittedLabel(shrink_to=0.8)
        self.mode = Badge()
        details.addWidget(self.category_swatch)
        details.addWidget(self.category_label)
        details.addWidget(self.delegation, 1)
        details.addWidget(self.mode)
        floor.addLayout(details)
        self.phase_label = QLabel()
        self.phase_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        floor.addWidget(self.phase_label)
        self.digits = Digits()
        floor.addWidget(self.digits, 1)

        idle = QVBoxLayout(self._idle_body)
        idle.setContentsMargins(0, 0, 0, 0)
        self._idle_layout = idle
        self.meeting_title = FittedLabel(
            bold=True, max_lines=2, alignment=Qt.AlignmentFlag.AlignHCenter
        )
        self.meeting_place = FittedLabel(alignment=Qt.AlignmentFlag.AlignHCenter)
        # between speakers the big digits are the time of day: said, lest 15:09 read as minutes
        self.time_caption = QLabel("LOCAL TIME")
        self.time_caption.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom)
        self.time_of_day = Digits()
        self.idle_note = FittedLabel(alignment=Qt.AlignmentFlag.AlignHCenter)
        idle.addWidget(self.meeting_title)
        idle.addWidget(self.meeting_place)
        idle.addWidget(self.time_caption)
        idle.addWidget(self.time_of_day, 1)
        idle.addWidget(self.idle_note)

        upcoming = QHBoxLayout()
        self._upcoming = upcoming
        self.next_title = QLabel("NEXT")
        self.next_title.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        upcoming.addWidget(self.next_title)
        self.next_speakers = [FittedLabel(shrink_to=0.75) for _ in range(NEXT_COUNT)]
        self.next_delegations = [FittedLabel(shrink_to=0.8) for _ in range(NEXT_COUNT)]
        for name, delegation in zip(self.next_speakers, self.next_delegations, strict=True):
            cell = QVBoxLayout()
            cell.setSpacing(0)
            cell.addWidget(name)
            cell.addWidget(delegation)
            upcoming.addLayout(cell, 1)
        column.addLayout(upcoming)

        self.message = FittedLabel(
            self._content,
            bold=True,
            alignment=Qt.AlignmentFlag.AlignHCenter,
            height_follows_text=False,  # the band's height, set by _place_message
        )
        self.message.setAutoFillBackground(True)
        palette = self.message.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(theme.MESSAGE_GROUND))
        palette.setColor(QPalette.ColorRole.WindowText, QColor(theme.TEXT))
        self.message.setPalette(palette)
        self.message.hide()

        self._secondary: list[QWidget] = [
            self.session_title,
            self.session_left,
            self.category_label,
            self.meeting_place,
            self.time_caption,
            self.idle_note,
            *self.next_delegations,
        ]

    # -- sizes ------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._size_to(self.height())

    def _size_to(self, height: int) -> None:
        def px(share: float) -> int:
            return max(round(height * share), 1)

        margin = px(0.025)
        self._column.setContentsMargins(margin * 2, margin, margin * 2, margin)
        self._set_bottom_margin()
        self._column.setSpacing(px(0.012))
        self._floor_layout.setSpacing(px(0.008))
        self._details.setSpacing(px(0.02))
        self._upcoming.setSpacing(px(0.03))
        self.session_title.set_pixel_size(px(0.042))
        self.session_left.setFont(theme.text_font(px(0.042), bold=True))
        self.speaker_name.set_pixel_size(px(0.085))
        self.category_label.setFont(theme.text_font(px(0.045), bold=True))
        self.category_swatch.setFixedSize(px(0.045), px(0.045))
        self.delegation.set_pixel_size(px(0.045))
        self.mode.setFont(theme.text_font(px(0.04), bold=True))
        self.mode.set_pen_width(max(px(0.004), 2))
        self.mode.setContentsMargins(px(0.014), px(0.006), px(0.014), px(0.006))
        self.phase_label.setFont(theme.text_font(px(0.058), bold=True))
        self.digits.set_glyph_height(px(DIGITS_SHARE))
        self.meeting_title.set_pixel_size(px(0.055))
        self.meeting_place.set_pixel_size(px(0.04))
        self.time_caption.setFont(theme.text_font(px(0.035), bold=True))
        self.time_of_day.set_glyph_height(px(0.3))
        self.idle_note.set_pixel_size(px(0.045))
        self.next_title.setFont(theme.text_font(px(0.038), bold=True))
        for label in self.next_speakers:
            label.set_pixel_size(px(0.04))
        for label in self.next_delegations:
            label.set_pixel_size(px(0.03))
        self._place_message()

    def _show_message(self, shown: bool) -> None:
        """The message band takes the place of the row of next speakers: the rest of the
        window is laid out above it, so it never covers the countdown."""
        self.message.setVisible(shown)
        for label in (self.next_title, *self.next_speakers, *self.next_delegations):
            label.setVisible(not shown)
        self._set_bottom_margin()
        if shown:
            self._place_message()

    def _set_bottom_margin(self) -> None:
        margins = self._column.contentsMargins()
        top = margins.top()
        band = round(self._content.height() * MESSAGE_SHARE)
        margins.setBottom(band + top if not self.message.isHidden() else top)
        self._column.setContentsMargins(margins)

    def _place_message(self) -> None:
        """The message band, from edge to edge at the bottom."""
        height = self._content.height()
        band = round(height * MESSAGE_SHARE)
        self.message.set_pixel_size(round(height * 0.075))
        self.message.setFixedHeight(band)
        self.message.setGeometry(0, height - band, self._content.width(), band)
        self.message.raise_()

    # -- reading the meeting -------------------------------------------------------------

    @property
    def phase(self) -> str:
        return self._phase

    def refresh(self) -> None:
        """Show the meeting as it is now (after any command)."""
        meeting = self._meeting
        state = meeting.display
        if state.blank:
            self._pages.setCurrentWidget(self._blank)
            self._set_phase("blank")
            return
        self._pages.setCurrentWidget(self._content)
        floor = meeting.floor
        if floor is None:
            self._bodies.setCurrentWidget(self._idle_body)
            agenda = meeting.agenda
            self.meeting_title.set_full_text(agenda.meeting.title)
            place = [
                agenda.meeting.venue or "",
                agenda.meeting.date.strftime("%d %B %Y").lstrip("0"),
            ]
            self.meeting_place.set_full_text(" · ".join(part for part in place if part))
        else:
            self._bodies.setCurrentWidget(self._floor_body)
            info = floor.info
            self.speaker_name.set_full_text(info.name)
            category = meeting.agenda.category(info.category)
            self.category_swatch.set_colour(category.colour)
            self.category_label.setText(
                category.name if len(category.name) <= 24 else category.label
            )
            self.category_label.setToolTip(category.name)
            self.delegation.set_full_text(delegation_text(info.name, info.delegation, info.group))
            self.mode.setText(mode_text(info.mode))
        waiting = meeting.waiting()[:NEXT_COUNT]
        for index, (label, under) in enumerate(
            zip(self.next_speakers, self.next_delegations, strict=True)
        ):
            if index < len(waiting):
                speaker = waiting[index].info
                label.set_full_text(numbered(index + 1, isolate(speaker.name)))
                shown = speaker.delegation if speaker.delegation != speaker.name else None
                under.set_full_text(isolate(shown or ""))
            else:
                label.set_full_text("No speakers waiting" if index == 0 else "")
                under.set_full_text("")
        message = state.message
        self.message.set_full_text(message or "")
        if message or not self.message.isHidden():
            self._show_message(bool(message))
        self._refresh_time(digits_last=True)

    def prepare_time(self, at: float) -> None:
        """Lay out the countdown due at the monotonic instant ``at`` (a few ms away)."""
        reading = self._meeting.timer(at)
        if reading is not None:
            self.digits.prepare(countdown_text(reading))

    def refresh_time(self) -> None:
        """Show the time as it is now (called by the ticker when a shown second changes).

        The countdown comes first, so its digits are painted before the other labels that
        change at the same second.
        """
        self._refresh_time(digits_last=False)

    def _refresh_time(self, *, digits_last: bool) -> None:
        """``digits_last``: after an action, the digits (countdown, or time of day) are set
        after every other text and the layout, so that the window is painted once."""
        meeting = self._meeting
        if meeting.display.blank:
            return
        reading = meeting.timer() if meeting.floor is not None else None
        if reading is not None:
            self._set_phase(reading.phase, reading.warning)
            if self.flash_overtime and reading.phase == "overtime" and reading.shown_seconds() % 2:
                style = theme.PHASE_STYLES["overtime"]
                self.digits.set_colours(style.ground, style.ground)
            else:
                style = theme.PHASE_STYLES[reading.phase]
                self.digits.set_colours(style.digits, style.ground)
        zone = meeting.agenda.meeting.zone
        # the countdown, or between speakers the time of day
        big, text = (
            (self.digits, countdown_text(reading))
            if reading is not None
            else (self.time_of_day, time_of_day(meeting.clock.now(), zone))
        )
        if not digits_last:
            big.set_text(text)
        session_id = meeting.current_session_id
        session = meeting.agenda.session(session_id)
        clock = meeting.session_clock(session_id)
        self.session_title.set_full_text(session.title)
        if clock.is_open:
            if clock.overrun > 0:
                self.session_left.setText(f"session over by {clock_text(clock.overrun)}")
            else:
                self.session_left.setText(session_left_text(clock.left))
        elif clock.closed_at is not None:
            self.session_left.setText(f"closed {time_of_day(clock.closed_at, zone)}")
        else:
            self.session_left.setText(
                f"{time_of_day(clock.scheduled_start, zone)}{EN_DASH}"
                f"{time_of_day(clock.scheduled_end, zone)}"
            )
        if reading is None:
            if clock.is_open:
                self.idle_note.set_full_text("The session is open · waiting for the next speaker")
            elif clock.closed_at is not None:
                closed = time_of_day(clock.closed_at, zone)
                self.idle_note.set_full_text(f"The session closed at {closed}")
            else:
                starts = time_of_day(clock.scheduled_start, zone)
                self.idle_note.set_full_text(f"The session is scheduled to start at {starts}")
            self._set_phase("idle")
        if digits_last:
            lay_out_now()
            big.set_text(text)

    def _set_phase(self, phase: str, warning: int = 0) -> None:
        """``warning``: the seconds of the amber phase, written in its mark."""
        if phase == self._phase and (phase != "warning" or warning == self._warning):
            return
        self._phase = phase
        self._warning = warning
        self.setProperty("phase", phase)
        style = theme.PHASE_STYLES[phase]
        self.setPalette(theme.display_palette(style))
        for widget in self._secondary:
            _set_text_colour(widget, style.secondary)
        _set_text_colour(self.phase_label, style.mark)
        _set_text_colour(
            self.next_title, theme.MUTED if style.ground == theme.GROUND else theme.TEXT
        )
        self.digits.set_colours(style.digits, style.ground)
        self.time_of_day.set_colours(theme.TEXT, style.ground)
        self.phase_label.setText(phase_mark(phase, warning))

    # -- window ----------------------------------------------------------------------

    def toggle_full_screen(self) -> None:
        if not self.isVisible():
            self.show()
        elif self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
