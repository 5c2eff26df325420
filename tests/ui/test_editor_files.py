"""The Editor and the files it writes: saving, drafts kept beside a file, new scenarios, a file
changed on disk meanwhile, names and encodings; every file in a temporary folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from textual.content import Content
from textual.widgets import DataTable, Input, Static

from tests.conftest import EXAMPLE_SCENARIO
from tests.ui.editing import (
    SIZE,
    app_on,
    changed_elsewhere,
    open_editor,
    problems_shown,
    replace,
    top,
)
from tests.ui.screens import checked, shown
from trainer.authoring.drafts import draft_path
from trainer.ui.screens.call import CallScreen
from trainer.ui.screens.editor import EditorScreen
from trainer.ui.screens.editor_dialogs import NewScenario, UnsavedChanges
from trainer.ui.screens.home import HomeScreen


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
    assert (folder / "gym.toml").read_text(encoding="utf-8") == EXAMPLE_SCENARIO.read_text(
        encoding="utf-8"
    )


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
        assert (folder / "gym.toml").read_text(encoding="utf-8") == EXAMPLE_SCENARIO.read_text(
            encoding="utf-8"
        )


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
    shutil.copy(EXAMPLE_SCENARIO, folder / "other.toml")
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
