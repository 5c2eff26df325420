"""The Editor screen, driven as an author would: open a scenario from Home, break it, see the
error at its line, fix it, play the draft, save; every file in a temporary folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from textual import events
from textual.content import Content
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import DataTable, Input, OptionList, Static, TextArea, Tree

from tests.ui.screens import checked, make_app, shown, type_reply, until
from trainer.authoring.drafts import draft_path
from trainer.history.store import Store
from trainer.scenario.library import ScenarioFolder, load_library
from trainer.ui.app import TrainerApp
from trainer.ui.screens.call import CallScreen, ConfirmHangUp
from trainer.ui.screens.debrief import DebriefScreen
from trainer.ui.screens.editor import EditorScreen
from trainer.ui.screens.editor_dialogs import NewScenario, UnsavedChanges
from trainer.ui.screens.home import HomeScreen

EXAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "gym-cancellation.toml"
SIZE = (120, 40)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A scenarios folder holding the guide's worked example."""
    scenarios = tmp_path / "scenarios"
    scenarios.mkdir()
    shutil.copy(EXAMPLE, scenarios / "gym.toml")
    return scenarios


def app_on(folder: Path, scores: Path | None = None, pace: int = 0) -> TrainerApp:
    """The app with only `folder` in its library, where new scenarios are written too."""
    library = load_library([ScenarioFolder(folder, "yours")])
    return make_app(scores, pace=pace, library=library, scenarios_folder=folder)


async def open_editor(app: TrainerApp, pilot: Pilot[None]) -> EditorScreen:
    """From Home, Ctrl+E on the highlighted scenario; wait for the first check."""
    await app.workers.wait_for_complete()
    await pilot.press("ctrl+e")
    assert isinstance(app.screen, EditorScreen)
    await checked(pilot)
    return app.screen


def problems_shown(screen: EditorScreen) -> list[str]:
    """The problem list as the author reads it, one line per problem."""
    options = screen.query_one("#problems", OptionList)
    return [
        " ".join(str(options.get_option_at_index(i).prompt).split())
        for i in range(options.option_count)
    ]


def map_shown(screen: EditorScreen) -> list[str]:
    """The node map, each node then its branches."""
    tree = screen.query_one("#map", Tree)
    lines = []
    for node in tree.root.children:
        lines.append(str(node.label))
        lines += [f"  {child.label}" for child in node.children]
    return lines


def line_of(text: str, fragment: str) -> int:
    """The line (from 1) where `fragment` first appears."""
    return text[: text.index(fragment)].count("\n") + 1


def replace(screen: EditorScreen, old: str, new: str) -> None:
    """Edit the text as typing would: replace the first `old` with `new`."""
    text = screen.source.text
    index = text.index(old)
    screen.source.replace(new, location(text, index), location(text, index + len(old)))


def location(text: str, index: int) -> tuple[int, int]:
    """(row, column) of a character index in `text`."""
    row = text.count("\n", 0, index)
    return row, index - (text.rfind("\n", 0, index) + 1)


def top(app: TrainerApp) -> Screen[object]:
    """The screen on top (a call, so that each check reads it afresh)."""
    return app.screen


def changed_elsewhere(path: Path) -> str:
    """Change the file as another editor would (a second later); its new text."""
    theirs = path.read_text(encoding="utf-8").replace('name = "Casey"', 'name = "Robin"')
    path.write_text(theirs, encoding="utf-8")
    stamp = path.stat().st_mtime_ns + 1_000_000_000
    os.utime(path, ns=(stamp, stamp))
    return theirs


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
        await pilot.press("x")  # typing goes on while the check waits for a pause
        assert "checking" in shown(screen.query_one("#status", Static))
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
        assert (folder / "gym.toml").read_text(encoding="utf-8") == EXAMPLE.read_text(
            encoding="utf-8"
        )
        assert not draft_path(folder / "gym.toml").exists()


@pytest.mark.slow
async def test_quitting_with_unsaved_changes_asks_and_saving_keeps_a_broken_text_as_a_draft(
    folder: Path,
) -> None:
    app = app_on(folder)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_editor(app, pilot)
        replace(screen, "[agent]", "[agent")
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, UnsavedChanges)
        await pilot.press("escape")
        assert top(app) is screen
        assert app.is_running
        await pilot.press("ctrl+q", "s")
        await pilot.pause()
    assert not app.is_running
    assert "[agent\n" in draft_path(folder / "gym.toml").read_text(encoding="utf-8")
    assert (folder / "gym.toml").read_text(encoding="utf-8") == EXAMPLE.read_text(encoding="utf-8")


