"""A small agenda like the bundled one, for the engine tests."""

from __future__ import annotations

from typing import Any

from floorclock.core.agenda import Agenda, parse_agenda

CATEGORIES = [
    {"id": "states", "name": "States", "label": "State", "is_state": True},
    {"id": "local", "name": "Local and regional governments", "label": "Local gov"},
    {"id": "nhri", "name": "National human rights institutions", "label": "NHRI"},
    {"id": "un", "name": "United Nations and other IGOs", "label": "UN / IGO"},
    {"id": "ngo", "name": "NGOs and civil society", "label": "NGO"},
    {"id": "other", "name": "Academics and other stakeholders", "label": "Other"},
]


def agenda_data(**defaults: Any) -> dict[str, Any]:
    """The 28 August 2023 day, as plain data; ``defaults`` override the meeting defaults."""
    return {
        "meeting": {
            "title": "Expert meeting on capacity-building for local governments",
            "date": "2023-08-28",
            "timezone": "Europe/Zurich",
        },
        "categories": CATEGORIES,
        "defaults": {"speaking_time": "2m", "warning": "30s", **defaults},
        "sessions": [
            {"id": "opening", "title": "Opening session", "start": "10:00", "end": "10:20"},
            {
                "id": "session-1",
                "title": "Session 1: Human rights cities",
                "kind": "panel",
                "start": "10:20",
                "end": "12:00",
                "floor": {"budget": "1h", "speaking_time": "2m"},
            },
            {
                "id": "session-2",
                "title": "Session 2: Engaging with the UN human rights mechanisms",
                "kind": "panel",
                "start": "15:00",
                "end": "16:45",
                "floor": {
                    "budget": "1h",
                    "speaking_time": "2m",
                    "categories": ["states", "local", "ngo"],
                },
            },
            {"id": "closing", "title": "Closing session", "start": "16:45", "end": "17:00"},
        ],
    }


def make_agenda(**defaults: Any) -> Agenda:
    return parse_agenda(agenda_data(**defaults))
