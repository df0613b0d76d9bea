"""Start FloorClock: the agenda, the journal, the meeting, and the three windows.

``run(args)`` is what ``floorclock [AGENDA] [--data-dir DIR] [--display-screen N] [--windowed]``
calls. It takes the data folder's lock (a second FloorClock on the same data folder is refused
with a clear message, whatever its agenda), loads the agenda, resumes the meeting from its
journal if there is one (and says so, with whatever had to be skipped), else starts a new one;
every event goes to the journal before it counts, and a journal that cannot be written shows a
banner on the chair and secretariat consoles while the meeting goes on.

Only what start-up needs is imported here; the rest of the program is imported when used.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence

    from PySide6.QtWidgets import QWidget

    from floorclock.core.agenda import Agenda
    from floorclock.core.clock import Clock
    from floorclock.core.events import Event
    from floorclock.core.meeting import Meeting
    from floorclock.store.journal import Journal
    from floorclock.store.lock import DataFolderLock
    from floorclock.ui.bridge import MeetingBridge
    from floorclock.ui.chair import ChairConsole
    from floorclock.ui.display import RoomDisplay
    from floorclock.ui.screens import ScreenPlacer
    from floorclock.ui.secretariat import SecretariatWindow
    from floorclock.ui.ticker import Ticker


class StartupProblem(Exception):
    """FloorClock cannot start; ``str()`` is for the user, ``exit_code`` for the shell."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@dataclass(frozen=True)
class Options:
    """What the command line asked for."""

    agenda: Path | None = None
    data_dir: Path | None = None
    display_screen: int | None = None
    windowed: bool = False

    @classmethod
    def from_args(cls, args: Any) -> Options:
        return cls(
            agenda=getattr(args, "agenda", None),
            data_dir=getattr(args, "data_dir", None),
            display_screen=getattr(args, "display_screen", None),
            windowed=bool(getattr(args, "windowed", False)),
        )


@dataclass
class FloorClockApp:
    """Everything one running FloorClock holds; :meth:`close` lets go of it all."""

    journal: Journal
    meeting: Meeting
    bridge: MeetingBridge
    ticker: Ticker
    display: RoomDisplay
    chair: ChairConsole
    secretariat: SecretariatWindow
    placer: ScreenPlacer
    data_dir: Path
    notes: list[str] = field(default_factory=list)
    """What the user was told at start-up (resumed, skipped lines, settings set aside)."""
    folder_lock: DataFolderLock | None = None
    """The data folder's lock, held until :meth:`close`."""

    def windows(self) -> list[QWidget]:
        return [self.chair, self.display, self.secretariat]

    def close(self) -> None:
        self.ticker.stop()
        for window in self.windows():
            window.close()
        self.bridge.close()
        self.journal.close()
        if self.folder_lock is not None:
            self.folder_lock.release()


@dataclass
class OpenMeeting:
    """A meeting resumed or begun, before any window: what :func:`open_meeting` gives."""

    journal: Journal
    meeting: Meeting
    data_dir: Path
    folder_lock: DataFolderLock
    notes: list[str]
    """What the user is to be told (resumed, skipped lines...)."""


def start(options: Options, clock: Clock | None = None, *, show: bool = True) -> FloorClockApp:
    """Open the meeting and its windows (a QApplication must exist).

    Raises:
        StartupProblem: the data folder or the agenda cannot be used, another FloorClock
            uses the data folder, or the journal cannot be resumed.
    """
    return show_meeting(open_meeting(options, clock), options, show=show)


