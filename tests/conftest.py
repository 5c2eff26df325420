"""Shared fixtures: every test runs with its own empty user data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SCENARIO_FIXTURES = FIXTURES / "scenarios"


@pytest.fixture(autouse=True)
def user_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point the per-user data and config folders and the score history at fresh temp folders,
    and forget TRAINER_SCENARIOS."""
    data_home = tmp_path_factory.mktemp("xdg-data")
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("xdg-config")))
    monkeypatch.setenv("TRAINER_SCORES_DIR", str(tmp_path_factory.mktemp("scores")))
    monkeypatch.delenv("TRAINER_SCENARIOS", raising=False)
    return data_home / "trainer"


@pytest.fixture
def minimal_toml() -> str:
    """The text of a small valid scenario that tests vary."""
    return (SCENARIO_FIXTURES / "valid" / "minimal.toml").read_text(encoding="utf-8")
