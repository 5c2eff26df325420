"""What the words mean: ten ways a keyword scorer misreads a reply, each with replies of our
own (none from the issue that named the kinds), and the hand-labelled set
tests/data/reply_meanings.csv, kind by kind."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

from trainer.scoring.results import ReplyScore
from trainer.scoring.rubric import DIMENSIONS
from trainer.scoring.scorer import default_scorer

LABELLED = Path(__file__).parents[1] / "data" / "reply_meanings.csv"


def score(text: str) -> ReplyScore:
    return default_scorer().score(text)


def meets(label: str, value: int, two_sided: bool) -> bool:
    if two_sided:
        return {"+": value > 50, "-": value < 50, "n": value <= 50}[label]
    return {"+": value > 0, "0": value == 0}[label]


def judgements_met_by_kind() -> dict[str, tuple[int, int]]:
    met: dict[str, list[bool]] = defaultdict(list)
    with LABELLED.open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            result = score(row["text"])
            kind = row["kind"].removesuffix("_control")
            for dimension in DIMENSIONS:
                if row[dimension] != ".":
                    two_sided = dimension in {"politeness", "firmness"}
                    met[kind].append(meets(row[dimension], result.scores[dimension], two_sided))
    return {kind: (sum(found), len(found)) for kind, found in met.items()}


def test_each_kind_of_misreading_is_read_as_people_labelled_it() -> None:
    by_kind = judgements_met_by_kind()
    assert len(by_kind) == 10
    for kind, (met, total) in by_kind.items():
        assert met / total >= 0.85, (kind, met, total)
    assert sum(m for m, _ in by_kind.values()) / sum(t for _, t in by_kind.values()) >= 0.93


@pytest.mark.parametrize(
    "text",
    [
        "The refund request went in on Monday and I kept the receipt.",
        "Your colleague mentioned a complaint form, which I filled in.",
        "I'd love to know how the late fee is worked out.",
    ],
)
def test_1_words_of_firmness_in_a_story_or_a_wish_to_know_are_not_firm(text: str) -> None:
    assert score(text).scores["firmness"] <= 50


@pytest.mark.parametrize(
    "text",
    [
        "Post the new card to my home address.",
        "Book us onto the earlier ferry.",
        "I am unable to accept that charge.",
        "I might be confused, perhaps I misread it, but I want the deposit returned.",
        "Return the deposit or I'm taking this further.",
    ],
)
def test_2_plain_demands_refusals_and_ultimatums_are_firm(text: str) -> None:
    assert score(text).scores["firmness"] > 50


def test_2_a_policy_acknowledged_before_but_is_not_giving_in() -> None:
    result = score("I suppose that's fine, but I never agreed to this fee.")
    assert result.scores["firmness"] >= 50
    assert any("outweighed" in voided.reason for voided in result.voided)


@pytest.mark.parametrize(
    "text",
    [
        "Thanks so much for cancelling my booking without telling me, superb.",
        "Oh brilliant, billed twice again.",
        "Cheers for wasting my whole afternoon.",
    ],
)
def test_3_thanks_or_praise_for_a_bad_outcome_is_sarcasm(text: str) -> None:
    result = score(text)
    assert result.scores["politeness"] < 50
    assert not [c for c in result.cues if c.dimension == "politeness" and c.weight > 0]


def test_3_thanks_for_putting_a_harm_right_is_thanks() -> None:
    assert score("Thanks for fixing the broken link so quickly.").scores["politeness"] > 50


@pytest.mark.parametrize(
    "text",
    [
        "Is this too technical for you, champ?",
        "you are so incompetant it hurts",
        "Find me someone with a working brain to look at it.",
    ],
)
def test_4_rudeness_without_a_listed_word_is_rude(text: str) -> None:
    assert score(text).scores["politeness"] < 50


@pytest.mark.parametrize(
    "text",
    [
        "I'll see to it you get sacked for this.",
        "Carry on like this and you'll be explaining yourself to my solicitor.",
    ],
)
def test_5_a_threat_to_the_person_is_rude_and_not_firm(text: str) -> None:
    result = score(text)
    assert result.scores["politeness"] < 50
    assert result.scores["firmness"] <= 50


def test_5_a_calm_next_step_is_firm_and_not_rude() -> None:
    result = score("If the charge stays, I'll raise a dispute with my card issuer.")
    assert result.scores["firmness"] > 50
    assert result.scores["politeness"] >= 50


@pytest.mark.parametrize(
    "text",
    [
        "No thanks to your courier, I found the parcel myself.",
        "Sorry is not going to fix my flooded kitchen.",
        "I refuse to say thank you for this.",
    ],
)
def test_6_negated_or_refused_courtesy_earns_nothing(text: str) -> None:
    result = score(text)
    assert result.scores["politeness"] <= 50
    assert result.scores["firmness"] <= 50


def test_6_a_pointed_refusal_of_courtesy_is_rude() -> None:
    assert score("I won't be thanking anyone for this mess.").scores["politeness"] < 50


@pytest.mark.parametrize(
    "text",
    [
        "Why is your app so useless?",
        "How hard can it be to send one email?",
        "Who on earth signed off this charge?",
    ],
)
def test_7_a_contemptuous_question_is_not_an_open_question(text: str) -> None:
    assert score(text).scores["open_questions"] == 0


@pytest.mark.parametrize(
    "text",
    [
        "What's the quickest way to get this fixed",
        "Tell me about the tariffs you have.",
        "Could you go over what my options are here?",
        "And for how long will the hold last?",
    ],
)
def test_8_open_requests_count_as_open_questions(text: str) -> None:
    result = score(text)
    assert result.scores["open_questions"] > 0
    assert "asks only yes/no questions" not in {cue.label for cue in result.cues}


@pytest.mark.parametrize(
    "text",
    [
        "Can you reduce my bill?",
        "Is there a cheaper plan?",
        "I'm 100 percent sure about it.",
        "I've been with you for ages.",
    ],
)
def test_9_vague_words_are_not_evidence(text: str) -> None:
    assert score(text).scores["evidence"] == 0


@pytest.mark.parametrize(
    "text",
    ["The courier came on the 14th.", "I'm booked on flight 4417 tonight.", "5521-0934"],
)
def test_9_a_checkable_specific_is_evidence(text: str) -> None:
    assert score(text).scores["evidence"] > 0


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("What plans do you have to offer me?", "challenges the agent"),
        ("So how are you planning to sort it?", "greets the agent"),
        ("I'm hopeless with phones, sorry, could you walk me through it?", "insults the agent"),
        ("Your policy says returns are free within 14 days.", 'opens by blaming "you"'),
    ],
)
def test_10_words_that_mean_something_else_here_do_not_count(text: str, label: str) -> None:
    assert label not in {cue.label for cue in score(text).cues}


def test_10_courtesy_stacked_before_an_insult_does_not_outweigh_it() -> None:
    assert score("thank you thanks please sorry cheers, you muppets").scores["politeness"] < 50
