"""Four small meters, one per dimension, that follow the reply as it is typed."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from trainer.scoring.explain import DIMENSION_NAMES
from trainer.scoring.results import ReplyScore
from trainer.scoring.rubric import DIMENSIONS, Dimension
from trainer.ui.render import bar

METER_BAR_WIDTH = 10


class Meter(Static):
    """One dimension: its name and score as a number, and a bar."""

    def __init__(self, dimension: Dimension) -> None:
        super().__init__(id=f"meter-{dimension}", classes="meter")
        self.dimension: Dimension = dimension
        self.score: int | None = None

    def show_score(self, score: int | None) -> None:
        """Show `score` (None: nothing typed yet)."""
        self.score = score
        name = DIMENSION_NAMES[self.dimension]
        if score is None:
            self.update(
                Content.assemble((name, "bold"), "\n", ("\u2500" * METER_BAR_WIDTH, "$panel"))
            )
            return
        self.update(
            Content.assemble(
                (name, "bold"),
                f" {score:>3}",
                "\n",
                bar(score, METER_BAR_WIDTH),
            )
        )

    def on_mount(self) -> None:
        self.show_score(self.score)


class ScoreMeters(Horizontal):
    """The four live meters, side by side."""

    def compose(self) -> ComposeResult:
        for dimension in DIMENSIONS:
            yield Meter(dimension)

    def show(self, score: ReplyScore | None) -> None:
        """Show the scores of the reply being typed (None when the box is empty)."""
        for meter in self.query(Meter):
            meter.show_score(None if score is None else score.scores[meter.dimension])
