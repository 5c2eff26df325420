"""Progress over the score history: trends, bests, streaks and the weakest skill.

Every query reads the store through SQL aggregates and its indexes (the stored `day` column
with its covering index, the per-scenario index, the partial index of unfinished calls), so
the progress screen stays fast with a long history: nothing loads every row into Python.

Days are the stored `day` column: the UTC date a call started. Pass `today` as a UTC date too.
Only finished calls (an outcome is recorded) count, except for the practice streak, where
starting a call on a day is enough.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from trainer.history import DATABASE_NAME, SessionRow, Store
from trainer.history_schema import SESSION_COLUMNS
from trainer.scoring.rubric import DIMENSIONS, Dimension

LOST_OUTCOMES = ("loss", "abandoned")
"""A scenario whose latest call ended so counts as last lost."""
WEAKEST_OVER_CALLS = 10
"""The weakest dimension is judged over this many of the latest finished calls."""

_SCORES = (*DIMENSIONS, "overall")
_RECENT_PER_SCENARIO = 16
"""Latest calls read per scenario: enough for its latest call, a floor for its best, and most
win streaks; a scenario with fewer calls than this is summed up from them alone."""
_BEST_KEY = 1 << 32
"""`overall * _BEST_KEY - id` orders calls by score, then earliest first, in one integer."""
_NAMED_FLOORS = 4
"""Scenarios whose floor for the best is tested on its own (measured: 4 beats 0, 8 and 16)."""
_NO_SCORE = 101
"""Above every score."""


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
class ScenarioRecord:
    """One scenario's history: best and latest call, how often played, the win streak."""

    scenario_id: str
    title: str
    """As of the latest call."""
    plays: int
    """Finished calls."""
    best_overall: int | None
    """The highest overall; None when no call of it was scored."""
    best_day: date | None
    """The first day that best was reached."""
    first_overall: int | None
    """The overall of the first scored call."""
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
        _point(day, day.isoformat(), sums) for day, sums in _daily_sums(store, since, today)
    )


def trend_by_week(store: Store, today: date, weeks: int | None = None) -> tuple[TrendPoint, ...]:
    """Average scores per ISO week up to `today` (the last `weeks` weeks if given), oldest first."""
    this_monday = today - timedelta(days=today.weekday())
    since = this_monday - timedelta(weeks=weeks - 1) if weeks is not None else None
    by_week: dict[date, list[int]] = {}
    for day, sums in _daily_sums(store, since, today):
        monday = day - timedelta(days=day.weekday())
        totals = by_week.setdefault(monday, [0] * len(sums))
        for index, value in enumerate(sums):
            totals[index] += value
    points = []
    for monday, sums in by_week.items():
        year, week, _ = monday.isocalendar()
        points.append(_point(monday, f"{year}-W{week:02d}", sums))
    return tuple(points)


def _daily_sums(store: Store, since: date | None, until: date) -> list[tuple[date, list[int]]]:
    """Per day, oldest first: the number of scored calls and the sum of each score."""
    # Scores are written all at once when a call ends, so `overall IS NOT NULL` picks the
    # finished, scored calls while every column read stays inside the covering index.
    rows = store.read(
        "SELECT day, count(*), "
        + ", ".join(f"sum({column})" for column in _SCORES)
        + " FROM sessions WHERE day BETWEEN ? AND ? AND overall IS NOT NULL"
        " GROUP BY day ORDER BY day",
        [since.isoformat() if since is not None else "", until.isoformat()],
    )
    return [(date.fromisoformat(row[0]), [int(value) for value in row[1:]]) for row in rows]


def _point(start: date, label: str, sums: Sequence[int]) -> TrendPoint:
    calls, *totals = sums
    politeness, firmness, evidence, open_questions, overall = (total / calls for total in totals)
    return TrendPoint(start, label, calls, politeness, firmness, evidence, open_questions, overall)


# Sessions ----------------------------------------------------------------------------------


