"""Helpers for the editor's tests: the app on one scenarios folder, opening the editor, reading
its panes, editing its text as typing would, and changing its file behind its back."""

from __future__ import annotations

import os
from pathlib import Path

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import OptionList, Tree

from tests.ui.screens import checked, make_app
from trainer.scenario.library import ScenarioFolder, load_library
from trainer.ui.app import TrainerApp
from trainer.ui.screens.editor import EditorScreen

SIZE = (120, 40)


def app_on(folder: Path, scores: Path | None = None, pace: int = 0) -> TrainerApp:
    """The app with only `folder` in its library, where new scenarios are written too."""
    library = load_library([ScenarioFolder(folder, "yours")])
    return make_app(scores, pace=pace, library=library, scenarios_folder=folder)


async def open_editor(app: TrainerApp, pilot: Pilot[None]) -> EditorScreen:
    """From Home, Ctrl+E on the highlighted scenario; wait for the first check."""
    await app.workers.wait_for_complete()
    await pilot.press("ctrl+e")
    assert isinstance(app.screen, EditorScreen)
    await checked(pilot)
    return app.screen


def problems_shown(screen: EditorScreen) -> list[str]:
    """The problem list as the author reads it, one line per problem."""
    options = screen.query_one("#problems", OptionList)
    return [
        " ".join(str(options.get_option_at_index(i).prompt).split())
        for i in range(options.option_count)
    ]


def map_shown(screen: EditorScreen) -> list[str]:
    """The node map, each node then its branches."""
    tree = screen.query_one("#map", Tree)
    lines = []
    for node in tree.root.children:
        lines.append(str(node.label))
        lines += [f"  {child.label}" for child in node.children]
    return lines


def line_of(text: str, fragment: str) -> int:
    """The line (from 1) where `fragment` first appears."""
    return text[: text.index(fragment)].count("\n") + 1


def replace(screen: EditorScreen, old: str, new: str) -> None:
    """Edit the text as typing would: replace the first `old` with `new`."""
    text = screen.source.text
    index = text.index(old)
    screen.source.replace(new, location(text, index), location(text, index + len(old)))


def location(text: str, index: int) -> tuple[int, int]:
    """(row, column) of a character index in `text`."""
    row = text.count("\n", 0, index)
    return row, index - (text.rfind("\n", 0, index) + 1)


def top(app: TrainerApp) -> Screen[object]:
    """The screen on top (a call, so that each check reads it afresh)."""
    return app.screen


def changed_elsewhere(path: Path) -> str:
    """Change the file as another editor would (a second later); its new text."""
    theirs = path.read_text(encoding="utf-8").replace('name = "Casey"', 'name = "Robin"')
    path.write_text(theirs, encoding="utf-8")
    stamp = path.stat().st_mtime_ns + 1_000_000_000
    os.utime(path, ns=(stamp, stamp))
    return theirs
