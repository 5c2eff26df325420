"""Loading a language's rubric: its folder holds `rubric.toml` (weights, tips, cues,
readings), `words.toml` (the words its rules are made of) and `acts.toml` (what a reply does).
The trainer ships English (`trainer/scoring/english/`); another language is another folder."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from trainer.scoring.language_data import ActsFile, Words
from trainer.scoring.rubric import Rubric, RubricFile
from trainer.support.problems import Loc, Problem
from trainer.support.tomlfile import parse_toml, validate_document

LANGUAGE_FILES = ("rubric.toml", "words.toml", "acts.toml")
DEFAULT_LANGUAGE = "english"

ModelT = TypeVar("ModelT", bound=BaseModel)


class RubricError(Exception):
    """A rubric file is broken; the problems say where."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = tuple(problems)


def _load(
    source: Traversable,
    model: type[ModelT],
    checks: Callable[[object], list[tuple[Loc, str]]] | None = None,
) -> ModelT:
    path = Path(str(source))
    document, problems = parse_toml(source.read_text(encoding="utf-8"), path)
    if document is None:
        raise RubricError(problems)
    more = checks(document.data) if checks is not None else []
    loaded, problems = validate_document(document, model, more)
    if loaded is None:
        raise RubricError(problems)
    return loaded


def load_language(folder: Traversable) -> Rubric:
    """A language's whole rubric from its folder; a broken file raises RubricError."""
    rubric_file = _load(folder.joinpath("rubric.toml"), RubricFile)
    words = _load(folder.joinpath("words.toml"), Words)
    acts = _load(folder.joinpath("acts.toml"), ActsFile, ActsFile.unknown_lists)
    # Each file is validated on its own (its problems name its lines); joined, they are valid.
    return Rubric.model_construct(
        **dict(rubric_file), words=words, acts=acts.rules(), act_names=acts.names
    )


@cache
def default_rubric() -> Rubric:
    """The rubric shipped with the trainer (`trainer/scoring/english/`)."""
    return load_language(resources.files("trainer.scoring").joinpath(DEFAULT_LANGUAGE))
