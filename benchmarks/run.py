"""FloorClock's benchmarks: exact seconds, near-zero idle cost, fast start.

Run ``uv run python benchmarks/run.py`` (about six minutes) or ``--quick`` (about
one minute), and ``--json FILE`` to keep the figures (docs/performance.md explains each).
Every figure is measured in a process of its own, so one measurement cannot warm up or slow
down another:

* start-up and memory: the real program (``floorclock --data-dir DIR``, offscreen) from the
  moment the process is started to the moment all three windows have painted, against a
  bare PySide6 program that shows one empty window, run alternately in the same loop;
* idle CPU: the program with a speaker's timer running and nothing else happening, read from
  ``/proc`` (all threads);
* flip lag and action latency: the three windows, shown offscreen, on the real clock; the
  paints are caught as they happen. The figures are taken on Qt's one offscreen screen of
  800x800 pixels; the full run (or ``--room``) measures the same keys again on three
  screens of 1920x1080, as in a room (chair, secretariat, projector), and reports them
  beside the figures (``room_*``): larger windows, more rows of the list shown;
* the engine (queue operations, forecast, replay of a journal): the pieces of
  ``benchmarks/engine.py``.

Python is run with bytecode caching on for the measured start-ups (this machine sets
``PYTHONDONTWRITEBYTECODE=1``, which would make every start compile pydantic again): one
discarded warm-up start of each program writes the ``.pyc`` files first.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

KEYS = (
    "flip_lag_p50_ms",
    "flip_lag_p99_ms",
    "action_latency_p50_ms",
    "action_latency_p99_ms",
    "idle_cpu_percent",
    "startup_s",
    "startup_ratio",
    "rss_mb",
    "rss_ratio",
    "queue_op_ms",
    "forecast_ms",
    "replay_100k_s",
)

GOALS: dict[str, tuple[float, str]] = {
    "flip_lag_p99_ms": (5.0, "< 5 ms"),
    "action_latency_p99_ms": (16.0, "< 16 ms"),
    "idle_cpu_percent": (0.5, "< 0.5 %"),
    "startup_ratio": (2.5, "< 2.5 x bare"),
    "rss_ratio": (2.0, "< 2 x bare"),
    "queue_op_ms": (1.0, "< 1 ms"),
    "forecast_ms": (5.0, "< 5 ms"),
    "replay_100k_s": (2.0, "< 2 s"),
}


@dataclass(frozen=True)
class Plan:
    """How much of each measurement a run makes."""

    startups: int
    memory_runs: int
    idle_seconds: float
    flips: int
    actions: int
    engine_runs: int
    replays: int


FULL = Plan(
    startups=11, memory_runs=5, idle_seconds=60, flips=60, actions=60, engine_runs=300, replays=3
)
QUICK = Plan(
    startups=11, memory_runs=3, idle_seconds=15, flips=20, actions=24, engine_runs=150, replays=3
)

QUIET_S = 0.1
"""After a key press, once the windows have painted nothing for this long, the ones that have
not painted yet are taken to have nothing new to show (they are counted in
``windows_that_did_not_repaint``); the latency is up to the last paint seen."""

SPEAKERS = 200
"""Speakers inscribed for the memory, idle, flip and action measurements."""


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of the values lie (linear between neighbours)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    place = (len(ordered) - 1) * share
    low = int(place)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (place - low)


ROOM_SCREENS = {
    "screens": [
        {"name": name, "x": 1920 * place, "y": 0, "width": 1920, "height": 1080}
        | {"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
        for place, name in enumerate(("podium", "desk", "projector"))
    ]
}
"""Three full-HD screens, for the room layout (the display goes full screen on the last)."""


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # see the module docstring
    env.setdefault("XDG_RUNTIME_DIR", tempfile.mkdtemp(prefix="floorclock-bench-xdg-"))
    # the programs share one cache of checked agendas, not the user's (see measure_startup)
    env["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="floorclock-bench-cache-")
    os.chmod(env["XDG_RUNTIME_DIR"], 0o700)
    return env


# -- a meeting with 200 speakers, as a journal the program resumes ------------------------


PREPARE_PROGRAM = """\
import random, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from floorclock.ui.app import Options, start
running = start(Options(data_dir=Path(sys.argv[1])), show=False)
meeting = running.meeting
rng = random.Random(6)
categories = [category.id for category in meeting.agenda.categories]
for number in range(int(sys.argv[2])):
    meeting.inscribe(
        f"Speaker {number + 1} {rng.choice(['Dupont', 'Mensah', 'Chen', 'Smirnova'])}",
        rng.choice(categories),
        delegation=f"Delegation {rng.randrange(120)}",
        mode=rng.choice(["room", "online", "video"]),
        session_id="session-1",
    )
