"""A reply has a length limit: a replies file or a piped line over it is a clear error naming
the line, read without holding more than one reply of it; and saving that fails mid-call still
shows the call that was played."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SCENARIO_FIXTURES
from tests.full_disk import fill_disk, small_disk
from tests.functional.commands import assert_no_traceback, run, run_with_stdin, trainer_command

ENGINE = SCENARIO_FIXTURES / "engine"
PLAY = ("play", "every-condition", "--scenarios", str(ENGINE))
LIMIT = 5000


def test_a_replies_file_line_over_the_limit_is_an_error_naming_the_line(tmp_path: Path) -> None:
    replies = tmp_path / "replies.txt"
    replies.write_text("My phone line has been down.\n\n" + "x" * (LIMIT + 1) + "\nThanks.\n")
    scores = tmp_path / "scores"
    result = run(
        "play",
        "every-condition",
        "--scenarios",
        ENGINE,
        "--replies",
        replies,
        "--scores-dir",
        scores,
    )
    assert result.returncode == 1
    assert_no_traceback(result)
    assert "line 3" in result.stderr
    assert "5,000 characters" in result.stderr
    assert result.stdout == ""  # the call never started
    history = run("history", "--json", "--scores-dir", scores)
    assert json.loads(history.stdout)["sessions"] == []


def test_a_reply_of_exactly_the_limit_is_played(tmp_path: Path) -> None:
    replies = tmp_path / "replies.txt"
    replies.write_text("é" * LIMIT + "\n")  # characters, not bytes, are counted
    result = run("play", "every-condition", "--scenarios", ENGINE, "--replies", replies, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["turns"][0]["reply"] == "é" * LIMIT


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def test_replies_from_a_source_without_line_breaks_are_an_error_not_a_memory_error() -> None:
    result = subprocess.run(
        [*trainer_command(), *PLAY, "--replies", "/dev/zero", "--no-save"],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=60,
        preexec_fn=_limit_memory,
    )
    assert result.returncode == 1
    assert_no_traceback(result)
    assert "line 1" in result.stderr
    assert "5,000 characters" in result.stderr


def test_a_piped_reply_over_the_limit_stops_the_call_and_names_the_line() -> None:
    too_long = b"y" * (LIMIT + 1)
    result = run_with_stdin(
        b"My phone line has been down.\n" + too_long + b"\n",
        "play",
        "every-condition",
        "--scenarios",
        str(ENGINE),
        "--replies",
        "-",
        "--no-save",
    )
    assert result.returncode == 1
    stderr = result.stderr.decode()
    assert "Traceback" not in stderr
    assert "line 2" in stderr
    assert "5,000 characters" in stderr


def test_score_refuses_a_reply_over_the_limit() -> None:
    result = run("score", "z" * (LIMIT + 1))
    assert result.returncode == 1
    assert_no_traceback(result)
    assert "5,000 characters" in result.stderr
    assert result.stdout == ""


def test_score_from_stdin_scores_the_lines_before_one_over_the_limit() -> None:
    result = run_with_stdin(
        b"Could you help me, please?\n" + b"z" * (LIMIT + 1) + b"\nThanks.\n", "score", "--json"
    )
    assert result.returncode == 1
    scored = result.stdout.decode().splitlines()
    assert len(scored) == 1
    assert json.loads(scored[0])["text"] == "Could you help me, please?"
    assert "line 2" in result.stderr.decode()


def test_saving_that_fails_mid_call_still_prints_the_call_then_the_error(tmp_path: Path) -> None:
    scores = tmp_path / "scores"
    with small_disk(scores, size_kib=512):
        call = subprocess.Popen(
            [*trainer_command(), *PLAY, "--replies", "-", "--scores-dir", str(scores)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=os.environ.copy(),
        )
        assert call.stdin is not None
        call.stdin.write(b"My phone line has been down.\n")
        call.stdin.flush()
        _wait_for_a_saved_turn(scores)
        fill_disk(scores)
        out, err = call.communicate(b"x" * 4000 + b"\n" + b"Please get me a manager.\n", 60)
    stdout, stderr = out.decode(), err.decode()
    assert call.returncode == 1
    assert "Traceback" not in stderr
    assert "You: My phone line has been down." in stdout
    assert "You: Please get me a manager." in stdout  # the call went on unsaved
    assert "Outcome:" in stdout
    assert stderr.startswith("trainer: ")
    assert "saved" in stderr  # says what was kept


def _wait_for_a_saved_turn(scores: Path) -> None:
    """Until the history holds the call's first turn (read by a separate process)."""
    code = (
        "import sqlite3,sys,time\n"
        "for _ in range(300):\n"
        "    try:\n"
        f"        c = sqlite3.connect({str(scores / 'scores.db')!r}, timeout=5)\n"
        "        if c.execute('select count(*) from turns').fetchone()[0]: sys.exit(0)\n"
        "    except sqlite3.Error: pass\n"
        "    time.sleep(0.1)\n"
        "sys.exit(1)\n"
    )
    if subprocess.run([sys.executable, "-c", code], timeout=60).returncode != 0:
        pytest.fail("the first turn was never saved")
