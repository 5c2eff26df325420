"""Scenario self-tests: `[[tests]]` in a scenario file, played by `trainer validate`, each
failure reported at its test's line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SCENARIO_FIXTURES
from trainer.authoring.selftests import run_self_tests, self_test_problems
from trainer.cli.main import main
from trainer.scenario.library import load_scenario_text

MINIMAL = (SCENARIO_FIXTURES / "valid" / "minimal.toml").read_text(encoding="utf-8")
POLITE = "Hello Sam, thank you. I was charged $20 on 3 May and I'd like a refund, please."
RUDE = "You useless idiots, give me my money back NOW!!!"


def with_tests(tests: str) -> str:
    """The minimal scenario with these `[[tests]]` appended."""
    return f"{MINIMAL}\n{tests}"


def test_passing_tests_report_nothing() -> None:
    loaded = load_scenario_text(
        with_tests(
            f"""
[[tests]]
name = "polite refund"
replies = ["{POLITE}"]
outcome = "win"
path = ["opening", "won"]
min_scores = {{ politeness = 60, overall = 30 }}

[[tests]]
name = "rude"
replies = ["{RUDE}"]
outcome = "loss"

[[tests]]
name = "hangs up"
replies = ["/hangup"]
outcome = "hung_up"
path = ["opening"]
"""
        ),
        Path("t.toml"),
    )
    assert loaded.scenario is not None, loaded.problems
    assert run_self_tests(loaded.scenario) == []
    assert self_test_problems(loaded) == []


def test_each_kind_of_failure_says_what_happened_at_the_tests_line() -> None:
    text = with_tests(
        f"""
[[tests]]
name = "wrong outcome"
replies = ["{RUDE}"]
outcome = "win"

[[tests]]
name = "wrong path"
replies = ["{POLITE}"]
outcome = "win"
path = ["opening", "lost"]

[[tests]]
name = "too low"
replies = ["{POLITE}"]
outcome = "win"
min_scores = {{ evidence = 100 }}
"""
    )
    loaded = load_scenario_text(text, Path("t.toml"))
    assert loaded.scenario is not None, loaded.problems
    lines = text.splitlines()
    starts = [number for number, line in enumerate(lines, 1) if line == "[[tests]]"]
    assert [str(problem) for problem in self_test_problems(loaded)] == [
        f"t.toml:{starts[0]}: tests[0] (wrong outcome): expected win, got loss at node lost "
        "(via opening > lost)",
        f"t.toml:{starts[1]}: tests[1] (wrong path): expected the path opening > lost, "
        "got opening > won",
        f"t.toml:{starts[2]}: tests[2] (too low): expected evidence of at least 100, got "
        f"{self_test_score(loaded)}",
    ]


def self_test_score(loaded: object) -> int:
    """The evidence score the polite reply gets (what the failing floor reports)."""
    from trainer.call.dialogue import play
    from trainer.scenario.library import ScenarioFile

    assert isinstance(loaded, ScenarioFile)
    assert loaded.scenario is not None
    return play(loaded.scenario, [POLITE]).scores["evidence"]


def test_running_out_of_replies_is_said_as_such() -> None:
    two_turns = MINIMAL.replace(
        '[[nodes.opening.branches]]\ngoto = "won"',
        '[[nodes.opening.branches]]\nwhen = { turn = ">= 2" }\ngoto = "won"\n\n'
        '[[nodes.opening.branches]]\ngoto = "opening"',
    )
    assert two_turns != MINIMAL
    loaded = load_scenario_text(
        f'{two_turns}\n[[tests]]\nname = "short"\nreplies = ["{POLITE}"]\noutcome = "win"\n',
        Path("t.toml"),
    )
    assert loaded.scenario is not None, loaded.problems
    [failure] = run_self_tests(loaded.scenario)
    assert failure.message == (
        "expected win, got hung_up at node opening (via opening > opening; "
        "the replies ran out first)"
    )


def test_a_call_ended_by_the_turn_limit_is_said_as_such() -> None:
    looping = MINIMAL.replace(
        '[[nodes.opening.branches]]\ngoto = "won"',
        '[[nodes.opening.branches]]\nwhen = { turn = ">= 3" }\ngoto = "won"\n\n'
        '[[nodes.opening.branches]]\ngoto = "opening"',
    ).replace('start = "opening"', 'start = "opening"\nturn_limit = 2')
    replies = f'["{POLITE}", "{POLITE}"]'
    loaded = load_scenario_text(
        f'{looping}\n[[tests]]\nname = "long"\nreplies = {replies}\noutcome = "win"\n',
        Path("t.toml"),
    )
    assert loaded.scenario is not None, loaded.problems
    [failure] = run_self_tests(loaded.scenario)
    assert failure.message == (
        "expected win, got loss at node opening (via opening > opening > opening; "
        "the turn limit of 2 ended the call)"
    )


def test_a_mistyped_outcome_is_a_schema_problem_naming_the_choices() -> None:
    loaded = load_scenario_text(
        with_tests('[[tests]]\nname = "x"\nreplies = ["hi"]\noutcome = "won"\n'),
        Path("t.toml"),
    )
    assert loaded.scenario is None
    [problem] = loaded.problems
    assert problem.key == "tests[0].outcome"
    assert "should be 'win', 'partial', 'loss' or 'hung_up'" in problem.message


def test_validate_plays_the_tests_and_fails_on_a_failing_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.toml"
    good.write_text(
        with_tests(f'[[tests]]\nname = "ok"\nreplies = ["{POLITE}"]\noutcome = "win"\n'),
        encoding="utf-8",
    )
    assert main(["validate", str(good)]) == 0
    bad = tmp_path / "bad.toml"
    bad.write_text(
        with_tests(f'[[tests]]\nname = "nope"\nreplies = ["{POLITE}"]\noutcome = "loss"\n'),
        encoding="utf-8",
    )
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "tests[0] (nope): expected loss, got win at node won" in out
    assert "1 self-test played, 0 passed" in out


def test_the_scaffold_comes_with_a_win_a_partial_and_a_loss_that_pass(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "demo", "--out", str(tmp_path)]) == 0
    assert main(["validate", str(tmp_path / "demo.toml")]) == 0
    assert "3 self-tests played, 3 passed" in capsys.readouterr().out
    loaded = load_scenario_text((tmp_path / "demo.toml").read_text("utf-8"), tmp_path / "x")
    assert loaded.scenario is not None
    assert sorted(test.outcome for test in loaded.scenario.tests) == ["loss", "partial", "win"]
