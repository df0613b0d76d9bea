"""The room display: readable at a glance in every phase, at every size, in every script."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QFontMetricsF, QImage
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from floorclock.core.clock import FakeClock
from floorclock.core.meeting import Meeting
from floorclock.ui import theme
from floorclock.ui.bridge import MeetingBridge
from floorclock.ui.display import MESSAGE_SHARE, FittedLabel, RoomDisplay, fit_lines
from floorclock.ui.ticker import Ticker

SIZES = [(1280, 720), (1920, 1080), (3840, 2160)]

LONG_NAME = "Her Excellency Ms. Maria-Fernanda Espinosa Garcés de la Torre"

NAMES = [
    (LONG_NAME, "Permanent Mission of the Plurinational State of Bolivia to Geneva"),
    ("Mme Hélène Lefèvre-Bérubé", "Ville de Montréal"),
    ("Sra. María José Núñez Ibáñez", "Ayuntamiento de Barcelona"),
    ("السيدة فاطمة الزهراء بنعلي", "المملكة المغربية"),
    ("王晓燕女士", "中华人民共和国常驻联合国日内瓦办事处"),
    ("Г-жа Екатерина Александровна Смирнова", "Российская Федерация"),
]


@pytest.fixture
def display(qtbot: object, bridge: MeetingBridge, ticker: Ticker) -> RoomDisplay:
    window = RoomDisplay(bridge, ticker)
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.resize(1920, 1080)
    window.show()
    return window


def _settle() -> None:
    QApplication.processEvents()


def _ink_height(widget: QWidget) -> int:
    """Rows of a widget's rendered image that hold anything but the ground colour."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    ground = image.pixelColor(0, 0).red()
    width = image.width()
    line = image.bytesPerLine()
    data = bytes(image.constBits())
    rows = [
        y
        for y in range(image.height())
        if any(abs(value - ground) > 40 for value in data[y * line : y * line + width : 2])
    ]
    return rows[-1] - rows[0] + 1 if rows else 0


def _fits(window: QWidget, label: QLabel) -> None:
    """Every line of the label is inside the label, and the label inside the window."""
    if not label.isVisible() or not label.text():
        return
    metrics = QFontMetricsF(label.font())
    for line in label.text().split("\n"):
        assert metrics.horizontalAdvance(line) <= label.contentsRect().width() + 1, line
    top_left = label.mapTo(window, QPoint(0, 0))
    assert top_left.x() >= 0
    assert top_left.y() >= 0
    assert top_left.x() + label.width() <= window.width()
    assert top_left.y() + label.height() <= window.height()


def _on_the_floor(meeting: Meeting, name: str, delegation: str, mode: str = "room") -> None:
    meeting.open_session("session-1")
    meeting.inscribe(name, "states", delegation=delegation, mode=mode)  # type: ignore[arg-type]
    for other, other_delegation in NAMES:
        meeting.inscribe(other, "ngo", delegation=other_delegation)
    meeting.call_next()


# -- contrast -------------------------------------------------------------------------------


@pytest.mark.parametrize("phase", sorted(set(theme.PHASE_STYLES) - {"blank"}))
def test_text_contrast_is_at_least_7_to_1_in_every_phase(phase: str) -> None:
    style = theme.PHASE_STYLES[phase]
    for colour in (style.digits, style.mark, style.secondary, theme.TEXT):
        assert theme.contrast_ratio(colour, style.ground) >= 7.0, (phase, colour)


def test_other_text_contrast() -> None:
    assert theme.contrast_ratio(theme.TEXT, theme.MESSAGE_GROUND) >= 7.0
    assert theme.contrast_ratio(theme.MUTED, theme.GROUND) >= 7.0
    assert theme.contrast_ratio(theme.TEXT, theme.BANNER_GROUND) >= 7.0
    assert theme.contrast_ratio("#ffffff", "#000000") == pytest.approx(21.0)


# -- sizes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_digits_are_at_least_40_percent_of_the_height(
    display: RoomDisplay, meeting: Meeting, fake_clock: FakeClock, width: int, height: int
) -> None:
    _on_the_floor(meeting, LONG_NAME, "Bolivia")
    display.resize(width, height)
    _settle()
    for spoken, text in [(0.0, "2:00"), (61.0, "0:59"), (125.0, "+0:05")]:
        meeting.start_timer()
        fake_clock.advance(spoken)
        meeting.pause_timer()
        display.refresh_time()
        _settle()
        assert display.digits.text() == text
        assert _ink_height(display.digits) >= 0.4 * height, (text, width, height)
        assert display.digits.glyph_rect.right() <= display.digits.width()
        meeting.reset_timer()