running.close()
"""


def write_meeting(folder: Path, env: dict[str, str], speakers: int = SPEAKERS) -> Path:
    """A data folder whose journal holds the bundled agenda and ``speakers`` inscriptions,
    written by the program itself (so wherever it keeps its journal, it finds it again)."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-c", PREPARE_PROGRAM, str(folder), str(speakers)],
        check=True,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=ROOT,
    )
    return folder


def fresh_copy(template: Path | None, into: Path) -> Path:
    """A new data folder: empty, or a copy of ``template``."""
    if template is None:
        into.mkdir(parents=True)
    else:
        shutil.copytree(template, into)
    return into


# -- start-up and memory -------------------------------------------------------------------

_WATCH = """\
import os, sys
def _watch(windows):
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication
    class Watch(QObject):
        def __init__(self):
            super().__init__()
            self.seen, self.done = set(), False
        def eventFilter(self, watched, event):
            if not self.done and event.type() == QEvent.Type.Paint:
                self.seen.add(id(watched))
                if len(self.seen) >= windows:
                    self.done = True
                    QTimer.singleShot(0, self.report)
            return False
        def report(self):
            os.write(1, b"shown\\n")
            os._exit(0)
    global _watcher
    _watcher = Watch()
    for window in QApplication.topLevelWidgets():
        if window.isVisible():
            window.installEventFilter(_watcher)
"""
"""Says "shown" once each of the shown windows has painted. The filter sits on the windows
themselves, not on the whole application: a filter on the application makes PySide6 wrap
every object that receives an event (Qt's private gesture manager among them, whose unknown
class costs it about a hundred enum types), some 50 ms that a real start never spends."""

BARE_PROGRAM = (
    _WATCH
    + """\
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv[:1])
window = QWidget()
window.resize(640, 480)
window.show()
_watch(1)
app.exec()
"""
)
"""The floor: PySide6 showing one empty window."""

APP_PROGRAM = (
    _WATCH
    + """\
import floorclock.ui.app as app_module
_show_meeting = app_module.show_meeting
def show_meeting(*args, **kwargs):
    running = _show_meeting(*args, **kwargs)
    _watch(3)
    return running
app_module.show_meeting = show_meeting
from floorclock.cli import main
sys.exit(main(sys.argv[1:]))
"""
)
"""The real program through its command line. In both programs the watcher starts once the
windows are shown and before the event loop paints them, so the program's own order of
imports and work is measured as it is."""


@dataclass(frozen=True)
class Start:
    seconds: float
    peak_mb: float


def start_once(program: str, args: list[str], env: dict[str, str]) -> Start:
    """Start a program; seconds until it says all its windows have painted, and its peak RSS."""
    began = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", program, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=ROOT,
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    took = time.perf_counter() - began
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    child.stdout.close()
    if line != b"shown\n":
        raise RuntimeError(f"the program did not show its windows (exit {child.returncode})")
    return Start(took, usage.ru_maxrss / 1024)  # ru_maxrss is in KiB on Linux


