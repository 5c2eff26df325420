"""`trainer play` as a user and a script run it: replies from a file or stdin, transcripts."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import SCENARIO_FIXTURES
from tests.functional.commands import assert_no_traceback, run, run_with_stdin

ENGINE = SCENARIO_FIXTURES / "engine"


def test_replies_file_prints_the_transcript_and_the_outcome(tmp_path: Path) -> None:
    replies = tmp_path / "replies.txt"
    replies.write_text("My phone line has been down.\n\nPlease get me a manager.\n")
    result = run("play", "every-condition", "--scenarios", ENGINE, "--replies", replies)
    assert result.returncode == 0, result.stderr
    assert_no_traceback(result)
    out = result.stdout
    assert "Goal: Reach any outcome." in out
    assert "You: My phone line has been down." in out
    assert "Ruth (manager): Putting you through to my manager now." in out
    assert "Outcome: win" in out
    assert "after 2 replies" in out  # the blank line is not a reply


def test_json_holds_the_whole_call(tmp_path: Path) -> None:
    replies = tmp_path / "replies.txt"
    replies.write_text("I need it fixed today: booking 449120, billed $80 on 3 May.\n")
    result = run("play", "every-condition", "--scenarios", ENGINE, "--replies", replies, "--json")
    data = json.loads(result.stdout)
    assert data["outcome"] == "win"
    assert data["final_node"] == "won"
    assert data["turns"][0]["next_node"] == "won"
    assert "mentions the booking" in data["tactics_used"]


def test_replies_from_stdin_and_running_out_hangs_up() -> None:
    result = run_with_stdin(
        b"My phone line has been down.\n\xff\xfe odd bytes\n",
        "play",
        "every-condition",
        "--scenarios",
        str(ENGINE),
        "--replies",
        "-",
        "--seed",
        "3",
    )
    assert result.returncode == 0
    out = result.stdout.decode("utf-8")
    assert "seed 3" in out
    assert "Outcome: hung up" in out
    assert "\ufffd" in out


def test_hangup_line_ends_the_call(tmp_path: Path) -> None:
    replies = tmp_path / "replies.txt"
    replies.write_text("/hangup\nPlease get me a manager.\n")
    result = run("play", "every-condition", "--scenarios", ENGINE, "--replies", replies)
    assert "Outcome: hung up" in result.stdout
    assert "after 0 replies" in result.stdout


def test_same_seed_same_transcript(tmp_path: Path) -> None:
    replies = tmp_path / "replies.txt"
    replies.write_text("My phone line has been down.\nStill down.\nAnd again.\n")
    args = ("play", "every-condition", "--scenarios", ENGINE, "--replies", replies, "--seed", "5")
    assert run(*args).stdout == run(*args).stdout


def test_unknown_scenario_and_missing_file_are_clear_errors(tmp_path: Path) -> None:
    unknown = run("play", "seats-aprt", "--replies", tmp_path / "none.txt")
    assert unknown.returncode == 1
    assert "seats-apart" in unknown.stderr
    missing = run("play", "seats-apart", "--replies", tmp_path / "none.txt")
    assert missing.returncode == 1
    assert "cannot read" in missing.stderr
    for result in (unknown, missing):
        assert_no_traceback(result)


def test_without_replies_or_a_terminal_it_says_what_to_do() -> None:
    result = run_with_stdin(b"", "play", "seats-apart")
    assert result.returncode == 2
    assert b"--replies" in result.stderr
