"""Home, the command palette, Help and start-up: what a person sees before a call."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input

from tests.conftest import SCENARIO_FIXTURES
from tests.ui.screens import make_app, shown
from trainer.scenario.library import default_folders, load_library
from trainer.support.settings import load_settings
from trainer.ui.screens.briefing import BriefingScreen
from trainer.ui.screens.help import HelpScreen
from trainer.ui.screens.home import HomeScreen

SIZE = (80, 24)


async def test_home_lists_every_scenario_easiest_first_with_the_coachs_pick(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        table = home.query_one(DataTable)
        library = app.context.library.scenarios
        assert table.row_count == len(library)
        levels = [scenario.difficulty for scenario in home.shown]
        assert levels == sorted(levels)
        assert [str(cell) for cell in table.get_row("moving-fee")] == [
            "A moving fee on your internet\nLumenet Broadband \u00b7 fee",
            "1/5",
            "\u2013",
            "never",
        ]
        assert "A moving fee on your internet" in shown(home.query_one("#next-title"))
        assert "easiest" in shown(home.query_one("#next-reason"))


@pytest.mark.slow
async def test_typing_filters_the_list_and_enter_opens_the_briefing(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        await pilot.press(*"seat")
        assert [scenario.id for scenario in home.shown] == ["seats-apart"]
        await pilot.press("enter")
        assert isinstance(app.screen, BriefingScreen)
        assert app.screen.scenario.id == "seats-apart"
        await pilot.press("escape")
        assert app.screen_stack[-1] is home
        assert isinstance(home, HomeScreen)
        await pilot.press(*"zzz")
        assert home.shown == []
        assert "No scenario matches" in shown(home.query_one("#notice"))
        await pilot.press("escape")
        assert home.query_one(Input).value == ""
        assert len(home.shown) == len(app.context.library.scenarios)


async def test_arrow_keys_choose_a_row_while_the_filter_keeps_the_keyboard(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        await pilot.press("down", "down")
        assert home.query_one(Input).has_focus
        expected = home.shown[2]
        await pilot.press("enter")
        assert isinstance(app.screen, BriefingScreen)
        assert app.screen.scenario is expected


async def test_clicking_a_scenario_opens_its_briefing(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        table = home.query_one(DataTable)
        await app.workers.wait_for_complete()  # the bests fill in from the history first
        await pilot.pause()
        await pilot.click(DataTable, offset=(2, 3))  # the second row (two lines a row)
        await pilot.click(DataTable, offset=(2, 3))
        assert isinstance(app.screen, BriefingScreen)
        assert app.screen.scenario is home.shown[table.cursor_row]


async def test_broken_scenario_files_appear_as_a_notice_not_a_crash(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    shutil.copy(SCENARIO_FIXTURES / "broken" / "bad_goto.toml", folder)
    shutil.copy(SCENARIO_FIXTURES / "valid" / "minimal.toml", folder)
    library = load_library(default_folders([folder]))
    app = make_app(tmp_path / "scores", library=library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        notice = shown(app.screen.query_one("#notice"))
        assert "1 scenario file could not be loaded" in notice
        assert "bad_goto.toml:" in notice
        assert "goto" in notice
        assert len(app.screen.query_one(DataTable).rows) == len(library.scenarios)


async def test_an_unreadable_history_is_reported_left_as_it_was_and_practice_goes_on(
    tmp_path: Path,
) -> None:
    database = tmp_path / "scores.db"
    database.write_bytes(b"this is not a database" * 100)
    before = database.read_bytes()
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [notification.message for notification in app._notifications]
        assert any("cannot be read" in message and "scores.db" in message for message in messages)
        assert app.screen.query_one(DataTable).row_count == len(app.context.library.scenarios)
        await pilot.press("enter", "enter")
        call = app.screen
        assert not call.practice.saving  # type: ignore[attr-defined]
        call.query_one("#reply").text = "Hello, I'd like the fee waived please."  # type: ignore[attr-defined]
        await pilot.press("enter")
        assert len(call.practice.call.turns) == 1  # type: ignore[attr-defined]
    assert database.read_bytes() == before


async def test_play_id_opens_that_scenarios_briefing(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_scenario="warranty-part")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        assert app.screen.scenario.id == "warranty-part"
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_briefing_shows_the_situation_goal_agent_and_tips_which_can_be_hidden(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path, start_scenario="seats-apart")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        briefing = app.screen
        assert isinstance(briefing, BriefingScreen)
        scenario = briefing.scenario
        assert "you will speak to Dana" in shown(briefing.query_one("#facts"))
        assert scenario.goal in shown(briefing.query_one("#goal"))
        assert "14C" in shown(briefing.query_one("#situation"))
        assert scenario.tips[0] in shown(briefing.query_one("#tips"))
        await pilot.press("t")
        hidden = shown(briefing.query_one("#tips"))
        assert scenario.tips[0] not in hidden
        assert f"{len(scenario.tips)} tips hidden" in hidden
        assert "Coach mode is on" in shown(briefing.query_one("#mode-help"))
        await pilot.press("m")
        assert "Exam mode is on" in shown(briefing.query_one("#mode-help"))
        await pilot.press("enter")
        assert app.screen.practice.mode == "exam"  # type: ignore[attr-defined]


async def test_help_lists_the_keys_of_every_screen(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(shown(section) for section in app.screen.query(".help-section"))
        for expected in (
            "Hang up",
            "Show line now",
            "Retry from turn",
            "Start the call",
            "Practise next",
            "Ctrl+J",
            "Command palette",
        ):
            assert expected in text
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_the_command_palette_offers_the_screens_and_every_scenario(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for screen in ("Home", "Progress", "Help"):
            assert screen in titles
        for scenario in app.context.library.scenarios.values():
            assert f"Practise: {scenario.title}" in titles
        practise = next(c for c in app.get_system_commands(app.screen) if "Seats" in c.title)
        practise.callback()
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)


async def test_a_theme_picked_in_the_app_is_used_next_time(tmp_path: Path) -> None:
    settings_file = tmp_path / "config" / "settings.toml"
    app = make_app(tmp_path, settings_path=settings_file)
    async with app.run_test(size=SIZE) as pilot:
        app.theme = "nord"
        await pilot.pause()
    settings, problems = load_settings(settings_file)
    assert problems == []
    assert settings.theme == "nord"


async def test_the_filter_is_cleared_after_a_call_and_kept_after_a_look_at_a_briefing(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        app.screen.query_one(Input).value = "moving"
        await pilot.pause()
        await pilot.press("enter", "escape")  # a look at the briefing, and back
        await app.workers.wait_for_complete()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one(Input).value == "moving"
        await pilot.press("enter", "enter")  # the briefing, then the call
        await pilot.press("escape", "y")  # hang up: the debrief
        await app.workers.wait_for_complete()
        await pilot.press("escape")  # Home
        await app.workers.wait_for_complete()
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert home.query_one(Input).value == ""
        assert home.query_one(DataTable).row_count == len(app.context.library.scenarios)
