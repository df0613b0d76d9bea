"""The day's agenda: what the meeting is, its categories, defaults and sessions.

The agenda is a tree of frozen dataclasses. Their annotations carry the rules of the file
(``Checked``, ``Parsed``, ``Then``), which pydantic applies when it validates a mapping into an
agenda (:func:`parse_agenda`); pydantic is imported only then, so a start-up that reuses an
agenda validated before (see :mod:`floorclock.store.agenda_cache`) never imports it.

Reading YAML and turning validation errors into ``FILE:LINE:COLUMN`` messages is the job of
:mod:`floorclock.store.agenda_file`.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from itertools import pairwise
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from floorclock.core.text import clean_text

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema

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
_UNIT_WORDS = re.compile(r"(?<=[\d\s])(hours?|hrs?|minutes?|mins?|seconds?|secs?)(?=[\d\s]|$)")
"""Units as people type them ("3 min", "90 sec", "1 hour"), read as h, m and s."""

DURATION_HELP = "a duration such as 2m, 90s, 1:30, 1h, 1h30m or a number of seconds"


def brief(value: object, limit: int = 40) -> str:
    """``repr`` of a value, cut short so that a message stays on one readable line."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?", re.ASCII)


def parse_duration(value: object) -> int:
    """Turn ``2m``, ``90s``, ``1:30`` (m:ss), ``1:00:00`` (h:mm:ss), ``1h`` or seconds into seconds.

    The units may also be written as words, as people type them: ``3 min``, ``90 sec``,
    ``1 hour 30 minutes``.

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
        words = _UNIT_WORDS.sub(lambda unit: unit.group()[0], text)  # "3 min" -> "3 m"
        units = _UNITS_RE.match(words.replace(" ", ""))
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


# ---------------------------------------------------------------------------
# The rules of the file, as annotations pydantic reads when it validates
# ---------------------------------------------------------------------------


class Checked:
    """Constraints of a value (``min_length``, ``max_length``, ``pattern``, ``ge``, ``gt``, ``le``),
    checked by pydantic as if given to ``Field``: same checks, same error types.

    It constrains the plain value it annotates directly (``Annotated[int, Checked(ge=0)]``);
    put it inside an optional (``Annotated[str, Checked(...)] | None``) and before any
    ``Parsed``. Anything else would be ignored by pydantic, so it is refused when the
    validator is built.
    """

    CONSTRAINTS = frozenset({"min_length", "max_length", "pattern", "ge", "gt", "le", "lt"})
    CONSTRAINED = frozenset({"str", "int", "float", "list", "datetime"})

    def __init__(self, **constraints: Any) -> None:
        unknown = set(constraints) - self.CONSTRAINTS - {"tz_constraint"}
        if unknown:
            raise TypeError(f"Checked does not know {', '.join(sorted(unknown))}")
        self.constraints = constraints

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        schema = handler(source)
        if schema["type"] not in self.CONSTRAINED:
            raise TypeError(f"Checked cannot constrain a {schema['type']} schema ({source})")
        return cast("CoreSchema", {**schema, **self.constraints})


class Parsed:
    """Turn what the file says into the value before it is checked (``BeforeValidator``)."""

    AFTER = False

    def __init__(self, function: Callable[[Any], Any]) -> None:
        self.function = function

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        from pydantic_core import core_schema

        wrap = (
            core_schema.no_info_after_validator_function
            if self.AFTER
            else core_schema.no_info_before_validator_function
        )
        return wrap(self.function, handler(source))


class Then(Parsed):
    """Check (or adjust) a value once it is valid on its own (``AfterValidator``)."""

    AFTER = True


Duration = Annotated[int, Parsed(parse_duration)]
"""A positive whole number of seconds, written in the file as ``2m``, ``90s``, ``1:30`` ..."""


def _limited(limit: int, what: str) -> Callable[[int], int]:
    def check(value: int) -> int:
        if value > limit:
            raise ValueError(
                f"{format_duration(value)} is too long for {what} "
                f"(at most {format_duration(limit)})"
            )
        return value

    return check


_check_speaking_time = _limited(MAX_SPEAKING_SECONDS, "a speaking time")


def parse_speaking_time(value: object) -> int:
    """A speaker's time, written as the agenda file writes durations, of at most an hour.

    Raises:
        ValueError: the value is not a duration, is zero or negative, or is longer than an
            hour (said as the agenda file writes it: ``5400`` is refused as ``1h30m``).
    """
    return _check_speaking_time(parse_duration(value))


SpeakingTime = Annotated[Duration, Then(_check_speaking_time)]
PresentationTime = Annotated[Duration, Then(_limited(MAX_SPEAKING_SECONDS, "a presentation"))]
FloorBudget = Annotated[Duration, Then(_limited(MAX_BLOCK_SECONDS, "a floor budget"))]


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


ClockTime = Annotated[time, Parsed(_parse_clock_time)]

CalendarDate = date
"""A day (the name ``date`` is a field of :class:`MeetingInfo`, which would hide the type)."""


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

Identifier = Annotated[str, Checked(pattern=r"^[a-z][a-z0-9_-]*$", max_length=40)]


def _tidied(value: object) -> object:
    """A text of the file as it will be shown: spaces run together, control and direction
    characters dropped, as for what is typed (anything else is left to the check)."""
    return clean_text(value) if isinstance(value, str) else value


ShortText = Annotated[str, Checked(min_length=1, max_length=MAX_NAME), Parsed(_tidied)]
LongText = Annotated[str, Checked(max_length=MAX_NOTE), Parsed(_tidied)]

_FILE_RULES = {"extra": "forbid", "str_strip_whitespace": True}
"""How pydantic reads each part of the agenda (its ``__pydantic_config__``): an unknown key is
an error, and spaces around a text are dropped."""

_MACHINE_ZONES = frozenset({"localtime", "posixrules", "Factory"})
"""Names the zone database knows that mean "whatever this machine says", not a place."""


def _known_zone(value: str) -> str:
    try:
        if value in _MACHINE_ZONES:
            raise ValueError(value)
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(
            f"{brief(value)} is not an IANA time zone name (for example Europe/Zurich)"
        ) from None
    return value


@dataclass(frozen=True, kw_only=True, slots=True)
class MeetingInfo:
    """What the meeting is, where and when."""

    __pydantic_config__: ClassVar = _FILE_RULES

    title: ShortText
    mandate: ShortText | None = None
    date: CalendarDate
    timezone: Annotated[str, Then(_known_zone)] = "UTC"
    venue: ShortText | None = None
    format: MeetingFormat = "in_person"
    languages: list[Annotated[str, Checked(min_length=1, max_length=40)]] = field(
        default_factory=list
    )

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass(frozen=True, kw_only=True, slots=True)
class Category:
    """A stakeholder category; the list order is the order of precedence."""

    __pydantic_config__: ClassVar = _FILE_RULES

    id: Identifier
    name: ShortText
    label: Annotated[str, Checked(min_length=1, max_length=12)]
    colour: Annotated[str, Checked(pattern=r"^#[0-9a-fA-F]{6}$")] = "#888888"
    is_state: bool = False
    """True for the category that ``alternate`` ordering treats as States."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Defaults:
    """Settings that apply unless a session or a speaker says otherwise."""

    __pydantic_config__: ClassVar = _FILE_RULES

    speaking_time: SpeakingTime = 120
    warning: Duration = 30
    """Seconds before the limit at which the timer turns amber."""
    ordering: OrderingPolicy = "precedence"
    frozen_top: Annotated[int, Checked(ge=0, le=MAX_FROZEN_TOP)] = 2
    """How many imminent places a late higher-priority inscription cannot push down."""


