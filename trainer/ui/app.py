"""The trainer's Textual app, built from a context: by `trainer.ui.startup` for the command
line, and by the tests with contexts of their own."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from trainer.history.access import History
from trainer.scenario.model import Scenario
from trainer.support.problems import display_path, quote
from trainer.support.settings import SettingsEditError, save_settings
from trainer.support.suggest import similar
from trainer.support.terminal import visible
from trainer.ui.context import TrainerContext
from trainer.ui.render import as_markup

if TYPE_CHECKING:
    from trainer.practice.session import Mode, Practice


NARROW_BELOW = 100
"""Columns below which the footer's keys are drawn closer together, so that all of them fit."""


class TrainerApp(App[None]):
    """Choose a scenario, read the briefing, make the call, read the debrief, watch progress."""

    CSS_PATH = "app.tcss"
    TITLE = "trainer"
    SUB_TITLE = "rehearse the call before you make it"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help"),
        Binding("f2", "progress", "Progress"),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(self, context: TrainerContext, start_scenario: str | None = None) -> None:
        super().__init__()
        self.context = context
        self.start_scenario = start_scenario
        self.history = History(context.scores_folder)
        """The score history: the one place the screens get a store from."""

    def on_mount(self) -> None:
        theme = self.context.settings.theme
        if theme in self.available_themes:
            self.theme = theme
        else:
            self._warn_unknown_theme(theme)
        from trainer.ui.screens.home import HomeScreen

        self.push_screen(HomeScreen())
        scenario = self.context.library.get(self.start_scenario or "")
        if scenario is not None:
            self.open_briefing(scenario)

    def watch_theme(self, theme: str) -> None:
        """Remember the theme the person picked (from the command palette) for next time."""
        context = self.context
        if context.settings_path is None or theme == context.settings.theme:
            return
        context.settings = context.settings.model_copy(update={"theme": theme})
        try:
            save_settings(context.settings_path, context.settings)
        except OSError as error:
            self.notify(
                f"Could not save the theme: {error.strerror or error}",
                severity="warning",
                markup=False,
            )
        except SettingsEditError as error:
            self.notify(f"Could not save the theme: {error}", severity="warning", markup=False)

    def _warn_unknown_theme(self, theme: str) -> None:
        """Say that the settings name a theme this app does not have, and which it uses."""
        where = self.context.settings_path
        near = similar(theme, self.available_themes)
        self.notify(
            f"{display_path(where) + ': ' if where else ''}theme {quote(visible(theme))} is not "
            f"a theme here; using {self.theme}."
            + (f" Did you mean {' or '.join(near)}?" if near else "")
            + " Ctrl+P, then Theme, lists them.",
            title="Unknown theme",
            severity="warning",
            markup=False,
            timeout=15,
        )

    def on_unmount(self) -> None:
        self.history.close()

    def on_resize(self, event: events.Resize) -> None:
        """Below 100 columns, the footer's keys are drawn closer together (app.tcss)."""
        self.set_class(event.size.width < NARROW_BELOW, "-narrow")

    # Navigation -------------------------------------------------------------------------

    def open_briefing(self, scenario: Scenario) -> None:
        """Show the briefing of `scenario` over the current screen (not during a call)."""
        from trainer.ui.screens.briefing import BriefingScreen

        if self.back_to_call():
            return
        self.push_screen(BriefingScreen(scenario))

    def start_call(self, scenario: Scenario, mode: Mode, show_tips: bool) -> None:
        """Start a new call over Home (whatever the briefing was opened from)."""
        from trainer.practice.session import Practice
        from trainer.ui.screens.call import CallScreen

        # The scenario as it is now: the briefing may be older than a save in the editor.
        scenario = self.context.library.get(scenario.id) or scenario
        practice = Practice(
            scenario,
            self.context.library.content_hash(scenario),
            mode,
            self.context.seed,
            self.history.for_saving(),
        )
        self._pop_to_home()
        from trainer.ui.screens.home import HomeScreen

        if isinstance(self.screen, HomeScreen):  # after the call, Home shows every scenario
            self.screen.action_clear_filter()
        self.push_screen(CallScreen(practice, show_tips))

    def show_call(self, practice: Practice, show_tips: bool) -> None:
        """Show `practice` on a call screen, in place of the screen on top."""
        from trainer.ui.screens.call import CallScreen

        self.switch_screen(CallScreen(practice, show_tips))

    def show_debrief(self, practice: Practice, show_tips: bool) -> None:
        """Show the debrief of a finished call, in place of the call."""
        from trainer.ui.screens.debrief import DebriefScreen

        self.switch_screen(DebriefScreen(practice, show_tips))

    def live_call(self) -> Screen[None] | None:
        """The call screen of a call still going on, if there is one."""
        from trainer.ui.screens.call import CallScreen

        for screen in self.screen_stack:
            if isinstance(screen, CallScreen) and not screen.practice.finished:
                return screen
        return None

    def back_to_call(self) -> bool:
        """If a call is going on, show it again (and say so); False if there is none."""
        call = self.live_call()
        if call is None:
            return False
        while self.screen is not call:
            self.pop_screen()
        self.notify("You are still on the call: press Esc to hang up first.")
        return True

    def action_home(self) -> None:
        """Go back to the scenario list (or to the call, if one is going on, or to the
        scenario being edited)."""
        from trainer.ui.screens.editor import EditorScreen

        if self.back_to_call():
            return
        was_editing = isinstance(self.screen, EditorScreen)
        self._pop_to_home()
        if isinstance(self.screen, EditorScreen) and not was_editing:
            self.notify(
                f"Back to {self.screen.path.name} in the editor: Esc there goes home.",
                markup=False,
            )

    def _pop_to_home(self) -> None:
        """Close every screen above Home, or above the scenario being edited: a draft played
        from the editor goes back to it, never losing the text."""
        from trainer.ui.screens.editor import EditorScreen

        if isinstance(self.screen, EditorScreen):
            self.screen.action_close()  # asks first when there are unsaved changes
            return
        while len(self.screen_stack) > 2 and not isinstance(self.screen, EditorScreen):
            self.pop_screen()

    # Authoring ---------------------------------------------------------------------------

    def edit_scenario(self, scenario: Scenario) -> None:
        """Open the editor on the file of `scenario`."""
        loaded = self.context.library.file_of(scenario)
        if loaded is not None:
            self.edit_file(loaded.path)

    def edit_file(self, path: Path) -> None:
        """Open the editor on a scenario file (or on its newer draft)."""
        from trainer.authoring.drafts import open_for_editing
        from trainer.ui.screens.editor import EditorScreen

        if self.back_to_call() or self._editing_elsewhere(path):
            return
        try:
            opened = open_for_editing(path)
        except OSError as error:
            self.notify(
                f"Cannot open {display_path(Path(error.filename or path))}: "
                f"{error.strerror or error}",
                severity="error",
                markup=False,
            )
            return
        self.push_screen(EditorScreen(path, opened))

    def new_scenario(self) -> None:
        """Ask for an id, then open the editor on a new scenario from the scaffold."""
        from trainer.authoring.scaffold import free_scenario_id
        from trainer.ui.screens.editor_dialogs import NewScenario

        folder = self.context.scenarios_folder
        if folder is None:
            self.notify("There is no folder to write new scenarios in.", severity="warning")
            return
        if self.back_to_call() or self._editing_elsewhere(None):
            return
        taken = self.context.library.taken_ids()

        def chosen(scenario_id: str | None) -> None:
            if scenario_id is not None:
                self._edit_new(folder, scenario_id)

        self.push_screen(NewScenario(folder, free_scenario_id(folder, taken=taken), taken), chosen)

    def _new_drafts(self) -> list[Path]:
        """Drafts in your scenarios folder of scenarios that have no file yet."""
        from trainer.authoring.drafts import DRAFT_SUFFIX

        folder = self.context.scenarios_folder
        try:
            drafts = sorted(folder.glob(f"*.toml{DRAFT_SUFFIX}")) if folder else []
        except OSError:
            return []
        return [draft for draft in drafts if not draft.with_suffix("").exists()]

    def _editing_elsewhere(self, path: Path | None) -> bool:
        """One scenario is edited at a time: when the editor is open, show it again (it is
        already on `path`) or say to close it first. False when no editor is open."""
        from trainer.ui.screens.editor import EditorScreen

        editor = next((s for s in self.screen_stack if isinstance(s, EditorScreen)), None)
        if editor is None:
            return False
        if path is not None and editor.path.resolve() == path.resolve():
            while self.screen is not editor:
                self.pop_screen()
            return True
        self.notify(
            f"You are editing {editor.path.name}: close it first (Esc in the editor).",
            severity="warning",
            markup=False,
        )
        return True

    def _edit_new(self, folder: Path, scenario_id: str) -> None:
        from trainer.authoring.drafts import Opened, draft_path
        from trainer.authoring.scaffold import scaffold_scenario, scenario_toml
        from trainer.ui.screens.editor import EditorScreen

        path = folder / f"{scenario_id}.toml"
        if draft_path(path).exists():  # a new scenario not yet valid when last saved
            self.edit_file(path)
            return
        text = scenario_toml(scaffold_scenario(scenario_id))
        self.push_screen(EditorScreen(path, Opened(text, written=False)))

    def where_is(self, path: Path) -> str:
        """Which library folder a scenario file is in, in words."""
        if not path.exists():
            return "new, not saved yet"
        folder = self.context.library.folder_of(path)
        if folder is None:
            return "outside the library"
        return {
            "shipped": "shipped with the trainer",
            "yours": "your scenarios",
            "TRAINER_SCENARIOS": "from TRAINER_SCENARIOS",
            "command line": "from --scenarios",
        }[folder.origin]

    def reload_library(self) -> None:
        """Read the scenario folders again (after a scenario was saved)."""
        from trainer.scenario.library import load_library

        self.context.library = load_library(self.context.library.folders)

    async def action_quit(self) -> None:
        """Quit, asking first in the middle of a call, and when a scenario being edited has
        unsaved changes."""
        from trainer.ui.screens.call import ConfirmQuit, call_in_progress

        if isinstance(self.screen, ConfirmQuit):
            return  # already asking
        call = call_in_progress(self.screen_stack)
        if call is None:
            self._quit_unless_unsaved()
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self._quit_unless_unsaved()

        self.push_screen(ConfirmQuit.during(call.practice), answered)

    def _quit_unless_unsaved(self) -> None:
        from trainer.ui.screens.editor import EditorScreen
        from trainer.ui.screens.editor_dialogs import UnsavedChanges

        if isinstance(self.screen, UnsavedChanges):
            return  # already asking
        editor = next(
            (s for s in self.screen_stack if isinstance(s, EditorScreen) and s.unsaved), None
        )
        if editor is None:
            self.exit()
            return

        def answered(answer: str | None) -> None:
            if answer == "discard" or (answer == "save" and editor.action_save()):
                self.exit()

        self.push_screen(UnsavedChanges(editor.path.name), answered)

    def action_help(self) -> None:
        """Show every key binding."""
        from trainer.ui.screens.help import HelpScreen

        self._show_over(HelpScreen)

    def action_progress(self) -> None:
        """Show progress over time."""
        from trainer.ui.screens.progress import ProgressScreen

        self._show_over(ProgressScreen)

    def _show_over(self, kind: type[Screen[None]]) -> None:
        """Show a Help or Progress screen: over the current screen, in place of the other of
        the two if that is on top, or not at all if it is already showing (so that going
        back and forth never piles screens up)."""
        from trainer.ui.screens.help import HelpScreen
        from trainer.ui.screens.progress import ProgressScreen

        if isinstance(self.screen, kind):
            return
        if isinstance(self.screen, HelpScreen | ProgressScreen):
            self.switch_screen(kind())
        else:
            self.push_screen(kind())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The command palette: the screens, then every scenario, then Textual's own."""
        yield SystemCommand("Home", "The scenario list", self.action_home)
        yield SystemCommand("Progress", "Your scores over time", self.action_progress)
        yield SystemCommand("Help", "Every key binding", self.action_help)
        yield SystemCommand("New scenario", "Write a scenario of your own", self.new_scenario)
        for scenario in self.context.library.scenarios.values():
            # The palette reads titles as markup; an author's title is plain text.
            yield SystemCommand(
                f"Practise: {as_markup(visible(scenario.title, False))}",
                f"{as_markup(visible(scenario.company, False))} \u00b7 "
                f"difficulty {scenario.difficulty}/5",
                lambda scenario=scenario: self.open_briefing(scenario),
            )
        for scenario in self.context.library.scenarios.values():
            yield SystemCommand(
                f"Edit: {as_markup(visible(scenario.title, False))}",
                "Open its file in the editor",
                lambda scenario=scenario: self.edit_scenario(scenario),
            )
        for draft in self._new_drafts():
            yield SystemCommand(
                f"Resume draft: {as_markup(draft.name)}",
                "A new scenario, not valid yet when it was last saved",
                lambda draft=draft: self.edit_file(draft.with_suffix("")),
            )
        for broken in self.context.library.broken_files:
            yield SystemCommand(
                f"Fix: {as_markup(display_path(broken.path))}",
                as_markup(str(broken.problems[0]) if broken.problems else "Open it in the editor"),
                lambda path=broken.path: self.edit_file(path),
            )
        yield from super().get_system_commands(screen)