def open_meeting(options: Options, clock: Clock | None = None) -> OpenMeeting:
    """Take the data folder, read the agenda and resume or begin its meeting; no Qt needed.

    Raises:
        StartupProblem: the data folder or the agenda cannot be used, another FloorClock
            uses the data folder, or the journal cannot be resumed.
    """
    from floorclock.core.clock import SystemClock
    from floorclock.core.meeting import Meeting
    from floorclock.store.agenda_cache import load_agenda
    from floorclock.store.agenda_error import AgendaError
    from floorclock.store.journal import Journal
    from floorclock.store.lock import DataFolderInUse, DataFolderLock
    from floorclock.store.machine import boot_id
    from floorclock.store.paths import bundled_agenda_path, data_dir, journal_path, recent_journal

    clock = clock if clock is not None else SystemClock(boot=boot_id())
    try:
        folder = data_dir(options.data_dir)
    except OSError as error:
        raise StartupProblem(
            f"The data folder {options.data_dir} cannot be used ({error.strerror or error}). "
            "Choose another with --data-dir.",
            2,
        ) from None
    try:  # one FloorClock per data folder, whatever its agenda: before anything is read
        folder_lock = DataFolderLock(folder)
    except DataFolderInUse as in_use:
        raise StartupProblem(str(in_use), 3) from None
    agenda_file = options.agenda if options.agenda is not None else bundled_agenda_path()
    try:
        agenda = load_agenda(agenda_file)
    except AgendaError as error:
        folder_lock.release()
        raise StartupProblem(f"The agenda {agenda_file} cannot be used:\n{error}", 2) from None

    now = clock.now()
    today = now.astimezone(agenda.meeting.zone).date()
    recent = recent_journal(folder, agenda, now=now.timestamp())
    journal = Journal(recent or journal_path(folder, agenda, today))
    notes: list[str] = []

    try:
        found = journal.load()
        events = _with_agenda_first(found.events, agenda, journal, notes, agenda_file)
        # Each event is written as it is made; the action's lines are synced once, at its end.
        write = partial(journal.append, sync=False)
        if events:
            meeting = Meeting.replay(events, clock, on_event=write, on_action_end=journal.sync)
            notes.append(_resumed(events, meeting, agenda))
        else:
            meeting = Meeting(agenda, clock, on_event=write, on_action_end=journal.sync)
        report = found.report()
        if report:
            notes.append(report)
        settle_memory()
    except Exception as error:  # a journal FloorClock cannot replay: never a traceback
        journal.close()
        folder_lock.release()
        raise StartupProblem(
            f"The meeting journal {journal.path} could not be resumed ({error}). Move it out "
            "of the way to start afresh, or start with --data-dir and another folder.",
            4,
        ) from error

    return OpenMeeting(journal, meeting, folder, folder_lock, notes)


def show_meeting(opened: OpenMeeting, options: Options, *, show: bool = True) -> FloorClockApp:
    """Build the three windows on an open meeting and start the ticker (a QApplication must
    exist); with ``show``, place them on their screens."""
    from PySide6.QtWidgets import QApplication

    from floorclock.ui import theme
    from floorclock.ui.bridge import MeetingBridge
    from floorclock.ui.chair import ChairConsole
    from floorclock.ui.display import RoomDisplay
    from floorclock.ui.screens import ScreenPlacer
    from floorclock.ui.secretariat import SecretariatWindow
    from floorclock.ui.ticker import Ticker

    # The windows set the dark palette on themselves; windows of their own that they open
    # (the delegation suggestions, a dialog without a parent) take the application's.
    QApplication.setPalette(theme.dark_palette())
    journal, meeting, folder, notes = opened.journal, opened.meeting, opened.data_dir, opened.notes
    bridge = MeetingBridge(meeting)
    journal.on_failure = bridge.journal_failed.emit
    journal.on_recovered = bridge.journal_recovered.emit
    ticker = Ticker(bridge)
    ticker.tick.connect(lambda: _retry_journal(journal))
    display = RoomDisplay(bridge, ticker)
    chair = ChairConsole(bridge, ticker, display)
    secretariat = SecretariatWindow(bridge, folder)
    ticker.tick.connect(secretariat.model.follow_time)
    placer = ScreenPlacer(
        display,
        chair,
        secretariat,
        folder,
        requested=options.display_screen,
        windowed=options.windowed,
    )
    if placer.problem:
        notes.append(placer.problem)
    if options.display_screen is not None:
        count = len(_screens())
        if options.display_screen >= count:
            notes.append(
                f"There is no screen {options.display_screen} (screens 0 to {count - 1} are "
                "connected); the display went to the last screen."
            )
    if notes:
        chair.show_banner("\n".join(notes))
    if journal.failure:
        chair.show_journal_failure(journal.failure)
    if show:
        placer.place_all()
        chair.activateWindow()
    ticker.start()
    return FloorClockApp(
        journal,
        meeting,
        bridge,
        ticker,
        display,
        chair,
        secretariat,
        placer,
        folder,
        notes,
        opened.folder_lock,
    )


def _retry_journal(journal: Journal) -> None:
    """While events wait in memory, try again at every tick, not only at the next action:
    a speaker may talk for minutes without a key being pressed."""
    if journal.failure is not None:
        journal.retry()


def _screens() -> list[Any]:
    from floorclock.ui.screens import ordered_screens

    return ordered_screens()


def _with_agenda_first(
    events: Sequence[Event], agenda: Agenda, journal: Journal, notes: list[str], source: Path
) -> Sequence[Event]:
    """The loaded events, led by an agenda even when a damaged journal lost its first line.

    A meeting cannot be replayed without its agenda. When the line holding it was damaged
    (the original file is already set aside), the meeting goes on with the agenda file given
    now, the journal is written again with it first, and the chair is told.
    """
    from floorclock.core.agenda import agenda_to_data
    from floorclock.core.events import AgendaLoaded, renumbered

    if not events or isinstance(events[0], AgendaLoaded):
        return events
    first = AgendaLoaded(seq=1, action=1, at=events[0].at, agenda=agenda_to_data(agenda))
    rebuilt: list[Event] = [first]
    rebuilt += [renumbered(e, n) for n, e in enumerate(events, start=2)]
    journal.rewrite(rebuilt)
    notes.append(
        "The meeting's agenda could not be read from its journal (the first line was "
        f"damaged); the meeting goes on with the agenda in {source}."
    )
    return rebuilt


