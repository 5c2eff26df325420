"""The trainer's Textual app: built by `make_app` from a context, for the command line and
for tests alike."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from trainer.history import HistoryError, Store
from trainer.library import Library
from trainer.scenario import Scenario
from trainer.settings import save_settings
from trainer.ui.context import TrainerContext
from trainer.ui.render import as_markup

if TYPE_CHECKING:
    from trainer.practice import Mode, Practice


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
        self._store: Store | None = None
        self.store_problem: str | None = None
        """Why calls are not being saved (the history could not be opened), if so."""

    def on_mount(self) -> None:
        theme = self.context.settings.theme
        if theme in self.available_themes:
            self.theme = theme
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

    def open_store(self) -> Store | None:
        """The score history, opened on first use (None when calls are not saved)."""
        if self._store is not None or self.context.scores_folder is None:
            return self._store
        if self.store_problem is not None:
            return None
        try:
            store = Store(self.context.scores_folder)
            store.mark_abandoned()
        except HistoryError as error:
            self.store_problem = str(error)
            return None
        self._store = store
        return store

    def on_unmount(self) -> None:
        if self._store is not None:
            self._store.close()

    # Navigation -------------------------------------------------------------------------

    def open_briefing(self, scenario: Scenario) -> None:
        """Show the briefing of `scenario` over the current screen (not during a call)."""
        from trainer.ui.screens.briefing import BriefingScreen

        if self.back_to_call():
            return
        self.push_screen(BriefingScreen(scenario))

    def start_call(self, scenario: Scenario, mode: Mode, show_tips: bool) -> None:
        """Start a new call over Home (whatever the briefing was opened from)."""
        from trainer.practice import Practice
        from trainer.ui.screens.call import CallScreen

        practice = Practice(
            scenario,
            self.context.library.content_hash(scenario),
            mode,
            self.context.seed,
            self.open_store(),
        )
        self._pop_to_home()
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
        """Go back to the scenario list (or to the call, if one is going on)."""
        if not self.back_to_call():
            self._pop_to_home()

    def _pop_to_home(self) -> None:
        """Close every screen above Home."""
        while len(self.screen_stack) > 2:
            self.pop_screen()

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
        for scenario in self.context.library.scenarios.values():
            # The palette reads titles as markup; an author's title is plain text.
            yield SystemCommand(
                f"Practise: {as_markup(scenario.title)}",
                f"{as_markup(scenario.company)} \u00b7 difficulty {scenario.difficulty}/5",
                lambda scenario=scenario: self.open_briefing(scenario),
            )
        yield from super().get_system_commands(screen)


def make_app(
    library: Library,
    scores_folder: Path | None,
    start_scenario: str | None = None,
    seed: int | None = None,
) -> TrainerApp:
    """The app as the command line runs it, with the person's settings (tests build a
    `TrainerContext` of their own)."""
    from trainer import paths
    from trainer.settings import load_settings

    settings_path = paths.settings_file()
    settings, problems = load_settings(settings_path)
    context = TrainerContext(
        library=library,
        scores_folder=scores_folder,
        settings=settings,
        # A settings file with mistakes is shown on Home and never written over.
        settings_path=None if problems else settings_path,
        settings_problems=tuple(problems),
        seed=seed,
    )
    return TrainerApp(context, start_scenario)
