"""Start-up: a new meeting, a resumed one, a second FloorClock refused, a bad agenda; an
action on disk before the windows show it."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel, QTableView, QWidget

from floorclock.core.clock import FakeClock
from floorclock.core.notices import Notice
from floorclock.store.journal import read_journal
from floorclock.ui.app import FloorClockApp, Options, StartupProblem, run, start

from .conftest import MEETING_MORNING, SPEAKERS, Paints, start_app

MORNING = MEETING_MORNING


def _start(opened: list[FloorClockApp], data: Path, clock: FakeClock) -> FloorClockApp:
    return start_app(opened, data, clock)


def _seen(app: FloorClockApp) -> dict[str, Any]:
    """What the three windows show, as text."""
    chair, display = app.chair, app.display
    seen: dict[str, Any] = {
        "display": {
            "phase": display.property("phase"),
            "digits": display.digits.text(),
            "name": display.speaker_name.full_text(),
            "delegation": display.delegation.full_text(),
            "mode": display.mode.text(),
            "message": display.message.full_text() if display.message.isVisible() else None,
            "next": [label.full_text() for label in display.next_speakers],
            "session": display.session_title.full_text(),
            "session_left": display.session_left.text(),
        },
        "chair": {
            "phase": chair.property("phase"),
            "digits": chair.digits.text(),
            "name": chair.speaker_name.full_text(),
            "upcoming": [label.full_text() for label in chair.upcoming],
            "session_clock": chair.session_clock.text(),
            "floor_left": chair.floor_left.text(),
            "forecast": chair.forecast.text(),
            "list_state": chair.list_state.text(),
            "limit": chair.limit_label.text(),
        },
    }
    if app.secretariat is not None:
        labels = sorted(
            label.text() for label in app.secretariat.findChildren(QLabel) if label.text()
        )
        seen["secretariat"] = {"labels": labels, "rows": []}
        table = app.secretariat.findChild(QTableView)
        if table is not None:
            model = table.model()
            seen["secretariat"]["rows"] = [
                [model.index(row, column).data() for column in range(model.columnCount())]
                for row in range(model.rowCount())
            ]
    return seen


def test_new_meeting_then_restart_restores_every_window(
    opened: list[FloorClockApp], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    clock = FakeClock(MORNING)
    first = _start(opened, data, clock)
    assert first.notes == []
    assert not first.chair.info_banner.isVisible()
    meeting, bridge = first.meeting, first.bridge
    bridge.run(lambda: meeting.open_session("session-1"))
    for name, category, delegation, mode in SPEAKERS:
        bridge.run(
            lambda n=name, c=category, d=delegation, m=mode: meeting.inscribe(
                n, c, delegation=d, mode=m
            )
        )
    bridge.run(meeting.call_next)
    bridge.run(lambda: meeting.extend(30))
    bridge.run(meeting.start_timer)
    clock.advance(40.4)
    bridge.run(lambda: meeting.show_message("Please conclude"))
    first.ticker.wake()
    before = _seen(first)
    assert before["display"]["digits"] == "1:50"
    first.close()
    opened.remove(first)

    # FloorClock stopped (or crashed) and starts again 5 s later, on another monotonic clock.
    clock_after = FakeClock(datetime(2023, 8, 28, 8, 15, 45, 400_000, tzinfo=UTC), mono=50.0)
    second = _start(opened, data, clock_after)
    after = _seen(second)
    assert after["display"]["digits"] == "1:45"
    assert after["chair"]["digits"] == "1:45"
    for seen in (before, after):
        for window in ("display", "chair"):
            seen[window].pop("digits")
        seen["chair"].pop("limit")
        seen["chair"].pop("floor_left")
        seen["chair"].pop("forecast")
        seen["display"].pop("session_left")
        seen["chair"].pop("session_clock")
    assert after == before
    assert second.chair.info_banner.isVisible()
    assert any(note.startswith("Resumed the meeting from its journal") for note in second.notes)
    name = second.meeting.floor.info.name if second.meeting.floor else "nobody"
    assert f"When FloorClock stopped, {name} had the floor." in second.notes[0]
    assert "Their timer ran on while FloorClock was stopped" in second.notes[0]  # it ran


def test_the_secretariats_suggestions_open_dark_like_the_consoles(
    opened: list[FloorClockApp], tmp_path: Path
) -> None:
    running = _start(opened, tmp_path, FakeClock(MORNING))
    completer = running.secretariat.delegation_field.completer()
    assert completer is not None
    popup = completer.popup()  # a window of its own, made when first needed
    assert popup is not None

    ground = popup.palette().color(QPalette.ColorRole.Base)
    assert ground == running.secretariat.palette().color(QPalette.ColorRole.Base)
    assert ground.lightness() < 40


def test_a_second_floorclock_on_the_same_data_is_refused(
    opened: list[FloorClockApp], tmp_path: Path
) -> None:
    _start(opened, tmp_path, FakeClock(MORNING))
    with pytest.raises(StartupProblem) as refused:
        start(Options(data_dir=tmp_path), FakeClock(MORNING))
    assert refused.value.exit_code == 3
    assert "Another FloorClock is already running" in str(refused.value)
    assert "--data-dir" in str(refused.value)


def test_a_damaged_journal_is_resumed_and_the_user_told(
    opened: list[FloorClockApp], tmp_path: Path
) -> None:
    clock = FakeClock(MORNING)
    first = _start(opened, tmp_path, clock)
    first.bridge.run(lambda: first.meeting.inscribe("Ms. Amélie Dupont", "states"))
    path = first.journal.path
    first.close()
    opened.remove(first)
    with path.open("a", encoding="utf-8") as journal:
        journal.write('{"type": "speaker_insc')  # a torn last line
    second = _start(opened, tmp_path, clock)
    waiting = second.meeting.waiting(second.meeting.list_session_id)
    assert [row.info.name for row in waiting] == ["Ms. Amélie Dupont"]
    text = second.chair.info_banner.findChild(QLabel, "text").text()
    assert "Resumed the meeting" in text
    assert "damaged" in text


def test_journal_failures_show_a_banner(opened: list[FloorClockApp], tmp_path: Path) -> None:
    app = _start(opened, tmp_path, FakeClock(MORNING))
    assert app.journal.on_failure is not None
    app.journal.on_failure("The journal cannot be written: the disk is full.")
    assert app.chair.journal_banner.isVisible()
    assert app.journal.on_recovered is not None
    app.journal.on_recovered()
    assert not app.chair.journal_banner.isVisible()


def test_a_bad_agenda_is_explained_with_no_traceback(
    qapp: QApplication, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "agenda.yaml"
    bad.write_text("meeting:\n  title: Test\n  date: 2023-13-45\n", encoding="utf-8")
    args = argparse.Namespace(
        agenda=bad, data_dir=tmp_path / "data", display_screen=None, windowed=False
    )
    assert run(args) == 2
    err = capsys.readouterr().err
    assert f"The agenda {bad} cannot be used" in err
    assert "agenda.yaml:3:" in err
    assert "Traceback" not in err


def test_importing_the_app_module_loads_nothing_heavy() -> None:
    code = (
        "import sys, floorclock.ui.app; "
        "heavy = [m for m in ('PySide6.QtWidgets', 'pydantic', 'yaml') if m in sys.modules]; "
        "print(heavy)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"


def test_the_windows_are_built_without_loading_widget_classes_they_do_not_use(
    tmp_path: Path,
) -> None:
    """Start-up: PySide6 makes a class's enum types when the class is first used. Handed a
    widget that Qt made, it loads every widget class of QtWidgets to find its type (about
    25 ms); the windows never hand it one while they are built and first painted, and the
    style (11 ms) waits for the list's first change of range."""
    code = (
        "import enum, sys; from pathlib import Path; made = []; new = enum.EnumType.__new__\n"
        "def watch(meta, name, *args, **kw):\n"
        "    made.append(name); return new(meta, name, *args, **kw)\n"
        "enum.EnumType.__new__ = watch\n"
        "from PySide6.QtWidgets import QApplication; app = QApplication([])\n"
        "from floorclock.ui.app import Options, start\n"
        "running = start(Options(data_dir=Path(sys.argv[1])))\n"
        "app.processEvents()\n"
        "print(sorted({'WizardStyle', 'TabShape', 'DialogCode', 'PixelMetric'} & set(made)),"
        " 'TextElideMode' in made)\n"
        "running.close()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "data")],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    # (the Qt namespace's enums are made: the watch saw the enums the windows use)
    assert done.stdout.strip() == "[] True", done.stderr


def test_a_new_meeting_on_an_agenda_checked_before_opens_without_yaml_or_pydantic(
    tmp_path: Path,
) -> None:
    """What must be imported before the windows can show: neither of the slow imports
    (docs/performance.md), once the agenda was checked by an earlier start."""
    code = (
        "import sys; from pathlib import Path; "
        "from floorclock.ui.app import Options, open_meeting; "
        "opened = open_meeting(Options(data_dir=Path(sys.argv[1]))); "
        "print(len(opened.meeting.events), opened.journal.path.exists(), "
        "[m for m in ('pydantic', 'yaml', 'PySide6') if m in sys.modules])"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", code, str(tmp_path / f"data-{number}")],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")},
        )
        for number in (1, 2)
    ]
    first, second = (run.stdout.split(" ", 2) for run in runs)
    assert first[2].strip() == "['pydantic', 'yaml']", runs[0].stderr  # the first start checks
    assert second[2].strip() == "[]", runs[1].stderr
    assert first[:2] == second[:2]
    assert second[1] == "True"  # the new meeting's first events are on disk


