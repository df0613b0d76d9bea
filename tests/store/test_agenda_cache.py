"""The cache of checked agendas: a start reuses a check only for the very same file."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from floorclock.store import agenda_cache
from floorclock.store.agenda_cache import cache_dir, load_agenda
from floorclock.store.agenda_error import AgendaError
from floorclock.store.paths import bundled_agenda_path


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def agenda_file(tmp_path: Path) -> Path:
    path = tmp_path / "agenda.yaml"
    path.write_bytes(bundled_agenda_path().read_bytes())
    return path


def cached_files() -> list[Path]:
    return sorted(cache_dir().glob("*.pickle")) if cache_dir().exists() else []


def test_a_second_load_of_the_same_file_gives_the_same_agenda_from_the_cache(
    agenda_file: Path,
) -> None:
    first = load_agenda(agenda_file)
    assert len(cached_files()) == 1
    second = load_agenda(agenda_file)
    assert second == first
    assert second is not first
    assert second.meeting.title == first.meeting.title


def test_a_start_with_a_checked_agenda_imports_neither_yaml_nor_pydantic(
    agenda_file: Path, own_cache: Path
) -> None:
    load_agenda(agenda_file)
    code = (
        "import sys; from floorclock.store.agenda_cache import load_agenda; "
        f"agenda = load_agenda({str(agenda_file)!r}); "
        "print(agenda.meeting.date, [m for m in ('pydantic', 'yaml') if m in sys.modules])"
    )
    env = {"PATH": "", "XDG_CACHE_HOME": str(own_cache)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.stdout.strip() == "2023-08-28 []", done.stderr


def test_an_edited_file_is_checked_again(agenda_file: Path) -> None:
    load_agenda(agenda_file)
    text = agenda_file.read_text(encoding="utf-8")
    agenda_file.write_text(
        text.replace("speaking_time: 2m", "speking_time: 2m", 1), encoding="utf-8"
    )
    with pytest.raises(AgendaError, match="unknown key 'speking_time'"):
        load_agenda(agenda_file)


def test_a_changed_venue_is_seen(agenda_file: Path) -> None:
    before = load_agenda(agenda_file)
    assert before.meeting.venue == "Room XIX, Palais des Nations, Geneva"
    text = agenda_file.read_text(encoding="utf-8")
    agenda_file.write_text(text.replace("Room XIX,", "Room XX,", 1), encoding="utf-8")
    assert load_agenda(agenda_file).meeting.venue == "Room XX, Palais des Nations, Geneva"
    assert len(cached_files()) == 2


def test_a_damaged_cache_file_means_checking_the_file_again(agenda_file: Path) -> None:
    expected = load_agenda(agenda_file)
    (kept,) = cached_files()
    kept.write_bytes(b"not a pickle at all")
    assert load_agenda(agenda_file) == expected


def test_a_cache_that_cannot_be_written_does_not_stop_the_start(
    agenda_file: Path, own_cache: Path
) -> None:
    own_cache.parent.mkdir(parents=True, exist_ok=True)
    own_cache.write_text("a file where the cache folder should be")
    assert load_agenda(agenda_file).meeting.date.isoformat() == "2023-08-28"


def test_a_file_that_cannot_be_read_is_explained_as_before(tmp_path: Path) -> None:
    with pytest.raises(AgendaError, match="no such file"):
        load_agenda(tmp_path / "missing.yaml")
    with pytest.raises(AgendaError, match="is a folder"):
        load_agenda(tmp_path)


def test_only_the_most_recently_used_agendas_are_kept(
    agenda_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(agenda_cache, "KEEP", 3)
    text = agenda_file.read_text(encoding="utf-8")
    for number in range(5):
        agenda_file.write_text(text + f"\n# version {number}\n", encoding="utf-8")
        load_agenda(agenda_file)
    assert len(cached_files()) == 3


def test_without_the_sources_of_the_reader_nothing_is_cached_and_the_file_is_still_read(
    agenda_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(agenda_cache, "_CODE", ("no-such-module.py",))
    assert load_agenda(agenda_file).meeting.date.isoformat() == "2023-08-28"
    assert cached_files() == []


def test_a_cached_agenda_that_does_not_hold_together_is_not_used(agenda_file: Path) -> None:
    import dataclasses
    import pickle

    expected = load_agenda(agenda_file)
    (kept,) = cached_files()
    broken = dataclasses.replace(expected, sessions=expected.sessions[:1] * 2)  # same id twice
    kept.write_bytes(pickle.dumps(broken))
    assert load_agenda(agenda_file) == expected


def test_a_pipe_in_place_of_a_cache_file_does_not_block_the_start(agenda_file: Path) -> None:
    import os

    expected = load_agenda(agenda_file)
    (kept,) = cached_files()
    kept.unlink()
    os.mkfifo(kept)
    loaded: list[object] = []
    reader = threading.Thread(target=lambda: loaded.append(load_agenda(agenda_file)), daemon=True)
    reader.start()
    reader.join(timeout=20)  # a reader blocked on the pipe would never return
    assert loaded == [expected]


def test_another_version_of_a_library_checks_the_file_again(
    agenda_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_agenda(agenda_file)
    monkeypatch.setattr(agenda_cache, "_LIBRARIES", (("pydantic", "__init__.py"),))
    load_agenda(agenda_file)
    assert len(cached_files()) == 2  # a second key: the first entry was not used