def _resumed(events: Any, meeting: Meeting, agenda: Any) -> str:
    zone = meeting.agenda.meeting.zone
    last = events[-1].at.astimezone(zone)
    count = len(events)
    text = (
        f"Resumed the meeting from its journal: {count} event{'s' if count != 1 else ''}, "
        f"the last at {last:%H:%M:%S} on {last:%d %b %Y}."
    )
    if meeting.floor is not None:
        # in the past tense: the banner stays up after the floor has passed to others
        text += f" When FloorClock stopped, {meeting.floor.info.name} had the floor."
        reading = meeting.timer()
        if reading is not None and reading.running:
            # a speaker goes on speaking while the laptop restarts, so the timer does too
            text += (
                " Their timer ran on while FloorClock was stopped: if they stopped speaking,"
                " pause it (Space) and give the time back (+)."
            )
    if meeting.agenda != agenda:
        text += (
            " The agenda file has changed since the meeting began; the meeting goes on with "
            "the agenda it started with."
        )
    return text


def settle_memory() -> None:
    """Once the meeting is loaded, set what exists aside from garbage collection.

    Everything made so far (the agenda, every event of a resumed journal, the state) lives as
    long as the program. Frozen, the collector's full passes no longer walk through it, so
    they stay short instead of pausing a key press for several milliseconds on a long
    meeting (see docs/performance.md).
    """
    import gc

    gc.freeze()


def tell_user(message: str) -> None:
    """Say why FloorClock cannot start: on the terminal, and in a dialog."""
    print(message, file=sys.stderr)
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.platformName() in ("offscreen", "minimal"):
        return
    box = QMessageBox(QMessageBox.Icon.Critical, "FloorClock cannot start", message)
    box.exec()


def run(args: Any) -> int:
    """Run FloorClock until its windows are closed; the exit status for the shell."""
    from floorclock.core.collector import collector_paused

    # Start-up makes tens of thousands of objects that live as long as the program (modules,
    # models, Qt types, the meeting) and hardly any garbage: the collector's hundred passes
    # over them took about 20 ms. What exists when the meeting is loaded is then frozen
    # (settle_memory); the windows' garbage is collected once the collector runs again.
    with collector_paused():
        options = Options.from_args(args)
        # The meeting is opened before PySide6 is imported: once imported, PySide6 hooks every
        # later import and reads each new module's source, which made the modules of pydantic
        # and YAML (needed when the agenda is checked or a journal resumed) about 0.1 s slower
        # to import (see docs/performance.md).
        problem: StartupProblem | None = None
        try:
            opened = open_meeting(options)
        except StartupProblem as refused:
            problem = refused
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        if not isinstance(app, QApplication):
            app = QApplication(sys.argv[:1])
        app.setApplicationName("FloorClock")
        app.setApplicationDisplayName("FloorClock")
        if problem is not None:
            tell_user(str(problem))
            return problem.exit_code
        running = show_meeting(opened, options)
    app.setQuitOnLastWindowClosed(False)
    _quit_with(running)
    if os.environ.get("FLOORCLOCK_DRIVER") == "stdin":  # test-only control, see ui/driver.py
        from floorclock.ui.driver import attach

        attach(running)  # lives as long as the chair console, its parent
    try:
        return app.exec()
    finally:
        running.close()


def _quit_with(running: FloorClockApp) -> None:
    """Closing the chair console ends the program (the other windows follow).

    While the journal cannot be written, the events waiting in memory would be lost with the
    program: the chair is asked first, and keeps FloorClock open unless they say otherwise.
    """
    from PySide6.QtCore import QCoreApplication, QEvent, QObject

    class _Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Close and watched is running.chair:
                waiting = len(running.journal.pending)
                if waiting and not confirm_close_losing(running.chair, waiting):
                    event.ignore()
                    return True
                QCoreApplication.quit()
            return False

    watch = _Watch(running.chair)
    running.chair.installEventFilter(watch)


def confirm_close_losing(parent: QWidget, waiting: int) -> bool:
    """Ask whether to close although ``waiting`` changes are not on disk yet (default: no)."""
    from PySide6.QtWidgets import QMessageBox

    changes = f"{waiting} change{'s' if waiting != 1 else ''}"
    answer = QMessageBox.warning(
        parent,
        "Changes not saved",
        f"{changes} of the meeting could not be written to disk yet (see the red banner) and "
        "would be lost if FloorClock closes now.\n\nFree some space or fix the folder, and "
        "wait for the banner to go, before closing.",
        QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Discard,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Discard
