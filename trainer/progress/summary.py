"""Progress over the score history: trends, bests, streaks and the weakest skill.

The figures are worked out from the reads of `trainer.history.queries`, which keep the
progress screen fast with a long history. Days are the UTC dates calls started on: pass
`today` as a UTC date too. Only finished calls (an outcome is recorded) count, except for the
practice streak, where starting a call on a day is enough. A scenario's best and its first
call are calls the person ended: an abandoned call (its trainer died mid-call) is a play, and
may be the latest call, but never the best or the first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from trainer.history.access import History
from trainer.history.queries import (
    SCORES,
    FinishedCall,
    best_calls_above,
    best_of_latest_ended,
    daily_totals,
    days_in_a_row,
    finished_per_scenario,
    first_overall,
    last_day_played,
    latest_calls,
    latest_dimension_scores,
    latest_finished,
    latest_scored,
    overall_and_day,
)
from trainer.history.store import ABANDONED, SessionRow, Store
from trainer.scoring.rubric import DIMENSIONS, Dimension

LOST_OUTCOMES = ("loss", "abandoned")
"""A scenario whose latest call ended so counts as last lost."""
WEAKEST_OVER_CALLS = 10
"""The weakest dimension is judged over this many of the latest finished calls."""

_RECENT_PER_SCENARIO = 16
"""Latest calls read per scenario: enough for its latest call, a floor for its best, and most
win streaks; a scenario with fewer calls than this is summed up from them alone."""


@dataclass(frozen=True)
class TrendPoint:
    """Average scores of the finished calls of one day or one ISO week."""

    start: date
    """The day, or the Monday of the week."""
    label: str
    """The day as 2025-03-04, or the ISO week as 2025-W10."""
    calls: int
    politeness: float
    firmness: float
    evidence: float
    open_questions: float
    overall: float

    def mean(self, dimension: Dimension | str) -> float:
        """The average of one dimension, or of overall."""
        value: float = getattr(self, dimension)
        return value


@dataclass(frozen=True)
class LatestCall:
    """The scores of the latest scored call: what the trends call its latest figure."""

    day: date
    scores: Mapping[str, int]
    """By dimension, and "overall"."""

    def score(self, name: Dimension | str) -> int:
        """One dimension, or overall."""
        return self.scores[name]


@dataclass(frozen=True)
class ScenarioRecord:
    """One scenario's history: best and latest call, how often played, the win streak."""

    scenario_id: str
    title: str
    """As of the latest call."""
    plays: int
    """Finished calls."""
    best_overall: int | None
    """The highest overall of a call the person ended (an abandoned one never counts); None
    when there is no such scored call."""
    best_day: date | None
    """The first day that best was reached."""
    first_overall: int | None
    """The overall of the first scored call the person ended."""
    latest_overall: int | None
    latest_outcome: str
    latest_day: date
    consecutive_wins: int
    """Wins in a row up to and including the latest call (0 if that was not a win)."""

    @property
    def improvement(self) -> int | None:
        """Best overall minus the first call's overall."""
        if self.best_overall is None or self.first_overall is None:
            return None
        return self.best_overall - self.first_overall


@dataclass(frozen=True)
class Improvement:
    """How far a scenario's best is above its first scored call."""

    scenario_id: str
    title: str
    first_overall: int
    best_overall: int
    gain: int


@dataclass(frozen=True)
class WeakestDimension:
    """The dimension with the lowest mean over the latest finished calls."""

    dimension: Dimension
    mean: float
    calls: int
    """How many calls the mean is over."""


@dataclass(frozen=True)
class ProgressSummary:
    """Everything the progress screen shows, read in one go."""

    today: date
    by_day: tuple[TrendPoint, ...]
    by_week: tuple[TrendPoint, ...]
    recent: tuple[SessionRow, ...]
    scenarios: tuple[ScenarioRecord, ...]
    """Every scenario with a finished call, by id (including ones no longer in the library)."""
    streak_days: int
    weakest: WeakestDimension | None
    never_played: tuple[str, ...]
    last_lost: tuple[str, ...]
    latest_call: LatestCall | None = None
    """The latest scored call up to today (None if there is none)."""

    @property
    def has_history(self) -> bool:
        """Whether any call has finished."""
        return bool(self.scenarios)

    def record(self, scenario_id: str) -> ScenarioRecord | None:
        """The history of one scenario, if it was ever played."""
        return next((r for r in self.scenarios if r.scenario_id == scenario_id), None)

    @property
    def improvements(self) -> tuple[Improvement, ...]:
        """First-to-best improvement per scenario, largest gain first."""
        return _improvements(self.scenarios)


# Trends ------------------------------------------------------------------------------------


