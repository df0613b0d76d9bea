"""The real FloorClock as a subprocess, driven through its test-only stdin driver.

``Program`` starts ``python -m floorclock --data-dir DIR --windowed`` offscreen with
``FLOORCLOCK_DRIVER=stdin`` (see ``floorclock.ui.driver``), writes one command per line and
waits for the answers with a timeout: nothing here sleeps to wait for the program.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

START_TIMEOUT = 60.0
ANSWER_TIMEOUT = 30.0


class ProgramDied(AssertionError):
    """The program ended (or said nothing) when an answer was expected."""


class Program:
    """One run of the real program."""

    def __init__(
        self,
        data: Path,
        *args: str,
        stderr: Path | None = None,
        prefix: Sequence[str] = (),
        env: Mapping[str, str] | None = None,
    ) -> None:
        """Start it; ``prefix`` goes before the command (``setpriv ...`` to run as another user)."""
        env = dict(env if env is not None else os.environ)
        env.update(QT_QPA_PLATFORM="offscreen", FLOORCLOCK_DRIVER="stdin")
        self.stderr_path = stderr if stderr is not None else data.parent / "stderr.txt"
        self._stderr = self.stderr_path.open("ab")
        self.process = subprocess.Popen(
            [
                *prefix,
                sys.executable,
                "-m",
                "floorclock",
                "--data-dir",
                str(data),
                "--windowed",
                *args,
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            env=env,
        )
        self.started = time.monotonic()
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for raw in self.process.stdout:
            self._lines.put(raw.decode("utf-8", errors="replace").rstrip("\n"))
        self._lines.put(None)

    def line(self, timeout: float = ANSWER_TIMEOUT) -> str:
        """The next line the program prints (fails after ``timeout`` seconds or at its end)."""
        try:
            line = self._lines.get(timeout=timeout)
        except queue.Empty:
            raise ProgramDied(f"no answer within {timeout} s; {self.stderr_tail()}") from None
        if line is None:
            self._lines.put(None)
            raise ProgramDied(f"the program ended ({self.process.poll()}); {self.stderr_tail()}")
        return line

    def wait_ready(self) -> int:
        line = self.line(START_TIMEOUT)
        assert line.startswith("ready "), line
        return int(line.split()[1])

    def send(self, command: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(command.encode("utf-8") + b"\n")
        self.process.stdin.flush()

    def ask(self, command: str) -> str:
        """Send a command and return its one answer."""
        self.send(command)
        return self.line()

    def state(self) -> dict[str, Any]:
        answer = self.ask("state")
        assert answer.startswith("state "), answer
        state: dict[str, Any] = json.loads(answer[len("state ") :])
        return state

    def kill(self) -> list[str]:
        """SIGKILL, then every line the program had printed before it died."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=ANSWER_TIMEOUT)
        self._reader.join(timeout=ANSWER_TIMEOUT)
        return self.rest()

    def rest(self) -> list[str]:
        lines: list[str] = []
        while True:
            try:
                line = self._lines.get_nowait()
            except queue.Empty:
                break
            if line is None:
                self._lines.put(None)
                break
            lines.append(line)
        return lines

    def quit(self) -> int:
        self.send("quit")
        code = self.process.wait(timeout=ANSWER_TIMEOUT)
        self.close()
        return code

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=ANSWER_TIMEOUT)
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        self._stderr.close()

    def stderr_tail(self) -> str:
        try:
            text = self.stderr_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        lines = [line for line in text.splitlines() if "propagateSizeHints" not in line]
        return "stderr: " + " | ".join(lines[-15:])
