"""Leaving a call: Ctrl+Q asks first, as Esc does; a call left before any reply is not saved,
one left after a reply is saved as hung up."""

from __future__ import annotations

from pathlib import Path

from tests.ui.screens import make_app, type_reply
from trainer.history.store import Store
from trainer.ui.screens.call import CallScreen, ConfirmHangUp, ConfirmQuit
from trainer.ui.screens.debrief import DebriefScreen

SIZE = (100, 30)


def saved_calls(scores: Path) -> list[tuple[str | None, int]]:
    """Each stored call's outcome and number of turns."""
    with Store(scores) as store:
        return [(call.outcome, len(store.turns(call.id))) for call in store.sessions()]


async def test_ctrl_q_on_the_first_line_asks_and_then_leaves_nothing_saved(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path, start_scenario="seats-apart")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # start the call
        call = app.screen
        assert isinstance(call, CallScreen)
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ConfirmQuit), "Ctrl+Q mid-call asks first"
        assert "nothing is saved" in app.screen.question
        await pilot.press("n")
        assert app.screen_stack[-1] is call
        assert app.is_running
        await pilot.press("ctrl+q", "y")
        await pilot.pause()
    assert not app.is_running
    assert saved_calls(tmp_path) == []


async def test_ctrl_q_after_a_reply_asks_and_keeps_the_call_as_hung_up(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_scenario="seats-apart")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        type_reply(app, "Hello, my son and I were seated apart: 14C and 27F.")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ConfirmQuit)
        assert "1 reply" in app.screen.question
        await pilot.press("escape")
        assert isinstance(app.screen, CallScreen)
        await pilot.press("ctrl+q", "enter")
        await pilot.pause()
    assert not app.is_running
    assert saved_calls(tmp_path) == [("hung_up", 1)]


async def test_hanging_up_before_any_reply_shows_the_debrief_and_saves_nothing(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path, start_scenario="seats-apart")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "escape")
        assert isinstance(app.screen, ConfirmHangUp)
        await pilot.press("y")
        assert isinstance(app.screen, DebriefScreen)
    assert saved_calls(tmp_path) == []


async def test_ctrl_q_once_the_call_is_over_leaves_at_once(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_scenario="seats-apart")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "escape", "y")
        assert isinstance(app.screen, DebriefScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running
