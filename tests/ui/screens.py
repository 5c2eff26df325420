"""Helpers for driving the trainer's screens in tests: build the app, read what is shown."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

from textual.content import Content
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Static

from tests.conftest import TODAY
from trainer.scenario.library import Library, default_folders, load_library
from trainer.support.settings import Settings
from trainer.ui.app import TrainerApp
from trainer.ui.context import TrainerContext
from trainer.ui.widgets.reply_box import ReplyBox


def make_app(
    scores: Path | None,
    pace: int = 0,
    start_scenario: str | None = None,
    library: Library | None = None,
    settings_path: Path | None = None,
    scenarios_folder: Path | None = None,
) -> TrainerApp:
    """The app on a temporary scores folder, a fixed day and seed, agent lines at `pace`;
    new scenarios go to `scenarios_folder`."""
    context = TrainerContext(
        library=library if library is not None else load_library(default_folders()),
        scores_folder=scores,
        settings=Settings(pace=pace),
        settings_path=settings_path,
        today=lambda: TODAY,
        seed=0,
        scenarios_folder=scenarios_folder,
    )
    return TrainerApp(context, start_scenario)


def shown(widget: Widget) -> str:
    """The plain text a Static shows."""
    assert isinstance(widget, Static)
    content = widget.content
    return content.plain if isinstance(content, Content) else str(content)


def all_text(widgets: Sequence[Widget]) -> str:
    """The text of several Statics, one per line."""
    return "\n".join(shown(widget) for widget in widgets)


def type_reply(app: TrainerApp, text: str) -> ReplyBox:
    """Put `text` in the call's reply box (as if typed) and return the box."""
    box = app.screen.query_one(ReplyBox)
    box.text = text
    return box


async def until(
    pilot: Pilot[None], condition: Callable[[], bool], what: str, seconds: float = 10
) -> None:
    """Let the app run until `condition` holds (checked between its steps), then once more;
    fail after `seconds`, naming `what` was awaited."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        await pilot.pause(0.01)
    await pilot.pause()


async def checked(pilot: Pilot[None]) -> None:
    """Wait until the editor shows the check of its text as it stands: its status line no
    longer says "checking" (the check starts after a pause in typing, in a worker)."""
    await pilot.pause()  # the last edit is handled: the status says "checking" from now on
    status = pilot.app.screen.query_one("#status", Static)
    await until(pilot, lambda: "checking" not in shown(status), "the editor's check")
