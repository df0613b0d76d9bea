"""Read a list of speakers from a CSV file, as a secretariat prepares it in a spreadsheet.

The columns are documented in ``docs/speaker-import.md``. Reading is forgiving about the
file and strict about each row: a row that cannot be inscribed is reported with its line
number (``line 7: ...``) and skipped, and the good rows are kept. Only a file that cannot be
read as a whole (missing, too large, not UTF-8 text, no ``name`` column) raises
:class:`SpeakerImportError`.

Whether a speaker may actually be inscribed (the list is closed, the category may not
speak in that session, the name is too long) is for the meeting engine to decide when the
rows are inscribed; this module only turns text into rows.
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from floorclock.core.agenda import (
    Category,
    SpeakerMode,
    parse_speaking_time,
)

MAX_FILE_BYTES = 1024 * 1024
"""A list of speakers is a few kilobytes; anything over 1 MB is not one."""

COLUMNS = ("name", "delegation", "category", "mode", "group", "time_limit", "note")
"""The columns this module reads, by their documented names."""

_COLUMN_ALIASES = {
    "name": "name",
    "speaker": "name",
    "delegation": "delegation",
    "category": "category",
    "mode": "mode",
    "group": "group",
    "time_limit": "time_limit",
    "time limit": "time_limit",
    "limit": "time_limit",
    "note": "note",
    "notes": "note",
}

_MODES: dict[str, SpeakerMode] = {
    "": "room",
    "room": "room",
    "in the room": "room",
    "in room": "room",
    "in person": "room",
    "in-person": "room",
    "online": "online",
    "remote": "online",
    "live online": "online",
    "video": "video",
    "recorded": "video",
    "pre-recorded": "video",
    "video statement": "video",
}

_DELIMITERS = (",", ";", "\t")

_LISTED_COLUMNS = 10
"""Unknown columns named one by one; a header with more gets one line for the rest."""


class SpeakerImportError(Exception):
    """The file as a whole cannot be read; ``str()`` says why, for the user."""


@dataclass(frozen=True)
class SpeakerRow:
    """One speaker read from the file, ready for ``Meeting.inscribe``.

    ``category`` is the category id when the agenda's categories were given to
    :func:`read_speakers_csv`, otherwise the text as written in the file.
    """

    line: int
    name: str
    category: str
    delegation: str | None = None
    mode: SpeakerMode = "room"
    group: str | None = None
    time_limit: int | None = None
    note: str = ""


def read_speakers_csv(
    source: Path | str, categories: Sequence[Category] | None = None
) -> tuple[list[SpeakerRow], list[str]]:
    """Read speakers from a CSV file (a :class:`~pathlib.Path`) or from CSV text (a ``str``).

    Args:
        source: the file to read, or its text.
        categories: the agenda's categories, so that the ``category`` column may hold a
            category's id, label or name in any case; without them the text is kept as is.

    Returns:
        The good rows in file order, and one sentence per problem, each starting with
        ``line N:``.

    Raises:
        SpeakerImportError: the file cannot be read, is larger than 1 MB, is not UTF-8
            text, or has no header row with a ``name`` column.
    """
    text = _read_text(source) if isinstance(source, Path) else _check_text(source)
    header_line, _, _ = text.partition("\n")
    if not header_line.strip():
        raise SpeakerImportError(
            "the first line must be a header row naming the columns, such as "
            "name,delegation,category,mode,group,time_limit,note"
        )
    delimiter = max(_DELIMITERS, key=header_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except csv.Error as error:
        raise SpeakerImportError(f"line 1: the header row cannot be read ({error})") from None
    problems: list[str] = []
    columns = _columns(header, problems)
    if "name" not in columns.values():
        raise SpeakerImportError(
            "the header row (line 1) has no 'name' column; the columns are: " + ", ".join(COLUMNS)
        )
    lookup = _category_lookup(categories) if categories is not None else None
    rows: list[SpeakerRow] = []
    last_line = reader.line_num
    while True:
        first_line = last_line + 1
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append(f"line {first_line}: this row cannot be read ({error})")
            last_line = reader.line_num
            continue
        last_line = reader.line_num
        if not any(value.strip() for value in values):
            continue
        if len(values) > len(header) and any(v.strip() for v in values[len(header) :]):
            problems.append(
                f"line {first_line}: {len(values)} values but the header has {len(header)} "
                f"columns; a value holding a '{delimiter}' must be put in double quotes"
            )
            continue
        fields = {
            columns[index]: value.strip() for index, value in enumerate(values) if index in columns
        }
        told = len(problems)
        row = _row(first_line, fields, lookup, categories, problems)
        if row is not None:
            rows.append(row)
        elif len(values) > len(header) and len(problems) > told:
            # Spare empty values at the end are usual in a spreadsheet's CSV, but here they
            # may be what an unquoted comma pushed along: say so beside what went wrong.
            problems[-1] += (
                f" (the row has {len(values)} values for {len(header)} columns: a value "
                f"holding a '{delimiter}' must be put in double quotes)"
            )
    return rows, problems


def _read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SpeakerImportError(
                f"{path.name} is {size / 1024 / 1024:.1f} MB; a list of speakers may be at most "
                "1 MB (is this the right file?)"
            )
        data = path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        raise SpeakerImportError(f"{path.name} cannot be read: {reason}") from None
    if len(data) > MAX_FILE_BYTES:
        raise SpeakerImportError(f"{path.name} is larger than 1 MB (is this the right file?)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SpeakerImportError(
            f"{path.name} is not UTF-8 text (byte {error.start + 1} cannot be read); "
            "save it from the spreadsheet as 'CSV UTF-8'"
        ) from None
    return _check_text(text)


def _check_text(text: str) -> str:
    if len(text.encode("utf-8", errors="replace")) > MAX_FILE_BYTES:
        raise SpeakerImportError("the text is larger than 1 MB; a list of speakers is smaller")
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        raise SpeakerImportError("this is not a text file (it contains NUL bytes)")
    if not text.strip():
        raise SpeakerImportError("the file is empty; it needs a header row and one row a speaker")
    return text


def _columns(header: list[str], problems: list[str]) -> dict[int, str]:
    """Map header positions to the documented column names; report unknown and repeated ones."""
    columns: dict[int, str] = {}
    unknown = 0
    for index, title in enumerate(header):
        key = " ".join(title.strip().lower().replace("-", " ").split())
        column = _COLUMN_ALIASES.get(key) or _COLUMN_ALIASES.get(key.replace(" ", "_"))
        if column is None:
            if key:
                unknown += 1
                if unknown <= _LISTED_COLUMNS:
                    problems.append(
                        f"line 1: column {title.strip()!r} is not known and was ignored "
                        f"(known: {', '.join(COLUMNS)})"
                    )
        elif column in columns.values():
            problems.append(f"line 1: column {title.strip()!r} appears twice; the first is used")
        else:
            columns[index] = column
    if unknown > _LISTED_COLUMNS:
        problems.append(
            f"line 1: {unknown - _LISTED_COLUMNS} more columns are not known and were ignored"
        )
    return columns


def _category_lookup(categories: Iterable[Category]) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for category in categories:
        for key in (category.name, category.label, category.id):
            lookup.setdefault(key.casefold(), category.id)
    return lookup


def _row(
    line: int,
    fields: dict[str, str],
    lookup: dict[str, str] | None,
    categories: Sequence[Category] | None,
    problems: list[str],
) -> SpeakerRow | None:
    here = f"line {line}:"
    name = fields.get("name", "")
    if not name:
        problems.append(f"{here} the name is empty; every speaker needs a name")
        return None
    written = fields.get("category", "")
    if not written:
        problems.append(f"{here} no category for {_short(name)}; give one such as States or NGO")
        return None
    category = written
    if lookup is not None:
        found = lookup.get(written.casefold())
        if found is None:
            known = ", ".join(c.label for c in categories or ())
            problems.append(f"{here} category {_short(written)} is not in the agenda ({known})")
            return None
        category = found
    mode = _MODES.get(" ".join(fields.get("mode", "").lower().split()))
    if mode is None:
        problems.append(
            f"{here} mode {_short(fields['mode'])} is not known; write room, online or video"
        )
        return None
    limit_text = fields.get("time_limit", "")
    time_limit: int | None = None
    if limit_text:
        try:
            time_limit = _duration(limit_text)
        except ValueError as error:
            problems.append(f"{here} time limit: {error}")
            return None
    return SpeakerRow(
        line=line,
        name=name,
        category=category,
        delegation=fields.get("delegation") or None,
        mode=mode,
        group=fields.get("group") or None,
        time_limit=time_limit,
        note=fields.get("note", ""),
    )


@functools.lru_cache(maxsize=512)
def _duration(text: str) -> int:
    """``parse_speaking_time``, remembered: a list repeats the same few limits on every row,
    and a 1 MB list must still be read in well under a second."""
    return parse_speaking_time(text)


def _short(text: str, limit: int = 40) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


__all__ = ["COLUMNS", "MAX_FILE_BYTES", "SpeakerImportError", "SpeakerRow", "read_speakers_csv"]
