"""Every change to a meeting, as a typed, versioned event.

Events are the journal's contract: each is one JSON object per line with a ``type``
discriminator, the format ``v`` (see :data:`JOURNAL_VERSION`), a sequence number ``seq``
(1, 2, 3 ... in journal order), the ``action`` it belongs to (one user command may
produce several events; undo and redo work on whole actions) and ``at``, the wall-clock
time in UTC at which it happened.

Adding an optional field with a default keeps the version; anything else (removing or
renaming a field, changing a meaning) raises :data:`JOURNAL_VERSION` and documents a
migration in ``docs/architecture.md``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, TypeAdapter, field_validator

from floorclock.core.agenda import MAX_FROZEN_TOP, MAX_MESSAGE, SpeakerMode

JOURNAL_VERSION = 1
"""The journal format this code writes and reads."""


class _Event(BaseModel):
    # defer_build: each event type builds its validator when first used, not at import (a new
    # meeting's start-up uses two of them; see docs/performance.md).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    v: Literal[1] = 1
    seq: int = Field(ge=1)
    action: int = Field(ge=1)
    at: AwareDatetime
    mono: float | None = None
    """The monotonic clock when it happened (seconds; see ``boot``). Optional: older lines and
    hand-made journals have none, and are placed by ``at``."""
    boot: str | None = None
    """Which run of the computer ``mono`` belongs to; on the same one, a replay places the
    event by ``mono``, so a change of the system clock moves no timer even across a restart."""

    @field_validator("at")
    @classmethod
    def _in_utc(cls, value: datetime) -> datetime:
        return value.astimezone(UTC)


# -- the meeting ------------------------------------------------------------------------


class AgendaLoaded(_Event):
    """The agenda the meeting runs on (the whole agenda, as a mapping). First in every journal;
    again when the secretariat loads an edited agenda mid-meeting."""

    type: Literal["agenda_loaded"] = "agenda_loaded"
    agenda: dict[str, Any]


class SessionOpened(_Event):
    """The chair opens a session: its clock starts now, whatever the schedule says."""

    type: Literal["session_opened"] = "session_opened"
    session_id: str


class SessionClosed(_Event):
    type: Literal["session_closed"] = "session_closed"
    session_id: str


class ListClosed(_Event):
    """No more inscriptions on this session's list of speakers."""

    type: Literal["list_closed"] = "list_closed"
    session_id: str


class ListReopened(_Event):
    type: Literal["list_reopened"] = "list_reopened"
    session_id: str


class FrozenTopSet(_Event):
    """How many imminent places a late higher-priority inscription cannot push down."""

    type: Literal["frozen_top_set"] = "frozen_top_set"
    count: int = Field(ge=0, le=MAX_FROZEN_TOP)


# -- the list of speakers ---------------------------------------------------------------


class SpeakerInscribed(_Event):
    type: Literal["speaker_inscribed"] = "speaker_inscribed"
    speaker_id: str
    session_id: str
    name: str
    delegation: str | None = None
    category: str
    mode: SpeakerMode = "room"
    group: str | None = None
    time_limit: int | None = Field(default=None, gt=0)
    note: str = ""


class SpeakerEdited(_Event):
    """Only the fields given change. An empty ``delegation`` or ``group`` clears it, and a
    ``time_limit`` of 0 clears the speaker's own limit (see :meth:`changes`)."""

    type: Literal["speaker_edited"] = "speaker_edited"
    speaker_id: str
    name: str | None = None
    delegation: str | None = None
    category: str | None = None
    mode: SpeakerMode | None = None
    group: str | None = None
    time_limit: int | None = Field(default=None, ge=0)
    note: str | None = None

    def changes(self) -> dict[str, Any]:
        """The speaker's fields as they become, with cleared ones as ``None``.

        The one reading of an edit: the meeting state and the record both use it.
        """
        changed: dict[str, Any] = {
            name: value
            for name in ("name", "category", "mode", "note")
            if (value := getattr(self, name)) is not None
        }
        for name in ("delegation", "group", "time_limit"):
            value = getattr(self, name)
            if value is not None:
                changed[name] = value or None
        return changed


