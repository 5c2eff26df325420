"""The theme in `settings.toml` as the person meets it in the app."""

from __future__ import annotations

from pathlib import Path

from tests.ui.editing import SIZE
from trainer.scenario.library import default_folders, load_library
from trainer.support.settings import Settings
from trainer.ui.app import TrainerApp
from trainer.ui.context import TrainerContext


async def test_an_unknown_theme_is_a_warning_naming_it_and_the_file(tmp_path: Path) -> None:
    settings_file = tmp_path / "settings.toml"
    settings_file.write_text('theme = "solarised-dusk"\n', encoding="utf-8")
    context = TrainerContext(
        library=load_library(default_folders()),
        scores_folder=None,
        settings=Settings(theme="solarised-dusk"),
        settings_path=settings_file,
    )
    app = TrainerApp(context)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        warnings = [n for n in app._notifications if n.severity == "warning"]
        assert app.theme == "textual-dark"
    [warning] = warnings
    assert "solarised-dusk" in warning.message
    assert str(settings_file) in warning.message
    assert settings_file.read_text(encoding="utf-8") == 'theme = "solarised-dusk"\n'
