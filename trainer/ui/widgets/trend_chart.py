"""Scores over time on a fixed 0-100 scale, drawn with block characters.

Textual's `Sparkline` stretches its data between its own minimum and maximum, so a week of
scores between 60 and 64 would look like a climb from nothing to everything. These charts
always draw 0 as the lowest block and 100 as the full one, one column per day (or week), the
average of its calls, and say the numbers beside them: the latest call's score (a call, not a
day's average) and the change since the first period.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import events
from textual.app import RenderResult
from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from trainer.progress.spans import TrendSeries
from trainer.support.text import plural
from trainer.ui.render import score_style

EIGHTHS = " \u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588"
"""A cell filled from the bottom by 0 to 8 eighths."""
SPARKS = EIGHTHS[1:]
"""The eight levels of a one-row chart: a score of 0 still shows as the lowest block."""
NO_CALLS = "\u00b7"
"""Marks a day (or week) without a scored call on the baseline."""
AXIS_WIDTH = 4
"""Room for the axis labels ("100") and the axis line."""


def clamp(value: float) -> float:
    """A score held within 0..100."""
    return max(0.0, min(100.0, value))


def spark_char(value: float | None) -> str:
    """One cell for a score on a fixed scale: 0 is the lowest block, 100 the full block, and
    no score is a blank."""
    if value is None:
        return " "
    level = int(clamp(value) * (len(SPARKS) - 1) / 100 + 0.5)
    return SPARKS[level]


def column_cells(value: float | None, rows: int) -> list[str]:
    """A bar `rows` cells tall for a score, top cell first, filled in eighths of a cell on a
    fixed 0-100 scale (a score of 0 still shows a sliver; no score shows nothing)."""
    if value is None:
        return [" "] * rows
    filled = max(1, int(clamp(value) * rows * 8 / 100 + 0.5))
    cells = []
    for row in range(rows - 1, -1, -1):  # from the top row down
        cells.append(EIGHTHS[max(0, min(8, filled - row * 8))])
    return cells


def change_text(values: Sequence[float | None], unit: str = "day", named: bool = False) -> str:
    """The change from the first scored period to the latest, in words: "+8 since first", or
    with `named` "+8 since the first day"."""
    scored = [value for value in values if value is not None]
    if not scored:
        return "no calls"
    if len(scored) == 1:
        return f"one {unit} so far"
    change = round(scored[-1]) - round(scored[0])
    first = f"the first {unit}" if named else "first"
    if change == 0:
        return f"same as {first}"
    return f"{change:+d} since {first}"


def latest_text(score: int | None) -> str:
    """The latest call's score as a number ("62"), or a dash when there is none."""
    return "\u2013" if score is None else str(score)


