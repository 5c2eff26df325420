"""Checking a scenario as it is edited: problems in line order, the node map and its lines."""

from __future__ import annotations

from pathlib import Path

from trainer.authoring.editing import check_draft, is_warning

EXAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "gym-cancellation.toml"
TEXT = EXAMPLE.read_text(encoding="utf-8")


def line_of(text: str, fragment: str) -> int:
    """The line (from 1) where `fragment` first appears."""
    return text[: text.index(fragment)].count("\n") + 1


def test_a_clean_scenario_has_no_problems_and_a_map_with_each_nodes_line() -> None:
    check = check_draft(TEXT, Path("gym.toml"))
    assert check.scenario is not None
    assert check.problems == ()
    assert (check.errors, check.warnings, check.tests_played, check.tests_failed) == (0, 0, 3, 0)
    assert check.nodes is not None
    assert next(node.name for node in check.nodes) == "opening"
    assert check.node_lines["supervisor"] == line_of(TEXT, "[nodes.supervisor]")


def test_errors_failing_self_tests_and_warnings_come_in_line_order() -> None:
    text = TEXT.replace('firmness = ">= 55"', 'firmness = ">= 99"').replace(
        'goto = "still_active"', 'goto = "still_activ"', 1
    )
    check = check_draft(text, Path("gym.toml"))
    assert check.scenario is None  # the unknown node makes it invalid: no self-tests run
    assert check.tests_played == 0
    assert [p.line for p in check.problems] == sorted(p.line for p in check.problems)
    assert check.problems[0].line == line_of(text, 'goto = "still_activ"')
    text = TEXT.replace('firmness = ">= 55"', 'firmness = ">= 99"')
    check = check_draft(text, Path("gym.toml"))
    assert check.scenario is not None
    assert (check.errors, check.warnings, check.tests_failed) == (1, 1, 1)
    warning, failure = check.problems
    assert is_warning(warning)
    assert warning.key == "nodes.supervisor.model_reply"
    assert failure.key == "tests[0] (model replies win a refund)"


def test_text_that_is_not_toml_has_no_map() -> None:
    check = check_draft(TEXT.replace("[agent]", "[agent"), Path("gym.toml"))
    assert check.nodes is None
    assert check.node_lines == {}
    assert [p.line for p in check.problems] == [line_of(TEXT, "[agent]")]


def test_an_id_another_file_uses_is_an_error_at_the_id_but_the_draft_can_still_be_played(
    tmp_path: Path,
) -> None:
    other = tmp_path / "other.toml"
    check = check_draft(TEXT, tmp_path / "gym.toml", {"gym-cancellation": other})
    [problem] = check.problems
    assert (problem.line, problem.key) == (1, "id")
    assert problem.message == f'scenario id "gym-cancellation" is already used by {other}'
    assert check.scenario is not None
    # Its own file having the id is no clash.
    mine = check_draft(TEXT, tmp_path / "gym.toml", {"gym-cancellation": tmp_path / "gym.toml"})
    assert mine.problems == ()
