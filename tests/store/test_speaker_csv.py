"""Reading a list of speakers from CSV: good rows kept, bad rows reported by line."""

from __future__ import annotations

from pathlib import Path

import pytest

from floorclock.core.agenda import Category
from floorclock.store.speaker_csv import (
    MAX_FILE_BYTES,
    SpeakerImportError,
    SpeakerRow,
    read_speakers_csv,
)

CATEGORIES = [
    Category(id="states", name="States", label="State", is_state=True),
    Category(id="local", name="Local and regional governments", label="Local gov"),
    Category(id="ngo", name="Non-governmental organizations and civil society", label="NGO"),
]

DOCUMENTED_EXAMPLE = """\
name,delegation,category,mode,group,time_limit,note
Ms. Amina Diallo,Senegal,states,room,African Group,3m,on behalf of the Group
Mr. Jean Dupont,Ville de Lyon,Local gov,in the room,,,
"Kovalenko, Olena",Human Rights Cities Network,ngo,online,,1:30,
"""


def test_the_documented_example_reads_without_problems() -> None:
    rows, problems = read_speakers_csv(DOCUMENTED_EXAMPLE, CATEGORIES)

    assert problems == []
    assert rows == [
        SpeakerRow(
            line=2,
            name="Ms. Amina Diallo",
            category="states",
            delegation="Senegal",
            mode="room",
            group="African Group",
            time_limit=180,
            note="on behalf of the Group",
        ),
        SpeakerRow(line=3, name="Mr. Jean Dupont", category="local", delegation="Ville de Lyon"),
        SpeakerRow(
            line=4,
            name="Kovalenko, Olena",
            category="ngo",
            delegation="Human Rights Cities Network",
            mode="online",
            time_limit=90,
        ),
    ]


def test_bad_rows_are_reported_by_line_and_good_rows_kept() -> None:
    text = (
        "name,category,mode,time_limit\n"
        "Good One,State,room,2m\n"  # 2
        ",states,room,\n"  # 3: empty name
        "Bad Category,Municipality,room,\n"  # 4
        "Bad Mode,states,by pigeon,\n"  # 5
        "Zero Limit,states,room,0\n"  # 6
        "Negative,states,room,-5\n"  # 7
        "Not A Time,states,room,99:99\n"  # 8
        "Too Long,states,room,2h\n"  # 9
        "\n"  # 10: blank, skipped silently
        "No Category,,room,\n"  # 11
        "Too,many,values,here,and,more\n"  # 12
        "Good Two,NGO,Video,90s\n"  # 13
    )

    rows, problems = read_speakers_csv(text, CATEGORIES)

    assert [(row.line, row.name) for row in rows] == [(2, "Good One"), (13, "Good Two")]
    assert rows[1].mode == "video"
    assert rows[1].time_limit == 90
    assert [problem.split(":")[0] for problem in problems] == [
        f"line {n}" for n in (3, 4, 5, 6, 7, 8, 9, 11, 12)
    ]
    assert "name is empty" in problems[0]
    assert "'Municipality' is not in the agenda" in problems[1]
    assert "room, online or video" in problems[2]
    assert "more than zero" in problems[3]
    assert "too long" in problems[6]
    assert "double quotes" in problems[8]


def test_line_numbers_count_the_lines_of_a_quoted_multiline_value() -> None:
    text = 'name,category,note\nA,states,"first\nsecond"\n,states,\n'

    rows, problems = read_speakers_csv(text, CATEGORIES)

    assert rows[0].note == "first\nsecond"
    assert problems == ["line 4: the name is empty; every speaker needs a name"]


def test_category_matches_id_label_or_name_in_any_case() -> None:
    text = (
        "name,category\nA,STATES\nB,local GOV\nC,non-governmental organizations and civil society\n"
    )

    rows, problems = read_speakers_csv(text, CATEGORIES)

    assert problems == []
    assert [row.category for row in rows] == ["states", "local", "ngo"]


