"""Home: the scenario library to choose from, what to practise next, and broken files."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Footer, Header, Input, Static
from textual.worker import Worker, WorkerState

from trainer.progress.coach import Recommendation
from trainer.progress.overview import Overview, read_overview
from trainer.progress.summary import ProgressSummary
from trainer.scenario.library import Library
from trainer.scenario.model import Scenario
from trainer.support.problems import Problem
from trainer.support.terminal import visible
from trainer.support.text import plural
from trainer.ui.render import OUTCOME_WORDS, shortened, untrusted, when
from trainer.ui.screens.base import TrainerScreen

COLUMNS = ("Scenario", "Level", "Best", "Last played")
OTHER_COLUMNS_WIDTH = 44
"""Cells taken by Level, Best and Last played, cell padding and the scroll bar."""
MIN_TITLE_ROOM = 20
"""The fewest cells a title gets before it is cut with an ellipsis."""
NOTICE_PROBLEMS = 4
"""Problems listed on the home screen; the rest are counted."""


def matches(scenario: Scenario, words: list[str]) -> bool:
    """Whether every filter word is in the scenario's title, company, category or id."""
    haystack = f"{scenario.title} {scenario.company} {scenario.category} {scenario.id}".lower()
    return all(word in haystack for word in words)


class HomeScreen(TrainerScreen):
    """Pick a scenario: type to filter, arrows to choose, Enter for its briefing."""

    CSS_PATH = "home.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Briefing", priority=True),
        Binding("up", "move(-1)", show=False, priority=True),
        Binding("down", "move(1)", show=False, priority=True),
        Binding("pageup", "move(-10)", show=False, priority=True),
        Binding("pagedown", "move(10)", show=False, priority=True),
        Binding("ctrl+n", "practise_next", "Practise next"),
        Binding("ctrl+e", "edit", "Edit", priority=True),
        Binding("e", "list_key('e')", "Edit", show=False),
        Binding("n", "list_key('n')", "New scenario"),
        Binding("escape", "clear_filter", "Clear filter", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.summary: ProgressSummary | None = None
        self.recommendation: Recommendation | None = None
        self.shown: list[Scenario] = []
        self._listed: Library | None = None
        """The library the list was filled from (a save in the editor replaces it)."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="practise-next"):
            yield Static(id="next-title")
            yield Static(id="next-reason")
        yield Input(
            placeholder="Type to filter scenarios (Tab: to the list, where n starts a new one)",
            id="filter",
            compact=True,
            select_on_focus=False,  # coming back to the filter refines it
        )
        yield DataTable(id="scenarios", cursor_type="row", zebra_stripes=True)
        yield Static(id="notice")
        yield Footer()

    def on_mount(self) -> None:
        card = self.query_one("#practise-next")
        card.border_title = "Practise next"
        card.border_subtitle = "Ctrl+N opens it"
        table = self.query_one(DataTable)
        for column in COLUMNS:
            table.add_column(column, key=column)
        self._fill_table()
        self.query_one("#next-title", Static).update(
            Content.styled("Reading your history\u2026", "italic")
        )
        self.query_one(Input).focus()

    def on_resize(self) -> None:
        self._fill_table()  # titles are cut to the room there is

    def on_screen_resume(self) -> None:
        # Also on first showing: bests, last plays and the coach's pick, fresh each time.
        # The list itself at once if a save in the editor reloaded the library meanwhile.
        if self._listed is not self.trainer.context.library:
            self._fill_table()
        self.load_progress()

    @work(thread=True, exclusive=True, group="progress")
    def load_progress(self) -> Overview:
        """Read bests, last plays and the coach's pick from the history, off the UI thread."""
        context = self.trainer.context
        scenarios = list(context.library.scenarios.values())
        return read_overview(self.trainer.history, scenarios, context.today())

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # A cancelled read (Home was shown again meanwhile) never succeeds.
        if event.worker.group == "progress" and event.state == WorkerState.SUCCESS:
            result = event.worker.result
            assert isinstance(result, Overview)
            self._progress_loaded(result)

    def _progress_loaded(self, overview: Overview) -> None:
        self.summary = overview.summary
        self.recommendation = advice = overview.advice
        title = self.query_one("#next-title", Static)
        reason = self.query_one("#next-reason", Static)
        scenario = self.trainer.context.library.get(advice.scenario_id) if advice else None
        if scenario is None or advice is None:
            title.update(Content.styled("No scenarios to practise yet.", "bold"))
            reason.update("Add scenario files to your scenarios folder (see trainer new).")
        else:
            title.update(
                Content.assemble(
                    (visible(scenario.title, keep_lines=False), "bold"),
                    (
                        f"  {visible(scenario.company, keep_lines=False)} \u00b7 level "
                        f"{scenario.difficulty}/5",
                        "$text-muted",
                    ),
                )
            )
            reason.update(untrusted(advice.reason, one_line=True))
        if overview.problem is not None:
            self.notify(
                f"Your score history cannot be read: {overview.problem}",
                severity="error",
                timeout=15,
                markup=False,
            )
        self._fill_table()

    def _fill_table(self) -> None:
        table = self.query_one(DataTable)
        words = self.query_one(Input).value.lower().split()
        library = self._listed = self.trainer.context.library
        kept = self._highlighted()  # the row to keep highlighted, from the list as it was
        self.shown = sorted(
            (s for s in library.scenarios.values() if matches(s, words)),
            key=lambda s: (s.difficulty, s.title.lower()),
        )
        table.clear()
        today = self.trainer.context.today()
        room = max(MIN_TITLE_ROOM, self.size.width - OTHER_COLUMNS_WIDTH)
        for scenario in self.shown:
            record = self.summary.record(scenario.id) if self.summary else None
            best = (
                "\u2013"
                if record is None or record.best_overall is None
                else str(record.best_overall)
            )
            last = (
                "never"
                if record is None
                else f"{when(record.latest_day, today)}, "
                + visible(OUTCOME_WORDS.get(record.latest_outcome, record.latest_outcome), False)
            )
            # Rich Text, not str: a DataTable reads a str cell as markup. Two lines a row:
            # the title, then the company and category.
            name = Text(shortened(scenario.title, room), style="bold")
            name.append(
                "\n" + shortened(f"{scenario.company} \u00b7 {scenario.category}", room),
                style="dim",
            )
            table.add_row(
                name,
                Text(f"{scenario.difficulty}/5"),
                Text(best),
                Text(last),
                key=scenario.id,
                height=2,
            )
        ids = [scenario.id for scenario in self.shown]  # the same scenario, even reloaded
        table.move_cursor(row=ids.index(kept.id) if kept is not None and kept.id in ids else 0)
        self._show_notice(words)

    def _highlighted(self) -> Scenario | None:
        table = self.query_one(DataTable)
        if not self.shown or table.row_count == 0:
            return None
        row = min(max(table.cursor_row, 0), len(self.shown) - 1)
        return self.shown[row]

    def _show_notice(self, words: list[str]) -> None:
        """Below the list: why nothing matches the filter, else the files with problems."""
        notice = self.query_one("#notice", Static)
        library = self.trainer.context.library
        filtered_out = not self.shown and bool(library.scenarios)
        problems = [*library.problems, *self.trainer.context.settings_problems]
        notice.set_class(filtered_out, "filtered-out")
        notice.set_class(bool(problems) and not filtered_out, "problems")
        if filtered_out:
            said = " ".join(words)
            notice.update(
                Content(f"No scenario matches \u201c{said}\u201d. Esc clears the filter.")
            )
        elif problems:
            notice.update(self._problems(problems))
        else:
            notice.update("")

    def _problems(self, problems: list[Problem]) -> Content:
        """The problems with scenario files and the settings file, the first few in full."""
        broken = len(self.trainer.context.library.broken_files)
        if broken:
            heading = f"{plural(broken, 'scenario file')} could not be loaded"
        else:
            heading = "Some files have problems"
        fix = (
            "fix them (Ctrl+P offers each in the editor) or run trainer validate"
            if broken
            else "fix them and start again"
        )
        if self.trainer.context.settings_problems:
            fix += "; until then the settings file is not used or changed"
        lines = [Content.styled(f"{heading} ({fix}):", "bold")]
        for problem in problems[:NOTICE_PROBLEMS]:
            lines.append(
                Content(str(problem))  # shown safely: an id or key from the file, never obeyed
            )
        if len(problems) > NOTICE_PROBLEMS:
            lines.append(Content(f"\u2026and {len(problems) - NOTICE_PROBLEMS} more"))
        return Content("\n").join(lines)

    def on_key(self, event: events.Key) -> None:
        # A letter typed on the list (the filter keeps its own) goes to the filter, as if
        # typed there. Keys typed in a burst may reach the list after the first of them
        # moved the keyboard to the filter: they go there too, in order.
        on_list = isinstance(self.focused, DataTable)
        if event.is_printable and event.character and not (on_list and event.character in "en"):
            event.stop()
            self._type_in_filter(event.character)

    def _type_in_filter(self, text: str) -> None:
        filter_box = self.query_one(Input)
        self.set_focus(filter_box)
        filter_box.insert_text_at_cursor(text)

    def action_list_key(self, key: str) -> None:
        """On the list, E edits the highlighted scenario and N starts a new one (elsewhere
        the filter takes the letter before any binding sees it)."""
        if key == "e":
            self.action_edit()
        else:
            self.action_new()

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self._fill_table()

    def action_move(self, rows: int) -> None:
        """Move the highlight in the list (the filter keeps the keyboard)."""
        table = self.query_one(DataTable)
        if table.row_count:
            table.move_cursor(row=min(max(table.cursor_row + rows, 0), table.row_count - 1))

    def action_open(self) -> None:
        """Open the briefing of the highlighted scenario."""
        scenario = self._highlighted()
        if scenario is not None:
            self.trainer.open_briefing(scenario)

    @on(DataTable.RowSelected)
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        scenario = self.trainer.context.library.get(str(event.row_key.value))
        if scenario is not None:
            self.trainer.open_briefing(scenario)

    def action_practise_next(self) -> None:
        """Open the briefing of the coach's pick."""
        if self.recommendation is not None:
            scenario = self.trainer.context.library.get(self.recommendation.scenario_id)
            if scenario is not None:
                self.trainer.open_briefing(scenario)

    def action_edit(self) -> None:
        """Open the highlighted scenario in the editor."""
        scenario = self._highlighted()
        if scenario is None:
            self.notify("No scenario is highlighted: clear the filter (Esc) to see them all.")
        else:
            self.trainer.edit_scenario(scenario)

    def action_new(self) -> None:
        """Write a new scenario, starting from the scaffold."""
        self.trainer.new_scenario()

    def action_clear_filter(self) -> None:
        """Empty the filter."""
        self.query_one(Input).value = ""
        self.query_one(Input).focus()
