"""Fixtures for the window tests: a fake clock, a meeting on the bundled agenda, a bridge.

The clock starts at 08:15 UTC on the meeting day (10:15 in Geneva), five minutes before
session 1. Nothing here sleeps: tests move the clock with ``fake_clock.advance(seconds)`` and
wake the ticker by hand with ``ticker.wake()``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QRegion
from PySide6.QtWidgets import QWidget

from floorclock.core.agenda import Agenda
from floorclock.core.clock import FakeClock
from floorclock.core.meeting import Meeting
from floorclock.store.agenda_file import bundled_agenda_path, load_agenda
from floorclock.ui.app import FloorClockApp, Options, start
from floorclock.ui.bridge import MeetingBridge
from floorclock.ui.ticker import LEAD_S, Ticker

MEETING_MORNING = datetime(2023, 8, 28, 8, 15, tzinfo=UTC)
"""10:15 in Geneva on the day of the meeting."""

SPEAKERS: list[tuple[str, str, str, str]] = [
    # name, category, delegation, mode
    ("Ms. Amélie Dupont", "states", "France", "room"),
    ("Sr. Joaquín Pérez Muñoz", "states", "España", "online"),
    ("السيدة فاطمة الزهراء بنعلي", "states", "المغرب", "room"),
    ("Mayor Chen Xiaoming 陈晓明", "local", "上海市人民政府", "video"),
    ("Г-жа Екатерина Смирнова", "nhri", "Уполномоченный по правам человека", "online"),
    ("Mr. Kwame Mensah", "un", "UNDP", "room"),
    ("Dr. Ingrid Halvorsen", "ngo", "Cities for Human Rights Network", "room"),
    ("Prof. Ana Beatriz Gonçalves", "other", "Universidade de São Paulo", "online"),
    ("Mr. Tomás Ó Briain", "local", "Dublin City Council", "room"),
    ("Ms. Lindiwe Dlamini", "ngo", "Local Democracy Forum", "video"),
]
"""Ten speakers of mixed categories, modes and scripts."""


class Paints(QObject):
    """Records the regions painted in each of the widgets it watches."""

    def __init__(self, *widgets: QWidget) -> None:
        super().__init__()
        self._regions: dict[int, list[QRegion]] = {id(widget): [] for widget in widgets}
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._regions[id(watched)].append(QRegion(event.region()))  # type: ignore[attr-defined]
        return False

    def regions(self, widget: QWidget) -> list[QRegion]:
        return self._regions[id(widget)]

    def count(self, widget: QWidget | None = None) -> int:
        """Paints of ``widget``, or of all the watched widgets."""
        if widget is not None:
            return len(self._regions[id(widget)])
        return sum(len(regions) for regions in self._regions.values())

    def clear(self) -> None:
        for regions in self._regions.values():
            regions.clear()


def before(ms: int) -> int:
    """The ticker's wait for a change ``ms`` milliseconds away: it wakes ``LEAD_S`` ahead."""
    return ms - round(LEAD_S * 1000)


@pytest.fixture
def opened(qapp: object) -> Iterator[list[FloorClockApp]]:
    """Every whole program started in a test (see :func:`start_app`), closed at the end."""
    started: list[FloorClockApp] = []
    yield started
    for app in started:
        app.close()


def start_app(
    opened: list[FloorClockApp],
    data: Path,
    clock: FakeClock,
    *,
    show: bool = True,
    windowed: bool = False,
) -> FloorClockApp:
    """The whole program on ``data`` with ``clock``, as ``floorclock`` starts it."""
    from PySide6.QtWidgets import QApplication

    app = start(Options(data_dir=data, windowed=windowed), clock, show=show)
    opened.append(app)
    QApplication.processEvents()
    return app


def speaker_running(app: FloorClockApp) -> None:
    """Session 1 open, three speakers inscribed, the first on the floor with the timer running."""
    meeting, bridge = app.meeting, app.bridge
    bridge.run(lambda: meeting.open_session("session-1"))
    for name, category, delegation, mode in SPEAKERS[:3]:
        meeting.inscribe(name, category, delegation=delegation, mode=mode)  # type: ignore[arg-type]
    bridge.run(meeting.call_next)
    bridge.run(meeting.start_timer)


LONG_NAME = "Her Excellency Ms. Maria-Fernanda Espinosa Garcés de la Torre"
"""Sixty-one characters: longer than the display can show at full size."""


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock(MEETING_MORNING)


@pytest.fixture(scope="session")
def bundled_agenda() -> Agenda:
    return load_agenda(bundled_agenda_path())


@pytest.fixture
def meeting(bundled_agenda: Agenda, fake_clock: FakeClock) -> Meeting:
    """A new meeting on the bundled agenda, session 1 selected (not yet open)."""
    meeting = Meeting(bundled_agenda, fake_clock)
    meeting.select_session("session-1")
    return meeting


@pytest.fixture
def bridge(qapp: object, meeting: Meeting) -> Iterator[MeetingBridge]:
    bridge = MeetingBridge(meeting)
    yield bridge
    bridge.close()


@pytest.fixture
def ticker(bridge: MeetingBridge) -> Iterator[Ticker]:
    ticker = Ticker(bridge)
    yield ticker
    ticker.stop()


def inscribe_all(meeting: Meeting, count: int = len(SPEAKERS)) -> list[str]:
    """Inscribe the first ``count`` of :data:`SPEAKERS` on the current session's list."""
    return [
        meeting.inscribe(name, category, delegation=delegation, mode=mode)  # type: ignore[arg-type]
        for name, category, delegation, mode in SPEAKERS[:count]
    ]


@pytest.fixture
def inscribe_speakers(meeting: Meeting) -> Callable[..., list[str]]:
    """``inscribe_speakers(count)``: put the first speakers of :data:`SPEAKERS` on the list."""

    def inscribe(count: int = len(SPEAKERS)) -> list[str]:
        return inscribe_all(meeting, count)

    return inscribe


OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints"
"""The offscreen platform says this whenever a shown window's layout changes its size hints;
it is about the test platform, not about FloorClock."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))
