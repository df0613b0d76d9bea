"""A test-only control channel: drive a running FloorClock from its standard input.

Enabled only when the environment variable ``FLOORCLOCK_DRIVER`` is ``stdin`` (this module is
not even imported otherwise). The end-to-end tests start the real program as a subprocess,
write one command per line to its standard input and read one answer per line from its
standard output. Nothing here is meant for people: the chair uses the keys.

Commands (arguments are separated by ``|``, so names may hold spaces):

* a chair key by its name in :data:`floorclock.ui.chair.CHAIR_KEYS` (``toggle``,
  ``call_next``, ``end``, ``extend``, ``reduce``, ``absent``, ``message``, ``blank``,
  ``session``, ``list``, ``undo``, ``redo``): the key's action is triggered, exactly as a
  key press would trigger it;
* ``start`` and ``pause``: the timer, without the toggle's "call the next speaker";
* ``inscribe NAME|CATEGORY``: put a speaker on the current session's list;
* ``open SESSION_ID``: open a session;
* ``state``: print the state as one JSON line (``state {...}``);
* ``quit``: close the windows and leave.

Answers:

* ``ready <seq>`` once, when the windows are up (``seq`` is the last event in the journal);
* ``ack <seq>`` after a command, only once every event up to ``seq`` is written and fsynced
  (a command that changes nothing is acknowledged with the same ``seq`` as before);
* ``unsaved <seq>`` when the command's events are only in memory (the journal cannot be
  written);
* ``refused <sentence>`` when the meeting refused the command (nothing changed);
* ``error <text>`` for a command the driver does not know.
"""

from __future__ import annotations

import json
import os
import sys
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier

if TYPE_CHECKING:
    from floorclock.ui.app import FloorClockApp

ENVIRONMENT = "FLOORCLOCK_DRIVER"
"""Set to ``stdin`` to drive FloorClock from its standard input."""

_KEY_COMMANDS = frozenset(
    {
        "toggle",
        "call_next",
        "end",
        "extend",
        "reduce",
        "absent",
        "message",
        "blank",
        "session",
        "list",
        "undo",
        "redo",
    }
)


class StdinDriver(QObject):
    """Reads commands from a file descriptor as they arrive, without blocking the event loop."""

    def __init__(self, app: FloorClockApp, fd: int = 0, out: Any = None) -> None:
        super().__init__(app.chair)
        self._app = app
        self._fd = fd
        self._out = out if out is not None else sys.stdout
        self._buffer = b""
        self._refusal: str | None = None
        app.bridge.refused.connect(self._refused)
        os.set_blocking(fd, False)
        self._notifier = QSocketNotifier(fd, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._readable)
        self._say(f"ready {self._last_seq()}")

    # -- input ------------------------------------------------------------------------

    def _readable(self) -> None:
        try:
            chunk = os.read(self._fd, 65536)
        except BlockingIOError:
            return
        if not chunk:  # the test closed our input: nothing more will come
            self._notifier.setEnabled(False)
            return
        self._buffer += chunk
        while b"\n" in self._buffer:
            line, self._buffer = self._buffer.split(b"\n", 1)
            self.handle(line.decode("utf-8", errors="replace").strip())

    def handle(self, line: str) -> None:
        """Run one command line and print its answer."""
        if not line:
            return
        word, _, rest = line.partition(" ")
        args = rest.split("|") if rest else []
        if word == "state":
            self._say("state " + json.dumps(self.state(), default=str, ensure_ascii=False))
            return
        if word == "quit":
            self._notifier.setEnabled(False)
            self._app.chair.close()
            QCoreApplication.quit()
            return
        meeting = self._app.meeting
        self._refusal = None
        if word in _KEY_COMMANDS:
            self._app.chair.actions_by_name[word].trigger()
        elif word == "start":
            self._app.bridge.run(meeting.start_timer)
        elif word == "pause":
            self._app.bridge.run(meeting.pause_timer)
        elif word == "inscribe" and len(args) == 2:
            self._app.bridge.run(lambda: meeting.inscribe(args[0], args[1]))
        elif word == "open" and len(args) == 1:
            self._app.bridge.run(lambda: meeting.open_session(args[0]))
        else:
            self._say(f"error unknown command {line!r}")
            return
        if self._refusal is not None:
            self._say(f"refused {self._refusal}")
        elif self._app.journal.pending or self._app.journal.failure:
            self._say(f"unsaved {self._last_seq()}")
        else:
            self._say(f"ack {self._last_seq()}")

    def _refused(self, text: str, origin: object = None) -> None:
        self._refusal = " ".join(text.split())

    # -- output -----------------------------------------------------------------------

    def state(self) -> dict[str, Any]:
        """What the tests compare: the meeting's snapshot, the timer, what the windows show."""
        app = self._app
        meeting = app.meeting
        reading = meeting.timer()
        floor = meeting.floor
        banner = app.chair._banner_text(app.chair.info_banner)
        return {
            "seq": self._last_seq(),
            "snapshot": meeting.snapshot(),
            "floor": None if floor is None else floor.info.name,
            "timer": None
            if reading is None
            else {
                "phase": reading.phase,
                "running": reading.running,
                "spoken": reading.spoken,
                "limit": reading.limit,
            },
            "digits": app.display.digits.text(),
            "banner": banner.text() if app.chair.info_banner.isVisibleTo(app.chair) else "",
            "journal_failure": app.journal.failure,
            "pending": len(app.journal.pending),
        }

    def _last_seq(self) -> int:
        events = self._app.meeting.events
        return events[-1].seq if events else 0

    def _say(self, text: str) -> None:
        self._out.write(text.replace("\n", " ") + "\n")
        self._out.flush()


def attach(app: FloorClockApp) -> StdinDriver | None:
    """Drive ``app`` from standard input when ``FLOORCLOCK_DRIVER=stdin``, else do nothing."""
    if os.environ.get(ENVIRONMENT) != "stdin":
        return None
    return StdinDriver(app)


__all__ = ["ENVIRONMENT", "StdinDriver", "attach"]
