"""Read ``agenda.yaml`` into an :class:`~floorclock.core.agenda.Agenda`, or explain why not.

Every way a file can be wrong ends in one exception, :class:`AgendaError`, whose
problems each carry the file, line and column where the offending key or value
stands, and a message in plain words: what is wrong and what would be right.

The YAML is read with a safe loader that is stricter than PyYAML's:

* no tag that would build an object is accepted (nothing is ever run);
* a key given twice in one mapping is an error instead of silently keeping the last;
* alias bombs ("billion laughs") and very deep nesting are refused while the file is
  being read, after a bounded amount of work;
* ``1:30`` stays the text ``"1:30"`` (YAML 1.1 would read it as the number 90), and
  only ``true``/``false`` are booleans, so ``no`` or ``on`` stay text.
"""

from __future__ import annotations

import dataclasses
import os
import re
import types
import typing
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, Event, StreamEndEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from floorclock.core.agenda import Agenda, Location, brief, consistency_problems, parse_parts
from floorclock.store.agenda_error import MAX_FILE_BYTES, AgendaError, Problem, read_agenda_file
from floorclock.store.paths import bundled_agenda_path

MAX_DEPTH = 50
"""Mappings and lists nested deeper than this are refused (a real agenda nests about 5 deep)."""

MAX_NODES = 30_000
"""Values in the file, counting each use of an alias as a full copy; more is refused.

A day with a thousand pre-inscribed speakers has about 13,000; the cap keeps the
worst file that is still read well under a second."""

MAX_PROBLEMS = 1000
"""Problems explained one by one; a file with more is garbage and gets a count of the rest."""

AGENDA_KEYS_HELP = "meeting, categories, defaults and sessions"


_Mark = Any
"""A position in the YAML text (``yaml.Mark``, or libyaml's own class): ``.line``, ``.column``."""


class _Refused(Exception):
    """Raised inside the loader to stop reading at once; becomes an AgendaError."""

    def __init__(self, mark: _Mark | None, message: str) -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message


# ---------------------------------------------------------------------------
# The YAML loader
# ---------------------------------------------------------------------------

_YAML = "tag:yaml.org,2002:"
_ALLOWED_TAGS = frozenset(
    _YAML + name for name in ("null", "bool", "int", "float", "str", "seq", "map", "timestamp")
)


class _AgendaResolver(Resolver):
    """YAML 1.1 resolution, minus the surprises.

    ``1:30`` (sexagesimal numbers) stays text, only ``true``/``false`` are booleans,
    and ``=`` is plain text rather than PyYAML's "value" tag.
    """


