"""The reads behind the progress figures, as typed functions of a store.

Each is one SQL statement, most of them over the store's indexes (the stored `day` column with
its covering index, the per-scenario index, the partial index of unfinished calls), so that
the figures stay fast with a long history: nothing loads every row into Python. The one table
scan, for the best calls, keeps only the rows above a floor it is given. Days are the stored `day`
column, the UTC date a call started. A call counts as finished once it has an outcome, and as
scored once it has an overall score (scores are written all at once when a call ends). A
scenario's best and first calls are calls the person ended: an abandoned call (its trainer died
mid-call, scored on the turns it had saved) is neither.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from trainer.history.schema import SESSION_COLUMNS
from trainer.history.store import ABANDONED, SessionRow, Store
from trainer.scoring.rubric import DIMENSIONS

SCORES = (*DIMENSIONS, "overall")
"""The stored score columns, in order."""
_BEST_KEY = 1 << 32
"""`overall * _BEST_KEY - id` orders calls by score, then earliest first, in one integer."""
_NAMED_FLOORS = 4
"""Scenarios whose floor for the best is tested on its own (measured: 4 beats 0, 8 and 16)."""
_NO_SCORE = 101
"""Above every score."""
_ENDED = f"outcome IS NOT NULL AND outcome <> '{ABANDONED}'"
"""A call the person ended (won, lost, hung up...), not one abandoned when its trainer died."""


@dataclass(frozen=True)
class DayTotals:
    """The scored calls of one day: how many, and the sum of each score (`SCORES` order)."""

    day: date
    calls: int
    totals: tuple[int, ...]


class FinishedCall(NamedTuple):
    """One finished call of a scenario, as the per-scenario figures need it."""

    id: int
    title: str
    overall: int | None
    outcome: str
    day: str
    """As stored: the ISO date the call started on."""


def daily_totals(store: Store, since: date | None, until: date) -> list[DayTotals]:
    """Per day from `since` (the first day, if None) to `until`, oldest first: the scored
    calls and their score sums."""
    # `overall IS NOT NULL` picks the finished, scored calls while every column read stays
    # inside the covering index.
    rows = store.database.read(
        "SELECT day, count(*), "
        + ", ".join(f"sum({column})" for column in SCORES)
        + " FROM sessions WHERE day BETWEEN ? AND ? AND overall IS NOT NULL"
        " GROUP BY day ORDER BY day",
        [since.isoformat() if since is not None else "", until.isoformat()],
    )
    return [
        DayTotals(date.fromisoformat(row[0]), int(row[1]), tuple(int(value) for value in row[2:]))
        for row in rows
    ]


class ScoredCall(NamedTuple):
    """One scored call's day and scores."""

    day: date
    scores: tuple[int, ...]
    """In `SCORES` order."""


def latest_scored(store: Store, until: date) -> ScoredCall | None:
    """The latest scored call up to the day `until`, if there is one."""
    # The trends' own filter (`daily_totals`), walked back from `until` along the day index.
    rows = store.database.read(
        f"SELECT day, {', '.join(SCORES)} FROM sessions "
        "WHERE day <= ? AND overall IS NOT NULL "
        "ORDER BY day DESC, started_at DESC, id DESC LIMIT 1",
        [until.isoformat()],
    )
    if not rows:
        return None
    day, *scores = rows[0]
    return ScoredCall(date.fromisoformat(day), tuple(int(value) for value in scores))


def latest_finished(store: Store, count: int) -> tuple[SessionRow, ...]:
    """The last `count` finished calls, oldest first."""
    rows = store.database.read(
        f"SELECT {', '.join(SESSION_COLUMNS)} FROM sessions WHERE outcome IS NOT NULL "
        "ORDER BY day DESC, started_at DESC, id DESC LIMIT ?",
        [count],
    )
    return tuple(SessionRow(*row) for row in reversed(rows))


def latest_dimension_scores(store: Store, count: int) -> list[tuple[int, ...]]:
    """The four dimension scores (`DIMENSIONS` order) of the last `count` scored calls."""
    rows = store.database.read(
        f"SELECT {', '.join(DIMENSIONS)} FROM sessions "
        "WHERE outcome IS NOT NULL AND overall IS NOT NULL "
        "ORDER BY day DESC, started_at DESC, id DESC LIMIT ?",
        [count],
    )
    return [tuple(row) for row in rows]


def last_day_played(store: Store, until: date) -> date | None:
    """The latest day up to `until` on which a call was started (finished or not)."""
    rows = store.database.read("SELECT max(day) FROM sessions WHERE day <= ?", [until.isoformat()])
    return date.fromisoformat(rows[0][0]) if rows[0][0] is not None else None


