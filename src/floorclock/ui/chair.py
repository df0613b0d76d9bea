"""The chair console: the podium's window, run from the keyboard.

It shows the same countdown as the room display (same formatter, same phase colours), who is
on the floor and who comes next, the session clock, the floor time left and the forecast, and
the day's agenda with the current part. Every action has one key (listed in the F1 overlay,
and written on its button); each goes through :meth:`MeetingBridge.run`, so a refusal lands in
the status line instead of an exception. The engine decides everything: the console only asks.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt
from PySide6.QtGui import QAction, QColor, QKeySequence, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from floorclock.core.clock import time_of_day
from floorclock.ui import theme
from floorclock.ui.bridge import MeetingBridge
from floorclock.ui.digits import Digits
from floorclock.ui.display import (
    ElidedLabel,
    FittedLabel,
    RoomDisplay,
    SteadyLabel,
    Swatch,
    lay_out_now,
)
from floorclock.ui.formatting import (
    EN_DASH,
    MINUS,
    clock_text,
    countdown_text,
    delegation_text,
    mode_text,
    numbered,
    phase_mark,
    session_left_text,
    speaker_line,
    time_range,
)
from floorclock.ui.ticker import Ticker

DEFAULT_MESSAGE = "Please conclude"
STEP_SECONDS = 30
"""What + and - add to or take from the current speaker's time."""

UPCOMING_COUNT = 5


TYPING_HINT = (
    "Typing the display message: the keys type text now. Enter applies it, Esc gives the keys back."
)

BUTTONS_PER_ROW = 7
"""The chair's buttons stand in rows of this many."""


@dataclass(frozen=True)
class ChairKey:
    """One chair action: its name, what it does, its keys (the first is the one shown)."""

    name: str
    label: str
    keys: tuple[QKeySequence, ...]
    help: str
    button: bool = True
    shown: str = ""
    """How the keys are written for people, when the first key's own name is not enough."""


def _keys(*keys: Qt.Key | QKeyCombination | str) -> tuple[QKeySequence, ...]:
    return tuple(QKeySequence(key) for key in keys)


CHAIR_KEYS: tuple[ChairKey, ...] = (
    ChairKey(
        "toggle",
        "Start / pause",
        _keys(Qt.Key.Key_Space),
        "Start the speaker's time, pause it, resume it; with nobody on the floor, call the next "
        "speaker.",
    ),
    ChairKey(
        "call_next",
        "Call next",
        _keys(Qt.Key.Key_N, Qt.Key.Key_Right),
        "End the current intervention and give the floor to the next speaker on the list.",
        shown="N / →",
    ),
    ChairKey("end", "End", _keys(Qt.Key.Key_E), "End the current intervention."),
    ChairKey(
        "extend",
        f"+{STEP_SECONDS} s",
        _keys(
            Qt.Key.Key_Plus,
            Qt.KeyboardModifier.ShiftModifier | Qt.Key.Key_Plus,
            Qt.Key.Key_Equal,
            Qt.KeyboardModifier.KeypadModifier | Qt.Key.Key_Plus,
        ),
        f"Give the speaker {STEP_SECONDS} seconds more.",
        shown="+",
    ),
    ChairKey(
        "reduce",
        f"{MINUS}{STEP_SECONDS} s",
        _keys(Qt.Key.Key_Minus, Qt.KeyboardModifier.KeypadModifier | Qt.Key.Key_Minus),
        f"Take {STEP_SECONDS} seconds from the speaker's time.",
        shown=MINUS,
    ),
    ChairKey(
        "absent",
        "Absent",
        _keys(Qt.Key.Key_A),
        "Mark the called speaker absent (or the next one): they can be re-called later.",
    ),
    ChairKey(
        "message",
        "Message",
        _keys(Qt.Key.Key_M),
        "Show or take down the message on the room display (the text is editable below).",
    ),
    ChairKey("blank", "Blank", _keys(Qt.Key.Key_B), "Blank the room display, or bring it back."),
    ChairKey(
        "session",
        "Open / close session",
        _keys(Qt.Key.Key_S),
        "Open the current session (its clock starts now), or close the open one "
        "(once nobody has the floor).",
    ),
    ChairKey(
        "list",
        "Close / reopen list",
        _keys(Qt.Key.Key_L),
        "Close the list of speakers to new inscriptions, or reopen it.",
    ),
    ChairKey("undo", "Undo", _keys("Ctrl+Z"), "Undo the last action (a mis-key, a wrong call)."),
    ChairKey(
        "redo",
        "Redo",
        _keys("Ctrl+Shift+Z", "Ctrl+Y"),
        "Redo what was just undone.",
        shown="Ctrl+Shift+Z",
    ),
    ChairKey(
        "previous_session",
        "Previous session",
        _keys(Qt.Key.Key_PageUp),
        "Show the previous part of the agenda (before opening it with S).",
        button=False,
        shown="Page Up",
    ),
    ChairKey(
        "next_session",
        "Next session",
        _keys(Qt.Key.Key_PageDown),
        "Show the next part of the agenda (before opening it with S).",
        button=False,
        shown="Page Down",
    ),
    ChairKey(
        "full_screen",
        "Display full screen",
        _keys(Qt.Key.Key_F11),
        "Put the room display in full screen on its screen, or back in a window.",
        button=False,
    ),
    ChairKey("help", "Keys", _keys(Qt.Key.Key_F1), "Show or hide this list of keys."),
)


