"""A journal FloorClock may not read, for real: the program runs as an ordinary user (root
reads any file, so the store's tests simulate this with a patched read; here it is real).

Runs only as root with ``setpriv`` (to become ``nobody``); skipped elsewhere.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from floorclock.store.journal import CORRUPT_MARK

from .program import Program

NOBODY = 65534
AS_NOBODY = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]


@pytest.fixture
def nobody_home() -> Iterator[Path]:
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to run FloorClock as another user")
    can = subprocess.run(
        [*AS_NOBODY, sys.executable, "-c", "import floorclock.ui.app"],
        capture_output=True,
        check=False,
        timeout=60,
    )
    if can.returncode != 0:
        pytest.skip("the user nobody cannot run this Python")
    home = Path(tempfile.mkdtemp(prefix="floorclock-nobody-"))
    os.chmod(home, 0o755)
    os.chown(home, NOBODY, NOBODY)
    try:
        yield home
    finally:
        shutil.rmtree(home, ignore_errors=True)


def test_a_journal_without_read_permission_is_moved_aside_and_the_meeting_goes_on(
    nobody_home: Path,
) -> None:
    data = nobody_home / "data"
    runtime = nobody_home / "runtime"
    env = dict(os.environ, HOME=str(nobody_home), XDG_RUNTIME_DIR=str(runtime))

    def program() -> Program:
        return Program(data, stderr=nobody_home / "stderr.txt", prefix=AS_NOBODY, env=env)

    first = program()
    try:
        first.wait_ready()
        assert first.ask("inscribe Ms. Before|states").startswith("ack ")
        assert first.quit() == 0
    finally:
        first.close()
    [journal] = (data / "meetings").glob("*.jsonl")
    original = journal.read_bytes()
    journal.chmod(0)

    second = program()
    try:
        second.wait_ready()
        state = second.state()
        assert "not allowed to read" in state["banner"]
        assert "moved aside" in state["banner"]
        assert second.ask("inscribe Ms. After|states").startswith("ack ")
        assert second.quit() == 0
    finally:
        second.close()
    [aside] = journal.parent.glob(f"{journal.name}{CORRUPT_MARK}*")
    assert aside.read_bytes() == original  # root reads it: untouched
    assert aside.name in state["banner"]

    third = program()
    try:
        third.wait_ready()
        names = [speaker[0] for speaker in third.state()["snapshot"]["speakers"].values()]
        assert "Ms. After" in names
        assert third.quit() == 0
    finally:
        third.close()
