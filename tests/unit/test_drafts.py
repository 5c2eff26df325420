"""Saving an edited scenario never replaces a valid file with a broken one."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import SCENARIO_FIXTURES
from trainer.drafts import draft_path, save_scenario

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
