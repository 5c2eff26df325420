"""Saving a scenario being edited: the file is written only when the text is a valid
scenario; otherwise the text is kept beside it as `<file>.draft`, and a valid file is never
replaced by a broken one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from trainer.files import write_whole
from trainer.library import load_scenario_text
from trainer.problems import Problem

DRAFT_SUFFIX = ".draft"


@dataclass(frozen=True)
class Saved:
    """Where the text went, and the problems that kept it a draft (if any)."""

    path: Path
    draft: bool
    problems: tuple[Problem, ...]


def draft_path(path: Path) -> Path:
    """Where the draft of `path` is kept: `seats.toml.draft`."""
    return path.with_name(path.name + DRAFT_SUFFIX)


def save_scenario(path: Path, text: str) -> Saved:
    """Write `text` to `path` if it is a valid scenario (and drop any draft); otherwise write
    it to the draft beside `path`, leaving `path` as it was. Raises OSError if writing fails."""
    loaded = load_scenario_text(text, path)
    if loaded.scenario is None:
        draft = draft_path(path)
        write_whole(draft, text)
        return Saved(draft, True, loaded.problems)
    write_whole(path, text)
    draft_path(path).unlink(missing_ok=True)
    return Saved(path, False, ())
