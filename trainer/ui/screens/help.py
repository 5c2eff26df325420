"""Help: every key binding, screen by screen, and how replies are scored."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from trainer.ui.widgets.reply_box import NEW_LINE_KEYS

SCORING = (
    "Each reply is scored 0-100 on four things. Politeness and firmness start at 50: "
    "courtesy and clear requests push them up, rudeness and giving in push them down. "
    "Evidence (dates, amounts, reference numbers, what was promised) and open questions "
    "(what, how, why) start at 0. In coach mode the meters follow your reply as you type; "
    "after you send it, the words that counted are underlined (earned points) or struck "
    "through (cost points), with the points and a tip."
)


def key_name(key: str) -> str:
    """A key as people write it: "ctrl+s" -> "Ctrl+S", "escape" -> "Esc"."""
    names = {"escape": "Esc", "enter": "Enter", "pageup": "PgUp", "pagedown": "PgDn"}
    parts = [
        names.get(part, part.upper() if len(part) == 1 else part.capitalize())
        for part in key.split("+")
    ]
    return "+".join(parts)


def binding_rows(bindings: list[BindingType]) -> list[tuple[str, str]]:
    """(keys, what they do) for each binding that has a description."""
    rows: list[tuple[str, str]] = []
    for binding in bindings:
        if isinstance(binding, Binding) and binding.description:
            keys = " / ".join(key_name(key) for key in binding.key.split(","))
            rows.append((keys, binding.tooltip or binding.description))
    return rows


class HelpScreen(Screen[None]):
    """Every key, screen by screen."""

    CSS_PATH = "help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f1", "app.pop_screen", "Close help")]

    def compose(self) -> ComposeResult:
        from trainer.ui.app import TrainerApp
        from trainer.ui.screens.briefing import BriefingScreen
        from trainer.ui.screens.call import CallScreen
        from trainer.ui.screens.debrief import DebriefScreen, TurnReview
        from trainer.ui.screens.editor import EditorScreen
        from trainer.ui.screens.home import HomeScreen
        from trainer.ui.screens.progress import ProgressScreen

        new_line = " / ".join(key_name(key) for key in sorted(NEW_LINE_KEYS))
        sections: list[tuple[str, list[tuple[str, str]]]] = [
            (
                "Everywhere",
                [
                    *binding_rows(TrainerApp.BINDINGS),
                    ("Ctrl+P", "Command palette: screens, scenarios, themes"),
                ],
            ),
            (
                "Home",
                [
                    ("Type", "Filter the scenarios"),
                    ("Up / Down", "Choose a scenario"),
                    ("Tab", "Move between the filter and the list"),
                    *binding_rows(HomeScreen.BINDINGS),
                ],
            ),
            ("Briefing", binding_rows(BriefingScreen.BINDINGS)),
            (
                "Call",
                [
                    ("Enter", "Send your reply"),
                    (new_line, "New line in your reply"),
                    ("PgUp / PgDn", "Scroll the conversation"),
                    *binding_rows(CallScreen.BINDINGS),
                ],
            ),
            (
                "Debrief",
                [
                    ("Tab", "Move between turns"),
                    *binding_rows(TurnReview.BINDINGS),
                    *binding_rows(DebriefScreen.BINDINGS),
                ],
            ),
            ("Progress", binding_rows(ProgressScreen.BINDINGS)),
            (
                "Editor",
                [
                    *binding_rows(EditorScreen.BINDINGS),
                    ("Enter", "On a problem, a node or a branch: go to its line"),
                    ("Ctrl+Z / Ctrl+Y", "Undo / redo"),
                    ("F7", "Select all"),
                ],
            ),
        ]
        yield Header()
        with VerticalScroll(id="help"):
            for title, rows in sections:
                width = max((len(keys) for keys, _ in rows), default=0)
                lines = [Content.styled(title, "bold $text-accent")]
                lines += [
                    Content.assemble((f"  {keys:<{width}}  ", "bold"), what) for keys, what in rows
                ]
                yield Static(Content("\n").join(lines), classes="help-section")
            yield Static(
                Content.assemble(("How replies are scored\n", "bold $text-accent"), SCORING),
                classes="help-section",
            )
        yield Footer()
