"""Events as the journal sees them: equal by value, unchangeable, one line each way."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from floorclock.core.events import (
    SessionClosed,
    SessionOpened,
    SpeakerInscribed,
    event_to_json,
    parse_event,
)

AT = datetime(2023, 8, 28, 8, 0, 0, 250_000, tzinfo=UTC)


def opened(**changes: object) -> SessionOpened:
    fields: dict[str, object] = {"seq": 2, "action": 2, "at": AT, "session_id": "session-1"}
    return SessionOpened(**{**fields, **changes})  # type: ignore[arg-type]


def test_events_are_equal_when_every_field_is() -> None:
    assert opened() == opened()
    assert opened() != opened(session_id="session-2")
    assert opened() != opened(mono=12.5)
    other_kind = SessionClosed(seq=2, action=2, at=AT, session_id="session-1")
    assert opened() != other_kind


def test_an_event_cannot_be_changed() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        opened().seq = 3  # type: ignore[misc]


def test_a_line_reads_back_as_the_same_event() -> None:
    event = SpeakerInscribed(
        seq=3,
        action=3,
        at=AT,
        mono=1234.5,
        boot="b",
        speaker_id="s1",
        session_id="session-1",
        name="Ms. Zoë Ångström",
        category="states",
        time_limit=90,
    )
    line = event_to_json(event)
    assert json.loads(line)["at"] == "2023-08-28T08:00:00.250000Z"
    assert "Zoë" in line  # the journal is UTF-8, names are written as they are
    assert parse_event(line) == event


def test_a_line_in_another_zone_is_read_in_utc() -> None:
    geneva = timezone(timedelta(hours=2))
    line = event_to_json(opened()).replace("08:00:00.250000Z", "10:00:00.250000+02:00")
    read = parse_event(line)
    assert read.at == AT.astimezone(geneva)
    assert read.at.utcoffset() == timedelta(0)


def test_a_line_that_breaks_a_rule_is_refused() -> None:
    line = event_to_json(opened()).replace('"seq":2', '"seq":0')
    with pytest.raises(ValueError, match="seq"):
        parse_event(line)
    naive = event_to_json(opened()).replace("Z", "")
    with pytest.raises(ValueError, match="timezone"):
        parse_event(naive)
