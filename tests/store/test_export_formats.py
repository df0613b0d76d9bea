"""The record as CSV, JSON and Markdown, and the ``floorclock export`` command."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
from datetime import timedelta
from pathlib import Path

import pytest
from journal_builders import ARABIC, CHINESE, ZOE, Script, agenda_data, meeting_events

from floorclock.core.events import Event
from floorclock.core.record import build_record
from floorclock.store.export import (
    CSV_HEADERS,
    mmss,
    record_to_csv,
    record_to_json,
    record_to_markdown,
    run_export,
)
from floorclock.store.journal import CORRUPT_MARK, journal_lines

NEWLINE_NAME = "Line one\nline two, with | a pipe"


def with_one_more_speaker(name: str, delegation: str) -> list[Event]:
    """The sample meeting plus one more speaker, heard for 61.4 s in session 2."""
    events = meeting_events()
    s = Script(events[-1].at)
    s.events = list(events)
    s.action = max(e.action for e in events)
    s.wait(1).do("intervention_ended", speaker_id="p7", spoken=51.0)
    s.wait(1).do(
        "speaker_inscribed",
        speaker_id="p9",
        session_id="s2",
        name=name,
        delegation=delegation,
        category="ngo",
    )
    s.wait(1).do("speaker_called", speaker_id="p9", limit=60)
    s.wait(1).do("timer_started", speaker_id="p9")
    s.wait(61).do("intervention_ended", speaker_id="p9", spoken=61.4)
    return s.events


def tricky_events() -> list[Event]:
    """The sample meeting plus a speaker whose name holds a newline and a pipe."""
    return with_one_more_speaker(NEWLINE_NAME, 'Org "Quoted", Ltd.')


def _csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_round_trips_names_through_csv_reader(tmp_path: Path) -> None:
    target = tmp_path / "record.csv"
    target.write_bytes(record_to_csv(build_record(tricky_events())))
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == CSV_HEADERS
    column = {name: index for index, name in enumerate(CSV_HEADERS)}
    speakers = [row[column["Speaker"]] for row in rows[1:]]
    assert speakers == [ARABIC, ZOE, CHINESE, "Ana", NEWLINE_NAME]
    last = rows[-1]
    assert last[column["Delegation or organization"]] == 'Org "Quoted", Ltd.'
    assert last[column["Spoken (seconds)"]] == "61"
    assert last[column["Spoken (m:ss)"]] == "1:01"
    assert last[column["Overtime (seconds)"]] == "1"
    first = rows[1]
    assert first[column["Start"]] == "10:20:15"
    assert first[column["End"]] == "10:23:25"
    assert first[column["Date"]] == "2023-08-28"
    assert first[column["Spoken (m:ss)"]] == "2:40"
    assert first[column["Extensions (seconds)"]] == "30"
    assert first[column["Time allowed (m:ss)"]] == "2:30"
    assert first[column["On behalf of"]] == "Arab Group"
    assert first[column["Category"]] == "States"
    assert first[column["Status"]] == "ended"
    assert rows[3][column["Mode"]] == "online"


def test_csv_of_an_ongoing_intervention_has_no_end() -> None:
    rows = _csv_rows(record_to_csv(build_record(meeting_events())))
    column = {name: index for index, name in enumerate(CSV_HEADERS)}
    assert rows[-1][column["End"]] == ""
    assert rows[-1][column["Status"]] == "ongoing"


def test_json_has_the_documented_shape() -> None:
    data = json.loads(record_to_json(build_record(tricky_events())))
    assert data["format"] == "floorclock-record"
    assert data["version"] == 1
    assert data["meeting"] == {
        "title": "Expert meeting on local government and human rights",
        "date": "2023-08-28",
        "timezone": "Europe/Zurich",
        "venue": "Room XIX, Palais des Nations",
    }
    morning, afternoon = data["sessions"]
    assert morning["id"] == "s1"
    assert [r["speaker"] for r in morning["records"]] == [ARABIC, ZOE, CHINESE]
    assert morning["records"][0]["start"] == "2023-08-28T10:20:15+02:00"
    assert morning["records"][0]["overtime_seconds"] == 10.0
    assert [n["reason"] for n in morning["not_heard"]] == ["absent", "withdrawn"]
    assert afternoon["records"][-1]["speaker"] == NEWLINE_NAME
    assert data["categories"][0] == {
        "category_id": "states",
        "category": "States",
        "interventions": 3,
        "spoken_seconds": 341.0,
    }
    assert ARABIC in record_to_json(build_record(tricky_events()))  # not \u-escaped


def test_markdown_is_a_report_summary() -> None:
    text = record_to_markdown(build_record(tricky_events()))
    assert text.startswith("# Expert meeting on local government and human rights\n")
    assert "28 August 2023 · Room XIX, Palais des Nations · times in Europe/Zurich" in text
    assert "## Session 1: Human rights cities" in text
    assert f"| 1 | {ARABIC} (on behalf of Arab Group) | Egypt | States | in the room " in text
    assert f"| 2 | {ZOE} | Mexico |" in text
    assert "| States | 2 | 4:50 |" in text
    assert "| **Total** | **3** | **6:25** |" in text
    assert "**Inscribed but did not take the floor**" in text
    assert "- Absent Person, Non-governmental organizations: absent when called" in text
    assert "- Withdrawn Person (NGO, Inc.), Non-governmental organizations: withdrew" in text
    assert "Line one line two, with \\| a pipe" in text  # one line, pipe escaped
    for line in text.splitlines():
        if line.startswith("| ") and "Line one" in line:
            assert line.count(" | ") == 9
    assert text.index("## Session 1") < text.index("## Session 2")


def test_markdown_marks_an_ongoing_record() -> None:
    text = record_to_markdown(build_record(meeting_events()))
    assert "*Record as of 14:33:19: an intervention was still under way.*" in text
    assert "(speaking)" in text


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(0, "0:00"), (59.6, "1:00"), (125, "2:05"), (3600, "60:00"), (-30, "-0:30")],
)
def test_mmss(seconds: float, shown: str) -> None:
    assert mmss(seconds) == shown


# -- the command ------------------------------------------------------------------------


def _write_journal(data_dir: Path, name: str, events: list[Event]) -> Path:
    folder = data_dir / "meetings"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(journal_lines(events), encoding="utf-8")
    return path


def test_export_finds_the_latest_journal_and_writes_each_format(tmp_path: Path) -> None:
    data = tmp_path / "data"
    older = _write_journal(data, "2023-08-27-other.jsonl", _one_session_events("Older"))
    _write_journal(data, "2023-08-28-expert.jsonl", tricky_events())
    os.utime(older, (1_000_000_000, 1_000_000_000))
    for fmt in ("csv", "json", "md"):
        out = tmp_path / f"record.{fmt}"
        assert run_export(fmt, out, data) == 0
        assert "Zoë Ñúñez" in out.read_bytes().decode("utf-8-sig")
    assert json.loads((tmp_path / "record.json").read_text(encoding="utf-8"))["version"] == 1


def test_export_to_stdout(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    journal = _write_journal(tmp_path, "m.jsonl", tricky_events())
    assert run_export("csv", None, None, journal) == 0
    captured = capsysbinary.readouterr()
    rows = _csv_rows(captured.out)
    assert rows[-1][2] == NEWLINE_NAME


def test_export_without_a_journal_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_export("md", None, tmp_path / "empty") == 1
    err = capsys.readouterr().err
    assert "no meeting journal found" in err
    assert str(tmp_path / "empty" / "meetings") in err
    assert not (tmp_path / "empty").exists()
    assert run_export("md", None, None, tmp_path / "nope.jsonl") == 1
    assert "does not exist" in capsys.readouterr().err


def test_export_reports_skipped_lines_and_leaves_the_journal_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = _write_journal(tmp_path, "m.jsonl", tricky_events())
    damaged = journal.read_bytes() + b'{"type": "speaker_ca'
    journal.write_bytes(damaged)
    out = tmp_path / "record.md"
    assert run_export("md", out, None, journal) == 0
    assert "was cut off" in capsys.readouterr().err
    assert journal.read_bytes() == damaged
    assert not list(tmp_path.glob(f"*{CORRUPT_MARK}*"))
    assert "## Session 2" in out.read_text(encoding="utf-8")


def test_export_refuses_an_unknown_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_export("xlsx", None, tmp_path) == 2
    assert "unknown format" in capsys.readouterr().err


def test_export_says_when_the_file_cannot_be_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = _write_journal(tmp_path, "m.jsonl", tricky_events())
    assert run_export("json", tmp_path / "missing-folder" / "r.json", None, journal) == 1
    assert "could not write" in capsys.readouterr().err


def _one_session_events(title: str) -> list[Event]:
    agenda = agenda_data()
    agenda["meeting"]["title"] = title
    s = Script()
    s.do("agenda_loaded", agenda=agenda)
    return s.events


def test_csv_keeps_a_name_that_looks_like_a_formula_as_text() -> None:
    events = with_one_more_speaker('=HYPERLINK("http://x","click")', "+41 Geneva")
    rows = _csv_rows(record_to_csv(build_record(events)))
    speaker, delegation = (
        CSV_HEADERS.index("Speaker"),
        CSV_HEADERS.index("Delegation or organization"),
    )
    row = next(r for r in rows if "HYPERLINK" in r[speaker])
    assert row[speaker] == '\'=HYPERLINK("http://x","click")'
    assert row[delegation] == "'+41 Geneva"


def test_markdown_says_when_the_floor_was_held_on_another_day() -> None:
    moved = [
        dataclasses.replace(event, at=event.at - timedelta(days=1)) for event in meeting_events()
    ]
    text = record_to_markdown(build_record(moved))
    assert "*Held on 27 August 2023, not on the meeting's date" in text
    assert "not on the meeting's date" not in record_to_markdown(build_record(meeting_events()))
