"""The countdown's digits: drawn from cached character images, the same as drawn from the
font, and a flip repaints only what changed without leaving a trace of the old digits."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter, QRegion
from PySide6.QtWidgets import QApplication, QWidget

from floorclock.ui import theme
from floorclock.ui.digits import MAX_BOXES, Digits

from .conftest import Paints

WIDTH, HEIGHT, GLYPHS = 480, 180, 120


def _digits(qtbot: object, text: str) -> Digits:
    digits = Digits()
    qtbot.addWidget(digits)  # type: ignore[attr-defined]
    digits.resize(WIDTH, HEIGHT)
    digits.set_glyph_height(GLYPHS)
    digits.set_colours(theme.TEXT, theme.GROUND)
    digits.set_text(text)
    return digits


def _shown(qtbot: object, text: str) -> Digits:
    """A countdown showing ``text``, on screen, its first paint done."""
    digits = _digits(qtbot, text)
    digits.show()
    qtbot.waitExposed(digits)  # type: ignore[attr-defined]
    QApplication.processEvents()
    return digits


def _drawn_from_the_font(digits: Digits, text: str) -> QImage:
    """The text as QPainter draws it from the outlines, placed the way Digits places it."""
    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(theme.GROUND))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setFont(digits._font)
    painter.setPen(QColor(theme.TEXT))
    metrics = QFontMetricsF(digits._font)
    ink = metrics.tightBoundingRect("0123456789")
    left = (WIDTH - metrics.horizontalAdvance(text)) / 2
    top = (HEIGHT - ink.height()) / 2 - ink.top()
    painter.drawText(QPointF(round(left), round(top)), text)
    painter.end()
    return image


def _rendered(widget: QWidget, onto: QImage | None = None, region: QRegion | None = None) -> QImage:
    image = onto if onto is not None else QImage(WIDTH, HEIGHT, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    if region is None:
        widget.render(painter, QPoint())
    else:
        widget.render(painter, region.boundingRect().topLeft(), region)  # drawn where it is
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def _share_different(first: QImage, second: QImage) -> float:
    """The share of pixels whose colour differs by more than a quarter of the range."""
    a = first.convertToFormat(QImage.Format.Format_ARGB32)
    b = second.convertToFormat(QImage.Format.Format_ARGB32)
    bytes_a, bytes_b = bytes(a.constBits()), bytes(b.constBits())
    different = 0
    for start in range(0, len(bytes_a), 4):
        if any(abs(bytes_a[start + k] - bytes_b[start + k]) > 64 for k in range(3)):
            different += 1
    return different / (WIDTH * HEIGHT)


def _ink(image: QImage) -> int:
    """How many pixels are closer to the digits' colour than to the ground."""
    converted = image.convertToFormat(QImage.Format.Format_Grayscale8)
    data = bytes(converted.constBits())
    line = converted.bytesPerLine()
    return sum(1 for y in range(HEIGHT) for x in range(WIDTH) if data[y * line + x] > 128)


def test_the_cached_characters_draw_what_the_font_draws(qtbot: object) -> None:
    digits = _digits(qtbot, "1:57")
    shown = _rendered(digits)
    reference = _drawn_from_the_font(digits, "1:57")
    assert _ink(shown) > 0.05 * WIDTH * HEIGHT  # there are digits to compare
    # The same ink, at most a pixel's rounding apart at the edges of the strokes.
    assert abs(_ink(shown) - _ink(reference)) < 0.02 * _ink(reference)
    assert _share_different(shown, reference) < 0.005


def test_a_flip_repaints_the_changed_digit_only_and_leaves_no_trace(qtbot: object) -> None:
    digits = _shown(qtbot, "1:52")
    before = _rendered(digits)
    paints = Paints(digits)

    digits.set_text("1:51")  # a narrow digit after a wide one

    assert len(paints.regions(digits)) == 1  # painted at once, not at the window's next pass
    painted = paints.regions(digits)[0].boundingRect()
    assert painted.width() < WIDTH / 3  # the last digit, not the whole countdown
    # What the screen had, with only the repainted part drawn again, is the new countdown.
    after = _rendered(digits, onto=before, region=paints.regions(digits)[0])
    assert _share_different(after, _rendered(digits)) == 0
    assert _share_different(after, _drawn_from_the_font(digits, "1:51")) < 0.005


def test_a_change_of_width_or_colour_repaints_everything(qtbot: object) -> None:
    digits = _shown(qtbot, "0:00")
    paints = Paints(digits)
    digits.set_text("+0:01")  # one more character: every place moves
    assert paints.regions(digits)[-1].boundingRect() == digits.rect()

    digits.set_colours(theme.AMBER, theme.GROUND)  # into the warning
    QApplication.processEvents()  # the window's next paint pass
    assert paints.regions(digits)[-1].boundingRect() == digits.rect()
    shown = _rendered(digits).convertToFormat(QImage.Format.Format_ARGB32)
    middle = digits.glyph_rect.center().toPoint()
    colours = {
        shown.pixelColor(x, y).name()
        for x in range(middle.x() - 60, middle.x() + 60)
        for y in range(middle.y() - 20, middle.y() + 20)
    }
    assert QColor(theme.AMBER).name() in colours
    assert QColor(theme.TEXT).name() not in colours  # no glyph left in the old colour


def test_a_long_overtime_is_squeezed_into_the_width(qtbot: object) -> None:
    digits = _digits(qtbot, "+123:45")
    assert digits.glyph_rect.width() <= WIDTH
    assert digits.glyph_rect.left() >= 0
    assert _ink(_rendered(digits)) > 0.02 * WIDTH * HEIGHT
    assert digits.testAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)


def test_digits_lower_than_their_glyphs_are_drawn_smaller_and_whole(qtbot: object) -> None:
    digits = _shown(qtbot, "1:58")
    for height in range(HEIGHT, 60, -1):  # a window dragged smaller, pixel by pixel
        digits.resize(WIDTH, height)
        QApplication.processEvents()
        ink = digits.glyph_rect
        assert ink.top() >= 0, height
        assert ink.bottom() <= digits.height(), height
    assert _ink(_rendered(digits)) > 0  # still drawn
    assert len(digits._boxes) <= MAX_BOXES  # the boxes worked out per scale stay bounded


def test_prepared_digits_show_nothing_until_set(qtbot: object) -> None:
    digits = _shown(qtbot, "1:52")
    paints = Paints(digits)

    digits.prepare("1:51")  # the ticker says 1:51 is a few milliseconds away
    QApplication.processEvents()
    assert digits.text() == "1:52"
    assert paints.regions(digits) == []

    digits.set_text("1:51")
    assert len(paints.regions(digits)) == 1
    assert paints.regions(digits)[0].boundingRect().width() < WIDTH / 3
    assert _share_different(_rendered(digits), _drawn_from_the_font(digits, "1:51")) < 0.005


def test_a_flashing_overtime_does_not_draw_its_characters_again_each_second(
    qtbot: object,
) -> None:
    digits = _shown(qtbot, "+0:12")
    drawn = set(digits._images)
    digits.set_colours(theme.GROUND, theme.GROUND)  # the dark beat: nothing to draw
    digits.prepare("+0:13")
    digits.set_text("+0:13")
    digits.set_colours(theme.TEXT, theme.GROUND)  # the bright beat
    digits.prepare("+0:14")
    assert set(digits._images) - drawn == {("4", digits._next.scale, QColor(theme.TEXT).rgba())}
