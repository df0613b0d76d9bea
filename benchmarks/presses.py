"""Press a chair key N times on a resumed meeting whose clock moves only when told: the same
work in every run, for counting the instructions a key press costs.

On a shared machine a key press's time swings by a factor of two within the hour (see
docs/performance.md, "Noise"); its count of instructions moves by a fraction of a percent. Count
a run with ten presses and one with twenty under callgrind; the difference over ten is the cost
of one press, start-up and the resumed journal cancelling out::

    uv run python benchmarks/presses.py --prepare /tmp/presses
    valgrind --tool=callgrind --callgrind-out-file=/tmp/presses.10 \\
        .venv/bin/python benchmarks/presses.py /tmp/presses 10
    valgrind --tool=callgrind --callgrind-out-file=/tmp/presses.20 \\
        .venv/bin/python benchmarks/presses.py /tmp/presses 20

("Collected" in valgrind's summary; ``callgrind_annotate --inclusive=yes`` says where.) The
meeting is the benchmark's: 260 speakers inscribed in session 1, which is opened and its first
speaker called before the presses. The clock stands still but for 0.2 s after each press, so
that no forecast moves with the time of day: without that, counts made an hour apart differ
by more than the changes they are meant to compare. The ticker is stopped: its wakes follow
the real time, and how many fell between the presses would depend on the machine's speed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

SPEAKERS = 260
"""The 200 speakers of the figures' meeting, and enough for sixty calls on top."""


def prepare(folder: Path) -> None:
    """Write the meeting (its journal of inscriptions) into ``folder``, a new or empty one."""
    if folder.exists() and any(folder.iterdir()):
        raise SystemExit(f"{folder} is not empty: prepare the meeting in a new folder")
    sys.path.insert(0, str(Path(__file__).parent))
    from run import child_env, write_meeting

    write_meeting(folder, child_env(), speakers=SPEAKERS)


def last_event_time(folder: Path) -> datetime:
    """When the prepared meeting's last event was recorded."""
    journals = sorted((folder / "meetings").glob("*.jsonl"))
    if len(journals) != 1:
        found = f"{len(journals)} meetings" if journals else "no prepared meeting"
        raise SystemExit(f"{folder} holds {found}: prepare one with --prepare NEW_FOLDER")
    last_line = journals[0].read_text(encoding="utf-8").splitlines()[-1]
    stamp: str = json.loads(last_line)["at"]
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def press(template: Path, presses: int, key_name: str) -> None:
    """Resume a copy of the meeting in ``template``, call its first speaker, press the key."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from floorclock.core.clock import FakeClock
    from floorclock.ui.app import Options, start

    # 47 s after the last inscription, on the same day (the journal's name has the date).
    clock = FakeClock(wall=last_event_time(template) + timedelta(seconds=47), mono=30_000.0)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    work = Path(tempfile.mkdtemp(prefix="floorclock-presses-"))
    folder = work / "meeting"
    shutil.copytree(template, folder)
    running = start(Options(data_dir=folder), clock)
    meeting, bridge, chair = running.meeting, running.bridge, running.chair
    bridge.changed.disconnect(running.ticker.reschedule)
    running.ticker.stop()

    def spin(milliseconds: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(milliseconds, loop.quit)
        loop.exec()

    key = Qt.Key[f"Key_{key_name}"]  # checked by main()
    spin(300)
    chair.activateWindow()
    bridge.run(lambda: meeting.open_session("session-1"))
    bridge.run(meeting.call_next)
    spin(100)
    for _ in range(presses):
        QTest.keyClick(chair, key)
        for _ in range(5):
            app.processEvents()
        clock.advance(0.2)
        spin(20)
    running.close()
    shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="where the prepared meeting is")
    parser.add_argument("presses", type=int, nargs="?", default=10)
    parser.add_argument("--key", default="N", help="the chair key, as Qt names it (N, Space)")
    parser.add_argument("--prepare", action="store_true", help="write the meeting and stop")
    args = parser.parse_args()
    if args.presses < 0:
        parser.error("the number of presses cannot be negative")
    from PySide6.QtCore import Qt

    if f"Key_{args.key}" not in Qt.Key.__members__:
        parser.error(f"Qt has no key named {args.key!r} (try N, Space, Plus)")
    if args.prepare:
        prepare(args.folder)
    else:
        press(args.folder, args.presses, args.key)
    return 0


if __name__ == "__main__":
    sys.exit(main())
