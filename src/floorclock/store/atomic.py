"""Atomic file writes: a reader sees the old content or the new, never a mix.

The data goes to a temporary file in the same folder, is flushed to disk (``fsync``), then
takes the target's name with :func:`os.replace`; the folder is fsynced so the rename itself
survives a power cut. If anything fails, the temporary file is removed and the old file is
left as it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def _write_all(fd: int, data: bytes) -> None:
    """Write every byte of ``data`` to ``fd`` (``os.write`` may write less than asked)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries (new names, renames) to disk, where the platform allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # Windows and some file systems cannot open a folder; nothing more to do
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes | str) -> None:
    """Replace the file at ``path`` with ``data`` (text is written as UTF-8), all or nothing.

    Raises:
        OSError: the write failed; the file at ``path`` is unchanged.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path = Path(path)
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        try:
            _write_all(fd, payload)
            os.fsync(fd)
        finally:
            os.close(fd)
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        with contextlib.suppress(OSError):
            os.chmod(temp_name, mode)
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    fsync_dir(path.parent)


__all__ = ["fsync_dir", "write_atomic"]
