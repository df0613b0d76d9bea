"""The meeting journal on disk: append-only JSON Lines, one event per line, fsynced per action.

Reading (:func:`read_journal`) never raises because of what is in the file: it loads every
event it can, says in plain sentences what it skipped, and, when anything was skipped or the
file could not be read, keeps the original aside as ``<name>.corrupt-<UTC time>`` (never
overwritten, never deleted) so that writing can go on in a clean file.

Writing (:class:`Journal`) writes each event as one line at once, and makes the lines durable
with one ``fsync`` when the action that made them is complete (:meth:`Journal.sync`; a plain
:meth:`Journal.append` syncs at once). It never raises when the disk fails: events not yet on
disk wait in memory, in order, the user is told (``on_failure``), and they are written as soon
as writing works again (``on_recovered``). That only one FloorClock writes is the data
folder's lock (:mod:`floorclock.store.lock`), taken by the app before any journal is opened.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from floorclock.core.collector import collector_paused as _collector_paused
from floorclock.core.events import (
    JOURNAL_VERSION,
    Event,
    event_to_json,
    parse_event,
    renumbered,
)
from floorclock.store.atomic import _write_all, fsync_dir, write_atomic

CORRUPT_MARK = ".corrupt-"
_LISTED_LINES = 5

WriteLine = Callable[[int, bytes], None]
"""Writes one whole journal line to an open file descriptor (durable only once synced)."""

SyncFile = Callable[[int], None]
"""Makes what was written to an open file descriptor durable."""


def write_line(fd: int, data: bytes) -> None:
    """The journal's real writer: every byte of one line (see :data:`SyncFile`)."""
    _write_all(fd, data)


def sync_file(fd: int) -> None:
    """The journal's real sync: ``os.fsync``, once per action whatever its number of events."""
    os.fsync(fd)


def _read_bytes(path: Path) -> bytes:
    """Read a whole file (a seam for tests that simulate unreadable files)."""
    return path.read_bytes()


# -- reading ----------------------------------------------------------------------------


@dataclass(frozen=True)
class JournalRead:
    """What :func:`read_journal` found.

    Attributes:
        path: the journal read.
        events: the events loaded, in journal order.
        problems: plain sentences for the user about what was skipped or could not be read;
            empty when the whole file was read.
        set_aside: where the original file was kept, when it was damaged.
        needs_rewrite: the file at ``path`` should be replaced by ``events`` before anything
            is appended (it was damaged and is safely set aside, or lacks its last newline).
        unsaved_original: the damaged file's bytes when they could not be set aside yet (the
            writer keeps trying before it replaces the file).
    """

    path: Path
    events: tuple[Event, ...] = ()
    problems: tuple[str, ...] = ()
    set_aside: Path | None = None
    needs_rewrite: bool = False
    unsaved_original: bytes | None = field(default=None, repr=False)

    def report(self) -> str | None:
        """One message for the user, or ``None`` when the journal was read whole."""
        if not self.problems:
            return None
        loaded = len(self.events)
        head = (
            f"The meeting journal {self.path} was damaged. "
            f"{loaded} event{'s' if loaded != 1 else ''} could be loaded."
        )
        return " ".join([head, *self.problems])


@dataclass
class _Skipped:
    """Line numbers skipped for one reason, and how to say it for one line or several."""

    one: str
    many: str
    lines: list[int] = field(default_factory=list)

    def describe(self) -> str:
        shown = ", ".join(str(n) for n in self.lines[:_LISTED_LINES])
        more = len(self.lines) - _LISTED_LINES
        if len(self.lines) == 1:
            return f"Line {shown} {self.one}"
        if more > 0:
            return f"Lines {shown} and {more} more {self.many}"
        return f"Lines {shown} {self.many}"


