"""Random edits of the valid bundled agenda never raise anything but AgendaError."""

from __future__ import annotations

import copy
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from floorclock.core.agenda import Agenda
from floorclock.store.agenda_file import AgendaError, bundled_agenda_path, load_agenda_text

TEXT = bundled_agenda_path().read_text(encoding="utf-8")
# Every scalar as text, as the agenda loader sees "10:00" (no YAML 1.1 sexagesimal numbers).
DATA: dict[str, Any] = yaml.load(TEXT, Loader=yaml.BaseLoader)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["10:00", "1:30", "25:61", "2m", "-5s", "0", "~", "#abcdef", "yes", "=", ""]),
    st.dates(),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(max_size=12), children, max_size=4),
    ),
    max_leaves=12,
)


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place (keys and indexes) in a nested structure."""
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += paths(value, (*prefix, index))
    return found


PATHS = paths(DATA)


def parent_and_key(data: Any, path: tuple[Any, ...]) -> tuple[Any, Any]:
    node = data
    for step in path[:-1]:
        node = node[step]
    return node, path[-1]


def check(text: str | bytes) -> None:
    """Loading either succeeds with an Agenda or fails with located AgendaError problems."""
    problems = []
    try:
        agenda = load_agenda_text(text, "fuzz.yaml")
    except AgendaError as error:
        problems = error.problems
        assert problems, "an AgendaError always says why"
    else:
        assert isinstance(agenda, Agenda)
    for problem in problems:
        assert problem.file == "fuzz.yaml"
        assert problem.line >= 1
        assert problem.column >= 1
        assert problem.message
        assert "\n" not in problem.message
        assert "Input should be" not in problem.message


def dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def test_bundled_agenda_round_trips_through_the_fuzz_dumper() -> None:
    load_agenda_text(dump(DATA), "fuzz.yaml")


@settings(max_examples=80)
@given(st.sampled_from(PATHS))
def test_deleting_a_key_or_item(path: tuple[Any, ...]) -> None:
    data = copy.deepcopy(DATA)
    parent, key = parent_and_key(data, path)
    del parent[key]
    check(dump(data))


@settings(max_examples=120)
@given(st.sampled_from(PATHS), values)
def test_replacing_a_value(path: tuple[Any, ...], value: Any) -> None:
    data = copy.deepcopy(DATA)
    parent, key = parent_and_key(data, path)
    parent[key] = value
    check(dump(data))


@settings(max_examples=80)
@given(st.sampled_from([(), *PATHS]), st.text(min_size=1, max_size=15), values)
def test_inserting_a_key(path: tuple[Any, ...], key: str, value: Any) -> None:
    data = copy.deepcopy(DATA)
    target: Any = data
    for step in path:
        target = target[step]
    if isinstance(target, dict):
        target[key] = value
    elif isinstance(target, list):
        target.append(value)
    check(dump(data))


@settings(max_examples=120)
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=len(TEXT.encode()) - 1), st.binary(max_size=4)
        ),
        min_size=1,
        max_size=5,
    )
)
def test_corrupting_bytes(edits: list[tuple[int, bytes]]) -> None:
    raw = bytearray(TEXT.encode("utf-8"))
    for position, replacement in edits:
        raw[position : position + len(replacement)] = replacement
    check(bytes(raw))


@settings(max_examples=80)
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=len(TEXT) - 1),
            st.text(alphabet=":-[]{}&*!|>'\"#%@`?,\t\n ~=<", max_size=4),
        ),
        min_size=1,
        max_size=5,
    )
)
def test_inserting_yaml_punctuation(edits: list[tuple[int, str]]) -> None:
    text = TEXT
    for position, insertion in edits:
        text = text[:position] + insertion + text[position:]
    check(text)
