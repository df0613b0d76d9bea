"""The three ordering policies on a realistic list of 30, with a manual move and a frozen top."""

from __future__ import annotations

import pytest

from floorclock.core.clock import FakeClock
from floorclock.core.meeting import Meeting

from .agendas import make_agenda

CATEGORY = {"S": "states", "L": "local", "N": "nhri", "U": "un", "G": "ngo", "O": "other"}
GROUPS = {"S3": "African Group", "S6": "European Union"}

# Inscription order: all six categories, out of order; S3 and S6 speak for groups.
FIRST_20 = [
    "G1",
    "S1",
    "U1",
    "L1",
    "O1",
    "N1",
    "S2",
    "G2",
    "L2",
    "S3",
    "U2",
    "O2",
    "N2",
    "S4",
    "L3",
    "G3",
    "S5",
    "U3",
    "N3",
    "O3",
]
LAST_10 = "G4 S6 L4 U4 O4 N4 S7 G5 L5 U5".split()  # noqa: SIM905


def build(policy: str) -> Meeting:
    """Inscribe 20 with no frozen top, move O1 to the 4th place by hand, freeze the top 2,
    then inscribe 10 more."""
    clock = FakeClock()
    meeting = Meeting(make_agenda(ordering=policy, frozen_top=0), clock)
    meeting.select_session("session-1")
    ids: dict[str, str] = {}

    def inscribe(names: list[str]) -> None:
        for name in names:
            ids[name] = meeting.inscribe(name, CATEGORY[name[0]], group=GROUPS.get(name))
            clock.advance(60)

    inscribe(FIRST_20)
    meeting.move(ids["O1"], 3)
    meeting.set_frozen_top(2)
    inscribe(LAST_10)
    return meeting


def names(meeting: Meeting) -> list[str]:
    return [row.info.name for row in meeting.waiting()]


EXPECTED = {
    "precedence": (
        "S3 S1 S6 S2 O1 S4 S5 S7 L1 L2 L3 L4 L5 N1 N2 N3 N4 U1 U2 U3 U4 U5 G1 G2 G3 G4 G5 O2 O3 O4"
    ),
    "inscription": (
        "G1 S1 U1 O1 L1 N1 S2 G2 L2 S3 U2 O2 N2 S4 L3 G3 S5 U3 N3 O3 G4 S6 L4 U4 O4 N4 S7 G5 L5 U5"
    ),
    "alternate": (
        "S3 L1 S6 O1 S1 L2 S2 L3 S4 L4 S5 L5 S7 N1 N2 N3 N4 U1 U2 U3 U4 U5 G1 G2 G3 G4 G5 O2 O3 O4"
    ),
}


@pytest.mark.parametrize("policy", sorted(EXPECTED))
def test_realistic_list_order(policy: str) -> None:
    meeting = build(policy)
    assert names(meeting) == EXPECTED[policy].split()


def test_reasons_name_the_rule_behind_each_place() -> None:
    rows = {row.info.name: row for row in build("precedence").waiting()}
    assert rows["S3"].frozen
    assert rows["S3"].reason == "frozen (next up); group statement, States, inscribed 10:09"
    assert rows["S1"].frozen
    assert not rows["S6"].frozen
    assert rows["S6"].reason == "group statement, States, inscribed 10:21"
    assert rows["O1"].manual
    assert rows["O1"].reason == "moved by hand"
    assert rows["L2"].reason == "Local and regional governments, inscribed 10:08"
    assert all(row.reason for row in rows.values())


def test_inscription_and_alternate_reasons() -> None:
    first = build("inscription").waiting()[0]
    assert first.reason == "frozen (next up); NGOs and civil society, inscribed 10:00"
    assert build("alternate").waiting()[5].reason.startswith("taking turns: ")


def test_alternate_takes_turns_from_the_last_speaker_called() -> None:
    meeting = Meeting(make_agenda(ordering="alternate", frozen_top=0), FakeClock())
    meeting.select_session("session-1")
    for name in ["S1", "S2", "G1", "G2"]:
        meeting.inscribe(name, CATEGORY[name[0]])
    assert names(meeting) == ["S1", "G1", "S2", "G2"]
    meeting.call_next()
    meeting.inscribe("S3", "states")
    assert names(meeting) == ["G1", "S2", "G2", "S3"]
    meeting.withdraw(meeting.waiting()[0].info.id)
    assert names(meeting) == ["G2", "S2", "S3"]


def test_a_late_higher_priority_inscription_does_not_pass_the_frozen_top() -> None:
    meeting = Meeting(make_agenda(frozen_top=2), FakeClock())
    meeting.select_session("session-1")
    for name in ["G1", "G2", "G3"]:
        meeting.inscribe(name, "ngo")
    meeting.inscribe("S1", "states")
    assert names(meeting) == ["G1", "G2", "S1", "G3"]
    meeting.set_frozen_top(0)
    meeting.inscribe("S2", "states")
    assert names(meeting) == ["S2", "G1", "G2", "S1", "G3"]


def test_an_edited_category_finds_its_new_place_unless_frozen_or_moved() -> None:
    meeting = Meeting(make_agenda(frozen_top=1), FakeClock())
    meeting.select_session("session-1")
    ids = {name: meeting.inscribe(name, CATEGORY[name[0]]) for name in ["S1", "L1", "G1", "G2"]}
    meeting.edit_speaker(ids["G2"], category="local")
    assert names(meeting) == ["S1", "L1", "G2", "G1"]
    meeting.edit_speaker(ids["S1"], category="other")
    assert names(meeting) == ["S1", "L1", "G2", "G1"]
    meeting.move(ids["G1"], 1)
    meeting.edit_speaker(ids["G1"], category="states")
    assert names(meeting) == ["S1", "G1", "L1", "G2"]


def test_a_new_policy_from_an_edited_agenda_reorders_the_free_places() -> None:
    meeting = build("inscription")
    meeting.load_agenda(make_agenda(ordering="precedence", frozen_top=0))
    order = names(meeting)
    assert order[:2] == ["G1", "S1"]  # the frozen top stays where it was
    assert order[3] == "O1"  # so does the speaker moved by hand
    assert order[2] == "S3"
