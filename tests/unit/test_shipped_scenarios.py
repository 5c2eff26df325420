"""Every shipped scenario: valid, complete, and played by three scripted callers.

The model replies must win, a rude caller must lose, and a polite but vague, hedging caller
must not win, whatever the seed.
"""

from __future__ import annotations

from collections import deque

import pytest

from tests.scenario_scripts import RUDE, VAGUE, play_model_replies, play_script
from trainer.scenario.library import load_scenario_file
from trainer.scenario.model import Scenario
from trainer.support import paths

FILES = sorted(paths.shipped_scenarios_dir().glob("*.toml"))
SEEDS = (0, 1, 2)


def load(path_name: str) -> Scenario:
    loaded = load_scenario_file(paths.shipped_scenarios_dir() / path_name)
    assert not loaded.problems, "\n".join(map(str, loaded.problems))
    assert loaded.scenario is not None
    return loaded.scenario


SCENARIOS = [path.name for path in FILES]


def test_the_library_has_eight_scenarios_spread_over_every_difficulty() -> None:
    scenarios = [load(name) for name in SCENARIOS]
    assert len(scenarios) >= 8
    assert {s.difficulty for s in scenarios} == {1, 2, 3, 4, 5}
    assert len({s.company for s in scenarios}) == len(scenarios)


@pytest.mark.parametrize("name", SCENARIOS)
def test_shape(name: str) -> None:
    scenario = load(name)
    assert len(scenario.nodes) >= 6
    assert len(scenario.tips) >= 1
    reachable = _reachable(scenario)
    assert reachable == set(scenario.nodes)
    outcomes = {scenario.nodes[n].outcome for n in reachable} - {None}
    assert outcomes == {"win", "partial", "loss"}
    for node_name, node in scenario.nodes.items():
        if node.outcome is None:
            assert node.model_reply, f"{node_name} has no model reply"
            assert node.branches[-1].when is None, f"{node_name} has no default branch"


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name", SCENARIOS)
def test_model_replies_win(name: str, seed: int) -> None:
    result = play_model_replies(load(name), seed)
    assert result.outcome == "win", [t.next_node for t in result.turns]


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name", SCENARIOS)
def test_a_rude_caller_loses(name: str, seed: int) -> None:
    result = play_script(load(name), RUDE, seed)
    assert result.outcome == "loss", [t.next_node for t in result.turns]


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name", SCENARIOS)
def test_a_vague_hedging_caller_does_not_win(name: str, seed: int) -> None:
    result = play_script(load(name), VAGUE, seed)
    assert result.outcome in {"partial", "loss"}, [t.next_node for t in result.turns]


def _reachable(scenario: Scenario) -> set[str]:
    seen = {scenario.start}
    queue = deque([scenario.start])
    while queue:
        for branch in scenario.nodes[queue.popleft()].branches:
            if branch.goto not in seen:
                seen.add(branch.goto)
                queue.append(branch.goto)
    return seen


@pytest.mark.parametrize("name", SCENARIOS)
def test_self_tests_cover_a_win_a_partial_and_a_loss_and_pass(name: str) -> None:
    from trainer.authoring.selftests import run_self_tests

    scenario = load(name)
    assert {test.outcome for test in scenario.tests} >= {"win", "partial", "loss"}
    assert all(test.path for test in scenario.tests)
    assert run_self_tests(scenario) == []