def measure_startup(plan: Plan, work: Path, env: dict[str, str]) -> dict[str, Any]:
    """Start-up time and peak memory, each program run alternately with the bare window."""
    template = write_meeting(work / "template", env)
    counter = iter(range(10**6))

    def app_args(with_speakers: bool) -> list[str]:
        folder = fresh_copy(template if with_speakers else None, work / f"run-{next(counter)}")
        return ["--data-dir", str(folder)]

    # One warm-up of each writes the bytecode caches; its figures are not kept.
    start_once(BARE_PROGRAM, [], env)
    start_once(APP_PROGRAM, app_args(False), env)
    start_once(APP_PROGRAM, app_args(True), env)

    bare: list[Start] = []
    new: list[Start] = []
    resumed: list[Start] = []
    for round_ in range(plan.startups):
        pair = [("bare", []), ("new", app_args(False))]
        if round_ < plan.memory_runs:
            pair.append(("resumed", app_args(True)))
        if round_ % 2:
            pair.reverse()
        for kind, args in pair:
            program = BARE_PROGRAM if kind == "bare" else APP_PROGRAM
            result = start_once(program, args, env)
            {"bare": bare, "new": new, "resumed": resumed}[kind].append(result)
    # A first start with this agenda (none checked before, as after an edit of the file).
    unchecked = [
        start_once(
            APP_PROGRAM,
            app_args(False),
            {**env, "XDG_CACHE_HOME": str(fresh_copy(None, work / f"cache-{next(counter)}"))},
        )
        for _ in range(plan.memory_runs)
    ]
    bare_s = statistics.median(r.seconds for r in bare)
    bare_mb = statistics.median(r.peak_mb for r in bare)
    new_s = statistics.median(r.seconds for r in new)
    resumed_mb = statistics.median(r.peak_mb for r in resumed)
    return {
        "startup_s": new_s,
        "startup_ratio": new_s / bare_s,
        "rss_mb": resumed_mb,
        "rss_ratio": resumed_mb / bare_mb,
        "info": {
            "bare_startup_s": bare_s,
            "bare_rss_mb": bare_mb,
            "startup_runs_s": [round(r.seconds, 3) for r in new],
            "bare_runs_s": [round(r.seconds, 3) for r in bare],
            "resumed_startup_s": statistics.median(r.seconds for r in resumed),
            "first_startup_with_this_agenda_s": statistics.median(r.seconds for r in unchecked),
            "new_meeting_rss_mb": statistics.median(r.peak_mb for r in new),
        },
    }


# -- idle CPU --------------------------------------------------------------------------------

IDLE_PROGRAM = """\
import os, sys
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from floorclock.ui.app import Options, start
from pathlib import Path
running = start(Options(data_dir=Path(sys.argv[1])))
meeting, bridge = running.meeting, running.bridge
bridge.run(lambda: meeting.open_session("session-1"))
bridge.run(meeting.call_next)
bridge.run(meeting.start_timer)
assert meeting.timer().phase == "running"
os.write(1, b"running\\n")
app.exec()
"""


def cpu_seconds(pid: int) -> float:
    """CPU time used so far by every thread of a process (from ``/proc``, in nanoseconds)."""
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/schedstat") as stat:
                total += int(stat.read().split()[0])
        except (FileNotFoundError, ProcessLookupError):  # a thread that just ended
            continue
    return total / 1e9


