"""The core knows no screen and no file: it imports without Qt and opens nothing."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import floorclock.core

CORE = Path(floorclock.core.__file__).parent
MODULES = sorted(f"floorclock.core.{p.stem}" for p in CORE.glob("*.py") if p.stem != "__init__")

BLOCK_QT = """
import sys

class NoQt:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6."):
            raise ImportError(f"{name} is blocked: the core must not need Qt")
        return None

sys.meta_path.insert(0, NoQt())
import importlib
for name in sys.argv[1:]:
    importlib.import_module(name)
assert not any(m.startswith("PySide6") for m in sys.modules), "Qt was imported"
print("ok", len(sys.argv) - 1)
"""


def test_core_imports_with_qt_blocked() -> None:
    assert "floorclock.core.meeting" in MODULES
    result = subprocess.run(
        [sys.executable, "-c", BLOCK_QT, *MODULES],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"ok {len(MODULES)}"


def test_the_qt_blocker_really_blocks() -> None:
    result = subprocess.run(
        [sys.executable, "-c", BLOCK_QT, "PySide6.QtCore"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode != 0
    assert "blocked" in result.stderr


FILE_ACCESS = re.compile(
    r"\bopen\(|\bpathlib\b|\bPath\(|\bos\.(?:remove|replace|rename|makedirs|mkdir|fsync)\b"
    r"|\bshutil\b|\bread_text\b|\bwrite_text\b|\bimport os\b|\bio\.open\b|\bsqlite3\b"
)


def test_core_sources_do_no_file_io() -> None:
    offenders = [
        f"{path.name}:{number}: {line.strip()}"
        for path in sorted(CORE.glob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if FILE_ACCESS.search(line)
    ]
    assert offenders == []
