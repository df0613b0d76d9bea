"""Settings shared by the whole test suite."""

from __future__ import annotations

import os
import tempfile
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

# Qt draws off screen in tests unless a developer asks for a real display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Checked agendas are cached in the user cache folder (store.agenda_cache): the tests, and the
# programs they start, keep theirs in a folder of their own, never in the user's.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="floorclock-tests-cache-")

settings.register_profile(
    "default", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "quick", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "full", max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# FLOORCLOCK_FULL=1 runs the long versions: 500 examples a property instead of 60;
# FLOORCLOCK_HYPOTHESIS=quick|default|full chooses a profile by name (all registered here).
_FULL = os.environ.get("FLOORCLOCK_FULL") == "1"
settings.load_profile(os.environ.get("FLOORCLOCK_HYPOTHESIS", "full" if _FULL else "default"))


@pytest.fixture(autouse=True)
def every_event_reads_back(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every event the engine records, in every test, must come back unchanged from its
    journal line: the engine builds events without checking them (for a fast start), and a
    line the journal cannot read would be lost from the meeting at the next start."""
    from floorclock.core.events import event_to_json, parse_event
    from floorclock.core.meeting import Meeting

    record = Meeting._record

    def checked(self: Meeting, kind: type[Any], action: int, **fields: Any) -> Any:
        event = record(self, kind, action, **fields)
        line = event_to_json(event)
        assert parse_event(line) == event, f"this event does not read back: {line}"
        return event

    monkeypatch.setattr(Meeting, "_record", checked)
