"""The node map of a scenario, valid or still a draft."""

from __future__ import annotations

import tomllib

from tests.conftest import SCENARIO_FIXTURES
from trainer.authoring.nodemap import ALWAYS, MapBranch, describe_when, node_map
from trainer.support import paths

MINIMAL = (SCENARIO_FIXTURES / "valid" / "minimal.toml").read_text(encoding="utf-8")


def test_the_minimal_scenario_reads_from_the_start_to_its_endings() -> None:
    nodes = node_map(tomllib.loads(MINIMAL))
    assert [(n.name, n.outcome, n.start, n.reachable) for n in nodes] == [
        ("opening", None, True, True),
        ("lost", "loss", False, True),
        ("won", "win", False, True),
    ]
    assert nodes[0].branches == (
        MapBranch("politeness < 25", "lost", True),
        MapBranch(ALWAYS, "won", True, 1),
    )


def test_a_draft_with_a_bad_goto_and_an_orphan_still_maps() -> None:
    draft = tomllib.loads(
        MINIMAL.replace('goto = "won"', 'goto = "wonn"') + '\n[nodes.orphan]\nsay = "Hm?"\n'
    )
    nodes = {node.name: node for node in node_map(draft)}
    assert MapBranch(ALWAYS, "wonn", False, 1) in nodes["opening"].branches
    assert not nodes["won"].reachable
    assert not nodes["orphan"].reachable
    assert list(nodes)[-2:] == ["won", "orphan"]


def test_conditions_read_as_written() -> None:
    assert describe_when({"politeness": "<  25", "turn": 3}) == "politeness < 25, turn == 3"
    assert (
        describe_when({"any": [{"mentions": ["supervisor", "manager"]}, {"evidence": ">= 40"}]})
        == '(mentions "supervisor" or "manager" or evidence >= 40)'
    )
    assert describe_when({"not": {"firmness": ">= 60"}}) == "not (firmness >= 60)"


def test_every_shipped_scenario_maps_every_node_as_reachable() -> None:
    for path in paths.shipped_scenarios_dir().glob("*.toml"):
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        nodes = node_map(raw)
        assert {node.name for node in nodes} == set(raw["nodes"]), path.name
        assert all(node.reachable for node in nodes), path.name
        assert nodes[0].name == raw["start"]