def key_text(key: ChairKey) -> str:
    """The key as written on a button and in the help (``Space``, ``N``, ``Ctrl+Z``)."""
    return key.shown or key.keys[0].toString(QKeySequence.SequenceFormat.NativeText)


class HelpOverlay(QFrame):
    """The F1 list of keys, drawn over the console. Built on first use."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(8, 10, 14, 245))
        palette.setColor(QPalette.ColorRole.WindowText, QColor(theme.TEXT))
        self.setPalette(palette)
        grid = QGridLayout(self)
        grid.setContentsMargins(48, 32, 48, 32)
        grid.setHorizontalSpacing(32)
        grid.setVerticalSpacing(10)
        title = QLabel("Chair keys")
        title.setFont(theme.text_font(32, bold=True))
        grid.addWidget(title, 0, 0, 1, 2)
        row = 1
        for key in CHAIR_KEYS:
            keys = QLabel(key_text(key))
            keys.setFont(theme.text_font(22, bold=True))
            what = QLabel(f"{key.label}: {key.help}")
            what.setFont(theme.text_font(20))
            what.setWordWrap(True)
            grid.addWidget(keys, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(what, row, 1, Qt.AlignmentFlag.AlignTop)
            row += 1
        closing = QLabel(
            "The keys work while this window has the focus (not while typing in the "
            "message field: Enter or Esc leaves it). F1 or Esc closes this list."
        )
        closing.setFont(theme.text_font(18))
        closing.setWordWrap(True)
        grid.addWidget(closing, row, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(row + 1, 1)


class ChairConsole(QMainWindow):
    """The podium window.

    Its ``phase`` property follows the room display's: ``idle``, ``blank`` or the timer's
    phase.
    """

    def __init__(
        self,
        bridge: MeetingBridge,
        ticker: Ticker,
        display: RoomDisplay | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._meeting = bridge.meeting
        self._display = display
        self._agenda_shown: object = None
        self._agenda_marks: tuple[str, str | None] | None = None
        """The current and the open session the agenda list was last marked for."""
        self._last_phase = ""
        self._applied_phase = ""
        """The phase whose colours the countdown panel wears (set only when it changes)."""
        self._forecast_due = True
        """The forecast must be read again at the next refresh of the time."""
        self._help: HelpOverlay | None = None
        self.beep_at_time_up = False
        self.setWindowTitle(f"FloorClock {EN_DASH} chair")
        self.setPalette(theme.dark_palette())
        self.setAutoFillBackground(True)
        self.actions_by_name: dict[str, QAction] = {}
        self.buttons: dict[str, QPushButton] = {}
        self._build()
        self._make_actions()
        # Resumed: the field offers the message last shown (up now or taken down), not the default.
        if self._meeting.display.last_message:
            self.message_edit.setText(self._meeting.display.last_message)
        bridge.changed.connect(self.refresh)
        bridge.refused.connect(self._on_refused)
        bridge.journal_failed.connect(self.show_journal_failure)
        bridge.journal_recovered.connect(self.hide_journal_failure)
        ticker.approaching.connect(self.prepare_time)
        ticker.tick.connect(self.refresh_time)
        self.resize(1400, 860)
        self.refresh()

    # -- building ---------------------------------------------------------------------

    def _build(self) -> None:
        central = QWidget()
        central.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCentralWidget(central)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(16, 12, 16, 8)
        outer.setSpacing(10)

        self.journal_banner = self._banner(theme.BANNER_GROUND)
        outer.addWidget(self.journal_banner)
        self.info_banner = self._banner("#16385e", closable=True)
        outer.addWidget(self.info_banner)

        body = QHBoxLayout()
        body.setSpacing(18)
        outer.addLayout(body, 1)

        # Left: the floor.
        left = QVBoxLayout()
        left.setSpacing(6)
        body.addLayout(left, 3)
        self.floor_title = self._small_caps("ON THE FLOOR")
        left.addWidget(self.floor_title)
        self.speaker_name = FittedLabel(bold=True, shrink_to=0.6)
        self.speaker_name.set_pixel_size(38)
        left.addWidget(self.speaker_name)
        details = QHBoxLayout()
        self.category_swatch = Swatch()
        self.category_swatch.setFixedSize(22, 22)
        self.category_label = QLabel()
        self.category_label.setFont(theme.text_font(20, bold=True))
        self.delegation = FittedLabel(shrink_to=0.8)
        self.delegation.set_pixel_size(20)
        self.mode = QLabel()
        self.mode.setFont(theme.text_font(18, bold=True))
        self.mode.setFrameShape(QFrame.Shape.Box)
        self.mode.setContentsMargins(8, 2, 8, 2)
        details.addWidget(self.category_swatch)
        details.addWidget(self.category_label)
        details.addWidget(self.delegation, 1)
        details.addWidget(self.mode)
        left.addLayout(details)

        self.countdown_panel = QFrame()
        self.countdown_panel.setAutoFillBackground(True)
        panel = QVBoxLayout(self.countdown_panel)
        panel.setContentsMargins(12, 8, 12, 8)
        self.phase_label = ElidedLabel()  # "· BLANKED (B)" must not widen the console
        self.phase_label.setFont(theme.text_font(24, bold=True))
        self.phase_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        panel.addWidget(self.phase_label)
        self.digits = Digits()
        panel.addWidget(self.digits, 1)
        self.limit_label = SteadyLabel()
        self.limit_label.setFont(theme.text_font(18))
        self.limit_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        panel.addWidget(self.limit_label, 0, Qt.AlignmentFlag.AlignHCenter)
        left.addWidget(self.countdown_panel, 1)

        left.addWidget(self._small_caps("NEXT ON THE LIST"))
        self.upcoming = [FittedLabel(shrink_to=0.85) for _ in range(UPCOMING_COUNT)]
        for label in self.upcoming:
            label.set_pixel_size(20)
            left.addWidget(label)

        # Right: session, forecast, agenda, message.
        right = QVBoxLayout()
        right.setSpacing(6)
        body.addLayout(right, 2)
        right.addWidget(self._small_caps("SESSION"))
        self.session_title = FittedLabel(bold=True, max_lines=2)
        self.session_title.set_pixel_size(20)
        right.addWidget(self.session_title)
        self.session_clock = SteadyLabel()
        self.session_clock.setFont(theme.text_font(26, bold=True))
        right.addWidget(self.session_clock)
        self.session_schedule = SteadyLabel()
        self.session_schedule.setFont(theme.text_font(17))
        right.addWidget(self.session_schedule)
        self.floor_left = SteadyLabel()
        self.floor_left.setFont(theme.text_font(20, bold=True))
        right.addWidget(self.floor_left)
        # Fitted, not word-wrapped labels: they change after every action, and a wrapped
        # QLabel lays its text out again for the window's layout each time (its size hints).
        self.forecast = FittedLabel(bold=True, max_lines=2)
        self.forecast.set_pixel_size(20)
        right.addWidget(self.forecast)
        self.list_state = FittedLabel()
        self.list_state.set_pixel_size(17)
        right.addWidget(self.list_state)

        right.addWidget(self._small_caps("AGENDA  (PgUp / PgDn to choose, S to open)"))
        self.agenda_list = QListWidget()
        self.agenda_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.agenda_list.setFont(theme.text_font(17))
        self.agenda_list.setWordWrap(True)
        self.agenda_list.itemClicked.connect(self._select_clicked)
        right.addWidget(self.agenda_list, 1)

        right.addWidget(self._small_caps("MESSAGE ON THE DISPLAY  (M shows / hides)"))
        self.message_edit = QLineEdit(DEFAULT_MESSAGE)
        self.message_edit.setFont(theme.text_font(18))
        self.message_edit.setMaxLength(120)
        self.message_edit.setPlaceholderText(DEFAULT_MESSAGE)
        self.message_edit.returnPressed.connect(self._message_edited)
        # An amber frame while the field has the keys (typing goes there, not to the chair's
        # actions), set once: a style sheet set and cleared at each focus left the field
        # white, with black text, once cleared.
        colours = theme.dark_palette()
        ground = colours.color(QPalette.ColorRole.Base).name()
        text = colours.color(QPalette.ColorRole.Text).name()
        self.message_edit.setStyleSheet(
            f"QLineEdit {{ background: {ground}; color: {text}; border: 2px solid {ground}; }}"
            f" QLineEdit:focus {{ border-color: {theme.AMBER}; }}"
        )
        self.message_edit.installEventFilter(self)
        right.addWidget(self.message_edit)
        options = QHBoxLayout()
        self.beep_box = QCheckBox("Beep at time up")
        self.beep_box.setFont(theme.text_font(16))
        self.beep_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.beep_box.toggled.connect(self._set_beep)
        self.flash_box = QCheckBox("Flash overtime on the display")
        self.flash_box.setFont(theme.text_font(16))
        self.flash_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.flash_box.toggled.connect(self._set_flash)
        options.addWidget(self.beep_box)
        options.addWidget(self.flash_box)
        options.addStretch(1)
        right.addLayout(options)

        self._buttons_grid = QGridLayout()
        self._buttons_grid.setSpacing(6)
        outer.addLayout(self._buttons_grid)

        self.status_line = QLabel()
        self.status_line.setFont(theme.text_font(18, bold=True))
        self.status_line.setWordWrap(True)
        # Two lines, empty or not: a refusal appearing or going away must not move the
        # buttons under the chair's hand or shrink the countdown (a longer text is cut; the
        # whole of it is in the tooltip).
        two_lines = 2 * theme.text_metrics(18, bold=True).lineSpacing()
        self.status_line.setFixedHeight(math.ceil(two_lines) + 2)
        # from the top: a sentence longer than two lines keeps its beginning whole
        self.status_line.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.statusBar().addWidget(self.status_line, 1)
        self.statusBar().setSizeGripEnabled(False)

    def _small_caps(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setFont(theme.text_font(14, bold=True))
        palette = label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor(theme.MUTED))
        label.setPalette(palette)
        return label

    def _banner(self, ground: str, *, closable: bool = False) -> QFrame:
        frame = QFrame()
        frame.setAutoFillBackground(True)
        palette = frame.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(ground))
        palette.setColor(QPalette.ColorRole.WindowText, QColor(theme.TEXT))
        frame.setPalette(palette)
        row = QHBoxLayout(frame)
        row.setContentsMargins(12, 8, 12, 8)
        text = QLabel()
        text.setWordWrap(True)
        text.setFont(theme.text_font(17, bold=True))
        text.setObjectName("text")
        row.addWidget(text, 1)
        if closable:
            close = QToolButton()
            close.setText("✕")
            close.setToolTip("Dismiss")
            close.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            close.clicked.connect(frame.hide)
            row.addWidget(close)
        frame.hide()
        return frame

    def _make_actions(self) -> None:
        meeting = self._meeting
        handlers: dict[str, Callable[[], None]] = {
            "toggle": lambda: self._run(meeting.toggle_timer),
            "call_next": lambda: self._run(meeting.call_next),
            "end": lambda: self._run(meeting.end_intervention),
            "extend": lambda: self._run(lambda: meeting.extend(STEP_SECONDS)),
            "reduce": lambda: self._run(lambda: meeting.extend(-STEP_SECONDS)),
            "absent": lambda: self._run(meeting.mark_absent),
            "message": self.toggle_message,
            "blank": lambda: self._run(meeting.toggle_blank),
            "session": self._toggle_session,
            "list": lambda: self._run(meeting.toggle_list),
            "undo": self._undo,
            "redo": self._redo,
            "previous_session": lambda: self._run(lambda: meeting.step_session(-1)),
            "next_session": lambda: self._run(lambda: meeting.step_session(1)),
            "full_screen": self._display_full_screen,
            "help": self.toggle_help,
        }
        column = 0
        for key in CHAIR_KEYS:
            action = QAction(key.label, self)
            action.setShortcuts(list(key.keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.setToolTip(f"{key.help} ({key_text(key)})")
            action.triggered.connect(handlers[key.name])
            self.addAction(action)
            self.actions_by_name[key.name] = action
            if key.button:
                button = QPushButton(f"{key.label}\n{key_text(key)}")
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                button.setFont(theme.text_font(16, bold=True))
                button.setMinimumHeight(56)
                button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
                button.setToolTip(action.toolTip())
                button.setProperty("key", key.name)
                button.clicked.connect(action.trigger)
                # two rows, so the console fits a laptop screen (1280 pixels wide)
                row, place = divmod(column, BUTTONS_PER_ROW)
                self._buttons_grid.addWidget(button, row, place)
                self.buttons[key.name] = button
                column += 1
        escape = QAction(self)
        escape.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        escape.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        escape.triggered.connect(self._escape)
        self.addAction(escape)

    # -- actions (each one asks the engine) ----------------------------------------------

    def _run(self, command: Callable[[], object]) -> None:
        self._bridge.run(command, origin=self)

    def _toggle_session(self) -> None:
        """S; closing a session whose list still holds speakers says how many were not called."""
        meeting = self._meeting
        closing = meeting.open_session_id
        left = len(meeting.waiting(closing)) if closing is not None else 0
        self._run(meeting.toggle_session)
        if closing is not None and meeting.open_session_id is None and left:
            self.show_info(
                f"Closed with {left} speaker{'s' if left != 1 else ''} still on its list, not"
                " called (Ctrl+Z reopens the session)."
            )

    def toggle_message(self) -> None:
        meeting = self._meeting
        if meeting.display.message:
            self._run(lambda: meeting.show_message(None))
        else:
            text = self.message_edit.text().strip() or DEFAULT_MESSAGE
            self._run(lambda: meeting.show_message(text))

    def _message_edited(self) -> None:
        """Enter in the message field: update the message if it is showing, then back to keys."""
        meeting = self._meeting
        text = self.message_edit.text().strip() or DEFAULT_MESSAGE
        if meeting.display.message and meeting.display.message != text:
            self._run(lambda: meeting.show_message(text))
        self._focus_keys()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """While the message field has the focus, the keys type text: say so, plainly."""
        if watched is self.message_edit:
            if event.type() == QEvent.Type.FocusIn:
                self.show_info(TYPING_HINT)
            elif event.type() == QEvent.Type.FocusOut and self.status_line.text() == TYPING_HINT:
                self.status_line.setText("")
        return super().eventFilter(watched, event)

    def _focus_keys(self) -> None:
        """Give the focus back to the console itself, where every key is an action."""
        central = self.centralWidget()
        if central is not None:
            central.setFocus()

    def _light(self, button: QPushButton, colour: str | None, tip: str | None) -> None:
        """A switch's button lit in ``colour`` while what it switches is on (the message
        shown, the display blanked), its text unchanged: a longer text would widen the
        console; the tooltip says what pressing does now."""
        lit = colour or ""
        if button.property("lit") == lit:
            return
        button.setProperty("lit", lit)
        palette = self.palette()
        if colour:
            palette.setColor(QPalette.ColorRole.Button, QColor(colour))
        button.setPalette(palette)
        action = self.actions_by_name[button.property("key")]
        button.setToolTip(tip or action.toolTip())

    def _undo(self) -> None:
        what = self._bridge.run(self._meeting.undo, origin=self)
        if what:
            self.show_info(f"Undone: {what}")

    def _redo(self) -> None:
        what = self._bridge.run(self._meeting.redo, origin=self)
        if what:
            self.show_info(f"Redone: {what}")

    def _select_clicked(self, item: QListWidgetItem) -> None:
        meeting = self._meeting
        session_id = item.data(Qt.ItemDataRole.UserRole)
        if meeting.open_session_id is None and isinstance(session_id, str):
            self._run(lambda: meeting.select_session(session_id))

    def _display_full_screen(self) -> None:
        if self._display is not None:
            self._display.toggle_full_screen()
            self.activateWindow()  # a window manager may give the display the keys

    def _escape(self) -> None:
        if self._help is not None and self._help.isVisible():
            self._help.hide()
        else:
            self._focus_keys()

    def _set_beep(self, on: bool) -> None:
        self.beep_at_time_up = on

    def _set_flash(self, on: bool) -> None:
        if self._display is not None:
            self._display.flash_overtime = on
            self._display.refresh_time()

    # -- help -------------------------------------------------------------------------

    def toggle_help(self) -> None:
        if self._help is None:
            self._help = HelpOverlay(self)
            self._help.hide()
        if self._help.isVisible():
            self._help.hide()
        else:
            self._help.setGeometry(self.rect())
            self._help.show()
            self._help.raise_()

    @property
    def help_overlay(self) -> HelpOverlay | None:
        return self._help

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._help is not None:
            self._help.setGeometry(self.rect())
        self.digits.set_glyph_height(max(round(self.height() * 0.22), 40))

    # -- messages -----------------------------------------------------------------------

    def _on_refused(self, text: str, origin: object) -> None:
        """Show refusals of the chair's own commands (and of nobody's in particular), not
        the secretariat's typing mistakes."""
        if origin is None or origin is self:
            self.show_refusal(text)

    def show_refusal(self, text: str) -> None:
        self._status(text, theme.REFUSAL)

    def show_info(self, text: str) -> None:
        self._status(text, "#d6e4f5")

    def _status(self, text: str, colour: str) -> None:
        palette = self.status_line.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
        self.status_line.setPalette(palette)
        self.status_line.setText(text)
        self.status_line.setToolTip(text)

    def show_banner(self, text: str) -> None:
        """A notice at the top of the console until dismissed (a resumed meeting, a problem)."""
        self._banner_text(self.info_banner).setText(text)
        self.info_banner.show()

    @staticmethod
    def _banner_text(banner: QFrame) -> QLabel:
        label = banner.findChild(QLabel, "text")
        assert isinstance(label, QLabel)
        return label

    def show_journal_failure(self, text: str) -> None:
        self._banner_text(self.journal_banner).setText(text)
        self.journal_banner.show()

    def hide_journal_failure(self) -> None:
        self.journal_banner.hide()
        self.show_info("The journal is written again: nothing was lost.")

    # -- reading the meeting -------------------------------------------------------------

    def refresh(self) -> None:
        """Show the meeting as it is now (after any command).

        Every text is set and the window laid out before the countdown is painted, so the
        window is painted once, in its final layout: the digits repaint at once, and with
        them everything else that changed (see :func:`lay_out_now`).
        """
        self._forecast_due = True
        meeting = self._meeting
        if self.status_line.text() and self.sender() is self._bridge:
            self.status_line.clear()
            self.status_line.setToolTip("")
        agenda = meeting.agenda
        floor = meeting.floor
        if floor is None:
            self.speaker_name.set_full_text("Nobody has the floor")
            self.category_swatch.hide()
            self.category_label.clear()
            self.delegation.set_full_text("Space or N calls the next speaker")
            self.mode.hide()
        else:
            info = floor.info
            category = agenda.category(info.category)
            self.speaker_name.set_full_text(info.name)
            self.category_swatch.set_colour(category.colour)
            self.category_swatch.show()
            self.category_label.setText(category.label)
            self.category_label.setToolTip(category.name)
            self.delegation.set_full_text(delegation_text(info.name, info.delegation, info.group))
            self.mode.setText(mode_text(info.mode))
            self.mode.show()
        waiting = meeting.waiting()
        for index, label in enumerate(self.upcoming):
            if index < len(waiting):
                row = waiting[index]
                speaker = row.info
                category = agenda.category(speaker.category)
                label.set_full_text(
                    numbered(index + 1, speaker_line(speaker.name, speaker.delegation))
                    + f"  ·  {category.label}  ·  {mode_text(speaker.mode)}"
                )
            elif index == 0:
                label.set_full_text(self._empty_list_line())
            else:
                label.set_full_text("")
        # a speaker called and moved on from without a word has not spoken (as in the record)
        heard = sum(1 for info in meeting.spoken() if (meeting.spoken_seconds(info.id) or 0) > 0)
        self.list_state.set_full_text(
            f"List {'open' if meeting.list_open() else 'CLOSED'} · {len(waiting)} waiting"
            f" · {len(meeting.absent())} absent · {heard} spoken"
        )
        undo = meeting.undo_label
        self.buttons["undo"].setToolTip(undo or "Nothing to undo")
        self.buttons["redo"].setToolTip(meeting.redo_label or "Nothing to redo")
        self._light(
            self.buttons["message"],
            theme.MESSAGE_GROUND if meeting.display.message else None,
            "Take the message off the display (M)" if meeting.display.message else None,
        )
        self._light(
            self.buttons["blank"],
            theme.BANNER_GROUND if meeting.display.blank else None,
            "Bring the display back (B)" if meeting.display.blank else None,
        )
        self._refresh_agenda()
        self._refresh_session()
        self._refresh_countdown(digits_last=True)

    def _empty_list_line(self) -> str:
        """What the first line of the list says when nobody waits in this part of the agenda:
        where the speakers wait, if the secretariat keeps the list of a later part (before
        the opening, inscriptions are for the first panel)."""
        meeting = self._meeting
        kept = meeting.list_session_id
        if kept != meeting.current_session_id:
            count = len(meeting.waiting(kept))
            if count:
                title = meeting.agenda.session(kept).title
                # the keys first: a long title is what the line's width cuts; Page Down moves
                # only while no part is open
                # the keys in turn (S closes an open part first), as the agenda's heading names them
                keys = "S, PgDn, S" if meeting.open_session_id else "PgDn, S"
                waits = f"{count} wait{'s' if count == 1 else ''}"
                return f"Empty here · {waits} for a later part ({keys}) · {title}"
        return "The list is empty"

    def _refresh_agenda(self) -> None:
        meeting = self._meeting
        agenda = meeting.agenda
        if self._agenda_shown is not agenda:
            self._agenda_shown = agenda
            self._agenda_marks = None
            self.agenda_list.clear()
            for session in agenda.sessions:
                item = QListWidgetItem()
                item.setData(Qt.ItemDataRole.UserRole, session.id)
                self.agenda_list.addItem(item)
        current = meeting.current_session_id
        marks = (current, meeting.open_session_id)
        if marks != self._agenda_marks:  # else the texts and fonts stand
            self._agenda_marks = marks
            for session, row in zip(agenda.sessions, range(self.agenda_list.count()), strict=True):
                is_current = session.id == current
                is_open = session.id == meeting.open_session_id
                mark = "● OPEN  " if is_open else ("▶ " if is_current else "")
                item = self.agenda_list.item(row)
                item.setText(f"{mark}{time_range(session.start, session.end)}  {session.title}")
                item.setFont(theme.text_font(17, bold=is_current))
        row = next(n for n, session in enumerate(agenda.sessions) if session.id == current)
        if self.agenda_list.currentRow() != row:
            self.agenda_list.setCurrentRow(row)

    def prepare_time(self, at: float) -> None:
        """Lay out the countdown due at the monotonic instant ``at`` (a few ms away)."""
        reading = self._meeting.timer(at)
        if reading is not None:
            self.digits.prepare(countdown_text(reading))

    def refresh_time(self) -> None:
        """Show the time as it is now (called by the ticker when a shown second changes)."""
        self._refresh_countdown()
        self._refresh_session()

    def _refresh_session(self) -> None:
        """The session's clock, its floor time and the forecast."""
        meeting = self._meeting
        agenda = meeting.agenda
        zone = agenda.meeting.zone
        session_id = meeting.current_session_id
        session = agenda.session(session_id)
        clock = meeting.session_clock(session_id)
        self.session_title.set_full_text(session.title)
        schedule = f"Scheduled {time_range(session.start, session.end)}"
        if clock.is_open:
            started = time_of_day(clock.actual_start, zone) if clock.actual_start else ""
            if clock.overrun > 0:
                self.session_clock.setText(f"Open · over by {clock_text(clock.overrun)}")
            else:
                self.session_clock.setText(f"Open · {session_left_text(clock.left)}")
            self.session_schedule.setText(
                f"{schedule} · opened {started} · {clock_text(clock.elapsed)} elapsed"
            )
        elif (closed := clock.closed_at) is not None and clock.actual_start is not None:
            held = f"{time_of_day(clock.actual_start, zone)}{EN_DASH}{time_of_day(closed, zone)}"
            self.session_clock.setText(f"Closed at {time_of_day(closed, zone)} (S reopens it)")
            self.session_schedule.setText(f"{schedule} · held {held}")
        else:
            self.session_clock.setText("Not open (S opens it)")
            self.session_schedule.setText(schedule)
        if clock.floor_budget is not None and clock.floor_left is not None:
            self.floor_left.setText(
                f"Floor: {clock_text(math.ceil(max(clock.floor_left, 0)))} left"
                f" of {clock_text(clock.floor_budget)}"
            )
            if self._forecast_due or self._forecast_moves(session_id):
                self._forecast_due = False
                forecast = meeting.forecast(session_id)
                ends = time_of_day(forecast.list_ends_at, zone)
                if forecast.not_fitting:
                    count = forecast.not_fitting
                    self.forecast.set_full_text(
                        f"List ends {ends}, {count} speaker{'s' if count != 1 else ''} will not fit"
                    )
                else:
                    self.forecast.set_full_text(f"List ends {ends}, everyone fits")
        else:
            self.floor_left.setText("No floor segment in this part")
            self.forecast.set_full_text("")

    def _refresh_countdown(self, *, digits_last: bool = False) -> None:
        """The countdown and its phase: first at every wake, so the digits flip first.

        ``digits_last``: the digits are set after the labels around them and the window's
        layout (after an action, so that the window is painted once).
        """
        meeting = self._meeting
        reading = meeting.timer() if meeting.floor is not None else None
        phase = "blank" if meeting.display.blank else "idle"
        digits = "" if reading is None else countdown_text(reading)
        if reading is not None:
            self._apply_phase(reading.phase)  # the digits' colours before the digits
        if not digits_last:
            self.digits.set_text(digits)
        if reading is None:
            self.phase_label.setText("Display blanked (B)" if meeting.display.blank else "")
            self.limit_label.setText("")
            timer_phase = "idle"
        else:
            timer_phase = reading.phase
            if not meeting.display.blank:
                phase = reading.phase
            mark = phase_mark(reading.phase, reading.warning)
            if meeting.display.blank:
                mark = f"{mark} · BLANKED (B)"  # short: the panel is narrow beside the list
            self.phase_label.setText(mark)
            extension = ""
            if reading.extensions:
                sign = "+" if reading.extensions > 0 else MINUS
                extension = f" ({sign}{clock_text(abs(reading.extensions))} by hand)"
            self.limit_label.setText(
                f"Limit {clock_text(reading.limit)}{extension} · spoken "
                f"{clock_text(reading.spoken)}"
            )
        if reading is None:
            self._apply_phase(timer_phase)
        if digits_last:
            lay_out_now()
            self.digits.set_text(digits)
        self.setProperty("phase", phase)
        if (
            self.beep_at_time_up
            and timer_phase == "time_up"
            and self._last_phase in ("running", "warning")
        ):
            QApplication.beep()
        self._last_phase = timer_phase

    def _forecast_moves(self, session_id: str) -> bool:
        """Whether time alone can move the forecast of a session now.

        While that session's speaker runs within their time, the end of the list (now plus
        what they have left) and who fits stay where they are, so a wake of the ticker need
        not work the forecast out again.
        """
        meeting = self._meeting
        floor = meeting.floor
        if floor is None or floor.info.session_id != session_id:
            return True
        reading = meeting.timer()
        return reading is None or reading.phase not in ("running", "warning")

    def _apply_phase(self, phase: str) -> None:
        if phase == self._applied_phase:
            return
        self._applied_phase = phase
        style = theme.PHASE_STYLES[phase]
        # The labels before their panel: Qt then paints the panel once, with them, instead of
        # painting it whole and then again under each label.
        for label in (self.phase_label, self.limit_label):
            label_palette = label.palette()
            label_palette.setColor(QPalette.ColorRole.WindowText, QColor(style.mark))
            label.setPalette(label_palette)
        palette = self.countdown_panel.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(style.ground))
        palette.setColor(QPalette.ColorRole.WindowText, QColor(style.mark))
        self.countdown_panel.setPalette(palette)
        self.digits.set_colours(style.digits, style.ground)
