"""The bundled agenda is the 28 August 2023 expert meeting, true to its concept note."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from floorclock.core.agenda import Agenda, parse_duration
from floorclock.store.agenda_file import (
    AgendaError,
    bundled_agenda_path,
    load_agenda,
    load_agenda_text,
)

ROOT = Path(__file__).resolve().parents[1]
CONCEPT_NOTE = ROOT.parent / "shared" / "reference" / "concept-note-2023-08-28.txt"

SESSIONS = [
    ("opening", "opening", "10:00", "10:20", "Opening session"),
    (
        "session-1",
        "panel",
        "10:20",
        "12:00",
        "Session 1: Human rights cities \N{EN DASH} Enhancing capacity-building for local and "
        "regional governments",
    ),
    (
        "session-2",
        "panel",
        "15:00",
        "16:45",
        "Session 2: Strengthening the capacity of local and regional governments to engage "
        "with the United Nations human rights mechanisms",
    ),
    ("closing", "closing", "16:45", "17:00", "Closing session"),
]


@pytest.fixture(scope="module")
def agenda() -> Agenda:
    return load_agenda(bundled_agenda_path())


def test_top_level_agenda_is_the_bundled_file() -> None:
    top = ROOT / "agenda.yaml"
    assert top.is_symlink()
    assert top.resolve() == (ROOT / "src" / "floorclock" / "data" / "agenda.yaml").resolve()
    assert top.read_bytes() == bundled_agenda_path().read_bytes()


def test_meeting(agenda: Agenda) -> None:
    meeting = agenda.meeting
    assert meeting.title.startswith("Expert meeting on enhancing capacity-building for local")
    assert meeting.mandate == "Human Rights Council resolution 51/12"
    assert meeting.date == date(2023, 8, 28)
    assert meeting.timezone == "Europe/Zurich"
    assert meeting.venue == "Room XIX, Palais des Nations, Geneva"
    assert meeting.format == "hybrid"


@pytest.mark.parametrize(("position", "row"), list(enumerate(SESSIONS)))
def test_sessions_match_the_concept_note(
    agenda: Agenda, position: int, row: tuple[str, str, str, str, str]
) -> None:
    session_id, kind, start, end, title = row
    session = agenda.sessions[position]
    assert (session.id, session.kind, session.title) == (session_id, kind, title)
    assert f"{session.start:%H:%M}" == start
    assert f"{session.end:%H:%M}" == end


def test_concept_note_lists_the_same_times_and_titles(agenda: Agenda) -> None:
    if not CONCEPT_NOTE.exists():
        pytest.skip("the shared concept note is not next to this checkout")
    note = CONCEPT_NOTE.read_text(encoding="utf-8")
    for session in agenda.sessions:
        assert f"{session.start:%H:%M} \N{EN DASH} {session.end:%H:%M} {session.title}" in note
        if session.kind == "panel":
            assert session.description in note


def test_sessions_are_timed_in_geneva(agenda: Agenda) -> None:
    zurich = ZoneInfo("Europe/Zurich")
    assert agenda.scheduled_start("opening") == datetime(2023, 8, 28, 10, 0, tzinfo=zurich)
    assert agenda.scheduled_end("closing") == datetime(2023, 8, 28, 17, 0, tzinfo=zurich)
    # Central European Summer Time: 10:00 in Geneva is 08:00 UTC
    assert agenda.scheduled_start("opening").utcoffset().total_seconds() == 7200  # type: ignore[union-attr]


def test_categories_follow_domain_precedence(agenda: Agenda) -> None:
    assert [c.id for c in agenda.categories] == ["states", "local", "nhri", "un", "ngo", "other"]
    assert [c.is_state for c in agenda.categories] == [True, False, False, False, False, False]
    colours = [c.colour.lower() for c in agenda.categories]
    assert len(set(colours)) == len(colours)
    for colour in colours:  # light enough to read on a dark background
        red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        assert 0.2126 * red + 0.7152 * green + 0.0722 * blue > 120, colour
    assert agenda.precedence("states") < agenda.precedence("ngo")


def test_floor_is_one_hour_at_two_minutes_on_both_panels(agenda: Agenda) -> None:
    panels = [s for s in agenda.sessions if s.kind == "panel"]
    assert [s.id for s in panels] == ["session-1", "session-2"]
    for session in panels:
        assert session.floor is not None
        assert session.floor.budget == 3600
        assert agenda.floor_speaking_time(session.id) == 120
        assert session.floor.categories is None  # every category may inscribe
        assert session.concluding_remarks is not None
    for session in agenda.sessions:
        if session.kind != "panel":
            assert session.floor is None


def test_defaults(agenda: Agenda) -> None:
    assert agenda.defaults.speaking_time == 120
    assert agenda.defaults.warning == 30
    assert agenda.defaults.ordering == "precedence"
    assert agenda.defaults.frozen_top == 2


def test_no_invented_people(agenda: Agenda) -> None:
    for session in agenda.sessions:
        assert session.moderator is None
        assert session.panelists == []
        assert session.speakers == []
    assert "Deputy High Commissioner" in agenda.session("opening").description


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("2m", 120),
        ("90s", 90),
        ("1:30", 90),
        ("1h", 3600),
        ("120", 120),
        ("1h30m", 5400),
        # units as words, as a secretariat types them under pressure
        ("3 min", 180),
        ("2 minutes", 120),
        ("90 sec", 90),
        ("1 hour 30 minutes", 5400),
        ("5 mins 30 secs", 330),
    ],
)
def test_durations_parse(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds
    assert load_floor_budget(text) == seconds


@pytest.mark.parametrize("text", ["0", "-2m", "two minutes", "1.5", "''", "1:75", ".inf", "true"])
def test_bad_durations_are_refused(text: str) -> None:
    with pytest.raises(AgendaError, match=r"durations\.yaml:8:21: budget is not valid: "):
        load_floor_budget(text)


def load_floor_budget(text: str) -> int:
    """Load a one-session agenda whose floor budget is written ``text``, unquoted."""
    agenda = load_agenda_text(
        "meeting: {title: T, date: 2023-08-28}\n"
        "categories: [{id: states, name: States, label: State}]\n"
        "sessions:\n"
        "  - id: one\n"
        "    title: One\n"
        "    start: 10:00\n"
        "    end: 13:00\n"
        f"    floor: {{budget: {text}}}\n",
        "durations.yaml",
    )
    assert agenda.sessions[0].floor is not None
    return agenda.sessions[0].floor.budget


def test_unquoted_clock_values_mean_what_they_say() -> None:
    agenda = load_agenda_text(
        "meeting: {title: T, date: 2023-08-28, languages: [no, on]}\n"
        "categories: [{id: states, name: States, label: State, is_state: true}]\n"
        "defaults: {speaking_time: 1:30, warning: 0:20}\n"
        "sessions: [{id: one, title: One, start: 10:00, end: 12:30}]\n",
        "clock.yaml",
    )
    assert agenda.defaults.speaking_time == 90  # 1 min 30 s, not 1 h 30 min
    assert agenda.defaults.warning == 20
    assert agenda.sessions[0].start == time(10, 0)
    assert agenda.sessions[0].end == time(12, 30)
    assert agenda.meeting.languages == ["no", "on"]  # not booleans
