"""Where the trainer finds things: every path the program uses is decided here."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from platformdirs import user_config_path, user_data_path

APP_NAME = "trainer"
SCORES_ENV = "TRAINER_SCORES_DIR"
"""Environment variable naming the folder of the score history."""
SCENARIOS_ENV = "TRAINER_SCENARIOS"
"""Environment variable naming extra scenario folders, separated like PATH."""


def package_dir() -> Path:
    """The folder of the installed `trainer` package."""
    return Path(__file__).resolve().parents[1]


def checkout_root() -> Path | None:
    """The root of the source checkout the trainer runs from, or None when installed."""
    root = package_dir().parent
    if (root / "pyproject.toml").is_file() and (root / "scenarios").is_dir():
        return root
    return None


def shipped_scenarios_dir() -> Path:
    """The scenario library that ships with the trainer (inside a wheel, or in the checkout)."""
    bundled = package_dir() / "scenarios"
    if bundled.is_dir():
        return bundled
    root = checkout_root()
    return root / "scenarios" if root is not None else bundled


def user_data_dir() -> Path:
    """The per-user data folder (platformdirs), not created here."""
    return user_data_path(APP_NAME, appauthor=False)


def user_scenarios_dir() -> Path:
    """The folder where a person keeps their own scenarios."""
    return user_data_dir() / "scenarios"


def scores_dir(override: Path | None = None, environ: Mapping[str, str] | None = None) -> Path:
    """Where the score history lives: --scores-dir, else TRAINER_SCORES_DIR, else the
    checkout's scores/ when running from a checkout, else the user data folder."""
    if override is not None:
        return override.expanduser()
    value = (os.environ if environ is None else environ).get(SCORES_ENV, "").strip()
    if value:
        return Path(value).expanduser()
    root = checkout_root()
    return root / "scores" if root is not None else user_data_dir() / "scores"


def env_scenario_dirs(environ: Mapping[str, str] | None = None) -> list[Path]:
    """The folders named in TRAINER_SCENARIOS, in order, empty entries skipped."""
    value = (os.environ if environ is None else environ).get(SCENARIOS_ENV, "")
    return [Path(part).expanduser() for part in value.split(os.pathsep) if part.strip()]


def settings_file() -> Path:
    """The person's settings file (it may not exist)."""
    return user_config_path(APP_NAME, appauthor=False) / "settings.toml"
