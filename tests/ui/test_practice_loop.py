"""The practice loop through the screens: choose, brief, call, debrief, retry; every call
lands in a real score history in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, OptionList, Static

from tests.ui.screens import all_text, make_app, shown, type_reply
from trainer.history.store import Store
from trainer.scoring.scorer import Scorer, default_rubric
from trainer.ui.app import TrainerApp
from trainer.ui.screens.briefing import BriefingScreen
from trainer.ui.screens.call import CallScreen, ConfirmHangUp
from trainer.ui.screens.debrief import ChooseTurn, DebriefScreen, TurnReview
from trainer.ui.screens.home import HomeScreen
from trainer.ui.widgets.conversation import AgentLine, CustomerLine, TurnFeedback
from trainer.ui.widgets.meters import Meter, ScoreMeters
from trainer.ui.widgets.reply_box import ReplyBox

SIZE = (80, 24)


async def open_call(
    app: TrainerApp, pilot: object, filter_text: str, exam: bool = False
) -> CallScreen:
    """From Home: filter, open the briefing, choose the mode, start the call."""
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await app.workers.wait_for_complete()
    app.screen.query_one(Input).value = filter_text
    await pilot.pause()
    await pilot.press("enter")
    assert isinstance(app.screen, BriefingScreen)
    if exam:
        await pilot.press("m")
    await pilot.press("enter")
    assert isinstance(app.screen, CallScreen)
    return app.screen


async def send(app: TrainerApp, pilot: object, text: str) -> None:
    """Type a reply and press Enter."""
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    type_reply(app, text)
    await pilot.press("enter")
    await pilot.pause()


async def play_model_replies(app: TrainerApp, pilot: object) -> CallScreen:
    """Answer each point of the call with the scenario's model reply until it ends."""
    screen = app.screen
    assert isinstance(screen, CallScreen)
    practice = screen.practice
    while not practice.finished:
        model = practice.scenario.nodes[practice.call.node].model_reply
        assert model is not None
        await send(app, pilot, model)
    return screen


