"""The feedback names what a reply was read as doing, so that a person can see why the agent
answered as it did: after each reply in coach mode, and per turn in the debrief."""

from __future__ import annotations

from pathlib import Path

from tests.ui.screens import make_app, shown
from tests.ui.test_practice_loop import SIZE, open_call, send
from trainer.ui.widgets.conversation import TurnFeedback


async def test_coach_feedback_names_the_acts_it_read(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        call = await open_call(app, pilot, "moving fee")
        await send(app, pilot, "No thanks, I don't want to pay that. Who can actually fix this?")
        await send(app, pilot, "My account is LN-4821907 and I move on 14 June.")
        first, second = (shown(feedback) for feedback in call.query(TurnFeedback))
        assert "Read as: refuses the offer \u00b7 asks for a supervisor" in " ".join(first.split())
        assert "Read as" not in second
