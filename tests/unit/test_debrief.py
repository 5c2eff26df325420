"""What the debrief says: the outcome in words, earlier attempts, and one thing to do next."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scenario_scripts import RUDE, VAGUE, play_model_replies, play_script
from trainer.call.dialogue import Call, play
from trainer.history.store import Store
from trainer.practice.debrief import (
    earlier_attempts,
    focus_dimension,
    model_reply,
    next_time,
    outcome_sentence,
)
from trainer.scenario.library import default_folders, load_library
from trainer.scenario.model import Scenario
from trainer.scoring.explain import DIMENSION_NAMES


@pytest.fixture(scope="module")
def moving_fee() -> Scenario:
    scenario = load_library(default_folders()).get("moving-fee")
    assert scenario is not None
    return scenario


def test_the_outcome_is_said_in_words_against_the_goal(moving_fee: Scenario) -> None:
    won = play_model_replies(moving_fee)
    assert outcome_sentence(won, moving_fee).startswith("You won after")
    assert moving_fee.goal in outcome_sentence(won, moving_fee)
    hung_up = play(moving_fee, ["Hello"])
    assert outcome_sentence(hung_up, moving_fee) == (
        "You hung up after 1 reply, before the call reached an outcome."
    )


def test_previous_and_best_leave_out_the_call_being_debriefed(
    moving_fee: Scenario, tmp_path: Path
) -> None:
    with Store(tmp_path) as store:
        ids = []
        for replies in (["Hello"], list(VAGUE), ["Thanks, I want the $99 fee waived."]):
            result = play(moving_fee, replies)
            session = store.start_session(moving_fee, "hash", 0, "coach")
            for turn in result.turns:
                store.add_turn(session, turn)
            store.finish_session(session, result)
            ids.append(session)
        rows = store.sessions("moving-fee")
    earlier = earlier_attempts(rows, current_session=ids[-1])
    assert earlier.previous is not None
    assert earlier.previous.id == ids[1]
    assert earlier.best_score("overall") == max(row.overall or 0 for row in rows[:2])
    assert earlier_attempts(rows[:1], current_session=ids[0]).previous is None


def test_next_time_names_a_missed_tactic_where_the_strong_reply_uses_it(
    moving_fee: Scenario,
) -> None:
    call = Call(moving_fee, 0)
    result = play_script(moving_fee, VAGUE)
    advice = next_time(result, moving_fee, call.scorer_at)
    missed = result.tactics_missed[0]
    assert f"the strong reply {missed}; you did not" in advice
    assert any(
        node.model_reply is not None and node.model_reply in advice
        for node in moving_fee.nodes.values()
    )


def test_without_missed_tactics_next_time_points_at_the_weakest_turn(moving_fee: Scenario) -> None:
    result = play_model_replies(moving_fee)
    advice = next_time(result, moving_fee, scorer_at=None)
    assert advice.startswith("Your weakest moment was turn ")
    turn_number = int(advice.split("turn ")[1].split(",")[0])
    turn = result.turns[turn_number - 1]
    dimension = focus_dimension(turn, moving_fee)
    assert f"scored {turn.score.scores[dimension]}" in advice
    assert next_time(play(moving_fee, []), moving_fee).startswith("Stay on the line")


def test_the_model_reply_is_the_one_written_for_that_point_of_the_call(
    moving_fee: Scenario,
) -> None:
    start = moving_fee.start
    assert model_reply(moving_fee, start) == moving_fee.nodes[start].model_reply
    assert model_reply(moving_fee, "no-such-node") is None


def test_with_every_tactic_used_next_time_shows_where_the_strong_reply_did_better(
    moving_fee: Scenario,
) -> None:
    call = Call(moving_fee, 0)
    call.reply("Hello.")  # a bland opening where the model reply is specific
    while not call.finished:
        model = moving_fee.nodes[call.node].model_reply
        assert model is not None
        call.reply(model)
    result = call.result()
    assert result.tactics_missed == ()
    advice = next_time(result, moving_fee, call.scorer_at)
    opening = moving_fee.nodes[moving_fee.start].model_reply
    assert advice.startswith("At turn 1 your ")
    assert f'The strong reply: "{opening}"' in advice
    said = advice.split("your ")[1].split(" scored ")
    dimension = next(d for d, name in DIMENSION_NAMES.items() if name == said[0])
    yours = result.turns[0].score.scores[dimension]
    assert f"scored {yours}; the strong reply scores " in advice
    theirs = int(advice.split("the strong reply scores ")[1].split(".")[0])
    assert theirs > yours


def test_a_rude_reply_is_what_next_time_is_about_first(moving_fee: Scenario) -> None:
    result = play_script(moving_fee, RUDE)
    advice = next_time(result, moving_fee, Call(moving_fee, 0).scorer_at)
    worst = min(result.turns, key=lambda turn: turn.score.scores["politeness"])
    assert advice.startswith(
        f"At turn {worst.number} your politeness fell to {worst.score.scores['politeness']} ("
    )
    insults = {c.label for c in worst.score.cues if c.dimension == "politeness" and c.weight < 0}
    assert all(label in advice for label in insults)


def test_cutting_the_agent_off_is_named_when_it_is_what_cost_politeness(
    moving_fee: Scenario,
) -> None:
    call = Call(moving_fee, 0)
    while not call.finished:
        model = moving_fee.nodes[call.node].model_reply
        assert model is not None
        call.reply(model, interrupted=call.turns == [])  # the first reply cuts the agent off
    advice = next_time(call.result(), moving_fee, call.scorer_at)
    assert advice.startswith("At turn 1 your politeness scored ")
    assert "You cut the agent off" in advice
