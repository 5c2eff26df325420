"""The library: shipped, personal and named folders; a broken file never hides the others."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import SCENARIO_FIXTURES
from trainer.scenario.library import default_folders, load_library
from trainer.support import paths

MINIMAL = SCENARIO_FIXTURES / "valid" / "minimal.toml"
BROKEN = SCENARIO_FIXTURES / "broken"


def _copy(source: Path, folder: Path, name: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(source, folder / (name or source.name)))


def test_shipped_scenarios_load_from_the_checkout() -> None:
    library = load_library(default_folders())
    assert library.problems == []
    assert "seats-apart" in library.scenarios
    assert library.folders[0].origin == "shipped"


def test_users_own_folder_is_part_of_the_library(user_data_dir: Path) -> None:
    _copy(MINIMAL, user_data_dir / "scenarios")
    library = load_library(default_folders())
    assert "minimal" in library.scenarios
    assert paths.user_scenarios_dir() == user_data_dir / "scenarios"


def test_folders_from_env_and_command_line(tmp_path: Path) -> None:
    env_one, env_two, named = tmp_path / "one", tmp_path / "two", tmp_path / "named"
    _copy(MINIMAL, env_one)
    _copy(MINIMAL, env_two, "other.toml")
    _copy(MINIMAL, named, "third.toml")
    for folder, new_id in ((env_two, "other"), (named, "third")):
        file = folder / f"{new_id}.toml"
        file.write_text(file.read_text().replace('"minimal"', f'"{new_id}"'))
    environ = {"TRAINER_SCENARIOS": f"{env_one}{os.pathsep}{os.pathsep}{env_two}"}

    library = load_library(default_folders([named], environ))

    assert {"minimal", "other", "third"} <= set(library.scenarios)
    assert [f.origin for f in library.folders][-3:] == [
        "TRAINER_SCENARIOS",
        "TRAINER_SCENARIOS",
        "command line",
    ]


def test_broken_files_are_reported_and_valid_ones_still_load(tmp_path: Path) -> None:
    _copy(MINIMAL, tmp_path)
    for name in ("syntax_error.toml", "empty.toml", "bad_goto.toml"):
        _copy(BROKEN / name, tmp_path)

    library = load_library(default_folders([tmp_path]))

    assert "minimal" in library.scenarios
    assert sorted(f.path.name for f in library.broken_files) == [
        "bad_goto.toml",
        "empty.toml",
        "syntax_error.toml",
    ]
    assert len(library.problems) == 3


def test_first_found_wins_when_two_files_share_an_id(user_data_dir: Path, tmp_path: Path) -> None:
    mine = _copy(MINIMAL, user_data_dir / "scenarios")
    theirs = _copy(MINIMAL, tmp_path, "copy.toml")

    library = load_library(default_folders([tmp_path]))

    [owner] = [f for f in library.files if f.scenario is not None and f.scenario.id == "minimal"]
    assert owner.path == mine
    [problem] = library.problems
    assert problem.path == theirs
    assert problem.key == "id"


def test_a_named_folder_that_does_not_exist_is_reported(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    library = load_library(default_folders([missing]))
    [problem] = library.problems
    assert problem.path == missing
    assert "no such folder" in problem.message
    assert "seats-apart" in library.scenarios


def test_subfolders_are_searched_and_hidden_ones_skipped(tmp_path: Path) -> None:
    _copy(MINIMAL, tmp_path / "pack" / "airlines")
    _copy(BROKEN / "empty.toml", tmp_path / ".git")
    library = load_library(default_folders([tmp_path]))
    assert "minimal" in library.scenarios
    assert library.problems == []


def test_closest_ids_suggest_what_was_meant() -> None:
    library = load_library(default_folders())
    assert library.closest_ids("seats")[0] == "seats-apart"
    assert library.closest_ids("seat-apart")[0] == "seats-apart"


@pytest.mark.parametrize("bundled", [True, False])
def test_shipped_folder_found_inside_an_installed_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bundled: bool
) -> None:
    package = tmp_path / "site-packages" / "trainer"
    package.mkdir(parents=True)
    if bundled:
        (package / "scenarios").mkdir()
    monkeypatch.setattr(paths, "package_dir", lambda: package)
    assert paths.checkout_root() is None
    assert paths.shipped_scenarios_dir() == package / "scenarios"
