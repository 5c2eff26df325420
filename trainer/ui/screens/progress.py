"""Progress: score trends over time, personal bests per scenario, the streak, the weakest
skill and what to practise next, read from the score history in a worker."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Footer, Header, LoadingIndicator, Static
from textual.worker import Worker, WorkerState

from trainer.progress.overview import Overview, read_overview
from trainer.progress.spans import (
    DAYS,
    daily_span,
    improvement_text,
    streak_text,
    weekly_span,
)
from trainer.scoring.explain import DIMENSION_NAMES
from trainer.scoring.rubric import DIMENSIONS
from trainer.support.terminal import visible
from trainer.support.text import plural
from trainer.ui.render import OUTCOME_STYLES, OUTCOME_WORDS, score_style, shortened, when
from trainer.ui.screens.base import TrainerScreen
from trainer.ui.widgets.trend_chart import TrendChart, TrendLine

if TYPE_CHECKING:
    from trainer.scenario.model import Scenario

ROOMY = (100, 34)
"""From this width and height on, the charts grow taller and the panels get full borders."""
BEST_COLUMNS = ("Scenario", "Plays", "Best", "First\u2192best", "Latest", "Outcome", "Played")
NUMBER_COLUMNS = (1, 2, 4)
"""Columns of numbers, aligned right."""
MIN_TITLE = 16
"""The narrowest the scenario column gets; titles longer than it fits end with an ellipsis."""


def titled(text: str, title: str) -> Content:
    """Plain text naming a scenario, its title in bold (put in front if the text lacks it);
    both are shown on one line, every control character escaped (they may come from files)."""
    text, title = visible(text, keep_lines=False), visible(title, keep_lines=False)
    style = "bold $text-accent"
    if not title or title not in text:
        return Content.assemble((title, style), " \u2014 ", Content(text))
    content = Content(text)
    start = text.find(title)
    while start >= 0:
        content = content.stylize(style, start, start + len(title))
        start = text.find(title, start + len(title))
    return content


class ProgressScreen(TrainerScreen):
    """Trends per dimension and overall, personal bests, streak, weakest skill, next pick."""

    CSS_PATH = "progress.tcss"
    SUB_TITLE = "your progress"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("h", "home", "Home"),
        Binding("enter", "open", "Briefing", priority=True),
        Binding("ctrl+n", "practise_next", "Practise next"),
        Binding("w", "period('week')", "By week"),
        Binding("d", "period('day')", "By day"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.loaded: Overview | None = None
        self.unit = "day"
        self.bests: list[str] = []
        """The scenario ids of the personal-best rows, in order."""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="body"):
            yield LoadingIndicator(id="loading")
            yield Static(
                Content.styled("Reading your history\u2026", "italic $text-muted"), id="message"
            )
            with Vertical(id="glance", classes="panel"):
                yield Static(id="streak")
                yield Static(id="next")
            with Vertical(id="trends", classes="panel"):
                yield TrendChart(id="overall")
                for dimension in DIMENSIONS:
                    yield TrendLine(id=f"trend-{dimension}", classes="dimension")
            yield DataTable(
                id="bests", classes="panel", cursor_type="row", zebra_stripes=True, cell_padding=0
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#glance").border_title = "At a glance"
        self.query_one("#bests").border_title = "Personal bests (Enter opens the briefing)"
        self._show_parts(loading=True)

    def on_screen_resume(self) -> None:
        self.load()

    def on_resize(self, event: events.Resize) -> None:
        roomy = event.size.width >= ROOMY[0] and event.size.height >= ROOMY[1]
        self.set_class(roomy, "roomy")
        self.query_one(TrendChart).rows = 9 if roomy else 5
        if self.loaded is not None:
            self._fill_glance()
        self.call_after_refresh(self._fill_bests)  # once the table has its new width

    # Loading ----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="progress-screen")
    def load(self) -> Overview:
        """Read the summary and the coach's pick from the history, off the UI thread."""
        context = self.trainer.context
        scenarios = list(context.library.scenarios.values())
        return read_overview(self.trainer.history, scenarios, context.today(), DAYS)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # A cancelled read (the screen was shown again meanwhile) never succeeds.
        if event.worker.group == "progress-screen" and event.state == WorkerState.SUCCESS:
            result = event.worker.result
            assert isinstance(result, Overview)
            self._show(result)

    def _show(self, loaded: Overview) -> None:
        if not self.is_attached:
            return
        self.loaded = loaded
        self.refresh_bindings()
        summary = loaded.summary
        message = self.query_one("#message", Static)
        if loaded.problem is not None:
            message.update(
                Content.assemble(
                    ("Your score history cannot be read.\n", "bold $text-error"),
                    Content(loaded.problem),
                    ("\n\nEsc goes back.", "$text-muted"),
                )
            )
            self._show_parts(loading=False, history=False)
            return
        if not summary.has_history:
            message.update(self._first_steps(loaded))
            self._show_parts(loading=False, history=False)
            return
        self._show_parts(loading=False, history=True)
        self._fill_glance()
        self._fill_trends()
        self._fill_bests()
        self.call_after_refresh(self._fill_bests)  # again, once the table has its width
        if self.focused in (None, self.query_one("#body")):
            self.query_one("#bests", DataTable).focus()

    def _show_parts(self, loading: bool, history: bool = False) -> None:
        self.query_one("#loading").display = loading
        self.query_one("#message").display = not history
        for part in ("#glance", "#trends", "#bests"):
            self.query_one(part).display = history

    def _first_steps(self, loaded: Overview) -> Content:
        """What to do with no calls yet: how to start one, and which."""
        lines = [Content.styled("No calls yet.", "bold")]
        if not loaded.saving:
            lines.append(
                Content("Calls are not being saved in this session, so no progress is kept.")
            )
        lines.append(
            Content("Press Esc, pick a scenario and press Enter to start a call. ")
            + Content("Your scores will show up here, day by day.")
        )
        pick = self._recommended()
        if pick is not None and loaded.advice is not None:
            lines += [
                Content(""),
                Content.assemble(
                    ("The coach suggests: ", "bold"), titled(loaded.advice.reason, pick.title)
                ),
                Content.styled("Ctrl+N opens its briefing.", "$text-muted"),
            ]
        return Content("\n").join(lines)

    # Filling in -------------------------------------------------------------------------

    def _fill_glance(self) -> None:
        assert self.loaded is not None
        summary = self.loaded.summary
        weakest = summary.weakest
        parts: list[Content | tuple[str, str] | str] = [
            ("Streak ", "bold"),
            streak_text(summary),
        ]
        if weakest is not None:
            calls = f"last {weakest.calls} calls" if weakest.calls != 1 else "last call"
            parts += [
                ("  \u00b7  ", "$text-muted"),
                ("Weakest ", "bold"),
                (DIMENSION_NAMES[weakest.dimension], "bold $text-warning"),
                f" {round(weakest.mean)}/100",
                (f" ({calls})", "$text-muted"),
            ]
        self.query_one("#streak", Static).update(Content.assemble(*parts))
        pick = self._recommended()
        advice = self.loaded.advice
        if pick is None or advice is None:
            self.query_one("#next", Static).update(
                Content.styled("No scenarios in your library to practise.", "$text-muted")
            )
            return
        # In a small window the title alone; the reason when there is room for it.
        said = (
            titled(advice.reason, pick.title)
            if self.has_class("roomy")
            else Content.styled(f"\u201c{visible(pick.title, False)}\u201d", "bold $text-accent")
        )
        self.query_one("#next", Static).update(
            Content.assemble(("Practise next ", "bold"), said, (" (Ctrl+N)", "$text-accent"))
        )

    def _fill_trends(self) -> None:
        assert self.loaded is not None
        summary = self.loaded.summary
        span = daily_span(summary) if self.unit == "day" else weekly_span(summary)
        trends = self.query_one("#trends")
        calls = sum(0 if point is None else point.calls for point in span.points)
        trends.border_title = f"Trends: {span.title}, {plural(calls, 'call')}"
        other = "W: by week" if self.unit == "day" else "D: by day"
        trends.border_subtitle = f"Bars: {span.unit} averages, 0\u2013100 \u00b7 {other}"
        self.query_one(TrendChart).show(
            span.series("overall", "Overall"),
            span.first.isoformat(),
            span.last.isoformat(),
            span.unit,
        )
        weakest = summary.weakest.dimension if summary.weakest is not None else None
        for dimension in DIMENSIONS:
            self.query_one(f"#trend-{dimension}", TrendLine).show(
                span.series(dimension, DIMENSION_NAMES[dimension]),
                span.unit,
                "weakest" if dimension == weakest else "",
            )

    def _fill_bests(self) -> None:
        if self.loaded is None or not self.loaded.summary.has_history:
            return
        table = self.query_one("#bests", DataTable)
        kept = self.bests[table.cursor_row] if 0 <= table.cursor_row < len(self.bests) else None
        rows = self._best_rows()
        # DataTable does not measure Content cells (Textual 8.2), so the columns get explicit
        # widths: every column as wide as its widest cell, the titles in what is left.
        gap = 2 if self.has_class("roomy") else 1
        widths = [
            max([len(label), *(cells[i].cell_length for _, cells in rows)])
            for i, label in enumerate(BEST_COLUMNS)
        ]
        # Room is kept for the scrollbar, which comes and goes with the number of rows.
        width = table.content_region.width or self.size.width - 4
        room = width - table.styles.scrollbar_size_vertical
        widths[0] = max(MIN_TITLE, min(widths[0], room - sum(widths[1:]) - gap * len(BEST_COLUMNS)))
        table.clear(columns=True)
        for index, (label, width) in enumerate(zip(BEST_COLUMNS, widths, strict=True)):
            text = label.rjust(width) if index in NUMBER_COLUMNS else label.ljust(width)
            table.add_column(" " * gap + text, key=label, width=width + gap)
        self.bests = []
        for key, cells in rows:
            padded = []
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True)):
                if index == 0:
                    cell = (
                        Content(shortened(cell.plain, width)) if cell.cell_length > width else cell
                    )
                aligned = cell.right(width) if index in NUMBER_COLUMNS else cell
                padded.append(aligned.pad_left(gap))
            table.add_row(*padded, key=key)
            self.bests.append(key)
        if kept in self.bests:
            table.move_cursor(row=self.bests.index(kept))

    def _best_rows(self) -> list[tuple[str, list[Content]]]:
        """One row per scenario played (latest first), then the ones never played."""
        assert self.loaded is not None
        summary = self.loaded.summary
        library = self.trainer.context.library
        records = sorted(
            summary.scenarios, key=lambda r: (r.latest_day, r.scenario_id), reverse=True
        )
        played = {record.scenario_id for record in records}
        rows: list[tuple[str, list[Content]]] = []
        for record in records:
            scenario = library.get(record.scenario_id)
            title = visible(
                scenario.title if scenario is not None else f"{record.title} (removed)", False
            )
            outcome = record.latest_outcome
            rows.append(
                (
                    record.scenario_id,
                    [
                        Content(title),
                        Content(str(record.plays)),
                        self._score(record.best_overall),
                        Content(improvement_text(record)),
                        self._score(record.latest_overall),
                        Content.styled(
                            visible(OUTCOME_WORDS.get(outcome, outcome.replace("_", " ")), False),
                            OUTCOME_STYLES.get(outcome, "$error"),
                        ),
                        Content(when(record.latest_day, summary.today)),
                    ],
                )
            )
        for scenario in library.scenarios.values():
            if scenario.id not in played:
                rows.append(
                    (
                        scenario.id,
                        [
                            Content(visible(scenario.title, keep_lines=False)),
                            Content("0"),
                            *(Content("\u2013") for _ in range(3)),
                            Content.styled("not played", "italic"),
                            Content.styled("never", "italic"),
                        ],
                    )
                )
        return rows

    @staticmethod
    def _score(value: int | None) -> Content:
        """A score as a number coloured by how good it is (the number says it without colour)."""
        if value is None:
            return Content("\u2013")
        return Content.styled(str(value), score_style(value))

    def _recommended(self) -> Scenario | None:
        advice = self.loaded.advice if self.loaded is not None else None
        return self.trainer.context.library.get(advice.scenario_id) if advice else None

    # Actions ----------------------------------------------------------------------------

    def action_back(self) -> None:
        """Back to the screen underneath."""
        self.app.pop_screen()

    def action_home(self) -> None:
        """Back to the scenario list, or to the call if one is going on."""
        self.trainer.action_home()

    def action_open(self) -> None:
        """Open the briefing of the highlighted personal-best row."""
        table = self.query_one("#bests", DataTable)
        if table.display and 0 <= table.cursor_row < len(self.bests):
            self._open(self.bests[table.cursor_row])

    @on(DataTable.RowSelected, "#bests")
    def _row_clicked(self, event: DataTable.RowSelected) -> None:
        self._open(str(event.row_key.value))

    def _open(self, scenario_id: str) -> None:
        scenario = self.trainer.context.library.get(scenario_id)
        if scenario is None:
            self.notify("That scenario is no longer in your library.", severity="warning")
            return
        self.trainer.open_briefing(scenario)

    def action_practise_next(self) -> None:
        """Open the briefing of the coach's pick."""
        scenario = self._recommended()
        if scenario is not None:
            self.trainer.open_briefing(scenario)

    def action_period(self, unit: str) -> None:
        """Chart by day or by week."""
        self.unit = unit
        self.refresh_bindings()
        if self.loaded is not None and self.loaded.summary.has_history:
            self._fill_trends()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer the bests and charts only once there is history (and then only the other
        chart period), and the coach's pick only when there is one."""
        has_history = self.loaded is not None and self.loaded.summary.has_history
        if action == "period":
            return has_history and parameters != (self.unit,)
        if action == "open":
            return has_history
        if action == "practise_next":
            return self._recommended() is not None
        return True