@pytest.mark.slow
async def test_coach_mode_plays_a_scenario_to_a_win_and_saves_every_turn(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        call = await open_call(app, pilot, "moving fee")
        assert call.practice.scenario.id == "moving-fee"
        await play_model_replies(app, pilot)
        assert "Call over: WIN" in shown(call.query_one("#ended"))
        replies = len(call.practice.call.turns)
        assert len(call.query(CustomerLine)) == replies
        assert len(call.query(TurnFeedback)) == replies
        await pilot.press("enter")
        assert isinstance(app.screen, DebriefScreen)
        assert "WIN" in shown(app.screen.query_one("#outcome-title"))
        assert "You won" in shown(app.screen.query_one("#outcome"))
        assert len(app.screen.query(TurnReview)) == replies
    with Store(tmp_path) as store:
        [session] = store.sessions()
        assert session.outcome == "win"
        assert session.mode == "coach"
        assert len(store.turns(session.id)) == replies


@pytest.mark.slow
async def test_exam_mode_plays_a_whole_call_with_no_scores_until_the_debrief(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        call = await open_call(app, pilot, "seats", exam=True)
        assert call.practice.mode == "exam"
        assert not call.query(ScoreMeters)
        await play_model_replies(app, pilot)
        lines = call.query(CustomerLine)
        assert len(lines) == len(call.practice.call.turns) > 1
        assert not any(line.show_cues for line in lines)
        assert not call.query(TurnFeedback)
        assert "Call over: WIN" in shown(call.query_one("#ended"))
        await pilot.press("enter")
        assert isinstance(app.screen, DebriefScreen)
        scores = shown(app.screen.query_one("#scores"))
        for name in ("politeness", "firmness", "evidence", "open questions", "overall"):
            assert name in scores
        assert app.screen.query(TurnReview)
    with Store(tmp_path) as store:
        [session] = store.sessions()
        assert (session.mode, session.outcome) == ("exam", "win")


async def test_live_meters_follow_the_reply_as_it_is_typed(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        call = await open_call(app, pilot, "moving fee")
        meters = {meter.dimension: meter for meter in call.query(Meter)}
        assert all(meter.score is None for meter in meters.values())
        reply = "Hi Marcus, thank you. Why is there a $99 fee on account LN-4821907?"
        box = type_reply(app, "")
        box.insert(reply)
        await pilot.pause()
        await app.workers.wait_for_complete()  # the draft is scored in a worker
        await pilot.pause()
        # A scorer of its own, from the rubric and the scenario's and node's own cues.
        scenario = call.practice.scenario
        node = scenario.nodes[scenario.start]
        scorer = Scorer(
            default_rubric(), [*scenario.cues, *node.cues], [scenario.weights, node.weights]
        )
        expected = scorer.score(reply)
        for dimension, meter in meters.items():
            assert meter.score == expected.scores[dimension]
            assert str(expected.scores[dimension]) in shown(meter)
        assert meters["evidence"].score
        assert meters["evidence"].score > 0
        box.clear()
        await pilot.pause()
        assert all(meter.score is None for meter in meters.values())


async def test_after_a_reply_coach_mode_marks_its_cues_and_gives_a_tip(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        call = await open_call(app, pilot, "moving fee")
        await send(app, pilot, "Hi, please waive the $99 fee, you useless idiots")
        [feedback] = call.query(TurnFeedback)
        text = shown(feedback)
        assert "cites an amount" in text
        assert "Tip (" in text
        [line] = call.query(CustomerLine)
        spans = line.content.spans  # type: ignore[union-attr]
        marked = {line.turn.reply[span.start : span.end] for span in spans}
        assert "$99" in marked
        assert "idiots" in marked


@pytest.mark.slow
async def test_hanging_up_mid_call_asks_first_then_saves_the_call_as_hung_up(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        call = await open_call(app, pilot, "refund")
        await send(app, pilot, "Hello, I cancelled on 2 March and was still charged $45.")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmHangUp)
        await pilot.press("n")
        assert app.screen_stack[-1] is call
        assert not call.practice.finished
        await pilot.press("escape")
        await pilot.press("y")
        assert isinstance(app.screen, DebriefScreen)
        assert "HUNG UP" in shown(app.screen.query_one("#outcome-title"))
    with Store(tmp_path) as store:
        [session] = store.sessions()
        assert session.outcome == "hung_up"
        assert len(store.turns(session.id)) == 1


@pytest.mark.slow
async def test_retry_from_a_turn_replays_the_earlier_replies_then_goes_on_live(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    first = "Hi Dana, I'm on SK212 on 3 May with my 3-year-old, booking QX7PLM, in 14C and 27F."
    async with app.run_test(size=SIZE) as pilot:
        await open_call(app, pilot, "seats")
        await send(app, pilot, first)
        await send(app, pilot, "Okay, fine.")
        await pilot.press("escape")
        await pilot.press("y")
        assert isinstance(app.screen, DebriefScreen)
        await pilot.press("t")
        assert isinstance(app.screen, ChooseTurn)
        options = app.screen.query_one(OptionList)
        assert options.option_count == 2
        options.highlighted = 1
        await pilot.press("enter")
        call = app.screen
        assert isinstance(call, CallScreen)
        assert call.practice.replayed == 1
        assert [turn.reply for turn in call.practice.call.turns] == [first]
        replayed = call.query(CustomerLine)
        assert len(replayed) == 1
        assert "replayed" in str(replayed.first().border_title)
        await send(app, pilot, "What would you do if it were your child?")
        assert len(call.practice.call.turns) == 2
        await pilot.press("escape")
        await pilot.press("y")
    with Store(tmp_path) as store:
        sessions = store.sessions()
        assert len(sessions) == 2
        retried = store.turns(sessions[1].id)
        assert [turn["reply"] for turn in retried] == [
            first,
            "What would you do if it were your child?",
        ]


@pytest.mark.slow
async def test_retry_plays_the_whole_call_again_as_a_new_session(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_call(app, pilot, "moving fee")
        await play_model_replies(app, pilot)
        await pilot.press("enter")
        await pilot.press("r")
        call = app.screen
        assert isinstance(call, CallScreen)
        assert call.practice.replayed == 0
        assert not call.practice.call.turns
        await play_model_replies(app, pilot)
        await pilot.press("enter")
        assert isinstance(app.screen, DebriefScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        scores = shown(app.screen.query_one("#scores"))
        assert "(=)" in scores  # the same replies score the same as the previous attempt
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        row = table.get_row("moving-fee")
        assert str(row[-1]) == "today, won"
    with Store(tmp_path) as store:
        assert [session.outcome for session in store.sessions()] == ["win", "win"]


async def test_replying_before_the_agent_has_finished_marks_the_turn_interrupted(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path, pace=15)
    async with app.run_test(size=SIZE) as pilot:
        call = await open_call(app, pilot, "moving fee")
        assert call.query(AgentLine).last().speaking
        await send(app, pilot, "Hi, I want the $99 fee waived.")
        [turn] = call.practice.call.turns
        assert turn.interrupted
        assert "interrupts the agent" in {cue.label for cue in turn.score.cues}
        assert "cut the agent off" in str(call.query(CustomerLine).first().border_title)
        assert not call.query(AgentLine).first().speaking


async def test_a_key_shows_the_agents_line_at_once(tmp_path: Path) -> None:
    app = make_app(tmp_path, pace=15)
    async with app.run_test(size=SIZE) as pilot:
        call = await open_call(app, pilot, "moving fee")
        line = call.query(AgentLine).last()
        assert line.speaking
        await pilot.press("ctrl+s")
        assert not line.speaking
        assert shown(line) == line.text
        await send(app, pilot, "Hi Marcus, I'd like the $99 moving fee waived, please.")
        assert not call.practice.call.turns[0].interrupted


@pytest.mark.slow
async def test_replies_with_markup_characters_are_shown_exactly_as_typed(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    reply = "Is [b]this[/b] a [fee]? x [/] y [link=z]"
    async with app.run_test(size=SIZE) as pilot:
        call = await open_call(app, pilot, "moving fee")
        await send(app, pilot, reply)
        assert shown(call.query(CustomerLine).first()) == reply
        await pilot.press("escape")
        await pilot.press("y")
        assert isinstance(app.screen, DebriefScreen)
        assert reply in all_text(list(app.screen.query(".review-reply")))


@pytest.mark.slow
async def test_the_goal_and_turn_counter_stay_visible_at_80_by_24(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        call = await open_call(app, pilot, "competitor")
        for number in range(1, 4):
            status = shown(call.query_one("#call-status"))
            assert f"turn {number} of up to" in status
            await send(app, pilot, "I see. Could you tell me more about my options, please?")
        goal = call.query_one("#call-goal", Static)
        for widget in (goal, call.query_one("#call-status"), call.query_one("#reply")):
            region = widget.region
            assert region.height >= 1
            assert region.y >= 0
            assert region.bottom <= SIZE[1]
        assert "Goal:" in shown(goal)


@pytest.mark.slow
async def test_ctrl_j_starts_a_new_line_and_enter_sends_the_whole_reply(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        call = await open_call(app, pilot, "moving fee")
        await pilot.press(*"Hi Marcus.")
        await pilot.press("ctrl+j")
        await pilot.press(*"The fee is $99.")
        assert not call.practice.call.turns
        await pilot.press("enter")
        [turn] = call.practice.call.turns
        assert turn.reply == "Hi Marcus.\nThe fee is $99."
        assert call.query_one(ReplyBox).text == ""


async def test_an_empty_reply_is_not_sent(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        call = await open_call(app, pilot, "moving fee")
        await pilot.press("space", "enter")
        assert not call.practice.call.turns


async def test_quitting_mid_call_keeps_the_turns_and_records_a_hang_up(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_call(app, pilot, "moving fee")
        await send(app, pilot, "Hello, I'd like the $99 fee waived please.")
        await pilot.press("ctrl+q")
    with Store(tmp_path) as store:
        [session] = store.sessions()
        assert session.outcome == "hung_up"
        assert len(store.turns(session.id)) == 1


async def test_clicking_the_agents_line_shows_all_of_it(tmp_path: Path) -> None:
    app = make_app(tmp_path, pace=15)
    async with app.run_test(size=SIZE) as pilot:
        call = await open_call(app, pilot, "moving fee")
        line = call.query(AgentLine).last()
        assert line.speaking
        await pilot.click(line)
        assert not line.speaking


@pytest.mark.slow
async def test_enter_on_a_turn_in_the_debrief_retries_from_that_turn(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_call(app, pilot, "moving fee")
        await send(app, pilot, "Hello, I'm moving house on 14 June.")
        await send(app, pilot, "Fine.")
        await pilot.press("escape", "y")
        reviews = app.screen.query(TurnReview)
        reviews.last().focus()
        await pilot.press("enter")
        call = app.screen
        assert isinstance(call, CallScreen)
        assert call.practice.replayed == 1


@pytest.mark.slow
async def test_going_home_or_to_a_briefing_during_a_call_returns_to_the_call(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        call = await open_call(app, pilot, "moving fee")
        await pilot.press("f2")
        assert app.screen is not call
        app.action_home()
        await pilot.pause()
        assert app.screen_stack[-1] is call
        seats = app.context.library.get("seats-apart")
        assert seats is not None
        app.open_briefing(seats)
        await pilot.pause()
        assert app.screen_stack[-1] is call
        assert not call.practice.finished