@pytest.mark.parametrize(("width", "height"), SIZES)
@pytest.mark.parametrize(("name", "delegation"), NAMES)
def test_names_in_every_script_fit(
    display: RoomDisplay,
    meeting: Meeting,
    name: str,
    delegation: str,
    width: int,
    height: int,
) -> None:
    _on_the_floor(meeting, name, delegation, mode="online")
    display.resize(width, height)
    _settle()
    assert (display.width(), display.height()) == (width, height)  # nothing forced it bigger
    assert display.speaker_name.full_text() == name
    for label in display.findChildren(QLabel):
        _fits(display, label)
    assert display.digits.glyph_rect.bottom() <= display.digits.height()
    # The long name is shrunk (and only then elided), never cut by the window's edge.
    if name == LONG_NAME:
        assert display.speaker_name.font().pixelSize() < round(height * 0.085)


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_a_60_character_name_is_shown_whole_on_two_lines(
    display: RoomDisplay, meeting: Meeting, width: int, height: int
) -> None:
    _on_the_floor(meeting, LONG_NAME, "Bolivia")
    display.resize(width, height)
    _settle()
    assert len(LONG_NAME) >= 60
    assert display.speaker_name.text().replace("\n", " ") == LONG_NAME
    assert _ink_height(display.digits) >= 0.4 * height


# -- what is shown --------------------------------------------------------------------------


def test_idle_view_between_speakers(display: RoomDisplay, meeting: Meeting) -> None:
    assert display.property("phase") == "idle"
    assert "Expert meeting on enhancing capacity-building" in display.meeting_title.text()
    assert display.time_of_day.text() == "10:15"
    assert display.time_caption.text() == "LOCAL TIME"  # not a countdown of 10 min 15 s
    assert display.time_caption.isVisibleTo(display)
    assert display.time_caption.geometry().bottom() <= display.time_of_day.geometry().top()
    assert display.session_title.full_text().startswith("Session 1: Human rights cities")
    assert display.session_left.text() == "10:20\u201312:00"
    assert display.next_speakers[0].full_text() == "No speakers waiting"
    assert display.idle_note.full_text() == "The session is scheduled to start at 10:20"


def test_speaker_category_mode_and_next_three(
    display: RoomDisplay,
    meeting: Meeting,
    bridge: MeetingBridge,
    inscribe_speakers: Callable[..., list[str]],
) -> None:
    inscribe_speakers()
    bridge.run(lambda: meeting.open_session("session-1"))
    bridge.run(meeting.call_next)
    floor = meeting.floor
    assert floor is not None
    assert display.property("phase") == "ready"
    assert display.phase_label.text() == "READY"
    assert display.speaker_name.full_text() == floor.info.name
    category = meeting.agenda.category(floor.info.category)
    assert display.category_label.text() == category.name  # the word, not only the colour
    assert display.category_swatch.colour().name() == category.colour.lower()
    assert display.mode.text() in {"■ IN THE ROOM", "◉ ONLINE", "▶ VIDEO"}
    upcoming = [row.info.name for row in meeting.waiting()[:3]]
    for label, name in zip(display.next_speakers, upcoming, strict=True):
        assert name in label.full_text()
    assert display.session_left.text() == "1:40:00 left"


@pytest.mark.parametrize(
    ("mode", "mark"), [("room", "■ IN THE ROOM"), ("online", "◉ ONLINE"), ("video", "▶ VIDEO")]
)
def test_mode_is_written_with_a_mark(
    display: RoomDisplay, meeting: Meeting, mode: str, mark: str
) -> None:
    _on_the_floor(meeting, "Mr. Kwame Mensah", "Ghana", mode=mode)
    display.refresh()
    assert display.mode.text() == mark


def test_every_phase_in_turn(
    display: RoomDisplay, meeting: Meeting, fake_clock: FakeClock, ticker: Ticker
) -> None:
    _on_the_floor(meeting, "Ms. Amélie Dupont", "France")
    display.refresh()
    seen = []

    def look() -> tuple[str, str, str]:
        ticker.wake()
        phase = display.property("phase")
        seen.append(phase)
        return phase, display.digits.text(), display.phase_label.text()

    assert look() == ("ready", "2:00", "READY")
    meeting.start_timer()
    fake_clock.advance(12.3)
    assert look() == ("running", "1:48", "● SPEAKING")
    fake_clock.advance(80)
    assert look() == ("warning", "0:28", "▲ LAST 30 SECONDS")
    assert display.digits.colour().name() == theme.PHASE_STYLES["warning"].digits
    fake_clock.advance(28)
    assert look() == ("time_up", "0:00", "■ TIME UP")
    assert display.palette().window().color().name() == theme.PHASE_STYLES["time_up"].ground
    fake_clock.advance(12)
    assert look() == ("overtime", "+0:12", "■ OVER TIME")
    meeting.pause_timer()
    assert look() == ("paused", "+0:12", "❚❚ PAUSED")
    meeting.end_intervention()
    display.refresh()
    assert display.property("phase") == "idle"


