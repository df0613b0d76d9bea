"""How fast the meeting engine is with a very long list of speakers.

Run with ``uv run python benchmarks/engine.py``. Everything runs in memory on a fake clock:
the figures are the engine's own cost, without the journal's disk writes or the windows.
``benchmarks/run.py`` (the figures of docs/performance.md) builds on the pieces below.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from floorclock.core.agenda import parse_agenda
from floorclock.core.clock import FakeClock
from floorclock.core.events import event_to_json, parse_event
from floorclock.core.meeting import Meeting

WAITING = 5_000
RUNS = 300
CATEGORIES = ["states", "local", "nhri", "un", "ngo", "other"]

AGENDA = parse_agenda(
    {
        "meeting": {"title": "Benchmark", "date": "2023-08-28", "timezone": "Europe/Zurich"},
        "categories": [
            {"id": c, "name": c.title(), "label": c[:5], "is_state": c == "states"}
            for c in CATEGORIES
        ],
        "sessions": [
            {
                "id": "floor",
                "title": "Interventions from the floor",
                "start": "08:00",
                "end": "20:00",
                "floor": {"budget": "12h", "speaking_time": "2m"},
            }
        ],
    }
)


def inscribe_one(meeting: Meeting, rng: random.Random) -> str:
    return meeting.inscribe(
        f"Speaker {rng.randrange(10**6)}",
        rng.choice(CATEGORIES),
        delegation=f"Delegation {rng.randrange(200)}",
        group="Group of States" if rng.random() < 0.02 else None,
    )


def long_list(rng: random.Random) -> tuple[Meeting, FakeClock]:
    clock = FakeClock()
    meeting = Meeting(AGENDA, clock)
    meeting.open_session("floor")
    for _ in range(WAITING):
        inscribe_one(meeting, rng)
        clock.advance(0.5)
    return meeting, clock


def timed(
    operation: Callable[[], object], runs: int = RUNS, setup: Callable[[], Any] | None = None
) -> list[float]:
    """Milliseconds taken by each run (``setup``, if given, runs untimed before each)."""
    took = []
    for _ in range(runs):
        if setup is not None:
            setup()
        began = time.perf_counter()
        operation()
        took.append((time.perf_counter() - began) * 1000)
    return took


def row(name: str, millis: list[float], budget: str) -> None:
    median, worst = statistics.median(millis), max(millis)
    print(f"| {name:<40} | {median:>9.3f} | {worst:>9.3f} | {budget:<9} |")


def main() -> None:
    rng = random.Random(28082023)
    meeting, clock = long_list(rng)
    print(f"{len(meeting.waiting())} waiting speakers, {len(meeting.events)} events\n")
    print(f"| {'operation':<40} | {'median ms':>9} | {'max ms':>9} | {'target':<9} |")
    print(f"|{'-' * 42}|{'-' * 11}|{'-' * 11}|{'-' * 11}|")

    row("inscribe", timed(lambda: inscribe_one(meeting, rng)), "< 1 ms")
    chosen: list[str] = []

    def choose() -> None:
        chosen[:] = [rng.choice(meeting.waiting().ids())]

    row(
        "move (a random speaker, random place)",
        timed(lambda: meeting.move(chosen[0], rng.randrange(WAITING)), setup=choose),
        "< 1 ms",
    )
    row(
        "withdraw (a random speaker)",
        timed(lambda: meeting.withdraw(chosen[0]), setup=choose),
        "< 1 ms",
    )
    row(
        "call next (ends the one speaking)",
        timed(meeting.call_next, setup=lambda: clock.advance(1)),
        "< 1 ms",
    )
    row("forecast", timed(meeting.forecast, 100), "< 5 ms")
    row("waiting(): read the first 50 rows", timed(lambda: meeting.waiting()[:50], 100), "")

    big, big_clock = long_list(rng)
    while len(big.events) < 30_000:
        play_one_round(big, big_clock, rng)
    label = f"undo ({len(big.waiting())} waiting, {len(big.events)} events)"
    row(label, timed(big.undo, 20, setup=lambda: big.redo() if big.can_redo else None), "< 100 ms")
    row("redo", timed(big.redo, 20, setup=big.undo), "< 100 ms")

    journal = replay_journal(rng)
    began, cpu = time.perf_counter(), time.process_time()
    events_read = [parse_event(line) for line in journal]
    parsed, parsed_cpu = time.perf_counter() - began, time.process_time() - cpu
    began, cpu = time.perf_counter(), time.process_time()
    replayed = Meeting.replay(events_read, FakeClock())
    folded, folded_cpu = time.perf_counter() - began, time.process_time() - cpu
    waiting = len(replayed.waiting("floor"))
    print(f"\nreplay of {len(journal)} journal lines ({waiting} waiting at the end):")
    total, total_cpu = parsed + folded, parsed_cpu + folded_cpu
    print(f"  wall: parse {parsed:.2f} s + replay {folded:.2f} s = {total:.2f} s (target < 2 s)")
    print(f"  CPU:  parse {parsed_cpu:.2f} s + replay {folded_cpu:.2f} s = {total_cpu:.2f} s")


def play_one_round(meeting: Meeting, clock: FakeClock, rng: random.Random) -> None:
    """One more inscription; the next speaker called, timed, paused, given 30 s, timed again."""
    inscribe_one(meeting, rng)
    meeting.call_next()
    meeting.start_timer()
    clock.advance(rng.uniform(30, 100))
    meeting.pause_timer()
    meeting.extend(30)
    meeting.start_timer()
    clock.advance(rng.uniform(5, 40))


def replay_journal(rng: random.Random, size: int = 100_000) -> list[str]:
    """JSON lines of a long made-up meeting with about 5,000 speakers waiting throughout."""
    clock = FakeClock()
    meeting = Meeting(AGENDA, clock)
    meeting.open_session("floor")
    for _ in range(WAITING):
        inscribe_one(meeting, rng)
    while len(meeting.events) < size:
        play_one_round(meeting, clock, rng)
    return [event_to_json(event) for event in meeting.events[:size]]


if __name__ == "__main__":
    main()