async def test_a_newer_draft_is_opened_in_place_of_the_file(folder: Path) -> None:
    draft = draft_path(folder / "gym.toml")
    draft.write_text("unfinished = [\n", encoding="utf-8")
    file_time = (folder / "gym.toml").stat().st_mtime
    os.utime(draft, (file_time + 10, file_time + 10))
    app = app_on(folder)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_editor(app, pilot)
        assert screen.source.text == "unfinished = [\n"
        assert not screen.unsaved  # it is on disk already
        [problem] = problems_shown(screen)
        assert problem == "1 error (toml): invalid value (at the end of the file)"
        assert "kept as gym.toml.draft" in shown(screen.query_one("#status", Static))


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


@pytest.mark.slow
async def test_new_scenario_from_home_asks_for_an_id_and_saves_a_playable_file(
    folder: Path,
) -> None:
    app = app_on(folder)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        assert "n" not in app.screen.active_bindings  # so the footer does not offer it
        await pilot.press("n")  # in the filter, n is a letter
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one(Input).value == "n"
        await pilot.press("escape", "tab")
        assert isinstance(app.screen.focused, DataTable)
        assert app.screen.active_bindings["n"].binding.description == "New scenario"
        await pilot.press("n")
        assert isinstance(app.screen, NewScenario)
        box = app.screen.query_one(Input)
        box.value = "gym-cancellation"  # the example's id is taken
        await pilot.press("enter")
        assert "the library already has a scenario" in shown(
            app.screen.query_one("#id-problem", Static)
        )
        box.value = "Late Refund"
        await pilot.press("enter")
        assert "lower-case letters" in shown(app.screen.query_one("#id-problem", Static))
        box.value = "late-refund"
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        await checked(pilot)
        assert 'id = "late-refund"' in screen.source.text
        assert screen.unsaved
        assert not (folder / "late-refund.toml").exists()
        assert "new, not saved yet" in shown(screen.query_one("#status", Static))
        await pilot.press("ctrl+s")
        assert (folder / "late-refund.toml").read_text(encoding="utf-8") == screen.source.text
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        assert "late-refund" in app.context.library.scenarios


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


async def test_a_scenario_that_cannot_be_written_says_so_and_keeps_the_text(
    folder: Path,
) -> None:
    app = app_on(folder)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_editor(app, pilot)
        draft_path(folder / "gym.toml").mkdir()  # a folder where the draft would go
        replace(screen, "[agent]", "[agent")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [notice] = [n.message for n in app._notifications]
        assert notice.startswith(f"Could not save {folder / 'gym.toml.draft'}: ")
        assert notice.endswith("Your text is still here.")
        assert screen.unsaved
        assert "[agent\n" in screen.source.text
        assert (folder / "gym.toml").read_text(encoding="utf-8") == EXAMPLE.read_text(
            encoding="utf-8"
        )


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


@pytest.mark.slow
async def test_markup_in_a_file_name_is_shown_as_written(folder: Path) -> None:
    (folder / "gym.toml").rename(folder / "[b]gym[i].toml")
    app = app_on(folder)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_editor(app, pilot)
        assert screen.title == "Editing [b]gym[i].toml"
        title = Content.from_markup(str(screen.source.border_title)).plain
        assert title.endswith("[b]gym[i].toml")
        await pilot.press("f5")
        assert isinstance(app.screen, CallScreen)
        await pilot.press("escape", "y", "escape")
        assert top(app) is screen


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
async def test_a_new_scenario_kept_as_a_draft_is_resumed_not_started_again(
    folder: Path,
) -> None:
    app = app_on(folder)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        app.new_scenario()
        await pilot.pause()
        app.screen.query_one(Input).value = "late-refund"
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        replace(screen, "[agent]", "[agent")
        await pilot.press("ctrl+s", "escape")
        assert (folder / "late-refund.toml.draft").exists()
        assert not (folder / "late-refund.toml").exists()
        commands = [command.title for command in app.get_system_commands(app.screen)]
        assert "Resume draft: late-refund.toml.draft" in commands
        app.new_scenario()  # the same id again: the draft, not a fresh scaffold
        await pilot.pause()
        assert "late-refund" not in app.screen.query_one(Input).placeholder  # not suggested
        app.screen.query_one(Input).value = "late-refund"
        await pilot.press("enter")
        assert isinstance(app.screen, EditorScreen)
        assert "[agent\n" in app.screen.source.text


