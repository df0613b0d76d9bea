"""What is wrong with an agenda file: each :class:`Problem` where it stands, in one error;
and reading the file's bytes, with the problems that reading alone can find.

Kept apart from :mod:`floorclock.store.agenda_file` (which reads YAML and checks with
pydantic) so that a start-up that finds its agenda checked before (see
:mod:`floorclock.store.agenda_cache`) can read the file and handle its errors without
importing either.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass

MAX_FILE_BYTES = 1024 * 1024
"""An agenda is a few kilobytes; anything over a megabyte is refused before parsing."""

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an agenda file, and where.

    ``line`` and ``column`` count from 1; both are 0 when the problem concerns the
    file as a whole (it cannot be opened, for instance).
    """

    file: str
    line: int
    column: int
    message: str

    def __post_init__(self) -> None:
        # one problem, one line: escape any line break or control character echoed from the file
        message = _CONTROL.sub(lambda match: repr(match.group())[1:-1], self.message)
        object.__setattr__(self, "message", message)

    def __str__(self) -> str:
        if self.line <= 0:
            return f"{self.file}: {self.message}"
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


class AgendaError(Exception):
    """The agenda could not be loaded; ``problems`` says every reason found.

    ``parts_only``: the problems are in the values themselves, and whether the parts hold
    together (the categories a session names, the order of the sessions) is checked only
    once every value is valid, so more problems of that kind may come to light then.
    """

    def __init__(self, problems: list[Problem], *, parts_only: bool = False) -> None:
        self.problems = sorted(set(problems))
        self.parts_only = parts_only
        super().__init__("\n".join(str(problem) for problem in self.problems))


def read_agenda_file(path: str | os.PathLike[str]) -> bytes:
    """The bytes of an agenda file (at most one byte more than :data:`MAX_FILE_BYTES`).

    Raises:
        AgendaError: the path is a folder, not a regular file, missing or unreadable.
    """
    name = os.fspath(path)
    try:
        mode = os.stat(name).st_mode
        if stat.S_ISDIR(mode):
            raise AgendaError(
                [Problem(name, 0, 0, "is a folder; give the path of an agenda .yaml file")]
            )
        if not stat.S_ISREG(mode):  # a pipe or a device could block or never end
            raise AgendaError([Problem(name, 0, 0, "is not a regular file")])
        with open(name, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise AgendaError([Problem(name, 0, 0, "no such file")]) from None
    except PermissionError:
        raise AgendaError([Problem(name, 0, 0, "cannot be opened: permission denied")]) from None
    except (OSError, ValueError) as exc:  # ValueError: a path with a NUL character
        reason = getattr(exc, "strerror", None) or str(exc)
        raise AgendaError([Problem(name, 0, 0, f"cannot be read: {reason}")]) from None
    return raw
