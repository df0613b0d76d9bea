"""One FloorClock per data folder: an advisory lock on ``<data folder>/floorclock.lock``.

The lock is taken before anything else is read or written, so a second FloorClock on the
same folder is refused whatever agenda it was given (two meetings in one folder would still
share settings and exports). The lock is ``fcntl.flock`` on an open file: the system lets go
of it when the process ends, even after a crash or ``kill -9``, so there is never a stale
lock to clean up. The file itself holds the process id of the holder, for people who look.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path
from types import TracebackType

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks, one instance is trusted
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = "floorclock.lock"


class LockHeld(Exception):
    """Another process holds the lock."""


def hold(path: Path) -> int | None:
    """Take the advisory lock on ``path`` (created if need be) without waiting.

    Returns:
        The open file that holds the lock (closing it lets go), or ``None`` where no lock can
        be had (no ``fcntl``, or a folder where nothing can be opened: writing will fail
        there anyway, and say so).

    Raises:
        LockHeld: another process holds it.
    """
    if fcntl is None:  # pragma: no cover
        return None
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        os.close(fd)
        if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            raise LockHeld(str(path)) from None
        return None
    return fd


class DataFolderInUse(Exception):
    """Another FloorClock uses the data folder. ``str()`` is a sentence for the user."""


class DataFolderLock:
    """Holds the data folder's lock until :meth:`release` (or the process ends).

    Raises:
        DataFolderInUse: another FloorClock holds the lock.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.path = self.folder / LOCK_NAME
        try:
            self._fd = hold(self.path)
        except LockHeld:
            raise DataFolderInUse(
                f"Another FloorClock is already running from the data folder {self.folder}. "
                "Two FloorClocks must never write the same folder: close the other one "
                "first, or start this one with --data-dir and another folder."
            ) from None
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, 0)
                os.pwrite(self._fd, f"{os.getpid()}\n".encode(), 0)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing lets go of the flock
            self._fd = None

    def __enter__(self) -> DataFolderLock:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()


__all__ = ["LOCK_NAME", "DataFolderInUse", "DataFolderLock", "LockHeld", "hold"]
