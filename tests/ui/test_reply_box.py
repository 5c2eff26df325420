"""The reply box as a person types and pastes into it (a paste arrives at the app, as from a
terminal): a reply holds at most 5,000 characters, the box says so as the reply nears it, and
a long paste sends with one Enter."""

from __future__ import annotations

from pathlib import Path

from textual import events

from tests.ui.screens import make_app
from trainer.ui.app import TrainerApp
from trainer.ui.screens.briefing import BriefingScreen
from trainer.ui.screens.call import CallScreen
from trainer.ui.widgets.reply_box import ReplyBox

LIMIT = 5000


async def _start_call(app: TrainerApp, pilot: object) -> CallScreen:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await app.workers.wait_for_complete()
    assert isinstance(app.screen, BriefingScreen)
    await pilot.press("enter")
    assert isinstance(app.screen, CallScreen)
    return app.screen


def _said_of_the_limit(box: ReplyBox) -> str:
    return str(box.border_subtitle or "")


async def test_a_paste_past_the_limit_keeps_the_first_5000_characters(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_scenario="moving-fee")
    async with app.run_test(size=(100, 30)) as pilot:
        call = await _start_call(app, pilot)
        box = call.query_one(ReplyBox)
        pasted = "The fee is $99 and I was never told about it. " * 150  # 6,900 characters
        app.post_message(events.Paste(pasted))
        await pilot.pause()
        assert box.text == pasted[:LIMIT]
        assert "5,000" in _said_of_the_limit(box)
        await pilot.press("x")  # a key at the limit adds nothing
        assert box.text == pasted[:LIMIT]
        await pilot.press("enter")
        await pilot.pause()
        [turn] = call.practice.call.turns
        assert turn.reply == pasted[:LIMIT]


async def test_the_box_counts_characters_only_near_the_limit(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_scenario="moving-fee")
    async with app.run_test(size=(100, 30)) as pilot:
        call = await _start_call(app, pilot)
        box = call.query_one(ReplyBox)
        app.post_message(events.Paste("Hello Marcus, about the moving fee."))
        await pilot.pause()
        assert _said_of_the_limit(box) == ""
        app.post_message(events.Paste("x" * 4700))
        await pilot.pause()
        assert "4,735" in _said_of_the_limit(box)
        await pilot.press("backspace")
        assert "4,734" in _said_of_the_limit(box)


async def test_a_long_paste_is_sent_with_one_enter(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_scenario="moving-fee")
    async with app.run_test(size=(100, 30)) as pilot:
        call = await _start_call(app, pilot)
        box = call.query_one(ReplyBox)
        pasted = ("I have been a customer for six years and the $99 fee was never mentioned. ")[
            :75
        ] * 40
        app.post_message(events.Paste(pasted))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert [turn.reply for turn in call.practice.call.turns] == [pasted]
        assert box.text == ""
