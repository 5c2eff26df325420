"""The scorer's promises to its callers: every cue says what it matched and where, the JSON
contract, scenario cues and weights on top of the rubric, patterns that cannot freeze it, and
scores within range for any text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.scoring.results import ReplyScore
from trainer.scoring.rubric import Cue, Weights
from trainer.scoring.scorer import default_scorer


def score(text: str) -> ReplyScore:
    return default_scorer().score(text)


def labels(result: ReplyScore) -> set[str]:
    return {cue.label for cue in result.cues}


def test_every_cue_names_the_text_it_matched_and_where() -> None:
    text = "Hi, my bill says $94.50 but I was promised $69. What can you do? Thanks!"
    result = score(text)
    assert result.cues
    for cue in result.cues:
        assert text[cue.start : cue.end] == cue.matched


def test_json_contract() -> None:
    text = "No thanks, I need the $20 fee removed. Could I speak to a manager?"
    data = score(text).as_json()
    assert set(data) == {"text", "scores", "overall", "cues", "acts"}
    scores, cues, acts = data["scores"], data["cues"], data["acts"]
    assert isinstance(scores, dict)
    assert isinstance(cues, list)
    assert isinstance(acts, list)
    assert set(scores) == {"politeness", "firmness", "evidence", "open_questions"}
    assert cues
    for cue in cues:
        assert set(cue) == {"dimension", "cue", "matched", "start", "end", "weight"}
    assert [act["act"] for act in acts] == ["refuse", "ask_supervisor"]
    for act in acts:
        assert set(act) == {"act", "matched", "start", "end"}
        assert text[act["start"] : act["end"]] == act["matched"]


def test_a_scenario_adds_cues_and_weights() -> None:
    retention = Cue(
        label="asks for retention", dimension="firmness", weight=25, phrases=("retention team",)
    )
    base = default_scorer()
    scorer = base.extended([retention], Weights(evidence=3))
    text = "Could you put me through to the retention team?"
    assert "asks for retention" in labels(scorer.score(text))
    assert "asks for retention" not in labels(base.score(text))
    evidence_heavy = scorer.score("I was billed $80 on 2 May")
    plain = base.score("I was billed $80 on 2 May")
    assert evidence_heavy.scores == plain.scores
    assert evidence_heavy.overall > plain.overall


def test_a_feature_cue_from_a_scenario_fires() -> None:
    scorer = default_scorer().extended(
        [Cue(label="asks openly here", dimension="firmness", weight=5, feature="open_question")]
    )
    assert "asks openly here" in labels(scorer.score("What can you do?"))


def test_a_scenario_pattern_that_backtracks_for_ever_gives_up_instead_of_freezing() -> None:
    # Unchecked, this pattern takes longer than the age of the universe on this reply.
    endless = Cue(
        label="gives an amount", dimension="evidence", weight=10, pattern=r"(\d+\s?)+ dollars"
    )
    amount = Cue(label="names the order", dimension="evidence", weight=10, pattern=r"\bEX-\d+")
    scorer = default_scorer().extended([endless, amount])
    reply = "Order EX-4417: " + "1234567890 " * 8 + "and dollars"
    result = scorer.score(reply)
    assert "gives an amount" not in labels(result)  # it ran out of time: no match
    assert "names the order" in labels(result)  # the other patterns still run
    assert "gives an amount" in labels(scorer.score("It was 49 dollars."))


@settings(max_examples=300)
@given(st.text(max_size=400))
def test_any_text_gets_four_scores_within_range_and_spans_inside_it(text: str) -> None:
    result = score(text)
    assert set(result.scores) == {"politeness", "firmness", "evidence", "open_questions"}
    assert all(0 <= value <= 100 for value in result.scores.values())
    assert 0 <= result.overall <= 100
    for cue in result.cues:
        assert 0 <= cue.start < cue.end <= len(text)
        assert text[cue.start : cue.end] == cue.matched


@settings(max_examples=200)
@given(
    st.lists(
        st.sampled_from(
            [
                "please",
                "thanks",
                "idiot",
                "I need",
                "maybe",
                "$45",
                "What can you do?",
                "!!!",
                "NOW",
                "not",
                "you people",
                "sorry",
                "3 May",
                ",",
                ".",
                "?",
            ]
        ),
        max_size=40,
    ).map(" ".join)
)
def test_cue_heavy_text_stays_within_range(text: str) -> None:
    result = score(text)
    assert all(0 <= value <= 100 for value in result.scores.values())
    for cue in result.cues:
        assert text[cue.start : cue.end] == cue.matched


def test_scores_are_whole_numbers() -> None:
    result = score("Thanks, please, please, I need $12.50 back. What can you do?")
    assert all(type(value) is int for value in result.scores.values())
    assert type(result.overall) is int
