"""`trainer validate --strict`: warnings about likely mistakes, each at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SCENARIO_FIXTURES
from trainer.authoring.lint import LONGEST_LINE, lint, lint_problems
from trainer.cli.main import main
from trainer.scenario.library import load_scenario_text

MINIMAL = (SCENARIO_FIXTURES / "valid" / "minimal.toml").read_text(encoding="utf-8")
OPENING_BRANCHES = """[[nodes.opening.branches]]
when = { politeness = "< 25" }
goto = "lost"

[[nodes.opening.branches]]
goto = "won\""""


def findings(text: str) -> list[tuple[str, str]]:
    """(key path, message) of every warning about the scenario text."""
    loaded = load_scenario_text(text, Path("t.toml"))
    assert loaded.scenario is not None, loaded.problems
    return [(problem.key, problem.message) for problem in lint_problems(loaded)]


def with_branches(branches: str) -> str:
    """The minimal scenario (with tips) whose opening node has these branches."""
    assert OPENING_BRANCHES in MINIMAL
    text = MINIMAL.replace(OPENING_BRANCHES, branches)
    return text.replace('start = "opening"', 'start = "opening"\ntips = ["Be specific."]')


@pytest.mark.parametrize(
    "always",
    [
        'when = { turn = ">= 1" }',
        'when = { politeness = ">= 0" }',
        'when = { any = [{ mentions = ["refund"] }, { overall = "<= 100" }] }',
    ],
)
def test_a_branch_that_always_holds_hides_every_branch_after_it(always: str) -> None:
    branches = f'[[nodes.opening.branches]]\n{always}\ngoto = "won"\n\n{OPENING_BRANCHES}'
    assert findings(with_branches(branches)) == [
        ("nodes.opening.branches[1]", "warning: never taken: branch [0] before it always holds"),
        ("nodes.opening.branches[2]", "warning: never taken: branch [0] before it always holds"),
    ]
    sometimes = 'when = { turn = ">= 2" }'
    branches = f'[[nodes.opening.branches]]\n{sometimes}\ngoto = "won"\n\n{OPENING_BRANCHES}'
    assert findings(with_branches(branches)) == []


@pytest.mark.parametrize(
    ("earlier", "later"),
    [
        ('when = { politeness = "< 40" }', 'when = { politeness = "< 25" }'),
        ('when = { firmness = ">= 50" }', 'when = { firmness = ">= 60", evidence = ">= 10" }'),
        ('when = { mentions = ["refund", "money back"] }', 'when = { mentions = ["refund"] }'),
        ('when = { turn = ">= 2" }', 'when = { turn = ">= 2" }'),
    ],
)
def test_a_branch_an_earlier_broader_one_always_takes_first_is_never_taken(
    earlier: str, later: str
) -> None:
    branches = (
        f'[[nodes.opening.branches]]\n{earlier}\ngoto = "lost"\n\n'
        f'[[nodes.opening.branches]]\n{later}\ngoto = "won"\n\n'
        '[[nodes.opening.branches]]\ngoto = "won"'
    )
    assert findings(with_branches(branches)) == [
        (
            "nodes.opening.branches[1]",
            "warning: never taken: branch [0] before it holds whenever it does",
        )
    ]


@pytest.mark.parametrize(
    ("earlier", "later"),
    [
        ('when = { politeness = "< 25" }', 'when = { politeness = "< 40" }'),
        ('when = { firmness = ">= 60" }', 'when = { evidence = ">= 60" }'),
        ('when = { mentions = ["refund"] }', 'when = { mentions = ["refund", "money back"] }'),
        ('when = { any = [{ turn = "== 1" }, { overall = "> 90" }] }', 'when = { turn = "== 1" }'),
    ],
)
def test_a_narrower_or_different_earlier_branch_shadows_nothing(earlier: str, later: str) -> None:
    branches = (
        f'[[nodes.opening.branches]]\n{earlier}\ngoto = "lost"\n\n'
        f'[[nodes.opening.branches]]\n{later}\ngoto = "won"\n\n'
        '[[nodes.opening.branches]]\ngoto = "won"'
    )
    assert findings(with_branches(branches)) == []


def test_a_branch_after_the_default_one_is_already_an_error() -> None:
    branches = (
        '[[nodes.opening.branches]]\ngoto = "won"\n\n'
        '[[nodes.opening.branches]]\nwhen = { politeness = "< 25" }\ngoto = "lost"'
    )
    loaded = load_scenario_text(with_branches(branches), Path("t.toml"))
    assert [problem.key for problem in loaded.problems] == ["nodes.opening.branches[1]"]