def trend_by_day(store: Store, today: date, days: int | None = None) -> tuple[TrendPoint, ...]:
    """Average scores per day up to `today` (the last `days` days if given), oldest first."""
    since = today - timedelta(days=days - 1) if days is not None else None
    return tuple(
        _point(day.day, day.day.isoformat(), day.calls, day.totals)
        for day in daily_totals(store, since, today)
    )


def trend_by_week(store: Store, today: date, weeks: int | None = None) -> tuple[TrendPoint, ...]:
    """Average scores per ISO week up to `today` (the last `weeks` weeks if given), oldest first."""
    this_monday = today - timedelta(days=today.weekday())
    since = this_monday - timedelta(weeks=weeks - 1) if weeks is not None else None
    by_week: dict[date, list[int]] = {}
    for day in daily_totals(store, since, today):
        monday = day.day - timedelta(days=day.day.weekday())
        sums = by_week.setdefault(monday, [0] * (1 + len(day.totals)))
        for index, value in enumerate((day.calls, *day.totals)):
            sums[index] += value
    points = []
    for monday, (calls, *totals) in by_week.items():
        year, week, _ = monday.isocalendar()
        points.append(_point(monday, f"{year}-W{week:02d}", calls, totals))
    return tuple(points)


def _point(start: date, label: str, calls: int, totals: Sequence[int]) -> TrendPoint:
    politeness, firmness, evidence, open_questions, overall = (total / calls for total in totals)
    return TrendPoint(start, label, calls, politeness, firmness, evidence, open_questions, overall)


# Sessions ----------------------------------------------------------------------------------


def latest_call(store: Store, today: date) -> LatestCall | None:
    """The scores of the latest scored call up to `today`, if there is one."""
    found = latest_scored(store, today)
    if found is None:
        return None
    return LatestCall(found.day, dict(zip(SCORES, found.scores, strict=True)))


def recent_sessions(store: Store, count: int = 10) -> tuple[SessionRow, ...]:
    """The last `count` finished calls, oldest first."""
    return latest_finished(store, count)


def weakest_dimension(store: Store, calls: int = WEAKEST_OVER_CALLS) -> WeakestDimension | None:
    """The dimension with the lowest mean over the last `calls` scored calls (None if none)."""
    rows = latest_dimension_scores(store, calls)
    if not rows:
        return None
    means = [sum(row[index] for row in rows) / len(rows) for index in range(len(DIMENSIONS))]
    # min() keeps the first of equal means: DIMENSIONS order breaks ties.
    index = min(range(len(DIMENSIONS)), key=lambda i: means[i])
    return WeakestDimension(DIMENSIONS[index], means[index], len(rows))


def practice_streak(store: Store, today: date) -> int:
    """Consecutive days with a call, ending today (or yesterday, if none yet today)."""
    last_day = last_day_played(store, today)
    if last_day is None or last_day < today - timedelta(days=1):
        return 0
    return days_in_a_row(store, last_day)


# Per scenario ------------------------------------------------------------------------------


def scenario_records(store: Store) -> tuple[ScenarioRecord, ...]:
    """Best and latest call, plays and win streak of every scenario played, by id."""
    plays = finished_per_scenario(store)
    latest = {
        scenario_id: latest_calls(store, scenario_id, _RECENT_PER_SCENARIO)
        for scenario_id, count in plays.items()
        if count > 0
    }
    bests = _bests(store, latest)
    records = []
    for scenario_id, calls in latest.items():
        _, title, latest_overall, latest_outcome, latest_day = calls[0]
        best_overall, best_day = bests.get(scenario_id, (None, None))
        records.append(
            ScenarioRecord(
                scenario_id=scenario_id,
                title=title,
                plays=max(plays[scenario_id], len(calls)),
                best_overall=best_overall,
                best_day=best_day,
                first_overall=_first_overall(store, scenario_id, calls),
                latest_overall=latest_overall,
                latest_outcome=latest_outcome,
                latest_day=date.fromisoformat(latest_day),
                consecutive_wins=_consecutive_wins(store, scenario_id, calls),
            )
        )
    return tuple(records)


def improvements(store: Store) -> tuple[Improvement, ...]:
    """First-to-best improvement per scenario played, largest gain first."""
    return _improvements(scenario_records(store))


def never_played(store: Store, scenario_ids: Iterable[str]) -> tuple[str, ...]:
    """The scenarios among `scenario_ids` with no finished call, in the order given."""
    return _never_played(scenario_records(store), scenario_ids)


def last_lost(store: Store, scenario_ids: Iterable[str]) -> tuple[str, ...]:
    """The scenarios among `scenario_ids` whose latest call was lost or abandoned."""
    return _last_lost(scenario_records(store), scenario_ids)


