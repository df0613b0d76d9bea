"""Atomic writes and where files live."""

from __future__ import annotations

import errno
import os
import time
from datetime import date
from pathlib import Path

import pytest
from journal_builders import AGENDA

from floorclock.core.agenda import parse_agenda
from floorclock.store import atomic
from floorclock.store.atomic import write_atomic
from floorclock.store.paths import (
    data_dir,
    journal_path,
    latest_journal,
    recent_journal,
    slugify,
)


def test_write_atomic_replaces_the_content(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")
    write_atomic(target, "Zoë, نص, 中文\n")
    assert target.read_text(encoding="utf-8") == "Zoë, نص, 中文\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_a_write_failing_midway_leaves_the_old_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "record.md"
    target.write_bytes(b"the old record\n")

    def half_then_full_disk(fd: int, data: bytes) -> None:
        os.write(fd, data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic, "_write_all", half_then_full_disk)
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, b"a new record that never lands\n" * 100)
    assert target.read_bytes() == b"the old record\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["record.md"]


def test_a_failing_rename_leaves_the_old_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "record.json"
    target.write_bytes(b"{}")

    def read_only(src: object, dst: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(os, "replace", read_only)
    with pytest.raises(OSError, match="Read-only"):
        write_atomic(target, b'{"new": true}')
    assert target.read_bytes() == b"{}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["record.json"]


def test_data_dir_override_is_created(tmp_path: Path) -> None:
    chosen = tmp_path / "rehearsal" / "data"
    assert data_dir(chosen) == chosen
    assert chosen.is_dir()
    other = tmp_path / "not-made"
    assert data_dir(other, create=False) == other
    assert not other.exists()


def test_journal_path_is_per_meeting_and_day(tmp_path: Path) -> None:
    agenda = parse_agenda(AGENDA)
    meetings = tmp_path / "meetings"
    on_the_day = journal_path(tmp_path, agenda, date(2023, 8, 28))
    assert on_the_day == (
        meetings / "2023-08-28-expert-meeting-on-local-government-and-human-rights.jsonl"
    )
    # a rehearsal the day before is never the journal the real meeting resumes
    rehearsal = journal_path(tmp_path, agenda, date(2023, 8, 27))
    assert rehearsal == (
        meetings / "2023-08-27-rehearsal-expert-meeting-on-local-government-and-human-rights.jsonl"
    )


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Réunion d'experts: Genève", "reunion-d-experts-geneve"),
        ("会议", "meeting"),
        ("", "meeting"),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_latest_journal_is_the_most_recently_modified(tmp_path: Path) -> None:
    assert latest_journal(tmp_path) is None
    folder = tmp_path / "meetings"
    folder.mkdir()
    older, newer = folder / "a.jsonl", folder / "b.jsonl"
    older.write_text("", encoding="utf-8")
    newer.write_text("", encoding="utf-8")
    (folder / "c.jsonl.corrupt-20230828T080000Z").write_text("", encoding="utf-8")
    os.utime(older, (2_000_000_000, 2_000_000_000))
    os.utime(newer, (1_000_000_000, 1_000_000_000))
    assert latest_journal(tmp_path) == older


def test_a_recent_journal_of_the_same_meeting_is_found_whatever_its_day(tmp_path: Path) -> None:
    agenda = parse_agenda(AGENDA)
    now = time.time()
    assert recent_journal(tmp_path, agenda, now=now) is None
    yesterday = journal_path(tmp_path, agenda, date(2023, 8, 27))
    yesterday.parent.mkdir(parents=True)
    yesterday.write_text("", encoding="utf-8")
    written = yesterday.stat().st_mtime
    assert recent_journal(tmp_path, agenda, now=written) == yesterday
    # three hours make the window: a meeting restarted after midnight is resumed ...
    assert recent_journal(tmp_path, agenda, now=written + 3 * 3600 - 60) == yesterday
    # ... a rehearsal the evening before is not
    assert recent_journal(tmp_path, agenda, now=written + 3 * 3600 + 60) is None
    assert recent_journal(tmp_path, agenda, now=written + 12 * 3600) is None
    # the computer's clock set back an hour: the journal is from "the future", still recent
    assert recent_journal(tmp_path, agenda, now=written - 3600) == yesterday
    # a clock years behind (a flat battery) does not take an old journal for this meeting's
    assert recent_journal(tmp_path, agenda, now=written - 3 * 365 * 86400) is None
