"""Where FloorClock keeps its files.

Everything lives under one data folder: platformdirs' user data folder for ``floorclock``
unless ``--data-dir`` overrides it (tests and rehearsals use their own folder, never the real
one). Meeting journals are in its ``meetings`` subfolder, one per meeting and day it is run:
``meetings/<date>-<slug of the title>.jsonl`` on the meeting's own date, and
``meetings/<day>-rehearsal-<slug>.jsonl`` on any other day, so that a rehearsal the day
before is never resumed as the real meeting.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from importlib import resources
from pathlib import Path

from platformdirs import user_data_dir, user_documents_dir

from floorclock.core.agenda import Agenda

APP_NAME = "floorclock"
MEETINGS = "meetings"
JOURNAL_SUFFIX = ".jsonl"


def bundled_agenda_path() -> Path:
    """The agenda shipped inside the package: the 28 August 2023 expert meeting."""
    return Path(str(resources.files("floorclock") / "data" / "agenda.yaml"))


def documents_folder() -> Path:
    """Where the import and export dialogs open first: the user's documents folder (or home
    folder), where a list of speakers or a report is kept, not FloorClock's hidden data."""
    folder = Path(user_documents_dir())
    return folder if folder.is_dir() else Path.home()


def data_dir(override: Path | None = None, *, create: bool = True) -> Path:
    """The data folder: ``override`` if given, else the platform's user data folder.

    Created (with its parents) unless ``create`` is false.
    """
    path = Path(override).expanduser() if override is not None else Path(user_data_dir(APP_NAME))
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def meetings_dir(data: Path) -> Path:
    """The folder of meeting journals inside a data folder (not created here)."""
    return data / MEETINGS


def slugify(text: str, *, max_length: int = 60) -> str:
    """A file-name-safe form of ``text``: ASCII letters and digits joined by ``-``.

    Accents are dropped (``Zoë`` -> ``zoe``); text with nothing usable gives ``meeting``.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    slug = slug[:max_length].rstrip("-")
    return slug or "meeting"


def journal_path(data: Path, agenda: Agenda, day: date) -> Path:
    """The journal of the meeting an agenda describes, run on ``day`` (in the meeting's zone).

    On the meeting's date: ``meetings/<date>-<slug>.jsonl``; on another day (a rehearsal):
    ``meetings/<day>-rehearsal-<slug>.jsonl``.
    """
    kind = "" if day == agenda.meeting.date else "rehearsal-"
    name = f"{day.isoformat()}-{kind}{slugify(agenda.meeting.title)}{JOURNAL_SUFFIX}"
    return meetings_dir(data) / name


RESUME_WITHIN_SECONDS = 3 * 3600
"""A journal of the same meeting written this recently is resumed even if it is named after
another day: a meeting that runs past midnight, restarted at 00:05, goes on where it was.
A rehearsal the evening before is older than this, and is not resumed as the meeting."""


def recent_journal(
    data: Path, agenda: Agenda, *, now: float, within: float = RESUME_WITHIN_SECONDS
) -> Path | None:
    """The newest journal of this agenda's meeting written less than ``within`` seconds
    before ``now`` (seconds since the epoch, from the meeting's clock), or as little after
    it (the computer's clock set back a little: not a journal of a year to come)."""
    newest: tuple[float, Path] | None = None
    try:
        for path in meetings_dir(data).glob(f"*-{slugify(agenda.meeting.title)}{JOURNAL_SUFFIX}"):
            if not path.is_file():
                continue
            changed = path.stat().st_mtime
            if abs(now - changed) < within and (newest is None or changed > newest[0]):
                newest = (changed, path)
    except OSError:
        return None
    return newest[1] if newest is not None else None


def latest_journal(data: Path) -> Path | None:
    """The most recently modified journal in a data folder, or ``None`` if there is none."""
    folder = meetings_dir(data)
    try:
        candidates = [p for p in folder.glob(f"*{JOURNAL_SUFFIX}") if p.is_file()]
    except OSError:
        return None
    if not candidates:
        return None
    return max(candidates, key=lambda p: (p.stat().st_mtime_ns, p.name))


__all__ = [
    "data_dir",
    "journal_path",
    "latest_journal",
    "meetings_dir",
    "recent_journal",
    "slugify",
]