def test_an_unquoted_comma_that_shifts_a_row_is_named_as_the_likely_cause() -> None:
    text = (
        "name,delegation,category,mode,group\n"
        "Ms. Amina Diallo,Senegal,State,room,,,\n"  # spare empty values: kept
        "Mr. Tom Brown,Amnesty, UK section,NGO,room,\n"  # the comma pushed NGO along
    )

    rows, problems = read_speakers_csv(text, CATEGORIES)

    assert [row.name for row in rows] == ["Ms. Amina Diallo"]
    assert len(problems) == 1
    assert problems[0].startswith("line 3: category 'UK section' is not")
    assert problems[0].endswith(
        "(the row has 6 values for 5 columns: a value holding a ',' must be put in double quotes)"
    )


def test_without_categories_the_written_text_is_kept() -> None:
    rows, _ = read_speakers_csv("name,category\nA,Local gov\n")

    assert rows[0].category == "Local gov"


@pytest.mark.parametrize(
    ("written", "mode"),
    [("", "room"), ("In the room", "room"), ("in person", "room"), ("ONLINE", "online")],
)
def test_mode_spellings(written: str, mode: str) -> None:
    rows, problems = read_speakers_csv(f"name,category,mode\nA,states,{written}\n", CATEGORIES)

    assert problems == []
    assert rows[0].mode == mode


def test_semicolons_and_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "liste.csv"
    path.write_bytes(
        "name;delegation;category\nMme Élodie Brun;Ville de Genève;State\n".encode("utf-8-sig")
    )

    rows, problems = read_speakers_csv(path, CATEGORIES)

    assert problems == []
    assert rows == [
        SpeakerRow(line=2, name="Mme Élodie Brun", category="states", delegation="Ville de Genève")
    ]


def test_non_latin_names_and_windows_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "speakers.csv"
    arabic = "السيدة ليلى حداد"
    path.write_bytes(f"name,category\r\n{arabic},states\r\n王伟,ngo\r\n".encode())

    rows, problems = read_speakers_csv(path, CATEGORIES)

    assert problems == []
    assert [row.name for row in rows] == [arabic, "王伟"]


def test_header_names_are_forgiving_and_unknown_columns_reported() -> None:
    text = "Name,Time Limit,Category,Email\nA,1:30,states,a@example.org\n"

    rows, problems = read_speakers_csv(text, CATEGORIES)

    assert rows[0].time_limit == 90
    assert problems == [
        "line 1: column 'Email' is not known and was ignored "
        "(known: name, delegation, category, mode, group, time_limit, note)"
    ]


def test_a_huge_field_is_one_bad_row_not_a_crash() -> None:
    text = f'name,category\n"{"x" * 200_000}",states\nB,states\n'

    rows, problems = read_speakers_csv(text, CATEGORIES)

    assert [row.name for row in rows] == ["B"]
    assert len(problems) == 1
    assert problems[0].startswith("line 2: this row cannot be read")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"delegation,category\nFrance,states\n", "no 'name' column"),
        ("name,category\nA,États\n".encode("latin-1"), "not UTF-8"),
        (b"name,category\nA\x00,states\n", "not a text file"),
        (b"\n\nname,category\n", "header row"),
    ],
)
def test_an_unreadable_file_raises_the_documented_error(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "speakers.csv"
    path.write_bytes(content)

    with pytest.raises(SpeakerImportError, match=reason):
        read_speakers_csv(path, CATEGORIES)


def test_a_missing_file_raises_the_documented_error(tmp_path: Path) -> None:
    with pytest.raises(SpeakerImportError, match="cannot be read"):
        read_speakers_csv(tmp_path / "nowhere.csv")


def test_a_file_over_one_megabyte_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text("name,category\n" + "A,states\n" * (MAX_FILE_BYTES // 9 + 1))

    with pytest.raises(SpeakerImportError, match="at most 1 MB"):
        read_speakers_csv(path, CATEGORIES)
