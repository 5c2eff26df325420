"""A scenario's Best comes from a call the person ended: an abandoned call (the trainer died
mid-call, scored on the turns it had saved) never is one, a call they hung up on may be."""

from __future__ import annotations

from datetime import date, timedelta

from tests.dated_history import DatedHistory
from trainer.progress.summary import improvements, scenario_records

MONDAY = date(2025, 3, 3)


def day(offset: int) -> date:
    """`offset` days after MONDAY."""
    return MONDAY + timedelta(days=offset)


def test_an_abandoned_call_is_never_the_best_but_a_hung_up_one_may_be(
    history: DatedHistory,
) -> None:
    history.add("refund", day(0), "loss", overall=40)
    history.add("refund", day(1), "abandoned", overall=95)
    history.add("refund", day(2), "hung_up", overall=70)
    history.add("refund", day(3), "win", overall=60)

    [refund] = scenario_records(history.store)

    assert (refund.best_overall, refund.best_day) == (70, day(2))
    assert refund.plays == 4  # the abandoned call is still a play
    assert (refund.first_overall, refund.improvement) == (40, 30)


def test_in_a_long_history_an_old_abandoned_call_is_neither_first_nor_best(
    history: DatedHistory,
) -> None:
    history.add("refund", day(0), "abandoned", overall=99)
    history.add("refund", day(1), "loss", overall=30)
    history.add("refund", day(2), "win", overall=90)
    history.add("refund", day(3), "abandoned", overall=98)
    for offset in range(4, 40):  # more calls than the records read back at once
        history.add("refund", day(offset), "win", overall=50 + offset % 7)

    [refund] = scenario_records(history.store)

    assert (refund.best_overall, refund.best_day) == (90, day(2))
    assert (refund.first_overall, refund.improvement) == (30, 60)
    assert [(gain.first_overall, gain.best_overall) for gain in improvements(history.store)] == [
        (30, 90)
    ]


def test_a_scenario_only_ever_abandoned_has_no_best_yet(history: DatedHistory) -> None:
    history.add("refund", day(0), "abandoned", overall=80)

    [refund] = scenario_records(history.store)

    assert (refund.plays, refund.latest_outcome, refund.latest_overall) == (1, "abandoned", 80)
    assert (refund.best_overall, refund.best_day, refund.improvement) == (None, None, None)


def test_a_best_before_a_long_run_of_abandoned_calls_is_still_found(
    history: DatedHistory,
) -> None:
    history.add("refund", day(0), "loss", overall=55)
    history.add("refund", day(1), "hung_up", overall=70)
    for offset in range(2, 30):
        history.add("refund", day(offset), "abandoned", overall=99)

    [refund] = scenario_records(history.store)

    assert (refund.plays, refund.latest_outcome) == (30, "abandoned")
    assert (refund.best_overall, refund.best_day, refund.first_overall) == (70, day(1), 55)
