"""Where the windows open with one, two and three screens, and what happens when screens change.

The QApplication of the test process has one offscreen screen; layouts of several screens
need a fresh process with ``QT_QPA_PLATFORM=offscreen:configfile=...`` (see QT-NOTES.md).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from floorclock.ui.screens import (
    ScreenChoice,
    console_screens,
    load_choice,
    pick_display_screen,
    save_choice,
)

PROBE = r"""
import json, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication

app = QApplication([])
from floorclock.ui.app import Options, start
from floorclock.ui.screens import ordered_screens

data_dir, requested, windowed, exercise = sys.argv[1:5]
running = start(Options(
    data_dir=Path(data_dir),
    display_screen=None if requested == "-" else int(requested),
    windowed=windowed == "1",
))
app.processEvents()

def where(window):
    return {"screen": window.screen().name(), "full": window.isFullScreen(),
            "visible": window.isVisible()}

def report():
    out = {"order": [s.name() for s in ordered_screens()],
           "primary": app.primaryScreen().name(),
           "display": where(running.display), "chair": where(running.chair)}
    if running.secretariat is not None:
        out["secretariat"] = where(running.secretariat)
    return out

result = {"start": report()}
if exercise == "1":
    gone = running.display.screen()
    running.placer.screen_removed(gone)
    app.processEvents()
    result["removed"] = report()
    result["removed"]["display_geometry_on"] = [
        s.name() for s in ordered_screens()
        if s is not gone and s.geometry().contains(running.display.geometry().center())
    ]
    running.placer.screen_added(gone)
    app.processEvents()
    result["added"] = report()
