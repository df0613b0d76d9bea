"""The record as files for the secretariat: CSV for a spreadsheet, JSON for tools, Markdown for a
report.

- **CSV**: UTF-8 with a byte order mark (so spreadsheets detect the encoding), one row per
  intervention, headers in plain English (:data:`CSV_HEADERS`), times ``HH:MM:SS`` in the
  meeting's time zone, durations both in seconds and as ``m:ss``.
- **JSON**: the shape documented in :func:`record_to_json` (``"format": "floorclock-record"``,
  ``"version": 1``).
- **Markdown**: a heading for the meeting, then per session a table of interventions, the totals
  by category, and who was inscribed but did not take the floor.

:func:`run_export` is the ``floorclock export`` command.
"""

from __future__ import annotations

import csv
import io
import json
import math
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from floorclock.core.record import (
    MODE_TEXT,
    NOT_HEARD_TEXT,
    CategoryTotal,
    Intervention,
    Record,
    build_record,
)
from floorclock.store.atomic import write_atomic
from floorclock.store.journal import read_journal
from floorclock.store.paths import data_dir as resolve_data_dir
from floorclock.store.paths import latest_journal, meetings_dir

FORMATS = ("csv", "json", "md")
RECORD_FORMAT_VERSION = 1

CSV_HEADERS = (
    "Session",
    "Session title",
    "Speaker",
    "Delegation or organization",
    "Category",
    "On behalf of",
    "Mode",
    "Date",
    "Start",
    "End",
    "Spoken (seconds)",
    "Spoken (m:ss)",
    "Time limit (seconds)",
    "Extensions (seconds)",
    "Time allowed (m:ss)",
    "Overtime (seconds)",
    "Overtime (m:ss)",
    "Status",
)


def whole_seconds(seconds: float) -> int:
    """Seconds rounded to the nearest whole second (halves up), never negative."""
    return max(math.floor(seconds + 0.5), 0)


def mmss(seconds: float) -> str:
    """``m:ss`` for a duration (``2:05``; ``-0:30`` for a negative one; hours show as minutes)."""
    value = round(seconds)
    sign = "-" if value < 0 else ""
    minutes, secs = divmod(abs(value), 60)
    return f"{sign}{minutes}:{secs:02d}"


def clock_time(moment: datetime | None) -> str:
    """``HH:MM:SS`` of a local time, or an empty string."""
    return "" if moment is None else moment.strftime("%H:%M:%S")


