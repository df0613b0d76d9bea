"""Which window goes on which screen, and remembering the room display's screen.

Screens are numbered from 0: the primary screen first, then the others from left to right
(:func:`ordered_screens`). With two or more screens the room display goes full screen on the
chosen screen (the ``--display-screen`` option, else the one remembered from last time, else
the last screen)
and the consoles go on the others: the chair console on the first screen that is not the
display's, the secretariat console on the next one if there is one, else beside the chair.
With one screen, everything opens as normal windows (F11 puts the display in full screen).

A screen unplugged while running never takes a window with it: the display moves to a screen
that exists (full screen only if it does not cover the consoles' only screen). A screen that
comes back, or a new one, gets the display again when it is the remembered one (or when the
display had to share the consoles' screen).

The choice is kept in ``settings.json`` in the data folder, written atomically, with a
``schema_version``; a file that cannot be read is set aside and defaults are used.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QObject, QRect
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

SETTINGS_FILE = "settings.json"
SCHEMA_VERSION = 1


@dataclass
class ScreenChoice:
    """The room display's screen as last chosen: its name, and its position as a fallback."""

    display_screen: str | None = None
    display_index: int | None = None

    def to_json(self) -> str:
        return json.dumps(
            {
                "schema_version": SCHEMA_VERSION,
                "display_screen": self.display_screen,
                "display_index": self.display_index,
            },
            indent=2,
        )


def settings_path(data_dir: Path) -> Path:
    return data_dir / SETTINGS_FILE


def load_choice(data_dir: Path) -> tuple[ScreenChoice, str | None]:
    """The remembered choice, and a sentence for the user if the file had to be set aside."""
    path = settings_path(data_dir)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ScreenChoice(), None
    except OSError as error:
        return ScreenChoice(), f"The screen settings {path} could not be read ({error.strerror})."
    try:
        data = json.loads(raw)
        if not isinstance(data, dict) or data.get("schema_version") != SCHEMA_VERSION:
            raise ValueError("unknown layout")
        name = data.get("display_screen")
        index = data.get("display_index")
        return (
            ScreenChoice(
                name if isinstance(name, str) else None,
                index if isinstance(index, int) and not isinstance(index, bool) else None,
            ),
            None,
        )
    except ValueError:
        aside = path.with_name(f"{path.name}.corrupt-{datetime.now(UTC):%Y%m%dT%H%M%SZ}")
        try:
            path.rename(aside)
        except OSError:
            return ScreenChoice(), f"The screen settings {path} are damaged; defaults are used."
        return (
            ScreenChoice(),
            f"The screen settings were damaged and kept as {aside.name}; defaults are used.",
        )


def save_choice(data_dir: Path, choice: ScreenChoice) -> str | None:
    """Write the choice atomically; a sentence for the user if it could not be written."""
    from floorclock.store.atomic import write_atomic

    try:
        write_atomic(settings_path(data_dir), choice.to_json() + "\n")
    except OSError as error:
        return f"The screen choice could not be saved ({error.strerror or error})."
    return None


def ordered_screens() -> list[QScreen]:
    """The screens as FloorClock numbers them: the primary screen first (where the system
    puts its menus and dialogs: the consoles' screen), then the others from left to right."""
    primary = QGuiApplication.primaryScreen()
    others = sorted(
        (s for s in QGuiApplication.screens() if s is not primary),
        key=lambda s: (s.geometry().x(), s.geometry().y()),
    )
    return ([primary] if primary is not None else []) + others


def pick_display_screen(names: list[str], requested: int | None, choice: ScreenChoice) -> int:
    """Index of the screen for the room display among ``names`` (at least one)."""
    if requested is not None and 0 <= requested < len(names):
        return requested
    if choice.display_screen is not None and choice.display_screen in names:
        return names.index(choice.display_screen)
    if choice.display_index is not None and 0 <= choice.display_index < len(names):
        return choice.display_index
    return len(names) - 1


def console_screens(count: int, display_index: int) -> tuple[int, int]:
    """Indexes of the screens for the chair and the secretariat consoles."""
    others = [index for index in range(count) if index != display_index] or [display_index]
    chair = others[0]
    secretariat = others[1] if len(others) > 1 else chair
    return chair, secretariat


