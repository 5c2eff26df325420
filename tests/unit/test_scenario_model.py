"""The scenario models accept what an author would write and keep it exactly."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from tests.conftest import SCENARIO_FIXTURES
from trainer.scenario.library import load_files, load_scenario_text
from trainer.scenario.model import Comparison, Condition
from trainer.support import paths

SHIPPED = sorted(paths.shipped_scenarios_dir().glob("*.toml"))


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_every_shipped_scenario_is_valid(path: Path) -> None:
    files, problems = load_files([path])
    assert problems == []
    assert [str(p) for p in files[0].problems] == []
    assert files[0].scenario is not None
    assert files[0].scenario.id == path.stem


def test_the_library_ships_at_least_one_scenario() -> None:
    assert SHIPPED


@pytest.mark.parametrize(
    ("written", "operator", "value"),
    [("< 30", "<", 30), (">=70", ">=", 70), ("  == 3 ", "==", 3), ("!= 0", "!=", 0), (4, "==", 4)],
)
def test_comparisons_parse_as_written(written: str | int, operator: str, value: int) -> None:
    condition = Condition.model_validate({"overall": written})
    assert condition.overall == Comparison(operator, value)


@pytest.mark.parametrize(
    ("comparison", "score", "holds"),
    [("< 30", 29, True), ("< 30", 30, False), (">= 70", 70, True), ("!= 5", 5, False)],
)
def test_comparison_holds(comparison: str, score: int, holds: bool) -> None:
    parsed = Condition.model_validate({"evidence": comparison}).evidence
    assert parsed is not None
    assert parsed.holds(score) is holds


@pytest.mark.parametrize("written", ["30", "< thirty", "=< 30", "> 30 and < 50", True, 2.5])
def test_malformed_comparisons_are_refused(written: object) -> None:
    with pytest.raises(ValidationError, match="expected a comparison"):
        Condition.model_validate({"politeness": written})


def test_conditions_nest_with_all_any_and_not() -> None:
    condition = Condition.model_validate(
        {
            "any": [
                {"mentions": "supervisor"},
                {"all": [{"turn": ">= 3"}, {"not": {"overall": "> 60"}}]},
            ]
        }
    )
    assert condition.any_of is not None
    assert condition.any_of[0].mentions == ("supervisor",)
    inner = condition.any_of[1].all_of
    assert inner is not None
    assert inner[1].not_ == Condition.model_validate({"overall": "> 60"})


def test_one_agent_line_or_several(minimal_toml: str) -> None:
    text = minimal_toml.replace('say = "Goodbye."', 'say = ["Goodbye.", "Bye now."]')
    scenario = load_scenario_text(text, Path("s.toml")).scenario
    assert scenario is not None
    assert scenario.nodes["lost"].say == ("Goodbye.", "Bye now.")
    assert scenario.nodes["won"].say == ("Refunded.",)


def test_models_are_frozen(minimal_toml: str) -> None:
    scenario = load_scenario_text(minimal_toml, Path("s.toml")).scenario
    assert scenario is not None
    with pytest.raises(ValidationError):
        scenario.title = "Changed"  # type: ignore[misc]  # the point: it is refused


def test_defaults_an_author_can_leave_out() -> None:
    files, _ = load_files([SCENARIO_FIXTURES / "valid" / "minimal.toml"])
    scenario = files[0].scenario
    assert scenario is not None
    assert scenario.turn_limit == 12
    assert scenario.tips == ()
    assert scenario.agent.persona is None
    assert scenario.nodes["opening"].branches[1].when is None


def test_an_id_with_a_trailing_line_break_is_not_an_id() -> None:
    from trainer.scenario.model import is_valid_id

    assert is_valid_id("seats-apart")
    assert not is_valid_id("seats-apart\n")
