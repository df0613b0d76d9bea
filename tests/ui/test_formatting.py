"""Lines that mix scripts: the number and brackets stay in place, and only where needed."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextLayout, QTextOption

from floorclock.ui import theme
from floorclock.ui.formatting import is_right_to_left, isolate, numbered, speaker_line

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
    assert is_right_to_left(name)
    assert isolate("") == ""


def _x_of(layout: QTextLayout, index: int) -> float:
    x, _ = layout.lineAt(0).cursorToX(index)
    return float(x)


@pytest.mark.parametrize("name", ["Ms. Amina Diallo", ARABIC_NAME])
def test_the_number_is_drawn_left_of_the_name_in_any_script(qapp: Any, name: str) -> None:
    """Laid out with the direction taken from the text itself (as a renderer that does not
    know the window's direction would): the place number stays on the left."""
    text = numbered(1, isolate(name))
    layout = QTextLayout(text, theme.text_font(20))
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.LayoutDirectionAuto)
    layout.setTextOption(option)
    layout.beginLayout()
    layout.createLine().setLineWidth(2000)
    layout.endLayout()
    digit = text.index("1")
    first_letter = text.index(name[0])
    last_letter = text.index(name[-1], first_letter)
    assert _x_of(layout, digit) < _x_of(layout, first_letter)
    assert _x_of(layout, digit) < _x_of(layout, last_letter)