async def test_a_file_changed_on_disk_meanwhile_is_kept_until_a_second_save(
    folder: Path,
) -> None:
    app = app_on(folder)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_editor(app, pilot)
        path = folder / "gym.toml"
        theirs = changed_elsewhere(path)
        replace(screen, 'name = "Casey"', 'name = "Jordan"')
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert path.read_text(encoding="utf-8") == theirs
        assert 'name = "Jordan"' in draft_path(path).read_text(encoding="utf-8")
        assert "was changed on disk since you opened it" in list(app._notifications)[-1].message
        await pilot.press("ctrl+s")
        assert 'name = "Jordan"' in path.read_text(encoding="utf-8")
        assert not draft_path(path).exists()


@pytest.mark.slow
async def test_a_briefing_opened_before_a_save_plays_the_saved_scenario(folder: Path) -> None:
    app = app_on(folder)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("enter")  # the briefing of the example
        briefing = app.screen
        app.edit_scenario(app.context.library.scenarios["gym-cancellation"])
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        replace(screen, 'name = "Casey"', 'name = "Jordan"')
        await pilot.press("ctrl+s", "escape")
        assert top(app) is briefing
        await pilot.press("enter")
        call = app.screen
        assert isinstance(call, CallScreen)
        assert call.practice.scenario.agent.name == "Jordan"


async def test_a_file_that_is_not_utf8_opens_with_a_notice(folder: Path) -> None:
    path = folder / "gym.toml"
    path.write_bytes(path.read_bytes().replace(b"Ironside", b"Ir\xf6nside"))
    app = app_on(folder)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await app.workers.wait_for_complete()
        [broken] = app.context.library.broken_files
        app.edit_file(broken.path)  # as the palette's "Fix:" does
        await checked(pilot)
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        assert "Ir\ufffdnside" in screen.source.text
        assert "not all UTF-8 text" in list(app._notifications)[-1].message
        replace(screen, "Ir\ufffdnside", "Ironside")
        await pilot.press("ctrl+s")
        assert "Ironside Fitness" in path.read_text(encoding="utf-8")
        assert app.context.library.broken_files == []


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


async def test_a_valid_scenario_whose_id_is_taken_plays_but_says_it_cannot_be_saved(
    folder: Path,
) -> None:
    shutil.copy(folder / "gym.toml", folder / "copy.toml")
    app = app_on(folder)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        [second] = app.context.library.broken_files  # the library reports the one found later
        app.edit_file(second.path)
        await checked(pilot)
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        status = shown(screen.query_one("#status", Static))
        assert status.endswith("F5 plays it, but another file has its id: saving keeps a draft")
        await pilot.press("f5")
        assert isinstance(app.screen, CallScreen)


@pytest.mark.slow
async def test_a_file_changed_on_disk_while_the_text_is_broken_warns_again_when_valid(
    folder: Path,
) -> None:
    app = app_on(folder)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_editor(app, pilot)
        path = folder / "gym.toml"
        theirs = changed_elsewhere(path)
        replace(screen, "[agent]", "[agent")
        await pilot.press("ctrl+s")
        await pilot.pause()
        message = list(app._notifications)[-1].message
        assert message.startswith("Not a valid scenario yet (1 error; the first at line 21)")
        assert message.endswith("(gym.toml was also changed on disk since you opened it.)")
        replace(screen, "[agent", "[agent]")
        await pilot.press("ctrl+s")  # valid now: still kept aside, with the warning
        await pilot.pause()
        assert path.read_text(encoding="utf-8") == theirs
        assert "was changed on disk since you opened it" in list(app._notifications)[-1].message
        await pilot.press("ctrl+s")  # told: this one replaces it
        assert 'name = "Casey"' in path.read_text(encoding="utf-8")


async def test_home_keeps_the_scenario_highlighted_after_it_was_edited(folder: Path) -> None:
    shutil.copy(EXAMPLE, folder / "other.toml")
    other = (folder / "other.toml").read_text(encoding="utf-8")
    (folder / "other.toml").write_text(
        other.replace('id = "gym-cancellation"', 'id = "other"'), encoding="utf-8"
    )
    app = app_on(folder)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("down")
        home = app.screen
        assert isinstance(home, HomeScreen)
        chosen = home.shown[1].id
        await pilot.press("ctrl+e")
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        replace(screen, 'name = "Casey"', 'name = "Jordan"')
        await pilot.press("ctrl+s", "escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert home.shown[home.query_one(DataTable).cursor_row].id == chosen
