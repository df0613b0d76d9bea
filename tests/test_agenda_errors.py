"""`floorclock check` on malformed agendas: one located, plain message per problem, exit 1."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from floorclock import cli
from floorclock.store import agenda_file
from floorclock.store.agenda_file import (
    MAX_FILE_BYTES,
    AgendaError,
    bundled_agenda_path,
    load_agenda,
    load_agenda_text,
)

BAD = Path(__file__).parent / "data" / "bad_agendas"
BUNDLED = bundled_agenda_path()

# file, line, column, a fragment of the message expected at that place
EXPECTED: list[tuple[str, int, int, str]] = [
    ("absurd_floor_budget.yaml", 18, 15, "30h is too long for a floor budget (at most 12h)"),
    ("absurd_speaking_time.yaml", 20, 21, "30h is too long for a speaking time (at most 1h)"),
    ("alias_bomb.yaml", 5, 16, "holds more than 30,000 values"),
    ("bad_colour.yaml", 12, 13, "a colour is written #RRGGBB"),
    ("bad_id.yaml", 9, 9, "lowercase letters, digits, '-' and '_'"),
    ("bad_literal.yaml", 15, 11, "kind must be one of opening, panel, closing, other"),
    ("bad_time.yaml", 15, 12, "expected a time of day such as 10:00"),
    ("bad_timezone.yaml", 4, 13, "'Geneva' is not an IANA time zone name"),
    ("control_character.yaml", 2, 14, "control character U+0007 is not allowed"),
    ("custom_tag.yaml", 15, 12, "the tag !clock is not allowed"),
    ("deep_flow_nesting.yaml", 1, 1009, "nested more than 50 levels deep"),
    ("deep_nesting.yaml", 50, 99, "nested more than 50 levels deep"),
    ("duplicate_category_id.yaml", 12, 9, "duplicate category id 'states'"),
    ("duplicate_key.yaml", 4, 3, "duplicate key 'title': it is already given on line 2"),
    ("duplicate_session_id.yaml", 17, 9, "duplicate session id 'opening'"),
    ("empty.yaml", 1, 1, "the file is empty"),
    ("end_before_start.yaml", 16, 10, "ends (10:00) before it starts (10:20)"),
    ("missing_required.yaml", 13, 5, "session 'opening' lacks the required key 'end'"),
    ("missing_sessions.yaml", 1, 1, "the top level lacks the required key 'sessions'"),
    ("negative_duration.yaml", 14, 12, "a duration must be more than zero, got '-30s'"),
    ("non_utf8.yaml", 2, 11, "byte 0xe9 is not UTF-8"),
    ("not_a_mapping_list.yaml", 1, 1, "the file holds a list, but an agenda is a mapping"),
    ("not_a_mapping_scalar.yaml", 2, 1, "the file holds the single value 'agenda'"),
    ("overlapping_sessions.yaml", 19, 12, "sessions may not overlap"),
    ("python_tag.yaml", 2, 10, "the tag !!python/object/apply:os.system is not allowed"),
    ("recursive_alias.yaml", 13, 15, "the alias *loop is used inside the value it names"),
    ("session_too_long.yaml", 16, 10, "lasts 17h; a session may last at most 12h"),
    ("syntax_error.yaml", 5, 11, "flow sequence that starts at line 4, column 14"),
    ("tab_indent.yaml", 16, 1, "indent with spaces, not tabs"),
    ("thirty_hour_session.yaml", 16, 10, "'40:00' is not a time of day"),
    ("two_documents.yaml", 17, 1, "a second YAML document starts here"),
    ("undefined_category_floor.yaml", 23, 28, "category 'nhri' is not defined"),
    ("undefined_category_speaker.yaml", 21, 19, "category 'academics' is not defined"),
    (
        "unknown_key.yaml",
        13,
        3,
        "unknown key 'speking_time' in defaults; did you mean 'speaking_time'?",
    ),
    ("wrong_type.yaml", 2, 10, "title must be text, not a list"),
    ("zero_duration.yaml", 18, 15, "a duration must be more than zero"),
]


def run_check(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(["check", str(path)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True, scope="module")
def _warm_imports() -> None:
    """Import pydantic and YAML once, so timings measure the check and not the imports."""
    load_agenda(bundled_agenda_path())


def test_every_bad_file_has_an_expectation() -> None:
    assert sorted(p.name for p in BAD.glob("*.yaml")) == sorted(row[0] for row in EXPECTED)
    assert len(EXPECTED) >= 20


@pytest.mark.parametrize(("name", "line", "column", "fragment"), EXPECTED)
def test_bad_agenda_is_reported_at_its_place(
    name: str, line: int, column: int, fragment: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = BAD / name
    code, out, err = run_check(path, capsys)
    assert code == 1
    assert out == ""
    assert "Traceback" not in err
    problem_lines = [row for row in err.splitlines() if row.startswith(f"{path}:")][:-1]
    assert problem_lines, err
    assert any(
        row.startswith(f"{path}:{line}:{column}: ") and fragment in row for row in problem_lines
    ), err
    # every line but the closing count names the file, a line and a column
    for row in problem_lines:
        place = row.removeprefix(f"{path}:").split(": ", 1)[0]
        assert [part.isdigit() for part in place.split(":")] == [True, True], row


def test_problems_are_all_reported_one_per_line_sorted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "agenda.yaml"
    path.write_text(
        "meeting:\n"
        "  title: T\n"
        "  date: 2023-08-28\n"
        "  format: hybird\n"
        "categories:\n"
        "  - id: states\n"
        "    name: States\n"
        "    label: State\n"
        "    colour: blue\n"
        "sessions:\n"
        "  - id: one\n"
        "    title: One\n"
        "    start: 10:00\n"
        "    end: 11:00\n"
        "    floor:\n"
        "      budget: one hour\n"
        "      speking_time: 2m\n",
        encoding="utf-8",
    )
    code, _, err = run_check(path, capsys)
    assert code == 1
    lines = err.splitlines()
    assert lines[:-1] == [
        f"{path}:4:11: format must be one of in_person, hybrid, online, not the text 'hybird'"
        " (did you mean 'hybrid'?)",
        f"{path}:9:13: colour 'blue' is not valid: a colour is written #RRGGBB in hexadecimal,"
        " such as #1f77b4",
        f"{path}:16:15: budget is not valid: expected a duration such as 2m, 90s, 1:30, 1h,"
        " 1h30m or a"
        " number of seconds, got 'one hour'",
        f"{path}:17:7: unknown key 'speking_time' in floor of session 'one';"
        " did you mean 'speaking_time'?",
    ]
    assert lines[-1] == (
        f"{path}: 4 problems found; the agenda is not valid (whether the parts hold together,"
        " such as the categories each session names, is checked once these are fixed:"
        " check again then)"
    )


def test_a_file_whose_values_are_valid_is_checked_whole_with_no_note_to_check_again(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run_check(BAD / "undefined_category_floor.yaml", capsys)

    assert code == 1
    assert "category 'nhri' is not defined" in err  # found by the second pass
    assert err.splitlines()[-1].endswith("the agenda is not valid")  # nothing left unchecked


def test_file_over_one_megabyte_is_refused_before_parsing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text("# padding\n" * (MAX_FILE_BYTES // 10 + 1), encoding="utf-8")
    assert path.stat().st_size > MAX_FILE_BYTES
    code, _, err = run_check(path, capsys)
    assert code == 1
    assert err.startswith(f"{path}:1:1: the file is larger than 1024 KB (1 MB)")


def test_large_file_of_many_small_values_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    path.write_text("".join(f"k{i}: [1,2,3,4]\n" for i in range(50_000)), encoding="utf-8")
    assert path.stat().st_size < MAX_FILE_BYTES
    with pytest.raises(AgendaError, match="holds more than 30,000 values"):
        load_agenda(path)


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        (lambda tmp: tmp / "absent.yaml", "no such file"),
        (lambda tmp: tmp, "is a folder"),
    ],
)
def test_unreadable_paths_get_a_message_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make: object, fragment: str
) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    code, out, err = run_check(path, capsys)
    assert code == 1
    assert out == ""
    assert err.startswith(f"{path}: ")
    assert fragment in err
    assert "Traceback" not in err


def test_object_tags_are_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = f'meeting: !!python/object/apply:os.system ["touch {marker}"]\n'
    with pytest.raises(AgendaError, match="not allowed"):
        load_agenda_text(text, "x.yaml")
    assert not marker.exists()


def test_error_type_lists_problems_with_positions() -> None:
    with pytest.raises(AgendaError) as caught:
        load_agenda_text("meeting: {}\nmeeting: {}\n", "a.yaml")
    problems = caught.value.problems
    assert [(p.line, p.column) for p in problems] == sorted((p.line, p.column) for p in problems)
    assert problems[0].file == "a.yaml"
    assert str(caught.value).splitlines()[0] == str(problems[0])
    assert any("duplicate key 'meeting'" in p.message and p.line == 2 for p in problems)


@pytest.mark.parametrize(
    "name",
    ["alias_bomb.yaml", "deep_flow_nesting.yaml", "deep_nesting.yaml", "python_tag.yaml"],
)
def test_pure_python_parser_refuses_hostile_files_too(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        agenda_file, "_AgendaLoader", agenda_file._make_loader_class(use_libyaml=False)
    )
    load_agenda(bundled_agenda_path())  # a valid file still loads
    with pytest.raises(AgendaError):
        load_agenda(BAD / name)


def test_an_unquoted_colour_is_explained(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = BUNDLED.read_text(encoding="utf-8").replace('colour: "#f6c85f"', "colour: #f6c85f", 1)
    assert "colour: #f6c85f" in text
    agenda = tmp_path / "agenda.yaml"
    agenda.write_text(text, encoding="utf-8")
    assert cli.main(["check", str(agenda)]) == 1
    err = capsys.readouterr().err
    assert "colour must be text, not nothing (in YAML a '#' starts a comment" in err


def test_a_machine_dependent_time_zone_is_refused() -> None:
    data = yaml.load(BUNDLED.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    data["meeting"]["timezone"] = "localtime"
    with pytest.raises(AgendaError, match="'localtime' is not an IANA time zone name"):
        load_agenda_text(yaml.safe_dump(data), "agenda.yaml")


def test_a_bad_warning_is_not_mistaken_for_a_mere_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "agenda.yaml"
    text = BUNDLED.read_text(encoding="utf-8")
    path.write_text(
        text.replace("  warning: 30s ", "  warning: half a minute ", 1), encoding="utf-8"
    )

    code, _, err = run_check(path, capsys)

    assert code == 1
    assert ": warning is not valid: expected a duration such as 2m" in err.splitlines()[0]


def test_a_floor_speaking_time_within_the_warning_is_refused() -> None:
    data = yaml.load(BUNDLED.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    data["sessions"][1]["floor"]["speaking_time"] = "20s"
    with pytest.raises(AgendaError, match="amber for half of every intervention"):
        load_agenda_text(yaml.safe_dump(data), "agenda.yaml")


def test_a_rule_pydantic_would_ignore_is_refused_when_the_validator_is_built() -> None:
    """A misspelt constraint, or one on a value already parsed, would let bad files pass."""
    from typing import Annotated

    from pydantic import TypeAdapter

    from floorclock.core.agenda import Checked, Parsed

    with pytest.raises(TypeError, match="does not know max_lenght"):
        Checked(max_lenght=3)
    with pytest.raises(TypeError, match="cannot constrain"):
        TypeAdapter(Annotated[int, Parsed(int), Checked(le=10)])
    with pytest.raises(TypeError, match="cannot constrain"):
        TypeAdapter(Annotated[str | None, Checked(max_length=3)])
    assert TypeAdapter(Annotated[str, Checked(max_length=3)] | None).validate_python(None) is None
