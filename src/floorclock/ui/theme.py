"""Colours and fonts of the room display and the chair console.

The room display is read from the back of a hall on a projector: a black ground, white or
strongly tinted text, and every colour backed by words (the phase and the mode are always
written out too). Every text colour here keeps a contrast of at least 7:1 against the ground
it is drawn on (WCAG "AAA"); ``tests/ui/test_display.py`` computes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPalette

GROUND = "#000000"
"""The display's background in every phase without a colour of its own."""

TEXT = "#ffffff"
"""Main text: names, digits, the clock."""

SECONDARY = "#c8cdd4"
"""Supporting text: delegation, session title, next speakers."""

MUTED = "#aab2bd"
"""Small print that still has to be read (labels such as "NEXT")."""

MESSAGE_GROUND = "#123a8c"
"""The band that carries the chair's message ("Please conclude")."""

REFUSAL = "#ffb4a8"
"""A refused command in the chair console's status line."""

BELOW_CUTOFF = "#8a8f98"
"""The text of a speaker below the forecast's cut-off in the secretariat's list (with italics:
never the colour alone)."""

GRID = "#111418"
"""The lines between the cells of the secretariat's list, in every style: the consoles' ground
a fifth darker (as Qt's Fusion style draws a table's grid; other styles draw it light)."""

BANNER_GROUND = "#7a0000"
"""The journal-failure banner of the chair console."""


@dataclass(frozen=True)
class PhaseStyle:
    """How one timer phase looks: the ground, the digits, and the written mark."""

    ground: str
    digits: str
    mark: str
    """Colour of the phase mark ("TIME UP", "PAUSED" ...)."""
    secondary: str = SECONDARY
    """Supporting text on this ground (white where the ground is red)."""


AMBER = "#ffc21a"
"""The warning colour: the last seconds of a speaker, and a field that takes the keys."""

PHASE_STYLES: dict[str, PhaseStyle] = {
    "idle": PhaseStyle(GROUND, TEXT, SECONDARY),
    "ready": PhaseStyle(GROUND, TEXT, "#9fe6a0"),
    "running": PhaseStyle(GROUND, TEXT, "#7ee787"),
    "warning": PhaseStyle(GROUND, AMBER, AMBER),
    "time_up": PhaseStyle("#a80000", TEXT, TEXT, TEXT),
    "overtime": PhaseStyle("#a80000", TEXT, TEXT, TEXT),
    "paused": PhaseStyle(GROUND, "#9fd8ff", "#9fd8ff"),
    "blank": PhaseStyle(GROUND, GROUND, GROUND),
}
"""Keyed by :data:`floorclock.core.timing.Phase`, plus ``idle`` (nobody on the floor) and
``blank`` (the chair blanked the display)."""


DIGIT_FAMILIES = ["DejaVu Sans Condensed", "Roboto Condensed", "Arial Narrow", "DejaVu Sans"]
"""Narrow faces first: wide digits would force a smaller size at 16:9."""

TEXT_FAMILIES = ["DejaVu Sans", "Noto Sans", "Segoe UI", "Helvetica Neue", "Arial"]
"""Faces with wide script coverage; Qt falls back per character for the rest (CJK)."""


def digit_font(pixel_size: int) -> QFont:
    font = QFont()
    font.setFamilies(DIGIT_FAMILIES)
    font.setBold(True)
    font.setPixelSize(max(1, pixel_size))
    return font


def text_font(pixel_size: int, *, bold: bool = False) -> QFont:
    """The text face at ``pixel_size`` (a copy: the caller may change it)."""
    return QFont(_text_font(max(1, pixel_size), bold))


@cache
def _text_font(pixel_size: int, bold: bool) -> QFont:
    # Cached: a label fitting its text asks for a few sizes, over and over, after every action.
    font = QFont()
    font.setFamilies(TEXT_FAMILIES)
    font.setBold(bold)
    font.setPixelSize(pixel_size)
    return font


@cache
def text_metrics(pixel_size: int, *, bold: bool = False) -> QFontMetricsF:
    """The metrics of :func:`text_font` at that size."""
    return QFontMetricsF(_text_font(max(1, pixel_size), bold))


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a ``#rrggbb`` colour."""
    qcolour = QColor(colour)

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * linear(qcolour.red())
        + 0.7152 * linear(qcolour.green())
        + 0.0722 * linear(qcolour.blue())
    )


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio, from 1 (none) to 21 (white on black)."""
    first, second = relative_luminance(foreground), relative_luminance(background)
    lighter, darker = max(first, second), min(first, second)
    return (lighter + 0.05) / (darker + 0.05)


def dark_palette(ground: str = "#15181d") -> QPalette:
    """A dark palette for the chair console (a dim room: no bright window at the podium)."""
    palette = QPalette()
    base = QColor(ground)
    text = QColor("#eef1f5")
    palette.setColor(QPalette.ColorRole.Window, base)
    palette.setColor(QPalette.ColorRole.WindowText, text)
    palette.setColor(QPalette.ColorRole.Base, QColor("#0d0f12"))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#1d2128"))
    palette.setColor(QPalette.ColorRole.Text, text)
    palette.setColor(QPalette.ColorRole.Button, QColor("#262b33"))
    palette.setColor(QPalette.ColorRole.ButtonText, text)
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#2f6fd6"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.ToolTipBase, QColor("#262b33"))
    palette.setColor(QPalette.ColorRole.ToolTipText, text)
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#9aa3ad"))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7d8590"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#7d8590"))
    return palette


def display_palette(style: PhaseStyle) -> QPalette:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor(style.ground))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(TEXT))
    return palette
