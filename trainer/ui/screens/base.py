"""What every trainer screen shares: typed access to the app and its context."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

if TYPE_CHECKING:
    from trainer.ui.app import TrainerApp


class TrainerScreen(Screen[None]):
    """A screen of the trainer's app."""

    @property
    def trainer(self) -> TrainerApp:
        """The app, with its context (library, scores folder, settings, clock)."""
        return cast("TrainerApp", self.app)
