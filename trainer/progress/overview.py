"""The history at a glance, as the screens read it: the progress summary, the coach's pick,
and why the history could not be read (if it could not)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from trainer.history.access import History
from trainer.history.database import HistoryError
from trainer.progress.coach import Recommendation, recommend
from trainer.progress.summary import ProgressSummary, empty_summary, read_progress
from trainer.scenario.model import Scenario


@dataclass(frozen=True)
class Overview:
    """What the history says, or an empty summary and the reason it could not be read."""

    summary: ProgressSummary
    advice: Recommendation | None
    problem: str | None
    """Why the history could not be read (None when it was read, or there is none)."""
    saving: bool
    """Whether calls are saved at all (a scores folder is set)."""


def read_overview(
    history: History, scenarios: Sequence[Scenario], today: date, days: int = 30
) -> Overview:
    """The summary of `history` and the coach's pick; never raises for a history that cannot
    be read, and creates nothing."""
    ids = [scenario.id for scenario in scenarios]
    summary: ProgressSummary | None = None
    problem: str | None = None
    if history.kept:
        try:
            summary = read_progress(history, ids, today, days)
        except HistoryError as error:
            problem = str(error)
        except OSError as error:  # a scores folder that cannot even be looked into
            problem = f"cannot read {history.folder}: {error.strerror or error}"
    if summary is None:
        summary = empty_summary(ids, today)
    return Overview(summary, recommend(scenarios, summary, today), problem, history.kept)