def measure_idle(plan: Plan, work: Path, env: dict[str, str]) -> dict[str, Any]:
    folder = write_meeting(work / "idle", env)
    child = subprocess.Popen(
        [sys.executable, "-c", IDLE_PROGRAM, str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=ROOT,
    )
    try:
        assert child.stdout is not None
        if child.stdout.readline() != b"running\n":
            raise RuntimeError("the idle program did not start its timer")
        time.sleep(2.0)  # start-up's last paints and allocations settle
        cpu0, wall0 = cpu_seconds(child.pid), time.monotonic()
        time.sleep(plan.idle_seconds)
        cpu1, wall1 = cpu_seconds(child.pid), time.monotonic()
    finally:
        child.terminate()
        child.wait()
    return {
        "idle_cpu_percent": 100 * (cpu1 - cpu0) / (wall1 - wall0),
        "info": {"idle_cpu_seconds": cpu1 - cpu0, "idle_wall_seconds": wall1 - wall0},
    }


# -- flip lag and action latency (in a child: ``--part gui``) ---------------------------------


def fixed_work() -> int:
    """The same pure-Python work every time (some milliseconds: the order of a key's): timed
    like the keys, its spread is the machine's, not FloorClock's (``fixed_work_*``)."""
    total = 0
    for number in range(40_000):
        total += number * number % 7
    return total


def timed_fixed_work() -> float:
    """Milliseconds :func:`fixed_work` took this time."""
    began = time.monotonic()
    fixed_work()
    return (time.monotonic() - began) * 1000


def gui_part(plan: Plan) -> dict[str, Any]:
    """The three windows on the real clock; every paint of the digits and of each window."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QWidget

    from floorclock.core.clock import SystemClock
    from floorclock.ui import digits as digits_module
    from floorclock.ui.app import Options, start

    app = QApplication.instance() or QApplication(sys.argv[:1])

    # Every paint of a countdown: which widget, when it ended (monotonic), what it drew.
    digit_paints: list[tuple[int, float, str]] = []
    original_paint = digits_module.Digits.paintEvent

    def timed_paint(self: Any, event: Any) -> None:
        original_paint(self, event)
        digit_paints.append((id(self), time.monotonic(), self.text()))

    digits_module.Digits.paintEvent = timed_paint  # type: ignore[method-assign]

    class PaintWatch(QObject):
        """Notes which top-level windows received a paint event."""

        def __init__(self) -> None:
            super().__init__()
            self.painted: set[int] = set()

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
                self.painted.add(id(watched.window()))
            return False

    work = Path(tempfile.mkdtemp(prefix="floorclock-bench-gui-"))
    folder = write_meeting(work / "data", child_env())
    running = start(Options(data_dir=folder), SystemClock())
    meeting, bridge, chair = running.meeting, running.bridge, running.chair
    windows = {
        id(w): name
        for w, name in zip(running.windows(), ["chair", "display", "secretariat"], strict=False)
    }

    def spin(seconds: float) -> None:
        loop = QEventLoop()
        QTimer.singleShot(round(seconds * 1000), loop.quit)
        loop.exec()

    spin(1.0)
    chair.activateWindow()
    spin(0.3)
    bridge.run(lambda: meeting.open_session("session-1"))
    bridge.run(meeting.call_next)

    # -- flips: the countdown runs; nothing else happens -------------------------------------
    digit_paints.clear()
    bridge.run(meeting.start_timer)
    before = time.monotonic()
    reading = meeting.timer()
    after = time.monotonic()
    assert reading is not None
    assert reading.phase == "running"
    zero = (before + after) / 2 - reading.spoken  # when the spoken time was 0 (monotonic)
    limit = reading.limit
    spin(plan.flips + 1.2)
    watched = {id(running.display.digits): "display", id(chair.digits): "chair"}
    first_paint: dict[tuple[str, str], float] = {}
    for widget, ended, text in digit_paints:
        if widget in watched:
            first_paint.setdefault((watched[widget], text), ended)
    lags: list[float] = []
    for (where, text), ended in first_paint.items():
        if where != "display" or text.startswith("+"):
            continue
        minutes, seconds = text.split(":")
        shown = int(minutes) * 60 + int(seconds)
        if shown >= limit:
            continue  # the first digits, drawn when the timer started: not a flip
        truly = zero + (limit - shown)  # the moment the remaining time reached ``shown``
        chair_end = first_paint.get(("chair", text), ended)
        lags.append((max(ended, chair_end) - truly) * 1000)
    bridge.run(meeting.pause_timer)

    # -- actions: keys on the chair console until all three windows have painted -----------
    # On every widget of the three windows rather than on the application (see _WATCH).
    watch = PaintWatch()
    watched_widgets = [
        w for window in running.windows() for w in [window, *window.findChildren(QWidget)]
    ]
    for widget in watched_widgets:
        widget.installEventFilter(watch)
    keys = [Qt.Key.Key_N, Qt.Key.Key_Space, Qt.Key.Key_Space, Qt.Key.Key_Plus]
    names = {Qt.Key.Key_N: "call next", Qt.Key.Key_Plus: "extend"}
    rng = random.Random(1)
    latencies: list[float] = []
    by_action: dict[str, list[float]] = {}
    unpainted: dict[str, int] = {}
    events_before = len(meeting.events)
    fixed: list[float] = []
    for number in range(plan.actions):
        key = keys[number % len(keys)]
        # The machine's own spread, in the same minutes as the keys: a fixed piece of work,
        # after the same kind of pause (see fixed_work).
        spin(rng.uniform(0.12, 0.25))
        fixed.append(timed_fixed_work())
        spin(rng.uniform(0.12, 0.25))  # let ticks and the last action's paints pass
        app.processEvents()
        watch.painted.clear()
        pressed = time.monotonic()
        QTest.keyClick(chair, key)
        # The command, the journal and whatever the windows painted at once: never less.
        done = time.monotonic()
        deadline = pressed + 0.5
        while len(watch.painted) < len(windows) and time.monotonic() < deadline:
            seen = len(watch.painted)
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)
            now = time.monotonic()
            if len(watch.painted) > seen:
                done = now
            elif now - done > QUIET_S:
                break  # a window with nothing new to show does not repaint
            elif now - done > 0.002:
                # Not thousands of empty passes: PySide6 6.12 on Python 3.11 drops a
                # reference to None at each call of a void method (processEvents too), and
                # None's count running out stops the interpreter (see docs/performance.md).
                time.sleep(0.001)
        for window_id, name in windows.items():
            if window_id not in watch.painted:
                unpainted[name] = unpainted.get(name, 0) + 1
        took = (done - pressed) * 1000
        latencies.append(took)
        if key == Qt.Key.Key_Space:
            name = "start" if number % len(keys) == 1 else "pause"
        else:
            name = names[key]
        by_action.setdefault(name, []).append(took)
    for widget in watched_widgets:
        widget.removeEventFilter(watch)
    # The same work again, back to back with no pause: a spread here too is the machine
    # under load; none here but some after the pauses is the machine waking up.
    back_to_back = [timed_fixed_work() for _ in fixed]
    actions_done = len({e.action for e in meeting.events[events_before:]})
    running.close()
    shutil.rmtree(work, ignore_errors=True)
    return {
        "flip_lag_p50_ms": percentile(lags, 0.5),
        "flip_lag_p99_ms": percentile(lags, 0.99),
        "action_latency_p50_ms": percentile(latencies, 0.5),
        "action_latency_p99_ms": percentile(latencies, 0.99),
        "info": {
            "flips": len(lags),
            "flip_lag_max_ms": max(lags, default=float("nan")),
            "actions": len(latencies),
            "actions_taken_by_the_engine": actions_done,
            "action_latency_max_ms": max(latencies, default=float("nan")),
            "action_latency_p50_by_action_ms": {
                name: round(percentile(values, 0.5), 2) for name, values in by_action.items()
            },
            "action_latency_p99_by_action_ms": {
                name: round(percentile(values, 0.99), 2) for name, values in by_action.items()
            },
            "windows_that_did_not_repaint": unpainted,
            "fixed_work_p50_ms": round(percentile(fixed, 0.5), 2),
            "fixed_work_p99_ms": round(percentile(fixed, 0.99), 2),
            "fixed_work_back_to_back_p50_ms": round(percentile(back_to_back, 0.5), 2),
            "fixed_work_back_to_back_p99_ms": round(percentile(back_to_back, 0.99), 2),
        },
    }


# -- the engine (in a child: ``--part engine``) -----------------------------------------------


def engine_part(plan: Plan) -> dict[str, Any]:
    """Queue operations and the forecast with 5,000 waiting, and loading a 100,000-event
    journal, with the pieces of ``benchmarks/engine.py``."""
    import engine

    from floorclock.core.clock import SystemClock
    from floorclock.core.meeting import Meeting
    from floorclock.store.journal import Journal

    rng = random.Random(28082023)
    operations, forecast_rounds = _queue_operations(plan, rng)
    forecasts = [t for timings in forecast_rounds for t in timings]
    gc.collect()

    lines = engine.replay_journal(rng)
    work = Path(tempfile.mkdtemp(prefix="floorclock-bench-replay-"))
    replays: list[float] = []
    for number in range(plan.replays):
        path = work / f"meeting-{number}.jsonl"
        path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        gc.collect()
        began = time.perf_counter()
        journal = Journal(path)
        found = journal.load()
        replayed = Meeting.replay(found.events, SystemClock())
        replays.append(time.perf_counter() - began)
        assert len(replayed.events) == len(lines)
        assert not found.problems
        journal.close()
        del journal, found, replayed
    shutil.rmtree(work, ignore_errors=True)
    hostile = _hostile_reads()
    # An operation's figure (and the forecast's) is the median of its rounds' 99th
    # percentiles: one burst of another process on this 2-core machine spoils one round, not
    # the figure.
    p99 = {
        name: statistics.median(percentile(timings, 0.99) for timings in rounds)
        for name, rounds in operations.items()
    }
    everything = {
        name: [t for timings in rounds for t in timings] for name, rounds in operations.items()
    }
    return {
        "queue_op_ms": max(p99.values()),
        "forecast_ms": statistics.median(percentile(t, 0.99) for t in forecast_rounds),
        "replay_100k_s": statistics.median(replays),
        "info": {
            "queue_op_p99_ms": {name: round(value, 3) for name, value in p99.items()},
            "queue_op_max_ms": {name: round(max(v), 3) for name, v in everything.items()},
            "queue_op_median_ms": {
                name: round(statistics.median(v), 3) for name, v in everything.items()
            },
            "forecast_median_ms": statistics.median(forecasts),
            "forecast_max_ms": max(forecasts),
            "replay_runs_s": [round(r, 3) for r in replays],
            "hostile_input_slowest_s": round(max(hostile.values()), 3),
            "hostile_input_slowest": max(hostile, key=lambda shape: hostile[shape]),
        },
    }


def _hostile_reads() -> dict[str, float]:
    """Seconds each reader of outside files (a CSV list of speakers, a journal, an agenda)
    takes on the tests' hostile inputs of about 1 MB (``tests/store/hostile_inputs.py``),
    answer or documented error; one read of each."""
    sys.path.insert(0, str(ROOT / "tests" / "store"))
    import hostile_inputs

    from floorclock.store.agenda_file import (
        AgendaError,
        bundled_agenda_path,
        load_agenda,
        load_agenda_text,
    )
    from floorclock.store.journal import read_journal
    from floorclock.store.speaker_csv import SpeakerImportError, read_speakers_csv

    categories = load_agenda(bundled_agenda_path()).categories
    work = Path(tempfile.mkdtemp(prefix="floorclock-bench-hostile-"))
    seconds: dict[str, float] = {}

    def timed(name: str, read: Callable[..., object], *given: object) -> None:
        gc.collect()
        began = time.perf_counter()
        with contextlib.suppress(AgendaError, SpeakerImportError):  # a refusal is an answer
            read(*given)
        seconds[name] = time.perf_counter() - began

    for shape, data in hostile_inputs.hostile_csv().items():
        speakers = work / "speakers.csv"
        speakers.write_bytes(data)
        timed(f"csv: {shape}", read_speakers_csv, speakers, categories)
    for number, (shape, data) in enumerate(hostile_inputs.hostile_journals().items()):
        journal = work / f"journal-{number}.jsonl"  # a damaged one is set aside beside it
        journal.write_bytes(data)
        timed(f"journal: {shape}", read_journal, journal)
    for shape, data in hostile_inputs.hostile_agendas().items():
        timed(f"agenda: {shape}", load_agenda_text, data, "hostile.yaml")
    shutil.rmtree(work, ignore_errors=True)
    return seconds


ROUNDS = 3
"""Each queue operation is timed in this many rounds, taken in turn with the others."""


def _queue_operations(
    plan: Plan, rng: random.Random
) -> tuple[dict[str, list[list[float]]], list[list[float]]]:
    """Milliseconds of each queue operation and of the forecast (one list per round), with
    5,000 waiting."""
    import engine

    meeting, clock = engine.long_list(rng)
    settle_after_load()
    runs = plan.engine_runs
    chosen: list[str] = []

    def choose() -> None:
        chosen[:] = [rng.choice(meeting.waiting().ids())]

    operations: dict[str, list[list[float]]] = {}
    forecasts: list[list[float]] = []
    for _ in range(ROUNDS):
        operations.setdefault("inscribe", []).append(
            engine.timed(lambda: engine.inscribe_one(meeting, rng), runs)
        )
        operations.setdefault("move", []).append(
            engine.timed(
                lambda: meeting.move(chosen[0], rng.randrange(engine.WAITING)), runs, setup=choose
            )
        )
        operations.setdefault("withdraw", []).append(
            engine.timed(lambda: meeting.withdraw(chosen[0]), runs, setup=choose)
        )
        operations.setdefault("call next", []).append(
            engine.timed(meeting.call_next, runs, setup=lambda: clock.advance(1))
        )
        forecasts.append(engine.timed(meeting.forecast, runs))
    return operations, forecasts


def settle_after_load() -> None:
    """What the program does once its journal is loaded (see ``floorclock.ui.app``)."""
    try:
        from floorclock.ui.app import settle_memory
    except ImportError:  # an older FloorClock
        return
    settle_memory()


# -- running the parts -----------------------------------------------------------------------


def room_env(env: dict[str, str], work: Path) -> dict[str, str]:
    """``env`` with Qt's offscreen platform showing :data:`ROOM_SCREENS`."""
    layout = work / "room-screens.json"
    layout.write_text(json.dumps(ROOM_SCREENS))
    return env | {"QT_QPA_PLATFORM": f"offscreen:configfile={layout}"}


def room_figures(result: dict[str, Any]) -> dict[str, Any]:
    """The figures of a gui part run on the room's screens, named ``room_*``."""
    info = result.get("info", {})
    return {
        "room_flip_lag_p50_ms": round(result["flip_lag_p50_ms"], 2),
        "room_flip_lag_p99_ms": round(result["flip_lag_p99_ms"], 2),
        "room_action_latency_p50_ms": round(result["action_latency_p50_ms"], 2),
        "room_action_latency_p99_ms": round(result["action_latency_p99_ms"], 2),
        "room_action_latency_p50_by_action_ms": info.get("action_latency_p50_by_action_ms"),
        "room_action_latency_p99_by_action_ms": info.get("action_latency_p99_by_action_ms"),
        "room_windows_that_did_not_repaint": info.get("windows_that_did_not_repaint"),
    }


def run_part(name: str, quick: bool, env: dict[str, str]) -> dict[str, Any]:
    """Run ``--part name`` in a fresh Python and return what it printed (one JSON object)."""
    command = [sys.executable, str(Path(__file__).resolve()), "--part", name]
    if quick:
        command.append("--quick")
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise RuntimeError(f"benchmark part {name!r} failed (exit {done.returncode})")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@contextmanager
def step(title: str) -> Iterator[None]:
    print(f"  {title} ...", end="", flush=True)
    began = time.perf_counter()
    yield
    print(f" {time.perf_counter() - began:.0f} s", flush=True)


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    import platform

    import PySide6

    model = ""
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as meminfo:
        kib = int(meminfo.readline().split()[1])
    return {
        "cores": str(os.cpu_count()),
        "cpu": model,
        "memory": f"{kib / 2**20:.0f} GiB",
        "os": platform.platform(),
        "python": platform.python_version(),
        "pyside6": PySide6.__version__,
    }


def report(figures: dict[str, float], info: dict[str, Any]) -> None:
    print()
    print(f"| {'figure':<24} | {'value':>10} | {'goal':<13} |    |")
    print(f"|{'-' * 26}|{'-' * 12}|{'-' * 15}|----|")
    for key in KEYS:
        value = figures[key]
        goal, text = GOALS.get(key, (None, ""))
        verdict = "" if goal is None else ("ok" if value < goal else "MISS")
        print(f"| {key:<24} | {value:>10.3f} | {text:<13} | {verdict:<2} |")
    print()
    for name, value in info.items():
        print(f"  {name}: {value}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="a short run (about one minute)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the figures to FILE")
    parser.add_argument(
        "--room",
        action="store_true",
        help="with --quick: measure the keys on three full-HD screens too (the full run does)",
    )
    parser.add_argument("--part", choices=("gui", "engine"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL

    if args.part is not None:
        part = gui_part if args.part == "gui" else engine_part
        print(json.dumps(part(plan)))
        return 0

    env = child_env()
    print(f"FloorClock benchmarks ({'quick' if args.quick else 'full'} run)")
    figures: dict[str, float] = {}
    info: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="floorclock-bench-") as scratch:
        work = Path(scratch)
        measurements: list[tuple[str, Callable[[], dict[str, Any]]]] = [
            ("start-up and memory", lambda: measure_startup(plan, work / "startup", env)),
            (f"idle CPU over {plan.idle_seconds:.0f} s", lambda: measure_idle(plan, work, env)),
            (
                f"flip lag ({plan.flips} flips), action latency ({plan.actions} keys)",
                lambda: run_part("gui", args.quick, env),
            ),
            ("engine: queue, forecast, replay", lambda: run_part("engine", args.quick, env)),
        ]
        if args.room or not args.quick:

            def in_the_room() -> dict[str, Any]:
                result = run_part("gui", args.quick, room_env(env, work))
                return {"info": room_figures(result)}

            measurements.append(("the same keys on three 1920x1080 screens", in_the_room))
        for title, measure in measurements:
            with step(title):
                result = measure()
            info.update(result.pop("info", {}))
            figures.update(result)
    report(figures, info)
    if args.json is not None:
        args.json.write_text(json.dumps({key: figures[key] for key in KEYS}, indent=2) + "\n")
        print(f"\nwrote {args.json}")
    print(f"\nmachine: {machine()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
