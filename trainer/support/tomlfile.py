"""Reading TOML files into validated models, with every problem pinned to file:line: key."""

from __future__ import annotations

import re
import tomllib
import types
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from trainer.support.problems import FILE_KEY, SYNTAX_KEY, Loc, Problem, format_loc, show_value
from trainer.support.suggest import closest
from trainer.support.terminal import UNSAFE_CHARACTERS, shown_as
from trainer.support.toml_positions import KeyPositions

ModelT = TypeVar("ModelT", bound=BaseModel)

_SYNTAX_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_SYNTAX_AT_END = re.compile(r"\s*\(at end of document\)$")
_KEY_TUPLE = re.compile(r"\((?:'[^']*'(?:, )?)+,?\)")
_KEY_PART = re.compile(r"'([^']*)'")

_SYNTAX_WORDS = {
    "Illegal character '\\n'": "the string is not closed before the end of the line",
    "Cannot overwrite a value": "this key is already set earlier in the file",
    "Cannot declare": "cannot declare",
}
"""tomllib's messages, in an author's words."""

_EXPECTED = {
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "string_type": "a string",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "tuple_type": "a list",
    "dict_type": "a table",
    "model_type": "a table",
    "model_attributes_type": "a table",
}


@dataclass(frozen=True)
class TomlDocument:
    """A parsed TOML file: its path, its text, and the data tomllib read from it."""

    path: Path
    text: str
    data: dict[str, Any]

    @cached_property
    def positions(self) -> KeyPositions:
        """Where each key is written; built on first use, since valid files never need it."""
        return KeyPositions(self.text)

    def problem(self, loc: Loc, message: str) -> Problem:
        """A problem at the line where `loc` (or its nearest written parent) is written."""
        return Problem(self.path, self.positions.line_of(loc), format_loc(loc), message)


def read_toml(path: Path) -> tuple[TomlDocument | None, list[Problem]]:
    """Read and parse a TOML file; problems explain an unreadable, broken or empty file."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        return None, [Problem(path, 1, FILE_KEY, f"cannot be read: {reason}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        byte = raw[error.start : error.start + 1].hex()
        return None, [Problem(path, line, FILE_KEY, f"is not UTF-8 text (byte 0x{byte})")]
    return parse_toml(text, path)


def parse_toml(text: str, path: Path) -> tuple[TomlDocument | None, list[Problem]]:
    """Parse TOML text that came from `path`."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return None, [_syntax_problem(error, text, path)]
    if not data:
        message = "the file is empty; `trainer new` writes a scaffold to start from"
        return None, [Problem(path, 1, FILE_KEY, message)]
    return TomlDocument(path, text, data), []


def _syntax_problem(error: tomllib.TOMLDecodeError, text: str, path: Path) -> Problem:
    message = str(error).split("\n")[0]
    line = max(1, len(text.splitlines()))
    if match := _SYNTAX_POSITION.search(message):
        line = int(match.group(1))
        message = f"{message[: match.start()]} (column {match.group(2)})"
    elif match := _SYNTAX_AT_END.search(message):
        message = f"{message[: match.start()]} (at the end of the file)"
    for tomllib_words, plain_words in _SYNTAX_WORDS.items():
        message = message.replace(tomllib_words, plain_words)
    # tomllib shows key paths as Python tuples: ('nodes', 'a') -> nodes.a
    message = _KEY_TUPLE.sub(lambda m: ".".join(_KEY_PART.findall(m.group())), message)
    return Problem(path, line, SYNTAX_KEY, _lower_first(message))


def control_character_checks(data: Any, loc: Loc = ()) -> list[tuple[Loc, str]]:
    """Every key and string in parsed TOML that holds a character a terminal could act on
    (TOML escapes such as "\\u001b" decode to them), as (key path, message) pairs."""
    found: list[tuple[Loc, str]] = []
    if isinstance(data, dict):
        for key, value in data.items():
            child: Loc = (*loc, key)
            if message := _control_character(key, "key"):
                found.append((child, message))
            found += control_character_checks(value, child)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += control_character_checks(value, (*loc, index))
    elif isinstance(data, str) and (message := _control_character(data, "value")):
        found.append((loc, message))
    return found


def _control_character(text: str, what: str) -> str | None:
    unsafe = UNSAFE_CHARACTERS.search(text)
    if unsafe is None:
        return None
    where = f"{shown_as(unsafe.group())} at character {unsafe.start() + 1}"
    return f"{'the key ' if what == 'key' else ''}contains a control character ({where})"


def validate_document(
    document: TomlDocument,
    model: type[ModelT],
    more_checks: Iterable[tuple[Loc, str]] = (),
) -> tuple[ModelT | None, list[Problem]]:
    """Validate parsed TOML against `model`; all problems come back, sorted by line."""
    problems = [document.problem(loc, message) for loc, message in more_checks]
    result: ModelT | None = None
    try:
        result = model.model_validate(document.data)
    except ValidationError as error:
        details = _without_echoes(error.errors(include_url=False), model)
        problems += [document.problem(d["loc"], describe_error(d, model)) for d in details]
    problems.sort(key=lambda p: p.line)
    return (None if problems else result), problems


def _without_echoes(details: list[ErrorDetails], model: type[BaseModel]) -> list[ErrorDetails]:
    """Drop "missing key" errors for keys that a misspelt sibling is already suggested as."""
    suggested = {
        (*d["loc"][:-1], hint)
        for d in details
        if d["type"] == "extra_forbidden"
        and (hint := closest(str(d["loc"][-1]), keys_at(model, d["loc"][:-1])))
    }
    return [d for d in details if not (d["type"] == "missing" and tuple(d["loc"]) in suggested)]


def describe_error(detail: ErrorDetails, model: type[BaseModel]) -> str:
    """One pydantic error in words an author understands, with a suggestion where one helps."""
    kind, loc, given = detail["type"], detail["loc"], detail.get("input")
    if kind == "missing":
        return "required key is missing"
    if kind == "extra_forbidden":
        known = keys_at(model, loc[:-1])
        hint = closest(str(loc[-1]), known)
        if hint:
            return f'unknown key; did you mean "{hint}"?'
        return "unknown key; allowed here: " + ", ".join(known)
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]}, got {show_value(given)}"
    message = detail["msg"]
    if kind == "value_error":
        return message.removeprefix("Value error, ")
    message = message.replace("Input should be", "should be").replace("Value should", "should")
    if kind == "too_short":
        return _lower_first(message.split(" after validation")[0])
    return f"{_lower_first(message)}, got {show_value(given)}"


def keys_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The keys `model` allows in the table at `loc` (empty when `loc` is not a table)."""
    target: Any = model
    for part in loc:
        target = _child_type(target, part)
        if target is None:
            return []
    found = _unwrap(target)
    if isinstance(found, type) and issubclass(found, BaseModel):
        return [field.alias or name for name, field in found.model_fields.items()]
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated and Optional from a type annotation."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin is Union or origin is types.UnionType:
            members = [arg for arg in get_args(annotation) if arg is not type(None)]
            annotation = members[0]
        else:
            return annotation


def _child_type(annotation: Any, part: str | int) -> Any:
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        for name, field in annotation.model_fields.items():
            if (field.alias or name) == part:
                return field.annotation
        return None
    origin, args = get_origin(annotation), get_args(annotation)
    if origin in (tuple, list) and isinstance(part, int) and args:
        return args[0]
    if origin is dict and isinstance(part, str) and len(args) == 2:
        return args[1]
    return None


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
