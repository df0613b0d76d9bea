"""Lines that mix scripts: the number and brackets stay in place, and only where needed."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextLayout, QTextOption

from floorclock.ui import formatting, theme
from floorclock.ui.formatting import can_reorder, isolate, numbered, speaker_line

ARABIC_NAME = "السيدة فاطمة الزهراء بنعلي"
HEBREW_NAME = "רחל לוי"
BIDI_MARKS = set("\u200e\u200f\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u202e")


@pytest.mark.parametrize(
    ("name", "delegation", "line"),
    [
        ("Ms. Amina Diallo", "Mali", "3. Ms. Amina Diallo (Mali)"),
        ("Г-жа Екатерина Смирнова", "Россия", "3. Г-жа Екатерина Смирнова (Россия)"),
        ("王晓燕女士", "中国", "3. 王晓燕女士 (中国)"),
        ("Mr. Carlos Mendes", None, "3. Mr. Carlos Mendes"),
    ],
)
def test_a_line_without_right_to_left_letters_carries_no_marks(
    name: str, delegation: str | None, line: str
) -> None:
    """What is drawn (or copied into the record) is the plain text: no invisible characters."""
    shown = numbered(3, speaker_line(name, delegation))
    assert shown == line
    assert not BIDI_MARKS.intersection(shown)


@pytest.mark.parametrize("name", [ARABIC_NAME, HEBREW_NAME])
def test_a_right_to_left_name_is_isolated_and_the_line_starts_left_to_right(name: str) -> None:
    shown = numbered(1, speaker_line(name, "Egypt"))
    assert shown == f"\u200e1. \u2068{name}\u2069 (Egypt)"
    assert can_reorder(name)


@pytest.mark.parametrize(
    "text",
    [
        "\u0661\u0662",  # Arabic-Indic digits
        "\u202eabc",  # a right-to-left override that got into a name
        "Ms. X\u200f",  # a right-to-left mark
    ],
)
def test_anything_that_can_reorder_a_line_is_isolated(text: str) -> None:
    assert isolate(text) == f"\u2068{text}\u2069"


def test_nothing_is_isolated_into_something() -> None:
    assert isolate("") == ""


def _x_span(layout: QTextLayout, text: str, part: str) -> tuple[float, float]:
    """Leftmost and rightmost x of the characters of ``part`` (first found) in the line."""
    start = text.index(part)
    line = layout.lineAt(0)
    xs = [float(line.cursorToX(index)[0]) for index in range(start, start + len(part) + 1)]
    return min(xs), max(xs)


def _laid_out(text: str) -> QTextLayout:
    """``text`` on one line, left to right as the windows lay out their labels."""
    layout = QTextLayout(text, theme.text_font(20))
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.LeftToRight)
    layout.setTextOption(option)
    layout.beginLayout()
    layout.createLine().setLineWidth(2000)
    layout.endLayout()
    return layout


@pytest.mark.parametrize(
    ("name", "delegation"),
    [
        (ARABIC_NAME, "مصر"),
        ("Ms. Amina Diallo", "مالي"),
        (ARABIC_NAME, "Egypt"),
        (HEBREW_NAME, "ישראל"),
    ],
)
def test_number_name_and_delegation_are_drawn_in_reading_order(
    qapp: Any, name: str, delegation: str
) -> None:
    """Left to right on the line: the place, then the name, then the delegation in brackets,
    whatever the scripts (two right-to-left parts side by side would otherwise swap)."""
    text = numbered(1, speaker_line(name, delegation))
    layout = _laid_out(text)
    number = _x_span(layout, text, "1.")
    drawn_name = _x_span(layout, text, name)
    drawn_delegation = _x_span(layout, text, delegation)
    assert number[1] <= drawn_name[0] + 0.5
    assert drawn_name[1] <= drawn_delegation[0] + 0.5


def test_no_character_before_the_first_reordering_one_can_reorder_a_line() -> None:
    """can_reorder skips the lookup for texts wholly below ``_FIRST_REORDERING``: right only
    if no character there is right-to-left, an Arabic-Indic digit or a direction control."""
    below = [chr(code) for code in range(ord(formatting._FIRST_REORDERING))]
    assert not [c for c in below if unicodedata.bidirectional(c) in formatting._REORDERING]
    assert unicodedata.bidirectional(formatting._FIRST_REORDERING) in formatting._REORDERING
    assert can_reorder("Ms. Müller, Ελλάδα, Россия \u05be")
    assert not can_reorder("Ms. Müller, Ελλάδα, Россия")
