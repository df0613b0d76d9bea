"""The day's agenda as validated pydantic models.

This module only describes and checks the data; reading YAML and turning
validation errors into ``FILE:LINE:COLUMN`` messages is the job of
:mod:`floorclock.store.agenda_file`.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time
from itertools import pairwise
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

# ---------------------------------------------------------------------------
# Durations
# ---------------------------------------------------------------------------

MAX_SPEAKING_SECONDS = 60 * 60
"""No single intervention or presentation may be given more than an hour."""

MAX_BLOCK_SECONDS = 12 * 60 * 60
"""No session or floor budget may be longer than twelve hours."""

_UNIT_SECONDS = {"h": 3600, "m": 60, "s": 1}
_UNITS_RE = re.compile(r"^(?:(\d+(?:\.\d+)?)h)?\s*(?:(\d+(?:\.\d+)?)m)?\s*(?:(\d+(?:\.\d+)?)s)?$")
_CLOCK_RE = re.compile(r"^(\d+):([0-5]\d)(?::([0-5]\d))?$")

DURATION_HELP = "a duration such as 2m, 90s, 1:30, 1h, 1h30m or a number of seconds"


def brief(value: object, limit: int = 40) -> str:
    """``repr`` of a value, cut short so that a message stays on one readable line."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?", re.ASCII)


def parse_duration(value: object) -> int:
    """Turn ``2m``, ``90s``, ``1:30`` (m:ss), ``1:00:00`` (h:mm:ss), ``1h`` or seconds into seconds.

    Raises:
        ValueError: the value is not a duration, or is zero or negative.
    """
    wrong = ValueError(f"expected {DURATION_HELP}, got {brief(value)}")
    if isinstance(value, bool):
        raise wrong
    if isinstance(value, int | float):
        try:
            seconds = float(value)
        except OverflowError:
            raise wrong from None
    elif isinstance(value, str):
        text = value.strip().lower()
        sign = -1 if text.startswith("-") else 1
        text = text.removeprefix("-").strip()
        clock = _CLOCK_RE.match(text)
        units = _UNITS_RE.match(text.replace(" ", ""))
        if _NUMBER_RE.fullmatch(text):
            seconds = float(text)
        elif clock:
            first, second, third = clock.groups()
            if third is None:
                seconds = int(first) * 60 + int(second)
            else:
                seconds = int(first) * 3600 + int(second) * 60 + int(third)
        elif units and text:
            seconds = sum(
                float(amount) * _UNIT_SECONDS[unit]
                for amount, unit in zip(units.groups(), "hms", strict=True)
                if amount is not None
            )
        else:
            raise wrong
        seconds *= sign
    else:
        raise wrong
    if not math.isfinite(seconds):
        raise wrong
    if seconds <= 0:
        raise ValueError(f"a duration must be more than zero, got {brief(value)}")
    if seconds != int(seconds):
        raise ValueError(f"a duration is counted in whole seconds, got {brief(value)}")
    return int(seconds)


def format_duration(seconds: int) -> str:
    """Show a number of seconds the way the agenda file writes it (``2m``, ``1h30m``, ``90s``)."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    parts = [
        f"{hours}h" if hours else "",
        f"{minutes}m" if minutes else "",
        f"{secs}s" if secs else "",
    ]
    return "".join(parts) or "0s"


Duration = Annotated[int, BeforeValidator(parse_duration)]
"""A positive whole number of seconds, written in the file as ``2m``, ``90s``, ``1:30`` ..."""


def _limited(limit: int, what: str) -> Any:
    def check(value: int) -> int:
        if value > limit:
            raise ValueError(
                f"{format_duration(value)} is too long for {what} "
                f"(at most {format_duration(limit)})"
            )
        return value

    return check


def _parse_clock_time(value: object) -> object:
    """Accept a time of day written ``10:00`` or ``10:00:30``; a bare number is refused."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError(f"expected a time of day such as 10:00, got the number {brief(value)}")
    if isinstance(value, str):
        match = re.fullmatch(r"(\d{1,2}):(\d{2})(?::(\d{2}))?", value.strip())
        if not match:
            raise ValueError(f"expected a time of day such as 10:00, got {brief(value)}")
        hours, minutes = int(match[1]), int(match[2])
        seconds = int(match[3] or 0)
        if hours > 23 or minutes > 59 or seconds > 59:
            raise ValueError(f"{brief(value)} is not a time of day (00:00 to 23:59)")
        return time(hours, minutes, seconds)
    return value


