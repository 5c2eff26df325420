"""The figures the screens show come from practice that counts: a Best is never an abandoned
call, the coach sets aside the scenario just won today, Progress says what the latest call
scored, and the debrief's best is never below its previous."""

from __future__ import annotations

import re
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from tests.conftest import TODAY
from tests.dated_history import DatedHistory
from tests.ui.screens import make_app, shown
from tests.ui.test_progress_screen import open_progress, table_rows, text_of
from trainer.history.database import DATABASE_NAME
from trainer.progress.coach import recommend
from trainer.scenario.library import Library, default_folders, load_library
from trainer.scoring.rubric import DIMENSIONS
from trainer.ui.app import TrainerApp
from trainer.ui.screens.briefing import BriefingScreen
from trainer.ui.screens.call import CallScreen
from trainer.ui.screens.debrief import DebriefScreen
from trainer.ui.screens.home import HomeScreen
from trainer.ui.widgets.reply_box import ReplyBox
from trainer.ui.widgets.trend_chart import TrendChart, TrendLine

SIZE = (80, 24)
COMPARED = re.compile(r"(\d+) \((?:[+-]\d+|=)\)")
"""An earlier score in the debrief, with the change since it: "54 (+8)"."""


@pytest.fixture(scope="module")
def library() -> Library:
    """The shipped scenarios."""
    return load_library(default_folders())


async def home_loaded(app: TrainerApp, pilot: Pilot[None]) -> HomeScreen:
    """Home, once it has read the history."""
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, HomeScreen)
    return app.screen


async def test_home_and_progress_never_show_an_abandoned_call_as_the_best(
    tmp_path: Path, library: Library
) -> None:
    history = DatedHistory(tmp_path)
    history.add("moving-fee", TODAY - timedelta(days=3), "win", overall=60)
    history.add("moving-fee", TODAY - timedelta(days=2), "abandoned", overall=95)
    history.add("moving-fee", TODAY - timedelta(days=1), "hung_up", overall=70)
    history.close()
    app = make_app(tmp_path, library=library)
    async with app.run_test(size=SIZE) as pilot:
        home = await home_loaded(app, pilot)
        [_, _, best, _] = home.query_one(DataTable).get_row("moving-fee")
        assert str(best) == "70"  # the hung-up call: ended by the person, its scores real

        screen = await open_progress(pilot)
        [row] = [r for r in table_rows(screen.query_one("#bests", DataTable)) if r[1] == "3"]
        assert row[2:5] == ["70", "60\u219270 +10", "70"]


