"""Which events count, once undo and redo are taken into account.

Undo and redo are events themselves (:class:`ActionUndone`, :class:`ActionRedone`), so the
journal keeps everything that was ever done. An action's events count unless the last word
on that action is an undo. The record reads the events through :func:`effective_events`;
the meeting applies the same rule itself, event by event as they come
(``Meeting._counts``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from floorclock.core.events import ActionRedone, ActionUndone, Event


def undone_actions(events: Iterable[Event]) -> set[int]:
    """The actions whose events do not count."""
    undone: set[int] = set()
    for event in events:
        if isinstance(event, ActionUndone):
            undone.add(event.target)
        elif isinstance(event, ActionRedone):
            undone.discard(event.target)
    return undone


def effective_events(events: Sequence[Event]) -> list[Event]:
    """The events that make the state, in journal order, without undo and redo markers."""
    undone = undone_actions(events)
    return [
        event
        for event in events
        if not isinstance(event, ActionUndone | ActionRedone) and event.action not in undone
    ]
