"""`trainer export --out` as a user meets it: a FIFO, a device or a symlink is written
through and left what it was, `-` is standard output, and a failed write leaves nothing
behind."""

from __future__ import annotations

import os
import resource
import signal
import stat
import subprocess
import threading
from pathlib import Path

import pytest

from tests.functional.commands import assert_no_traceback, run, trainer_command
from tests.saved_calls import filled_database
from trainer.support import paths

FILE_LIMIT = 40_000
"""Bytes a process may write to one file in the full-disk tests (RLIMIT_FSIZE): room for the
database's -shm file (32 KiB), too little for the export."""


@pytest.fixture
def history() -> Path:
    """A score history of a few calls, in the scores folder the trainer uses."""
    return filled_database(paths.scores_dir(), calls=5)


def test_export_to_a_fifo_writes_through_and_leaves_the_fifo(history: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()

    result = run("export", "--format", "csv", "--out", fifo)
    reader.join(timeout=30)

    assert result.returncode == 0, result.stderr
    assert not reader.is_alive()
    assert received[0].startswith(b"session_id,")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_export_to_a_full_device_says_so_and_leaves_the_device(
    history: Path, tmp_path: Path
) -> None:
    # A node of its own for the device /dev/full is (1, 7): the same device, and a build
    # that replaced it would not replace the system's /dev/full.
    full = tmp_path / "full"
    try:
        os.mknod(full, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    except (PermissionError, AttributeError):
        pytest.skip("making a device node needs root (CAP_MKNOD)")

    result = run("export", "--format", "json", "--out", full)

    assert result.returncode == 1
    assert_no_traceback(result)
    assert result.stderr == f"trainer: cannot write {full}: No space left on device\n"
    assert stat.S_ISCHR(full.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["full"]


def test_export_through_a_symlink_replaces_the_target_and_keeps_the_link(
    history: Path, tmp_path: Path
) -> None:
    target = tmp_path / "kept" / "history.csv"
    target.parent.mkdir()
    target.write_text("old export\n", encoding="utf-8")
    link = tmp_path / "latest.csv"
    link.symlink_to(target)

    result = run("export", "--format", "csv", "--out", link)

    assert result.returncode == 0, result.stderr
    assert link.is_symlink()
    assert link.readlink() == target
    assert target.read_text(encoding="utf-8").startswith("session_id,")
    assert sorted(p.name for p in target.parent.iterdir()) == ["history.csv"]


def test_export_through_a_dangling_symlink_creates_its_target(
    history: Path, tmp_path: Path
) -> None:
    target = tmp_path / "history.json"
    link = tmp_path / "latest.json"
    link.symlink_to(target.name)

    result = run("export", "--format", "json", "--out", link)

    assert result.returncode == 0, result.stderr
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8").startswith('{\n "sessions"')


def test_export_out_dash_is_standard_output(history: Path, tmp_path: Path) -> None:
    result = run("export", "--format", "csv", "--out", "-", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("session_id,")
    assert list(tmp_path.iterdir()) == []


def _limit_file_size() -> None:
    """In the child: every file it writes may grow to FILE_LIMIT bytes; a longer write fails
    with EFBIG (as on a full disk) instead of killing it with SIGXFSZ."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_LIMIT, FILE_LIMIT))


def test_a_failed_export_leaves_no_temporary_file(history: Path, tmp_path: Path) -> None:
    filled_database(paths.scores_dir(), calls=10)  # an export of over FILE_LIMIT bytes
    out = tmp_path / "out"
    out.mkdir()
    (out / "history.json").write_text("the last export\n", encoding="utf-8")

    result = subprocess.run(
        [*trainer_command(), "export", "--format", "json", "--out", str(out / "history.json")],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        preexec_fn=_limit_file_size,
        timeout=60,
    )

    assert result.returncode == 1, result.stdout
    assert_no_traceback(result)
    assert result.stderr == f"trainer: cannot write {out / 'history.json'}: File too large\n"
    assert sorted(p.name for p in out.iterdir()) == ["history.json"]
    assert (out / "history.json").read_text(encoding="utf-8") == "the last export\n"


def test_a_failed_settings_save_leaves_no_temporary_file(tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text("# my settings\npace = 20\n", encoding="utf-8")
    script = (
        "import sys; from pathlib import Path\n"
        "from trainer.support.settings import Settings, save_settings\n"
        "try:\n"
        f"    save_settings(Path(sys.argv[1]), Settings(pace=20, theme='x' * {FILE_LIMIT}))\n"
        "except OSError as error:\n"
        "    print(error.strerror)\n"
    )
    result = subprocess.run(
        [str(Path(trainer_command()[0]).parent / "python"), "-c", script, str(settings)],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        preexec_fn=_limit_file_size,
        timeout=60,
    )

    assert result.stdout == "File too large\n", result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.toml"]
    assert settings.read_text(encoding="utf-8") == "# my settings\npace = 20\n"
