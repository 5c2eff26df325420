"""The person's settings: how fast the agent speaks and the colour theme, kept in a small TOML
file in the user's config folder (`settings.toml`). Every key is optional."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import tomli_w
from pydantic import Field

from trainer.support.files import write_whole
from trainer.support.models import StrictModel
from trainer.support.problems import Problem
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
    """Write `settings` to `path` (via a temporary file, so a failed write leaves the old
    file and nothing else)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_whole(path, tomli_w.dumps(settings.model_dump()))
