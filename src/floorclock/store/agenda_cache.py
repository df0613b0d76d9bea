"""Agendas checked before, kept so that a start need not check the same file again.

Checking an agenda file takes YAML and pydantic, whose imports alone cost about as much as
showing a bare window (see docs/performance.md). Once a file has passed every check, the
agenda it gave is kept in the user cache folder (``agendas/<key>.pickle``), the key being
the SHA-256 of the file's bytes, of the code that reads and checks it, and of the versions
of pydantic and PyYAML. A later start that finds the same bytes, read by the same code,
takes the agenda from there and imports neither. Anything else checks the file again: an
edited file, another version of FloorClock or of those libraries, a cache file that is
missing, damaged, not a regular file, or whose agenda does not hold together. The cache holds
nothing that is not in the agenda file, and deleting it loses nothing. It is a pickle, so
it is only as trustworthy as the user's own cache folder, where nobody else may write.

``floorclock check`` always reads and checks the file itself.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import time
from pathlib import Path

from platformdirs import user_cache_dir

from floorclock.core.agenda import Agenda, consistency_problems
from floorclock.store.agenda_error import read_agenda_file
from floorclock.store.paths import APP_NAME

KEEP = 20
"""Cached agendas kept; the ones least recently used go first."""

STALE_TEMP_S = 3600
"""A temporary file this old is what a write cut short left behind (not one being written)."""

_CODE = (
    "../core/agenda.py",
    "../core/text.py",
    "agenda_file.py",
    "agenda_error.py",
    "agenda_cache.py",
)
"""The modules whose rules decide what an agenda file means (paths from this folder)."""

_LIBRARIES = (("pydantic", "version.py"), ("yaml", "__init__.py"))
"""The libraries that read and check the file, and the file of each that names its version:
another version of either checks every agenda again."""


def cache_dir() -> Path:
    """Where checked agendas are kept (the folder may not exist yet)."""
    return Path(user_cache_dir(APP_NAME)) / "agendas"


def load_agenda(path: str | os.PathLike[str]) -> Agenda:
    """The agenda in the file at ``path``, checked now or taken from an earlier check.

    Raises:
        AgendaError: the file cannot be read or is not a valid agenda (with every problem,
            as :func:`floorclock.store.agenda_file.load_agenda` says them: it is the same
            reading and the same check).
    """
    raw = read_agenda_file(path)
    key = _key(raw)
    agenda = _cached(key) if key is not None else None
    if agenda is None:
        from floorclock.store.agenda_file import load_agenda_text

        agenda = load_agenda_text(raw, os.fspath(path))
        if key is not None:
            _remember(key, agenda)
    return agenda


def _key(raw: bytes) -> str | None:
    """The cache key of an agenda file's bytes; ``None`` when the code that reads it cannot be
    read (a FloorClock installed without its sources): then nothing is cached."""
    from importlib.util import find_spec  # finds a package without importing it

    digest = hashlib.sha256(raw)
    here = Path(__file__).parent
    try:
        sources = [here / module for module in _CODE]
        for package, versioned in _LIBRARIES:
            spec = find_spec(package)
            if spec is None or spec.origin is None:
                return None
            sources.append(Path(spec.origin).with_name(versioned))
        for source in sources:
            digest.update(b"\0")
            digest.update(source.read_bytes())
    except OSError:
        return None
    return digest.hexdigest()


def _cached(key: str) -> Agenda | None:
    path = cache_dir() / f"{key}.pickle"
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a pipe would block the start
            return None
        with open(path, "rb") as handle:
            agenda = pickle.load(handle)
    except Exception:  # missing, damaged or unreadable: the file is checked again
        return None
    if not isinstance(agenda, Agenda) or consistency_problems(agenda):
        return None  # not what a check lets through: the file is checked again
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: kept when older ones are pruned
    return agenda


def _remember(key: str, agenda: Agenda) -> None:
    """Keep a checked agenda; a cache that cannot be written is no reason to stop."""
    from floorclock.store.atomic import write_atomic

    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(folder / f"{key}.pickle", pickle.dumps(agenda))
        kept = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept[KEEP:]:
            old.unlink()
        for torn in folder.glob(".*.tmp"):  # left by a write that was cut short
            if time.time() - torn.stat().st_mtime > STALE_TEMP_S:
                torn.unlink()
    except OSError:
        pass


__all__ = ["KEEP", "cache_dir", "load_agenda"]
