"""The editor's questions: what to do with unsaved changes, and the id of a new scenario."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from trainer.authoring.scaffold import new_id_problem
from trainer.support.problems import display_path

Answer = Literal["save", "discard"]


class UnsavedChanges(ModalScreen[Answer | None]):
    """Ask what to do with changes that are not saved anywhere yet."""

    CSS_PATH = "editor_dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s,enter", "answer('save')", "Save", priority=True),
        Binding("d", "answer('discard')", "Discard", priority=True),
        Binding("escape", "answer(None)", "Keep editing", priority=True),
    ]

    def __init__(self, name: str) -> None:
        super().__init__()
        self.file_name = name

    def compose(self) -> ComposeResult:
        with Vertical(classes="question"):
            yield Static(Content.styled(f"{self.file_name} has unsaved changes", "bold"))
            yield Static(
                "Saving writes the file if it is a valid scenario, otherwise keeps it "
                "beside the file as a .draft."
            )
            yield Static(
                Content.styled(
                    "S or Enter: save \u00b7 D: discard \u00b7 Esc: keep editing", "$text-muted"
                )
            )
        yield Footer()

    def action_answer(self, answer: Answer | None) -> None:
        """Close the question with the answer."""
        self.dismiss(answer)


class NewScenario(ModalScreen[str | None]):
    """Ask for the id of a new scenario (its file is named after it)."""

    CSS_PATH = "editor_dialogs.tcss"
    AUTO_FOCUS = "#new-id"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", priority=True),
    ]

    def __init__(self, folder: Path, suggested: str, taken: dict[str, Path]) -> None:
        super().__init__()
        self.folder = folder
        self.suggested = suggested
        self.taken = taken

    def compose(self) -> ComposeResult:
        with Vertical(classes="question"):
            yield Static(Content.styled("New scenario", "bold"))
            yield Static(
                Content(
                    "Its id, like late-refund: lower-case letters, digits and hyphens. "
                    f"It is saved as <id>.toml in {display_path(self.folder)}."
                )
            )
            yield Input(placeholder=f"{self.suggested} (Enter takes this)", id="new-id")
            yield Static(id="id-problem")
            yield Static(Content.styled("Enter: start writing \u00b7 Esc: cancel", "$text-muted"))
        yield Footer()

    @on(Input.Changed)
    def _retyped(self) -> None:
        self.query_one("#id-problem", Static).update("")

    @on(Input.Submitted)
    def _chosen(self, event: Input.Submitted) -> None:
        scenario_id = event.value.strip() or self.suggested
        problem = new_id_problem(scenario_id, self.folder, self.taken)
        if problem is None:
            self.dismiss(scenario_id)
        else:
            self.query_one("#id-problem", Static).update(Content.styled(problem, "$text-error"))

    def action_cancel(self) -> None:
        """Close without starting a scenario."""
        self.dismiss(None)
