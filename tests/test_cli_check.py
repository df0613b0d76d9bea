"""`floorclock check`, `--version`, `--help` and the stand-in for the app."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from floorclock import __version__, cli
from floorclock.store.agenda_file import bundled_agenda_path

ROOT = Path(__file__).resolve().parents[1]


def test_check_bundled_agenda_prints_the_day(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check", str(ROOT / "agenda.yaml")]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    lines = out.splitlines()
    assert lines[0].startswith("Expert meeting on enhancing capacity-building")
    assert "  Mandate:    Human Rights Council resolution 51/12" in lines
    assert "  Venue:      Room XIX, Palais des Nations, Geneva" in lines
    sessions = [line for line in lines if line.startswith("  1") and "  [" in line]
    assert [line.split("  ")[1] for line in sessions] == [
        "10:00-10:20",
        "10:20-12:00",
        "15:00-16:45",
        "16:45-17:00",
    ]
    assert [line.rsplit("[", 1)[1].split(",")[0] for line in sessions] == [
        "opening",
        "panel",
        "panel",
        "closing",
    ]
    assert out.count("Floor: up to 1h, 2m per speaker (all categories)") == 2
    categories = [line for line in lines if line[:5].strip().rstrip(".").isdigit()]
    assert [line.split("] id ")[1].split()[0] for line in categories] == [
        "states",
        "local",
        "nhri",
        "un",
        "ngo",
        "other",
    ]
    assert "Pre-inscribed speakers: none" in lines
    assert lines[-1].endswith("agenda.yaml: the agenda is valid")


def test_check_says_when_a_short_default_turns_amber(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = bundled_agenda_path().read_text(encoding="utf-8")
    agenda = tmp_path / "agenda.yaml"
    agenda.write_text(text.replace("  speaking_time: 2m", "  speaking_time: 45s", 1), "utf-8")
    assert cli.main(["check", str(agenda)]) == 0
    out, _err = capsys.readouterr()
    # a warning of 30 s on 45 s: the last half, as the timer does
    assert "  Defaults:   45s per speaker, amber 22s before the end," in out


def test_check_lists_pre_inscribed_speakers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = bundled_agenda_path().read_text(encoding="utf-8")
    text = text.replace(
        "    concluding_remarks: 10m   # planning estimate, as in session 1\n",
        "    concluding_remarks: 10m\n"
        "    speakers:\n"
        "      - {name: Ms. Ana Pérez, delegation: Spain, category: states, time_limit: 3m,\n"
        "         group: European Union}\n"
        "      - {name: City of Gwangju, category: local, mode: video}\n",
    )
    path = tmp_path / "agenda.yaml"
    path.write_text(text, encoding="utf-8")
    assert cli.main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Pre-inscribed speakers: 2" in out
    assert (
        "       1. Ms. Ana Pérez (Spain, State, in the room, on behalf of European Union, 3m)"
        in out.splitlines()
    )
    assert "       2. City of Gwangju (Local gov, video statement)" in out.splitlines()


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"floorclock {__version__}"


def test_help_mentions_check_and_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(["--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    for word in ("AGENDA", "--data-dir", "--display-screen", "--windowed", "floorclock check"):
        assert word in out


def test_check_without_file_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(["check"])
    assert exited.value.code == 2
    assert "FILE" in capsys.readouterr().err


def test_no_command_with_a_bad_agenda_reports_it(capsys: pytest.CaptureFixture[str]) -> None:
    bad = ROOT / "tests" / "data" / "bad_agendas" / "unknown_key.yaml"
    assert cli.main([str(bad)]) == 2
    assert f"{bad}:13:3: unknown key 'speking_time'" in capsys.readouterr().err


def test_start_up_does_not_import_pydantic_yaml_or_qt() -> None:
    code = (
        "import sys, floorclock.cli; "
        "heavy = [m for m in ('pydantic', 'yaml', 'PySide6') if m in sys.modules]; "
        "print(heavy)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


def test_python_dash_m_checks_without_traceback() -> None:
    bad = ROOT / "tests" / "data" / "bad_agendas" / "alias_bomb.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "floorclock", "check", str(bad)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{bad}:5:16: the file holds more than" in result.stderr
