"""Running the real `trainer` command as a user does: a process with the test's environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TRAINER = Path(sys.executable).parent / "trainer"


def trainer_command() -> list[str]:
    """The installed `trainer` command, or `python -m trainer` where no script is installed."""
    return [str(TRAINER)] if TRAINER.exists() else [sys.executable, "-m", "trainer"]


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed `trainer` command with the test's environment."""
    return subprocess.run(
        [*trainer_command(), *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=os.environ.copy(),
        timeout=60,
    )


def assert_no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    """Nothing the command printed is a Python traceback."""
    assert "Traceback" not in result.stdout + result.stderr


def run_with_stdin(data: bytes, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Run `trainer` with raw bytes on stdin."""
    return subprocess.run(
        [*trainer_command(), *args],
        input=data,
        capture_output=True,
        env=os.environ.copy(),
        timeout=60,
    )
