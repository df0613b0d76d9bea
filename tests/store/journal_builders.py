"""Hand-built journals for the store tests: events with their seq, action and time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from floorclock.core.agenda import agenda_to_data, parse_agenda
from floorclock.core.events import Event, event_from_data

AGENDA: dict[str, Any] = {
    "meeting": {
        "title": "Expert meeting on local government and human rights",
        "date": "2023-08-28",
        "timezone": "Europe/Zurich",
        "venue": "Room XIX, Palais des Nations",
    },
    "categories": [
        {"id": "states", "name": "States", "label": "State", "is_state": True},
        {"id": "lrg", "name": "Local and regional governments", "label": "LRG"},
        {"id": "ngo", "name": "Non-governmental organizations", "label": "NGO"},
    ],
    "sessions": [
        {
            "id": "s1",
            "title": "Session 1: Human rights cities",
            "kind": "panel",
            "start": "10:20",
            "end": "12:00",
            "floor": {"budget": "1h", "speaking_time": "2m"},
        },
        {
            "id": "s2",
            "title": "Session 2: Engaging with the UN mechanisms",
            "kind": "panel",
            "start": "15:00",
            "end": "16:45",
            "floor": {"budget": "1h"},
        },
    ],
}


def agenda_data() -> dict[str, Any]:
    """The test agenda as an AgendaLoaded event carries it (validated, then dumped)."""
    return agenda_to_data(parse_agenda(AGENDA))


class Script:
    """Builds a journal by hand: each :meth:`act` is one user action of one or more events."""

    def __init__(self, start: datetime = datetime(2023, 8, 28, 8, 0, tzinfo=UTC)) -> None:
        self.now = start
        self.events: list[Event] = []
        self.action = 0

    def wait(self, seconds: float) -> Script:
        self.now += timedelta(seconds=seconds)
        return self

    def act(self, *parts: tuple[str, dict[str, Any]]) -> int:
        """Add one action made of ``(type, fields)`` parts; returns its action number."""
        self.action += 1
        for kind, fields in parts:
            data = {
                "type": kind,
                "seq": len(self.events) + 1,
                "action": self.action,
                "at": self.now.isoformat(),
                **fields,
            }
            self.events.append(event_from_data(data))
        return self.action

    def do(self, kind: str, **fields: Any) -> int:
        """One action of one event."""
        return self.act((kind, fields))


def sample_events(count: int = 6) -> list[Event]:
    """A short valid journal: the agenda, then inscriptions."""
    script = Script()
    script.do("agenda_loaded", agenda=agenda_data())
    for number in range(1, count):
        script.wait(10).do(
            "speaker_inscribed",
            speaker_id=f"s{number}",
            session_id="s1",
            name=f"Speaker {number}",
            category="states",
        )
    return script.events


ZOE = 'Zoë Ñúñez, "Jr"'
ARABIC = "محمد العربي"
CHINESE = "王小明"


def _inscribe(
    script: Script, speaker_id: str, session_id: str, name: str, category: str, **more: object
) -> None:
    script.do(
        "speaker_inscribed",
        speaker_id=speaker_id,
        session_id=session_id,
        name=name,
        category=category,
        **more,
    )


def meeting_events() -> list[Event]:
    """A morning and an afternoon session, built event by event (08:00 UTC is 10:00 in Geneva)."""
    s = Script()
    s.act(
        ("agenda_loaded", {"agenda": agenda_data()}),
        (
            "speaker_inscribed",
            {
                "speaker_id": "p1",
                "session_id": "s1",
                "name": ZOE,
                "delegation": "Mexico",
                "category": "states",
            },
        ),
    )
    _inscribe(s.wait(60), "p2", "s1", ARABIC, "states", delegation="Egypt", group="Arab Group")
    _inscribe(s.wait(60), "p3", "s1", CHINESE, "lrg", delegation="Shanghai", mode="online")
    _inscribe(s.wait(60), "p4", "s1", "Absent Person", "ngo")
    _inscribe(s.wait(60), "p5", "s1", "Withdrawn Person", "ngo", delegation="NGO, Inc.")
    s.do("speaker_edited", speaker_id="p3", delegation="Shanghai Municipality")
    s.wait(960).do("session_opened", session_id="s1")  # 10:20:00 local

    # p2: 60 s, paused 30 s, +30 s extension, 100 s more: 160 s spoken of 150 allowed
    s.wait(10).do("speaker_called", speaker_id="p2", limit=120)
    s.wait(5).do("timer_started", speaker_id="p2")  # 10:20:15
    s.wait(60).do("timer_paused", speaker_id="p2", spoken=60.0)
    s.wait(30).do("timer_started", speaker_id="p2")
    s.wait(10).do("limit_changed", speaker_id="p2", seconds=30)
    s.wait(90).do("intervention_ended", speaker_id="p2", spoken=160.0)  # 10:23:25

    # p1: the chair ends too early, undoes it, and ends 40 s later
    s.wait(5).do("speaker_called", speaker_id="p1", limit=120)
    s.wait(2).do("timer_started", speaker_id="p1")  # 10:23:32
    early = s.wait(90).do("intervention_ended", speaker_id="p1", spoken=90.0)
    s.wait(1).do("action_undone", target=early)
    s.wait(39).do("intervention_ended", speaker_id="p1", spoken=130.0)  # 10:25:42

    # p4 called but not in the room; p5 withdraws
    s.wait(3).do("speaker_called", speaker_id="p4", limit=120)
    s.wait(20).do("speaker_marked_absent", speaker_id="p4")
    s.wait(5).do("speaker_withdrawn", speaker_id="p5")

    # p3 (online): reduced by 30 s, speaks 95 s of 90 allowed
    s.wait(5).do("speaker_called", speaker_id="p3", limit=120)
    s.wait(3).do("timer_started", speaker_id="p3")  # 10:26:18
    s.wait(10).do("limit_changed", speaker_id="p3", seconds=-30)
    s.wait(85).do("intervention_ended", speaker_id="p3", spoken=95.0)  # 10:27:53
    s.wait(60).do("session_closed", session_id="s1")

    # the afternoon: one waiting, one called by mistake (undone), one called and silent,
    # one still speaking when the journal ends
    s.wait(4 * 3600).do("session_opened", session_id="s2")  # 14:28:53 local
    _inscribe(s.wait(60), "p6", "s2", "Jean-Luc Lefèvre", "ngo")
    _inscribe(s.wait(60), "p7", "s2", "Ana", "states", delegation="Chile")
    _inscribe(s.wait(60), "p8", "s2", "Silent Speaker", "lrg")
    mistake = s.wait(10).do("speaker_called", speaker_id="p6", limit=120)
    s.wait(2).do("action_undone", target=mistake)
    s.wait(5).do("speaker_called", speaker_id="p8", limit=120)
    s.wait(5).act(
        ("intervention_ended", {"speaker_id": "p8", "spoken": 0.0}),
        ("speaker_called", {"speaker_id": "p7", "limit": 120}),
    )
    s.wait(4).do("timer_started", speaker_id="p7")
    s.wait(20).do("timer_paused", speaker_id="p7", spoken=20.0)
    s.wait(10).do("timer_started", speaker_id="p7")
    s.wait(30).do("display_message", text="Please be brief")  # the last event: 50 s spoken
    return s.events
