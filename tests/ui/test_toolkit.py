"""The Qt binding FloorClock runs on can run a meeting all day.

PySide6 6.12.0 dropped one reference to ``None`` at each call of a method that returns
nothing (``setText``, ``update``, ...). On Python 3.11, where ``None`` is counted like any
other object, the count reached zero after minutes of a running timer and the interpreter
stopped with "Fatal Python error: none_dealloc". pyproject.toml keeps that version out; these
tests fail on it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel

from floorclock.core.clock import FakeClock
from floorclock.ui.app import FloorClockApp

from .conftest import speaker_running, start_app


def test_calls_into_qt_keep_their_references_to_none(qapp: QApplication) -> None:
    label = QLabel()
    before = sys.getrefcount(None)
    for number in range(2000):
        label.setText(str(number % 7))
        label.update()
    QApplication.processEvents()
    assert sys.getrefcount(None) > before - 100


def test_a_running_timer_for_an_hour_keeps_the_references_to_none(
    opened: list[FloorClockApp], tmp_path: Path, fake_clock: FakeClock
) -> None:
    app = start_app(opened, tmp_path, fake_clock)
    speaker_running(app)
    QApplication.processEvents()
    before = sys.getrefcount(None)
    for _ in range(3600):  # an hour of flips, as the ticker wakes for them
        fake_clock.advance(1.0)
        app.ticker.wake()
    QApplication.processEvents()
    assert sys.getrefcount(None) > before - 100
