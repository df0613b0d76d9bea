"""Command line: ``floorclock [AGENDA]`` runs the meeting, ``floorclock check FILE`` checks a file.

Imports of pydantic, YAML and Qt are kept inside the functions that need them, so that
``--help`` and ``--version`` answer at once.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from floorclock import __version__

_DESCRIPTION = (
    "Run the floor of a live meeting: speakers' list, speaking timers and session clocks."
)
_EPILOG = """\
commands:
  floorclock check FILE   check an agenda file: a summary if it is valid, else
                          one line per problem (FILE:LINE:COLUMN: message), exit 1
  floorclock export --format csv|json|md [--out FILE] [--data-dir DIR]
                          write the record of who spoke, from the meeting's journal

With no AGENDA, the agenda shipped with FloorClock is used (the expert meeting
of 28 August 2023). The format of agenda files is described in docs/agenda.md.
"""


def _screen_number(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a screen number, got {text!r}") from None
    if number < 0:
        raise argparse.ArgumentTypeError("screen numbers start at 0")
    return number


def build_parser() -> argparse.ArgumentParser:
    """The parser for running the app (``check`` has its own, see :func:`build_check_parser`)."""
    parser = argparse.ArgumentParser(
        prog="floorclock",
        description=_DESCRIPTION,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"floorclock {__version__}")
    parser.add_argument(
        "agenda",
        metavar="AGENDA",
        nargs="?",
        type=Path,
        help="the agenda file of the meeting (default: the bundled agenda)",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        type=Path,
        help="keep the journal and records in DIR instead of the user data folder",
    )
    parser.add_argument(
        "--display-screen",
        metavar="N",
        type=_screen_number,
        help="show the room display full screen on screen N (0 is the first)",
    )
    parser.add_argument(
        "--windowed",
        action="store_true",
        help="show the room display in a window instead of full screen",
    )
    return parser


def build_check_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="floorclock check",
        description="Check an agenda file. On success print a summary of the meeting and "
        "exit 0; otherwise print every problem as FILE:LINE:COLUMN: message and exit 1.",
    )
    parser.add_argument("file", metavar="FILE", type=Path, help="the agenda file to check")
    return parser


def build_export_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="floorclock export",
        description="Write the record of a meeting (who spoke, for how long, who did not) "
        "from its journal as CSV, JSON or Markdown. Exit 0 when written, 1 otherwise.",
    )
    parser.add_argument(
        "--format",
        dest="fmt",
        choices=("csv", "json", "md"),
        required=True,
        help="csv for a spreadsheet, json for other tools, md for a report",
    )
    parser.add_argument(
        "--out", metavar="FILE", type=Path, help="write to FILE (default: standard output)"
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        type=Path,
        help="look for journals in DIR/meetings instead of the user data folder",
    )
    parser.add_argument(
        "--journal",
        metavar="FILE",
        type=Path,
        help="the journal to export (default: the most recently changed one)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["check"]:
        return check(build_check_parser().parse_args(arguments[1:]).file)
    if arguments[:1] == ["export"]:
        options = build_export_parser().parse_args(arguments[1:])
        from floorclock.store.export import run_export

        return run_export(options.fmt, options.out, options.data_dir, options.journal)
    args = build_parser().parse_args(arguments)
    from floorclock.ui.app import run

    return run(args)


def check(path: Path) -> int:
    """``floorclock check FILE``: print a summary and return 0, or the problems and return 1."""
    from floorclock.store.agenda_file import AgendaError, load_agenda
    from floorclock.summary import format_summary

    try:
        agenda = load_agenda(path)
    except AgendaError as error:
        print(error, file=sys.stderr)
        count = len(error.problems)
        later = (
            " (whether the parts hold together, such as the categories each session names, is"
            " checked once these are fixed: check again then)"
            if error.parts_only
            else ""
        )
        print(
            f"{path}: {count} problem{'s' if count != 1 else ''} found; "
            f"the agenda is not valid{later}",
            file=sys.stderr,
        )
        return 1
    except Exception as exc:  # a bug in FloorClock; still no traceback for the user
        print(f"{path}: internal error while reading the agenda: {exc!r}", file=sys.stderr)
        return 1
    print(format_summary(agenda))
    print()
    print(f"{path}: the agenda is valid")
    return 0
