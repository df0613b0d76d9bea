"""Pausing the garbage collector while many objects that all live on are made.

Kept apart from the engine so that start-up can pause it before anything heavy is imported.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No garbage collection passes while a long fold, a journal's reading or start-up makes
    many objects that all live on: each pass would look at all of them again for nothing."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
