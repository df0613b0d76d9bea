"""The one place where the meeting engine meets Qt.

The windows never call the engine's commands directly: they go through
:meth:`MeetingBridge.run`, which turns a refused command into a message instead of an
exception, and they learn about changes from the bridge's signals.

Signals:
    notice(object): every core notice (:mod:`floorclock.core.notices`), in order.
    changed(): after each action, once its notices are sent.
    refused(str, object): a command was refused; the sentence says why and what to do, and
        the second argument is who asked (the ``origin`` given to :meth:`run`, or ``None``),
        so that only that window shows it.
    journal_failed(str): the journal could not be written; timing goes on.
    journal_recovered(): every change waiting is written and synced again, nothing lost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Signal

from floorclock.core.meeting import CommandRefused, Meeting
from floorclock.core.notices import Changed

T = TypeVar("T")


class MeetingBridge(QObject):
    notice = Signal(object)
    changed = Signal()
    refused = Signal(str, object)
    journal_failed = Signal(str)
    journal_recovered = Signal()

    def __init__(self, meeting: Meeting, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.meeting = meeting
        self._unsubscribe = meeting.subscribe(self._forward)
        self._origins: dict[int, object] = {}
        """Who asked for each action taken through :meth:`run` (by the action's number)."""

    def origin_of(self, action: int | None) -> object | None:
        """Who asked for an action (a window, a model), or None if unknown (taken before
        this start, resumed from the journal, or run without an origin)."""
        return None if action is None else self._origins.get(action)

    def _forward(self, notice: object) -> None:
        self.notice.emit(notice)
        if isinstance(notice, Changed):
            self.changed.emit()

    def run(self, command: Callable[[], T], origin: object | None = None) -> T | None:
        """Run one engine command; a refusal becomes a ``refused`` message, not an exception.

        ``origin`` is the window (or model) the command came from: its refusal is for it.
        """
        meeting = self.meeting
        newest = meeting.newest_action
        try:
            result = command()
        except CommandRefused as refusal:
            self.refused.emit(str(refusal), origin)
            return None
        action = meeting.undoable_action
        if origin is not None and meeting.newest_action != newest and action == newest + 1:
            self._origins[action] = origin  # a new action, not an undo or a redo of one
        return result

    def close(self) -> None:
        self._unsubscribe()
