"""How times, phases and modes are written on every window.

One function per thing shown, so the chair console and the room display can never show two
different countdowns for the same instant.
"""

from __future__ import annotations

import math
import unicodedata
from datetime import time

from floorclock.core.timing import TIME_UP_HOLD, TimerReading

EN_DASH = "\u2013"
"""Between the two ends of a time range (``10:20`` to ``12:00``)."""

MINUS = "\u2212"
"""A true minus sign, as wide as the plus sign beside it."""

MODE_MARKS: dict[str, tuple[str, str]] = {
    "room": ("■", "IN THE ROOM"),
    "online": ("◉", "ONLINE"),
    "video": ("▶", "VIDEO"),
}
"""A symbol and a word for each speaker mode: never the colour or the symbol alone."""


def clock_text(seconds: float) -> str:
    """``m:ss`` under an hour, ``h:mm:ss`` from an hour on (whole seconds, never negative)."""
    whole = max(int(seconds), 0)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def countdown_text(reading: TimerReading) -> str:
    """The speaking timer's digits: ``1:48`` counting down, ``0:00`` at time up, ``+0:12`` over."""
    shown = reading.shown_seconds()
    if reading.remaining <= 0 and reading.overtime >= TIME_UP_HOLD:
        return f"+{clock_text(shown)}"
    return clock_text(shown)


def phase_mark(phase: str, warning_seconds: int) -> str:
    """The phase written out, with a symbol, for the room and the chair."""
    return {
        "ready": "READY",
        "running": "● SPEAKING",
        "warning": f"▲ LAST {warning_seconds} SECONDS",
        "time_up": "■ TIME UP",
        "overtime": "■ OVER TIME",
        "paused": "❚❚ PAUSED",
    }.get(phase, "")


def mode_text(mode: str) -> str:
    symbol, word = MODE_MARKS.get(mode, ("", mode.upper()))
    return f"{symbol} {word}".strip()


def session_left_text(left: float) -> str:
    """Time left in a session, rounded up to the second (``0:12:03 left``)."""
    return f"{clock_text(math.ceil(max(left, 0.0)))} left"


def time_range(start: time, end: time) -> str:
    """``10:20`` to ``12:00`` joined by an en dash."""
    return f"{start.hour:02d}:{start.minute:02d}{EN_DASH}{end.hour:02d}:{end.minute:02d}"


LTR_MARK = "\u200e"
"""Starts a line that mixes scripts, so a numbered Arabic name keeps its number on the left."""

_REORDERING = frozenset(
    {"R", "AL", "AN", "LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}
)
"""Unicode bidirectional classes that can reorder a line: right-to-left letters (Hebrew;
Arabic, Syriac, Thaana), Arabic-Indic digits, and the explicit direction controls."""

_FIRST_REORDERING = "\u05be"
"""The first character of any of those classes (Hebrew's maqaf): a text wholly below it
cannot reorder (a test checks every character below it)."""


def can_reorder(text: str) -> bool:
    """Whether ``text`` holds anything that can reorder the line around it (a right-to-left
    letter, an Arabic-Indic digit, a direction control), the only case where it needs bidi
    marks: left-to-right letters, European digits and punctuation are laid out in order."""
    if not text or max(text) < _FIRST_REORDERING:
        return False  # Latin, Greek, Cyrillic and the like: no character to look up
    return any(unicodedata.bidirectional(char) in _REORDERING for char in text)


def isolate(text: str) -> str:
    """Wrap a right-to-left text in a Unicode first-strong isolate: an Arabic name keeps its
    own direction without reordering the numbers and brackets around it.

    Any other text is left as it is: the marks would change nothing in it, and the default
    face has no glyphs for them, so each line holding them sends the text engine looking for
    another face (see docs/performance.md)."""
    return f"\u2068{text}\u2069" if can_reorder(text) else text


def speaker_line(name: str, delegation: str | None) -> str:
    """``name (delegation)``, or the name alone when it already is the delegation."""
    if delegation and delegation != name:
        return f"{isolate(name)} ({isolate(delegation)})"
    return isolate(name)


def delegation_text(name: str, delegation: str | None, group: str | None) -> str:
    """``France, on behalf of the European Union``: the delegation (unless it only repeats the
    speaker's name) and the group a statement is made for, the same in every window."""
    shown = delegation if delegation and delegation != name else ""
    if group:
        return f"{shown}, on behalf of {group}" if shown else f"on behalf of {group}"
    return shown


def numbered(position: int, text: str) -> str:
    """``1. text`` with the number on the left whatever the script of ``text``."""
    mark = LTR_MARK if can_reorder(text) else ""
    return f"{mark}{position}. {text}"
