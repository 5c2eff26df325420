"""Shared fixtures: every test runs in an empty working folder of its own, with its own empty
user data, config and scores folders; and the hypothesis profiles."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

CHECKOUT = Path(__file__).resolve().parents[1]
"""The checkout the tests run from, wherever pytest was started."""
FIXTURES = CHECKOUT / "tests" / "fixtures"
SCENARIO_FIXTURES = FIXTURES / "scenarios"
EXAMPLE_SCENARIO = CHECKOUT / "docs" / "examples" / "gym-cancellation.toml"
"""The authoring guide's worked example."""
TODAY = date(2026, 11, 24)
"""The day the screens and the seeded histories of the tests take as today."""

# The machine is shared and noisy: no example fails for being slow. On CI (CI=true) the
# examples are the same on every run and nothing is written to .hypothesis/, so that a
# failure there can be replayed exactly; elsewhere hypothesis explores anew and remembers.
settings.register_profile(
    "ci",
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", deadline=None)
ON_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if ON_CI else "dev"))


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """`-n auto`: half as many workers again as there are cores. The screen tests spend about
    two fifths of their time waiting for the app to go idle, and a third worker on two cores
    fills those waits (measured: 63 s with two workers, 51 s with three, 53 s with four).
    PYTEST_XDIST_AUTO_NUM_WORKERS still decides when it is set."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS") or config.option.numprocesses != "auto":
        return None  # xdist's own hook reads the variable, and counts `-n logical` itself
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (cores or 1) * 3 // 2 or 1


@pytest.fixture(autouse=True)
def user_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point the per-user data and config folders and the score history at fresh temp folders,
    forget TRAINER_SCENARIOS, and work in an empty folder (so that no test depends on where
    pytest was started, and paths are shown the same from anywhere)."""
    data_home = tmp_path_factory.mktemp("xdg-data")
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("xdg-config")))
    monkeypatch.setenv("TRAINER_SCORES_DIR", str(tmp_path_factory.mktemp("scores")))
    monkeypatch.delenv("TRAINER_SCENARIOS", raising=False)
    monkeypatch.chdir(tmp_path_factory.mktemp("working-folder"))
    return data_home / "trainer"


@pytest.fixture
def minimal_toml() -> str:
    """The text of a small valid scenario that tests vary."""
    return (SCENARIO_FIXTURES / "valid" / "minimal.toml").read_text(encoding="utf-8")