def days_in_a_row(store: Store, last_day: date) -> int:
    """How many days in a row, ending on `last_day`, a call was started on."""
    # One index lookup per day, walking back from the last day until a day is missed.
    rows = store.database.read(
        "WITH RECURSIVE streak (day) AS (SELECT ? UNION ALL "
        "SELECT date(day, '-1 day') FROM streak WHERE EXISTS "
        "(SELECT 1 FROM sessions WHERE sessions.day = date(streak.day, '-1 day'))) "
        "SELECT count(*) FROM streak",
        [last_day.isoformat()],
    )
    return int(rows[0][0])


def finished_per_scenario(store: Store) -> dict[str, int]:
    """Every scenario ever started, by id, with its number of finished calls (maybe 0)."""
    # One statement, so that both counts come from the same snapshot; the calls still running
    # are few and found through their partial index.
    rows = store.database.read(
        "SELECT scenario_id, total.calls - coalesce(running.calls, 0) "
        "FROM (SELECT scenario_id, count(*) AS calls FROM sessions GROUP BY scenario_id) "
        "AS total LEFT JOIN (SELECT scenario_id, count(*) AS calls FROM sessions "
        "WHERE outcome IS NULL GROUP BY scenario_id) AS running USING (scenario_id) "
        "ORDER BY scenario_id"
    )
    return dict(rows)


def latest_calls(store: Store, scenario_id: str, count: int) -> list[FinishedCall]:
    """A scenario's last `count` finished calls, latest first."""
    rows = store.database.read(
        "SELECT id, scenario_title, overall, outcome, day FROM sessions "
        "WHERE scenario_id = ? AND outcome IS NOT NULL "
        "ORDER BY started_at DESC, id DESC LIMIT ?",
        [scenario_id, count],
    )
    return [
        FinishedCall(int(row[0]), str(row[1]), row[2], str(row[3]), str(row[4])) for row in rows
    ]


def best_of_latest_ended(store: Store, scenario_id: str, count: int) -> int:
    """The highest overall among a scenario's last `count` scored calls that the person ended
    (0 if it has none): a floor for its best."""
    rows = store.database.read(
        f"SELECT max(overall) FROM (SELECT overall FROM sessions WHERE scenario_id = ? "
        f"AND {_ENDED} AND overall IS NOT NULL ORDER BY started_at DESC, id DESC LIMIT ?)",
        [scenario_id, count],
    )
    return int(rows[0][0]) if rows[0][0] is not None else 0


def best_calls_above(store: Store, floors: Mapping[str, int]) -> dict[str, int]:
    """For each scenario of `floors`, the id of its best-scored call that the person ended (the
    earliest of equals), given that its best is at least its floor (the best of its latest
    calls)."""
    if not floors:
        return {}
    # No index holds (scenario_id, overall), and a GROUP BY over the whole table sorts every
    # row. One table scan keeps only the rows at or above their scenario's floor and sorts
    # those. The lowest floors (a hard scenario) are named one by one; the rest share the
    # lowest of theirs, which keeps the test on each row short.
    by_floor = sorted(floors, key=lambda scenario_id: floors[scenario_id])
    named, shared = by_floor[:_NAMED_FLOORS], by_floor[_NAMED_FLOORS:]
    floor = " ".join("WHEN ? THEN ?" for _ in named)
    rows = store.database.read(
        f"SELECT scenario_id, max(overall * {_BEST_KEY} - id) FROM sessions NOT INDEXED "
        f"WHERE overall >= ? AND overall >= CASE scenario_id {floor} ELSE ? END AND {_ENDED} "
        "GROUP BY scenario_id",
        [
            floors[by_floor[0]],
            *(value for scenario_id in named for value in (scenario_id, floors[scenario_id])),
            min((floors[scenario_id] for scenario_id in shared), default=_NO_SCORE),
        ],
    )
    best: dict[str, int] = {}
    for scenario_id, key in rows:
        if scenario_id in floors:
            overall = -(-key // _BEST_KEY)
            best[scenario_id] = overall * _BEST_KEY - key
    return best


def overall_and_day(store: Store, call_ids: Mapping[str, int]) -> dict[str, tuple[int, date]]:
    """The overall score and the day of each scenario's call named in `call_ids`."""
    if not call_ids:
        return {}
    rows = store.database.read(
        f"SELECT scenario_id, overall, day FROM sessions "
        f"WHERE id IN ({', '.join('?' * len(call_ids))})",
        list(call_ids.values()),
    )
    return {
        scenario_id: (int(overall), date.fromisoformat(day)) for scenario_id, overall, day in rows
    }


def first_overall(store: Store, scenario_id: str) -> int | None:
    """The overall score of a scenario's first scored call that the person ended, if any."""
    rows = store.database.read(
        f"SELECT overall FROM sessions WHERE scenario_id = ? AND {_ENDED} "
        "AND overall IS NOT NULL ORDER BY started_at, id LIMIT 1",
        [scenario_id],
    )
    return int(rows[0][0]) if rows else None
