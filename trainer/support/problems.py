"""Problems found in a user's file, reported as `file:line: key.path: message`."""

from __future__ import annotations

import datetime
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trainer.support.terminal import visible

Loc = tuple[str | int, ...]
"""A key path into a TOML document: table keys and array indices."""

FILE_KEY = "(file)"
"""Stands in the key slot for a problem with the whole file (empty, unreadable)."""
SYNTAX_KEY = "(toml)"
"""Stands in the key slot for a TOML syntax error, which has no key path."""


def format_loc(loc: Sequence[str | int]) -> str:
    """Render a key path as an author writes it: `nodes.opening.branches[1].goto`."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            bare = part.replace("-", "").replace("_", "").isalnum() and part.isascii()
            key = part if bare else quote(part)
            text += f".{key}" if text else key
    return text


def display_path(path: Path) -> str:
    """The path as a person would type it: relative to the current folder when inside it."""
    try:
        relative = os.path.relpath(path)
    except (ValueError, OSError):  # another drive on Windows; a deleted working folder
        return str(path)
    return str(path) if relative.startswith("..") else relative


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a file, pinned to a line and a key path."""

    path: Path
    line: int
    key: str
    message: str

    def __str__(self) -> str:
        text = f"{display_path(self.path)}:{self.line}: {self.key}: {self.message}"
        # One problem, one line; and an id or key from the file is shown, never obeyed.
        return visible(text.replace("\r", "\\r").replace("\n", "\\n"), keep_lines=False)


def quote(text: str) -> str:
    """Text in double quotes, escaped as in a TOML basic string, so it stays on one line."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + '"'


def show_value(value: Any) -> str:
    """A short TOML-like rendering of a value an author wrote."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return quote(value if len(value) <= 40 else value[:37] + "...")
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)