result["notes"] = running.notes
print("RESULT " + json.dumps(result))
running.close()
"""


def _screen(name: str, x: int, width: int = 1920, height: int = 1080) -> dict[str, Any]:
    return {
        "name": name,
        "x": x,
        "y": 0,
        "width": width,
        "height": height,
        "logicalDpi": 96,
        "logicalBaseDpi": 96,
        "dpr": 1,
    }


LAYOUTS = {
    1: [_screen("podium", 0)],
    2: [_screen("podium", 0), _screen("projector", 1920, 1280, 720)],
    3: [_screen("podium", 0), _screen("desk", 1920), _screen("projector", 3840, 1280, 720)],
}


def probe(
    tmp_path: Path,
    screens: int,
    data_dir: Path,
    *,
    requested: int | None = None,
    windowed: bool = False,
    exercise: bool = False,
) -> dict[str, Any]:
    config = tmp_path / f"screens-{screens}.json"
    config.write_text(json.dumps({"screens": LAYOUTS[screens]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            PROBE,
            str(data_dir),
            "-" if requested is None else str(requested),
            "1" if windowed else "0",
            "1" if exercise else "0",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    line = next(line for line in done.stdout.splitlines() if line.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))  # type: ignore[no-any-return]


def test_one_screen_everything_in_windows(tmp_path: Path) -> None:
    result = probe(tmp_path, 1, tmp_path / "data")["start"]
    assert result["display"] == {"screen": "podium", "full": False, "visible": True}
    assert result["chair"]["screen"] == "podium"
    assert result["chair"]["visible"]


def test_two_screens_display_full_screen_on_the_last(tmp_path: Path) -> None:
    result = probe(tmp_path, 2, tmp_path / "data")["start"]
    assert result["order"] == ["podium", "projector"]
    assert result["display"] == {"screen": "projector", "full": True, "visible": True}
    assert result["chair"]["screen"] == "podium"
    assert not result["chair"]["full"]
    if "secretariat" in result:
        assert result["secretariat"]["screen"] == "podium"


def test_two_screens_windowed(tmp_path: Path) -> None:
    result = probe(tmp_path, 2, tmp_path / "data", windowed=True)["start"]
    assert result["display"]["full"] is False
    assert result["display"]["screen"] == "projector"


def test_three_screens_each_window_its_own(tmp_path: Path) -> None:
    result = probe(tmp_path, 3, tmp_path / "data")["start"]
    order = result["order"]
    assert order[0] == result["primary"]
    assert order[-1] == "projector"  # the others run left to right
    assert result["display"] == {"screen": "projector", "full": True, "visible": True}
    assert result["chair"]["screen"] == result["primary"]
    if "secretariat" in result:
        assert result["secretariat"]["screen"] not in (result["chair"]["screen"], "projector")


def test_the_chosen_screen_is_remembered(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = probe(tmp_path, 3, data, requested=1)["start"]
    chosen = first["order"][1]
    assert first["display"] == {"screen": chosen, "full": True, "visible": True}
    saved = json.loads((data / "settings.json").read_text())
    assert saved == {"schema_version": 1, "display_screen": chosen, "display_index": 1}
    again = probe(tmp_path, 3, data)["start"]
    assert again["display"]["screen"] == chosen
    # On a two-screen room that lacks the remembered screen, the last one is used.
    fewer = probe(tmp_path, 2, data)["start"]
    assert fewer["display"]["screen"] in ("projector", chosen)


def test_a_screen_number_that_does_not_exist(tmp_path: Path) -> None:
    result = probe(tmp_path, 2, tmp_path / "data", requested=7)
    assert result["start"]["display"]["screen"] == "projector"
    assert any("There is no screen 7" in note for note in result["notes"])


def test_unplugging_and_plugging_the_projector(tmp_path: Path) -> None:
    result = probe(tmp_path, 2, tmp_path / "data", exercise=True)
    assert result["start"]["display"]["screen"] == "projector"
    removed = result["removed"]
    assert removed["display"]["full"] is False  # it must not cover the only screen left
    assert removed["display_geometry_on"] == ["podium"]
    added = result["added"]
    assert added["display"] == {"screen": "projector", "full": True, "visible": True}


# -- the rules, without Qt ------------------------------------------------------------------


def test_pick_display_screen() -> None:
    names = ["podium", "desk", "projector"]
    assert pick_display_screen(names, None, ScreenChoice()) == 2
    assert pick_display_screen(names, 1, ScreenChoice("projector", 2)) == 1
    assert pick_display_screen(names, 9, ScreenChoice()) == 2
    assert pick_display_screen(names, None, ScreenChoice("desk", 0)) == 1
    assert pick_display_screen(names, None, ScreenChoice("gone", 0)) == 0
    assert pick_display_screen(["podium"], None, ScreenChoice("projector", 1)) == 0


def test_console_screens() -> None:
    assert console_screens(1, 0) == (0, 0)
    assert console_screens(2, 1) == (0, 0)
    assert console_screens(2, 0) == (1, 1)
    assert console_screens(3, 2) == (0, 1)
    assert console_screens(3, 0) == (1, 2)


def test_settings_round_trip_and_a_damaged_file_is_set_aside(tmp_path: Path) -> None:
    assert load_choice(tmp_path) == (ScreenChoice(), None)
    assert save_choice(tmp_path, ScreenChoice("projector", 1)) is None
    assert load_choice(tmp_path) == (ScreenChoice("projector", 1), None)
    (tmp_path / "settings.json").write_text("{not json")
    choice, problem = load_choice(tmp_path)
    assert choice == ScreenChoice()
    assert problem is not None
    assert "kept as settings.json.corrupt-" in problem
    assert not (tmp_path / "settings.json").exists()
    assert len(list(tmp_path.glob("settings.json.corrupt-*"))) == 1


@pytest.mark.parametrize("content", ['{"schema_version": 99}', "[1, 2]", '"text"'])
def test_settings_of_another_layout_are_not_trusted(tmp_path: Path, content: str) -> None:
    (tmp_path / "settings.json").write_text(content)
    assert load_choice(tmp_path)[0] == ScreenChoice()
