"""Every change to a meeting, as a typed, versioned event.

Events are the journal's contract: each is one JSON object per line with a ``type``
discriminator, the format ``v`` (see :data:`JOURNAL_VERSION`), a sequence number ``seq``
(1, 2, 3 ... in journal order), the ``action`` it belongs to (one user command may
produce several events; undo and redo work on whole actions) and ``at``, the wall-clock
time in UTC at which it happened.

Each event is a frozen dataclass, made without any checking by the engine (whose commands
check their input). A line read from a journal is checked by pydantic against the annotations
(:func:`parse_event`); pydantic is imported then, not before.

Adding an optional field with a default keeps the version; anything else (removing or
renaming a field, changing a meaning) raises :data:`JOURNAL_VERSION` and documents a
migration in ``docs/architecture.md``.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any, ClassVar, Literal

from floorclock.core.agenda import MAX_FROZEN_TOP, MAX_MESSAGE, Checked, SpeakerMode, Then

JOURNAL_VERSION = 1
"""The journal format this code writes and reads."""


def _in_utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


Instant = Annotated[datetime, Checked(tz_constraint="aware"), Then(_in_utc)]
"""A wall-clock time with its offset, kept in UTC."""


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class _Event:
    """What every event has: its format, place in the journal, action and times."""

    __pydantic_config__: ClassVar = {"extra": "forbid"}

    v: Literal[1] = 1
    seq: Annotated[int, Checked(ge=1)]
    action: Annotated[int, Checked(ge=1)]
    at: Instant
    mono: float | None = None
    """The monotonic clock when it happened (seconds; see ``boot``). Optional: older lines and
    hand-made journals have none, and are placed by ``at``."""
    boot: str | None = None
    """Which run of the computer ``mono`` belongs to; on the same one, a replay places the
    event by ``mono``, so a change of the system clock moves no timer even across a restart."""

    # One equality and one repr for every kind of event, instead of a pair generated (and
    # compiled) for each of them at import: 10 to 15 ms of every start (docs/performance.md).
    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, f.name) for f in dataclasses.fields(self))

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, _Event)
            and type(other) is type(self)
            and (self._values() == other._values())
        )

    # equal by value, so not hashable by identity (and an agenda is a dict)
    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        fields = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in dataclasses.fields(self))
        return f"{type(self).__name__}({fields})"


# -- the meeting ------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class AgendaLoaded(_Event):
    """The agenda the meeting runs on (the whole agenda, as a mapping). First in every journal;
    again when the secretariat loads an edited agenda mid-meeting."""

    type: Literal["agenda_loaded"] = "agenda_loaded"
    agenda: dict[str, Any]


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class SessionOpened(_Event):
    """The chair opens a session: its clock starts now, whatever the schedule says."""

    type: Literal["session_opened"] = "session_opened"
    session_id: str


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class SessionClosed(_Event):
    """The chair closes a session: its clock stops."""

    type: Literal["session_closed"] = "session_closed"
    session_id: str


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class ListClosed(_Event):
    """No more inscriptions on this session's list of speakers."""

    type: Literal["list_closed"] = "list_closed"
    session_id: str


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class ListReopened(_Event):
    """Inscriptions on this session's list are taken again."""

    type: Literal["list_reopened"] = "list_reopened"
    session_id: str


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class FrozenTopSet(_Event):
    """How many imminent places a late higher-priority inscription cannot push down."""

    type: Literal["frozen_top_set"] = "frozen_top_set"
    count: Annotated[int, Checked(ge=0, le=MAX_FROZEN_TOP)]


