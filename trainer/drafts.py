"""Saving a scenario being edited: the file is written only when the text is a valid
scenario; otherwise the text is kept beside it as `<file>.draft`, and a valid file is never
replaced by a broken one."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from trainer.files import write_whole
from trainer.library import load_scenario_text
from trainer.problems import Problem, display_path
from trainer.scenario import Scenario

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


def id_clash(scenario: Scenario, path: Path, taken: Mapping[str, Path]) -> str | None:
    """Why the scenario's id cannot be used (another file has it), if so."""
    owner = taken.get(scenario.id)
    if owner is None or owner.resolve() == path.resolve():
        return None
    return f'scenario id "{scenario.id}" is already used by {display_path(owner)}'


def save_scenario(path: Path, text: str, taken: Mapping[str, Path] | None = None) -> Saved:
    """Write `text` to `path` if it is a valid scenario whose id no other file of the library
    (`taken`: id to file) uses, and drop any draft; otherwise write it to the draft beside
    `path`, leaving `path` as it was. Raises OSError if writing fails."""
    loaded = load_scenario_text(text, path)
    problems = loaded.problems
    if loaded.scenario is not None and loaded.document is not None:
        clash = id_clash(loaded.scenario, path, taken or {})
        if clash is not None:
            problems = (loaded.document.problem(("id",), clash),)
    path.parent.mkdir(parents=True, exist_ok=True)  # your scenarios folder, on first save
    if problems:
        draft = draft_path(path)
        write_whole(draft, text)
        return Saved(draft, True, problems)
    write_whole(path, text)
    draft_path(path).unlink(missing_ok=True)
    return Saved(path, False, ())
