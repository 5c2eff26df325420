"""A score history on read-only media, as a user meets it: `trainer history` and `trainer
export` read it as it is and say it is read-only; `trainer play` says it cannot save there.

The folder is made read-only with a read-only bind mount, a real read-only file system (root
ignores permission bits, so chmod would prove nothing when the tests run as root); where
mounting is not permitted the tests are skipped."""

from __future__ import annotations

import csv
import io
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.functional.commands import assert_no_traceback, run
from trainer.history.database import DATABASE_NAME

REPLIES = "Hi, my toddler and I were seated apart.\nWhat can you do to help?\n"

DIED_MID_CALL = """
import os, sys
from pathlib import Path
from tests.saved_calls import save_call, shipped
from trainer.history.store import Store
store = Store(Path(sys.argv[1]))
save_call(store, shipped("seats-apart"), ["Hi, I was seated apart from my toddler."])
os._exit(0)  # no close: the turns stay in scores.db-wal, beside scores.db-shm
"""


def _mount_read_only(folder: Path) -> None:
    """Make `folder` a read-only bind mount of itself, or skip the test."""
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("a read-only bind mount needs root on Linux")
    bound = subprocess.run(["mount", "--bind", folder, folder], capture_output=True, text=True)
    if bound.returncode != 0:
        pytest.skip(f"mount --bind is not permitted here: {bound.stderr.strip()}")
    remounted = subprocess.run(
        ["mount", "-o", "remount,ro,bind", folder, folder], capture_output=True, text=True
    )
    if remounted.returncode != 0:
        subprocess.run(["umount", folder], check=True)
        pytest.skip(f"a read-only remount is not permitted here: {remounted.stderr.strip()}")


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[list[Path]]:
    """Folders to make read-only (`_mount_read_only`), unmounted after the test."""
    mounted: list[Path] = []
    yield mounted
    for folder in mounted:
        subprocess.run(["umount", folder], check=True)


def _played(tmp_path: Path) -> Path:
    """A scores folder holding one call played by `trainer play`, closed cleanly (so only
    scores.db is left: no -wal or -shm file)."""
    folder = tmp_path / "scores"
    replies = tmp_path / "replies.txt"
    replies.write_text(REPLIES, encoding="utf-8")
    result = run("play", "seats-apart", "--replies", replies, "--scores-dir", folder)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == [DATABASE_NAME]
    return folder


def _make_read_only(folder: Path, read_only: list[Path]) -> None:
    _mount_read_only(folder)
    read_only.append(folder)
    with pytest.raises(OSError, match="Read-only file system"):
        (folder / "probe").touch()


def test_history_of_a_read_only_folder_is_shown_and_said_to_be_read_only(
    tmp_path: Path, read_only: list[Path]
) -> None:
    folder = _played(tmp_path)
    _make_read_only(folder, read_only)

    result = run("history", "--scores-dir", folder)

    assert result.returncode == 0, result.stderr
    assert_no_traceback(result)
    assert "seats-apart" in result.stdout
    assert result.stderr == (
        f"trainer: note: the history in {folder} is read-only; showing it as it is\n"
    )
    assert sorted(p.name for p in folder.iterdir()) == [DATABASE_NAME]


def test_export_of_a_read_only_folder_writes_every_turn(
    tmp_path: Path, read_only: list[Path]
) -> None:
    folder = _played(tmp_path)
    _make_read_only(folder, read_only)

    result = run("export", "--format", "csv", "--scores-dir", folder)

    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    assert [row["turn_reply"] for row in rows] == REPLIES.splitlines()
    assert result.stderr == (
        f"trainer: note: the history in {folder} is read-only; exporting it as it is\n"
    )


def test_a_read_only_history_left_mid_call_shows_the_turns_in_its_wal_file(
    tmp_path: Path, read_only: list[Path]
) -> None:
    folder = tmp_path / "scores"
    checkout = Path(__file__).resolve().parents[2]
    subprocess.run(
        [sys.executable, "-c", DIED_MID_CALL, folder], check=True, cwd=checkout, timeout=60
    )
    assert {p.name for p in folder.iterdir()} >= {f"{DATABASE_NAME}-wal", f"{DATABASE_NAME}-shm"}
    _make_read_only(folder, read_only)

    result = run("export", "--format", "csv", "--scores-dir", folder)

    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    assert [row["turn_reply"] for row in rows] == ["Hi, I was seated apart from my toddler."]


def test_a_read_only_history_whose_wal_file_it_cannot_read_says_so(
    tmp_path: Path, read_only: list[Path]
) -> None:
    folder = tmp_path / "scores"
    checkout = Path(__file__).resolve().parents[2]
    subprocess.run(
        [sys.executable, "-c", DIED_MID_CALL, folder], check=True, cwd=checkout, timeout=60
    )
    (folder / f"{DATABASE_NAME}-shm").unlink()
    _make_read_only(folder, read_only)

    result = run("history", "--scores-dir", folder)

    assert result.returncode == 1
    assert_no_traceback(result)
    [line] = result.stderr.splitlines()
    assert line.startswith("trainer: ")
    assert f"{DATABASE_NAME}-wal" in line
    assert str(folder) in line


def test_play_into_a_read_only_folder_says_permission_denied_and_names_it(
    tmp_path: Path, read_only: list[Path]
) -> None:
    folder = _played(tmp_path)
    _make_read_only(folder, read_only)
    replies = tmp_path / "replies.txt"

    result = run("play", "seats-apart", "--replies", replies, "--scores-dir", folder)

    assert result.returncode == 1
    assert_no_traceback(result)
    [line] = result.stderr.splitlines()
    assert "permission denied" in line
    assert f"{folder}:" in line or f"{folder} " in line
    assert sorted(p.name for p in folder.iterdir()) == [DATABASE_NAME]


def test_a_read_only_history_of_the_previous_schema_is_read_without_upgrading(
    tmp_path: Path, read_only: list[Path]
) -> None:
    # A history last written before turns recorded when they were saved (schema 3).
    folder = _played(tmp_path)
    with sqlite3.connect(folder / DATABASE_NAME) as raw:
        raw.execute("ALTER TABLE turns DROP COLUMN saved_at")
        raw.execute("DELETE FROM migrations WHERE number > 3")
    raw.close()
    _make_read_only(folder, read_only)

    result = run("export", "--format", "csv", "--scores-dir", folder)

    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    assert [row["turn_reply"] for row in rows] == REPLIES.splitlines()
