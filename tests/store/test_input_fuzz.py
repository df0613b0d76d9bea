"""Fuzzing the three readers of outside files: the agenda, a CSV list of speakers, the journal.

Whatever they are given, they answer with a result or their one documented error
(``AgendaError``, ``SpeakerImportError``; the journal reader never raises), on small random
inputs and on hostile ones of about 1 MB (the largest any of them accepts, from
``hostile_inputs.py``). How long they take on those is measured by ``benchmarks/run.py``,
not here (docs/performance.md). The agenda loader's own structure-aware fuzzing is in
``tests/test_agenda_fuzz.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hostile_inputs import GOOD_LINES, MEGABYTE, hostile_agendas, hostile_csv, hostile_journals
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from floorclock.store.agenda_file import AgendaError, bundled_agenda_path, load_agenda_text
from floorclock.store.journal import CORRUPT_MARK, read_journal
from floorclock.store.speaker_csv import SpeakerImportError, read_speakers_csv

CATEGORIES = None  # filled lazily: the bundled agenda's categories


def _categories() -> object:
    global CATEGORIES
    if CATEGORIES is None:
        from floorclock.store.agenda_file import load_agenda

        CATEGORIES = load_agenda(bundled_agenda_path()).categories
    return CATEGORIES


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


@pytest.mark.parametrize("shape", list(hostile_csv()))
def test_a_hostile_megabyte_csv_gets_rows_or_the_documented_error(
    tmp_path: Path, shape: str
) -> None:
    data = hostile_csv()[shape]
    assert MEGABYTE // 2 < len(data) <= MEGABYTE
    path = tmp_path / "speakers.csv"
    path.write_bytes(data)
    _csv(path)


# -- the journal reader -----------------------------------------------------------------

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


@pytest.mark.parametrize("shape", list(hostile_journals()))
def test_a_hostile_megabyte_journal_is_read_and_kept_aside_if_damaged(
    tmp_path: Path, shape: str
) -> None:
    data = hostile_journals()[shape]
    path = tmp_path / "meeting.jsonl"
    path.write_bytes(data)
    found = read_journal(path)
    assert [event.seq for event in found.events] == list(range(1, len(found.events) + 1))
    asides = list(tmp_path.glob(f"*{CORRUPT_MARK}*"))
    assert [aside.read_bytes() for aside in asides] == ([data] if found.problems else [])


# -- the agenda loader ------------------------------------------------------------------


def _agenda(text: str | bytes) -> None:
    problems = None
    try:
        load_agenda_text(text, "hostile.yaml")
    except AgendaError as error:
        problems = error.problems
    assert problems is None or problems


@pytest.mark.parametrize("shape", list(hostile_agendas()))
def test_a_hostile_megabyte_agenda_gets_the_documented_error(shape: str) -> None:
    data = hostile_agendas()[shape]
    assert MEGABYTE // 2 < len(data) <= MEGABYTE + 4096
    _agenda(data)


@given(st.binary(max_size=2000))
def test_agenda_bytes_never_raise_anything_but_the_documented_error(data: bytes) -> None:
    _agenda(data)
