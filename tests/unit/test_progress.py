"""Progress queries on real score databases: trends, bests, improvement, streak, weakest skill."""

from __future__ import annotations

import random
import sqlite3
from datetime import date, timedelta

from tests.dated_history import DatedHistory
from trainer.progress.summary import (
    ProgressSummary,
    improvements,
    last_lost,
    never_played,
    practice_streak,
    progress_summary,
    recent_sessions,
    scenario_records,
    trend_by_day,
    trend_by_week,
    weakest_dimension,
)

MONDAY = date(2025, 3, 3)
"""Monday of ISO week 2025-W10."""


# Trends ------------------------------------------------------------------------------------


def test_daily_trend_averages_each_day_oldest_first(history: DatedHistory) -> None:
    history.add("refund", MONDAY, overall=40, scores=[40, 60, 20, 50])
    history.add("refund", MONDAY, overall=60, scores=[60, 80, 40, 70])
    history.add("seats", MONDAY + timedelta(days=2), overall=90)
    history.start("seats", MONDAY + timedelta(days=2))  # still running: not counted

    trend = trend_by_day(history.store, today=MONDAY + timedelta(days=2))

    assert [(point.label, point.calls) for point in trend] == [("2025-03-03", 2), ("2025-03-05", 1)]
    first = trend[0]
    assert (first.politeness, first.firmness, first.evidence, first.open_questions) == (
        50,
        70,
        30,
        60,
    )
    assert (first.overall, trend[1].overall, trend[1].mean("evidence")) == (50, 90, 90)


def test_daily_trend_keeps_the_last_days_up_to_today(history: DatedHistory) -> None:
    for offset in range(5):
        history.add("refund", MONDAY + timedelta(days=offset), overall=10 * offset)

    trend = trend_by_day(history.store, today=MONDAY + timedelta(days=3), days=2)

    assert [(point.start, point.overall) for point in trend] == [
        (MONDAY + timedelta(days=2), 20),
        (MONDAY + timedelta(days=3), 30),
    ]


def test_weekly_trend_groups_iso_weeks_and_weights_by_calls(history: DatedHistory) -> None:
    history.add("refund", MONDAY - timedelta(days=1), overall=10)  # Sunday of W09
    history.add("refund", MONDAY, overall=30)
    history.add("refund", MONDAY, overall=30)
    history.add("refund", MONDAY + timedelta(days=6), overall=90)  # Sunday of W10
    history.add("refund", MONDAY + timedelta(days=7), overall=70)  # W11

    trend = trend_by_week(history.store, today=MONDAY + timedelta(days=8))

    assert [(p.label, p.start, p.calls, p.overall) for p in trend] == [
        ("2025-W09", MONDAY - timedelta(days=7), 1, 10),
        ("2025-W10", MONDAY, 3, 50),  # (30 + 30 + 90) / 3, not the mean of the day means
        ("2025-W11", MONDAY + timedelta(days=7), 1, 70),
    ]
    last_two = trend_by_week(history.store, today=MONDAY + timedelta(days=8), weeks=2)
    assert [point.label for point in last_two] == ["2025-W10", "2025-W11"]


def test_weekly_trend_names_the_iso_year_across_new_year(history: DatedHistory) -> None:
    history.add("refund", date(2024, 12, 30), overall=40)  # Monday of 2025-W01
    history.add("refund", date(2025, 1, 5), overall=60)  # Sunday of 2025-W01

    trend = trend_by_week(history.store, today=date(2025, 1, 6))

    assert [(p.label, p.start, p.overall) for p in trend] == [("2025-W01", date(2024, 12, 30), 50)]


# Sessions ----------------------------------------------------------------------------------


def test_recent_sessions_are_the_last_finished_calls_oldest_first(history: DatedHistory) -> None:
    for offset in range(4):
        history.add("refund", MONDAY + timedelta(days=offset), overall=offset)
    history.add("seats", MONDAY + timedelta(days=3), overall=99, at="08:00:00")
    history.start("seats", MONDAY + timedelta(days=4))

    recent = recent_sessions(history.store, 3)

    assert [(row.scenario_id, row.overall) for row in recent] == [
        ("refund", 2),
        ("seats", 99),
        ("refund", 3),
    ]


def test_scenario_records_show_best_latest_and_plays(history: DatedHistory) -> None:
    history.add("refund", MONDAY, "loss", overall=40, title="Refund (old title)")
    history.add("refund", MONDAY + timedelta(days=1), "win", overall=80)
    history.add("refund", MONDAY + timedelta(days=2), "win", overall=80)  # ties the best
    history.add("refund", MONDAY + timedelta(days=3), "partial", overall=55, title="Refund")
    history.start("refund", MONDAY + timedelta(days=4))
    history.add("seats", MONDAY, "hung_up", overall=20)

    refund, seats = scenario_records(history.store)

    assert refund.scenario_id == "refund"
    assert (refund.title, refund.plays) == ("Refund", 4)
    assert (refund.best_overall, refund.best_day) == (80, MONDAY + timedelta(days=1))
    assert (refund.latest_overall, refund.latest_outcome, refund.latest_day) == (
        55,
        "partial",
        MONDAY + timedelta(days=3),
    )
    assert (refund.first_overall, refund.improvement) == (40, 40)
    assert (seats.plays, seats.best_overall, seats.improvement) == (1, 20, 0)


