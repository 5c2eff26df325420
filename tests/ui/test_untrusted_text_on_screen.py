"""Control characters in a reply or an agent's line are shown on screen as escapes, never
written to the terminal (Textual passes them through as they are)."""

from __future__ import annotations

from textual.app import App, ComposeResult

from trainer.scoring.results import FiredCue
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