def read_journal(path: Path, *, set_aside: bool = True) -> JournalRead:
    """Load the events of a journal, skipping and reporting whatever cannot be used.

    Never raises because of the file's content or state. A missing file is a new meeting
    (no events, no problems). When anything is skipped or the file cannot be read and
    ``set_aside`` is true, the original is kept as ``<name>.corrupt-<UTC time>``: a byte-for-
    byte copy of a readable file, or the file (or folder) itself moved aside when it cannot be
    read. Pass ``set_aside=False`` to only look (for example, to export while a meeting runs).
    """
    path = Path(path)
    if not os.path.lexists(path):
        return JournalRead(path)
    try:
        data = _read_bytes(path)
    except OSError as error:
        return _unreadable(path, error, set_aside)
    if not data:
        empty = [f"The journal file {path.name} is empty: there was nothing to load."]
        return _finish(path, data, [], empty, set_aside, tail_ok=True)

    events: list[Event] = []
    problems: list[str] = []
    bad = _Skipped(
        "could not be read (damaged, or not a FloorClock event) and was skipped.",
        "could not be read (damaged, or not FloorClock events) and were skipped.",
    )
    repeated = _Skipped(
        "repeats an event already read (a duplicated line) and was skipped.",
        "repeat events already read (duplicated lines) and were skipped.",
    )
    backwards = _Skipped(
        "holds an event whose number does not follow the one before it and was skipped.",
        "hold events whose numbers do not follow the ones before them and were skipped.",
    )
    seen: dict[int, int] = {}  # seq -> hash of its line, to tell a duplicate from a clash
    last_seq = 0
    parts = data.split(b"\n")
    tail_ok = parts[-1] == b""
    complete = len(parts) - 1
    for number, raw in enumerate(parts, start=1):
        if not raw.strip():
            continue
        torn = number > complete
        event: Event | None
        try:
            event = parse_event(raw)
        except ValueError:  # pydantic's ValidationError
            event = None
            # only a line that names a version can be from a newer FloorClock; parsing every
            # damaged line again would make a megabyte of garbage slow to read
            version = _version_of(raw) if b'"v"' in raw else None
            if version is not None and version > JOURNAL_VERSION:
                problems.append(
                    f"Line {number} was written by a newer FloorClock (journal format {version}; "
                    f"this version reads format {JOURNAL_VERSION}). Reading stopped there: that "
                    "event and everything after it were not loaded. Use the newer FloorClock "
                    "to read this meeting in full."
                )
                tail_ok = False
                break
        if event is None:
            if torn:
                problems.append(
                    f"The last line ({number}) was cut off, probably because the program "
                    "stopped while writing it, and was skipped."
                )
            else:
                bad.lines.append(number)
            continue
        if event.seq <= last_seq:
            same = seen.get(event.seq) == hash(raw)
            (repeated if same else backwards).lines.append(number)
            continue
        seen[event.seq] = hash(raw)
        last_seq = event.seq
        events.append(event)
    problems[0:0] = [group.describe() for group in (bad, repeated, backwards) if group.lines]
    if any(event.seq != index for index, event in enumerate(events, start=1)):
        # New events are numbered after the ones loaded (len + 1): a gap left by a skipped
        # line would give the next event a number already in the file, and the next reading
        # would skip it. The loaded events are numbered again, in order, without gaps.
        if not problems:
            problems.append(
                "Some events are missing from the journal (their numbers jump); the events "
                "that could be read are kept, numbered again in order."
            )
        events = [renumbered(event, index) for index, event in enumerate(events, start=1)]
    return _finish(path, data, events, problems, set_aside, tail_ok=tail_ok)


def _version_of(raw: bytes) -> int | None:
    """The format version a line claims, if it is a JSON object with an integer ``v``."""
    try:
        obj = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    version = obj.get("v") if isinstance(obj, dict) else None
    if isinstance(version, int) and not isinstance(version, bool):
        return version
    return None


def _finish(
    path: Path,
    data: bytes,
    events: list[Event],
    problems: list[str],
    set_aside: bool,
    *,
    tail_ok: bool,
) -> JournalRead:
    if not problems:
        # whole and readable; a missing last newline only needs the events written back
        return JournalRead(path, tuple(events), needs_rewrite=not tail_ok)
    if not set_aside:
        return JournalRead(path, tuple(events), tuple(problems))
    try:
        copy = set_aside_copy(path, data)
    except OSError as error:
        problems.append(
            f"The original file could not be kept aside ({_reason(error)}); it is left as it is "
            "and will not be replaced until a copy can be made."
        )
        return JournalRead(path, tuple(events), tuple(problems), unsaved_original=data)
    problems.append(f"The original file is kept unchanged as {copy.name}.")
    return JournalRead(path, tuple(events), tuple(problems), set_aside=copy, needs_rewrite=True)


def _unreadable(path: Path, error: OSError, set_aside: bool) -> JournalRead:
    if path.is_dir():
        problem = f"The journal {path.name} is a folder, not a file, so nothing could be loaded."
    elif isinstance(error, PermissionError):
        problem = (
            f"FloorClock is not allowed to read the journal {path.name}, so nothing could be "
            "loaded."
        )
    else:
        problem = f"The journal {path.name} could not be read ({_reason(error)})."
    if not set_aside:
        return JournalRead(path, problems=(problem,))
    try:
        moved = _move_aside(path)
    except OSError as moving:
        return JournalRead(
            path,
            problems=(
                problem,
                f"It could not be moved aside either ({_reason(moving)}); it is left as it is.",
            ),
        )
    return JournalRead(
        path,
        problems=(problem, f"It was moved aside, unchanged, as {moved.name}."),
        set_aside=moved,
    )