def test_an_older_call_stored_without_a_day_does_not_stop_the_records(
    history: DatedHistory,
) -> None:
    """A history written by another program may lack a day on a call; the latest call's day
    is the one the records show."""
    older = history.add("refund", MONDAY, "loss", overall=40)
    history.add("refund", MONDAY + timedelta(days=1), "win", overall=80)
    with sqlite3.connect(history.store.path) as raw:
        raw.execute("UPDATE sessions SET day = NULL WHERE id = ?", (older,))
    raw.close()

    [refund] = scenario_records(history.store)

    assert (refund.plays, refund.latest_outcome) == (2, "win")
    assert refund.latest_day == MONDAY + timedelta(days=1)


def test_records_of_a_long_history_find_an_old_best_and_the_first_call(
    history: DatedHistory,
) -> None:
    history.add("refund", MONDAY, "loss", overall=30)
    history.add("refund", MONDAY + timedelta(days=1), "win", overall=97)
    for offset in range(2, 60):
        history.add("refund", MONDAY + timedelta(days=offset), "win", overall=50 + offset % 7)

    (refund,) = scenario_records(history.store)

    assert (refund.plays, refund.first_overall) == (60, 30)
    assert (refund.best_overall, refund.best_day) == (97, MONDAY + timedelta(days=1))
    assert refund.consecutive_wins == 59
    assert [(gain.scenario_id, gain.gain) for gain in improvements(history.store)] == [
        ("refund", 67)
    ]


