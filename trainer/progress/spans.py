"""The periods the progress charts show, every one of them up to today whether it had calls
or not, the latest call's scores beside them, and the figures in words (the streak, first
score to best)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from trainer.progress.summary import LatestCall, ProgressSummary, ScenarioRecord, TrendPoint
from trainer.support.text import plural

DAYS = 30
"""Days the daily charts cover."""
WEEKS = 12
"""Weeks the weekly charts cover (as `progress_summary` reads them)."""


@dataclass(frozen=True)
class TrendSeries:
    """One score per period (day or week), oldest first; None where no call was scored."""

    name: str
    values: tuple[float | None, ...]
    periods: tuple[str, ...]
    """The label of each period, e.g. "2026-11-20" or "2026-W47"."""
    calls: tuple[int, ...]
    """Scored calls in each period."""
    span: str
    """What the columns cover, e.g. "last 30 days"."""
    latest: int | None = None
    """The score of the latest call, when it falls in the span (a call, not a period's
    average)."""

    @property
    def scored(self) -> list[float]:
        """The values of the periods with calls, oldest first."""
        return [value for value in self.values if value is not None]


@dataclass(frozen=True)
class Span:
    """The periods the charts show, oldest first: days or ISO weeks up to today."""

    unit: str
    """ "day" or "week"."""
    title: str
    """ "last 30 days"."""
    first: date
    last: date
    labels: tuple[str, ...]
    points: tuple[TrendPoint | None, ...]
    """The averages of each period; None where no call was scored."""
    latest_call: LatestCall | None = None
    """The latest scored call, if it falls in the span."""

    def series(self, score: str, name: str) -> TrendSeries:
        """One score (a dimension or overall) over the span."""
        return TrendSeries(
            name=name,
            values=tuple(None if p is None else p.mean(score) for p in self.points),
            periods=self.labels,
            calls=tuple(0 if p is None else p.calls for p in self.points),
            span=self.title,
            latest=self.latest_call.score(score) if self.latest_call is not None else None,
        )


def daily_span(summary: ProgressSummary, days: int = DAYS) -> Span:
    """Every one of the last `days` days up to the summary's today, with or without calls."""
    by_start = {point.start: point for point in summary.by_day}
    starts = [summary.today - timedelta(days=days - 1 - offset) for offset in range(days)]
    return Span(
        "day",
        f"last {days} days",
        starts[0],
        summary.today,
        tuple(start.isoformat() for start in starts),
        tuple(by_start.get(start) for start in starts),
        _within(summary.latest_call, starts[0], summary.today),
    )


def weekly_span(summary: ProgressSummary, weeks: int = WEEKS) -> Span:
    """Every one of the last `weeks` ISO weeks up to the summary's today."""
    monday = summary.today - timedelta(days=summary.today.weekday())
    by_start = {point.start: point for point in summary.by_week}
    starts = [monday - timedelta(weeks=weeks - 1 - offset) for offset in range(weeks)]
    labels = []
    for start in starts:
        year, week, _ = start.isocalendar()
        labels.append(f"{year}-W{week:02d}")
    return Span(
        "week",
        f"last {weeks} weeks",
        starts[0],
        summary.today,
        tuple(labels),
        tuple(by_start.get(start) for start in starts),
        _within(summary.latest_call, starts[0], summary.today),
    )


def _within(call: LatestCall | None, first: date, last: date) -> LatestCall | None:
    """The call, if it was made between the days `first` and `last`."""
    return call if call is not None and first <= call.day <= last else None


def streak_text(summary: ProgressSummary) -> str:
    """The practice streak in words, with what keeps it going."""
    days = summary.streak_days
    if days == 0:
        return "none yet: a call today starts one"
    played_today = any(row.started_at[:10] == summary.today.isoformat() for row in summary.recent)
    said = f"{plural(days, 'day')} in a row"
    return said if played_today else f"{said}; a call today keeps it going"


def improvement_text(record: ScenarioRecord) -> str:
    """First score to best, with the gain: "41\u219278 +37"."""
    if record.first_overall is None or record.best_overall is None:
        return "\u2013"
    return f"{record.first_overall}\u2192{record.best_overall} {record.improvement:+d}"