def _aside_name(path: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    candidate = path.with_name(f"{path.name}{CORRUPT_MARK}{stamp}")
    counter = 2
    while os.path.lexists(candidate):
        candidate = path.with_name(f"{path.name}{CORRUPT_MARK}{stamp}-{counter}")
        counter += 1
    return candidate


def set_aside_copy(path: Path, data: bytes) -> Path:
    """Keep ``data`` (a damaged journal's bytes) as ``<name>.corrupt-<UTC time>``.

    Never overwrites: an existing name gets a ``-2``, ``-3`` ... suffix.

    Raises:
        OSError: the copy could not be made (nothing was replaced).
    """
    while True:
        target = _aside_name(path)
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            continue
        break
    try:
        try:
            write_line(fd, data)
            sync_file(fd)  # the copy is on disk before the damaged original is replaced
        finally:
            os.close(fd)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(target)
        raise
    fsync_dir(path.parent)
    return target


def _move_aside(path: Path) -> Path:
    target = _aside_name(path)
    os.rename(path, target)
    fsync_dir(path.parent)
    return target


_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the disk or folder is read-only",
    errno.EACCES: "FloorClock is not allowed to write there",
    errno.EPERM: "FloorClock is not allowed to write there",
    errno.EIO: "the disk reported an input/output error",
    errno.EISDIR: "a folder stands where the file should be",
}


def _reason(error: OSError) -> str:
    if error.errno in _REASONS:
        return _REASONS[error.errno]
    return error.strerror or str(error) or type(error).__name__


# -- writing ----------------------------------------------------------------------------


