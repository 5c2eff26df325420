"""A shared scenario whose patterns backtrack for ever cannot freeze a call: the patterns
share one time budget per reply, one too slow is dropped for the rest of the call and said
so once, a scenario holds at most 200 patterns, and `validate --strict` warns of the shapes
that backtrack."""

from __future__ import annotations

from pathlib import Path

from tests.functional.commands import assert_no_traceback, run
from tests.scenario_hostile import SLOW_REPLY, write_hostile_scenario


def test_slow_patterns_are_dropped_one_by_one_and_each_is_said_once(tmp_path: Path) -> None:
    write_hostile_scenario(tmp_path / "scenarios", patterns=12)
    replies = tmp_path / "replies.txt"
    replies.write_text((SLOW_REPLY + "\n") * 4 + "/hangup\n")
    result = run(
        "play", "hostile", "--scenarios", tmp_path / "scenarios", "--replies", replies, "--no-save"
    )
    assert result.returncode == 0, result.stderr
    assert_no_traceback(result)
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert warnings, "a pattern too slow for a reply is said so"
    named = [line.split('"')[1] for line in warnings]
    assert len(named) == len(set(named))  # each once
    # Four replies share a budget of a fifth of a second each: each drops at most four of
    # the twelve patterns (50 ms each), so some are still to be tried at the end.
    assert len(named) <= 4 * 4
    assert "You: " + SLOW_REPLY in result.stdout


def test_a_scenario_holds_at_most_200_patterns(tmp_path: Path) -> None:
    many = write_hostile_scenario(tmp_path / "many", patterns=201)
    result = run("validate", many)
    assert result.returncode == 1
    assert_no_traceback(result)
    assert "hostile.toml:" in result.stdout
    assert "201 cues with a pattern; a scenario may have at most 200" in result.stdout
    assert run("validate", write_hostile_scenario(tmp_path / "enough", 200)).returncode == 0


def test_strict_validation_warns_of_alternatives_under_a_repetition(tmp_path: Path) -> None:
    risky = write_hostile_scenario(tmp_path / "risky", patterns=1, pattern=r"(\w|\w\w|\s)+")
    result = run("validate", "--strict", risky)
    assert result.returncode == 1
    assert "alternatives that can start on the same character" in result.stdout
    fine = write_hostile_scenario(tmp_path / "fine", patterns=1, pattern=r"(?:very |really )*")
    assert "alternatives" not in run("validate", "--strict", fine).stdout