# -- the list of speakers ---------------------------------------------------------------


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class SpeakerInscribed(_Event):
    """A speaker asks for the floor and is put on a session's list."""

    type: Literal["speaker_inscribed"] = "speaker_inscribed"
    speaker_id: str
    session_id: str
    name: str
    delegation: str | None = None
    category: str
    mode: SpeakerMode = "room"
    group: str | None = None
    time_limit: Annotated[int, Checked(gt=0)] | None = None
    note: str = ""


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
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
    time_limit: Annotated[int, Checked(ge=0)] | None = None
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


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class SpeakerWithdrawn(_Event):
    """A waiting speaker gives up the floor and leaves the list."""

    type: Literal["speaker_withdrawn"] = "speaker_withdrawn"
    speaker_id: str


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class SpeakerMoved(_Event):
    """A manual move to ``position`` (0 = next to speak) in the waiting list."""

    type: Literal["speaker_moved"] = "speaker_moved"
    speaker_id: str
    position: Annotated[int, Checked(ge=0)]


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class SpeakerMarkedAbsent(_Event):
    """Called but not there: passed over, kept aside to be re-called later."""

    type: Literal["speaker_marked_absent"] = "speaker_marked_absent"
    speaker_id: str


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class SpeakerRecalled(_Event):
    """An absent speaker goes back on the waiting list, at the head."""

    type: Literal["speaker_recalled"] = "speaker_recalled"
    speaker_id: str


# -- the floor --------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class SpeakerCalled(_Event):
    """The speaker takes the floor; their timer is ready with ``limit`` seconds."""

    type: Literal["speaker_called"] = "speaker_called"
    speaker_id: str
    limit: Annotated[int, Checked(gt=0)]


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class TimerStarted(_Event):
    """The speaking timer starts or resumes."""

    type: Literal["timer_started"] = "timer_started"
    speaker_id: str


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class TimerPaused(_Event):
    """The speaking timer stops; ``spoken`` is the exact spoken time so far, in seconds."""

    type: Literal["timer_paused"] = "timer_paused"
    speaker_id: str
    spoken: Annotated[float, Checked(ge=0)]


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class LimitChanged(_Event):
    """Extend (positive) or reduce (negative) the current speaker's time by ``seconds``."""

    type: Literal["limit_changed"] = "limit_changed"
    speaker_id: str
    seconds: int


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class TimerReset(_Event):
    """Back to ready with nothing spoken, the original limit kept."""

    type: Literal["timer_reset"] = "timer_reset"
    speaker_id: str


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class InterventionEnded(_Event):
    """The speaker leaves the floor; ``spoken`` is the exact spoken time, in seconds."""

    type: Literal["intervention_ended"] = "intervention_ended"
    speaker_id: str
    spoken: Annotated[float, Checked(ge=0)]


# -- the room display -------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class DisplayBlanked(_Event):
    """The room display goes blank, or comes back."""

    type: Literal["display_blanked"] = "display_blanked"
    blank: bool


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class DisplayMessage(_Event):
    """A short message on the room display (``None`` takes it down)."""

    type: Literal["display_message"] = "display_message"
    text: Annotated[str, Checked(max_length=MAX_MESSAGE)] | None = None


# -- history ----------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class ActionUndone(_Event):
    """The events of action ``target`` no longer count."""

    type: Literal["action_undone"] = "action_undone"
    target: Annotated[int, Checked(ge=1)]


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class ActionRedone(_Event):
    """The events of action ``target``, undone before, count again."""

    type: Literal["action_redone"] = "action_redone"
    target: Annotated[int, Checked(ge=1)]


Event = (
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
    | ActionRedone
)
"""Any event: each journal line is one of these, told apart by its ``type``."""


@functools.cache
def _event_adapter() -> Any:
    """pydantic's validator of journal lines, built at its first use (pydantic is imported then)."""
    from pydantic import Field, TypeAdapter

    return TypeAdapter(Annotated[Event, Field(discriminator="type")])


def parse_event(line: str | bytes) -> Event:
    """One journal line (JSON) as an event, every field checked.

    Raises:
        pydantic.ValidationError: the line is not a valid event (a ``ValueError``).
    """
    return _event_adapter().validate_json(line)  # type: ignore[no-any-return]


def event_from_data(data: Any) -> Event:
    """An event from a mapping, every field checked (as :func:`parse_event`)."""
    return _event_adapter().validate_python(data)  # type: ignore[no-any-return]


def renumbered(event: Event, seq: int) -> Event:
    """The same event at another place in the journal."""
    return dataclasses.replace(event, seq=seq)


def event_to_json(event: Event) -> str:
    """One journal line (without the newline)."""
    fields = {f.name: getattr(event, f.name) for f in dataclasses.fields(event)}
    fields["at"] = event.at.isoformat().replace("+00:00", "Z")
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
