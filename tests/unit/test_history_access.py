"""How the screens get the score history (`History`): nothing is created by reading, one store
saves the calls, a history that cannot be opened is said once and left as it was."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.saved_calls import filled_database, save_call, shipped
from trainer.history.access import History
from trainer.history.database import DATABASE_NAME


def test_reading_a_history_that_is_not_there_creates_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "scores"
    for history in (History(None), History(folder)):
        with history.reading() as store:
            assert store is None
    assert not folder.exists()
    assert not History(None).kept
    assert History(folder).kept


def test_calls_saved_through_one_store_are_read_by_another(tmp_path: Path) -> None:
    history = History(tmp_path / "scores")
    saving = history.for_saving()
    assert saving is not None
    assert history.for_saving() is saving  # the same store for every call
    session, _ = save_call(saving, shipped("seats-apart"), ["Hello, I need seats together."])
    with history.reading() as reader:
        assert reader is not None
        assert reader is not saving
        assert [row.id for row in reader.sessions()] == [session]
    history.close()
    history.close()  # closing twice is harmless


def test_no_saving_without_a_scores_folder(tmp_path: Path) -> None:
    history = History(None)
    assert history.for_saving() is None
    assert history.problem is None


def test_a_file_that_is_not_a_history_is_said_once_and_left_as_it_was(tmp_path: Path) -> None:
    folder = tmp_path / "scores"
    folder.mkdir()
    database = folder / DATABASE_NAME
    database.write_bytes(b"not a database at all" * 100)
    history = History(folder)
    assert history.for_saving() is None
    assert history.problem is not None
    assert str(database) in history.problem
    problem = history.problem
    database.unlink()  # even once the file is gone, the call goes on unsaved
    assert history.for_saving() is None
    assert history.problem == problem
    assert not database.exists()


def test_a_store_that_cannot_close_abandoned_calls_is_not_left_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "scores"
    database = filled_database(folder, calls=1)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    with sqlite3.connect(database) as raw:  # a call whose trainer died, to be closed on opening
        raw.execute("UPDATE sessions SET outcome = NULL, pid = ?", (dead.pid,))
    raw.close()
    monkeypatch.setattr("trainer.history.database.BUSY_TIMEOUT_SECONDS", 0.2)
    other = sqlite3.connect(database, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        history = History(folder)
        assert history.for_saving() is None
        assert history.problem is not None
        assert "busy" in history.problem
    finally:
        other.execute("ROLLBACK")
    # The journal mode changes only when no other connection has the file open.
    assert other.execute("PRAGMA journal_mode = DELETE").fetchone()[0] == "delete"
    other.close()
