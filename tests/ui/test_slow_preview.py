"""Coach mode with a scenario whose patterns backtrack for ever: the draft is scored off the
app's thread, so keys appear as they are pressed, the meters end on the latest draft, and a
pattern too slow to use is said so once."""

from __future__ import annotations

from pathlib import Path

from tests.scenario_hostile import SLOW_REPLY, write_hostile_scenario
from tests.ui.screens import make_app, until
from trainer.scenario.library import default_folders, load_library
from trainer.ui.screens.call import CallScreen
from trainer.ui.widgets.meters import Meter
from trainer.ui.widgets.reply_box import ReplyBox


async def test_typing_never_waits_for_slow_patterns(tmp_path: Path) -> None:
    folder = tmp_path / "scenarios"
    write_hostile_scenario(folder, patterns=8)
    library = load_library(default_folders([folder]))
    app = make_app(tmp_path / "scores", start_scenario="hostile", library=library)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("enter")  # start the call, in coach mode
        call = app.screen
        assert isinstance(call, CallScreen)
        box = call.query_one(ReplyBox)
        await pilot.press(*SLOW_REPLY)
        assert box.text == SLOW_REPLY
        await pilot.press(*" thank you")
        await app.workers.wait_for_complete()
        await pilot.pause()
        # The meters show the last draft, not a stale preview that finished after it.
        politeness = next(m for m in call.query(Meter) if m.dimension == "politeness")
        latest = call.practice.call.preview(box.text)
        assert politeness.score == latest.scores["politeness"]
        await until(pilot, lambda: bool(app._notifications), "the slow-pattern warning")
        said = [n.message for n in app._notifications]
        assert any("slow 0" in message for message in said), said
        assert all(said.count(message) == 1 for message in said)