def _sane_defaults(defaults: Defaults) -> Defaults:
    if defaults.warning >= defaults.speaking_time:
        raise ValueError(
            f"warning ({format_duration(defaults.warning)}) must be shorter than the "
            f"speaking time ({format_duration(defaults.speaking_time)})"
        )
    return defaults


@dataclass(frozen=True, kw_only=True, slots=True)
class Panelist:
    """A member of a panel, who presents before the floor opens."""

    __pydantic_config__: ClassVar = _FILE_RULES

    name: ShortText
    role: ShortText | None = None
    presentation_time: PresentationTime | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Floor:
    """The segment of a session in which participants take the floor."""

    __pydantic_config__: ClassVar = _FILE_RULES

    budget: FloorBudget
    speaking_time: SpeakingTime | None = None
    """Per intervention; the meeting default when not given."""
    categories: list[Identifier] | None = None
    """Which categories may inscribe; all of them when not given."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Speaker:
    """A speaker inscribed on the list before the meeting."""

    __pydantic_config__: ClassVar = _FILE_RULES

    name: ShortText
    delegation: ShortText | None = None
    category: Identifier
    mode: SpeakerMode = "room"
    group: ShortText | None = None
    """The group on whose behalf the statement is made, if any."""
    time_limit: SpeakingTime | None = None
    note: LongText = ""


@dataclass(frozen=True, kw_only=True, slots=True)
class Session:
    """One part of the day: opening, a panel, closing."""

    __pydantic_config__: ClassVar = _FILE_RULES

    id: Identifier
    title: ShortText
    kind: SessionKind = "other"
    start: ClockTime
    end: ClockTime
    description: LongText = ""
    moderator: ShortText | None = None
    panelists: list[Panelist] = field(default_factory=list)
    floor: Floor | None = None
    concluding_remarks: Duration | None = None
    speakers: list[Speaker] = field(default_factory=list)

    @property
    def scheduled_seconds(self) -> int:
        start = self.start.hour * 3600 + self.start.minute * 60 + self.start.second
        end = self.end.hour * 3600 + self.end.minute * 60 + self.end.second
        return end - start


@dataclass(frozen=True, kw_only=True, slots=True)
class Agenda:
    """The whole day: the meeting, its categories, defaults and sessions.

    Build one from a mapping with :func:`parse_agenda`, which checks every rule; the
    constructor checks nothing.
    """

    __pydantic_config__: ClassVar = _FILE_RULES

    meeting: MeetingInfo
    categories: Annotated[list[Category], Checked(min_length=1)]
    defaults: Annotated[Defaults, Then(_sane_defaults)] = field(default_factory=Defaults)
    sessions: Annotated[list[Session], Checked(min_length=1)]

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


# ---------------------------------------------------------------------------
# From a mapping and back
# ---------------------------------------------------------------------------


class AgendaProblems(ValueError):
    """An agenda whose parts are each valid but that does not hold together."""

    def __init__(self, problems: list[tuple[Location, str]]) -> None:
        super().__init__("; ".join(message for _, message in problems))
        self.problems = problems


def parse_agenda(data: Any) -> Agenda:
    """Validate a mapping (from the file, or from a journal) into an agenda.

    Raises:
        pydantic.ValidationError: a part of the agenda is wrong on its own (a ``ValueError``).
        AgendaProblems: the parts do not hold together (see :func:`consistency_problems`).
    """
    agenda = parse_parts(data)
    problems = consistency_problems(agenda)
    if problems:
        raise AgendaProblems(problems)
    return agenda


def parse_parts(data: Any) -> Agenda:
    """The agenda a mapping describes, each part checked on its own by pydantic (whether the
    parts hold together is :func:`consistency_problems`'s question).

    Raises:
        pydantic.ValidationError: every part that is wrong, with where it stands.
    """
    return _agenda_adapter().validate_python(data)  # type: ignore[no-any-return]


@functools.cache
def _agenda_adapter() -> Any:
    """pydantic's validator of agendas, built at its first use (pydantic is imported then)."""
    from pydantic import TypeAdapter

    return TypeAdapter(Agenda)


def agenda_to_data(agenda: Agenda) -> dict[str, Any]:
    """The agenda as a mapping of plain JSON values, which :func:`parse_agenda` reads back."""
    return dataclasses.asdict(agenda, dict_factory=_json_fields)


def _json_fields(fields: list[tuple[str, Any]]) -> dict[str, Any]:
    return {
        name: value.isoformat() if isinstance(value, date | time) else value
        for name, value in fields
    }


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
                    f"warning ({format_duration(agenda.defaults.warning)}): the timer would be "
                    "amber for half of every intervention instead of the warning's last seconds; "
                    "lengthen it or shorten defaults.warning",
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
    "AgendaProblems",
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
    "agenda_to_data",
    "brief",
    "consistency_problems",
    "format_duration",
    "parse_agenda",
    "parse_duration",
    "parse_parts",
]
