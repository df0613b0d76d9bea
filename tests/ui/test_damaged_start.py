"""The real start-up (``app.start``) on damaged journals: it loads what it can, keeps the
original untouched, tells the chair what it skipped, and keeps working.

The store's own tests (``tests/store/test_journal_file.py``) check the reading; these check
the whole program: the banner, the file set aside, the meeting resumed, an action after
start-up journaled, and that action still there at the start after that.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from floorclock.core.clock import FakeClock
from floorclock.store import journal as journal_module
from floorclock.store.journal import CORRUPT_MARK, read_journal
from floorclock.ui.app import FloorClockApp

from .conftest import MEETING_MORNING, start_app

MORNING = MEETING_MORNING
NAMES = ["Ms. Amélie Dupont", "Mr. Kwame Mensah", "Dr. Ingrid Halvorsen", "Ms. Lindiwe Dlamini"]


def _start(opened: list[FloorClockApp], data: Path) -> FloorClockApp:
    return start_app(opened, data, FakeClock(MORNING), show=False)


def _stop(opened: list[FloorClockApp], app: FloorClockApp) -> None:
    app.close()
    opened.remove(app)


def _waiting(app: FloorClockApp) -> list[str]:
    return [row.info.name for row in app.meeting.waiting(app.meeting.list_session_id)]


def _banner(app: FloorClockApp) -> str:
    return app.chair._banner_text(app.chair.info_banner).text()


def _lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


# Each damage takes the journal (agenda line, then one line per inscription of NAMES) and
# returns what a reader should still find of NAMES, and words the chair must be told.
Damage = Callable[[Path], tuple[list[str], str]]


def torn_last_line(path: Path) -> tuple[list[str], str]:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 30])
    return NAMES[:-1], "cut off"


def random_bytes_in_the_middle(path: Path) -> tuple[list[str], str]:
    lines = _lines(path)
    line = bytearray(lines[2])
    line[10:30] = os.urandom(20).replace(b"\n", b"?")
    lines[2] = bytes(line)
    path.write_bytes(b"".join(lines))
    return [NAMES[0], *NAMES[2:]], "Line 3 could not be read"


def duplicated_line(path: Path) -> tuple[list[str], str]:
    lines = _lines(path)
    lines.insert(2, lines[1])
    path.write_bytes(b"".join(lines))
    return NAMES, "duplicated line"


def newer_version(path: Path) -> tuple[list[str], str]:
    lines = _lines(path)
    lines.insert(3, b'{"v": 2, "seq": 4, "action": 4, "type": "speaker_teleported"}\n')
    path.write_bytes(b"".join(lines))
    return NAMES[:2], "newer FloorClock"


def empty_file(path: Path) -> tuple[list[str], str]:
    path.write_bytes(b"")
    return [], "empty"


def a_folder(path: Path) -> tuple[list[str], str]:
    path.unlink()
    path.mkdir()
    (path / "keep.txt").write_text("keep me", encoding="utf-8")
    return [], "is a folder"


def numbers_jump(path: Path) -> tuple[list[str], str]:
    lines = _lines(path)
    del lines[2]
    path.write_bytes(b"".join(lines))
    return [NAMES[0], *NAMES[2:]], "numbers jump"


def agenda_line_damaged(path: Path) -> tuple[list[str], str]:
    lines = _lines(path)
    lines[0] = lines[0][:100] + b"\x00\xff" + lines[0][102:]
    path.write_bytes(b"".join(lines))
    return NAMES, "Line 1 could not be read"


DAMAGES: list[Damage] = [
    torn_last_line,
    random_bytes_in_the_middle,
    duplicated_line,
    newer_version,
    empty_file,
    a_folder,
    numbers_jump,
    agenda_line_damaged,
]


@pytest.mark.parametrize("damage", DAMAGES, ids=[d.__name__ for d in DAMAGES])
def test_a_damaged_journal_is_resumed_set_aside_reported_and_the_meeting_goes_on(
    opened: list[FloorClockApp], tmp_path: Path, damage: Damage
) -> None:
    first = _start(opened, tmp_path)
    for name in NAMES:
        first.bridge.run(lambda n=name: first.meeting.inscribe(n, "states"))
    path = first.journal.path
    _stop(opened, first)

    expected, words = damage(path)
    original = path.read_bytes() if path.is_file() else None

    second = _start(opened, tmp_path)
    assert _waiting(second) == expected
    banner = _banner(second)
    assert second.chair.info_banner.isVisibleTo(second.chair)
    assert words in banner
    assert "damaged" in banner or "folder" in banner
    [aside] = sorted(path.parent.glob(f"{path.name}{CORRUPT_MARK}*"))
    assert aside.name in banner
    if original is not None:
        assert aside.read_bytes() == original  # kept byte for byte
    else:
        assert (aside / "keep.txt").read_text(encoding="utf-8") == "keep me"

    # the meeting goes on: an action after start-up is journaled ...
    second.bridge.run(lambda: second.meeting.inscribe("Mr. After The Damage", "states"))
    assert second.journal.failure is None
    _stop(opened, second)
    found = read_journal(path, set_aside=False)
    assert found.problems == ()

    # ... and is still there at the next start, with nothing more set aside
    third = _start(opened, tmp_path)
    assert _waiting(third) == [*expected, "Mr. After The Damage"]
    assert not any("damaged" in note for note in third.notes)
    assert len(list(path.parent.glob(f"{path.name}{CORRUPT_MARK}*"))) == 1
    if original is not None:
        assert aside.read_bytes() == original


def test_an_unreadable_journal_is_moved_aside_and_a_new_meeting_starts(
    opened: list[FloorClockApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _start(opened, tmp_path)
    first.bridge.run(lambda: first.meeting.inscribe(NAMES[0], "states"))
    path = first.journal.path
    _stop(opened, first)
    original = path.read_bytes()

    def refuse(file: Path) -> bytes:
        raise PermissionError(errno.EACCES, "Permission denied", str(file))

    monkeypatch.setattr(journal_module, "_read_bytes", refuse)
    second = _start(opened, tmp_path)
    monkeypatch.undo()
    assert "not allowed to read" in _banner(second)
    [aside] = sorted(path.parent.glob(f"{path.name}{CORRUPT_MARK}*"))
    assert aside.read_bytes() == original
    assert aside.name in _banner(second)
    second.bridge.run(lambda: second.meeting.inscribe("Mr. After The Damage", "states"))
    _stop(opened, second)
    third = _start(opened, tmp_path)
    assert _waiting(third) == ["Mr. After The Damage"]
