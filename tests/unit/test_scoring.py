"""Reply scoring: each dimension on small clear cases, negation, sarcasm, questions, rudeness."""

from __future__ import annotations

import pytest

from trainer.scoring.results import ReplyScore
from trainer.scoring.rubric import Cue
from trainer.scoring.scorer import default_scorer


def score(text: str) -> ReplyScore:
    return default_scorer().score(text)


def labels(result: ReplyScore) -> set[str]:
    return {cue.label for cue in result.cues}


def test_a_reply_with_no_cue_sits_at_neutral() -> None:
    result = score("My flight is tomorrow.")
    assert dict(result.scores) == {
        "politeness": 50,
        "firmness": 50,
        "evidence": 0,
        "open_questions": 0,
    }
    assert result.cues == ()


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("could you pleese check it", "says please"),
        ("thnak you for looking", "thanks the agent"),
        ("I really apreciate it", "thanks the agent"),
        ("sory, one more thing", "apologises"),
        ("Good mornign", "greets the agent"),
        ("the compettitor offered me $40 less", "names a competitor's offer"),
        ("I'd like a superviser", "asks for someone who can decide"),
    ],
)
def test_typos_still_count(text: str, label: str) -> None:
    assert label in labels(score(text))


def test_short_words_never_match_inside_other_words() -> None:
    scorer = default_scorer().extended(
        [Cue(label="mentions the fee", dimension="evidence", weight=10, phrases=("fee",))]
    )
    for text in ("that is fine", "I spilled my coffee", "a few days", "feel free"):
        assert "mentions the fee" not in labels(scorer.score(text)), text
    assert "mentions the fee" in labels(scorer.score("the fee, again"))
    assert "thanks the agent" not in labels(score("see you at thanksgiving"))


def test_a_real_word_is_not_read_as_a_typo_of_a_cue_word() -> None:
    assert "thanks the agent" not in labels(score("I think you charged me twice"))
    assert "points to a document" not in labels(score("I tried every contact form"))


@pytest.mark.parametrize(
    "text",
    [
        "I'm not going to say thank you",
        "I won't thank you for this",
        "I don't appreciate being kept on hold",
    ],
)
def test_negated_courtesy_earns_nothing(text: str) -> None:
    result = score(text)
    assert result.scores["politeness"] <= 50
    assert "thanks the agent" not in labels(result)
    assert any(
        v.label == "thanks the agent" and ("negated" in v.reason or "refused" in v.reason)
        for v in result.voided
    )


def test_negation_stops_at_the_end_of_its_clause() -> None:
    assert "thanks the agent" in labels(score("It's not working, thank you for checking"))
    assert "names the next step" in labels(score("If you can't help I'll cancel"))


def test_i_dont_need_your_help_is_not_polite_but_i_need_a_refund_is_firm() -> None:
    result = score("I don't need your help, I need a refund")
    assert result.scores["politeness"] < 50
    assert result.scores["firmness"] > 50
    assert all(cue.weight < 0 for cue in result.cues if cue.dimension == "politeness")


@pytest.mark.parametrize(
    "text",
    [
        "thanks for nothing",
        "great, another useless answer",
        "Great, another hold, thanks a lot. Wonderful service as always.",
        "Thanks so much for the 'help'.",
    ],
)
def test_sarcasm_earns_no_courtesy_points(text: str) -> None:
    result = score(text)
    assert result.scores["politeness"] < 50
    assert all(cue.weight < 0 for cue in result.cues if cue.dimension == "politeness")


def test_sarcasm_does_not_void_courtesy_in_another_sentence() -> None:
    result = score("Thanks for nothing. Still, thank you for your time.")
    assert "thanks the agent" in labels(result)


@pytest.mark.parametrize(
    "text",
    [
        "Can you tell me if there is a discount?",
        "Is there anything you can do?",
        "Can you refund me?",
        "Could you waive the fee",
    ],
)
def test_closed_questions_dressed_as_requests_are_closed(text: str) -> None:
    result = score(text)
    assert result.scores["open_questions"] == 0
    assert "asks only yes/no questions" in labels(result)


@pytest.mark.parametrize(
    "text",
    [
        "Could you walk me through what options I have?",
        "What would you do in my position",
        "Hi Dana, what can you do to keep me as a customer?",
        "I've been with you 7 years, so what can you offer me?",
        "How can we sort this out today?",
        "Why was I charged twice?",
        "Which plans could bring my bill down?",
        "What's the best you can do for a customer of 7 years?",
        "That doesn't work for me. How else can we solve this?",
        "Could you show me where the warranty says that?",
    ],
)
def test_open_questions_are_open(text: str) -> None:
    result = score(text)
    assert result.scores["open_questions"] >= 50
    assert "asks an open question" in labels(result)


