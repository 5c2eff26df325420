"""A scenario's self-tests: scripted calls in the file (`[[tests]]`) that `trainer validate`
plays, so that an author knows the dialogue still goes where it should.

A failure reads as `file:line: tests[N] (name): expected win, got loss at node refusal_2`.
"""

from __future__ import annotations

from dataclasses import dataclass

from trainer.call.dialogue import CallResult, ended_by_turn_limit, play
from trainer.scenario.library import ScenarioFile
from trainer.scenario.model import Scenario, SelfTest
from trainer.scoring.explain import DIMENSION_NAMES
from trainer.scoring.rubric import DIMENSIONS
from trainer.support.problems import Problem, format_loc

PATH_SEPARATOR = " > "


@dataclass(frozen=True)
class SelfTestFailure:
    """A self-test whose call did not go as its author said it would."""

    index: int
    name: str
    message: str


def call_path(scenario: Scenario, result: CallResult) -> tuple[str, ...]:
    """The nodes a call passed through, from the start node to the last one."""
    return (scenario.start, *(turn.next_node for turn in result.turns))


def check(scenario: Scenario, test: SelfTest) -> str | None:
    """Play one self-test; None when it passes, else what went differently."""
    result = play(scenario, list(test.replies), test.seed)
    path = call_path(scenario, result)
    if result.outcome != test.outcome:
        # The way it went, so that the author sees which branch to look at.
        notes = [f"via {PATH_SEPARATOR.join(path)}"]
        if result.outcome == "hung_up" and "/hangup" not in test.replies:
            notes.append("the replies ran out first")
        elif ended_by_turn_limit(scenario, result):
            notes.append(f"the turn limit of {scenario.turn_limit} ended the call")
        return (
            f"expected {test.outcome}, got {result.outcome} at node {result.final_node} "
            f"({'; '.join(notes)})"
        )
    if test.path is not None and tuple(test.path) != path:
        return (
            f"expected the path {PATH_SEPARATOR.join(test.path)}, got {PATH_SEPARATOR.join(path)}"
        )
    if test.min_scores is not None:
        got = [(DIMENSION_NAMES[d], d, result.scores[d]) for d in DIMENSIONS]
        for name, score, value in [*got, ("overall", "overall", result.overall)]:
            floor = getattr(test.min_scores, score)
            if floor is not None and value < floor:
                return f"expected {name} of at least {floor}, got {value}"
    return None


def run_self_tests(scenario: Scenario) -> list[SelfTestFailure]:
    """Every self-test of the scenario that fails, in order."""
    failures = []
    for index, test in enumerate(scenario.tests):
        message = check(scenario, test)
        if message is not None:
            failures.append(SelfTestFailure(index, test.name, message))
    return failures


def self_test_problems(loaded: ScenarioFile) -> list[Problem]:
    """The failing self-tests of a valid scenario file, each pinned to its line."""
    if loaded.scenario is None or loaded.document is None:
        return []
    problems = []
    for failure in run_self_tests(loaded.scenario):
        loc = ("tests", failure.index)
        line = loaded.document.positions.line_of(loc)
        key = f"{format_loc(loc)} ({failure.name})"
        problems.append(Problem(loaded.path, line, key, failure.message))
    return problems