class Journal:
    """The append-only writer of one meeting's journal.

    One writer per journal is the caller's business (the app holds the data folder's lock).
    Call :meth:`load` once to read what is there (setting a damaged file aside and writing the
    good events back), then :meth:`append` each new event. An action of several events appends
    each with ``sync=False`` (written at once, in order) and then calls :meth:`sync`: one
    ``fsync`` for the whole action, before anyone is told it happened.

    :meth:`append` and :meth:`sync` never raise for a disk error: the event waits in memory, in
    order, with the others not yet on disk (a failed sync puts back the lines it could not
    make durable, and cuts them off the file); :attr:`failure` says what happened and
    ``on_failure`` is called (again whenever the number of waiting events changes); each later
    append and :meth:`retry` try again, and when everything is written and synced
    :attr:`failure` is cleared and ``on_recovered`` is called.

    Args:
        path: the journal file (its folder is created if needed).
        on_failure: called with the user message when writing fails, and again whenever the
            number of events waiting changes.
        on_recovered: called when the waiting events are all written and synced.
        write: writes one line to a file descriptor; tests inject one that raises
            ``OSError(ENOSPC)`` or ``OSError(EROFS)``.
        sync: makes the lines written durable (``os.fsync``); tests inject one that fails.
    """

    def __init__(
        self,
        path: Path,
        *,
        on_failure: Callable[[str], None] | None = None,
        on_recovered: Callable[[], None] | None = None,
        write: WriteLine = write_line,
        sync: SyncFile = sync_file,
    ) -> None:
        self.path = Path(path)
        self.on_failure = on_failure
        self.on_recovered = on_recovered
        self.failure: str | None = None
        self._write = write
        self._sync = sync
        self._fd: int | None = None
        self._size: int | None = None
        """The length of the file up to its last durable line."""
        self._unsynced: list[Event] = []
        """Events written to the file (after ``_size``) but not yet synced."""
        self._unsynced_bytes = 0
        self._backlog: deque[Event] = deque()
        """Events not written yet, oldest first."""
        self._base: list[Event] | None = None
        self._owed_copy: bytes | None = None
        self._closed = False
        self.set_aside: Path | None = None
        with contextlib.suppress(OSError):  # if it cannot be made, writing will say so
            self.path.parent.mkdir(parents=True, exist_ok=True)

    # -- reading what is there ----------------------------------------------------------

    def load(self) -> JournalRead:
        """Read the journal; if it was damaged, continue on a clean file of the good events.

        The damaged original is set aside first (see :func:`read_journal`); only then is the
        journal replaced, atomically, by the events that could be loaded.
        """
        with _collector_paused():  # every event read lives on: no collection passes meanwhile
            found = read_journal(self.path)
        self.set_aside = found.set_aside
        if found.unsaved_original is not None:
            self._owed_copy = found.unsaved_original
            self._base = list(found.events)
        elif found.needs_rewrite:
            self._base = list(found.events)
        if self._base is not None:
            self._attempt(sync=True)
        return found

    def rewrite(self, events: Sequence[Event]) -> bool:
        """Replace the journal, atomically, by ``events`` (after :meth:`load`, before any
        :meth:`append`; only when the file read was damaged and is already set aside, or
        waits to be). Like :meth:`append`, never raises: a failure keeps them in memory."""
        self._base = list(events)
        self._backlog.clear()
        self._unsynced.clear()
        self._unsynced_bytes = 0
        return self._attempt(sync=True)

    # -- writing ----------------------------------------------------------------------

    @property
    def pending(self) -> tuple[Event, ...]:
        """The events not yet durable on disk, oldest first."""
        return (*self._unsynced, *self._backlog)

    def append(self, event: Event, *, sync: bool = True) -> bool:
        """Write one event (or keep it for later). True when it and all before it are written,
        and, with ``sync`` (the default), durable; without, :meth:`sync` makes them so."""
        if self._closed:
            raise RuntimeError("the journal is closed")
        self._backlog.append(event)
        return self._attempt(sync=sync)

    def sync(self) -> bool:
        """Make every event appended so far durable (one ``fsync``). True when none waits."""
        if self._closed:
            return not self.pending
        return self._attempt(sync=True)

    def retry(self) -> bool:
        """Try again to write what waits. True when nothing waits any more."""
        return self.sync()

    def close(self) -> None:
        """Write what still waits if possible, then let go of the file (there is no lock here)."""
        if self._closed:
            return
        if self.pending or self._base is not None:
            self._attempt(sync=True)
        self._closed = True
        self._close_file()

    def __enter__(self) -> Journal:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- inside -----------------------------------------------------------------------

    def _attempt(self, *, sync: bool) -> bool:
        try:
            self._flush(sync=sync)
        except OSError as error:
            message = self._failure_message(error)
            changed = message != self.failure  # a first failure, or more changes waiting
            self.failure = message
            if changed and self.on_failure is not None:
                self.on_failure(self.failure)
            return False
        if self.failure is not None and not self.pending:  # written, and durable
            self.failure = None
            if self.on_recovered is not None:
                self.on_recovered()
        return True

    def _flush(self, *, sync: bool) -> None:
        if self._owed_copy is not None:
            self.set_aside = set_aside_copy(self.path, self._owed_copy)
            self._owed_copy = None
        if self._base is not None:
            self._put_back_unsynced()
            self._close_file()
            lines = journal_lines([*self._base, *self._backlog])
            write_atomic(self.path, lines)
            self._base = None
            self._backlog.clear()
            self._size = None  # the new file, whole and durable, whatever its length
            return
        if not self._backlog and not (sync and self._unsynced):
            return
        fd = self._open_file()
        try:
            while self._backlog:
                data = (event_to_json(self._backlog[0]) + "\n").encode("utf-8")
                self._write(fd, data)
                self._unsynced.append(self._backlog.popleft())
                self._unsynced_bytes += len(data)
            if sync and self._unsynced:
                self._sync(fd)
                assert self._size is not None
                self._size += self._unsynced_bytes
                self._unsynced.clear()
                self._unsynced_bytes = 0
        except OSError:
            self._undo_unsynced(fd)
            raise

    def _open_file(self) -> int:
        if self._fd is not None:
            return self._fd
        existed = self.path.exists()
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            size = os.fstat(fd).st_size
            if self._size is not None and size > self._size:
                os.ftruncate(fd, self._size)  # a line cut off by an earlier failed write
                size = self._size
            if not existed:
                fsync_dir(self.path.parent)
        except OSError:
            os.close(fd)
            raise
        self._fd, self._size = fd, size
        return fd

    def _undo_unsynced(self, fd: int) -> None:
        """After a failed write or sync, cut the file back to its last durable line (what came
        after may be a part of a line, or lines a failed ``fsync`` may not have kept) and put
        the events written since back in front of those waiting."""
        with contextlib.suppress(OSError):
            if self._size is not None and os.fstat(fd).st_size > self._size:
                os.ftruncate(fd, self._size)
        self._put_back_unsynced()
        self._close_file()

    def _put_back_unsynced(self) -> None:
        self._backlog.extendleft(reversed(self._unsynced))
        self._unsynced.clear()
        self._unsynced_bytes = 0

    def _close_file(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None

    def _failure_message(self, error: OSError) -> str:
        waiting = len(self.pending)
        changes = "1 unsaved change is" if waiting == 1 else f"{waiting} unsaved changes are"
        return (
            f"FloorClock cannot save the meeting journal ({self.path}) because "
            f"{_reason(error)}. Timing goes on: {changes} kept in memory and will "
            "be saved, in order, as soon as saving works again (FloorClock keeps trying). "
            "Free some disk space or make the data folder writable. Do not close FloorClock "
            "until this message goes away."
        )


def journal_lines(events: Sequence[Event]) -> str:
    """The text of a journal holding ``events`` (for tests and tools)."""
    return "".join(event_to_json(event) + "\n" for event in events)


__all__ = [
    "CORRUPT_MARK",
    "Journal",
    "JournalRead",
    "WriteLine",
    "journal_lines",
    "read_journal",
    "set_aside_copy",
    "write_line",
]