def progress_summary(
    store: Store,
    scenario_ids: Sequence[str],
    today: date,
    days: int = 30,
    weeks: int = 12,
    recent: int = 10,
) -> ProgressSummary:
    """Everything the progress screen needs, for the library's `scenario_ids`."""
    records = scenario_records(store)
    return ProgressSummary(
        today=today,
        by_day=trend_by_day(store, today, days),
        by_week=trend_by_week(store, today, weeks),
        recent=recent_sessions(store, recent),
        scenarios=records,
        streak_days=practice_streak(store, today),
        weakest=weakest_dimension(store),
        never_played=_never_played(records, scenario_ids),
        last_lost=_last_lost(records, scenario_ids),
        latest_call=latest_call(store, today),
    )


def _complete(calls: list[FinishedCall]) -> bool:
    """Whether these latest calls of a scenario are all its calls."""
    return len(calls) < _RECENT_PER_SCENARIO


def _bests(store: Store, latest: dict[str, list[FinishedCall]]) -> dict[str, tuple[int, date]]:
    """Each scenario's highest overall of a call the person ended, and the first day it was
    reached."""
    best_ids: dict[str, int] = {}
    floors: dict[str, int] = {}
    for scenario_id, calls in latest.items():
        scored = [(call.overall, -call.id) for call in _ended(calls) if call.overall is not None]
        if not _complete(calls):
            # Its best is at least the best of its latest ended calls (its floor; read apart
            # from `calls`, which may be mostly abandoned): the store looks for those above it.
            floors[scenario_id] = best_of_latest_ended(store, scenario_id, _RECENT_PER_SCENARIO)
        elif scored:  # every call is in hand
            best_ids[scenario_id] = -max(scored)[1]
    best_ids.update(best_calls_above(store, floors))
    return overall_and_day(store, best_ids)


def _ended(calls: list[FinishedCall]) -> list[FinishedCall]:
    """The calls the person ended: every one but the abandoned ones."""
    return [call for call in calls if call.outcome != ABANDONED]


def _first_overall(store: Store, scenario_id: str, latest: list[FinishedCall]) -> int | None:
    if _complete(latest):
        scored = [call.overall for call in _ended(latest) if call.overall is not None]
        return scored[-1] if scored else None
    return first_overall(store, scenario_id)


def _consecutive_wins(store: Store, scenario_id: str, latest: list[FinishedCall]) -> int:
    calls, limit = latest, _RECENT_PER_SCENARIO
    while True:
        wins = next((i for i, call in enumerate(calls) if call.outcome != "win"), len(calls))
        if wins < len(calls) or len(calls) < limit:
            return wins
        limit *= 2  # every call read was a win: read twice as far back
        calls = latest_calls(store, scenario_id, limit)


def _improvements(records: Iterable[ScenarioRecord]) -> tuple[Improvement, ...]:
    gains = [
        Improvement(r.scenario_id, r.title, r.first_overall, r.best_overall, r.improvement)
        for r in records
        if r.best_overall is not None and r.first_overall is not None and r.improvement is not None
    ]
    return tuple(sorted(gains, key=lambda gain: (-gain.gain, gain.scenario_id)))


def _never_played(
    records: Iterable[ScenarioRecord], scenario_ids: Iterable[str]
) -> tuple[str, ...]:
    played = {record.scenario_id for record in records}
    return tuple(scenario_id for scenario_id in scenario_ids if scenario_id not in played)


def _last_lost(records: Iterable[ScenarioRecord], scenario_ids: Iterable[str]) -> tuple[str, ...]:
    lost = {r.scenario_id for r in records if r.latest_outcome in LOST_OUTCOMES}
    return tuple(scenario_id for scenario_id in scenario_ids if scenario_id in lost)


def read_progress(
    history: History, scenario_ids: Sequence[str], today: date, days: int = 30
) -> ProgressSummary:
    """The progress summary of `history`; an empty one, creating nothing, when there is no
    history yet. Raises HistoryError when the history cannot be read."""
    with history.reading() as store:
        if store is None:
            return empty_summary(scenario_ids, today)
        if not store.read_only:  # a read-only history is shown as it is
            store.mark_abandoned()  # a call whose trainer died counts as unfinished, not playing
        with store.snapshot():  # every figure from the same moment, while others write
            return progress_summary(store, scenario_ids, today, days)


def empty_summary(scenario_ids: Sequence[str], today: date) -> ProgressSummary:
    """The summary of a history with no calls in it."""
    return ProgressSummary(
        today=today,
        by_day=(),
        by_week=(),
        recent=(),
        scenarios=(),
        streak_days=0,
        weakest=None,
        never_played=tuple(scenario_ids),
        last_lost=(),
    )
