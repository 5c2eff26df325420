"""What the app is built with: the scenario library, where scores are kept, the settings,
and the clock. Passed in, so that tests build the app on temporary folders."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from trainer.scenario.library import Library
from trainer.support.problems import Problem
from trainer.support.settings import Settings


def utc_today() -> date:
    """Today as the score history counts days (UTC, like the stored calls)."""
    return datetime.now(UTC).date()


@dataclass
class TrainerContext:
    """Everything the screens need from outside: passed in, never looked up."""

    library: Library
    scores_folder: Path | None
    """Where the score history lives; None practises without saving."""
    settings: Settings = field(default_factory=Settings)
    settings_path: Path | None = None
    """Where changed settings (the theme) are saved; None never saves them."""
    settings_problems: tuple[Problem, ...] = ()
    today: Callable[[], date] = utc_today
    seed: int | None = None
    """The seed of every call (tests); None picks one per call."""
    scenarios_folder: Path | None = None
    """Where new scenarios are written (your scenarios folder); None offers no new ones."""