class SpeakerWithdrawn(_Event):
    type: Literal["speaker_withdrawn"] = "speaker_withdrawn"
    speaker_id: str


class SpeakerMoved(_Event):
    """A manual move to ``position`` (0 = next to speak) in the waiting list."""

    type: Literal["speaker_moved"] = "speaker_moved"
    speaker_id: str
    position: int = Field(ge=0)


class SpeakerMarkedAbsent(_Event):
    """Called but not there: passed over, kept aside to be re-called later."""

    type: Literal["speaker_marked_absent"] = "speaker_marked_absent"
    speaker_id: str


class SpeakerRecalled(_Event):
    """An absent speaker goes back on the waiting list, at the head."""

    type: Literal["speaker_recalled"] = "speaker_recalled"
    speaker_id: str


# -- the floor --------------------------------------------------------------------------


class SpeakerCalled(_Event):
    """The speaker takes the floor; their timer is ready with ``limit`` seconds."""

    type: Literal["speaker_called"] = "speaker_called"
    speaker_id: str
    limit: int = Field(gt=0)


class TimerStarted(_Event):
    """The speaking timer starts or resumes."""

    type: Literal["timer_started"] = "timer_started"
    speaker_id: str


class TimerPaused(_Event):
    """The speaking timer stops; ``spoken`` is the exact spoken time so far, in seconds."""

    type: Literal["timer_paused"] = "timer_paused"
    speaker_id: str
    spoken: float = Field(ge=0)


class LimitChanged(_Event):
    """Extend (positive) or reduce (negative) the current speaker's time by ``seconds``."""

    type: Literal["limit_changed"] = "limit_changed"
    speaker_id: str
    seconds: int


class TimerReset(_Event):
    """Back to ready with nothing spoken, the original limit kept."""

    type: Literal["timer_reset"] = "timer_reset"
    speaker_id: str


class InterventionEnded(_Event):
    """The speaker leaves the floor; ``spoken`` is the exact spoken time, in seconds."""

    type: Literal["intervention_ended"] = "intervention_ended"
    speaker_id: str
    spoken: float = Field(ge=0)


# -- the room display -------------------------------------------------------------------


class DisplayBlanked(_Event):
    type: Literal["display_blanked"] = "display_blanked"
    blank: bool


class DisplayMessage(_Event):
    """A short message on the room display (``None`` takes it down)."""

    type: Literal["display_message"] = "display_message"
    text: str | None = Field(default=None, max_length=MAX_MESSAGE)


# -- history ----------------------------------------------------------------------------


class ActionUndone(_Event):
    """The events of action ``target`` no longer count."""

    type: Literal["action_undone"] = "action_undone"
    target: int = Field(ge=1)


class ActionRedone(_Event):
    """The events of action ``target``, undone before, count again."""

    type: Literal["action_redone"] = "action_redone"
    target: int = Field(ge=1)


Event = Annotated[
    AgendaLoaded
    | SessionOpened
    | SessionClosed
    | ListClosed
    | ListReopened
    | FrozenTopSet
    | SpeakerInscribed
    | SpeakerEdited
    | SpeakerWithdrawn
    | SpeakerMoved
    | SpeakerMarkedAbsent
    | SpeakerRecalled
    | SpeakerCalled
    | TimerStarted
    | TimerPaused
    | LimitChanged
    | TimerReset
    | InterventionEnded
    | DisplayBlanked
    | DisplayMessage
    | ActionUndone
    | ActionRedone,
    Field(discriminator="type"),
]

EVENT_ADAPTER: TypeAdapter[Event] = TypeAdapter(Event, config=ConfigDict(defer_build=True))
"""Parses one journal line: ``EVENT_ADAPTER.validate_json(line)``."""


def build_validators() -> None:
    """Build every event type's validator now rather than at its first use.

    They are deferred so that start-up does not pay for them (see ``defer_build``); the
    program calls this once its windows are up, so that the first pause or call of the day
    does not wait some milliseconds for its event type to be built.
    """
    for event_type in _Event.__subclasses__():
        event_type.model_rebuild(force=True)
    EVENT_ADAPTER.rebuild(force=True)


def event_to_json(event: Event) -> str:
    """One journal line (without the newline)."""
    return event.model_dump_json(exclude_none=False)
