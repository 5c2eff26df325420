"""Briefing: the situation, the goal, the agent, the tips, and the choice of mode."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Checkbox, Footer, Header, RadioButton, RadioSet, Static

from trainer.practice.session import Mode
from trainer.scenario.model import Scenario
from trainer.support.terminal import visible
from trainer.support.text import plural
from trainer.ui.render import untrusted
from trainer.ui.screens.base import TrainerScreen

MODE_HELP: dict[Mode, str] = {
    "coach": "Coach mode is on: live scores while you type, and feedback after each reply.",
    "exam": "Exam mode is on: no scores until the call is over, as on the real call.",
}


class BriefingScreen(TrainerScreen):
    """What the call is about, before it starts."""

    CSS_PATH = "briefing.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Start call", tooltip="Start the call", priority=True),
        Binding("m", "toggle_mode", "Mode", tooltip="Switch between coach and exam mode"),
        Binding("t", "toggle_tips", "Tips", tooltip="Show or hide the tips"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, scenario: Scenario) -> None:
        super().__init__()
        self.scenario = scenario
        self.mode: Mode = "coach"
        self.show_tips = True

    def compose(self) -> ComposeResult:
        scenario = self.scenario
        title, company, category, agent = (
            visible(text, keep_lines=False)
            for text in (scenario.title, scenario.company, scenario.category, scenario.agent.name)
        )
        yield Header()
        with VerticalScroll(id="briefing"):
            yield Static(Content.styled(title, "bold"), id="title")
            yield Static(
                Content(
                    f"{company} \u00b7 {category} \u00b7 level "
                    f"{scenario.difficulty}/5 \u00b7 you will speak to {agent}"
                ),
                id="facts",
            )
            if scenario.agent.persona:
                yield Static(
                    Content.assemble(
                        (f"About {agent}: ", "italic"), untrusted(scenario.agent.persona)
                    ),
                    id="persona",
                )
            yield Static(untrusted(" ".join(scenario.brief.split())), id="situation")
            yield Static(
                Content.assemble(("Your goal: ", "bold"), untrusted(scenario.goal)), id="goal"
            )
            yield Static(id="tips")
        with Vertical(id="start"):
            with Horizontal(id="choices"):
                with RadioSet(id="mode"):
                    yield RadioButton("Coach", value=self.mode == "coach", id="coach")
                    yield RadioButton("Exam", value=self.mode == "exam", id="exam")
                yield Checkbox("Show tips", value=self.show_tips, id="show-tips")
            yield Static(id="mode-help")
            yield Static(
                Content.assemble(
                    ("Press Enter to start the call", "bold $text-accent"),
                    " \u00b7 Esc goes back",
                ),
                id="start-hint",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#situation").border_title = "The situation"
        self._show_tips()
        self._show_mode()

    def _show_tips(self) -> None:
        tips = self.query_one("#tips", Static)
        if not self.scenario.tips:
            tips.update(Content.styled("This scenario has no tips.", "italic $text-muted"))
        elif self.show_tips:
            lines = [Content.styled("Tips", "bold")]
            lines += [untrusted(f"\u2022 {tip}") for tip in self.scenario.tips]
            tips.update(Content("\n").join(lines))
        else:
            count = len(self.scenario.tips)
            tips.update(
                Content.styled(
                    f"{plural(count, 'tip')} hidden for a harder run (T shows them).",
                    "italic $text-muted",
                )
            )

    def _show_mode(self) -> None:
        self.query_one("#mode-help", Static).update(Content(MODE_HELP[self.mode]))

    @on(RadioSet.Changed, "#mode")
    def _mode_chosen(self, event: RadioSet.Changed) -> None:
        self.mode = "exam" if event.pressed.id == "exam" else "coach"
        self._show_mode()

    @on(Checkbox.Changed, "#show-tips")
    def _tips_chosen(self, event: Checkbox.Changed) -> None:
        self.show_tips = event.value
        self._show_tips()

    def action_toggle_mode(self) -> None:
        """Switch between coach and exam mode."""
        other = "exam" if self.mode == "coach" else "coach"
        self.query_one(f"#{other}", RadioButton).value = True

    def action_toggle_tips(self) -> None:
        """Show or hide the tips."""
        checkbox = self.query_one("#show-tips", Checkbox)
        checkbox.value = not checkbox.value

    def action_start(self) -> None:
        """Start the call."""
        self.trainer.start_call(self.scenario, self.mode, self.show_tips)

    def action_back(self) -> None:
        """Back to where the briefing was opened from."""
        self.app.pop_screen()
