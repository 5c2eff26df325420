"""The settings file: optional, checked like a scenario file, written atomically."""

from __future__ import annotations

from pathlib import Path

from trainer.support.settings import DEFAULT_PACE, Settings, load_settings, save_settings


def test_no_file_means_the_defaults(tmp_path: Path) -> None:
    settings, problems = load_settings(tmp_path / "settings.toml")
    assert (settings, problems) == (Settings(), [])
    assert settings.pace == DEFAULT_PACE


def test_a_saved_file_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "deeper" / "settings.toml"
    save_settings(path, Settings(pace=0, theme="nord"))
    assert load_settings(path) == (Settings(pace=0, theme="nord"), [])
    assert [p.name for p in path.parent.iterdir()] == ["settings.toml"]


def test_mistakes_name_the_line_and_key_and_the_defaults_are_used(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('theme = "nord"\npace = "fast"\npase = 3\n', encoding="utf-8")
    settings, problems = load_settings(path)
    assert settings == Settings()
    assert [(p.line, p.key) for p in problems] == [(2, "pace"), (3, "pase")]
    assert "did you mean" in problems[1].message
