"""Every screen fits 80x24 and 120x40: nothing runs off the right edge, and what matters on
each screen is on it without scrolling."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from textual.widget import Widget
from textual.widgets import DataTable, Footer
from textual.widgets._footer import FooterKey

from tests.conftest import SCENARIO_FIXTURES
from tests.ui.screens import make_app, type_reply
from trainer.scenario.library import default_folders, load_library
from trainer.ui.app import TrainerApp

SIZES = [(80, 24), (120, 40)]


def assert_fits(app: TrainerApp, size: tuple[int, int], *must_show: str) -> None:
    """No widget wider than the screen; the footer and `must_show` fully on screen."""
    width, height = size
    screen = app.screen
    for widget in screen.query(Widget):
        if widget.display and widget.region.width:
            assert widget.region.right <= width, (type(screen).__name__, widget, widget.region)
    for selector in must_show:
        region = screen.query_one(selector).region
        assert region.height >= 1, selector
        assert region.y >= 0, selector
        assert region.bottom <= height - 1, selector  # above the footer
    footer = screen.query_one(Footer).region
    assert footer.bottom == height
    keys = sorted((key.region for key in screen.query(FooterKey)), key=lambda r: r.x)
    for key, after in itertools.pairwise(keys):  # none hidden under another
        assert key.right <= after.x, (type(screen).__name__, "footer keys overlap")


@pytest.mark.slow
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_screen_fits(tmp_path: Path, size: tuple[int, int]) -> None:
    app = make_app(tmp_path, start_scenario="refund-after-cancelling")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert_fits(app, size, "#title", "#goal", "#mode", "#start-hint")
        await pilot.press("enter")
        assert_fits(app, size, "#call-status", "#call-goal", "#meters", "#reply")
        type_reply(app, "Hello, I cancelled on 2 March, reference RH-88123, and was charged $45.")
        await pilot.press("enter")
        assert_fits(app, size, "#call-status", "#call-goal", "#meters", "#reply")
        await pilot.press("escape", "y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert_fits(app, size, "#outcome-title", "#outcome", "#scores")
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert_fits(app, size, "#practise-next", "#filter")
        await pilot.press("f1")
        assert_fits(app, size)


async def test_a_long_title_is_cut_so_the_other_columns_stay_on_screen(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    text = (SCENARIO_FIXTURES / "valid" / "minimal.toml").read_text(encoding="utf-8")
    long_title = "A very long title " * 6
    text = text.replace('title = "Minimal"', f'title = "{long_title.strip()}"')
    (folder / "minimal.toml").write_text(text, encoding="utf-8")
    app = make_app(tmp_path / "scores", library=load_library(default_folders([folder])))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.virtual_size.width <= table.size.width
        cell = str(table.get_row("minimal")[0])
        assert cell.startswith("A very long title")
        assert "\u2026" in cell


async def test_the_debriefs_cue_list_uses_the_whole_width_of_its_turn(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_scenario="refund-after-cancelling")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        type_reply(app, "Hello, thanks. I cancelled on 2 March, reference RH-88123; I paid $45.")
        await pilot.press("enter")
        await pilot.press("escape", "y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        review = app.screen.query_one(".turn-review").content_region
        cues = app.screen.query_one(".review-cues").region
        assert cues.width >= review.width - 2