def test_a_restart_after_midnight_resumes_the_meeting_of_the_evening(
    opened: list[FloorClockApp], tmp_path: Path
) -> None:
    late = FakeClock(datetime(2023, 8, 28, 21, 58, tzinfo=UTC))  # 23:58 in Geneva
    first = _start(opened, tmp_path, late)
    first.meeting.open_session("session-2")
    first.meeting.inscribe("Ms. Amina Diallo", "states", delegation="Senegal")
    first.meeting.call_next()
    first.meeting.start_timer()
    first.close()
    opened.remove(first)
    written = late.now().timestamp()  # the journal was last written at 23:58, by this clock
    os.utime(first.journal.path, (written, written))

    late.advance(4 * 60)  # 00:02 the next day in Geneva: the program is started again
    second = _start(opened, tmp_path, late)

    assert second.journal.path == first.journal.path
    assert second.meeting.floor is not None
    assert second.meeting.floor.info.name == "Ms. Amina Diallo"
    assert second.display.digits.text() == "+2:00"  # two minutes allowed, four gone
    assert "Resumed the meeting" in second.notes[0]


def test_a_speaker_paused_at_the_crash_is_resumed_paused_with_nothing_to_correct(
    opened: list[FloorClockApp], tmp_path: Path
) -> None:
    clock = FakeClock(MORNING)
    first = _start(opened, tmp_path, clock)
    first.meeting.open_session("session-1")
    first.meeting.inscribe("Ms. Amina Diallo", "states")
    first.meeting.call_next()
    first.meeting.start_timer()
    clock.advance(20)
    first.meeting.pause_timer()
    first.close()
    opened.remove(first)

    clock.advance(30)  # down for half a minute
    second = _start(opened, tmp_path, clock)

    assert second.chair.digits.text() == "1:40"  # the pause held through the stop
    assert "When FloorClock stopped, Ms. Amina Diallo had the floor." in second.notes[0]
    assert "ran on" not in second.notes[0]


