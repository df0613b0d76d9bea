"""Tidying a text for the screen, whether typed or read from the agenda file."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")

_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Embeddings, overrides and isolates: they would reorder the rest of a row on screen."""


def clean_text(text: str) -> str:
    """Strip, turn any run of whitespace (newlines too) into one space, drop control characters.

    Direction overrides and embeddings go too; joiners and right-to-left marks stay, since
    Arabic and Persian names need them.
    """
    text = _SPACES.sub(" ", text)
    text = "".join(
        ch for ch in text if ch not in _BIDI_CONTROLS and unicodedata.category(ch) != "Cc"
    )
    return text.strip()


NAME_IN_SENTENCE = 60
"""Characters of a name quoted in a sentence (a refusal): beyond, it is cut with "…"."""


def short_name(name: str) -> str:
    """A name as quoted in a sentence: whole up to :data:`NAME_IN_SENTENCE` characters, else
    its beginning and "…", so that what the sentence goes on to say still shows."""
    if len(name) <= NAME_IN_SENTENCE:
        return name
    return name[: NAME_IN_SENTENCE - 1].rstrip() + "…"


__all__ = ["NAME_IN_SENTENCE", "clean_text", "short_name"]
