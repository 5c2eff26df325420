"""Fixtures of the screen tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_SCENARIO


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A scenarios folder holding the guide's worked example."""
    scenarios = tmp_path / "scenarios"
    scenarios.mkdir()
    shutil.copy(EXAMPLE_SCENARIO, scenarios / "gym.toml")
    return scenarios
