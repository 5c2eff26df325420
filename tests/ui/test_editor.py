"""The Editor screen, driven as an author would: open a scenario from Home, break it, see the
error at its line, fix it, play the draft, save; every file in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, OptionList, Static, TextArea, Tree

from tests.conftest import EXAMPLE_SCENARIO
from tests.ui.editing import (
    SIZE,
    app_on,
    line_of,
    map_shown,
    open_editor,
    problems_shown,
    replace,
    top,
)
from tests.ui.screens import checked, shown, type_reply, until
from trainer.authoring.drafts import draft_path
from trainer.history.store import Store
from trainer.ui.screens.call import CallScreen, ConfirmHangUp
from trainer.ui.screens.debrief import DebriefScreen
from trainer.ui.screens.editor_dialogs import UnsavedChanges
from trainer.ui.screens.home import HomeScreen


@pytest.mark.slow
async def test_break_see_the_error_at_its_line_fix_play_the_draft_and_save(
    folder: Path, tmp_path: Path
) -> None:
    scores = tmp_path / "scores"
    app = app_on(folder, scores)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_editor(app, pilot)
        original = (folder / "gym.toml").read_text(encoding="utf-8")
        assert screen.source.text == original
        assert problems_shown(screen) == ["No problems found."]
        status = shown(screen.query_one("#status", Static))
        assert "3 self-tests played, 3 passed" in status
        assert "saved" in status

        # Break it: a branch to a node that does not exist.
        replace(screen, 'goto = "supervisor"', 'goto = "supervisr"')
        await pilot.press("x")
        await pilot.press("backspace")
        await checked(pilot)
        broken_line = line_of(screen.source.text, 'goto = "supervisr"')
        [problem] = problems_shown(screen)
        assert problem.startswith(f"{broken_line} error nodes.refusal.branches[1].goto:")
        assert "supervisr" in problem
        assert "\u2192 supervisr  no such node  if mentions" in "\n".join(map_shown(screen))
        assert "unreachable" in "\n".join(map_shown(screen))  # nothing else leads there

        # Choosing the problem puts the cursor on its line.
        screen.source.move_cursor((0, 0))
        problems = screen.query_one("#problems", OptionList)
        problems.focus()
        problems.highlighted = 0
        await pilot.press("enter")
        assert screen.source.cursor_location[0] == broken_line - 1
        assert screen.focused is screen.source

        # A broken draft cannot be played, and saving keeps it as a draft.
        await pilot.press("f5")
        assert top(app) is screen
        await pilot.press("ctrl+s")
        assert (folder / "gym.toml").read_text(encoding="utf-8") == original
        assert draft_path(folder / "gym.toml").read_text(encoding="utf-8") == screen.source.text
        assert "kept as gym.toml.draft" in shown(screen.query_one("#status", Static))

        # Fix it and play the draft through: a win, nothing saved to the history.
        replace(screen, 'goto = "supervisr"', 'goto = "supervisor"')
        replace(screen, 'name = "Casey"', 'name = "Jordan"')
        await checked(pilot)
        assert problems_shown(screen) == ["No problems found."]
        await pilot.press("f5")
        call = app.screen
        assert isinstance(call, CallScreen)
        assert call.practice.scenario.agent.name == "Jordan"
        assert call.practice.store is None
        while not call.practice.finished:
            node = call.practice.scenario.nodes[call.practice.call.node]
            assert node.model_reply is not None
            type_reply(app, node.model_reply)
            await pilot.press("enter")
            await pilot.pause()
        await pilot.press("ctrl+s", "ctrl+s")
        await pilot.press("enter")
        assert isinstance(app.screen, DebriefScreen)
        assert app.screen.result.outcome == "win"
        await pilot.press("escape")  # home from the debrief goes back to the editor
        assert top(app) is screen
        assert 'name = "Jordan"' in screen.source.text
        with Store(scores) as store:
            assert store.sessions(None) == []

        # Save: the file now holds the fix, the draft is gone, Home lists the change.
        replace(screen, 'title = "', 'title = "Edited: ')
        await pilot.press("ctrl+s")
        saved = (folder / "gym.toml").read_text(encoding="utf-8")
        assert saved == screen.source.text
        assert 'name = "Jordan"' in saved
        assert not draft_path(folder / "gym.toml").exists()
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        await app.workers.wait_for_complete()
        assert app.context.library.scenarios["gym-cancellation"].title.startswith("Edited: ")


@pytest.mark.slow
async def test_closing_with_unsaved_changes_asks_and_can_keep_editing_or_discard(
    folder: Path,
) -> None:
    app = app_on(folder)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_editor(app, pilot)
        await pilot.press("escape")  # nothing changed: closes at once
        assert isinstance(app.screen, HomeScreen)
        screen = await open_editor(app, pilot)
        replace(screen, "[agent]", "[agent")
        await pilot.press("escape")
        assert isinstance(app.screen, UnsavedChanges)
        await pilot.press("escape")  # keep editing
        assert top(app) is screen
        assert "[agent\n" in screen.source.text
        await pilot.press("escape", "d")  # discard
        assert isinstance(app.screen, HomeScreen)
        assert (folder / "gym.toml").read_text(encoding="utf-8") == EXAMPLE_SCENARIO.read_text(
            encoding="utf-8"
        )
        assert not draft_path(folder / "gym.toml").exists()


@pytest.mark.slow
async def test_a_toml_syntax_error_keeps_the_last_map_and_failing_self_tests_are_listed(
    folder: Path,
) -> None:
    app = app_on(folder)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_editor(app, pilot)
        before = map_shown(screen)
        assert before[0].startswith("opening  start")
        assert any("ends: WIN" in line for line in before)
        replace(screen, "[agent]", "[agent")
        await checked(pilot)
        assert map_shown(screen) == before
        assert screen.query_one("#map").border_subtitle == "as last read"
        replace(screen, "[agent", "[agent]")
        # The model replies no longer win when the supervisor asks for far more firmness.
        replace(screen, 'firmness = ">= 55"', 'firmness = ">= 99"')
        await checked(pilot)
        shown_problems = problems_shown(screen)
        test_line = line_of(screen.source.text, "[[tests]]")
        assert (
            f"{test_line} error tests[0] (model replies win a refund): expected win, got partial "
            "at node membership_closed (via opening > refusal > supervisor > membership_closed)"
        ) in shown_problems
        assert any("model replies" in line and "warning" in line for line in shown_problems)
        assert shown(screen.query_one("#status", Static)).endswith(
            "valid, F5 plays it; 1 of 3 self-tests failing"
        )
        # F8 goes to the first problem's line.
        screen.source.move_cursor((0, 0))
        await pilot.press("f8")
        first_line = int(shown_problems[0].split()[0])
        assert screen.source.cursor_location[0] == first_line - 1


async def test_letters_typed_on_the_list_go_to_the_filter(folder: Path) -> None:
    app = app_on(folder)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("tab", "g", "y", "m")
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one(Input).value == "gym"
        assert isinstance(app.screen.focused, Input)


async def test_a_burst_of_letters_on_the_list_all_reach_the_filter_in_order(
    folder: Path,
) -> None:
    app = app_on(folder)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        filter_box = app.screen.query_one(Input)
        await pilot.press("tab")
        for key in "gym fees":  # all sent before the first is handled, as a fast typist does
            app.post_message(events.Key("space" if key == " " else key, key))
        await until(
            pilot,
            lambda: not isinstance(app.screen, HomeScreen) or filter_box.value == "gym fees",
            "every key of the burst to be handled",
        )
        assert isinstance(app.screen, HomeScreen)  # the "e"s did not open the editor
        assert filter_box.value == "gym fees"


@pytest.mark.slow
async def test_a_draft_call_shows_its_node_says_lines_at_once_and_goes_back_to_the_editor(
    folder: Path,
) -> None:
    app = app_on(folder, pace=15)  # a person's pace: a draft is said at once all the same
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_editor(app, pilot)
        await pilot.press("f5")
        call = app.screen
        assert isinstance(call, CallScreen)
        status = shown(call.query_one("#call-status", Static))
        assert status.endswith("turn 1 of up to 8 \u00b7 node opening")  # for the author
        type_reply(app, "Hello, I was charged twice after cancelling.")
        await pilot.press("enter")
        assert not call.practice.call.turns[0].interrupted  # the line was said whole
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmHangUp)
        await pilot.press("y")
        debrief = app.screen
        assert isinstance(debrief, DebriefScreen)
        assert debrief.active_bindings["escape"].binding.description == "Back to the editor"
        await pilot.press("escape")
        assert top(app) is screen
        assert isinstance(screen.query_one("#source"), TextArea)


async def test_one_scenario_is_edited_at_a_time(folder: Path) -> None:
    app = app_on(folder)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_editor(app, pilot)
        await pilot.press("f1")
        app.edit_file(folder / "gym.toml")  # the same file: back to its editor
        assert top(app) is screen
        app.new_scenario()  # another: close this one first
        await pilot.pause()
        assert top(app) is screen
        assert "close it first" in [n.message for n in app._notifications][-1]


@pytest.mark.slow
async def test_enter_on_the_panes_goes_to_lines_from_the_first_press(folder: Path) -> None:
    app = app_on(folder)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_editor(app, pilot)
        replace(screen, 'goto = "supervisor"', 'goto = "supervisr"')
        await checked(pilot)
        text = screen.source.text
        await pilot.press("f6", "enter")  # to Problems; its first problem is ready
        assert screen.source.cursor_location[0] == line_of(text, 'goto = "supervisr"') - 1
        await pilot.press("f6", "f6")  # to the node map, where Enter goes to a branch's line
        node_map = screen.query_one("#map", Tree)
        assert screen.focused is node_map
        refusal = next(n for n in node_map.root.children if str(n.label).startswith("refusal"))
        branch = refusal.children[1]
        node_map.move_cursor(branch)
        await pilot.press("enter")
        expected = text[: text.index('goto = "supervisr"')].rindex("[[nodes.refusal.branches]]")
        assert screen.source.cursor_location[0] == text[:expected].count("\n")
        assert refusal.is_expanded  # Enter does not fold the map
