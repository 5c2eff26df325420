"""Checking a scenario while it is edited: every problem the text has (errors, failing
self-tests and warnings, in line order) and its node map, in one call that the editor runs
off the UI thread after each pause in typing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from trainer.authoring.drafts import id_clash
from trainer.authoring.lint import WARNING, lint_problems
from trainer.authoring.nodemap import MapNode, node_map
from trainer.authoring.selftests import self_test_problems
from trainer.scenario.library import load_scenario_text
from trainer.scenario.model import Scenario
from trainer.support.problems import Problem


def is_warning(problem: Problem) -> bool:
    """Whether the problem is a warning (the scenario still loads) rather than an error."""
    return problem.message.startswith(WARNING)


@dataclass(frozen=True)
class DraftCheck:
    """What checking the text found."""

    scenario: Scenario | None
    """The scenario, when the text is a valid one that can be played (even if its id
    clashes with another file's, which keeps it from being saved)."""
    problems: tuple[Problem, ...]
    """Errors, failing self-tests and warnings, in line order."""
    nodes: tuple[MapNode, ...] | None
    """The node map; None when the text is not TOML at all."""
    node_lines: Mapping[str, int]
    """The line of each node's table."""
    tests_played: int
    branch_lines: Mapping[tuple[str, int], int] = field(default_factory=dict)
    """The line of each branch, by node and place in its `branches`."""
    id_clash: str | None = None
    """Why the text cannot be saved as the file although it is valid: another file has its id."""

    @property
    def errors(self) -> int:
        """How many problems stop the text being a scenario, or are failing self-tests."""
        return sum(not is_warning(p) for p in self.problems)

    @property
    def warnings(self) -> int:
        """How many problems are warnings."""
        return sum(is_warning(p) for p in self.problems)

    @property
    def tests_failed(self) -> int:
        """How many self-tests did not go as their author said."""
        return sum(p.key.startswith("tests[") for p in self.problems if not is_warning(p))


def check_draft(text: str, path: Path, taken: Mapping[str, Path] | None = None) -> DraftCheck:
    """Check scenario text as `trainer validate --strict` would (self-tests played), plus
    whether another file of the library (`taken`: id to file) already uses its id."""
    loaded = load_scenario_text(text, path)
    problems = list(loaded.problems)
    scenario = loaded.scenario
    document = loaded.document
    clash = None
    if scenario is not None and document is not None:
        clash = id_clash(scenario, path, taken or {})
        if clash is not None:
            problems.append(document.problem(("id",), clash))
        problems += self_test_problems(loaded)
        problems += lint_problems(loaded)
    nodes = None if document is None else tuple(node_map(document.data))
    node_lines = (
        {}
        if document is None or nodes is None
        else {node.name: document.positions.line_of(("nodes", node.name)) for node in nodes}
    )
    branch_lines = (
        {}
        if document is None or nodes is None
        else {
            (node.name, branch.index): document.positions.line_of(
                ("nodes", node.name, "branches", branch.index)
            )
            for node in nodes
            for branch in node.branches
        }
    )
    tests = len(loaded.scenario.tests) if loaded.scenario is not None else 0
    ordered = sorted(problems, key=lambda p: (p.line, is_warning(p)))
    return DraftCheck(scenario, tuple(ordered), nodes, node_lines, tests, branch_lines, clash)
