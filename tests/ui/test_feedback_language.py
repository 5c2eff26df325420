"""Coach mode's feedback on a reply in another language: said once that the rubric reads
English, instead of that nothing counted."""

from __future__ import annotations

from pathlib import Path

from tests.ui.screens import make_app, shown, type_reply
from trainer.ui.screens.call import CallScreen
from trainer.ui.widgets.conversation import TurnFeedback


async def test_the_first_reply_in_another_language_is_told_the_rubric_reads_english(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path, start_scenario="moving-fee")
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("enter")  # start the call from the briefing, in coach mode
        assert isinstance(app.screen, CallScreen)
        for reply in ("Ik wil graag mijn geld terug.", "Dat is niet eerlijk, echt niet."):
            type_reply(app, reply)
            await pilot.press("enter")
            await pilot.pause()
        first, second = (shown(f) for f in app.screen.query(TurnFeedback))
        assert "rubric reads English" in first
        assert "Nothing in this reply moved a score." not in first
        assert "English" not in second
        assert "Nothing in this reply moved a score." in second
