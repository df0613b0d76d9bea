"""What changed, told to listeners after each command so views update only what they must.

Indexes refer to the waiting list of ``session_id`` (see :meth:`Meeting.waiting`). A list model
mirrors the list exactly by applying them in order: :class:`RowsInserted` and
:class:`RowsRemoved` give the index before the change, :class:`RowMoved` the index the speaker
had and the index it has now. One command may send several notices; the last is always
:class:`Changed`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RowsInserted:
    """``speaker_ids`` now stand from ``index`` on (one action may insert several times, so a
    view takes the ids from the notice, not from the list as it is at the end)."""

    session_id: str
    index: int
    speaker_ids: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.speaker_ids)


@dataclass(frozen=True, slots=True)
class RowsRemoved:
    """``count`` speakers left the list at ``index`` (called, withdrawn or marked absent)."""

    session_id: str
    index: int
    count: int


@dataclass(frozen=True, slots=True)
class RowMoved:
    """The speaker that stood at ``source`` now stands at ``destination``."""

    session_id: str
    source: int
    destination: int


@dataclass(frozen=True, slots=True)
class RowsChanged:
    """Rows ``first`` to ``last`` (inclusive) show different data: an edit, a reason, a flag."""

    session_id: str
    first: int
    last: int


@dataclass(frozen=True, slots=True)
class ListReset:
    """Read the whole waiting list again (after undo, redo, a new agenda or a re-ordering)."""

    session_id: str


@dataclass(frozen=True, slots=True)
class Changed:
    """Anything else may have changed: the floor, the timer, a session, the display."""


Notice = RowsInserted | RowsRemoved | RowMoved | RowsChanged | ListReset | Changed


def apply_to_mirror(mirror: list[str], notice: Notice, fresh: list[str]) -> None:
    """Bring a copy of one session's waiting ids up to date with ``notice``.

    What a list model does with the notices, as a reference for tests and views. ``fresh`` is
    the list as it is now, read only for resets.
    """
    match notice:
        case RowsInserted(index=index, speaker_ids=speaker_ids):
            mirror[index:index] = speaker_ids
        case RowsRemoved(index=index, count=count):
            del mirror[index : index + count]
        case RowMoved(source=source, destination=destination):
            mirror.insert(destination, mirror.pop(source))
        case ListReset():
            mirror[:] = fresh
        case _:
            pass