def fitted_columns(count: int, width: int, widest: int) -> tuple[int, int]:
    """How many of the latest `count` columns fit in `width` cells, and the cells of each
    (at most `widest`)."""
    if count == 0 or width <= 0:
        return 0, 1
    each = max(1, min(widest, width // count))
    return min(count, width // each), each


class TrendChart(Widget):
    """A tall bar chart of one score per period on a fixed 0-100 scale, with its axis, the
    span of dates, the latest call's score and the change since the first period."""

    DEFAULT_CSS = """
    TrendChart {
        height: auto;
    }
    """
    series: reactive[TrendSeries | None] = reactive(None, layout=True)
    rows: reactive[int] = reactive(5, layout=True)
    unit: reactive[str] = reactive("day")
    first = ""
    last = ""
    """The first and last day of the span, shown under the bars."""

    def show(self, series: TrendSeries, first: str, last: str, unit: str) -> None:
        """Draw `series`, whose span runs from `first` to `last`, in periods called `unit`."""
        self.first, self.last = first, last
        self.unit = unit
        self.series = series

    def _layout(self) -> tuple[int, int]:
        if self.series is None:
            return 0, 1
        return fitted_columns(
            len(self.series.values), self.content_size.width - AXIS_WIDTH - 1, widest=6
        )

    def render(self) -> RenderResult:
        series = self.series
        if series is None:
            return Content("")
        shown, each = self._layout()
        values = series.values[len(series.values) - shown :]
        bar_width = each - 1 if each >= 2 else 1
        heading = Content.assemble(
            (series.name, "bold"),
            "  ",
            (latest_text(series.latest), "bold"),
            (" last call", "$text-muted"),
            " \u00b7 ",
            change_text(series.values, self.unit, named=True),
        )
        lines = [heading]
        columns = [column_cells(value, self.rows) for value in values]
        for row in range(self.rows):
            label = ""
            if row == 0:
                label = "100"
            elif row == self.rows - 1:
                label = "0"
            elif row == (self.rows - 1) / 2:
                label = "50"
            parts: list[Content | tuple[str, str] | str] = [
                (f"{label:>{AXIS_WIDTH - 1}}", "$text-muted"),
                ("\u2524" if label else "\u2502", "$text-muted"),
            ]
            for value, cells in zip(values, columns, strict=True):
                cell = cells[row]
                if value is None and row == self.rows - 1:
                    parts.append((NO_CALLS.ljust(each), "$text-muted"))
                elif cell == " ":
                    parts.append(" " * each)
                else:
                    parts.append((cell * bar_width, score_style(value or 0)))
                    parts.append(" " * (each - bar_width))
            lines.append(Content.assemble(*parts))
        lines.append(self._dates(shown * each))
        return Content("\n").join(lines)

    def _dates(self, width: int) -> Content:
        """The date line under the bars: the first day, the span, the last day."""
        indent = " " * AXIS_WIDTH
        span = self.series.span if self.series is not None else ""
        middle = width - len(self.first) - len(self.last)
        if middle >= len(span) + 2:
            gap = middle - len(span)
            text = f"{self.first}{' ' * (gap // 2)}{span}{' ' * (gap - gap // 2)}{self.last}"
        elif middle >= 1:
            text = f"{self.first}{' ' * middle}{self.last}"
        else:
            text = f"{self.first} \u2013 {self.last}"
        return Content.styled(indent + text, "$text-muted")

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The heading, the bars and the date line."""
        return self.rows + 2 if self.series is not None else 1

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Say which period the pointer is over, with its score and number of calls."""
        self.tooltip = self._describe(event.x - self.gutter.left - AXIS_WIDTH)

    def _describe(self, x: int) -> Content | None:
        series = self.series
        if series is None or x < 0:
            return None
        shown, each = self._layout()
        index = x // each
        if index >= shown:
            return None
        index += len(series.values) - shown
        return describe_period(series, index)


def describe_period(series: TrendSeries, index: int) -> Content:
    """One period in words: "2026-11-20: overall 62 (3 calls)"."""
    value = series.values[index]
    period = series.periods[index]
    if value is None:
        return Content(f"{period}: no calls")
    calls = series.calls[index]
    return Content(f"{period}: {series.name} {round(value)} ({plural(calls, 'call')})")


class TrendLine(Widget):
    """One row for one score: its name, one block per period on a fixed 0-100 scale, the
    latest call's score and the change since the first period."""

    DEFAULT_CSS = """
    TrendLine {
        height: 1;
    }
    """
    series: reactive[TrendSeries | None] = reactive(None, layout=True)
    note: reactive[str] = reactive("")
    """Said after the numbers, e.g. "weakest lately"."""
    unit: reactive[str] = reactive("day")
    NAME_WIDTH = 15

    def show(self, series: TrendSeries, unit: str, note: str = "") -> None:
        """Draw `series` in periods called `unit`, with an optional note after the numbers."""
        self.unit = unit
        self.note = note
        self.series = series

    def _layout(self) -> tuple[int, int]:
        if self.series is None:
            return 0, 1
        room = self.content_size.width - self.NAME_WIDTH - 28
        return fitted_columns(len(self.series.values), room, widest=2)

    def render(self) -> RenderResult:
        series = self.series
        if series is None:
            return Content("")
        shown, each = self._layout()
        values = series.values[len(series.values) - shown :]
        parts: list[Content | tuple[str, str] | str] = [
            (f"{series.name:<{self.NAME_WIDTH}}", "bold" if self.note else "")
        ]
        for value in values:
            if value is None:
                parts.append((NO_CALLS.ljust(each), "$text-muted"))
            else:
                parts.append((spark_char(value) * each, score_style(value)))
        parts += [
            (f" {latest_text(series.latest):>4}", "bold"),
            ("  " + change_text(series.values, self.unit), "$text-muted"),
        ]
        if self.note:
            parts.append(("  \u25c0 " + self.note, "bold $text-warning"))
        return Content.assemble(*parts)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """Always one row."""
        return 1

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Say which period the pointer is over, with its score and number of calls."""
        series = self.series
        x = event.x - self.gutter.left - self.NAME_WIDTH
        self.tooltip = None
        if series is None or x < 0:
            return
        shown, each = self._layout()
        if x // each < shown:
            self.tooltip = describe_period(series, x // each + len(series.values) - shown)
