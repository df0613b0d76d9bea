"""What is wrong with an agenda file: each :class:`Problem` where it stands, in one error.

Kept apart from :mod:`floorclock.store.agenda_file` (which reads YAML and checks with
pydantic) so that a start-up that finds its agenda checked before (see
:mod:`floorclock.store.agenda_cache`) can handle an agenda's errors without importing either.
"""

from __future__ import annotations

import re
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
    """The agenda could not be loaded; ``problems`` says every reason found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(problem) for problem in self.problems))
