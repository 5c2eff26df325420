"""Every way a scenario file can be broken is reported as file:line: key: message."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SCENARIO_FIXTURES
from trainer.scenario.library import load_files, load_scenario_file, load_scenario_text

BROKEN = SCENARIO_FIXTURES / "broken"

# file -> every problem expected, as (line, key path, a phrase the message must contain)
EXPECTED: dict[str, list[tuple[int, str, str]]] = {
    "syntax_error.toml": [(14, "(toml)", "not closed before the end of the line")],
    "empty.toml": [(1, "(file)", "the file is empty")],
    "missing_top_key.toml": [(1, "goal", "required key is missing")],
    "missing_key.toml": [(16, "nodes.opening.branches[0].goto", "required key is missing")],
    "wrong_type.toml": [(5, "difficulty", 'expected a whole number, got "hard"')],
    "unknown_key.toml": [(2, "titel", 'unknown key; did you mean "title"?')],
    "unknown_nested_key.toml": [
        (21, "nodes.opening.branches[1].gotoo", 'unknown key; did you mean "goto"?')
    ],
    "bad_goto.toml": [
        (21, "nodes.opening.branches[1].goto", 'no node is named "wom"; did you mean "won"?')
    ],
    "missing_start.toml": [(8, "start", 'no node is named "opning"; did you mean "opening"?')],
    "unreachable_node.toml": [(31, "nodes.orphan", "never reached from the start node")],
    "no_default_branch.toml": [(16, "nodes.opening.branches", "no default branch")],
    "dead_end_node.toml": [(23, "nodes.won", "neither ends the call nor leads anywhere")],
    "no_terminal.toml": [(8, "start", "no node with an `outcome` can be reached")],
    "bad_condition.toml": [
        (17, "nodes.opening.branches[0].when.politeness", 'got "below 25"'),
    ],
    "several_problems.toml": [
        (5, "difficulty", "less than or equal to 5, got 9"),
        (11, "agent.nmae", 'did you mean "name"?'),
        (18, "nodes.opening.branches[0].goto", 'no node is named "lose"; did you mean "lost"?'),
    ],
}


def test_every_broken_fixture_has_expectations() -> None:
    assert sorted(p.name for p in BROKEN.glob("*.toml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_reports_exact_lines_and_keys(name: str) -> None:
    path = BROKEN / name
    loaded = load_scenario_file(path)

    assert loaded.scenario is None
    reported = [(p.line, p.key) for p in loaded.problems]
    assert reported == [(line, key) for line, key, _ in EXPECTED[name]]
    for problem, (_, _, phrase) in zip(loaded.problems, EXPECTED[name], strict=True):
        assert problem.path == path
        assert phrase in problem.message


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_problem_line_reads_file_line_key_message(name: str) -> None:
    problem = load_scenario_file(BROKEN / name).problems[0]
    line, key, _ = EXPECTED[name][0]
    assert str(problem).endswith(f"{name}:{line}: {key}: {problem.message}")


def test_same_id_in_two_files_reports_the_second_at_its_id_line() -> None:
    files, _ = load_files([SCENARIO_FIXTURES / "duplicate"])

    first, second = files
    assert first.scenario is not None
    assert first.problems == ()
    assert second.scenario is None
    [problem] = second.problems
    assert (problem.path.name, problem.line, problem.key) == ("b.toml", 1, "id")
    assert 'scenario id "minimal" is already used by' in problem.message
    assert "a.toml" in problem.message


def test_misspelt_key_is_not_also_reported_missing(minimal_toml: str) -> None:
    loaded = load_scenario_text(minimal_toml.replace("brief =", "breif ="), Path("s.toml"))
    assert [(p.line, p.key) for p in loaded.problems] == [(6, "breif")]


def test_unknown_key_far_from_any_known_key_lists_the_allowed_keys(minimal_toml: str) -> None:
    text = minimal_toml.replace('name = "Sam"', 'name = "Sam"\nmood = "grumpy"')
    [problem] = load_scenario_text(text, Path("s.toml")).problems
    assert (problem.line, problem.key) == (12, "agent.mood")
    assert problem.message == "unknown key; allowed here: name, persona"


def test_not_utf8_file_names_the_line_of_the_bad_byte(tmp_path: Path, minimal_toml: str) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(
        minimal_toml.replace("Goodbye.", "Au revoir, \xe0 bient\xf4t.").encode("latin-1")
    )
    [problem] = load_scenario_file(path).problems
    assert (problem.line, problem.key) == (28, "(file)")
    assert "not UTF-8" in problem.message


def test_utf8_byte_order_mark_is_accepted(tmp_path: Path, minimal_toml: str) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + minimal_toml.encode("utf-8"))
    assert load_scenario_file(path).problems == ()


def test_unreadable_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder.toml"
    folder.mkdir()
    [problem] = load_scenario_file(folder).problems
    assert (problem.line, problem.key) == (1, "(file)")
    assert "cannot be read" in problem.message


@pytest.mark.parametrize(
    ("replace", "by", "line", "key", "phrase"),
    [
        ('"< 25"', '"> 100"', 17, "nodes.opening.branches[0].when.politeness", "can never hold"),
        (
            "when = { politeness",
            "when = { turn = 0, politeness",
            17,
            "nodes.opening.branches[0].when.turn",
            "can never hold",
        ),
        (
            'when = { politeness = "< 25" }',
            "when = {}",
            17,
            "nodes.opening.branches[0].when",
            "empty condition",
        ),
        ('id = "minimal"', 'id = "Minimal Scenario"', 1, "id", "not a valid id"),
        ('outcome = "win"', 'outcome = "draw"', 25, "nodes.won.outcome", "'win', 'partial' or"),
        ('say = "Goodbye."', "say = []", 28, "nodes.lost.say", "at least 1 item"),
        ('say = "Goodbye."', 'say = "  "', 28, "nodes.lost.say[0]", "must not be empty"),
        (
            "[agent]",
            "weights = { evidence = 0, politeness = 0, firmness = 0, open_questions = 0 }"
            "\n\n[agent]",
            10,
            "weights",
            "cannot all be zero",
        ),
        (
            "[nodes.opening]",
            '[nodes.opening]\ncues = [{ label = "x", dimension = "firmness", weight = 5 }]',
            14,
            "nodes.opening.cues[0]",
            "exactly one of `phrases`, `pattern`, `feature` or `act`",
        ),
        (
            "[nodes.opening]",
            '[nodes.opening]\ncues = [{ label = "x", dimension = "firmness", '
            'weight = 5, pattern = "(" }]',
            14,
            "nodes.opening.cues[0].pattern",
            "not a valid regular expression",
        ),
    ],
)
def test_value_problems_point_at_their_key(
    minimal_toml: str, replace: str, by: str, line: int, key: str, phrase: str
) -> None:
    assert replace in minimal_toml
    loaded = load_scenario_text(minimal_toml.replace(replace, by, 1), Path("s.toml"))
    assert [(p.line, p.key) for p in loaded.problems] == [(line, key)]
    assert phrase in loaded.problems[0].message


def test_branch_after_the_default_can_never_be_taken(minimal_toml: str) -> None:
    text = minimal_toml.replace(
        "[nodes.won]",
        '[[nodes.opening.branches]]\nwhen = { turn = ">= 2" }\ngoto = "lost"\n\n[nodes.won]',
    )
    [problem] = load_scenario_text(text, Path("s.toml")).problems
    assert (problem.line, problem.key) == (23, "nodes.opening.branches[2]")
    assert "can never be taken" in problem.message
    assert "branches[1] has no `when`" in problem.message