async def test_progress_says_what_the_latest_call_scored_not_the_days_average(
    tmp_path: Path, library: Library
) -> None:
    history = DatedHistory(tmp_path)
    history.add("moving-fee", TODAY - timedelta(days=1), "loss", overall=50)
    history.add("moving-fee", TODAY, "loss", overall=40, at="09:00:00")
    history.add("moving-fee", TODAY, "win", overall=80, scores=[90, 80, 70, 60], at="15:00:00")
    history.close()
    app = make_app(tmp_path, library=library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_progress(pilot)
        heading = text_of(screen.query_one(TrendChart)).splitlines()[0]
        assert heading == "Overall  80 last call \u00b7 +10 since the first day"  # days: 50, 60
        lines = {line.id: text_of(line) for line in screen.query(TrendLine)}
        for dimension, score in zip(DIMENSIONS, [90, 80, 70, 60], strict=True):
            assert re.search(rf" {score}  [+-]?\w", lines[f"trend-{dimension}"]), dimension
        assert "Bars: day averages" in str(screen.query_one("#trends").border_subtitle)
        await pilot.press("w")
        heading = text_of(screen.query_one(TrendChart)).splitlines()[0]
        assert heading.startswith("Overall  80 last call \u00b7 ")


async def test_the_coach_on_home_and_progress_sets_aside_the_scenario_just_won_today(
    tmp_path: Path, library: Library
) -> None:
    scenarios = list(library.scenarios.values())
    history = DatedHistory(tmp_path)
    calls = {s.id: history.add(s.id, TODAY, "loss", scores=[70, 70, 20, 60]) for s in scenarios}
    # Every scenario lost today: the coach's pick for tomorrow is the one it would name again
    # had that one been won today instead.
    first = recommend(scenarios, history.store, TODAY)
    assert first is not None
    history.close()
    with sqlite3.connect(tmp_path / DATABASE_NAME) as raw:
        raw.execute("UPDATE sessions SET outcome = 'win' WHERE id = ?", (calls[first.scenario_id],))
    raw.close()
    won = library.scenarios[first.scenario_id].title

    app = make_app(tmp_path, library=library)
    async with app.run_test(size=SIZE) as pilot:
        home = await home_loaded(app, pilot)
        assert home.recommendation is not None
        assert home.recommendation.scenario_id != first.scenario_id
        assert won not in shown(home.query_one("#next-title"))
        assert shown(home.query_one("#next-reason")).endswith("you lost it last time.")

        screen = await open_progress(pilot)
        assert won not in text_of(screen.query_one("#next"))
        assert screen.loaded is not None
        assert screen.loaded.advice is not None
        assert screen.loaded.advice.scenario_id == home.recommendation.scenario_id


async def play_moving_fee(app: TrainerApp, pilot: Pilot[None]) -> DebriefScreen:
    """From Home, win the moving-fee call with its model replies and open the debrief."""
    await home_loaded(app, pilot)
    app.screen.query_one(Input).value = "moving fee"
    await pilot.pause()
    await pilot.press("enter")
    assert isinstance(app.screen, BriefingScreen)
    await pilot.press("enter")
    call = app.screen
    assert isinstance(call, CallScreen)
    practice = call.practice
    while not practice.finished:
        model = practice.scenario.nodes[practice.call.node].model_reply
        assert model is not None
        call.query_one(ReplyBox).text = model
        await pilot.press("enter")
        await pilot.pause()
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, DebriefScreen)
    return app.screen


def earlier_columns(debrief: DebriefScreen) -> dict[str, tuple[int, int]]:
    """Each score row of the debrief: its "previous" and "best" figures."""
    rows = {}
    for line in shown(debrief.query_one("#scores")).splitlines()[1:]:
        name = line.split("  ")[0].strip()
        previous, best = (int(value) for value in COMPARED.findall(line))
        rows[name] = (previous, best)
    return rows


@pytest.mark.slow
async def test_the_debriefs_best_is_never_below_its_previous(
    tmp_path: Path, library: Library
) -> None:
    history = DatedHistory(tmp_path)
    # The best call overall was weak on firmness; the previous one was firm.
    history.add("moving-fee", TODAY - timedelta(days=2), "win", 80, scores=[90, 40, 40, 40])
    history.add("moving-fee", TODAY - timedelta(days=1), "loss", 60, scores=[50, 70, 60, 50])
    history.close()
    app = make_app(tmp_path, library=library)
    async with app.run_test(size=SIZE) as pilot:
        rows = earlier_columns(await play_moving_fee(app, pilot))
    assert rows == {
        "politeness": (50, 90),
        "firmness": (70, 70),
        "evidence": (60, 60),
        "open questions": (50, 50),
        "overall": (60, 80),
    }


@pytest.mark.slow
async def test_the_debriefs_best_is_never_an_abandoned_call(
    tmp_path: Path, library: Library
) -> None:
    history = DatedHistory(tmp_path)
    history.add("moving-fee", TODAY - timedelta(days=3), "win", overall=60)
    history.add("moving-fee", TODAY - timedelta(days=2), "abandoned", overall=95)
    history.add("moving-fee", TODAY - timedelta(days=1), "hung_up", overall=50)
    history.close()
    app = make_app(tmp_path, library=library)
    async with app.run_test(size=SIZE) as pilot:
        rows = earlier_columns(await play_moving_fee(app, pilot))
    assert set(rows.values()) == {(50, 60)}
