"""A whole day: 500 interventions over 8 hours on the fake clock, journaled to a real file.

The meeting is driven through the engine as the chair would (inscribe, call, start, extend,
pause, end) while the clock moves one second at a time and the timer is read at every second,
as the windows do. Memory is measured with ``tracemalloc``: the state grows with what
happens (a few kilobytes an intervention), never with the time that passes. At the end the
record has every intervention and the journal replays to the same state.

The whole day takes a few seconds, so CI runs it in full.
"""

from __future__ import annotations

import gc
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

from floorclock.core.clock import FakeClock
from floorclock.core.meeting import Meeting
from floorclock.core.record import build_record
from floorclock.store.agenda_file import bundled_agenda_path, load_agenda
from floorclock.store.journal import Journal, read_journal

HOURS = 8
INTERVENTIONS = 500
PER_INTERVENTION_BYTES = 16 * 1024
"""What one intervention may add to the memory held (its events and its speaker)."""
IDLE_BYTES = 32 * 1024
"""What ten minutes of a speaker talking, read every second, may add: nothing that lasts."""


def _held() -> int:
    gc.collect()
    current, _ = tracemalloc.get_traced_memory()
    return current


def _speak(meeting: Meeting, clock: FakeClock, seconds: int) -> None:
    """Let a speaker talk, reading the timer every second as the display does."""
    for _ in range(seconds):
        clock.advance(1)
        reading = meeting.timer()
        assert reading is not None
        reading.shown_seconds()
        meeting.session_clock()


def test_an_eight_hour_day_keeps_memory_flat_and_every_intervention(tmp_path: Path) -> None:
    agenda = load_agenda(bundled_agenda_path())
    clock = FakeClock(datetime(2023, 8, 28, 7, 0, tzinfo=UTC))
    path = tmp_path / "meetings" / "2023-08-28-whole-day.jsonl"
    sessions = [s.id for s in agenda.sessions]
    slot = HOURS * 3600 // INTERVENTIONS  # seconds per intervention, talk and changeover
    started = time.perf_counter()
    tracemalloc.start()
    try:
        with Journal(path) as journal:
            journal.load()
            meeting = Meeting(agenda, clock, on_event=journal.append)
            spoken: dict[str, float] = {}
            half = INTERVENTIONS // 2
            at_half = 0
            for number in range(INTERVENTIONS):
                session = sessions[number * len(sessions) // INTERVENTIONS]
                if meeting.open_session_id != session:
                    meeting.open_session(session)
                speaker = meeting.inscribe(
                    f"Delegate {number:03d} of a long delegation name", "states"
                )
                meeting.call(speaker)
                meeting.start_timer()
                talk = slot - 15
                if number % 5 == 0:
                    meeting.extend(30)
                if number % 7 == 0:
                    _speak(meeting, clock, talk // 2)
                    meeting.pause_timer()
                    clock.advance(5)
                    meeting.start_timer()
                    _speak(meeting, clock, talk - talk // 2)
                else:
                    _speak(meeting, clock, talk)
                meeting.end_intervention()
                spoken[speaker] = float(talk)
                clock.advance(slot - talk - (5 if number % 7 == 0 else 0))
                if number == half - 1:
                    at_half = _held()
            at_end = _held()

            # ten minutes of talk with the timer read every second: nothing lasting is kept
            last = meeting.inscribe("Ms. Last Speaker", "states")
            meeting.call(last)
            meeting.start_timer()
            before_talk = _held()
            _speak(meeting, clock, 600)
            after_talk = _held()
            meeting.end_intervention()
            spoken[last] = 600.0
            assert journal.failure is None
    finally:
        tracemalloc.stop()
    per_intervention = (at_end - at_half) / (INTERVENTIONS - half)
    idle_growth = after_talk - before_talk
    seconds = time.perf_counter() - started
    print(
        f"\n{HOURS} h, {INTERVENTIONS} interventions, {len(meeting.events)} events in "
        f"{seconds:.1f} s; memory over the second half: {(at_end - at_half) / 1024:.0f} KiB "
        f"({per_intervention / 1024:.1f} KiB an intervention); ten minutes of talk: "
        f"{idle_growth / 1024:.1f} KiB"
    )
    assert per_intervention < PER_INTERVENTION_BYTES
    assert idle_growth < IDLE_BYTES

    found = read_journal(path)
    assert found.problems == ()
    assert list(found.events) == list(meeting.events)
    record = build_record(found.events)
    assert len(record.interventions) == INTERVENTIONS + 1
    assert {item.speaker_id: round(item.spoken, 6) for item in record.interventions} == {
        speaker: round(seconds, 6) for speaker, seconds in spoken.items()
    }
    assert all(item.status == "ended" for item in record.interventions)
    replayed = Meeting.replay(found.events, clock)
    assert replayed.snapshot() == meeting.snapshot()