def test_a_start_the_next_morning_does_not_resume_the_rehearsal_of_the_evening(
    opened: list[FloorClockApp], tmp_path: Path
) -> None:
    evening = FakeClock(datetime(2023, 8, 27, 17, 0, tzinfo=UTC))  # 19:00 the day before
    first = _start(opened, tmp_path, evening)
    first.meeting.inscribe("Ms. Rehearsal", "states")
    first.close()
    opened.remove(first)
    written = evening.now().timestamp()
    os.utime(first.journal.path, (written, written))

    evening.advance(13 * 3600)  # 08:00 on the meeting's day
    second = _start(opened, tmp_path, evening)

    assert second.journal.path != first.journal.path
    assert "rehearsal" in first.journal.path.name
    assert "rehearsal" not in second.journal.path.name
    assert len(second.meeting.waiting(second.meeting.list_session_id)) == 0


def test_after_an_action_each_window_paints_its_changes_once(
    opened: list[FloorClockApp], tmp_path: Path
) -> None:
    """The labels are laid out before the countdown paints (it paints at once, and its
    window with it): a changed label is not painted where it was, then again; nor twice
    when its panel changes colour with it."""
    app = _start(opened, tmp_path, FakeClock(MORNING))
    meeting, bridge = app.meeting, app.bridge
    bridge.run(lambda: meeting.open_session("session-1"))
    for name, category, delegation, mode in SPEAKERS[:4]:
        meeting.inscribe(name, category, delegation=delegation, mode=mode)  # type: ignore[arg-type]
    for command in (meeting.call_next, meeting.start_timer, meeting.pause_timer):
        bridge.run(command)
    bridge.run(lambda: meeting.extend(30))
    for _ in range(5):
        QApplication.processEvents()
    watched: list[QWidget] = [
        app.chair.speaker_name,
        app.chair.upcoming[0],
        app.chair.digits,
        app.chair.phase_label,  # in the countdown's panel, whose colours change with it
        app.chair.limit_label,
        app.display.speaker_name,
        app.display.next_speakers[0],
        app.display.digits,
    ]
    paints = Paints(*watched)

    bridge.run(meeting.call_next)
    for _ in range(5):
        QApplication.processEvents()
    assert app.chair.speaker_name.full_text() == SPEAKERS[1][0]
    assert [paints.count(widget) for widget in watched] == [1] * len(watched)


def test_a_call_next_is_on_disk_with_one_fsync_before_any_window_shows_it(
    opened: list[FloorClockApp], tmp_path: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _start(opened, tmp_path, FakeClock(MORNING))
    meeting, bridge = app.meeting, app.bridge
    bridge.run(lambda: meeting.open_session("session-1"))
    for name, category, *_ in SPEAKERS[:3]:
        meeting.inscribe(name, category)
    qtbot.keyClick(app.chair, Qt.Key.Key_N)  # the first speaker
    on_disk_when_heard: list[list[str]] = []

    def heard(notice: Notice) -> None:
        events = read_journal(app.journal.path, set_aside=False).events
        on_disk_when_heard.append([event.type for event in events[-2:]])
        assert app.journal.pending == ()

    meeting.subscribe(heard)
    fsyncs: list[int] = []
    real_fsync = os.fsync

    def counted_fsync(fd: int) -> None:
        fsyncs.append(fd)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", counted_fsync)
    qtbot.keyClick(app.chair, Qt.Key.Key_N)  # the first one's intervention ends, the next called
    monkeypatch.undo()
    assert app.chair.speaker_name.full_text() == SPEAKERS[1][0]
    assert len(fsyncs) == 1  # two lines, one fsync
    assert on_disk_when_heard
    assert on_disk_when_heard[0] == ["intervention_ended", "speaker_called"]
