"""The journal on disk: round trip across processes, fsync per event or per action, damaged
files, the lock, and a failing disk (a failed write or a failed fsync)."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from journal_builders import sample_events

from floorclock.core.events import Event, event_to_json
from floorclock.store import journal as journal_module
from floorclock.store.journal import (
    CORRUPT_MARK,
    Journal,
    journal_lines,
    read_journal,
    set_aside_copy,
    write_line,
)


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "meetings" / "2023-08-28-expert-meeting.jsonl"


def _asides(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}{CORRUPT_MARK}*"))


def _run(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


# -- round trip -------------------------------------------------------------------------


def test_events_written_by_one_process_are_read_equal_by_another(
    journal_path: Path, tmp_path: Path
) -> None:
    events = sample_events(30)
    source = tmp_path / "events.txt"
    source.write_text(journal_lines(events), encoding="utf-8")
    writer = """
        import sys
        from pathlib import Path
        from floorclock.core.events import parse_event
        from floorclock.store.journal import Journal

        with Journal(Path(sys.argv[2])) as journal:
            journal.load()
            for line in Path(sys.argv[1]).read_text(encoding="utf-8").splitlines():
                assert journal.append(parse_event(line))
    """
    written = _run(writer, str(source), str(journal_path))
    assert written.returncode == 0, written.stderr

    reader = """
        import sys
        from pathlib import Path
        from floorclock.store.journal import journal_lines, read_journal

        found = read_journal(Path(sys.argv[1]))
        assert not found.problems, found.problems
        sys.stdout.write(journal_lines(found.events))
    """
    read = _run(reader, str(journal_path))
    assert read.returncode == 0, read.stderr
    assert read.stdout == journal_lines(events)
    assert list(read_journal(journal_path).events) == events


def test_a_missing_journal_is_a_new_meeting(journal_path: Path) -> None:
    found = read_journal(journal_path)
    assert found.events == ()
    assert found.problems == ()
    assert found.report() is None


def test_each_event_is_written_then_fsynced(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[str, int]] = []
    real_write, real_fsync = os.write, os.fsync

    def spy_write(fd: int, data: bytes) -> int:
        calls.append(("write", fd))
        return real_write(fd, data)

    def spy_fsync(fd: int) -> None:
        calls.append(("fsync", fd))
        real_fsync(fd)

    events = sample_events(5)
    with Journal(journal_path) as journal:
        journal.load()
        monkeypatch.setattr(os, "write", spy_write)
        monkeypatch.setattr(os, "fsync", spy_fsync)
        journal.append(events[0])  # opens (and creates) the file
        journal_fd = next(fd for kind, fd in calls if kind == "write")
        assert ("fsync", journal_fd) in calls
        calls.clear()
        for event in events[1:]:
            journal.append(event)
            assert calls[-2:] == [("write", journal_fd), ("fsync", journal_fd)]
        monkeypatch.undo()
    assert calls == [("write", journal_fd), ("fsync", journal_fd)] * 4
    assert journal_path.read_text(encoding="utf-8") == journal_lines(events)


def test_an_action_s_lines_are_written_at_once_and_fsynced_once(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real_write, real_fsync = os.write, os.fsync

    def spy_write(fd: int, data: bytes) -> int:
        calls.append("write")
        return real_write(fd, data)

    def spy_fsync(fd: int) -> None:
        calls.append("fsync")
        real_fsync(fd)

    events = sample_events(4)
    with Journal(journal_path) as journal:
        journal.load()
        journal.append(events[0])
        monkeypatch.setattr(os, "write", spy_write)
        monkeypatch.setattr(os, "fsync", spy_fsync)
        for event in events[1:]:
            assert journal.append(event, sync=False)
        # written, readable by anyone, but not yet durable
        assert calls == ["write"] * 3
        assert list(read_journal(journal_path, set_aside=False).events) == events
        assert journal.pending == tuple(events[1:])
        assert journal.sync()
        assert calls == ["write"] * 3 + ["fsync"]
        assert journal.pending == ()
        assert journal.sync()  # nothing new: no second fsync
        assert calls == ["write"] * 3 + ["fsync"]
        monkeypatch.undo()
    assert journal_path.read_text(encoding="utf-8") == journal_lines(events)


# -- damaged files ----------------------------------------------------------------------


def test_a_torn_last_line_is_skipped_reported_and_set_aside(journal_path: Path) -> None:
    events = sample_events(4)
    journal_path.parent.mkdir(parents=True)
    good = journal_lines(events[:3]).encode()
    original = good + event_to_json(events[3]).encode()[:25]
    journal_path.write_bytes(original)

    with Journal(journal_path) as journal:
        found = journal.load()
        assert list(found.events) == events[:3]
        report = found.report()
        assert report is not None
        assert "cut off" in report
        [aside] = _asides(journal_path)
        assert aside.read_bytes() == original
        assert aside.name in report
        assert journal_path.read_bytes() == good  # the writer continues on a clean file
        journal.append(events[3])
    assert list(read_journal(journal_path).events) == events
    assert _asides(journal_path) == [aside]


def _bad_middle(events: list[Event]) -> tuple[bytes, list[Event]]:
    lines = journal_lines(events).encode().splitlines(keepends=True)
    lines.insert(2, b"\x00\xff garbage {not json\n")
    return b"".join(lines), events


def _duplicated(events: list[Event]) -> tuple[bytes, list[Event]]:
    lines = journal_lines(events).encode().splitlines(keepends=True)
    lines.insert(3, lines[2])
    return b"".join(lines), events


def _newer_version(events: list[Event]) -> tuple[bytes, list[Event]]:
    lines = journal_lines(events).encode().splitlines(keepends=True)
    newer = b'{"v": 2, "type": "speaker_teleported", "seq": 4, "action": 4, "at": "x"}\n'
    return b"".join([*lines[:3], newer, *lines[3:]]), events[:3]


def _empty(events: list[Event]) -> tuple[bytes, list[Event]]:
    return b"", []


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        (_bad_middle, "Line 3 could not be read"),
        (_duplicated, "duplicated line"),
        (_newer_version, "newer FloorClock"),
        (_empty, "empty"),
    ],
    ids=["bad-line-in-the-middle", "duplicated-line", "newer-format", "empty-file"],
)
def test_a_damaged_journal_loads_what_it_can_and_keeps_the_original(
    journal_path: Path, damage: object, words: str
) -> None:
    events = sample_events(6)
    original, expected = damage(events)  # type: ignore[operator]
    journal_path.parent.mkdir(parents=True)
    journal_path.write_bytes(original)

    with Journal(journal_path) as journal:
        found = journal.load()
        assert list(found.events) == expected
        report = found.report()
        assert report is not None
        assert words in report
        [aside] = _asides(journal_path)
        assert aside.read_bytes() == original
        assert found.set_aside == aside
        extra = sample_events(len(expected) + 1)[-1] if expected else events[0]
        journal.append(extra)

    again = read_journal(journal_path)
    assert again.problems == ()
    assert list(again.events) == [*expected, extra]
    assert aside.read_bytes() == original


def test_a_folder_in_place_of_the_journal_is_moved_aside_untouched(journal_path: Path) -> None:
    journal_path.mkdir(parents=True)
    (journal_path / "inside.txt").write_text("keep me", encoding="utf-8")
    with Journal(journal_path) as journal:
        found = journal.load()
        assert found.events == ()
        assert "is a folder" in (found.report() or "")
        [aside] = _asides(journal_path)
        assert (aside / "inside.txt").read_text(encoding="utf-8") == "keep me"
        journal.append(sample_events(1)[0])
    assert list(read_journal(journal_path).events) == sample_events(1)


def test_an_unreadable_journal_is_moved_aside_untouched(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = journal_lines(sample_events(3)).encode()
    journal_path.parent.mkdir(parents=True)
    journal_path.write_bytes(original)

    def refuse(path: Path) -> bytes:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(journal_module, "_read_bytes", refuse)
    with Journal(journal_path) as journal:
        found = journal.load()
        assert found.events == ()
        assert "not allowed to read" in (found.report() or "")
        [aside] = _asides(journal_path)
        assert aside.read_bytes() == original
        assert not journal_path.exists()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_a_journal_without_read_permission_is_reported(journal_path: Path) -> None:
    journal_path.parent.mkdir(parents=True)
    journal_path.write_bytes(journal_lines(sample_events(2)).encode())
    journal_path.chmod(0)
    found = read_journal(journal_path)
    assert "not allowed to read" in (found.report() or "")
    assert found.set_aside is not None


def test_random_bytes_never_raise(journal_path: Path) -> None:
    journal_path.parent.mkdir(parents=True)
    journal_path.write_bytes(os.urandom(200_000) + b"\n" + b"[" * 100_000 + b"\n")
    found = read_journal(journal_path, set_aside=False)
    assert found.events == ()
    assert found.problems
    assert _asides(journal_path) == []


def test_a_missing_last_newline_keeps_the_event(journal_path: Path) -> None:
    events = sample_events(3)
    journal_path.parent.mkdir(parents=True)
    journal_path.write_text(journal_lines(events).rstrip("\n"), encoding="utf-8")
    with Journal(journal_path) as journal:
        found = journal.load()
        assert list(found.events) == events
        assert found.problems == ()
        journal.append(sample_events(4)[-1])
    assert list(read_journal(journal_path).events) == sample_events(4)


def test_the_copy_set_aside_is_fsynced_before_its_name_is_made_durable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The damaged original is replaced right after: its copy must be on disk first."""
    synced: list[str] = []
    real_fsync = os.fsync

    def spy_fsync(fd: int) -> None:
        synced.append("folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
        real_fsync(fd)

    path = tmp_path / "meeting.jsonl"
    monkeypatch.setattr(os, "fsync", spy_fsync)
    aside = set_aside_copy(path, b'{"torn')
    monkeypatch.undo()
    assert aside.read_bytes() == b'{"torn'
    assert synced == ["file", "folder"]


def test_setting_aside_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    first = set_aside_copy(path, b"one")
    second = set_aside_copy(path, b"two")
    assert first != second
    assert (first.read_bytes(), second.read_bytes()) == (b"one", b"two")


# -- a failing disk ---------------------------------------------------------------------


class FlakyDisk:
    """A journal writer that fails with ``error`` while ``broken`` is set."""

    def __init__(self, error: int, *, partial: bool = False) -> None:
        self.error = error
        self.partial = partial
        self.broken = False

    def __call__(self, fd: int, data: bytes) -> None:
        if self.broken:
            if self.partial:
                os.write(fd, data[: len(data) // 2])
            raise OSError(self.error, os.strerror(self.error))
        write_line(fd, data)


@pytest.mark.parametrize(
    ("error", "partial", "words"),
    [
        (errno.ENOSPC, False, "the disk is full"),
        (errno.ENOSPC, True, "the disk is full"),
        (errno.EROFS, False, "read-only"),
    ],
    ids=["disk-full", "disk-full-mid-line", "read-only"],
)
def test_a_failing_disk_keeps_events_and_writes_them_on_recovery(
    journal_path: Path, error: int, partial: bool, words: str
) -> None:
    events = sample_events(10)
    disk = FlakyDisk(error, partial=partial)
    failures: list[str] = []
    recoveries: list[None] = []
    with Journal(
        journal_path,
        write=disk,
        on_failure=failures.append,
        on_recovered=lambda: recoveries.append(None),
    ) as journal:
        journal.load()
        for event in events[:3]:
            assert journal.append(event)
        disk.broken = True
        for event in events[3:7]:
            assert not journal.append(event)
        # told at the first failure, and again each time one more change waits
        assert len(failures) == 4
        assert words in failures[0]
        assert "Timing goes on" in failures[0]
        assert "1 unsaved change is kept" in failures[0]
        assert journal.failure is not None
        assert "4 unsaved changes" in journal.failure
        assert failures[-1] == journal.failure
        assert journal.pending == tuple(events[3:7])
        assert not journal.retry()
        assert len(failures) == 4  # nothing new to tell
        # what was written before the failure is still there, whole
        assert list(read_journal(journal_path, set_aside=False).events) == events[:3]

        disk.broken = False
        assert journal.retry()
        assert recoveries == [None]
        assert journal.failure is None
        assert journal.pending == ()
        for event in events[7:]:
            assert journal.append(event)
    found = read_journal(journal_path)
    assert found.problems == ()
    assert list(found.events) == events


class FlakySync:
    """A journal sync (fsync) that fails with EIO while ``broken`` is set."""

    def __init__(self) -> None:
        self.broken = False

    def __call__(self, fd: int) -> None:
        if self.broken:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        os.fsync(fd)


def test_a_failed_fsync_cuts_the_action_off_and_writes_it_again_on_recovery(
    journal_path: Path,
) -> None:
    """After a failed fsync the kernel may have dropped the lines: they are not trusted, cut
    off the file, and written again, in order, once syncing works."""
    events = sample_events(6)
    disk = FlakySync()
    failures: list[str] = []
    recoveries: list[None] = []
    with Journal(
        journal_path,
        sync=disk,
        on_failure=failures.append,
        on_recovered=lambda: recoveries.append(None),
    ) as journal:
        journal.load()
        assert journal.append(events[0])
        disk.broken = True
        journal.append(events[1], sync=False)
        journal.append(events[2], sync=False)
        assert not journal.sync()
        assert len(failures) == 1
        assert "2 unsaved changes" in failures[0]
        assert journal.pending == tuple(events[1:3])
        # cut back to the last line known to be on disk
        assert list(read_journal(journal_path, set_aside=False).events) == events[:1]
        assert not journal.append(events[3])  # one more waits, in order
        assert journal.pending == tuple(events[1:4])
        assert "3 unsaved changes" in failures[-1]

        disk.broken = False
        assert journal.retry()
        assert recoveries == [None]
        assert journal.pending == ()
        journal.append(events[4], sync=False)
        journal.append(events[5], sync=False)
        assert journal.sync()
    found = read_journal(journal_path)
    assert found.problems == ()
    assert list(found.events) == events


def test_a_write_failing_mid_action_keeps_the_action_s_events_in_order(
    journal_path: Path,
) -> None:
    events = sample_events(5)
    disk = FlakyDisk(errno.ENOSPC, partial=True)
    with Journal(journal_path, write=disk) as journal:
        journal.load()
        assert journal.append(events[0])
        assert journal.append(events[1], sync=False)  # written, not synced
        disk.broken = True
        assert not journal.append(events[2], sync=False)  # half a line, then the failure
        assert not journal.append(events[3], sync=False)
        assert journal.pending == tuple(events[1:4])
        assert list(read_journal(journal_path, set_aside=False).events) == events[:1]
        disk.broken = False
        assert journal.append(events[4], sync=False)
        assert journal.sync()
    found = read_journal(journal_path)
    assert found.problems == ()
    assert list(found.events) == events


def test_recovery_is_told_only_once_the_waiting_events_are_synced(journal_path: Path) -> None:
    """Lines written again while fsync still fails are not yet safe: the banner stays."""
    events = sample_events(4)
    disk = FlakySync()
    told: list[str] = []
    with Journal(
        journal_path,
        sync=disk,
        on_failure=lambda message: told.append("failed"),
        on_recovered=lambda: told.append("recovered"),
    ) as journal:
        journal.load()
        journal.append(events[0])
        disk.broken = True
        journal.append(events[1], sync=False)
        assert not journal.sync()
        journal.append(events[2], sync=False)  # the lines go out again, the fsync is to come
        assert journal.failure is not None
        assert told == ["failed"]
        assert not journal.sync()  # and fails again: no word of recovery in between
        assert "recovered" not in told
        assert "2 unsaved changes" in (journal.failure or "")
        disk.broken = False
        journal.append(events[3], sync=False)
        assert "recovered" not in told
        assert journal.sync()
        assert told[-1] == "recovered"
        assert told.count("recovered") == 1
        assert journal.failure is None
    assert list(read_journal(journal_path).events) == events


def test_closing_syncs_what_was_written_without_sync(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events = sample_events(2)
    synced: list[int] = []
    real_fsync = os.fsync

    def spy_fsync(fd: int) -> None:
        synced.append(fd)
        real_fsync(fd)

    journal = Journal(journal_path)
    journal.load()
    journal.append(events[0])
    journal.append(events[1], sync=False)
    monkeypatch.setattr(os, "fsync", spy_fsync)
    journal.close()
    assert len(synced) == 1
    assert list(read_journal(journal_path).events) == events


def test_recovery_also_happens_on_the_next_append(journal_path: Path) -> None:
    events = sample_events(4)
    disk = FlakyDisk(errno.ENOSPC)
    recoveries: list[None] = []
    with Journal(journal_path, write=disk, on_recovered=lambda: recoveries.append(None)) as j:
        j.load()
        disk.broken = True
        j.append(events[0])
        j.append(events[1])
        disk.broken = False
        assert j.append(events[2])
        assert recoveries == [None]
        j.append(events[3])
    assert list(read_journal(journal_path).events) == events


def test_a_damaged_journal_in_a_folder_that_refuses_copies_is_not_replaced(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events = sample_events(4)
    journal_path.parent.mkdir(parents=True)
    original = journal_lines(events[:3]).encode() + b'{"torn'
    journal_path.write_bytes(original)
    real_copy = journal_module.set_aside_copy

    def no_space(path: Path, data: bytes) -> Path:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(journal_module, "set_aside_copy", no_space)
    failures: list[str] = []
    with Journal(journal_path, on_failure=failures.append) as journal:
        found = journal.load()
        assert list(found.events) == events[:3]
        assert "could not be kept aside" in (found.report() or "")
        assert journal_path.read_bytes() == original  # not replaced without a copy
        journal.append(events[3])
        assert journal_path.read_bytes() == original
        assert failures
        monkeypatch.setattr(journal_module, "set_aside_copy", real_copy)
        assert journal.retry()
        [aside] = _asides(journal_path)
        assert aside.read_bytes() == original
    assert list(read_journal(journal_path).events) == events