@pytest.mark.parametrize(
    "text", ["What I need is a refund.", "What a mess.", "How dare you", "I know what you did."]
)
def test_statements_that_start_like_questions_are_not_open_questions(text: str) -> None:
    assert "asks an open question" not in labels(score(text))


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("you are an idiot", "insults the agent"),
        ("this is f***ing ridiculous", "swears"),
        ("what a sh1t service", "swears"),
        ("you people never listen", 'says "you people"'),
        ("I WANT MY MONEY BACK", "shouts in capitals"),
        ("Refund me now!!!", "repeats !!! or ?!"),
    ],
)
def test_rudeness_is_strongly_negative(text: str, label: str) -> None:
    result = score(text)
    assert label in labels(result)
    assert result.scores["politeness"] <= 35


def test_codes_and_acronyms_are_not_shouting() -> None:
    assert "shouts in capitals" not in labels(score("Booking QX7PLM on SK212, seat 14C, PDF sent"))


@pytest.mark.parametrize(
    "text",
    [
        "maybe you could look at it",
        "if it's not too much trouble, could you check?",
        "I guess that's fine",
        "sorry to bother you, but is a refund possible?",
        "never mind then",
    ],
)
def test_hedging_and_giving_in_lower_firmness(text: str) -> None:
    assert score(text).scores["firmness"] < 50


@pytest.mark.parametrize(
    "text",
    [
        "I need us seated together.",
        "I'm asking you to remove the fee.",
        "That doesn't work for me.",
        "Please transfer me to a supervisor.",
        "If it stays, I'll dispute the charge with my bank.",
        "I'd like written confirmation of that.",
    ],
)
def test_stating_the_need_or_the_next_step_raises_firmness(text: str) -> None:
    assert score(text).scores["firmness"] > 60


def test_politeness_and_firmness_are_independent() -> None:
    result = score("I appreciate your help, but I need this refunded today")
    assert result.scores["politeness"] > 60
    assert result.scores["firmness"] > 60


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("I was charged $89.99", "cites an amount"),
        ("the price went up 15%", "gives a percentage"),
        ("I cancelled on 3 May", "gives a date"),
        ("I called at 10:30am", "gives a time"),
        ("my booking reference is QX7PLM", "quotes a reference number"),
        ("clause 4.2 of the contract covers it", "cites a clause"),
        ("I've been a customer for 7 years", "gives a duration"),
    ],
)
def test_specifics_count_as_evidence(text: str, label: str) -> None:
    result = score(text)
    assert label in labels(result)
    assert result.scores["evidence"] > 0


def test_vague_claims_earn_no_evidence() -> None:
    assert score("you overcharged me, it's wrong").scores["evidence"] == 0


def test_one_keyword_stuffed_five_times_does_not_max_out_a_dimension() -> None:
    once = score("thanks").scores["politeness"] - 50
    five = score("thanks thanks thanks thanks thanks").scores["politeness"] - 50
    assert once < five < 2 * once
    weights = [cue.weight for cue in score("thanks thanks thanks").cues]
    assert weights == sorted(weights, reverse=True)
    assert weights[0] > weights[-1]


@pytest.mark.parametrize(
    "text",
    [
        "Can I pick it up in store?",
        "I need a bigger data plan.",
        "The root cause is your billing system.",
        "The app blocks my login.",
        "The router is too bulky.",
        "I'm terribly sorry to call again.",
        "My laser printer was in the same box.",
        "Could you help me figure it out?",
    ],
)
def test_ordinary_words_are_not_read_as_rudeness(text: str) -> None:
    result = score(text)
    assert result.scores["politeness"] >= 50
    assert not [cue for cue in result.cues if cue.dimension == "politeness" and cue.weight < 0]


@pytest.mark.parametrize(
    "text",
    [
        "I was charged twice, which is not what I agreed to.",
        "I called yesterday, when your colleague promised me a refund.",
        "What?!",
        "Who cares.",
        "What the hell is going on with my account?",
        "When you get a chance, could you refund me?",
    ],
)
def test_relative_clauses_exclamations_and_polite_yes_no_questions_are_not_open(
    text: str,
) -> None:
    assert score(text).scores["open_questions"] == 0


@pytest.mark.parametrize(
    "text",
    [
        "My card doesn't work\nThank you for looking into it",
        "It's not working - thank you for checking though",
        "I don't know how to thank you.",
    ],
)
def test_negation_stops_at_line_breaks_dashes_and_new_questions(text: str) -> None:
    assert "thanks the agent" in labels(score(text))


def test_a_phrase_does_not_run_across_sentences() -> None:
    result = score("Great. Another thing: my order number is 48213.")
    assert "sarcasm" not in labels(result)
    assert result.scores["politeness"] >= 50


def test_sincere_relief_is_not_sarcasm() -> None:
    result = score("Oh good, that's a relief, thank you!")
    assert "thanks the agent" in labels(result)
    assert result.scores["politeness"] > 50
