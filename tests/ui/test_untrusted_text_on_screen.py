"""Control characters in a reply, an agent's line or the score history are shown on screen as
escapes, never written to the terminal (Textual passes them through as they are)."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import DataTable

from tests.conftest import TODAY
from tests.dated_history import DatedHistory
from tests.ui.screens import make_app
from tests.ui.test_progress_screen import open_progress, table_rows, text_of
from trainer.scenario.library import ScenarioFolder, load_library
from trainer.scoring.results import FiredCue
from trainer.support import paths
from trainer.ui.render import highlighted
from trainer.ui.widgets.conversation import AgentLine

TITLE_ESCAPE = "\x1b]2;owned\x07"


def test_a_reply_shows_its_control_characters_and_keeps_its_marks_on_the_right_words() -> None:
    reply = f"thanks{TITLE_ESCAPE} \x9b2J you idiot"
    idiot = reply.index("idiot")
    cues = [
        FiredCue("politeness", "thanks", "thanks", 0, 6, 20),
        FiredCue("politeness", "insult", "idiot", idiot, idiot + 5, -40),
    ]
    marked = highlighted(reply, cues)
    assert marked.plain == "thanks\\x1b]2;owned\\x07 \\x9b2J you idiot"
    styles = {marked.plain[s.start : s.end]: str(s.style) for s in marked.spans}
    assert "underline" in styles["thanks"]
    assert "strike" in styles["idiot"]


class OneLine(App[None]):
    """An app showing one agent line, at once."""

    def compose(self) -> ComposeResult:
        yield AgentLine(f"Sam{TITLE_ESCAPE}", f"Hello{TITLE_ESCAPE}\x1b[2J there", 0)


async def test_an_agent_line_with_control_characters_is_shown_whole_and_escaped() -> None:
    app = OneLine()
    async with app.run_test() as pilot:
        await pilot.pause()
        line = app.query_one(AgentLine)
        assert not line.speaking
        shown = str(line.render())
        assert "\x1b" not in shown
        assert "\x07" not in shown
        assert "Hello\\x1b]2;owned\\x07\\x1b[2J there" in shown
        assert "\x1b" not in str(line.border_title)


async def test_titles_and_outcomes_read_from_the_history_are_shown_escaped(
    tmp_path: Path,
) -> None:
    # One scenario in the library, so that the coach's pick is it, and says how it ended.
    folder = tmp_path / "scenarios"
    folder.mkdir()
    shutil.copy(paths.shipped_scenarios_dir() / "moving-fee.toml", folder)
    library = load_library([ScenarioFolder(folder, "yours")])
    history = DatedHistory(tmp_path)
    history.add("moving-fee", TODAY, f"loss{TITLE_ESCAPE}")  # a history edited by hand
    history.add("gone", TODAY, "win", title=f"Fee{TITLE_ESCAPE}")  # since removed
    history.close()
    app = make_app(tmp_path, library=library)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        home = app.screen
        [*_, last_played] = home.query_one(DataTable).get_row("moving-fee")
        assert str(last_played) == "today, loss\\x1b]2;owned\\x07"

        screen = await open_progress(pilot)
        rows = table_rows(screen.query_one("#bests", DataTable))
        cells = [cell for row in rows for cell in row]
        assert "Fee\\x1b]2;owned\\x07 (removed)" in cells
        assert "loss\\x1b]2;owned\\x07" in cells
        advice = text_of(screen.query_one("#next"))
        assert "it ended as loss\\x1b]2;owned\\x07 last time" in advice
        for shown in (*cells, advice):
            assert "\x1b" not in shown
            assert "\x07" not in shown
