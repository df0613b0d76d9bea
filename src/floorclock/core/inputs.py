"""Tidying and checking what people type: names, notes, messages, time limits."""

from __future__ import annotations

import operator

from floorclock.core.agenda import MAX_NAME, MAX_SPEAKING_SECONDS
from floorclock.core.text import clean_text


class CommandRefused(Exception):
    """A command that is not allowed now; ``str()`` says why and what to do instead."""


def clean_field(text: str, what: str, *, required: bool, limit: int = MAX_NAME) -> str:
    cleaned = clean_text(text)
    if required and not cleaned:
        raise CommandRefused(f"The {what} is empty: type a {what}.")
    if len(cleaned) > limit:
        raise CommandRefused(
            f"The {what} is {len(cleaned)} characters long; shorten it to {limit} at most."
        )
    return cleaned


def whole_number(value: int, what: str) -> int:
    """``value`` as an ``int``; a fraction (``2.5``) or anything else is refused.

    The journal keeps counts, places and seconds as whole numbers and refuses a line that
    does not: an event must never be written that could not be read back.
    """
    if isinstance(value, bool):
        raise CommandRefused(f"The {what} must be a whole number, not {value}.")
    try:
        return operator.index(value)
    except TypeError:
        raise CommandRefused(f"The {what} must be a whole number, not {value!r}.") from None


def check_limit(seconds: int) -> int:
    seconds = whole_number(seconds, "time limit")
    if not 1 <= seconds <= MAX_SPEAKING_SECONDS:
        raise CommandRefused(
            f"A time limit of {seconds} s is not possible: give between 1 s and 1 hour."
        )
    return seconds
