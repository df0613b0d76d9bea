"""Fuzzing the three readers of outside files: the agenda, a CSV list of speakers, the journal.

Whatever they are given, they answer with a result or their one documented error
(``AgendaError``, ``SpeakerImportError``; the journal reader never raises), and none takes
more than a second on a hostile input of about 1 MB (the largest any of them accepts).
The agenda loader's own structure-aware fuzzing is in ``tests/test_agenda_fuzz.py``.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from journal_builders import sample_events

from floorclock.core.events import event_to_json
from floorclock.store.agenda_file import AgendaError, bundled_agenda_path, load_agenda_text
from floorclock.store.journal import CORRUPT_MARK, JournalRead, read_journal
from floorclock.store.speaker_csv import SpeakerImportError, read_speakers_csv

MEGABYTE = 1024 * 1024
LIMIT_SECONDS = 1.0
CATEGORIES = None  # filled lazily: the bundled agenda's categories


def _categories() -> object:
    global CATEGORIES
    if CATEGORIES is None:
        from floorclock.store.agenda_file import load_agenda

        CATEGORIES = load_agenda(bundled_agenda_path()).categories
    return CATEGORIES


def _timed(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


# -- the CSV import ---------------------------------------------------------------------

CSV_TEXT = st.lists(
    st.one_of(
        st.sampled_from([*',;\t"\n\r ', "name", "states", "online", "2:00", "-5", "99:99"]),
        st.characters(codec="utf-8"),
    ),
    max_size=200,
).map("".join)


def _csv(source: Path | str) -> None:
    try:
        rows, problems = read_speakers_csv(source, _categories())  # type: ignore[arg-type]
    except SpeakerImportError as error:
        refusal = str(error)
    else:
        refusal = None
    if refusal is not None:
        assert refusal
        return
    for problem in problems:
        assert problem.startswith("line "), problem
    for row in rows:
        assert row.name


@given(st.text(max_size=30).map(lambda head: "name,category,mode,time_limit\n" + head), CSV_TEXT)
def test_csv_text_never_raises_anything_but_the_documented_error(head: str, body: str) -> None:
    _csv(head + body)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=600))
def test_csv_bytes_never_raise_anything_but_the_documented_error(
    tmp_path: Path, data: bytes
) -> None:
    path = tmp_path / "speakers.csv"
    path.write_bytes(b"name,category\n" + data)
    _csv(path)


def _hostile_csv() -> dict[str, bytes]:
    rng = random.Random(5)
    size = MEGABYTE - 64
    row = "Ms. A,states,room,2:00\n"
    return {
        "many good rows": ("name,category,mode,time_limit\n" + row * (size // len(row))).encode(),
        "many bad rows": (
            "name,category,mode,time_limit\n" + "x,nowhere,flying,99:99\n" * (size // 23)
        ).encode(),
        "an open quote": ('name,category\n"' + "a" * (size - 20)).encode(),
        "one huge field": ("name,category\n" + "a" * (size - 20) + ",states\n").encode(),
        "many columns": ("name," + ",".join(["x"] * (size // 2))).encode()[:size],
        "random bytes": b"name,category\n" + rng.randbytes(size - 20),
        "delimiters only": b"name,category\n" + b',;\t\n\r"' * (size // 7),
    }


@pytest.mark.parametrize("shape", list(_hostile_csv()))
def test_a_hostile_megabyte_csv_is_read_in_under_a_second(tmp_path: Path, shape: str) -> None:
    data = _hostile_csv()[shape]
    assert MEGABYTE // 2 < len(data) <= MEGABYTE
    path = tmp_path / "speakers.csv"
    path.write_bytes(data)
    assert _timed(lambda: _csv(path)) < LIMIT_SECONDS


# -- the journal reader -----------------------------------------------------------------

GOOD_LINES = [event_to_json(event).encode() + b"\n" for event in sample_events(12)]

journal_pieces = st.lists(
    st.one_of(
        st.sampled_from(GOOD_LINES),
        st.binary(max_size=40),
        st.sampled_from([b"\n", b"{", b"}", b'{"v": 2}\n', b'{"v": 1, "seq": 1}\n', b"[" * 200]),
    ),
    max_size=25,
)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(journal_pieces)
def test_the_journal_reader_never_raises_and_keeps_the_original(
    tmp_path: Path, pieces: list[bytes]
) -> None:
    folder = tmp_path / f"j{os.urandom(6).hex()}"
    folder.mkdir()
    path = folder / "meeting.jsonl"
    data = b"".join(pieces)
    path.write_bytes(data)
    found = read_journal(path)
    assert [event.seq for event in found.events] == list(range(1, len(found.events) + 1))
    assert all(isinstance(problem, str) and problem for problem in found.problems)
    asides = list(folder.glob(f"*{CORRUPT_MARK}*"))
    if found.problems:
        assert [aside.read_bytes() for aside in asides] == [data]
    else:
        assert asides == []


def _hostile_journals() -> dict[str, bytes]:
    rng = random.Random(6)
    size = MEGABYTE
    line = GOOD_LINES[3]
    return {
        "random bytes": rng.randbytes(size),
        "garbage lines": b"{not json}\n" * (size // 11),
        "deep nesting": b"[" * size,
        "deep objects": b'{"v":' * (size // 5),
        "one line repeated": line * (size // len(line)),
        "newer versions": b'{"v": 9, "type": "x"}\n' * (size // 22),
        "one long string": b'{"type": "speaker_inscribed", "name": "' + b"a" * size + b'"}\n',
        "newlines": b"\n" * size,
    }


@pytest.mark.parametrize("shape", list(_hostile_journals()))
def test_a_hostile_megabyte_journal_is_read_in_under_a_second(tmp_path: Path, shape: str) -> None:
    data = _hostile_journals()[shape]
    path = tmp_path / "meeting.jsonl"
    path.write_bytes(data)
    found: list[JournalRead] = []
    assert _timed(lambda: found.append(read_journal(path))) < LIMIT_SECONDS
    asides = list(tmp_path.glob(f"*{CORRUPT_MARK}*"))
    assert [aside.read_bytes() for aside in asides] == ([data] if found[0].problems else [])


# -- the agenda loader ------------------------------------------------------------------


def _agenda(text: str | bytes) -> None:
    problems = None
    try:
        load_agenda_text(text, "hostile.yaml")
    except AgendaError as error:
        problems = error.problems
    assert problems is None or problems


def _hostile_agendas() -> dict[str, bytes]:
    rng = random.Random(7)
    size = MEGABYTE - 64
    bundled = bundled_agenda_path().read_bytes()
    return {
        "random bytes": rng.randbytes(size),
        "deep nesting": b"[" * size,
        "many keys": b"".join(b"k%d: v\n" % n for n in range(size // 10))[:size],
        "long list": b"sessions:\n" + b"  - x\n" * (size // 6),
        "one long scalar": b"meeting:\n  title: " + b"a" * (size - 30) + b"\n",
        "aliases": b"a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + b"".join(b"b%d: &b%d [*a, *a, *a, *a]\n" % (n, n) for n in range(size // 40)),
        "bundled, repeated": (bundled * (size // len(bundled) + 1))[:size],
        "bundled, with a huge speaker list": bundled
        + b"".join(
            b"      - {name: Speaker %d, category: states}\n" % n for n in range(size // 48)
        ),
    }


@pytest.mark.parametrize("shape", list(_hostile_agendas()))
def test_a_hostile_megabyte_agenda_is_refused_in_under_a_second(shape: str) -> None:
    data = _hostile_agendas()[shape]
    assert MEGABYTE // 2 < len(data) <= MEGABYTE + 4096
    assert _timed(lambda: _agenda(data)) < LIMIT_SECONDS


@given(st.binary(max_size=2000))
def test_agenda_bytes_never_raise_anything_but_the_documented_error(data: bytes) -> None:
    _agenda(data)
