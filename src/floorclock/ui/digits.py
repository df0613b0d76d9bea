"""The countdown's digits: drawn large, and fast enough to flip on the second.

A glyph several hundred pixels high is filled from its outline at every paint, which takes
about a quarter of a millisecond each on the development machine, and the whole widget had
to be filled again around them. :class:`Digits` instead draws each character once into an
image (for the font size and colours of the moment) and copies the images at each paint; and
when a second passes it repaints only the characters that changed, usually the last one.
The room sees the same pixels; the flip is painted in a fraction of the time (see
docs/performance.md).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QImage,
    QPainter,
    QPaintEvent,
    QRegion,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from floorclock.ui import theme

MIN_SQUEEZE = 0.82
"""How far digits may be narrowed before they are made smaller instead."""

DIGITS = "0123456789"

REFERENCE_SIZE = 400
"""The pixel size at which the ink of the digits is measured once, to size every font."""

MIN_HEIGHT_SHARE = 0.4
"""The least height the widget asks of its layout, as a share of the glyph height."""

MAX_BOXES = 200
"""Character boxes kept, by character and scale, before they are all worked out again (the
scale follows the widget's height when it is lower than the glyphs)."""

MAX_GLYPHS = 40
"""Character images kept before they are all drawn again (a countdown uses a dozen a
colour: white, then amber in the warning)."""


@cache
def _reference_ink() -> float:
    """How high the digits' ink is at :data:`REFERENCE_SIZE` (measured once: it is slow)."""
    return QFontMetricsF(theme.digit_font(REFERENCE_SIZE)).tightBoundingRect(DIGITS).height()


@dataclass(frozen=True)
class _Layout:
    """Where one text goes in the widget."""

    text: str
    scale: tuple[float, float]
    """How much the glyphs are narrowed (x) and made smaller (y) to fit the width."""
    origin: QPointF
    """Where the text's baseline starts, in widget coordinates."""
    places: tuple[QRect, ...]
    """Where each character's image goes."""


class Digits(QWidget):
    """Large digits drawn to a given glyph height, centred, never wider or higher than the
    widget.

    The font size follows :meth:`set_glyph_height`; when a long text (``+12:34``) would not
    fit the width, the glyphs are first narrowed a little, then made smaller; when the
    widget is lower than the glyphs, they are made smaller to fit.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._colour = QColor(theme.TEXT)
        self._ground = QColor(theme.GROUND)
        self._glyph_height = 100
        self._font = theme.digit_font(130)
        self._metrics = QFontMetricsF(self._font)
        self._digits_ink: QRectF | None = None
        """The ink of the ten digits, once measured for this font: the text is centred on
        its height, whatever it shows."""
        self._boxes: dict[tuple[str, tuple[float, float]], QRect] = {}
        """Where each character's image goes from its origin, by the scale it is drawn at."""
        self._images: dict[tuple[str, tuple[float, float], int], QImage] = {}
        """Each character drawn once, by scale and colour, at the size of the moment."""
        self._images_ratio = 1.0
        self._layout = self._next = self._lay_out("")
        """What is shown, and what :meth:`prepare` laid out for the next :meth:`set_text`."""
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    @property
    def glyph_rect(self) -> QRectF:
        """Where the glyphs' ink is, in widget coordinates (empty with no text)."""
        layout = self._layout
        if not layout.text:
            return QRectF()
        ink = self._metrics.tightBoundingRect(layout.text)
        scale_x, scale_y = layout.scale
        return QRectF(
            layout.origin.x() + ink.left() * scale_x,
            layout.origin.y() + ink.top() * scale_y,
            ink.width() * scale_x,
            ink.height() * scale_y,
        )

    def text(self) -> str:
        return self._layout.text

    def prepare(self, text: str) -> None:
        """Lay out ``text``, about to be shown, and draw its characters: :meth:`set_text` will
        only have to copy them."""
        if text != self._layout.text:
            self._next = self._lay_out(text)
            if self._colour != self._ground:
                for char in text:
                    self._image(char, self._next.scale)

    def set_text(self, text: str) -> None:
        """Show ``text``; a change is painted at once, ahead of the rest of the window.

        The digits are what the room watches flip, so they do not wait for the window's next
        paint pass with the labels that changed at the same second. Only the characters that
        changed are painted again.
        """
        if text == self._layout.text:
            return
        old = self._layout
        new = self._next if self._next.text == text else self._lay_out(text)
        self._layout = self._next = new
        if old.scale != new.scale or len(old.places) != len(new.places):
            self.repaint()
            return
        changed = QRegion()
        for index, (before, after) in enumerate(zip(old.places, new.places, strict=True)):
            if before != after or old.text[index] != new.text[index]:
                changed += before
                changed += after
        self.repaint(changed)

    def colour(self) -> QColor:
        return QColor(self._colour)

    def set_colours(self, digits: str, ground: str) -> None:
        colour, ground_colour = QColor(digits), QColor(ground)
        if colour != self._colour or ground_colour != self._ground:
            self._colour, self._ground = colour, ground_colour
            self.update()

    def set_glyph_height(self, pixels: int) -> None:
        """Size the font so that a digit's ink is ``pixels`` high."""
        self._glyph_height = max(pixels, 1)
        size = math.ceil(REFERENCE_SIZE * self._glyph_height / max(_reference_ink(), 1.0))
        self._font = theme.digit_font(size)
        self._metrics = QFontMetricsF(self._font)
        self._digits_ink = None
        self._boxes.clear()
        self._images.clear()
        self._layout = self._next = self._lay_out(self._layout.text)
        # Short of room (a name on two lines and a message band on a small window), the
        # layout may give less than the glyphs' height: they are then drawn smaller, whole.
        self.setMinimumHeight(math.ceil(self._glyph_height * MIN_HEIGHT_SHARE))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(self._glyph_height * 2, math.ceil(self._glyph_height * 1.1))

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._layout = self._next = self._lay_out(self._layout.text)
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), self._ground)
        layout = self._layout
        if self._colour == self._ground:  # blanked, or the dark beat of a flashing overtime
            return
        region = event.region()
        for char, place in zip(layout.text, layout.places, strict=True):
            if region.intersects(place):
                painter.drawImage(place.topLeft(), self._image(char, layout.scale))

    # -- where the text goes, and the images of its characters ------------------------

    def _lay_out(self, text: str) -> _Layout:
        """Centred on the characters' advances, not on their ink, and set on the height of
        the digits: the characters that did not change stay where they were (the digits of
        the font are all as wide as one another), and the countdown does not jiggle."""
        if not text:
            return _Layout("", (1.0, 1.0), QPointF(), ())
        metrics = self._metrics
        advance = metrics.horizontalAdvance(text)
        if self._digits_ink is None:
            self._digits_ink = metrics.tightBoundingRect(DIGITS)
        digits_ink = self._digits_ink
        available = self.width() * 0.98
        scale_x = scale_y = 1.0
        if advance > available:
            scale_x = available / advance
            if scale_x < MIN_SQUEEZE:
                scale_y = scale_x / MIN_SQUEEZE
        room = self.height() * 0.97
        if 0 < room < digits_ink.height() * scale_y:  # lower than the glyphs: all smaller
            shrink = room / (digits_ink.height() * scale_y)
            scale_x, scale_y = scale_x * shrink, scale_y * shrink
        left = (self.width() - advance * scale_x) / 2
        top = (self.height() - digits_ink.height() * scale_y) / 2 - digits_ink.top() * scale_y
        places = []
        for index, char in enumerate(text):
            box = self._box(char, (scale_x, scale_y))
            x = round(left + metrics.horizontalAdvance(text[:index]) * scale_x)
            places.append(box.translated(x, round(top)))
        return _Layout(text, (scale_x, scale_y), QPointF(left, top), tuple(places))

    def _box(self, char: str, scale: tuple[float, float]) -> QRect:
        """Where the image of one character goes, from the character's origin."""
        box = self._boxes.get((char, scale))
        if box is None:
            if len(self._boxes) >= MAX_BOXES:  # a window dragged through many heights
                self._boxes.clear()
            scale_x, scale_y = scale
            outline = self._metrics.boundingRect(char)
            scaled = QRectF(
                outline.left() * scale_x,
                outline.top() * scale_y,
                outline.width() * scale_x,
                outline.height() * scale_y,
            )
            box = self._boxes[char, scale] = scaled.toAlignedRect().adjusted(-2, -2, 2, 2)
        return box

    def _image(self, char: str, scale: tuple[float, float]) -> QImage:
        """One character drawn in the digits' colour of the moment (kept for next time)."""
        ratio = self.devicePixelRatioF()
        if ratio != self._images_ratio:
            self._images.clear()
            self._images_ratio = ratio
        key = (char, scale, self._colour.rgba())
        image = self._images.get(key)
        if image is not None:
            return image
        if len(self._images) >= MAX_GLYPHS:  # other colours, other lengths and scales
            self._images.clear()
        box = self._box(char, scale)
        image = QImage(
            math.ceil(box.width() * ratio),
            math.ceil(box.height() * ratio),
            QImage.Format.Format_ARGB32_Premultiplied,
        )
        image.setDevicePixelRatio(ratio)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setFont(self._font)
        painter.setPen(self._colour)
        painter.translate(-box.left(), -box.top())
        painter.scale(*scale)
        painter.drawText(QPointF(0, 0), char)
        painter.end()
        self._images[key] = image
        return image
