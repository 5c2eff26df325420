"""Saving a changed setting edits that one line of `settings.toml`: the person's comments,
other keys and their order stay as they wrote them."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from trainer.support.settings import (
    Settings,
    SettingsEditError,
    load_settings,
    save_settings,
)

README_EXAMPLE = (
    "# my trainer settings\n"
    "pace = 15          # characters a second the agent speaks at; 0 shows each line at once\n"
    'theme = "nord"     # any theme from the command palette; a theme you pick there is saved '
    "here\n"
    "\n"
    "# the end\n"
)


def test_a_changed_theme_edits_only_its_value_and_keeps_every_comment(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(README_EXAMPLE, encoding="utf-8")

    save_settings(path, Settings(pace=15, theme="gruvbox"))

    assert path.read_text(encoding="utf-8") == README_EXAMPLE.replace(
        'theme = "nord"    ', 'theme = "gruvbox" '
    )
    assert load_settings(path) == (Settings(pace=15, theme="gruvbox"), [])
    assert [p.name for p in tmp_path.iterdir()] == ["settings.toml"]


def test_a_missing_key_is_added_after_the_others(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("# slow, please\npace = 5", encoding="utf-8")  # no final newline

    save_settings(path, Settings(pace=5, theme="nord"))

    assert path.read_text(encoding="utf-8") == '# slow, please\npace = 5\ntheme = "nord"\n'


def test_line_ends_and_a_value_with_a_hash_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(b'theme = "a#b" # mine\r\npace = 0\r\n')

    save_settings(path, Settings(pace=0, theme='say "hi"'))

    assert path.read_bytes() == b'theme = "say \\"hi\\"" # mine\r\npace = 0\r\n'
    assert tomllib.loads(path.read_text(encoding="utf-8"))["theme"] == 'say "hi"'


def test_a_value_it_cannot_edit_safely_is_not_saved_and_the_file_is_kept(
    tmp_path: Path,
) -> None:
    path = tmp_path / "settings.toml"
    text = '# mine\ntheme = """\nnord"""\n'
    path.write_text(text, encoding="utf-8")

    with pytest.raises(SettingsEditError, match="theme"):
        save_settings(path, Settings(theme="gruvbox"))

    assert path.read_text(encoding="utf-8") == text
