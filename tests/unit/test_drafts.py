"""Saving an edited scenario never replaces a valid file with a broken one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import SCENARIO_FIXTURES
from trainer.authoring.drafts import draft_path, file_stamp, open_for_editing, save_scenario

MINIMAL = (SCENARIO_FIXTURES / "valid" / "minimal.toml").read_text(encoding="utf-8")


def test_a_valid_text_is_saved_and_an_old_draft_goes(tmp_path: Path) -> None:
    path = tmp_path / "minimal.toml"
    draft_path(path).write_text("old draft", encoding="utf-8")
    saved = save_scenario(path, MINIMAL.replace("Minimal", "Renamed"))
    assert (saved.path, saved.draft, saved.problems) == (path, False, ())
    assert 'title = "Renamed"' in path.read_text(encoding="utf-8")
    assert not draft_path(path).exists()


def test_a_broken_text_is_kept_as_a_draft_and_the_file_is_untouched(tmp_path: Path) -> None:
    path = tmp_path / "minimal.toml"
    path.write_text(MINIMAL, encoding="utf-8")
    broken = MINIMAL.replace('goto = "won"', 'goto = "wonn"')
    saved = save_scenario(path, broken)
    assert saved.draft
    assert saved.path == tmp_path / "minimal.toml.draft"
    assert saved.path.read_text(encoding="utf-8") == broken
    assert path.read_text(encoding="utf-8") == MINIMAL
    assert [problem.key for problem in saved.problems] == ["nodes.opening.branches[1].goto"]


def test_a_new_scenario_that_is_not_valid_yet_is_only_a_draft(tmp_path: Path) -> None:
    path = tmp_path / "new.toml"
    saved = save_scenario(path, 'id = "new"\n')
    assert saved.draft
    assert not path.exists()
    assert draft_path(path).read_text(encoding="utf-8") == 'id = "new"\n'


def test_a_valid_text_whose_id_another_file_uses_is_only_a_draft(tmp_path: Path) -> None:
    path = tmp_path / "copy.toml"
    path.write_text(MINIMAL, encoding="utf-8")
    changed = MINIMAL.replace("Minimal", "Copied")
    saved = save_scenario(path, changed, {"minimal": tmp_path / "minimal.toml"})
    assert saved.draft
    assert saved.path == draft_path(path)
    assert [problem.key for problem in saved.problems] == ["id"]
    assert path.read_text(encoding="utf-8") == MINIMAL


def test_the_first_save_makes_the_scenarios_folder(tmp_path: Path) -> None:
    path = tmp_path / "not" / "yet" / "minimal.toml"
    saved = save_scenario(path, MINIMAL)
    assert not saved.draft
    assert path.read_text(encoding="utf-8") == MINIMAL


def test_a_file_changed_on_disk_since_it_was_opened_is_not_replaced_unasked(
    tmp_path: Path,
) -> None:
    path = tmp_path / "minimal.toml"
    path.write_text(MINIMAL, encoding="utf-8")
    opened = open_for_editing(path)
    theirs = MINIMAL.replace("Minimal", "Theirs")
    path.write_text(theirs, encoding="utf-8")
    os.utime(path, ns=(opened.stamp or 0, (opened.stamp or 0) + 1_000_000_000))
    mine = MINIMAL.replace("Minimal", "Mine")
    saved = save_scenario(path, mine, expected_stamp=opened.stamp, check_stamp=True)
    assert saved.draft
    assert saved.changed_on_disk
    assert path.read_text(encoding="utf-8") == theirs
    assert draft_path(path).read_text(encoding="utf-8") == mine
    # Saving again with the stamp now seen replaces it: the author was told.
    again = save_scenario(path, mine, expected_stamp=saved.stamp, check_stamp=True)
    assert not again.draft
    assert path.read_text(encoding="utf-8") == mine
    assert again.stamp == file_stamp(path)


def test_a_draft_that_cannot_be_removed_does_not_undo_the_save(tmp_path: Path) -> None:
    path = tmp_path / "minimal.toml"
    (draft_path(path) / "inside").mkdir(parents=True)  # a folder that unlink cannot remove
    saved = save_scenario(path, MINIMAL)
    assert not saved.draft
    assert path.read_text(encoding="utf-8") == MINIMAL


def test_opening_prefers_a_newer_draft_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "minimal.toml"
    path.write_text(MINIMAL, encoding="utf-8")
    draft_path(path).write_text("draft text", encoding="utf-8")
    stamp = file_stamp(path) or 0
    os.utime(draft_path(path), ns=(stamp, stamp + 1_000_000_000))
    opened = open_for_editing(path)
    assert (opened.text, opened.from_draft, opened.written) == ("draft text", True, True)
    assert opened.stamp == stamp
    assert opened.notice is not None
    assert opened.notice.startswith("Opened your draft (minimal.toml.draft)")
    os.utime(draft_path(path), ns=(stamp, stamp - 1_000_000_000))
    opened = open_for_editing(path)
    assert (opened.text, opened.from_draft) == (MINIMAL, False)
    assert opened.notice == "minimal.toml.draft is older than minimal.toml, so the file was opened."


def test_a_new_scenarios_draft_opens_without_a_file(tmp_path: Path) -> None:
    path = tmp_path / "new.toml"
    draft_path(path).write_text('id = "new"\n', encoding="utf-8")
    opened = open_for_editing(path)
    assert (opened.text, opened.stamp, opened.from_draft) == ('id = "new"\n', None, True)
    assert opened.notice == "Opened your draft (new.toml.draft); new.toml is not written yet."


def test_text_that_is_not_utf8_opens_with_replacement_characters_and_a_notice(
    tmp_path: Path,
) -> None:
    path = tmp_path / "latin.toml"
    path.write_bytes(MINIMAL.replace("Minimal", "Caf\u00e9").encode("latin-1"))
    opened = open_for_editing(path)
    assert 'title = "Caf\ufffd"' in opened.text
    assert opened.notice == (
        "latin.toml is not all UTF-8 text: what could not be read shows as \ufffd."
    )
    bom = tmp_path / "bom.toml"
    bom.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode("utf-8"))
    assert open_for_editing(bom).text == MINIMAL  # read as the loader reads it


def test_open_raises_when_there_is_nothing_to_read(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        open_for_editing(tmp_path / "missing.toml")


def test_a_draft_that_cannot_be_read_leaves_the_file_to_open(tmp_path: Path) -> None:
    path = tmp_path / "minimal.toml"
    path.write_text(MINIMAL, encoding="utf-8")
    draft_path(path).mkdir()  # newer, and not a file
    stamp = file_stamp(path) or 0
    os.utime(draft_path(path), ns=(stamp, stamp + 1_000_000_000))
    opened = open_for_editing(path)
    assert (opened.text, opened.from_draft) == (MINIMAL, False)
    assert opened.notice is not None
    assert opened.notice.startswith("minimal.toml.draft cannot be read (")


def test_a_bom_is_dropped_even_from_text_that_is_not_all_utf8(tmp_path: Path) -> None:
    path = tmp_path / "both.toml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.replace("Minimal", "Caf\xe9").encode("latin-1"))
    assert open_for_editing(path).text.startswith('id = "minimal"')