def test_records_agree_with_the_full_list_of_calls(history: DatedHistory) -> None:
    rng = random.Random(7)
    outcomes = ["win", "win", "partial", "loss", "hung_up", "abandoned"]
    for number in range(150):
        scenario_id = rng.choice(["hard", "easy", "easy", "mid", "mid"])
        base = 20 if scenario_id == "hard" else 60
        day = MONDAY + timedelta(days=number // 3)
        history.add(scenario_id, day, rng.choice(outcomes), overall=base + rng.randrange(30))

    records = scenario_records(history.store)

    calls = [row for row in history.store.sessions() if row.outcome is not None]
    expected = []
    for scenario_id in sorted({row.scenario_id for row in calls}):
        mine = [row for row in calls if row.scenario_id == scenario_id]
        ended = [row for row in mine if row.outcome != "abandoned"]  # best and first among these
        scores = [row.overall for row in ended if row.overall is not None]
        best = next(row for row in ended if row.overall == max(scores))
        wins = next((i for i, row in enumerate(reversed(mine)) if row.outcome != "win"), len(mine))
        expected.append(
            (
                scenario_id,
                len(mine),
                max(scores),
                best.started_at[:10],
                scores[0],
                mine[-1].outcome,
                wins,
            )
        )
    assert [
        (
            r.scenario_id,
            r.plays,
            r.best_overall,
            str(r.best_day),
            r.first_overall,
            r.latest_outcome,
            r.consecutive_wins,
        )
        for r in records
    ] == expected


def test_win_streak_counts_wins_since_the_last_setback(history: DatedHistory) -> None:
    outcomes = ["win", "win", "loss", "win", "win", "win"]
    for offset, outcome in enumerate(outcomes):
        history.add("refund", MONDAY + timedelta(days=offset), outcome)
    history.add("seats", MONDAY, "win")
    history.add("seats", MONDAY + timedelta(days=1), "partial")

    refund, seats = scenario_records(history.store)

    assert (refund.consecutive_wins, seats.consecutive_wins) == (3, 0)


def test_improvements_rank_the_largest_gain_first(history: DatedHistory) -> None:
    history.add("refund", MONDAY, overall=50)
    history.add("refund", MONDAY + timedelta(days=1), overall=70)
    history.add("seats", MONDAY, overall=20)
    history.add("seats", MONDAY + timedelta(days=1), overall=85)
    history.add("seats", MONDAY + timedelta(days=2), overall=60)
    history.add("fee", MONDAY, overall=90)
    history.add("fee", MONDAY + timedelta(days=1), overall=40)

    gains = improvements(history.store)

    assert [
        (gain.scenario_id, gain.first_overall, gain.best_overall, gain.gain) for gain in gains
    ] == [
        ("seats", 20, 85, 65),
        ("refund", 50, 70, 20),
        ("fee", 90, 90, 0),
    ]


# Streak ------------------------------------------------------------------------------------


def test_streak_counts_back_from_today(history: DatedHistory) -> None:
    today = MONDAY + timedelta(days=10)
    for offset in (0, 1, 2):
        history.add("refund", today - timedelta(days=offset))
    history.add("refund", today - timedelta(days=4))  # before the gap: not part of it

    assert practice_streak(history.store, today) == 3


def test_streak_still_counts_when_nothing_was_played_today_yet(history: DatedHistory) -> None:
    today = MONDAY + timedelta(days=10)
    for offset in (1, 2):
        history.add("refund", today - timedelta(days=offset))

    assert practice_streak(history.store, today) == 2
    assert practice_streak(history.store, today + timedelta(days=1)) == 0


def test_a_long_streak_and_an_empty_history(history: DatedHistory) -> None:
    assert practice_streak(history.store, MONDAY) == 0
    for offset in range(100):
        history.add("refund", MONDAY + timedelta(days=offset))

    assert practice_streak(history.store, MONDAY + timedelta(days=99)) == 100
    assert practice_streak(history.store, MONDAY + timedelta(days=50)) == 51


# Weakest dimension -------------------------------------------------------------------------


def test_weakest_dimension_looks_at_the_last_ten_calls_only(history: DatedHistory) -> None:
    for offset in range(5):  # long ago: evidence was terrible
        history.add("refund", MONDAY + timedelta(days=offset), scores=[80, 80, 0, 80])
    for offset in range(5, 15):
        firmness = 40 if offset % 2 else 50
        history.add("refund", MONDAY + timedelta(days=offset), scores=[70, firmness, 60, 65])

    weakest = weakest_dimension(history.store)

    assert weakest is not None
    assert (weakest.dimension, weakest.mean, weakest.calls) == ("firmness", 45, 10)


def test_weakest_dimension_breaks_ties_in_rubric_order(history: DatedHistory) -> None:
    assert weakest_dimension(history.store) is None
    history.add("refund", MONDAY, scores=[70, 50, 50, 50])
    weakest = weakest_dimension(history.store)
    assert weakest is not None
    assert weakest.dimension == "firmness"

    history.add("refund", MONDAY, scores=[50, 70, 70, 70])
    weakest = weakest_dimension(history.store)
    assert weakest is not None
    assert (weakest.dimension, weakest.mean) == ("politeness", 60)


# Never played and last lost ----------------------------------------------------------------


def test_never_played_and_last_lost_follow_the_latest_call(history: DatedHistory) -> None:
    history.add("refund", MONDAY, "win")
    history.add("refund", MONDAY + timedelta(days=1), "loss")
    history.add("seats", MONDAY, "loss")
    history.add("seats", MONDAY + timedelta(days=1), "win")
    history.add("fee", MONDAY, "abandoned")
    history.add("warranty", MONDAY, "hung_up")
    history.start("moving", MONDAY)  # running, never finished
    library = ["warranty", "moving", "fee", "seats", "refund", "unlock"]

    assert never_played(history.store, library) == ("moving", "unlock")
    assert last_lost(history.store, library) == ("fee", "refund")


# Everything at once ------------------------------------------------------------------------


def test_progress_summary_gathers_every_query(history: DatedHistory) -> None:
    today = MONDAY + timedelta(days=8)
    history.add("refund", MONDAY, "loss", overall=40, scores=[60, 50, 20, 40])
    history.add("refund", today - timedelta(days=1), "win", overall=75, scores=[80, 70, 60, 70])
    history.add("seats", today, "abandoned", overall=35, scores=[50, 40, 30, 30])

    summary = progress_summary(history.store, ["seats", "refund", "fee"], today)

    assert isinstance(summary, ProgressSummary)
    assert summary.today == today
    assert [point.label for point in summary.by_day] == ["2025-03-03", "2025-03-10", "2025-03-11"]
    assert [point.label for point in summary.by_week] == ["2025-W10", "2025-W11"]
    assert [row.scenario_id for row in summary.recent] == ["refund", "refund", "seats"]
    assert summary.streak_days == 2
    assert summary.weakest is not None
    assert (summary.weakest.dimension, summary.weakest.mean) == ("evidence", 110 / 3)
    assert summary.never_played == ("fee",)
    assert summary.last_lost == ("seats",)
    refund = summary.record("refund")
    assert refund is not None
    assert (refund.best_overall, refund.improvement) == (75, 35)
    assert summary.record("fee") is None
    assert summary.has_history
    # Seats was only ever abandoned: a play, but no best (so no improvement) yet.
    assert [gain.scenario_id for gain in summary.improvements] == ["refund"]


def test_progress_summary_of_an_empty_history(history: DatedHistory) -> None:
    summary = progress_summary(history.store, ["refund"], MONDAY)

    assert not summary.has_history
    assert (summary.by_day, summary.by_week, summary.recent, summary.scenarios) == ((), (), (), ())
    assert (summary.streak_days, summary.weakest) == (0, None)
    assert (summary.never_played, summary.last_lost) == (("refund",), ())