def recent_sessions(store: Store, count: int = 10) -> tuple[SessionRow, ...]:
    """The last `count` finished calls, oldest first."""
    rows = store.read(
        f"SELECT {', '.join(SESSION_COLUMNS)} FROM sessions WHERE outcome IS NOT NULL "
        "ORDER BY day DESC, started_at DESC, id DESC LIMIT ?",
        [count],
    )
    return tuple(SessionRow(*row) for row in reversed(rows))


def weakest_dimension(store: Store, calls: int = WEAKEST_OVER_CALLS) -> WeakestDimension | None:
    """The dimension with the lowest mean over the last `calls` scored calls (None if none)."""
    rows = store.read(
        f"SELECT {', '.join(DIMENSIONS)} FROM sessions "
        "WHERE outcome IS NOT NULL AND overall IS NOT NULL "
        "ORDER BY day DESC, started_at DESC, id DESC LIMIT ?",
        [calls],
    )
    if not rows:
        return None
    means = [sum(row[index] for row in rows) / len(rows) for index in range(len(DIMENSIONS))]
    # min() keeps the first of equal means: DIMENSIONS order breaks ties.
    index = min(range(len(DIMENSIONS)), key=lambda i: means[i])
    return WeakestDimension(DIMENSIONS[index], means[index], len(rows))


def practice_streak(store: Store, today: date) -> int:
    """Consecutive days with a call, ending today (or yesterday, if none yet today)."""
    rows = store.read("SELECT max(day) FROM sessions WHERE day <= ?", [today.isoformat()])
    last_day = rows[0][0]
    if last_day is None or date.fromisoformat(last_day) < today - timedelta(days=1):
        return 0
    # One index lookup per day, walking back from the last day played until a day is missed.
    rows = store.read(
        "WITH RECURSIVE streak (day) AS (SELECT ? UNION ALL "
        "SELECT date(day, '-1 day') FROM streak WHERE EXISTS "
        "(SELECT 1 FROM sessions WHERE sessions.day = date(streak.day, '-1 day'))) "
        "SELECT count(*) FROM streak",
        [last_day],
    )
    return int(rows[0][0])


# Per scenario ------------------------------------------------------------------------------


def scenario_records(store: Store) -> tuple[ScenarioRecord, ...]:
    """Best and latest call, plays and win streak of every scenario played, by id."""
    # One statement, so that both counts come from the same snapshot; the calls still running
    # are few and found through their partial index.
    plays = dict(
        store.read(
            "SELECT scenario_id, total.calls - coalesce(running.calls, 0) "
            "FROM (SELECT scenario_id, count(*) AS calls FROM sessions GROUP BY scenario_id) "
            "AS total LEFT JOIN (SELECT scenario_id, count(*) AS calls FROM sessions "
            "WHERE outcome IS NULL GROUP BY scenario_id) AS running USING (scenario_id) "
            "ORDER BY scenario_id"
        )
    )
    latest = {
        scenario_id: _latest_calls(store, scenario_id, _RECENT_PER_SCENARIO)
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
    )


_CallRow = tuple[int, str, int | None, str, str]
"""id, scenario_title, overall, outcome, day of one finished call."""


def _latest_calls(store: Store, scenario_id: str, count: int) -> list[_CallRow]:
    """A scenario's last `count` finished calls, latest first."""
    rows = store.read(
        "SELECT id, scenario_title, overall, outcome, day FROM sessions "
        "WHERE scenario_id = ? AND outcome IS NOT NULL "
        "ORDER BY started_at DESC, id DESC LIMIT ?",
        [scenario_id, count],
    )
    return [_call_row(row) for row in rows]


def _call_row(row: tuple[Any, ...]) -> _CallRow:
    return int(row[0]), str(row[1]), row[2], str(row[3]), str(row[4])


def _complete(calls: list[_CallRow]) -> bool:
    """Whether these latest calls of a scenario are all its calls."""
    return len(calls) < _RECENT_PER_SCENARIO


