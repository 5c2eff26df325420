"""What people and authors can throw at the screens: markup in names, keys pressed twice,
settings with mistakes, a scores folder that cannot be looked at, a call with no reply."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.content import Content
from textual.widgets import Input

from tests.conftest import SCENARIO_FIXTURES
from tests.ui.screens import make_app, shown, type_reply, until
from trainer.history.store import Store
from trainer.scenario.library import Library, default_folders, load_library
from trainer.support.problems import Problem
from trainer.ui.screens.call import CallScreen
from trainer.ui.screens.debrief import ChooseTurn, DebriefScreen
from trainer.ui.screens.help import HelpScreen
from trainer.ui.screens.home import HomeScreen
from trainer.ui.screens.progress import ProgressScreen
from trainer.ui.widgets.conversation import AgentLine

SIZE = (80, 24)
MARKUP = "Sam [/] [b]x[link=http://e]l[/link] [A] (Tier [$error] 2)"
TITLE = "Refund [/] now [red]x [B] fee"


def library_with_markup(folder: Path) -> Library:
    """The shipped library plus a scenario whose title, company and agent look like markup."""
    folder.mkdir()
    text = (SCENARIO_FIXTURES / "valid" / "minimal.toml").read_text(encoding="utf-8")
    text = text.replace('title = "Minimal"', f'title = "{TITLE}"')
    text = text.replace('company = "Example Co"', 'company = "Ex [/] Co"')
    text = text.replace('name = "Sam"', f'name = "{MARKUP}"')
    (folder / "minimal.toml").write_text(text, encoding="utf-8")
    library = load_library(default_folders([folder]))
    assert library.get("minimal") is not None
    return library


@pytest.mark.slow
async def test_names_and_titles_that_look_like_markup_are_shown_as_written(
    tmp_path: Path,
) -> None:
    library = library_with_markup(tmp_path / "mine")
    app = make_app(tmp_path / "scores", library=library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"refund now")
        options = app.screen.query_one(CommandList)

        def prompts() -> list[str]:
            shown = (options.get_option_at_index(i).prompt for i in range(options.option_count))
            return [
                Content.from_markup(p).plain if isinstance(p, str) else getattr(p, "plain", str(p))
                for p in shown
            ]

        # The palette searches in the background: wait for the title to be listed as written.
        await until(
            pilot,
            lambda: any(f"Practise: {TITLE}" in prompt for prompt in prompts()),
            f"the palette to list {TITLE!r} exactly as written",
        )
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        app.screen.query_one(Input).value = "refund [/]"
        await pilot.pause()
        await pilot.press("enter", "enter")
        call = app.screen
        assert isinstance(call, CallScreen)
        line = call.query(AgentLine).first()
        title = line._border_title
        assert title is not None
        assert title.plain == MARKUP


async def test_a_second_enter_does_not_send_the_reply_again(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_scenario="moving-fee")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        type_reply(app, "Hello Marcus, what can you do about the $99 fee?")
        await pilot.press("enter", "enter")
        call = app.screen
        assert isinstance(call, CallScreen)
        assert len(call.practice.call.turns) == 1
    with Store(tmp_path) as store:
        [session] = store.sessions()
        assert len(store.turns(session.id)) == 1


async def test_settings_with_mistakes_are_shown_on_home_and_stay_after_filtering(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    problem = Problem(tmp_path / "settings.toml", 2, "pace", "expected a whole number")
    app.context.settings_problems = (problem,)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        notice = app.screen.query_one("#notice")
        assert "settings.toml:2: pace: expected a whole number" in shown(notice)
        await pilot.press(*"zzz")
        assert "No scenario matches" in shown(notice)
        await pilot.press("escape")
        assert "settings.toml:2: pace" in shown(notice)
        assert "the settings file is not used or changed" in shown(notice)


async def test_a_scores_folder_that_cannot_be_looked_at_is_reported_not_a_crash(
    tmp_path: Path,
) -> None:
    unreachable = tmp_path / ("x" * 300)  # a name longer than any file system allows
    app = make_app(unreachable)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("File name too long" in message for message in messages)
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.recommendation is not None


async def test_a_call_with_no_reply_has_no_scores_in_its_debrief(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_scenario="seats-apart")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "escape", "y")
        assert isinstance(app.screen, DebriefScreen)
        assert shown(app.screen.query_one("#scores")) == "No replies, so no scores."
        assert "No replies" in shown(app.screen.query_one("#tactics"))


@pytest.mark.slow
async def test_going_between_help_and_progress_never_piles_screens_up(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        depth = len(app.screen_stack)
        for _ in range(4):
            await pilot.press("f1")
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("f2")
            assert isinstance(app.screen, ProgressScreen)
        assert len(app.screen_stack) == depth + 1
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_the_closing_line_can_be_shown_at_once_and_then_the_call_is_over(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path, pace=15, start_scenario="seats-apart")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        call = app.screen
        assert isinstance(call, CallScreen)
        type_reply(app, "You useless idiots, this is a joke!!!")
        await pilot.press("enter")
        assert call.practice.finished
        closing = call.query(AgentLine).last()
        assert closing.speaking
        assert not call.query_one("#ended").has_class("shown")
        await pilot.press("ctrl+s")
        assert not closing.speaking
        assert call.query_one("#ended").has_class("shown")


async def test_a_history_path_that_looks_like_markup_is_reported_as_written(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "x[" / "b] [Backup]"  # the path reads .../x[/b] [Backup]
    folder.mkdir(parents=True)
    (folder / "scores.db").write_bytes(b"not a database" * 200)
    app = make_app(folder)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter", "enter")  # a call goes on, unsaved, with a second warning
        await pilot.pause()
        assert isinstance(app.screen, CallScreen)
        toasts = [n.message for n in app._notifications]
        assert any("x[/b] [Backup]" in message for message in toasts)
        assert app.is_running


@pytest.mark.slow
async def test_enter_twice_on_the_last_reply_still_lets_the_agent_say_goodbye(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path, pace=15, start_scenario="seats-apart")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        call = app.screen
        assert isinstance(call, CallScreen)
        type_reply(app, "You useless idiots, this is a joke!!!")
        await pilot.press("enter", "enter")
        assert call.practice.finished
        assert app.screen is call  # not yet the debrief: the closing line is being said
        await pilot.press("ctrl+s", "enter")
        assert isinstance(app.screen, DebriefScreen)


@pytest.mark.slow
async def test_starting_calls_from_progress_never_piles_screens_up(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_scenario="moving-fee")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "escape", "y")  # a call hung up at once: the debrief
        for _ in range(3):
            assert isinstance(app.screen, DebriefScreen)
            await pilot.press("f2")
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("ctrl+n", "enter")  # the coach's pick, from Progress
            assert isinstance(app.screen, CallScreen)
            await pilot.press("escape", "y")
        assert [type(screen).__name__ for screen in app.screen_stack[1:]] == [
            "HomeScreen",
            "DebriefScreen",
        ]


@pytest.mark.slow
async def test_escape_on_the_turn_chooser_cancels_the_retry(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_scenario="moving-fee")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        type_reply(app, "Hello, I'm moving on 14 June.")
        await pilot.press("enter", "escape", "y", "t")
        assert isinstance(app.screen, ChooseTurn)
        await pilot.press("escape")
        assert isinstance(app.screen, DebriefScreen)
    with Store(tmp_path) as store:
        assert len(store.sessions()) == 1
