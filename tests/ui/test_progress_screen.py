"""The progress screen on real score histories: empty, played, broken; its keys; its layout at
80x24 and 120x40; and the chart's fixed 0-100 scale."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from textual.content import Content
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import DataTable, Static

from tests.conftest import TODAY
from tests.scenario_scripts import RUDE
from tests.seeded_history import MODEL, seed_history
from tests.ui.screens import make_app
from trainer.history.access import History
from trainer.history.database import DATABASE_NAME
from trainer.progress.spans import TrendSeries, daily_span, weekly_span
from trainer.progress.summary import empty_summary, read_progress
from trainer.scenario.library import Library, default_folders, load_library
from trainer.scoring.explain import DIMENSION_NAMES
from trainer.scoring.rubric import DIMENSIONS
from trainer.support.settings import DEFAULT_PACE
from trainer.ui.screens.progress import ProgressScreen, titled
from trainer.ui.widgets.trend_chart import (
    SPARKS,
    TrendChart,
    TrendLine,
    change_text,
    column_cells,
    fitted_columns,
    spark_char,
)


def text_of(widget: Widget) -> str:
    """The plain text a Static or a chart shows."""
    if isinstance(widget, Static):
        content = widget.content
        return content.plain if isinstance(content, Content) else str(content)
    rendered = widget.render()
    assert isinstance(rendered, Content)
    return rendered.plain


def table_rows(table: DataTable[object]) -> list[list[str]]:
    """Every row of a table as plain strings."""
    return [
        [
            (cell.plain if isinstance(cell, Content) else str(cell)).strip()
            for cell in table.get_row_at(row)
        ]
        for row in range(table.row_count)
    ]


async def open_progress(pilot: Pilot[None]) -> ProgressScreen:
    """Press F2 and wait until the history is shown."""
    app = pilot.app
    await pilot.press("f2")
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, ProgressScreen)
    return app.screen


@pytest.fixture(scope="module")
def library() -> Library:
    """The shipped scenarios."""
    return load_library(default_folders())


# The chart's scale -------------------------------------------------------------------------


def test_spark_chars_use_a_fixed_scale_from_0_to_100() -> None:
    assert spark_char(0) == SPARKS[0] == "\u2581"
    assert spark_char(100) == SPARKS[-1] == "\u2588"
    assert spark_char(50) == "\u2585"
    assert spark_char(None) == " "
    assert spark_char(-5) == spark_char(0)
    assert spark_char(140) == spark_char(100)
    levels = [spark_char(value) for value in range(101)]
    assert [SPARKS.index(char) for char in levels] == sorted(SPARKS.index(c) for c in levels)
    # The same scores draw the same blocks whatever else is in the chart (no min..max scaling).
    assert [spark_char(v) for v in (60, 62, 64)] == [spark_char(60)] * 2 + [spark_char(64)]


def test_column_cells_fill_a_tall_bar_in_eighths_from_the_bottom() -> None:
    assert column_cells(100, 4) == ["\u2588"] * 4
    assert column_cells(50, 4) == [" ", " ", "\u2588", "\u2588"]
    assert column_cells(0, 4) == [" ", " ", " ", "\u2581"]  # a score of 0 still shows
    assert column_cells(None, 4) == [" "] * 4
    assert column_cells(60, 5) == [" ", " ", "\u2588", "\u2588", "\u2588"]
    assert column_cells(10, 5) == [" ", " ", " ", " ", "\u2584"]  # 4 of 8 eighths


def test_change_text_says_the_change_since_the_first_period_in_words() -> None:
    assert change_text([50, None, 58.4]) == "+8 since first"
    assert change_text([70, 61]) == "-9 since first"
    assert change_text([None, 40, None, 40]) == "same as first"
    assert change_text([None, 55], unit="week") == "one week so far"
    assert change_text([None, None]) == "no calls"


def test_fitted_columns_keep_the_latest_periods_that_fit() -> None:
    assert fitted_columns(30, 69, widest=6) == (30, 2)
    assert fitted_columns(30, 100, widest=3) == (30, 3)
    assert fitted_columns(30, 20, widest=6) == (20, 1)
    assert fitted_columns(0, 50, widest=6) == (0, 1)


def test_spans_have_every_period_with_none_where_no_call_was_scored(
    tmp_path: Path, library: Library
) -> None:
    seed_history(tmp_path, library, [(2, "moving-fee", MODEL), (0, "moving-fee", RUDE)])
    summary = read_progress(History(tmp_path), list(library.scenarios), TODAY)

    days = daily_span(summary)
    assert (days.first, days.last, len(days.points)) == (date(2026, 10, 26), TODAY, 30)
    assert [label for label, point in zip(days.labels, days.points, strict=True) if point] == [
        "2026-11-22",
        "2026-11-24",
    ]
    overall = days.series("overall", "Overall")
    assert overall.values[-2] is None
    assert overall.calls[-3:] == (1, 0, 1)

    weeks = weekly_span(summary)
    assert (weeks.first, weeks.labels[0], weeks.labels[-1]) == (
        date(2026, 9, 7),
        "2026-W37",
        "2026-W48",
    )
    assert [point is not None for point in weeks.points[-2:]] == [True, True]  # Sun 22, Tue 24

    empty = daily_span(empty_summary((), TODAY))
    assert empty.series("evidence", "evidence").scored == []


def test_titled_bolds_the_title_where_the_text_names_it() -> None:
    said = titled("Play A [b] fee next: you lost A [b] fee last time.", "A [b] fee")
    assert said.plain == "Play A [b] fee next: you lost A [b] fee last time."
    assert [(span.start, span.end) for span in said.spans] == [(5, 14), (30, 39)]
    assert titled("Nothing is due.", "Seats [/]").plain == "Seats [/] \u2014 Nothing is due."


# The screen --------------------------------------------------------------------------------


async def test_empty_history_says_what_to_do_first_and_what_the_coach_suggests(
    tmp_path: Path, library: Library
) -> None:
    app = make_app(tmp_path, pace=DEFAULT_PACE, library=library)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_progress(pilot)
        message = text_of(screen.query_one("#message"))
        assert "No calls yet." in message
        assert "Press Esc, pick a scenario and press Enter" in message
        easiest = min(library.scenarios.values(), key=lambda s: (s.difficulty, s.id))
        assert f"The coach suggests: \u201c{easiest.title}\u201d" in message
        assert not screen.query_one("#trends").display
        assert not screen.query_one("#bests").display
    assert not (tmp_path / DATABASE_NAME).exists()  # reading created nothing


async def test_ctrl_n_opens_the_coachs_pick_from_an_empty_history(
    tmp_path: Path, library: Library
) -> None:
    app = make_app(tmp_path, pace=DEFAULT_PACE, library=library)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_progress(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        easiest = min(library.scenarios.values(), key=lambda s: (s.difficulty, s.id))
        assert type(app.screen).__name__ == "BriefingScreen"
        assert getattr(app.screen, "scenario", None) is easiest


async def test_history_shows_streak_weakest_skill_bests_and_charts(
    tmp_path: Path, library: Library
) -> None:
    played = seed_history(tmp_path, library)
    app = make_app(tmp_path, pace=DEFAULT_PACE, library=library)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_progress(pilot)

        glance = text_of(screen.query_one("#streak"))
        assert "Streak 3 days in a row" in glance
        latest = sorted(played, key=lambda p: p.day)[-10:]
        means = {d: sum(p.result.scores[d] for p in latest) / len(latest) for d in DIMENSIONS}
        weakest = min(DIMENSIONS, key=lambda d: means[d])
        assert f"Weakest {DIMENSION_NAMES[weakest]} {round(means[weakest])}/100" in glance
        assert "(last 10 calls)" in glance
        assert "(Ctrl+N)" in text_of(screen.query_one("#next"))

        rows = {row[0]: row for row in table_rows(screen.query_one("#bests", DataTable))}
        for scenario_id in {p.scenario_id for p in played}:
            calls = [p for p in played if p.scenario_id == scenario_id]
            title = library.scenarios[scenario_id].title
            row = next(r for shown, r in rows.items() if title.startswith(shown.rstrip("\u2026")))
            best = max(p.result.overall for p in calls)
            assert row[1:3] == [str(len(calls)), str(best)]
            assert row[3] == (
                f"{calls[0].result.overall}\u2192{best} {best - calls[0].result.overall:+d}"
            )
            assert row[4] == str(calls[-1].result.overall)
        assert len(rows) == len(library.scenarios)  # unplayed ones too, to open from here

        chart = text_of(screen.query_one(TrendChart))
        assert chart.startswith("Overall")
        assert "100\u2524" in chart
        assert "2026-10-26" in chart
        assert "2026-11-24" in chart
        assert "last 30 days" in chart
        assert chart.startswith(f"Overall  {played[-1].result.overall} last call")
        lines = {line.id: text_of(line) for line in screen.query(TrendLine) if line.id is not None}
        assert lines[f"trend-{weakest}"].endswith("\u25c0 weakest")
        assert DIMENSION_NAMES["open_questions"] in lines["trend-open_questions"]
        assert "since first" in lines["trend-politeness"]
        assert "Trends: last 30 days, 14 calls" in str(screen.query_one("#trends").border_title)


async def test_w_and_d_switch_the_charts_between_weeks_and_days(
    tmp_path: Path, library: Library
) -> None:
    seed_history(tmp_path, library)
    app = make_app(tmp_path, pace=DEFAULT_PACE, library=library)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_progress(pilot)
        await pilot.press("w")
        chart = screen.query_one(TrendChart)
        assert chart.series is not None
        assert len(chart.series.values) == 12
        assert chart.series.periods[-1] == "2026-W48"
        assert "last 12 weeks" in text_of(chart)
        await pilot.press("d")
        assert chart.series is not None
        assert len(chart.series.values) == 30


async def test_a_damaged_history_is_reported_and_left_unchanged(
    tmp_path: Path, library: Library
) -> None:
    database = tmp_path / DATABASE_NAME
    garbage = b"this is not a database \x00\xff[/] " * 200
    database.write_bytes(garbage)
    app = make_app(tmp_path, pace=DEFAULT_PACE, library=library)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_progress(pilot)
        message = text_of(screen.query_one("#message"))
        assert "Your score history cannot be read." in message
        assert str(database) in message
        assert "has not been changed" in message
        assert not screen.query_one("#bests").display
        await pilot.press("escape")
        assert type(app.screen).__name__ == "HomeScreen"
    assert database.read_bytes() == garbage
    assert sorted(path.name for path in tmp_path.iterdir()) == [DATABASE_NAME]


async def test_without_a_scores_folder_it_says_nothing_is_saved(library: Library) -> None:
    app = make_app(None, pace=DEFAULT_PACE, library=library)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_progress(pilot)
        assert "not being saved" in text_of(screen.query_one("#message"))


async def test_titles_with_brackets_show_as_written(tmp_path: Path, library: Library) -> None:
    plan = [(1, "moving-fee", MODEL)]
    seed_history(tmp_path, library, plan)
    with sqlite3.connect(tmp_path / DATABASE_NAME) as raw:  # a scenario since removed
        raw.execute(
            "UPDATE sessions SET scenario_id = 'gone', scenario_title = 'Fee [/] for [bold]x'"
        )
    raw.close()
    app = make_app(tmp_path, pace=DEFAULT_PACE, library=library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_progress(pilot)
        rows = table_rows(screen.query_one("#bests", DataTable))
        assert rows[0][0] == "Fee [/] for [bold]x (removed)"
        await pilot.press("enter")  # not in the library: says so, stays here
        assert app.screen is screen


@pytest.mark.slow
async def test_enter_on_a_best_opens_its_briefing(tmp_path: Path, library: Library) -> None:
    seed_history(tmp_path, library)
    app = make_app(tmp_path, pace=DEFAULT_PACE, library=library)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_progress(pilot)
        table = screen.query_one("#bests", DataTable)
        assert screen.focused is table
        await pilot.press("down")
        chosen = screen.bests[table.cursor_row]
        assert chosen == "moving-fee"  # played yesterday: second most recent
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "BriefingScreen"
        assert getattr(app.screen, "scenario", None) is library.scenarios[chosen]
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen  # back to progress, read again


@pytest.mark.slow
async def test_h_goes_home_and_escape_goes_back(tmp_path: Path, library: Library) -> None:
    app = make_app(tmp_path, pace=DEFAULT_PACE, library=library)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_progress(pilot)
        await pilot.press("escape")
        assert type(app.screen).__name__ == "HomeScreen"
        app.open_briefing(library.scenarios["moving-fee"])
        await pilot.pause()
        await open_progress(pilot)
        await pilot.press("h")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_layout_holds(tmp_path: Path, library: Library, size: tuple[int, int]) -> None:
    seed_history(tmp_path, library)
    app = make_app(tmp_path, pace=DEFAULT_PACE, library=library)
    async with app.run_test(size=size) as pilot:
        screen = await open_progress(pilot)
        width, height = size
        table = screen.query_one("#bests", DataTable)
        # The table shows its header and at least four rows without scrolling the screen.
        assert table.region.height >= 6
        assert table.region.bottom <= height - 1  # above the footer
        assert table.virtual_size.width <= table.scrollable_content_region.width
        chart = screen.query_one(TrendChart)
        assert chart.region.right <= width
        for widget in (chart, *screen.query(TrendLine)):
            rendered = widget.render()
            assert isinstance(rendered, Content)
            widest = max(line.cell_length for line in rendered.split("\n"))
            assert widest <= widget.content_size.width, widget.id
        body = screen.query_one("#body")
        assert body.max_scroll_y == 0  # it all fits: nothing hidden below


async def test_trend_series_tooltip_names_the_period_under_the_pointer(
    tmp_path: Path, library: Library
) -> None:
    seed_history(tmp_path, library)
    app = make_app(tmp_path, pace=DEFAULT_PACE, library=library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_progress(pilot)
        chart = screen.query_one(TrendChart)
        series = chart.series
        assert isinstance(series, TrendSeries)
        _, each = chart._layout()
        offset = chart.gutter.left + 4 + each * (len(series.values) - 1)
        await pilot.hover(chart, offset=(offset, 3))
        tip = chart.tooltip
        assert isinstance(tip, Content)
        assert tip.plain.startswith("2026-11-24: Overall ")
        assert "(1 call)" in tip.plain
