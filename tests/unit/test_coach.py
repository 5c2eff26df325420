"""The coach on real score databases: spaced repetition, the weakest skill, and its reasons."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.dated_history import DatedHistory, make_scenario
from trainer.progress.coach import due_date, emphasis, recommend
from trainer.progress.summary import progress_summary, scenario_records

DAY = date(2025, 5, 12)

WARRANTY = make_scenario(
    "warranty-part",
    "Warranty part",
    difficulty=3,
    node_weights=({"evidence": 3}, {"evidence": 2, "open_questions": 2}),
)
SEATS = make_scenario(
    "seats-apart", "Seats apart", difficulty=2, node_weights=({"firmness": 3}, None)
)
REFUND = make_scenario("refund", "Refund", difficulty=1)
LIBRARY = (WARRANTY, SEATS, REFUND)

WEAK_EVIDENCE = [70, 70, 20, 60]
WEAK_FIRMNESS = [70, 20, 60, 60]


def test_an_empty_history_starts_with_the_easiest_scenario(history: DatedHistory) -> None:
    easy_b = make_scenario("b-easy", "Easy B", difficulty=1)
    easy_a = make_scenario("a-easy", "Easy A", difficulty=1)

    advice = recommend([WARRANTY, easy_b, easy_a], history.store, DAY)

    assert advice is not None
    assert advice.scenario_id == "a-easy"
    assert advice.reason == (
        "\u201cEasy A\u201d is the easiest scenario (difficulty 1 of 5), so start there."
    )
    assert recommend([], history.store, DAY) is None


def test_a_scenario_never_played_comes_before_ones_just_won(history: DatedHistory) -> None:
    history.add("refund", DAY, "win", scores=WEAK_EVIDENCE)
    history.add("seats-apart", DAY, "win", scores=WEAK_EVIDENCE)

    advice = recommend(LIBRARY, history.store, DAY)

    assert advice is not None
    assert (advice.scenario_id, advice.due) == ("warranty-part", DAY)
    assert advice.reason == (
        "Your weakest skill lately is evidence, and \u201cWarranty part\u201d trains it; "
        "you have not played it yet."
    )


@pytest.mark.parametrize(
    ("outcome", "said"),
    [
        ("loss", "you lost it last time"),
        ("abandoned", "you left it unfinished last time"),
        ("hung_up", "you hung up on it last time"),
    ],
)
def test_a_lost_scenario_comes_back_the_next_day(
    history: DatedHistory, outcome: str, said: str
) -> None:
    history.add("refund", DAY, outcome, scores=WEAK_EVIDENCE)

    same_day = recommend([REFUND], history.store, DAY)
    next_day = recommend([REFUND], history.store, DAY + timedelta(days=1))

    assert same_day is not None
    assert same_day.due == DAY + timedelta(days=1)
    assert same_day.reason == (
        f"Nothing is due until tomorrow, and \u201cRefund\u201d comes up first: {said}."
    )
    assert next_day is not None
    assert next_day.reason == f"Play \u201cRefund\u201d next: {said}, so it is due again."


def test_a_partial_win_comes_back_after_two_days(history: DatedHistory) -> None:
    history.add("refund", DAY, "partial")
    (record,) = scenario_records(history.store)

    assert due_date(record, DAY) == DAY + timedelta(days=2)
    advice = recommend([REFUND], history.store, DAY + timedelta(days=2))
    assert advice is not None
    assert (
        advice.reason
        == "Play \u201cRefund\u201d next: you won it only in part last time, so it is due again."
    )


@pytest.mark.parametrize(("wins", "interval"), [(1, 1), (2, 3), (3, 7), (4, 14), (5, 30), (7, 30)])
def test_wins_in_a_row_space_a_scenario_out(
    history: DatedHistory, wins: int, interval: int
) -> None:
    last = DAY + timedelta(days=wins - 1)
    history.add("refund", DAY - timedelta(days=1), "loss")  # the streak starts after it
    for offset in range(wins):
        history.add("refund", DAY + timedelta(days=offset), "win")

    (record,) = scenario_records(history.store)
    assert due_date(record, last) == last + timedelta(days=interval)

    waiting = recommend([REFUND], history.store, last + timedelta(days=interval - 1))
    due = recommend([REFUND], history.store, last + timedelta(days=interval))
    assert waiting is not None
    assert waiting.reason.startswith("Nothing is due until")
    assert due is not None
    times = "you won it last time" if wins == 1 else f"you have won it {wins} times in a row"
    assert due.reason == f"Play \u201cRefund\u201d next: {times}, so it is due for a review."


def test_a_loss_resets_the_spacing(history: DatedHistory) -> None:
    for offset, outcome in enumerate(["win", "win", "win", "loss", "win"]):
        history.add("refund", DAY + timedelta(days=offset), outcome)

    (record,) = scenario_records(history.store)

    assert due_date(record, DAY) == DAY + timedelta(days=5)


def test_among_due_scenarios_the_one_training_the_weakest_skill_wins(history: DatedHistory) -> None:
    history.add("another", DAY - timedelta(days=3), scores=WEAK_FIRMNESS)

    advice = recommend(LIBRARY, history.store, DAY)
    assert advice is not None
    assert advice.scenario_id == "seats-apart"
    assert advice.reason.startswith(
        "Your weakest skill lately is firmness, and \u201cSeats apart\u201d"
    )

    history.add("seats-apart", DAY - timedelta(days=5), scores=WEAK_FIRMNESS)  # level 2 won
    for offset in range(10):
        history.add("another", DAY - timedelta(days=2), scores=WEAK_EVIDENCE, at=f"1{offset}:00:00")
    advice = recommend(LIBRARY, history.store, DAY)
    assert advice is not None
    assert advice.scenario_id == "warranty-part"


def test_the_coach_suggests_at_most_one_level_above_the_hardest_scenario_won(
    history: DatedHistory,
) -> None:
    for offset in range(10):
        history.add("another", DAY - timedelta(days=2), scores=WEAK_EVIDENCE, at=f"1{offset}:00:00")
    advice = recommend(LIBRARY, history.store, DAY)
    assert advice is not None
    assert advice.scenario_id != "warranty-part"  # level 3, though it trains evidence most

    history.add("seats-apart", DAY - timedelta(days=5), outcome="loss")
    advice = recommend(LIBRARY, history.store, DAY)
    assert advice is not None
    assert advice.scenario_id != "warranty-part"  # a lost level 2 raises nothing

    history.add("refund", DAY - timedelta(days=5))  # a won level 1: up to level 2
    history.add("seats-apart", DAY - timedelta(days=4))  # a won level 2: up to level 3
    advice = recommend(LIBRARY, history.store, DAY)
    assert advice is not None
    assert advice.scenario_id == "warranty-part"


def test_equal_training_goes_to_the_easier_then_by_id(history: DatedHistory) -> None:
    history.add("another", DAY - timedelta(days=3), scores=WEAK_EVIDENCE)
    plain = [
        make_scenario("c-call", difficulty=2),
        make_scenario("b-call", difficulty=1),
        make_scenario("a-call", difficulty=2),
    ]

    advice = recommend(plain, history.store, DAY)

    assert advice is not None
    assert advice.scenario_id == "b-call"
    assert advice.reason == "Play \u201cB call\u201d next: you have not played it yet."
    advice = recommend([plain[0], plain[2]], history.store, DAY)
    assert advice is not None
    assert advice.scenario_id == "a-call"


def test_when_nothing_is_due_the_soonest_comes_first(history: DatedHistory) -> None:
    history.add("warranty-part", DAY, "win")
    history.add("warranty-part", DAY, "win", at="13:00:00")  # due in 3 days
    history.add("seats-apart", DAY, "partial")  # due in 2 days
    history.add("refund", DAY, "win")
    history.add("refund", DAY, "win", at="13:00:00")

    advice = recommend(LIBRARY, history.store, DAY)

    assert advice is not None
    assert (advice.scenario_id, advice.due) == ("seats-apart", DAY + timedelta(days=2))
    assert advice.reason == (
        "Nothing is due until 2025-05-14, and \u201cSeats apart\u201d comes up first: "
        "you won it only in part last time."
    )


def test_the_same_history_and_day_give_the_same_advice(history: DatedHistory) -> None:
    history.add("refund", DAY - timedelta(days=5), "loss", scores=WEAK_EVIDENCE)
    history.add("seats-apart", DAY - timedelta(days=4), "partial", scores=WEAK_FIRMNESS)
    history.add("warranty-part", DAY - timedelta(days=3), "win", scores=WEAK_EVIDENCE)
    summary = progress_summary(history.store, [s.id for s in LIBRARY], DAY)

    answers = {recommend(LIBRARY, history.store, DAY) for _ in range(3)}
    answers.add(recommend(LIBRARY, summary, DAY))
    answers.add(recommend(tuple(reversed(LIBRARY)), history.store, DAY))

    assert len(answers) == 1
    (advice,) = answers
    assert advice is not None
    assert advice.scenario_id == "warranty-part"


def test_emphasis_averages_node_weights_over_the_reply_nodes() -> None:
    scenario = make_scenario(
        "weighted", weights={"evidence": 2}, node_weights=(None, {"evidence": 4}, {"firmness": 3})
    )

    assert emphasis(scenario, "evidence") == pytest.approx((2 + 4 + 2) / 3)
    assert emphasis(scenario, "firmness") == pytest.approx((1 + 1 + 3) / 3)
    assert emphasis(scenario, "politeness") == 1


def test_the_scenario_just_won_today_waits_while_another_is_not_done(
    history: DatedHistory,
) -> None:
    history.add("refund", DAY, "win", scores=WEAK_EVIDENCE)
    history.add("seats-apart", DAY, "loss", scores=WEAK_EVIDENCE)

    advice = recommend([REFUND, SEATS], history.store, DAY)

    assert advice is not None
    assert (advice.scenario_id, advice.due) == ("seats-apart", DAY + timedelta(days=1))
    assert advice.reason == (
        "Nothing is due until tomorrow, and \u201cSeats apart\u201d comes up first: "
        "you lost it last time."
    )
    tomorrow = recommend([REFUND, SEATS], history.store, DAY + timedelta(days=1))
    assert tomorrow is not None
    assert tomorrow.scenario_id == "refund"  # won yesterday, not today: back for a review


def test_the_scenario_just_won_today_waits_even_for_one_due_later(
    history: DatedHistory,
) -> None:
    for days_ago in (8, 5, 2):  # seats-apart won three times in a row: due in 7 days
        history.add("seats-apart", DAY - timedelta(days=days_ago), "win")
    history.add("refund", DAY, "win")  # due tomorrow

    advice = recommend([REFUND, SEATS], history.store, DAY)

    assert advice is not None
    assert (advice.scenario_id, advice.due) == ("seats-apart", DAY + timedelta(days=5))
    assert advice.reason == (
        "Besides what you won today, nothing is due until 2025-05-17, and "
        "\u201cSeats apart\u201d comes up first: you have won it 3 times in a row."
    )


def test_once_every_scenario_is_won_today_the_coach_names_the_soonest_again(
    history: DatedHistory,
) -> None:
    history.add("refund", DAY, "win")
    history.add("seats-apart", DAY, "win")

    advice = recommend([REFUND, SEATS], history.store, DAY)

    assert advice is not None
    assert (advice.scenario_id, advice.due) == ("refund", DAY + timedelta(days=1))
    assert advice.reason == (
        "Nothing is due until tomorrow, and \u201cRefund\u201d comes up first: "
        "you won it last time."
    )
