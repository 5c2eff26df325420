"""Fixtures of the core's tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.dated_history import DatedHistory


@pytest.fixture
def history(tmp_path: Path) -> Iterator[DatedHistory]:
    """An empty score history."""
    made = DatedHistory(tmp_path / "scores")
    yield made
    made.close()