_AgendaResolver.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in {_YAML + "bool", _YAML + "int", _YAML + "float", _YAML + "value"}
    ]
    for first, resolvers in Resolver.yaml_implicit_resolvers.items()
}
_AgendaResolver.add_implicit_resolver(
    _YAML + "bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_AgendaResolver.add_implicit_resolver(
    _YAML + "int",
    re.compile(r"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$"),
    list("-+0123456789"),
)
_AgendaResolver.add_implicit_resolver(
    _YAML + "float",
    re.compile(
        r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?"
        r"|\.[0-9_]+(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)


_TOO_DEEP = (
    f"lists and mappings are nested more than {MAX_DEPTH} levels deep here; "
    "an agenda needs about 5, so the file is refused"
)


class _GuardedComposer(Composer):
    """Builds the node tree, refusing bombs, deep nesting, object tags and duplicate keys.

    The counting happens here, while nodes are composed, so a hostile file is stopped
    after a bounded amount of work and memory, before anything is constructed.
    """

    if TYPE_CHECKING:  # provided by the parser the loader class is combined with

        def check_event(self, *choices: type[Event]) -> bool: ...
        def peek_event(self) -> Event: ...
        def get_event(self) -> Event: ...

    def _start_guard(self) -> None:
        self.depth = 0
        self.expanded = 0
        self.sizes: dict[int, int] = {}
        self.duplicates: list[tuple[_Mark, str]] = []

    def _count(self, amount: int, mark: _Mark) -> None:
        self.expanded += amount
        if self.expanded > MAX_NODES:
            raise _Refused(
                mark,
                f"the file holds more than {MAX_NODES:,} values (counting every use of an "
                "alias such as *name as a copy); an agenda has a few hundred, so it is refused",
            )

    def get_single_node(self) -> Node | None:
        self.get_event()  # stream start
        document = None
        if not self.check_event(StreamEndEvent):
            document = self.compose_document()
        if not self.check_event(StreamEndEvent):
            event = self.get_event()
            raise _Refused(
                event.start_mark,
                "a second YAML document starts here; an agenda file holds exactly one "
                "(remove the '---' line and what follows, or put it in another file)",
            )
        self.get_event()
        return document

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            node = super().compose_node(parent, index)
            size = self.sizes.get(id(node))
            if size is None:
                raise _Refused(
                    event.start_mark,
                    f"the alias *{event.anchor} is used inside the value it names; "
                    "such a loop cannot be read",
                )
            self._count(size, event.start_mark)
            return node
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!" and tag not in _ALLOWED_TAGS:
            shown = "!!" + tag.removeprefix(_YAML) if tag.startswith(_YAML) else tag
            raise _Refused(
                event.start_mark,
                f"the tag {shown} is not allowed: an agenda holds only text, numbers, dates, "
                "lists and mappings (remove the tag)",
            )
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _Refused(event.start_mark, _TOO_DEEP)
        before = self.expanded
        self._count(1, event.start_mark)
        node = super().compose_node(parent, index)
        self.depth -= 1
        if getattr(event, "anchor", None) is not None:
            self.sizes[id(node)] = self.expanded - before
        return node

    def compose_mapping_node(self, anchor: Any) -> MappingNode:
        node = super().compose_mapping_node(anchor)
        first_lines: dict[tuple[str, str], int] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, ScalarNode):
                raise _Refused(
                    key_node.start_mark,
                    "a key must be a plain name such as title, not a list or a mapping",
                )
            identity = (key_node.tag, key_node.value)
            line = key_node.start_mark.line + 1
            if identity in first_lines:
                self.duplicates.append(
                    (
                        key_node.start_mark,
                        f"duplicate key {brief(key_node.value)}: it is already given on line "
                        f"{first_lines[identity]}; keep only one of the two",
                    )
                )
            else:
                first_lines[identity] = line
        return node


class _SafeConstructor(SafeConstructor):
    """PyYAML's safe constructor, turning a bad tagged value into a located refusal."""

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (yaml.MarkedYAMLError, _Refused):
            raise
        except Exception as exc:  # a value such as `!!int abc` or `2023-02-30`
            raise _Refused(
                node.start_mark,
                f"{brief(node.value)} cannot be read as {_tag_name(node.tag)} ({exc})",
            ) from None


def _tag_name(tag: str) -> str:
    return {
        _YAML + "int": "a whole number",
        _YAML + "float": "a number",
        _YAML + "bool": "true or false",
        _YAML + "null": "an empty value",
        _YAML + "timestamp": "a date",
    }.get(tag, tag)


def _make_loader_class(use_libyaml: bool = yaml.__with_libyaml__) -> type:
    """The C parser (libyaml) when available, else PyYAML's own, with our Python layers.

    ``yaml.CSafeLoader`` composes nodes in C, where there is no hook for our guards, so
    only its event parser is used and the node tree is built by ``_GuardedComposer``.
    """
    parser_bases: tuple[type, ...]
    if use_libyaml:
        from yaml._yaml import CParser

        parser_bases = (CParser,)

        def start_parser(loader: Any, stream: str) -> None:
            CParser.__init__(loader, stream)

    else:
        from yaml.parser import Parser
        from yaml.reader import Reader
        from yaml.scanner import Scanner

        parser_bases = (Reader, Scanner, Parser)

        def start_parser(loader: Any, stream: str) -> None:
            Reader.__init__(loader, stream)
            Scanner.__init__(loader)
            Parser.__init__(loader)

    def __init__(self: Any, stream: str) -> None:
        start_parser(self, stream)
        Composer.__init__(self)
        _SafeConstructor.__init__(self)
        _AgendaResolver.__init__(self)
        self._start_guard()

    return types.new_class(
        "_AgendaLoader",
        (_GuardedComposer, *parser_bases, _SafeConstructor, _AgendaResolver),
        exec_body=lambda namespace: namespace.update({"__init__": __init__}),
    )


_AgendaLoader = _make_loader_class()


# ---------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------

# Characters YAML forbids in a file (control characters other than tab and line breaks).
_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def load_agenda(path: str | os.PathLike[str]) -> Agenda:
    """Read and check an agenda file.

    Raises:
        AgendaError: the file cannot be read or is not a valid agenda.
    """
    return load_agenda_text(read_agenda_file(path), os.fspath(path))


def load_agenda_text(text: str | bytes, name: str = "<agenda>") -> Agenda:
    """Check an agenda given as text (or as the bytes of a file); ``name`` is used in messages.

    Raises:
        AgendaError: the text is not a valid agenda.
    """
    raw = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    if len(raw) > MAX_FILE_BYTES:
        raise AgendaError(
            [
                Problem(
                    name,
                    1,
                    1,
                    f"the file is larger than {MAX_FILE_BYTES // 1024} KB (1 MB); an agenda "
                    "is a few KB, so this is not read",
                )
            ]
        )
    source = _decode(raw, name)
    root, data, problems = _parse(source, name)
    return _validate(root, data, name, problems)


def _decode(raw: bytes, name: str) -> str:
    try:
        source = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        line = raw.count(b"\n", 0, exc.start) + 1
        column = len(raw[line_start : exc.start].decode("utf-8", "replace")) + 1
        raise AgendaError(
            [
                Problem(
                    name,
                    line,
                    column,
                    f"byte 0x{raw[exc.start]:02x} is not UTF-8 text; save the file as UTF-8",
                )
            ]
        ) from None
    source = source.removeprefix("\ufeff")
    bad = _NOT_PRINTABLE.search(source)
    if bad:
        line, column = _line_column(source, bad.start())
        raise AgendaError(
            [
                Problem(
                    name,
                    line,
                    column,
                    f"the control character U+{ord(bad.group()):04X} is not allowed in a YAML "
                    "file; delete it",
                )
            ]
        )
    return source


def _line_column(source: str, offset: int) -> tuple[int, int]:
    line_start = source.rfind("\n", 0, offset) + 1
    return source.count("\n", 0, offset) + 1, offset - line_start + 1


def _at(name: str, mark: _Mark | None, message: str) -> Problem:
    if mark is None:
        return Problem(name, 1, 1, message)
    return Problem(name, mark.line + 1, mark.column + 1, message)


_SYNTAX_HINTS = {
    "mapping values are not allowed": "put text that contains ': ' in quotes",
    "cannot start any token": "indent with spaces, not tabs",
    "tab character": "indent with spaces, not tabs",
    "did not find expected key": "check the indentation of this line and the one before",
    "could not find expected ':'": "a key needs a ':' after it, or text needs closing quotes",
    "found undefined alias": "define the anchor (&name) before using it (*name)",
    "found duplicate anchor": "give each anchor (&name) a different name",
}


def _parse(source: str, name: str) -> tuple[Node, Any, list[Problem]]:
    """YAML text to (root node, plain data, duplicate-key problems), or AgendaError."""
    loader = _AgendaLoader(source)
    try:
        root = loader.get_single_node()
        if root is None or (isinstance(root, ScalarNode) and root.tag == _YAML + "null"):
            raise AgendaError(
                [
                    Problem(
                        name,
                        1,
                        1,
                        f"the file is empty; an agenda is a mapping with the keys "
                        f"{AGENDA_KEYS_HELP}",
                    )
                ]
            )
        if not isinstance(root, MappingNode):
            raise _Refused(
                root.start_mark,
                f"the file holds {_kind_of_node(root)}, but an agenda is a mapping with the "
                f"keys {AGENDA_KEYS_HELP}",
            )
        duplicates = [_at(name, mark, message) for mark, message in loader.duplicates]
        data = loader.construct_document(root)
    except _Refused as refusal:
        raise AgendaError([_at(name, refusal.mark, refusal.message)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = " ".join(part for part in (exc.context, exc.problem) if part)
        hint = next((h for key, h in _SYNTAX_HINTS.items() if key in what), None)
        message = f"YAML syntax error: {exc.problem or exc.context}"
        start = exc.context_mark
        if exc.context and exc.problem and start and mark and start.line != mark.line:
            line, column = start.line + 1, start.column + 1
            message += f" ({exc.context} that starts at line {line}, column {column})"
        if hint:
            message += f"; {hint}"
        if "maximum nesting depth" in what:  # libyaml's own limit, reached before ours
            message = _TOO_DEEP
        raise AgendaError([_at(name, mark, message)]) from None
    except yaml.YAMLError as exc:  # a reader error without a mark
        message = f"the file cannot be read as YAML: {exc}"
        raise AgendaError([Problem(name, 1, 1, message)]) from None
    finally:
        loader.dispose()
    return root, data, duplicates


def _kind_of_node(node: Node) -> str:
    if isinstance(node, SequenceNode):
        return "a list"
    return f"the single value {brief(node.value)}"


# ---------------------------------------------------------------------------
# Validation and messages
# ---------------------------------------------------------------------------


def _validate(root: Node, data: Any, name: str, problems: list[Problem]) -> Agenda:
    from pydantic import ValidationError

    locator = _Locator(root)
    try:
        agenda = parse_parts(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        for error in errors[:MAX_PROBLEMS]:
            problems.append(_explain(locator, data, name, error))
        if len(errors) > MAX_PROBLEMS:
            more = len(errors) - MAX_PROBLEMS
            mark = locator.mark(tuple(errors[MAX_PROBLEMS]["loc"]), want_key=False)
            problems.append(
                _at(name, mark, f"... and {more:,} more problems; fix the ones above first")
            )
    else:
        for location, message in consistency_problems(agenda):
            mark = locator.mark(location, want_key=False)
            problems.append(_at(name, mark, message))
        if not problems:
            return agenda
        raise AgendaError(problems)
    raise AgendaError(problems, parts_only=True)


class _Locator:
    """Finds where a location (keys and indexes) stands in the composed YAML."""

    def __init__(self, root: Node) -> None:
        self.root = root
        self._keys: dict[int, dict[str, tuple[Node, Node]]] = {}

    def _entries(self, node: MappingNode) -> dict[str, tuple[Node, Node]]:
        entries = self._keys.get(id(node))
        if entries is None:
            # the last occurrence of a key wins, as when the mapping was constructed
            entries = {
                key.value: (key, value) for key, value in node.value if isinstance(key, ScalarNode)
            }
            self._keys[id(node)] = entries
        return entries

    def mark(self, location: Location, *, want_key: bool) -> _Mark:
        """The mark of the value at ``location``, or of its key when ``want_key``.

        Walks as far as the file allows and returns the deepest place reached, so a
        location that points past the file (a missing key) lands on its parent.
        An empty value is shown at its key, since it has no text of its own.
        """
        node: Node = self.root
        key_node: Node | None = None
        for step in location:
            found: tuple[Node | None, Node] | None = None
            if isinstance(node, MappingNode):
                found = self._entries(node).get(str(step))
            elif (
                isinstance(node, SequenceNode)
                and isinstance(step, int)
                and 0 <= step < len(node.value)
            ):
                found = (None, node.value[step])
            if found is None:
                return node.start_mark
            key_node, node = found
        empty = isinstance(node, ScalarNode) and node.value == "" and node.tag == _YAML + "null"
        if key_node is not None and (want_key or empty):
            return key_node.start_mark
        return node.start_mark


def _part_at(location: Location) -> type | None:
    """The part of the agenda (a dataclass) that the mapping at ``location`` becomes, if any."""
    part: type | None = Agenda
    for step in location:
        if isinstance(step, int) or part is None:
            continue
        hints = typing.get_type_hints(part, include_extras=True)
        part = _part_in(hints[step]) if step in hints else None
    return part


def _part_in(annotation: Any) -> type | None:
    if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        return annotation
    for argument in typing.get_args(annotation):
        part = _part_in(argument)
        if part is not None:
            return part
    return None


_SINGULAR = {
    "sessions": "session",
    "categories": "category",
    "panelists": "panelist",
    "speakers": "speaker",
    "languages": "language",
}

_EXPECTED = {
    "meeting": "a mapping with title, date and the other meeting details",
    "categories": "a list of categories, first to speak first",
    "defaults": "a mapping of default settings",
    "sessions": "a list of sessions",
    "title": "a title",
    "name": "a name",
    "label": "a short label of at most 12 characters, such as NGO",
    "date": "a date such as 2023-08-28",
    "start": "a time of day such as 10:00",
    "end": "a time of day such as 12:00",
    "id": "an id such as session-1",
    "category": "the id of one of the categories",
    "budget": "a duration such as 1h",
    "floor": "a mapping with budget, speaking_time and categories",
    "panelists": "a list of panelists",
    "speakers": "a list of speakers",
    "languages": "a list of languages",
}

_PATTERN_MEANING = {
    "^[a-z][a-z0-9_-]*$": (
        "an id is made of lowercase letters, digits, '-' and '_', starting with a letter, "
        "such as session-1"
    ),
    "^#[0-9a-fA-F]{6}$": "a colour is written #RRGGBB in hexadecimal, such as #1f77b4",
}


def _describe_place(data: Any, location: Location) -> str:
    """``session 'session-1'``, ``floor of session 'session-1'``, ``meeting`` ..."""
    parts: list[str] = []
    value = data
    for position, step in enumerate(location):
        try:
            value = value[step]
        except (KeyError, IndexError, TypeError):
            value = None
        if isinstance(step, int):
            container = location[position - 1] if position else ""
            noun = _SINGULAR.get(str(container), "item")
            ident = value.get("id") if isinstance(value, dict) else None
            if isinstance(ident, str) and ident:
                parts[-1:] = [f"{noun} {brief(ident)}"]
            else:
                parts[-1:] = [f"{noun} {step + 1}"]
        else:
            parts.append(str(step))
    return " of ".join(reversed(parts)) if parts else "the top level"


def _kind_of_value(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {brief(value)}"
    if isinstance(value, datetime):
        return f"the date and time {value.isoformat(sep=' ')}"
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    if isinstance(value, time):
        return f"the time {value.isoformat()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _explain(locator: _Locator, data: Any, name: str, error: Any) -> Problem:
    """One pydantic error as a located, plain-words problem."""
    import difflib  # only a wrong agenda needs it: not imported at every start

    location: Location = tuple(error["loc"])
    kind: str = error["type"]
    ctx: dict[str, Any] = error.get("ctx") or {}
    value = error.get("input")
    field = str(location[-1]) if location else ""
    parent = location[:-1]
    got = _kind_of_value(value)
    expected = _EXPECTED.get(field)
    if kind == "unexpected_keyword_argument":  # what pydantic calls a key a dataclass lacks
        kind = "extra_forbidden"
    want_key = kind in {"extra_forbidden", "invalid_key"}

    if kind == "missing":
        place = _describe_place(data, parent)
        message = f"{place} lacks the required key '{field}'" + (
            f" ({expected})" if expected else ""
        )
        return _at(name, locator.mark(parent, want_key=False), message)
    if kind == "extra_forbidden":
        part = _part_at(parent)
        valid = [f.name for f in dataclasses.fields(part)] if part is not None else []
        close = difflib.get_close_matches(field, valid, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else f"valid keys: {', '.join(valid)}"
        message = f"unknown key {brief(field)} in {_describe_place(data, parent)}; {hint}"
    elif kind == "invalid_key":
        message = f"the key {brief(value)} is not a name; keys are words such as title"
    elif kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        close = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        message = f"{field} must be one of {', '.join(allowed)}, not {got}{hint}"
    elif kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        meaning = _PATTERN_MEANING.get(pattern, f"it must match the pattern {pattern}")
        message = f"{field} {brief(value)} is not valid: {meaning}"
    elif kind == "string_type":
        message = f"{field} must be text, not {got}" + (
            "; put it in quotes" if isinstance(value, int | float | date) else ""
        )
        if value is None:
            message += (
                f" (in YAML a '#' starts a comment: a colour is written in quotes, "
                f'as in {field}: "#3ccfb4")'
                if field == "colour"
                else f" (give {field} a value after the colon, or leave the key out)"
            )
    elif kind in {"string_too_short", "too_short"}:
        minimum = ctx.get("min_length", 1)
        message = (
            f"{field} must not be empty"
            if kind == "string_too_short" or minimum == 1
            else f"{field} needs at least {minimum} items"
        )
        if kind == "too_short" and minimum == 1:
            message = f"{field} needs at least one entry" + (f": {expected}" if expected else "")
    elif kind in {"string_too_long", "too_long"}:
        maximum = ctx.get("max_length")
        unit = "characters" if kind == "string_too_long" else "items"
        message = f"{field} is too long: at most {maximum} {unit} are allowed"
    elif kind.startswith("int_") or kind.startswith("float_"):
        what = "a whole number" if kind.startswith("int_") else "a number"
        message = f"{field} must be {what}, not {got}"
    elif kind.startswith("bool_"):
        message = f"{field} must be true or false, not {got}"
    elif kind.startswith("time_"):
        message = f"{field} must be a time of day such as 10:00, not {got}"
    elif kind.startswith("date_") or kind.startswith("datetime_"):
        message = f"{field} must be a date such as 2023-08-28, not {got}"
    elif kind in {"greater_than_equal", "greater_than"}:
        bound = ctx.get("ge", ctx.get("gt"))
        message = f"{field} must be at least {bound}, not {got}"
    elif kind in {"less_than_equal", "less_than"}:
        bound = ctx.get("le", ctx.get("lt"))
        message = f"{field} must be at most {bound}, not {got}"
    elif kind == "list_type":
        message = f"{field} must be a list (one '- ' item per line), not {got}"
    elif kind in {"dataclass_type", "dataclass_args_type", "dict_type"}:
        what = expected or "a mapping of keys and values"
        message = f"{_describe_place(data, location)} must be {what}, not {got}"
    elif kind in {"value_error", "assertion_error"}:
        detail = str(error["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
        # "field is not valid:", not "field:": "warning: expected ..." read as a mere warning
        message = (
            f"{field} is not valid: {detail}" if field and not detail.startswith(field) else detail
        )
    else:
        message = f"{field}: {error['msg']}" if field else str(error["msg"])
    return _at(name, locator.mark(location, want_key=want_key), message)


__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_NODES",
    "AgendaError",
    "Problem",
    "bundled_agenda_path",
    "load_agenda",
    "load_agenda_text",
]
