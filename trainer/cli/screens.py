"""The screens: `trainer` with no command, and `trainer play ID` in a terminal."""

from __future__ import annotations

from pathlib import Path

from trainer.cli.output import EXIT_INVALID, EXIT_OK
from trainer.scenario.library import Library


def run_screens(
    library: Library, scores_folder: Path | None, scenario_id: str | None, seed: int | None
) -> int:
    """Run the app on the terminal (opening `scenario_id`'s briefing when given)."""
    from trainer.ui.startup import make_app

    app = make_app(library, scores_folder, scenario_id, seed)
    app.run()
    return EXIT_OK if not app.return_code else EXIT_INVALID
