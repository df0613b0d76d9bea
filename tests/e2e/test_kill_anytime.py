"""Kill the real program at random moments: nothing it acknowledged is ever lost.

Each run starts ``python -m floorclock`` offscreen with its own data folder and drives it
through its test-only stdin driver (``floorclock.ui.driver``): speakers are inscribed, called,
timed, paused, extended, ended, undone. At a random moment (in the middle of a command, or
while the program starts and replays its journal) it is killed with SIGKILL and started
again, and the restarted program must show:

* every action it answered ``ack`` to, at the journal position it named, with its content;
* the speaker who had the floor still on it, a running timer still running, at the elapsed
  time it should have now (within 1 s, the downtime included: the speaker kept talking);
* a record (``build_record`` of the journal) with every intervention the state knows.

Ten kill points run by default; ``FLOORCLOCK_FULL=1`` runs 200 (``FLOORCLOCK_KILL_POINTS``
sets any number, ``FLOORCLOCK_KILL_SEED`` the random seed).
"""

from __future__ import annotations

import os
import random
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from floorclock.core.events import Event
from floorclock.core.record import build_record
from floorclock.store.journal import read_journal

from .program import Program

FULL = os.environ.get("FLOORCLOCK_FULL") == "1"
KILL_POINTS = int(os.environ.get("FLOORCLOCK_KILL_POINTS", "200" if FULL else "10"))
SEED = int(os.environ.get("FLOORCLOCK_KILL_SEED", "20230828"))
TOLERANCE = 1.0
"""How far a resumed timer may be from the time it should show, in seconds."""

# What an acknowledged command must have left in the journal, at the seq it named.
EXPECTED_TYPES: dict[str, set[str]] = {
    "open": {"session_opened"},
    "inscribe": {"speaker_inscribed"},
    "call_next": {"speaker_called"},
    "toggle": {"speaker_called", "timer_started", "timer_paused"},
    "start": {"timer_started"},
    "pause": {"timer_paused"},
    "extend": {"limit_changed"},
    "reduce": {"limit_changed"},
    "end": {"intervention_ended"},
    "absent": {"speaker_marked_absent"},
    "message": {"display_message"},
    "undo": {"action_undone"},
    "redo": {"action_redone"},
}
WEIGHTS = {
    "inscribe": 3,
    "call_next": 2,
    "toggle": 3,
    "start": 1,
    "pause": 1,
    "extend": 1,
    "reduce": 1,
    "end": 1,
    "absent": 1,
    "message": 1,
    "undo": 1,
    "redo": 1,
}


@dataclass
class Reference:
    """The last state read before a kill, and what was in flight when the kill came."""

    state: dict[str, Any]
    read_at: float
    final: str | None = None
    sent_at: float = 0.0
    killed_at: float = 0.0


@dataclass
class Tally:
    acked: list[tuple[int, str, str]] = field(default_factory=list)
    """(seq, command, argument) of every acknowledged command that made an event."""
    kills: int = 0
    kills_in_start_up: int = 0
    timers_checked: int = 0
    running_timers_checked: int = 0
    worst_timer_error: float = 0.0
    in_flight_kept: int = 0
    in_flight_lost: int = 0
    torn_lines: int = 0
    restarts: int = 0


class Driver:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.inscribed = 0

    def command(self) -> str:
        word = self.rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
        if word == "inscribe":
            self.inscribed += 1
            return f"inscribe Delegate {self.inscribed:04d}|states"
        return word


def _journal(data: Path) -> tuple[Path, list[Event]]:
    [path] = (data / "meetings").glob("*.jsonl")
    found = read_journal(path, set_aside=False)
    assert found.problems == (), found.problems
    return path, list(found.events)


def _timer(state: dict[str, Any]) -> tuple[str | None, bool, float]:
    timer = state["timer"]
    if timer is None:
        return state["floor"], False, 0.0
    return state["floor"], bool(timer["running"]), float(timer["spoken"])


