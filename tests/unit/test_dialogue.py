"""The dialogue engine on a small fixture scenario: every condition kind, endings, determinism."""

from __future__ import annotations

import pytest

from tests.conftest import SCENARIO_FIXTURES
from trainer.call.dialogue import (
    HUNG_UP,
    INTERRUPTION_LABEL,
    INTERRUPTION_PENALTY,
    Call,
    CallOverError,
    play,
)
from trainer.scenario.library import load_scenario_file
from trainer.scenario.model import Scenario

NEUTRAL = "My phone line has been down."


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    loaded = load_scenario_file(SCENARIO_FIXTURES / "engine" / "every-condition.toml")
    assert loaded.scenario is not None, loaded.problems
    return loaded.scenario


@pytest.mark.parametrize(
    ("reply", "node", "branch"),
    [
        ("You useless idiots.", "cold", 0),
        ("Get me a superviser.", "escalated", 1),
        ("I need it fixed today: booking 449120, billed $80 on 3 May.", "won", 2),
        ("What can you do for me here?", "halfway", 3),
        (NEUTRAL, "start", 5),
    ],
)
def test_each_kind_of_condition_picks_its_branch(
    scenario: Scenario, reply: str, node: str, branch: int
) -> None:
    call = Call(scenario)
    turn = call.reply(reply)
    assert (turn.branch, turn.next_node, call.node) == (branch, node, node)


def test_turn_and_not_conditions_count_replies(scenario: Scenario) -> None:
    call = Call(scenario)
    assert call.reply(NEUTRAL).next_node == "start"
    assert call.reply(NEUTRAL).next_node == "start"
    third = call.reply(NEUTRAL)
    assert (third.number, third.next_node, call.outcome) == (3, "late", "loss")


def test_an_outcome_node_ends_the_call_with_its_line(scenario: Scenario) -> None:
    call = Call(scenario)
    call.reply("Please put me through to your manager.")
    assert call.finished
    result = call.result()
    assert (result.outcome, result.final_node) == ("win", "escalated")
    assert result.closing_line == "Putting you through to my manager now."
    with pytest.raises(CallOverError):
        call.reply("hello?")


def test_a_node_can_change_who_speaks(scenario: Scenario) -> None:
    call = Call(scenario)
    assert call.speaker == "Sam"
    first = call.reply("Please get me a manager.")
    assert first.speaker == "Sam"
    assert call.speaker == "Ruth (manager)"
    assert call.result().closing_speaker == "Ruth (manager)"


def test_scenario_and_node_cues_are_scored(scenario: Scenario) -> None:
    call = Call(scenario)
    turn = call.reply("Abracadabra, my booking please")
    labels = {cue.label for cue in turn.score.cues}
    assert {"says the magic word", "mentions the booking"} <= labels
    assert "says the magic word" not in {c.label for c in Call(scenario).preview("hello").cues}


def test_tactics_used_and_missed(scenario: Scenario) -> None:
    result = play(scenario, ["About my booking.", "Fine."])
    assert result.tactics_used == ("mentions the booking",)
    assert result.tactics_missed == ("says the magic word",)


def test_interrupting_costs_politeness_and_says_so(scenario: Scenario) -> None:
    calm = Call(scenario).reply(NEUTRAL)
    cut_off = Call(scenario).reply(NEUTRAL, interrupted=True)
    assert cut_off.interrupted
    drop = calm.score.scores["politeness"] - cut_off.score.scores["politeness"]
    assert drop == INTERRUPTION_PENALTY
    assert INTERRUPTION_LABEL in {cue.label for cue in cut_off.score.cues}
    assert cut_off.score.overall < calm.score.overall


def test_hanging_up_ends_the_call_scored_on_the_turns_so_far(scenario: Scenario) -> None:
    call = Call(scenario)
    call.reply("Thank you, my booking is 449120.")
    call.hang_up()
    result = call.result()
    assert result.outcome == HUNG_UP
    assert len(result.turns) == 1
    assert result.scores == result.turns[0].score.scores
    assert result.closing_line is None


def test_hanging_up_before_saying_anything(scenario: Scenario) -> None:
    call = Call(scenario)
    call.hang_up()
    result = call.result()
    assert (result.outcome, result.turns) == (HUNG_UP, ())
    assert result.scores["politeness"] == 50


def test_hangup_command_and_running_out_of_replies_both_hang_up(scenario: Scenario) -> None:
    assert play(scenario, [NEUTRAL, "/hangup", "Get me a manager"]).outcome == HUNG_UP
    assert play(scenario, [NEUTRAL]).outcome == HUNG_UP


def test_the_turn_limit_closes_the_call_as_a_loss(scenario: Scenario) -> None:
    looping = scenario.model_copy(update={"turn_limit": 2})
    call = Call(looping)
    call.reply(NEUTRAL)
    call.reply(NEUTRAL)
    assert call.outcome == "loss"
    assert call.closing_line is not None
    assert "Acme Telecom" in call.closing_line
    assert call.result().final_node == "start"


def test_same_seed_and_replies_give_the_same_transcript(scenario: Scenario) -> None:
    replies = [NEUTRAL, NEUTRAL, NEUTRAL]
    first = play(scenario, replies, seed=7)
    again = play(scenario, replies, seed=7)
    assert first.as_json() == again.as_json()
    openings = {play(scenario, replies, seed=seed).turns[0].agent_line for seed in range(30)}
    assert len(openings) > 1


def test_result_as_json_is_plain_data(scenario: Scenario) -> None:
    data = play(scenario, ["Please get me a manager."]).as_json()
    assert data["outcome"] == "win"
    turns = data["turns"]
    assert isinstance(turns, list)
    assert set(turns[0]) >= {"agent_line", "reply", "scores", "overall", "cues", "next_node"}
