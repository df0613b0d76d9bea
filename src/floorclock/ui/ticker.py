"""The one timer of the program: it wakes when a shown second is about to change.

Nothing in the windows counts ticks or polls: the time shown is always computed from the
meeting's clock, and the :class:`Ticker` only says *when* to look again. It asks the engine how
long until the next visible change and sleeps exactly that long, on a single-shot precise
``QTimer``:

* the speaking timer's next flip (:meth:`TimerReading.next_flip_in`), while it runs, or
  the next whole second spoken if that comes first (while the digits hold 0:00 at time up,
  the seconds spoken and the session's clock still move);
* the open session's clock, whose seconds are shown on the consoles and the display, while no
  speaking timer runs (while one runs, the session clock is refreshed on the speaker's flips:
  it may show a second up to one second late, and the program wakes once a second, not twice);
* the wall clock's next minute (the idle view and the forecast show ``HH:MM``).

With no timer running and no session open, it wakes once a minute and nothing else happens.

A timer of the event loop wakes a millisecond or two late, and its wait is counted in whole
milliseconds. So the ticker sets its timer :data:`LEAD_S` *before* the change. On waking it
tells the windows what is coming (``approaching``: they lay out the coming digits), sleeps
the rest of the lead away on the meeting's clock (:meth:`Clock.sleep`), and then tells them
the second has changed: the new digits are painted just after the second truly changes, not
two milliseconds later. The nap blocks the event loop for at most :data:`MAX_NAP_S` a
second, far less than a key press would notice.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from floorclock.ui.bridge import MeetingBridge

LEAD_S = 0.003
"""How long before a shown change the event loop's timer is set to wake."""

MAX_NAP_S = LEAD_S + 0.002
"""The longest nap after a wake: the lead, the rounding down of the wait to whole
milliseconds, and some room. Woken earlier than that (it should not happen), the ticker
refreshes the windows, which changes nothing, and sets its timer again."""

PAST_S = 0.00002
"""The nap ends this much after the change, so that the time read then is surely past it."""


class Ticker(QObject):
    """Tells the windows when the time they show has changed.

    Signals:
        approaching(at): a shown second is about to change; ``tick`` will come at the
            monotonic instant ``at`` (just past the change), a few milliseconds from now. Get
            ready to show what is due then (lay out the digits); show nothing yet.
        tick(): a shown second (or the shown minute) has just changed; refresh what shows
            time. Emitted only by the ticker's own timer.
    """

    approaching = Signal(float)
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
        if reading is not None and flip is not None:
            # Held at 0:00 for seconds at time up, the digits stand still, but the seconds
            # spoken and the session's clock go on: wake at the speech's next whole second
            # too (at the same instants as the digits' flips the rest of the time).
            candidates.append(min(flip, 1.0 - math.fmod(reading.spoken, 1.0)))
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
        """Set the timer for just before the next visible change (after a command, or after
        waking)."""
        # Rounded down to the millisecond (not counting float noise below a nanosecond): the
        # timer fires no later than LEAD_S before the change.
        wait_ms = math.floor((self.next_wake_in() - LEAD_S) * 1000 + 1e-6)
        self._timer.start(max(wait_ms, 0))

    def wake(self) -> None:
        """The timer fired, just before a shown change: let the windows prepare, nap until
        the change, then tell them."""
        clock = self._meeting.clock
        nap = self.next_wake_in()
        if nap <= MAX_NAP_S:
            told = clock.monotonic() + nap + PAST_S  # when the windows will be told
            self.approaching.emit(told)
            rest = told - clock.monotonic()
            if rest > 0:
                clock.sleep(rest)
        self.tick.emit()
        self.reschedule()

    def start(self) -> None:
        self.reschedule()

    def stop(self) -> None:
        self._timer.stop()