def _bests(store: Store, latest: dict[str, list[_CallRow]]) -> dict[str, tuple[int, date]]:
    """Each scenario's highest overall and the first day it was reached."""
    best_ids: dict[str, int] = {}
    few: list[str] = []
    many: list[str] = []
    for scenario_id, calls in latest.items():
        (few if _complete(calls) else many).append(scenario_id)
    for scenario_id in few:  # every call is in hand
        scored = [call for call in latest[scenario_id] if call[2] is not None]
        if scored:
            best_ids[scenario_id] = max(scored, key=lambda call: (call[2], -call[0]))[0]
    if many:
        # No index holds (scenario_id, overall), and a GROUP BY over the whole table sorts
        # every row. A scenario's best is at least the best of its latest calls (its floor),
        # so one table scan keeps only the rows at or above their scenario's floor and sorts
        # those. The lowest floors (a hard scenario) are named one by one; the rest share the
        # lowest of theirs, which keeps the test on each row short.
        floors = {
            scenario_id: max(
                (call[2] for call in latest[scenario_id] if call[2] is not None), default=0
            )
            for scenario_id in many
        }
        by_floor = sorted(many, key=lambda scenario_id: floors[scenario_id])
        named, shared = by_floor[:_NAMED_FLOORS], by_floor[_NAMED_FLOORS:]
        floor = " ".join("WHEN ? THEN ?" for _ in named)
        rows = store.read(
            f"SELECT scenario_id, max(overall * {_BEST_KEY} - id) FROM sessions NOT INDEXED "
            f"WHERE overall >= ? AND outcome IS NOT NULL "
            f"AND overall >= CASE scenario_id {floor} ELSE ? END GROUP BY scenario_id",
            [
                floors[by_floor[0]],
                *(value for scenario_id in named for value in (scenario_id, floors[scenario_id])),
                min((floors[scenario_id] for scenario_id in shared), default=_NO_SCORE),
            ],
        )
        for scenario_id, key in rows:
            if scenario_id in floors:
                overall = -(-key // _BEST_KEY)
                best_ids[scenario_id] = overall * _BEST_KEY - key
    if not best_ids:
        return {}
    rows = store.read(
        f"SELECT scenario_id, overall, day FROM sessions "
        f"WHERE id IN ({', '.join('?' * len(best_ids))})",
        list(best_ids.values()),
    )
    return {
        scenario_id: (int(overall), date.fromisoformat(day)) for scenario_id, overall, day in rows
    }


def _first_overall(store: Store, scenario_id: str, latest: list[_CallRow]) -> int | None:
    if _complete(latest):
        scored = [call[2] for call in latest if call[2] is not None]
        return scored[-1] if scored else None
    rows = store.read(
        "SELECT overall FROM sessions WHERE scenario_id = ? AND outcome IS NOT NULL "
        "AND overall IS NOT NULL ORDER BY started_at, id LIMIT 1",
        [scenario_id],
    )
    return int(rows[0][0]) if rows else None


def _consecutive_wins(store: Store, scenario_id: str, latest: list[_CallRow]) -> int:
    calls, limit = latest, _RECENT_PER_SCENARIO
    while True:
        wins = next((i for i, call in enumerate(calls) if call[3] != "win"), len(calls))
        if wins < len(calls) or len(calls) < limit:
            return wins
        limit *= 2  # every call read was a win: read twice as far back
        calls = _latest_calls(store, scenario_id, limit)


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
    folder: Path, scenario_ids: Sequence[str], today: date, days: int = 30
) -> ProgressSummary:
    """The progress summary of the score history in `folder`; an empty one, creating nothing,
    when there is no history yet. Raises HistoryError when the history cannot be read."""
    if not (folder / DATABASE_NAME).exists():
        return empty_summary(scenario_ids, today)
    with Store(folder) as store:
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
