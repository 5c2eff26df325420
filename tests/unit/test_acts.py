"""What a reply does: the acts the scorer reads, against 450+ replies labelled by hand
(tests/data/reply_acts.csv), and the rules a person would apply — negation, questions about
a next step, stories of the past, conditions."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from trainer.scoring.rubric import ACTS
from trainer.scoring.scorer import default_scorer

REPLIES = Path(__file__).parents[1] / "data" / "reply_acts.csv"


def acts(text: str) -> list[str]:
    return [act.act for act in default_scorer().score(text).acts]


def labelled() -> list[tuple[str, set[str]]]:
    with REPLIES.open(encoding="utf-8", newline="") as file:
        return [(row["text"], set(row["acts"].split())) for row in csv.DictReader(file)]


def test_the_table_labels_every_act_many_times() -> None:
    rows = labelled()
    assert len(rows) >= 300
    for act in ACTS:
        assert sum(act in wanted for _, wanted in rows) >= 25, act
    assert all(wanted <= set(ACTS) for _, wanted in rows)
    assert sum(not wanted for _, wanted in rows) >= 60


def test_every_act_is_read_as_people_labelled_it() -> None:
    # Per act, F1 over the labelled replies; the mean over the acts at least 0.90.
    rows = labelled()
    scores = []
    for act in ACTS:
        read = [act in set(acts(text)) for text, _ in rows]
        wanted = [act in labels for _, labels in rows]
        hits = sum(r and w for r, w in zip(read, wanted, strict=True))
        precision = hits / max(1, sum(read))
        recall = hits / max(1, sum(wanted))
        scores.append(2 * precision * recall / max(precision + recall, 1e-9))
    assert sum(scores) / len(scores) >= 0.90, dict(zip(ACTS, scores, strict=True))
    assert min(scores) >= 0.80, dict(zip(ACTS, scores, strict=True))


@pytest.mark.parametrize(
    ("text", "read", "not_read"),
    [
        # Negation decides.
        ("I honestly don't need your manager, just sort the bill out", set(), {"ask_supervisor"}),
        ("Could you get me someone more senior please?", {"ask_supervisor"}, set()),
        ("no coupon thanks, I'd rather have the money back", {"refuse"}, {"accept"}),
        ("Okay, go ahead and apply the credit then.", {"accept"}, {"refuse"}),
        ("That credit doesn't work for me at all.", {"refuse"}, {"accept"}),
        # Asking about a next step is not threatening it.
        ("what would happen if I closed the account today?", {"ask_options"}, {"escalate"}),
        ("If this isn't sorted by Friday I'm closing the account.", {"escalate"}, set()),
        # A story of the past asks for nothing.
        ("I already talked to a supervisor on Monday about this.", set(), {"ask_supervisor"}),
        ("I cancelled the order last month and still got charged.", set(), {"escalate"}),
        # Conditions.
        ("If you can knock it down to $30 I'll keep the contract.", {"accept_if"}, {"accept"}),
        ("Sure, I can hang on while you check.", {"hold"}, set()),
        ("Fine, forget it, I'll just pay the thing.", {"give_in"}, set()),
        ("By what date will the money be back on my card?", {"ask_timeline"}, set()),
        ("Can I get a case number for this call?", {"ask_reference"}, set()),
        ("That's everything, cheers, bye now.", {"goodbye"}, set()),
        # A word slipped into a phrase changes nothing it does.
        ("What could you realistically do for me now?", {"ask_options"}, set()),
        ("Who can honestly sort this out?", {"ask_supervisor"}, set()),
        ("If that's truly the most you can do, go ahead and book it.", {"accept"}, {"accept_if"}),
        # A past verb after "if I" supposes; it tells no story.
        ("If I switched to the basic plan, would the fee go?", {"ask_options"}, set()),
        ("Say I returned it unopened, what would I get back?", {"ask_options"}, set()),
        # An intent negated before it threatens nothing; one in a condition still does.
        ("I'm not going to report you to the regulator, just fix it.", set(), {"escalate"}),
        ("If it's not refunded by Monday I'm going to the regulator.", {"escalate"}, set()),
        # Dropping one's own claim gives in; an aside about honesty is no condition.
        ("Right, I'll withdraw my complaint then.", {"give_in"}, {"escalate"}),
        ("I'll take the store credit, though it's poor if I'm honest.", {"accept"}, {"accept_if"}),
        # A yes gives way to the act its order performs, not to one asked for later on.
        ("Yes, get me your team leader.", {"ask_supervisor"}, {"accept"}),
        (
            "Sure, book the later train, and can you text me the booking number?",
            {"accept", "ask_reference"},
            set(),
        ),
        (
            "Okay, move the appointment to Friday and I need a reference for it.",
            {"accept", "ask_reference"},
            set(),
        ),
        # Advice reported from someone else asks for nothing; a laugh before "no" is a filler.
        ("My mate said I should ask for your supervisor.", set(), {"ask_supervisor"}),
        ("As I told you, I want a supervisor.", {"ask_supervisor"}, set()),
        ("I said I need a case number.", {"ask_reference"}, set()),
        # A negation in the clause before, or an "if not", does not negate the threat.
        ("I'm not happy, I'm taking this to the regulator.", {"escalate"}, set()),
        ("Refund it today, if not I'm cancelling the contract.", {"escalate"}, set()),
        ("haha no", {"refuse"}, set()),
    ],
)
def test_what_a_reply_does(text: str, read: set[str], not_read: set[str]) -> None:
    found = set(acts(text))
    assert read <= found, found
    assert not (not_read & found), found


def test_naming_the_choice_accepts_it_in_its_own_words() -> None:
    result = default_scorer().score("Right, the earlier ferry it is then.")
    assert [(act.act, act.matched) for act in result.acts] == [
        ("accept", "the earlier ferry it is")
    ]
    assert not default_scorer().score("The trouble it is causing me is huge.").acts


def test_each_act_names_the_words_that_showed_it() -> None:
    text = "No thanks. Could I speak to your supervisor, and can I have that in writing?"
    result = default_scorer().score(text)
    assert [act.act for act in result.acts] == ["refuse", "ask_supervisor", "ask_reference"]
    for act in result.acts:
        assert text[act.start : act.end] == act.matched
    assert "supervisor" in result.acts[1].matched


def test_an_act_gives_its_firmness_where_its_words_alone_would_not() -> None:
    scorer = default_scorer()
    asking = scorer.score("Could I speak to a manager, please?")
    telling = scorer.score("I spoke to a manager yesterday.")
    assert asking.scores["firmness"] > 50
    assert telling.scores["firmness"] <= 50