def test_a_cue_phrase_the_rubric_has_in_the_same_dimension_is_flagged() -> None:
    cue = (
        '\n[[cues]]\nlabel = "asks for a supervisor"\ndimension = "{dimension}"\nweight = 10\n'
        'phrases = ["supervisor", "someone who can decide"]\n'
    )
    text = with_branches(OPENING_BRANCHES).replace("\n[agent]", cue + "\n[agent]")
    [(key, message)] = findings(text.replace("{dimension}", "firmness"))
    assert key == "cues[0].phrases[0]"
    assert message.startswith('warning: "supervisor" is also in the default rubric (')
    assert findings(text.replace("{dimension}", "politeness")) == []


def test_shared_phrases_of_one_cue_make_one_warning_at_the_first_of_them() -> None:
    cue = (
        '\n[[cues]]\nlabel = "asks to escalate"\ndimension = "firmness"\nweight = 10\n'
        'phrases = ["someone who can decide", "supervisor", "manager", "team leader", '
        '"your boss", "a fair outcome"]\n'
    )
    text = with_branches(OPENING_BRANCHES).replace("\n[agent]", cue + "\n[agent]")
    [(key, message)] = findings(text)
    assert key == "cues[0].phrases[1]"
    # Read as asking for a supervisor, these phrases already score the act's firmness.
    assert message.startswith(
        'warning: "supervisor", "manager", "team leader" and 1 more are also in the default '
        'rubric ("asks for someone who can decide", firmness +20)'
    )
    assert message.endswith("so a reply saying one scores both")


def test_a_pattern_that_can_search_for_a_very_long_time_is_flagged() -> None:
    cue = (
        '\n[[cues]]\nlabel = "gives an amount"\ndimension = "evidence"\nweight = 10\n'
        "pattern = '(\\d+\\s?)+ dollars'\n"
    )
    text = with_branches(OPENING_BRANCHES).replace("\n[agent]", cue + "\n[agent]")
    [(key, message)] = findings(text)
    assert key == "cues[0].pattern"
    assert message.startswith("warning: a repetition inside a repetition, like (\\w+\\s?)+")
    safe = text.replace("(\\d+\\s?)+ dollars", "\\d+(?:\\.\\d+)* dollars")
    assert findings(safe) == []


def test_model_replies_that_do_not_win_are_flagged_where_they_go_wrong() -> None:
    text = with_branches(OPENING_BRANCHES).replace(
        'say = "How can I help?"', 'say = "How can I help?"\nmodel_reply = "You idiots!!!"'
    )
    assert findings(text) == [
        (
            "nodes.opening.model_reply",
            "warning: the model replies, played from the start, end in a loss (opening > lost); "
            "a model reply should take the winning path",
        )
    ]


def test_endings_that_ask_questions_and_very_long_lines_are_flagged() -> None:
    long_line = "word " * (LONGEST_LINE // 5 + 1)
    text = with_branches(OPENING_BRANCHES)
    text = text.replace('say = "Refunded."', 'say = "Refunded. Anything else?"')
    text = text.replace('say = "Goodbye."', f'say = "{long_line.strip()}"')
    keys = [key for key, _ in findings(text)]
    assert keys == ["nodes.won.say[0]", "nodes.lost.say[0]"]


def test_a_scenario_without_tips_is_flagged() -> None:
    assert [key for key, _ in findings(MINIMAL)] == ["tips"]


def test_strict_validate_prints_warnings_and_fails_on_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "minimal.toml"
    path.write_text(MINIMAL, encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    assert main(["validate", "--strict", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:1: tips: warning: no tips" in out.replace(str(path.resolve()), str(path))
    assert out.rstrip().endswith("; 1 warning")


def test_the_scaffold_is_strict_clean(tmp_path: Path) -> None:
    assert main(["new", "demo", "--out", str(tmp_path)]) == 0
    assert main(["validate", "--strict", str(tmp_path / "demo.toml")]) == 0


def test_lint_reads_the_model_not_the_file() -> None:
    loaded = load_scenario_text(MINIMAL, Path("t.toml"))
    assert loaded.scenario is not None
    assert [loc for loc, _ in lint(loaded.scenario)] == [("tips",)]
