"""Every screen fits 80x24 and 120x40: nothing runs off the right edge, and what matters on
each screen is on it without scrolling."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widget import Widget
from textual.widgets import Footer

from tests.ui.screens import make_app, type_reply
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
