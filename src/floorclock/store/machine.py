"""Facts about the computer that the engine needs but may not read itself."""

from __future__ import annotations

from pathlib import Path

BOOT_ID = Path("/proc/sys/kernel/random/boot_id")
"""Linux names each run of the computer; elsewhere there is no such file."""


def boot_id() -> str:
    """A short name of this run of the computer ("" where the system does not tell).

    Every process started between two restarts of the computer gets the same one, and shares
    one monotonic clock: see :attr:`floorclock.core.clock.Clock.boot`.
    """
    try:
        return BOOT_ID.read_text(encoding="ascii").strip().replace("-", "")[:12]
    except (OSError, UnicodeDecodeError):
        return ""


__all__ = ["boot_id"]
