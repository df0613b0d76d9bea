"""Hostile inputs of about a megabyte for the three readers of outside files (a CSV list of
speakers, a journal, an agenda): the shapes that make a careless reader slow or crash.

``tests/store/test_input_fuzz.py`` checks that each reader answers them with a result or
its documented error; ``benchmarks/run.py`` times the readers on them (docs/performance.md).
"""

from __future__ import annotations

import random

from journal_builders import sample_events

from floorclock.core.events import event_to_json
from floorclock.store.agenda_file import bundled_agenda_path

MEGABYTE = 1024 * 1024

GOOD_LINES = [event_to_json(event).encode() + b"\n" for event in sample_events(12)]
"""Well-formed journal lines."""


def hostile_csv() -> dict[str, bytes]:
    rng = random.Random(5)
    size = MEGABYTE - 64
    row = "Ms. A,states,room,2:00\n"
    return {
        "many good rows": ("name,category,mode,time_limit\n" + row * (size // len(row))).encode(),
        "many bad rows": (
            "name,category,mode,time_limit\n" + "x,nowhere,flying,99:99\n" * (size // 23)
        ).encode(),
        "an open quote": ('name,category\n"' + "a" * (size - 20)).encode(),
        "one huge field": ("name,category\n" + "a" * (size - 20) + ",states\n").encode(),
        "many columns": ("name," + ",".join(["x"] * (size // 2))).encode()[:size],
        "random bytes": b"name,category\n" + rng.randbytes(size - 20),
        "delimiters only": b"name,category\n" + b',;\t\n\r"' * (size // 7),
    }


def hostile_journals() -> dict[str, bytes]:
    rng = random.Random(6)
    size = MEGABYTE
    line = GOOD_LINES[3]
    return {
        "random bytes": rng.randbytes(size),
        "garbage lines": b"{not json}\n" * (size // 11),
        "deep nesting": b"[" * size,
        "deep objects": b'{"v":' * (size // 5),
        "one line repeated": line * (size // len(line)),
        "newer versions": b'{"v": 9, "type": "x"}\n' * (size // 22),
        "one long string": b'{"type": "speaker_inscribed", "name": "' + b"a" * size + b'"}\n',
        "newlines": b"\n" * size,
    }


def hostile_agendas() -> dict[str, bytes]:
    rng = random.Random(7)
    size = MEGABYTE - 64
    bundled = bundled_agenda_path().read_bytes()
    return {
        "random bytes": rng.randbytes(size),
        "deep nesting": b"[" * size,
        "many keys": b"".join(b"k%d: v\n" % n for n in range(size // 10))[:size],
        "long list": b"sessions:\n" + b"  - x\n" * (size // 6),
        "one long scalar": b"meeting:\n  title: " + b"a" * (size - 30) + b"\n",
        "aliases": b"a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + b"".join(b"b%d: &b%d [*a, *a, *a, *a]\n" % (n, n) for n in range(size // 40)),
        "bundled, repeated": (bundled * (size // len(bundled) + 1))[:size],
        "bundled, with a huge speaker list": bundled
        + b"".join(
            b"      - {name: Speaker %d, category: states}\n" % n for n in range(size // 48)
        ),
    }
