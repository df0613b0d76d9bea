"""What the consoles and the room display read: immutable rows and small views of the state."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from floorclock.core.queue import reason
from floorclock.core.state import MeetingState, SpeakerInfo


@dataclass(frozen=True, slots=True)
class WaitingSpeaker:
    """A speaker on the waiting list, with why they stand where they stand."""

    info: SpeakerInfo
    manual: bool
    """Placed by hand (moved or re-called): the ordering policy leaves them where they are."""
    frozen: bool
    """In the frozen top: a newcomer cannot take their place."""
    reason: str


@dataclass(frozen=True, slots=True)
class FloorView:
    """The speaker who has the floor, and when they were called."""

    info: SpeakerInfo
    called_at: datetime
    """In the meeting's time zone."""


@dataclass(frozen=True, slots=True)
class DisplayState:
    """What the room display is told: blank or not, and its message if any."""

    blank: bool
    message: str | None
    last_message: str | None = None
    """The newest message shown during the meeting, up or taken down (what the chair's field
    offers again, after a restart too)."""


class WaitingList(Sequence[WaitingSpeaker]):
    """A session's waiting speakers in order, built row by row as they are read.

    Valid until the next command; read it again after a notice.
    """

    def __init__(self, state: MeetingState, session_id: str) -> None:
        self._state = state
        self._order = list(state.session(session_id).queue.order)
        self._manual = state.session(session_id).queue.manual
        self._frozen = state.frozen_top

    def __len__(self) -> int:
        return len(self._order)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self._row(i) for i in range(*index.indices(len(self._order)))]
        if index < 0:
            index += len(self._order)
        if not 0 <= index < len(self._order):
            raise IndexError(index)
        return self._row(index)

    def ids(self) -> list[str]:
        return list(self._order)

    def _row(self, index: int) -> WaitingSpeaker:
        state = self._state
        info = state.speakers[self._order[index]]
        agenda = state.agenda
        manual = self._manual.get(info.id)
        frozen = index < self._frozen
        try:
            category_name = agenda.category(info.category).name
        except KeyError:
            category_name = info.category
        why = reason(
            category_name=category_name,
            group=info.group,
            inscribed_at=info.inscribed_at,
            zone=agenda.meeting.zone,
            policy=agenda.defaults.ordering,
            manual=manual,
            frozen=frozen,
        )
        return WaitingSpeaker(info, manual is not None, frozen, why)
