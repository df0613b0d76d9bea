"""Take the screenshots in docs/screenshots/: each window, the room display in each phase.

Run in a real X server at 1920x1080 (a fake clock sets the scene, so the pictures are the same
on every run)::

    xvfb-run -s "-screen 0 1920x1080x24" uv run python scripts/screenshots.py

``--out DIR`` writes elsewhere; ``--allow-offscreen`` accepts Qt's offscreen platform (for a
quick look; fonts and anti-aliasing can differ from a real display).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from floorclock.core.clock import FakeClock
from floorclock.ui.app import Options, start

WIDTH, HEIGHT = 1920, 1080

LATE_SPEAKERS = [
    ("Mr. Lars Eriksson", "states", "Sweden", "room"),
    ("Ms. Nomvula Dlamini", "local", "City of Johannesburg", "online"),
    ("Mr. Diego Fernández", "nhri", "Defensoría del Pueblo", "room"),
    ("Ms. Aiko Tanaka", "ngo", "Human Rights Cities Network", "video"),
    ("Dr. Omar Haddad", "other", "University of Jordan", "room"),
    ("Ms. Ingrid Bauer", "states", "Austria", "room"),
    ("Mr. Rafael Souza", "local", "Prefeitura de Porto Alegre", "online"),
    ("Ms. Chloé Martin", "states", "Canada", "room"),
    ("Mr. Ahmed Al-Farsi", "states", "Oman", "room"),
    ("Ms. Priya Raman", "un", "UN-Habitat", "online"),
    ("Mr. Jan Kowalski", "local", "Gdańsk City Council", "room"),
    ("Ms. Fatou Ndiaye", "nhri", "Commission nationale des droits de l'homme", "room"),
    ("Mr. Kim Min-jun", "states", "Republic of Korea", "room"),
    ("Ms. Elena Petrova", "ngo", "Youth for Human Rights Europe", "video"),
    ("Dr. Samuel Okafor", "other", "University of Lagos", "online"),
    ("Ms. Ana Lima", "local", "Mayor's Office, Montevideo", "room"),
    ("Mr. Thomas Müller", "states", "Germany", "room"),
    ("Ms. Zainab Hussain", "ngo", "Local Rights Watch", "room"),
    ("Mr. Pablo Ortega", "un", "UNDP", "room"),
    ("Ms. Hanna Virtanen", "states", "Finland", "online"),
    ("Mr. Juma Mwangi", "local", "Nairobi City County", "room"),
    ("Ms. Sofía Ramírez", "nhri", "Comisión Nacional de los Derechos Humanos", "room"),
    ("Mr. Arjun Mehta", "other", "Indian Institute of Public Administration", "room"),
    ("Ms. Laila Karimi", "ngo", "Women in Local Governance", "online"),
    ("Mr. Olivier Dubois", "states", "Belgium", "room"),
    ("Ms. Grace Mensah", "local", "Accra Metropolitan Assembly", "room"),
    ("Mr. Ivan Horvat", "states", "Croatia", "room"),
    ("Ms. Mariam Diallo", "un", "UNICEF", "video"),
    ("Mr. Hugo Lefèvre", "ngo", "Cités et Gouvernements Locaux Unis", "room"),
    ("Ms. Ewa Nowak", "other", "Council of Europe Congress", "room"),
]

SPEAKERS = [
    ("Ms. Amélie Dupont", "states", "France", "room"),
    ("السيدة فاطمة الزهراء بنعلي", "states", "المملكة المغربية", "online"),
    ("Sr. Joaquín Pérez Muñoz", "states", "España", "room"),
    ("Mayor Chen Xiaoming 陈晓明", "local", "上海市人民政府", "video"),
    ("Г-жа Екатерина Смирнова", "nhri", "Уполномоченный по правам человека", "online"),
    ("Mr. Kwame Mensah", "un", "UNDP", "room"),
    ("Dr. Ingrid Halvorsen", "ngo", "Cities for Human Rights Network", "room"),
    ("Her Excellency Ms. Maria-Fernanda Espinosa Garcés de la Torre", "other", None, "room"),
    ("Prof. Ana Beatriz Gonçalves", "other", "Universidade de São Paulo", "online"),
    ("Mr. Tomás Ó Briain", "local", "Dublin City Council", "room"),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--allow-offscreen", action="store_true")
    options = parser.parse_args(argv)

    app = QApplication(sys.argv[:1])
    if app.platformName() != "xcb" and not options.allow_offscreen:
        print(
            f"Qt runs on {app.platformName()!r}, not on an X server; run me with "
            'xvfb-run -s "-screen 0 1920x1080x24" (or pass --allow-offscreen).',
            file=sys.stderr,
        )
        return 2
    options.out.mkdir(parents=True, exist_ok=True)

    clock = FakeClock(datetime(2023, 8, 28, 8, 17, 40, tzinfo=UTC))  # 10:17:40 in Geneva
    scratch = tempfile.TemporaryDirectory(prefix="floorclock-screenshots-")
    running = start(Options(data_dir=Path(scratch.name), windowed=True), clock, show=False)
    meeting, ticker = running.meeting, running.ticker
    display, chair, secretariat = running.display, running.chair, running.secretariat
    meeting.select_session("session-1")
    for window in running.windows():
        window.setGeometry(0, 0, WIDTH, HEIGHT)
        window.show()

    def shot(window: QWidget, name: str) -> None:
        ticker.wake()
        window.raise_()
        for _ in range(3):
            app.processEvents()
        path = options.out / f"{name}.png"
        window.grab().save(str(path))
        print(path)

    shot(display, "display-idle")
    clock.advance(140)
    meeting.open_session("session-1")
    for name, category, delegation, mode in SPEAKERS:
        meeting.inscribe(name, category, delegation=delegation, mode=mode)  # type: ignore[arg-type]
    clock.advance(25 * 60)  # the panelists' presentations
    meeting.call_next()
    shot(display, "display-ready")
    meeting.start_timer()
    clock.advance(42.6)
    shot(display, "display-running")
    shot(chair, "chair-running")
    clock.advance(62)
    shot(display, "display-warning")
    clock.advance(16)
    shot(display, "display-time-up")
    clock.advance(14)
    shot(display, "display-overtime")
    shot(chair, "chair-overtime")
    meeting.pause_timer()
    shot(display, "display-paused")
    meeting.call_next()
    meeting.start_timer()
    clock.advance(20.5)
    shot(display, "display-running-arabic")
    meeting.show_message("Please conclude")
    shot(display, "display-message")
    meeting.show_message(None)
    meeting.set_blank(True)
    shot(display, "display-blank")
    meeting.set_blank(False)
    for _ in range(4):
        meeting.call_next()
    meeting.start_timer()
    clock.advance(9)
    shot(display, "display-running-chinese")
    chair.toggle_help()
    shot(chair, "chair-help")
    chair.toggle_help()
    # The secretariat late in the floor: a long list, one speaker passed over, a cut-off line.
    meeting.mark_absent(meeting.waiting().ids()[0])
    for name, category, delegation, mode in LATE_SPEAKERS:
        meeting.inscribe(name, category, delegation=delegation, mode=mode)  # type: ignore[arg-type]
    clock.advance(20 * 60)
    shot(secretariat, "secretariat")
    # The same on half of a laptop's screen: the least needed columns give way.
    secretariat.setGeometry(0, 0, 960, 720)
    shot(secretariat, "secretariat-narrow")
    running.close()
    scratch.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