class ScreenPlacer(QObject):
    """Places the windows on the screens at start-up and whenever screens come and go."""

    def __init__(
        self,
        display: QWidget,
        chair: QWidget,
        secretariat: QWidget | None,
        data_dir: Path,
        *,
        requested: int | None = None,
        windowed: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.display = display
        self.chair = chair
        self.secretariat = secretariat
        self.data_dir = data_dir
        self.requested = requested
        self.windowed = windowed
        self.choice, self.problem = load_choice(data_dir)
        self._placing = False
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        self._app = app
        app.screenAdded.connect(self.screen_added)
        app.screenRemoved.connect(self.screen_removed)

    # -- start-up ---------------------------------------------------------------------

    def place_all(self) -> None:
        """Place and show the three windows."""
        screens = self._screens()
        index = pick_display_screen([s.name() for s in screens], self.requested, self.choice)
        chair_index, secretariat_index = console_screens(len(screens), index)
        self._place_console(self.chair, screens[chair_index], left=True, alone=chair_index != index)
        if self.secretariat is not None:
            alone = secretariat_index not in (index, chair_index)
            self._place_console(
                self.secretariat, screens[secretariat_index], left=False, alone=alone
            )
        self._place_display(screens, index)
        if self.requested is not None:
            self._remember(screens[index], index)
        self._watch_display()

    def _place_console(self, window: QWidget, screen: QScreen, *, left: bool, alone: bool) -> None:
        area = screen.availableGeometry()
        if alone:
            window.setGeometry(area)
            window.showMaximized()
            return
        # Sharing a screen: side by side, chair on the left, each at least as wide as it needs.
        width = min(area.width(), max(area.width() // 2, window.minimumSizeHint().width()))
        x = area.left() if left else area.right() - width + 1
        window.setGeometry(QRect(x, area.top(), width, area.height()))
        window.show()

    def _place_display(self, screens: list[QScreen], index: int) -> None:
        """The display on screens[index]: full screen unless it would cover the consoles."""
        self._placing = True
        try:
            screen = screens[index]
            shares = len(screens) == 1
            if self.windowed or shares:
                area = screen.availableGeometry()
                width, height = area.width() // 3, area.height() // 3
                if self.display.isFullScreen():
                    self.display.showNormal()
                self.display.setGeometry(
                    QRect(area.right() - width + 1, area.bottom() - height + 1, width, height)
                )
                self._move_handle(screen)
                self.display.show()
            else:
                if self.display.isFullScreen():
                    self.display.showNormal()
                self.display.setGeometry(screen.geometry())
                self._move_handle(screen)
                self.display.showFullScreen()
        finally:
            self._placing = False

    def _move_handle(self, screen: QScreen) -> None:
        handle = self.display.windowHandle()
        if handle is not None and handle.screen() is not screen:
            handle.setScreen(screen)

    def _screens(self, without: QScreen | None = None) -> list[QScreen]:
        screens = [s for s in ordered_screens() if s is not without]
        if not screens:
            primary = self._app.primaryScreen()
            screens = [primary] if primary is not None else []
        return screens

    # -- remembering -----------------------------------------------------------------------

    def _watch_display(self) -> None:
        handle = self.display.windowHandle()
        if handle is not None:
            handle.screenChanged.connect(self._display_moved)

    def _display_moved(self, screen: QScreen | None) -> None:
        """The operator dragged the display to another screen: remember it."""
        if self._placing or screen is None:
            return
        screens = self._screens()
        if screen in screens and len(screens) > 1:
            self._remember(screen, screens.index(screen))

    def _remember(self, screen: QScreen, index: int) -> None:
        choice = ScreenChoice(screen.name(), index)
        if choice != self.choice:
            self.choice = choice
            self.problem = save_choice(self.data_dir, choice) or self.problem

    # -- screens coming and going -----------------------------------------------------------

    def screen_removed(self, screen: QScreen) -> None:
        screens = self._screens(without=screen)
        if not screens:
            return
        index = pick_display_screen([s.name() for s in screens], None, self.choice)
        self._place_display(screens, index)
        for window in (self.chair, self.secretariat):
            if window is not None and window.screen() is screen:
                target = screens[console_screens(len(screens), index)[0]]
                window.setGeometry(target.availableGeometry())

    def screen_added(self, screen: QScreen) -> None:
        screens = self._screens()
        index = pick_display_screen([s.name() for s in screens], None, self.choice)
        self._place_display(screens, index)