def _check_restart(
    state: dict[str, Any], read_at: float, ref: Reference | None, tally: Tally, data: Path
) -> None:
    """The restarted program against what was acknowledged before the kill."""
    last_acked = max((seq for seq, _, _ in tally.acked), default=1)
    assert state["seq"] >= last_acked, f"acknowledged event {last_acked} lost"
    _, events = _journal(data)
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    assert len(events) == state["seq"]
    for seq, command, argument in tally.acked:
        event = events[seq - 1]
        assert event.type in EXPECTED_TYPES[command], (seq, command, event.type)
        if command == "inscribe":
            assert getattr(event, "name", None) == argument.split("|")[0]

    # the record has every intervention the state knows of, with the same spoken time
    record = build_record(events)
    by_speaker = {item.speaker_id: item for item in record.interventions}
    snapshot = state["snapshot"]
    for speaker_id, spoken in snapshot["spoken_seconds"].items():
        if spoken > 0:
            assert speaker_id in by_speaker, f"{speaker_id} spoke but is not in the record"
            assert abs(by_speaker[speaker_id].spoken - spoken) < 0.01
    if snapshot["floor"] is not None and snapshot["floor"][4] > 0:
        assert snapshot["floor"][0] in by_speaker

    if ref is None:
        return
    floor, running, spoken = _timer(state)
    was_floor, was_running, was_spoken = _timer(ref.state)
    kept = state["seq"] > ref.state["seq"]
    final = ref.final
    if kept:
        tally.in_flight_kept += 1
    else:
        tally.in_flight_lost += 1
        # the state is exactly the one read before the kill, but for the passing of time
        for key in ("speakers", "display", "open_session", "spoken_seconds"):
            assert snapshot[key] == ref.state["snapshot"][key], key
        for session_id, session in snapshot["sessions"].items():
            before = ref.state["snapshot"]["sessions"][session_id]
            assert session["waiting"] == before["waiting"]
    expected: tuple[bool, float] | None = None
    if not kept or final in ("extend", "reduce", "message", "inscribe", "absent"):
        if floor == was_floor:
            since = read_at - ref.read_at
            expected = (was_running, was_spoken + since if was_running else was_spoken)
    elif floor == was_floor and floor is not None:
        if final == "pause" or (final == "toggle" and was_running):
            expected = (False, was_spoken + (ref.killed_at - ref.read_at))
        elif final == "start" or (final == "toggle" and not was_running):
            expected = (True, was_spoken + (read_at - ref.sent_at))
    if expected is not None and floor is not None:
        tally.timers_checked += 1
        assert running == expected[0], (final, kept, ref.state["timer"], state["timer"])
        error = abs(spoken - expected[1])
        tally.worst_timer_error = max(tally.worst_timer_error, error)
        assert error <= TOLERANCE, (final, kept, spoken, expected, ref.state["timer"])
        if running:
            tally.running_timers_checked += 1


def _run_segment(program: Program, driver: Driver, rng: random.Random, tally: Tally) -> Reference:
    """Drive a started program for a few commands, then kill it in the middle of one."""
    for _ in range(rng.randint(0, 6)):
        command = driver.command()
        before = program.state()["seq"]
        answer = program.ask(command)
        assert answer.startswith(("ack ", "refused ")), answer
        if answer.startswith("ack ") and int(answer.split()[1]) > before:
            tally.acked.append((int(answer.split()[1]), command.split()[0], _arg(command)))
    ref = Reference(program.state(), time.monotonic())
    ref.final = driver.command()
    ref.sent_at = time.monotonic()
    program.send(ref.final)
    # the kill point: anywhere from before the command is read to after it is answered
    time.sleep(rng.uniform(0.0, 0.02))
    ref.killed_at = time.monotonic()
    for line in program.kill():
        if line.startswith("ack ") and int(line.split()[1]) > ref.state["seq"]:
            tally.acked.append((int(line.split()[1]), ref.final.split()[0], _arg(ref.final)))
    ref.final = ref.final.split()[0]
    return ref


def _arg(command: str) -> str:
    return command.partition(" ")[2]


def test_nothing_acknowledged_is_lost_at_any_kill_point(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    data = tmp_path / "data"
    driver = Driver(rng)
    tally = Tally()
    started = time.monotonic()

    first = Program(data)
    try:
        first.wait_ready()
        assert first.ask("open session-1").startswith("ack ")
        for _ in range(4):
            driver.inscribed += 1
            command = f"inscribe Delegate {driver.inscribed:04d}|states"
            answer = first.ask(command)
            tally.acked.append((int(answer.split()[1]), "inscribe", _arg(command)))
        first.ask("call_next")
        first.ask("start")
        ref: Reference | None = _run_segment(first, driver, rng, tally)
    finally:
        first.close()
    tally.kills += 1

    while tally.kills < KILL_POINTS:
        program = Program(data)
        try:
            if rng.random() < 0.15:  # killed again while it starts and replays the journal
                time.sleep(rng.uniform(0.0, 1.5))
                program.kill()
                tally.kills += 1
                tally.kills_in_start_up += 1
                continue
            program.wait_ready()
            tally.restarts += 1
            state = program.state()
            _check_restart(state, time.monotonic(), ref, tally, data)
            if "cut off" in state["banner"]:
                tally.torn_lines += 1
            ref = _run_segment(program, driver, rng, tally)
            tally.kills += 1
        finally:
            program.close()

    last = Program(data)
    try:
        last.wait_ready()
        state = last.state()
        _check_restart(state, time.monotonic(), ref, tally, data)
        assert last.quit() == 0
    finally:
        last.close()
    seconds = time.monotonic() - started
    print(
        f"\nkill points: {tally.kills} ({tally.kills_in_start_up} during start-up), "
        f"restarts checked: {tally.restarts + 1}, acknowledged commands: {len(tally.acked)}, "
        f"in-flight command kept/lost: {tally.in_flight_kept}/{tally.in_flight_lost}, "
        f"timers checked: {tally.timers_checked} ({tally.running_timers_checked} running), "
        f"worst timer error: {tally.worst_timer_error:.3f} s, torn last lines: "
        f"{tally.torn_lines}, {seconds:.1f} s"
    )
    assert tally.timers_checked > 0
    if KILL_POINTS >= 50:
        assert tally.running_timers_checked > 0