def test_a_short_limit_says_its_own_amber_seconds(
    display: RoomDisplay, meeting: Meeting, fake_clock: FakeClock, ticker: Ticker
) -> None:
    meeting.open_session("session-1")
    meeting.inscribe("Mr. Brief", "states", time_limit=20)
    meeting.call_next()
    meeting.start_timer()
    ticker.wake()
    assert display.phase_label.text() == "● SPEAKING"  # not amber from the first second
    fake_clock.advance(12)
    ticker.wake()
    assert (display.digits.text(), display.phase_label.text()) == ("0:08", "▲ LAST 10 SECONDS")
    meeting.extend(4)  # 24 s: a warning of 12 s, and 12 s left: amber still, longer
    ticker.wake()
    assert display.phase_label.text() == "▲ LAST 12 SECONDS"


def test_overtime_flashing_is_off_by_default_and_follows_the_seconds(
    display: RoomDisplay, meeting: Meeting, fake_clock: FakeClock, ticker: Ticker
) -> None:
    _on_the_floor(meeting, "Ms. Amélie Dupont", "France")
    meeting.start_timer()
    fake_clock.advance(130)
    ticker.wake()
    white = theme.PHASE_STYLES["overtime"].digits
    assert display.digits.colour().name() == white
    display.flash_overtime = True
    colours = set()
    for _ in range(2):
        fake_clock.advance(1)
        ticker.wake()
        colours.add(display.digits.colour().name())
    assert colours == {white, theme.PHASE_STYLES["overtime"].ground}


def test_blank_and_message(display: RoomDisplay, meeting: Meeting, bridge: MeetingBridge) -> None:
    _on_the_floor(meeting, "Ms. Amélie Dupont", "France")
    bridge.run(lambda: meeting.show_message("Please conclude"))
    assert display.message.isVisible()
    assert display.message.text() == "Please conclude"
    band = display.message.geometry()
    assert band.bottom() < display.height()
    assert band.width() == display.width()
    _fits(display, display.message)
    bridge.run(lambda: meeting.set_blank(True))
    assert display.property("phase") == "blank"
    image = display.grab().toImage()
    assert {
        image.pixelColor(x, y).name() for x in range(0, 1920, 97) for y in range(0, 1080, 61)
    } == {"#000000"}
    bridge.run(lambda: meeting.set_blank(False))
    assert display.property("phase") == "ready"
    digits_bottom = display.digits.mapTo(display, display.digits.glyph_rect.bottomLeft().toPoint())
    assert display.message.geometry().top() > digits_bottom.y()  # the countdown stays whole
    bridge.run(lambda: meeting.show_message(None))
    assert not display.message.isVisible()


def test_a_display_opened_on_a_message_puts_its_band_at_the_bottom_edge(
    qtbot: object, bridge: MeetingBridge, ticker: Ticker, meeting: Meeting
) -> None:
    _on_the_floor(meeting, LONG_NAME, "Bolivia")
    meeting.show_message("Please conclude")  # as a resumed meeting has it
    window = RoomDisplay(bridge, ticker)
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.resize(640, 360)
    window.show()
    _settle()

    band = window.message.geometry()
    assert band.bottom() == 359
    assert band.height() == round(360 * MESSAGE_SHARE)


@pytest.mark.parametrize("size", [(1280, 720), (960, 540), (640, 360), (360, 203), (320, 180)])
def test_the_message_band_follows_the_window_to_its_bottom_edge(
    display: RoomDisplay, meeting: Meeting, bridge: MeetingBridge, size: tuple[int, int]
) -> None:
    _on_the_floor(meeting, LONG_NAME, "Permanent Mission of Somewhere to Geneva")
    bridge.run(lambda: meeting.show_message("Please conclude"))
    _settle()

    display.resize(*size)  # a window shared online, a smaller projector
    _settle()

    band = display.message.geometry()
    assert band.bottom() == size[1] - 1  # from edge to edge, nothing under it
    assert band.height() == round(size[1] * MESSAGE_SHARE)
    digits_bottom = display.digits.mapTo(display, display.digits.glyph_rect.bottomLeft().toPoint())
    assert band.top() > digits_bottom.y()  # the countdown stays whole


def test_the_countdown_shows_whole_seconds_left_then_the_overtime(
    display: RoomDisplay, meeting: Meeting, fake_clock: FakeClock, ticker: Ticker
) -> None:
    _on_the_floor(meeting, "Ms. Amélie Dupont", "France")
    meeting.start_timer()
    # a second is shown until it has fully gone (119.6 s left shows 2:00)
    for step, shown in (
        (0.4, "2:00"),
        (30.0, "1:30"),
        (60.0, "0:30"),
        (35.0, "+0:05"),
        (7.0, "+0:12"),
    ):
        fake_clock.advance(step)
        ticker.wake()
        assert display.digits.text() == shown


