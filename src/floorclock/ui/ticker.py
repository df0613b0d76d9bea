"""The one timer of the program: it wakes when a shown second is about to change.

Nothing in the windows counts ticks or polls: the time shown is always computed from the
meeting's clock, and the :class:`Ticker` only says *when* to look again. It asks the engine how
long until the next visible change and sleeps exactly that long, on a single-shot precise
``QTimer``:

* the speaking timer's next flip (:meth:`TimerReading.next_flip_in`), while it runs;
* the open session's clock, whose seconds are shown on the consoles and the display, while no
  speaking timer runs (while one runs, the session clock is refreshed on the speaker's flips:
  it may show a second up to one second late, and the program wakes once a second, not twice);
* the wall clock's next minute (the idle view and the forecast show ``HH:MM``).

With no timer running and no session open, it wakes once a minute and nothing else happens.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from floorclock.ui.bridge import MeetingBridge


class Ticker(QObject):
    """Tells the windows when the time they show has changed.

    Signals:
        tick(): a shown second (or the shown minute) has just changed; refresh what shows
            time. Emitted only by the ticker's own timer.
    """

    tick = Signal()

    def __init__(self, bridge: MeetingBridge, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._meeting = bridge.meeting
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.wake)
        bridge.changed.connect(self.reschedule)

    def next_wake_in(self) -> float:
        """Seconds until the next change of anything a window shows."""
        meeting = self._meeting
        now = meeting.clock.now()
        candidates = [60.0 - (now.second + now.microsecond / 1_000_000)]
        reading = meeting.timer()
        flip = reading.next_flip_in() if reading is not None else None
        if flip is not None:
            candidates.append(flip)
        elif meeting.open_session_id is not None:
            elapsed = meeting.session_clock(meeting.open_session_id).elapsed
            candidates.append(1.0 - math.fmod(elapsed, 1.0))
        return max(min(candidates), 0.0)

    @property
    def interval_ms(self) -> int:
        """The wait the ticker has scheduled, in milliseconds (-1 when stopped)."""
        return self._timer.interval() if self._timer.isActive() else -1

    @property
    def is_active(self) -> bool:
        return self._timer.isActive()

    def reschedule(self) -> None:
        """Sleep until the next visible change (after a command, or after waking)."""
        # Rounded up to the millisecond so the wake-up is never before the change itself.
        wait_ms = math.ceil(self.next_wake_in() * 1000 - 1e-6)
        self._timer.start(max(wait_ms, 1))

    def wake(self) -> None:
        """The timer fired: a shown second has changed."""
        self.tick.emit()
        self.reschedule()

    def start(self) -> None:
        self.reschedule()

    def stop(self) -> None:
        self._timer.stop()
