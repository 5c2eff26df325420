"""Starting the app as the command line does: with the person's own settings and folders."""

from __future__ import annotations

from pathlib import Path

from trainer.scenario.library import Library
from trainer.ui.app import TrainerApp
from trainer.ui.context import TrainerContext


def make_app(
    library: Library,
    scores_folder: Path | None,
    start_scenario: str | None = None,
    seed: int | None = None,
) -> TrainerApp:
    """The app as the command line runs it, with the person's settings (tests build a
    `TrainerContext` of their own)."""
    from trainer.support import paths
    from trainer.support.settings import load_settings

    settings_path = paths.settings_file()
    settings, problems = load_settings(settings_path)
    context = TrainerContext(
        library=library,
        scores_folder=scores_folder,
        settings=settings,
        # A settings file with mistakes is shown on Home and never written over.
        settings_path=None if problems else settings_path,
        settings_problems=tuple(problems),
        seed=seed,
        scenarios_folder=paths.user_scenarios_dir(),
    )
    return TrainerApp(context, start_scenario)