@pytest.mark.parametrize(
    "text",
    [
        "Ms. Amina Diallo",
        "  spaces around  ",
        "\u2068\u0623\u062d\u0645\u062f\u2069 (\u2068\u0645\u0635\u0631\u2069)",  # Arabic
        "Sr. Joaquín Pérez Muñoz",
    ],
)
def test_a_label_shows_what_the_text_layout_would(qtbot: Any, text: str) -> None:
    """A text that fits on one line skips the text layout: it comes out the same."""
    label = FittedLabel(max_lines=2, shrink_to=0.8)
    qtbot.addWidget(label)
    label.resize(400, 40)
    label.set_pixel_size(20)
    label.set_full_text(text)
    width = label.contentsRect().width() - 2
    assert QFontMetricsF(label.font()).horizontalAdvance(text) < width  # one line
    assert label.text() == fit_lines(text, label.font(), width, 1)


def test_a_name_made_smaller_to_fit_keeps_the_height_of_its_line(qtbot: Any) -> None:
    """Calling a speaker with a long name after one with a short name moves nothing below."""
    label = FittedLabel(bold=True, shrink_to=0.6)
    qtbot.addWidget(label)
    label.resize(420, 80)
    label.set_pixel_size(40)
    label.set_full_text("Ms. Amina Diallo")
    short_height, full_size = label.height(), label.font().pixelSize()
    label.set_full_text("Her Excellency Ms. Maria-Fernanda Espinosa")
    assert label.font().pixelSize() < full_size  # made smaller to fit on its line ...
    assert "\n" not in label.text()
    assert label.height() == short_height  # ... in the same height


class _MeasuredLabel(FittedLabel):
    """A fitted label whose size hints are QLabel's own (the text laid out again)."""

    def sizeHint(self) -> QSize:
        return QLabel.sizeHint(self)

    def minimumSizeHint(self) -> QSize:
        return QLabel.minimumSizeHint(self)


def _column(kind: type[FittedLabel], texts: list[str]) -> tuple[QWidget, list[FittedLabel]]:
    """A window of fitted labels (one of each kind the display has) over a stretch."""
    window = QWidget()
    column = QVBoxLayout(window)
    row = QHBoxLayout()
    labels = [
        kind(bold=True, shrink_to=0.75, max_lines=2),
        kind(shrink_to=0.8),
        kind(max_lines=2, alignment=Qt.AlignmentFlag.AlignHCenter),
    ]
    column.addWidget(labels[0])
    row.addWidget(QLabel("beside"))
    row.addWidget(labels[1], 1)
    column.addLayout(row)
    column.addWidget(labels[2])
    column.addStretch(1)
    for label, text in zip(labels, texts, strict=True):
        label.set_pixel_size(46)
        label.set_full_text(text)
    return window, labels


@pytest.mark.parametrize("width", [320, 900, 1920])
def test_fitted_labels_are_laid_out_as_by_their_text(qtbot: Any, width: int) -> None:
    """A fitted label's size hint is what it worked out when it fitted its text, not the
    text laid out again: every widget of the window lands where it would with QLabel's own
    hint, for every text the display meets, one after another."""
    built = [_column(kind, ["", "", ""]) for kind in (FittedLabel, _MeasuredLabel)]
    for window, _ in built:
        qtbot.addWidget(window)
        window.resize(width, 700)
        window.show()
    texts = [name for pair in NAMES for name in pair] + ["", "Ms. Amina Diallo", "a\nb"]
    for start in range(len(texts)):
        shown = [texts[(start + step) % len(texts)] for step in range(3)]
        places = []
        for window, labels in built:
            for label, text in zip(labels, shown, strict=True):
                label.set_full_text(text)
            _settle()
            places.append(
                [
                    (child.geometry(), child.text() if isinstance(child, QLabel) else "")
                    for child in window.findChildren(QWidget)
                ]
            )
        assert places[0] == places[1], shown


@pytest.mark.parametrize("width", [40, 90, 160, 400])
def test_one_line_is_the_text_or_its_start_and_an_ellipsis_never_wider(
    qapp: Any, width: int
) -> None:
    font = theme.text_font(20)
    metrics = QFontMetricsF(font)
    text = "  Her Excellency Ms. Maria-Fernanda Espinosa Garcés  "
    # A single word wider than the line is cut too, not left to overflow.
    word = "Supercalifragilisticexpialidocious"
    assert metrics.horizontalAdvance(fit_lines(word, font, width, 1)) <= width
    shown = fit_lines(text, font, width, 1)
    assert metrics.horizontalAdvance(shown) <= width
    if metrics.horizontalAdvance(text.strip()) <= width:
        assert shown == text.strip()
    else:
        assert shown.endswith("…")
        assert text.strip().startswith(shown[:-1].rstrip())