ClockTime = Annotated[time, BeforeValidator(_parse_clock_time)]


# ---------------------------------------------------------------------------
# Models
# ---------------------------------------------------------------------------

MeetingFormat = Literal["in_person", "hybrid", "online"]
SessionKind = Literal["opening", "panel", "closing", "other"]
OrderingPolicy = Literal["precedence", "inscription", "alternate"]
"""How waiting speakers are ordered.

``precedence``: by category precedence, then order of inscription (the usual rule).
``inscription``: strictly in order of inscription.
``alternate``: States and the other categories take turns, each in order of inscription.
"""
SpeakerMode = Literal["room", "online", "video"]
"""In the room, live online, or a pre-recorded video statement played in the room."""

MAX_NAME = 200
"""Characters in a name, a title or any other short text (from the file or typed)."""
MAX_NOTE = 5000
"""Characters in a description or a note."""
MAX_MESSAGE = 120
"""Characters in a message on the room display."""
MAX_FROZEN_TOP = 20
"""The most imminent places that can be kept from being pushed down."""

Identifier = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]*$", max_length=40)]
ShortText = Annotated[str, Field(min_length=1, max_length=MAX_NAME)]
LongText = Annotated[str, Field(max_length=MAX_NOTE)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


_MACHINE_ZONES = frozenset({"localtime", "posixrules", "Factory"})
"""Names the zone database knows that mean "whatever this machine says", not a place."""


class MeetingInfo(_Model):
    """What the meeting is, where and when."""

    title: ShortText
    mandate: ShortText | None = None
    date: date
    timezone: str = "UTC"
    venue: ShortText | None = None
    format: MeetingFormat = "in_person"
    languages: list[Annotated[str, Field(min_length=1, max_length=40)]] = Field(
        default_factory=list
    )

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            if value in _MACHINE_ZONES:
                raise ValueError(value)
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            raise ValueError(
                f"{brief(value)} is not an IANA time zone name (for example Europe/Zurich)"
            ) from None
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


class Category(_Model):
    """A stakeholder category; the list order is the order of precedence."""

    id: Identifier
    name: ShortText
    label: Annotated[str, Field(min_length=1, max_length=12)]
    colour: Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$")] = "#888888"
    is_state: bool = False
    """True for the category that ``alternate`` ordering treats as States."""


class Defaults(_Model):
    """Settings that apply unless a session or a speaker says otherwise."""

    speaking_time: Duration = 120
    warning: Duration = 30
    """Seconds before the limit at which the timer turns amber."""
    ordering: OrderingPolicy = "precedence"
    frozen_top: Annotated[int, Field(ge=0, le=MAX_FROZEN_TOP)] = 2
    """How many imminent places a late higher-priority inscription cannot push down."""

    @model_validator(mode="after")
    def _sane(self) -> Defaults:
        _limited(MAX_SPEAKING_SECONDS, "a speaking time")(self.speaking_time)
        if self.warning >= self.speaking_time:
            raise ValueError(
                f"warning ({format_duration(self.warning)}) must be shorter than the "
                f"speaking time ({format_duration(self.speaking_time)})"
            )
        return self


class Panelist(_Model):
    name: ShortText
    role: ShortText | None = None
    presentation_time: Duration | None = None

    @field_validator("presentation_time")
    @classmethod
    def _sane(cls, value: int | None) -> int | None:
        return None if value is None else _limited(MAX_SPEAKING_SECONDS, "a presentation")(value)


class Floor(_Model):
    """The segment of a session in which participants take the floor."""

    budget: Duration
    speaking_time: Duration | None = None
    """Per intervention; the meeting default when not given."""
    categories: list[Identifier] | None = None
    """Which categories may inscribe; all of them when not given."""

    @field_validator("budget")
    @classmethod
    def _sane_budget(cls, value: int) -> int:
        return _limited(MAX_BLOCK_SECONDS, "a floor budget")(value)  # type: ignore[no-any-return]

    @field_validator("speaking_time")
    @classmethod
    def _sane_speaking(cls, value: int | None) -> int | None:
        return None if value is None else _limited(MAX_SPEAKING_SECONDS, "a speaking time")(value)


class Speaker(_Model):
    """A speaker inscribed on the list before the meeting."""

    name: ShortText
    delegation: ShortText | None = None
    category: Identifier
    mode: SpeakerMode = "room"
    group: ShortText | None = None
    """The group on whose behalf the statement is made, if any."""
    time_limit: Duration | None = None
    note: LongText = ""

    @field_validator("time_limit")
    @classmethod
    def _sane(cls, value: int | None) -> int | None:
        return None if value is None else _limited(MAX_SPEAKING_SECONDS, "a speaking time")(value)


class Session(_Model):
    """One part of the day: opening, a panel, closing."""

    id: Identifier
    title: ShortText
    kind: SessionKind = "other"
    start: ClockTime
    end: ClockTime
    description: LongText = ""
    moderator: ShortText | None = None
    panelists: list[Panelist] = Field(default_factory=list)
    floor: Floor | None = None
    concluding_remarks: Duration | None = None
    speakers: list[Speaker] = Field(default_factory=list)

    @property
    def scheduled_seconds(self) -> int:
        start = self.start.hour * 3600 + self.start.minute * 60 + self.start.second
        end = self.end.hour * 3600 + self.end.minute * 60 + self.end.second
        return end - start


class Agenda(_Model):
    """The whole day: the meeting, its categories, defaults and sessions."""

    meeting: MeetingInfo
    categories: Annotated[list[Category], Field(min_length=1)]
    defaults: Defaults = Field(default_factory=Defaults)
    sessions: Annotated[list[Session], Field(min_length=1)]

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> Agenda:
        """Check what no single field can: references, order of times, unique ids.

        When the caller passes ``context={"problems": []}``, each problem is added there
        with its location (a path of keys and indexes) and validation goes on; otherwise
        the first problems are raised together as one error.
        """
        problems = consistency_problems(self)
        sink = info.context.get("problems") if isinstance(info.context, dict) else None
        if isinstance(sink, list):
            sink.extend(problems)
        elif problems:
            raise ValueError("; ".join(message for _, message in problems))
        return self

    # -- lookups used by the engine and the windows ---------------------------------

    def category(self, category_id: str) -> Category:
        for category in self.categories:
            if category.id == category_id:
                return category
        raise KeyError(category_id)

    def session(self, session_id: str) -> Session:
        for session in self.sessions:
            if session.id == session_id:
                return session
        raise KeyError(session_id)

    def precedence(self, category_id: str) -> int:
        """0 for the first category in the list, 1 for the next, and so on."""
        return [c.id for c in self.categories].index(category_id)

    def floor_speaking_time(self, session_id: str) -> int:
        floor = self.session(session_id).floor
        if floor is not None and floor.speaking_time is not None:
            return floor.speaking_time
        return self.defaults.speaking_time

    def scheduled_start(self, session_id: str) -> datetime:
        """The session's scheduled start as an aware datetime in the meeting's zone."""
        return datetime.combine(
            self.meeting.date, self.session(session_id).start, self.meeting.zone
        )

    def scheduled_end(self, session_id: str) -> datetime:
        return datetime.combine(self.meeting.date, self.session(session_id).end, self.meeting.zone)


Location = tuple[str | int, ...]
"""Where a value stands in the agenda file: keys and list indexes from the top."""


def consistency_problems(agenda: Agenda) -> list[tuple[Location, str]]:
    """Every cross-field problem of an agenda whose fields are each valid on their own."""
    problems: list[tuple[Location, str]] = []
    _unique("category", "categories", [c.id for c in agenda.categories], problems)
    _unique("session", "sessions", [s.id for s in agenda.sessions], problems)
    known = {c.id for c in agenda.categories}
    choices = ", ".join(c.id for c in agenda.categories)
    for index, session in enumerate(agenda.sessions):
        here: Location = ("sessions", index)
        if session.end <= session.start:
            problems.append(
                (
                    (*here, "end"),
                    f"session {session.id!r} ends ({session.end:%H:%M}) before it starts "
                    f"({session.start:%H:%M}); the end must be later on the same day",
                )
            )
        elif session.scheduled_seconds > MAX_BLOCK_SECONDS:
            problems.append(
                (
                    (*here, "end"),
                    f"session {session.id!r} lasts {format_duration(session.scheduled_seconds)}; "
                    f"a session may last at most {format_duration(MAX_BLOCK_SECONDS)}",
                )
            )
        elif session.floor is not None and session.floor.budget > session.scheduled_seconds:
            problems.append(
                (
                    (*here, "floor", "budget"),
                    f"the floor budget ({format_duration(session.floor.budget)}) is longer than "
                    f"session {session.id!r} itself ({format_duration(session.scheduled_seconds)})",
                )
            )
        floor_time = session.floor.speaking_time if session.floor else None
        if floor_time is not None and floor_time <= agenda.defaults.warning:
            problems.append(
                (
                    (*here, "floor", "speaking_time"),
                    f"the speaking time ({format_duration(floor_time)}) is not longer than the "
                    f"warning ({format_duration(agenda.defaults.warning)}), so the timer would "
                    "be amber from the start; lengthen it or shorten defaults.warning",
                )
            )
        floor_categories = session.floor.categories if session.floor else None
        for position, ref in enumerate(floor_categories or []):
            if ref not in known:
                problems.append(
                    (
                        (*here, "floor", "categories", position),
                        f"category {ref!r} is not defined (defined: {choices})",
                    )
                )
        for position, speaker in enumerate(session.speakers):
            if speaker.category not in known:
                problems.append(
                    (
                        (*here, "speakers", position, "category"),
                        f"category {speaker.category!r} is not defined (defined: {choices})",
                    )
                )
    indexed = sorted(enumerate(agenda.sessions), key=lambda pair: pair[1].start)
    for (_, before), (index, after) in pairwise(indexed):
        if before.end > before.start and after.start < before.end:
            problems.append(
                (
                    ("sessions", index, "start"),
                    f"session {after.id!r} starts at {after.start:%H:%M}, before session "
                    f"{before.id!r} ends at {before.end:%H:%M}: sessions may not overlap",
                )
            )
    return problems


def _unique(what: str, key: str, values: list[str], problems: list[tuple[Location, str]]) -> None:
    seen: set[str] = set()
    for index, value in enumerate(values):
        if value in seen:
            problems.append(
                ((key, index, "id"), f"duplicate {what} id {value!r}: each id must be unique")
            )
        seen.add(value)


__all__ = [
    "Agenda",
    "Category",
    "ClockTime",
    "Defaults",
    "Duration",
    "Floor",
    "MeetingInfo",
    "OrderingPolicy",
    "Panelist",
    "Session",
    "SessionKind",
    "Speaker",
    "SpeakerMode",
    "brief",
    "consistency_problems",
    "format_duration",
    "parse_duration",
]
