"""The person's settings: how fast the agent speaks and the colour theme, kept in a small TOML
file in the user's config folder (`settings.toml`). Every key is optional."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Annotated

import tomli_w
from pydantic import Field

from trainer.support.files import write_whole
from trainer.support.models import StrictModel
from trainer.support.problems import Problem, display_path
from trainer.support.tomlfile import read_toml, validate_document

DEFAULT_PACE = 15
"""Characters a second the agent speaks at: about the pace of calm speech."""


class Settings(StrictModel):
    """What a person can set in `settings.toml`."""

    pace: Annotated[int, Field(ge=0, le=1000, strict=True)] = DEFAULT_PACE
    """Characters a second the agent's lines appear at; 0 shows them at once."""
    theme: Annotated[str, Field(min_length=1)] = "textual-dark"
    """The Textual colour theme (any name the command palette's theme list shows)."""


def load_settings(path: Path) -> tuple[Settings, list[Problem]]:
    """The settings in `path` (defaults when it does not exist) and any problems with it;
    with problems, the defaults are used so that the trainer still starts."""
    if not path.exists():
        return Settings(), []
    document, problems = read_toml(path)
    if document is None:
        return Settings(), problems
    settings, problems = validate_document(document, Settings)
    return (settings or Settings()), problems


def save_settings(path: Path, settings: Settings) -> None:
    """Write `settings` to `path`, changing only what changed: in an existing file each changed
    key's value is edited on its own line (a missing key is added), so the person's comments,
    other keys and their order stay. Raises SettingsEditError, leaving the file as it was, when
    a value cannot be edited so (a multi-line value, say). The file is written via a temporary
    file, so a failed write leaves the old file and nothing else."""
    path.parent.mkdir(parents=True, exist_ok=True)
    values = settings.model_dump()
    try:
        text = path.read_bytes().decode("utf-8")  # its own line ends
    except FileNotFoundError:
        write_whole(path, tomli_w.dumps(values))
        return
    except UnicodeDecodeError:
        raise SettingsEditError(
            f"{display_path(path)} is not UTF-8 text; it was not changed"
        ) from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SettingsEditError(
            f"{display_path(path)} is not valid TOML ({error}); it was not changed"
        ) from None
    changed = {  # a key left out keeps its default: leave it out while that holds
        key: value
        for key, value in values.items()
        if document.get(key, Settings.model_fields[key].default) != value
    }
    edited = text
    for key, value in changed.items():
        edited = _with_value(path, edited, key, value)
    try:
        result = tomllib.loads(edited)
    except tomllib.TOMLDecodeError:
        result = None
    if result != {**document, **changed}:
        raise SettingsEditError(
            f"{display_path(path)}: {', '.join(changed)} could not be changed without "
            "changing more of the file; it was left as it was"
        )
    if edited != text:
        write_whole(path, edited)


class SettingsEditError(Exception):
    """A changed setting could not be written into the person's file without losing what they
    wrote there; the file is left as it was."""


_TABLE_HEADER = re.compile(r"[ \t]*\[")


def _with_value(path: Path, text: str, key: str, value: object) -> str:
    """`text` with the top-level `key` set to `value` on its own line, the line's comment kept
    (at the same column where it fits); the key is added before the first table when absent."""
    encoded = tomli_w.dumps({key: value}).partition(" = ")[2].rstrip("\n")
    lines = text.splitlines(keepends=True)
    assignment = re.compile(rf"(?P<prefix>[ \t]*{re.escape(key)}[ \t]*=[ \t]*)(?P<rest>.*)")
    tables = [n for n, line in enumerate(lines) if _TABLE_HEADER.match(line)]
    top = lines[: tables[0]] if tables else lines
    for number, line in enumerate(top):
        body = line.rstrip("\r\n")
        found = assignment.fullmatch(body)
        if found is None:
            continue
        rest = found["rest"]
        for end in [*(i for i, c in enumerate(rest) if c == "#"), len(rest)]:
            old = rest[:end].rstrip()
            if old and _is_value(old):
                break
        else:
            raise SettingsEditError(
                f"{display_path(path)}:{number + 1}: {key} is written over several lines, "
                f"which the trainer does not change; it was left as it was (set it to "
                f"{encoded} by hand)"
            )
        gap, comment = rest[len(old) : end], rest[end:]
        if comment and gap:
            gap = " " * max(1, len(old) + len(gap) - len(encoded))
        elif not comment:
            gap = ""
        lines[number] = f"{found['prefix']}{encoded}{gap}{comment}{line[len(body) :]}"
        return "".join(lines)
    newline = "\r\n" if "\r\n" in text else "\n"
    at = tables[0] if tables else len(lines)
    if at > 0 and not lines[at - 1].endswith("\n"):
        lines[at - 1] += newline
    lines.insert(at, f"{key} = {encoded}{newline}")
    return "".join(lines)


def _is_value(text: str) -> bool:
    """Whether `text` is one whole TOML value."""
    try:
        tomllib.loads(f"value = {text}")
    except tomllib.TOMLDecodeError:
        return False
    return True
