"""A hostile environment, through the windows: a disk that fills up or turns read-only while
a speaker talks, the system clock jumping, and a second FloorClock on the same data folder.

The user must be told at once (the red banner on the chair console), timing must go on, what
was written must stay, and the journal must be written again as soon as the disk allows it,
even if nobody presses a key.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from e2e.program import Program
from floorclock.core.clock import FakeClock
from floorclock.store import journal as journal_module
from floorclock.store.agenda_file import bundled_agenda_path
from floorclock.store.journal import Journal, read_journal, write_line
from floorclock.ui import app as app_module
from floorclock.ui.app import FloorClockApp, Options, StartupProblem, start

from .conftest import MEETING_MORNING, start_app

MORNING = MEETING_MORNING
PROGRAM = [sys.executable, "-m", "floorclock"]


class FlakyDisk:
    """The journal's writer, failing with ``error`` while ``broken`` is set."""

    def __init__(self) -> None:
        self.error = errno.ENOSPC
        self.broken = False

    def __call__(self, fd: int, data: bytes) -> None:
        if self.broken:
            os.write(fd, data[: len(data) // 2])  # a line cut off by the failing write
            raise OSError(self.error, os.strerror(self.error))
        write_line(fd, data)


def _start(opened: list[FloorClockApp], data: Path, clock: FakeClock) -> FloorClockApp:
    return start_app(opened, data, clock, windowed=True)


def _on_the_floor(app: FloorClockApp, clock: FakeClock, qtbot: Any) -> None:
    """Session open, three speakers, the first one speaking for 10 s (keys on the chair)."""
    meeting = app.meeting
    app.bridge.run(lambda: meeting.open_session(meeting.list_session_id))
    for name in ("Ms. Amélie Dupont", "Mr. Kwame Mensah", "Dr. Ingrid Halvorsen"):
        app.bridge.run(lambda n=name: meeting.inscribe(n, "states"))
    qtbot.keyClick(app.chair, Qt.Key.Key_Space)  # call the first speaker
    qtbot.keyClick(app.chair, Qt.Key.Key_Space)  # start the timer
    clock.advance(10)
    app.ticker.wake()


def _journal_banner(app: FloorClockApp) -> str:
    if not app.chair.journal_banner.isVisibleTo(app.chair):
        return ""
    return app.chair._banner_text(app.chair.journal_banner).text()


@pytest.mark.parametrize(
    ("error", "words"),
    [(errno.ENOSPC, "the disk is full"), (errno.EROFS, "read-only")],
    ids=["disk-full", "read-only"],
)
def test_a_failing_disk_is_told_at_once_timing_goes_on_and_nothing_is_lost(
    opened: list[FloorClockApp],
    tmp_path: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    error: int,
    words: str,
) -> None:
    disk = FlakyDisk()
    disk.error = error

    class FlakyJournal(Journal):
        def __init__(self, path: Path, **options: Any) -> None:
            super().__init__(path, write=disk, **options)

    monkeypatch.setattr(journal_module, "Journal", FlakyJournal)
    clock = FakeClock(MORNING)
    app = _start(opened, tmp_path, clock)
    _on_the_floor(app, clock, qtbot)
    assert app.display.digits.text() == "1:50"
    path = app.journal.path
    written = path.read_bytes()

    disk.broken = True
    qtbot.keyClick(app.chair, Qt.Key.Key_Plus)  # +30 s: cannot be written
    assert words in _journal_banner(app)  # told at once
    assert "Timing goes on" in _journal_banner(app)
    assert app.display.digits.text() == "2:20"  # the action counts all the same
    clock.advance(20)
    app.ticker.wake()
    assert app.display.digits.text() == "2:00"  # timing goes on
    qtbot.keyClick(app.chair, Qt.Key.Key_Space)  # pause: waits in memory too
    assert app.display.property("phase") == "paused"
    assert len(app.journal.pending) == 2
    assert "2 unsaved changes are kept" in _journal_banner(app)  # the count follows
    assert app.secretariat.journal_banner.isVisibleTo(app.secretariat)  # who frees space
    assert "2 unsaved changes" in app.secretariat.journal_banner.text()
    assert path.read_bytes() == written  # what was written is whole, nothing half-written

    disk.broken = False
    clock.advance(1)
    app.ticker.wake()  # no key pressed: the next tick writes what waited
    assert app.journal.failure is None
    assert _journal_banner(app) == ""
    assert not app.secretariat.journal_banner.isVisibleTo(app.secretariat)
    assert "nothing was lost" in app.chair.status_line.text()
    found = read_journal(path, set_aside=False)
    assert found.problems == ()
    assert list(found.events) == list(app.meeting.events)
    before = app.meeting.snapshot()
    app.close()
    opened.remove(app)
    again = _start(opened, tmp_path, clock)
    assert again.meeting.snapshot() == before


def test_the_system_clock_jumping_does_not_move_a_speakers_timer(
    opened: list[FloorClockApp], tmp_path: Path, qtbot: Any
) -> None:
    clock = FakeClock(MORNING)
    app = _start(opened, tmp_path, clock)
    _on_the_floor(app, clock, qtbot)
    seen = (app.display.digits.text(), app.chair.digits.text())
    assert seen == ("1:50", "1:50")
    session_clock = app.chair.session_clock.text()
    for jump in (3600, -7200, 3600):
        clock.jump_wall(jump)
        app.ticker.wake()
        assert (app.display.digits.text(), app.chair.digits.text()) == seen
        assert app.chair.session_clock.text() == session_clock
    clock.advance(1)
    app.ticker.wake()
    assert app.display.digits.text() == "1:49"


# -- a real, small disk -------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 256 KB tmpfs (root only, where mounting is allowed); skipped elsewhere."""
    mount = tmp_path / "small"
    mount.mkdir()
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(folder: Path) -> Path:
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o644)
    reason = None
    try:
        while True:
            os.write(fd, b"\0" * 512)
    except OSError as error:
        reason = error.errno
    finally:
        os.close(fd)
    assert reason == errno.ENOSPC
    return filler


def test_a_real_small_disk_filling_up_while_a_speaker_talks(
    opened: list[FloorClockApp], small_disk: Path, qtbot: Any
) -> None:
    clock = FakeClock(MORNING)
    app = _start(opened, small_disk, clock)
    _on_the_floor(app, clock, qtbot)
    path = app.journal.path

    filler = _fill(small_disk)
    # The journal's last page of the disk may still hold a few lines: extend until one does
    # not fit, and the chair must be told at that very key.
    presses = 0
    while not app.journal.pending and presses < 40:
        qtbot.keyClick(app.chair, Qt.Key.Key_Plus)
        presses += 1
    assert app.journal.pending
    assert "the disk is full" in _journal_banner(app)
    shown = app.display.digits.text()
    clock.advance(5)
    app.ticker.wake()
    assert app.display.digits.text() != shown  # timing goes on
    filler.unlink()
    clock.advance(1)
    app.ticker.wake()
    assert _journal_banner(app) == ""
    assert list(read_journal(path, set_aside=False).events) == list(app.meeting.events)
    # (a tmpfs cannot be remounted read-only while the journal is open for writing, so the
    # read-only case is the injected EROFS above)


# -- one FloorClock per data folder -------------------------------------------------------


def _other_agenda(tmp_path: Path) -> Path:
    text = bundled_agenda_path().read_text(encoding="utf-8")
    other = tmp_path / "rehearsal.yaml"
    other.write_text(text.replace("title: ", "title: Rehearsal of the ", 1), encoding="utf-8")
    return other


def test_a_second_floorclock_with_another_agenda_on_the_same_folder_is_refused(
    opened: list[FloorClockApp], tmp_path: Path
) -> None:
    _start(opened, tmp_path / "data", FakeClock(MORNING))
    other = Options(agenda=_other_agenda(tmp_path), data_dir=tmp_path / "data")
    with pytest.raises(StartupProblem) as refused:
        start(other, FakeClock(MORNING), show=False)
    assert refused.value.exit_code == 3
    assert f"Another FloorClock is already running from the data folder {tmp_path / 'data'}" in (
        str(refused.value)
    )
    assert len(list((tmp_path / "data" / "meetings").glob("*.jsonl"))) == 1  # nothing written


def test_two_real_floorclocks_on_one_folder_the_second_refuses(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = Program(data)
    try:
        first.wait_ready()
        second = subprocess.run(
            [*PROGRAM, str(_other_agenda(tmp_path)), "--data-dir", str(data), "--windowed"],
            capture_output=True,
            text=True,
            timeout=60,
            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
            check=False,
        )
        assert second.returncode == 3
        assert "Another FloorClock is already running from the data folder" in second.stderr
        assert "Traceback" not in second.stderr
        assert first.ask("inscribe Ms. Still Here|states").startswith("ack ")
        assert first.quit() == 0
    finally:
        first.close()
    # once the first has closed, the folder is free again
    again = Program(data)
    try:
        again.wait_ready()
        assert again.state()["snapshot"]["speakers"]
        assert again.quit() == 0
    finally:
        again.close()


def test_closing_with_unsaved_changes_asks_first(
    opened: list[FloorClockApp],
    tmp_path: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    disk = FlakyDisk()
    disk.error = errno.ENOSPC

    class FlakyJournal(Journal):
        def __init__(self, path: Path, **options: Any) -> None:
            super().__init__(path, write=disk, **options)

    monkeypatch.setattr(journal_module, "Journal", FlakyJournal)
    app = _start(opened, tmp_path, FakeClock(MORNING))
    app_module._quit_with(app)  # what run() installs
    asked: list[int] = []
    answer = {"discard": False}

    def confirm(parent: Any, waiting: int) -> bool:
        asked.append(waiting)
        return answer["discard"]

    monkeypatch.setattr(app_module, "confirm_close_losing", confirm)
    disk.broken = True
    qtbot.keyClick(app.chair, Qt.Key.Key_S)  # open the session: cannot be written

    assert not app.chair.close()  # the chair said no: FloorClock stays open
    assert asked == [1]
    assert app.chair.isVisible()

    disk.broken = False
    app.ticker.wake()  # written now: closing needs no question
    assert app.chair.close()
    assert asked == [1]