# -- CSV --------------------------------------------------------------------------------


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def text_cell(text: str | None) -> str:
    """Text as a spreadsheet shows it, never run: a leading ``=``, ``+``, ``-`` or ``@``
    (which a spreadsheet takes for a formula) is kept as text by a leading apostrophe."""
    if not text:
        return ""
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def record_to_csv(record: Record) -> bytes:
    """One row per intervention, with a header row; UTF-8 with a byte order mark.

    Names and other text typed by people go through :func:`text_cell`.
    """
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADERS)
    for item in record.interventions:
        writer.writerow(
            [
                item.session_id,
                text_cell(item.session_title),
                text_cell(item.speaker),
                text_cell(item.delegation),
                text_cell(item.category_name),
                text_cell(item.group),
                MODE_TEXT.get(item.mode, item.mode),
                "" if item.start is None else item.start.date().isoformat(),
                clock_time(item.start),
                clock_time(item.end),
                whole_seconds(item.spoken),
                mmss(whole_seconds(item.spoken)),
                item.limit,
                item.extensions,
                mmss(item.allowed),
                whole_seconds(item.overtime),
                mmss(whole_seconds(item.overtime)),
                item.status,
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")


# -- JSON -------------------------------------------------------------------------------


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _category_total(total: CategoryTotal) -> dict[str, Any]:
    return {
        "category_id": total.category_id,
        "category": total.category_name,
        "interventions": total.count,
        "spoken_seconds": round(total.spoken, 3),
    }


def _intervention(item: Intervention) -> dict[str, Any]:
    return {
        "session_id": item.session_id,
        "speaker_id": item.speaker_id,
        "speaker": item.speaker,
        "delegation": item.delegation,
        "category_id": item.category_id,
        "category": item.category_name,
        "group": item.group,
        "mode": item.mode,
        "limit_seconds": item.limit,
        "extensions_seconds": item.extensions,
        "start": _iso(item.start),
        "end": _iso(item.end),
        "spoken_seconds": round(item.spoken, 3),
        "overtime_seconds": round(item.overtime, 3),
        "status": item.status,
    }


def record_to_dict(record: Record) -> dict[str, Any]:
    """The record as plain JSON data; see :func:`record_to_json` for the shape."""
    meeting = record.meeting
    return {
        "format": "floorclock-record",
        "version": RECORD_FORMAT_VERSION,
        "meeting": {
            "title": meeting.title,
            "date": None if meeting.date is None else meeting.date.isoformat(),
            "timezone": meeting.timezone,
            "venue": meeting.venue,
        },
        "as_of": _iso(record.as_of),
        "sessions": [
            {
                "id": session.session_id,
                "title": session.title,
                "interventions": session.count,
                "spoken_seconds": round(session.spoken, 3),
                "by_category": [_category_total(t) for t in session.by_category],
                "not_heard": [
                    {
                        "speaker_id": entry.speaker_id,
                        "speaker": entry.speaker,
                        "delegation": entry.delegation,
                        "category_id": entry.category_id,
                        "category": entry.category_name,
                        "reason": entry.reason,
                    }
                    for entry in session.not_heard
                ],
                "records": [
                    _intervention(item)
                    for item in record.interventions
                    if item.session_id == session.session_id
                ],
            }
            for session in record.sessions
        ],
        "categories": [_category_total(t) for t in record.categories],
    }


def record_to_json(record: Record) -> str:
    """The record as JSON text (UTF-8, not escaped, two-space indent, keys in a fixed order).

    Shape (version 1)::

        {
          "format": "floorclock-record", "version": 1,
          "meeting": {"title", "date" (YYYY-MM-DD|null), "timezone", "venue"},
          "as_of": ISO time of the last event read, meeting time zone (or null),
          "sessions": [{
            "id", "title", "interventions" (count), "spoken_seconds" (total),
            "by_category": [{"category_id", "category", "interventions", "spoken_seconds"}],
            "not_heard": [{"speaker_id", "speaker", "delegation", "category_id", "category",
                           "reason": "withdrawn"|"absent"|"waiting"|"called"}],
            "records": [{"session_id", "speaker_id", "speaker", "delegation", "category_id",
                         "category", "group", "mode": "room"|"online"|"video",
                         "limit_seconds", "extensions_seconds", "start", "end" (ISO, meeting
                         time zone, or null), "spoken_seconds", "overtime_seconds",
                         "status": "ended"|"ongoing"}]
          }],
          "categories": [whole-meeting totals, same shape as "by_category"]
        }

    Sessions follow the agenda; categories the order of precedence. New keys may be added
    within a version; removing or changing one raises the version.
    """
    return json.dumps(record_to_dict(record), ensure_ascii=False, indent=2) + "\n"


# -- Markdown ---------------------------------------------------------------------------

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#"})


def md_text(text: str | None) -> str:
    """Text safe inside a Markdown table cell: one line, special characters escaped."""
    if not text:
        return ""
    one_line = " ".join(text.split())
    return one_line.translate(_MD_SPECIAL)


def record_to_markdown(record: Record) -> str:
    """A summary a secretariat can paste into a report."""
    meeting = record.meeting
    out: list[str] = [f"# {md_text(meeting.title)}", ""]
    facts = [meeting.date.strftime("%d %B %Y").lstrip("0")] if meeting.date else []
    if meeting.venue:
        facts.append(md_text(meeting.venue))
    facts.append(f"times in {meeting.timezone}")
    out += [" · ".join(facts), ""]
    held = sorted({item.start.date() for item in record.interventions if item.start is not None})
    if meeting.date is not None and any(day != meeting.date for day in held):
        days = ", ".join(day.strftime("%d %B %Y").lstrip("0") for day in held)
        out += [
            f"*Held on {days}, not on the meeting's date: a rehearsal, or a meeting moved.*",
            "",
        ]
    if record.ongoing and record.as_of is not None:
        out += [
            f"*Record as of {clock_time(record.as_of)}: an intervention was still under way.*",
            "",
        ]
    shown = [s for s in record.sessions if s.count or s.not_heard]
    if not shown:
        out += ["No one took the floor and no one was inscribed.", ""]
    for session in shown:
        out += [f"## {md_text(session.title)}", ""]
        items = [i for i in record.interventions if i.session_id == session.session_id]
        if items:
            out += [
                "| # | Speaker | Delegation | Category | Mode | Start | End | Spoken "
                "| Allowed | Overtime |",
                "|---:|---|---|---|---|---|---|---:|---:|---:|",
            ]
            for number, item in enumerate(items, start=1):
                speaker = md_text(item.speaker)
                if item.group:
                    speaker += f" (on behalf of {md_text(item.group)})"
                overtime = whole_seconds(item.overtime)
                end = clock_time(item.end) if item.end else "(speaking)"
                out.append(
                    f"| {number} | {speaker} | {md_text(item.delegation)} "
                    f"| {md_text(item.category_name)} | {MODE_TEXT.get(item.mode, item.mode)} "
                    f"| {clock_time(item.start)} | {end} | {mmss(whole_seconds(item.spoken))} "
                    f"| {mmss(item.allowed)} | {mmss(overtime) if overtime else ''} |"
                )
            out += ["", "**Totals by category**", ""]
            out += ["| Category | Interventions | Time |", "|---|---:|---:|"]
            for total in session.by_category:
                out.append(
                    f"| {md_text(total.category_name)} | {total.count} "
                    f"| {mmss(whole_seconds(total.spoken))} |"
                )
            out += [
                f"| **Total** | **{session.count}** | **{mmss(whole_seconds(session.spoken))}** |",
                "",
            ]
        else:
            out += ["No one took the floor.", ""]
        out += ["**Inscribed but did not take the floor**", ""]
        if session.not_heard:
            for entry in session.not_heard:
                who = md_text(entry.speaker)
                if entry.delegation:
                    who += f" ({md_text(entry.delegation)})"
                out.append(
                    f"- {who}, {md_text(entry.category_name)}: {NOT_HEARD_TEXT[entry.reason]}"
                )
        else:
            out.append("None.")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# -- the command ------------------------------------------------------------------------

RENDERERS: dict[str, Callable[[Record], bytes]] = {
    "csv": record_to_csv,
    "json": lambda record: record_to_json(record).encode("utf-8"),
    "md": lambda record: record_to_markdown(record).encode("utf-8"),
}
"""The record as the bytes of a file, by format (also the file's suffix without its dot)."""


def run_export(
    fmt: str,
    out: Path | None,
    data_dir: Path | None,
    journal: Path | None = None,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """``floorclock export``: write the record of a meeting as CSV, JSON or Markdown.

    Reads ``journal``, or else the most recently modified journal in ``data_dir/meetings``
    (the platform data folder when ``data_dir`` is ``None``). Skipped journal lines are
    reported on ``stderr``; the journal itself is never changed. Writes to ``out``
    atomically, or to ``stdout``.

    Returns:
        0 when written; 1 when there is no journal, nothing could be read or the file could
        not be written; 2 for an unknown format.
    """
    err = stderr if stderr is not None else sys.stderr
    if fmt not in RENDERERS:
        print(f"floorclock export: unknown format {fmt!r}; use csv, json or md.", file=err)
        return 2
    if journal is None:
        folder = resolve_data_dir(data_dir, create=False)
        journal = latest_journal(folder)
        if journal is None:
            print(
                f"floorclock export: no meeting journal found in {meetings_dir(folder)}. "
                "Run a meeting first, or name a journal with --journal (or the data folder "
                "with --data-dir).",
                file=err,
            )
            return 1
    elif not journal.exists():
        print(f"floorclock export: the journal {journal} does not exist.", file=err)
        return 1
    found = read_journal(journal, set_aside=False)
    for problem in found.problems:
        print(f"floorclock export: {journal.name}: {problem}", file=err)
    if not found.events:
        print(f"floorclock export: nothing to export from {journal}.", file=err)
        return 1
    payload = RENDERERS[fmt](build_record(found.events))
    if out is None:
        target = stdout if stdout is not None else sys.stdout
        buffer = getattr(target, "buffer", None)
        if buffer is not None:
            target.flush()
            buffer.write(payload)
            buffer.flush()
        else:
            target.write(payload.decode("utf-8"))
        return 0
    try:
        write_atomic(out, payload)
    except OSError as error:
        print(f"floorclock export: could not write {out}: {error.strerror or error}.", file=err)
        return 1
    print(f"floorclock export: wrote {out} from {journal.name}.", file=err)
    return 0


__all__ = [
    "CSV_HEADERS",
    "FORMATS",
    "clock_time",
    "mmss",
    "record_to_csv",
    "record_to_dict",
    "record_to_json",
    "record_to_markdown",
    "run_export",
    "whole_seconds",
]
