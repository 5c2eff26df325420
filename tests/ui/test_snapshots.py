"""Screenshots of the screens people look at most, compared with approved SVGs in
`__snapshots__/` (update with `pytest --snapshot-update` and look at the new ones)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from tests.conftest import EXAMPLE_SCENARIO
from tests.seeded_history import seed_history
from tests.ui.screens import checked, make_app, type_reply
from trainer.history.store import Store
from trainer.scenario.library import ScenarioFolder, default_folders, load_library
from trainer.ui.app import TrainerApp
from trainer.ui.screens.call import CallScreen
from trainer.ui.screens.debrief import DebriefScreen
from trainer.ui.screens.editor import EditorScreen

SnapCompare = Callable[..., bool]
MOVING_FEE_OPENING = (
    "Hi Marcus, thanks for taking my call. I'm moving from 18 Elm Grove to 7 Harbour View on "
    "14 June and I'd like my Fibre 300 plan moved with me. My account is LN-4821907."
)


async def settle(pilot: Pilot[None]) -> None:
    """Wait for workers and stop cursors blinking, so that every screenshot is the same."""
    app = pilot.app
    await app.workers.wait_for_complete()
    await pilot.pause()
    for widget in app.screen.query("Input, TextArea"):
        assert isinstance(widget, Input | TextArea)
        widget.cursor_blink = False
        # Drawn afresh (the text area keeps rendered lines), so that the cursor shows steady
        # whichever way it was blinking: the screenshot no longer depends on the moment.
        widget.notify_style_update()
        widget.refresh()
    await pilot.pause()


@pytest.fixture
def app(tmp_path: Path) -> TrainerApp:
    return make_app(tmp_path / "scores")


def test_home(snap_compare: SnapCompare, app: TrainerApp) -> None:
    assert snap_compare(app, terminal_size=(100, 30), run_before=settle)


def test_briefing(snap_compare: SnapCompare, tmp_path: Path) -> None:
    app = make_app(tmp_path, start_scenario="seats-apart")
    assert snap_compare(app, terminal_size=(100, 30), run_before=settle)


def test_call_mid_call_in_coach_mode(snap_compare: SnapCompare, tmp_path: Path) -> None:
    app = make_app(tmp_path, start_scenario="moving-fee")

    async def mid_call(pilot: Pilot[None]) -> None:
        await pilot.press("enter")
        type_reply(app, MOVING_FEE_OPENING)
        await pilot.press("enter")
        box = type_reply(app, "")
        box.insert("I've been with you since 2017. Why is there a $99 fee?")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(100, 34), run_before=mid_call)


@pytest.mark.slow
def test_debrief(snap_compare: SnapCompare, tmp_path: Path) -> None:
    scores = tmp_path / "scores"
    library = load_library(default_folders())
    app = make_app(scores, start_scenario="moving-fee", library=library)

    async def after_the_call(pilot: Pilot[None]) -> None:
        await pilot.press("enter")
        for reply in (MOVING_FEE_OPENING, "Okay, if that's the fee then fine."):
            type_reply(app, reply)
            await pilot.press("enter")
        # The agent only repeats the fee: the call goes on, and the caller hangs up.
        assert isinstance(app.screen, CallScreen)
        assert not app.screen.practice.finished
        await pilot.press("escape", "y")
        await settle(pilot)
        assert isinstance(app.screen, DebriefScreen)

    assert snap_compare(app, terminal_size=(120, 40), run_before=after_the_call)
    with Store(scores) as store:
        assert len(store.sessions()) == 1


def test_progress_with_a_seeded_history(snap_compare: SnapCompare, tmp_path: Path) -> None:
    library = load_library(default_folders())
    seed_history(tmp_path, library)
    app = make_app(tmp_path, library=library)

    async def on_progress(pilot: Pilot[None]) -> None:
        await pilot.press("f2")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(120, 40), run_before=on_progress)


def test_editor_with_a_broken_branch(snap_compare: SnapCompare, tmp_path: Path) -> None:
    # A copy in the (empty) working folder, so the editor shows the same relative path
    # wherever the checkout is.
    folder = Path("docs", "examples")
    folder.mkdir(parents=True)
    shutil.copy(EXAMPLE_SCENARIO, folder)
    library = load_library([ScenarioFolder(folder, "command line")])
    app = make_app(tmp_path / "scores", library=library)

    async def broken(pilot: Pilot[None]) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.press("ctrl+e")
        screen = pilot.app.screen
        assert isinstance(screen, EditorScreen)
        text = screen.source.text
        row = text[: text.index('goto = "supervisor"')].count("\n")
        screen.source.replace('goto = "supervisr"', (row, 0), (row, len('goto = "supervisor"')))
        screen.source.move_cursor((0, 0))
        await checked(pilot)
        await settle(pilot)

    assert snap_compare(app, terminal_size=(120, 36), run_before=broken)
