"""Phrase matching: typos still match, short words never match inside other words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trainer.scoring.matching import PhraseMatcher, tokenize


def found(phrases: list[str], text: str) -> list[str]:
    """The stretches of `text` that matched, in reading order."""
    return [text[m.start : m.end] for m in PhraseMatcher(phrases).find(text)]


@pytest.mark.parametrize(
    ("phrase", "text", "matched"),
    [
        ("please", "Could you pleese check again?", "pleese"),
        ("thank you", "Thnak you for looking into it", "Thnak you"),
        ("appreciate", "I really apreciate it", "apreciate"),
        ("competitor", "a compettitor offered $45", "compettitor"),
        ("supervisor", "may I speak to your supervisr", "supervisr"),
        (
            "retention department",
            "put me through to the Retention Departmnet.",
            "Retention Departmnet",
        ),
        ("I don't", "i dont want a credit", "i dont"),
        ("I'm cancelling", "Im cancelling today", "Im cancelling"),
        ("year-old", "my 3-year-old daughter", "year-old"),
        ("fee", "The FEE was never agreed.", "FEE"),
    ],
)
def test_typos_case_and_punctuation_still_match(phrase: str, text: str, matched: str) -> None:
    assert found([phrase], text) == [matched]


@pytest.mark.parametrize(
    ("phrase", "text"),
    [
        ("fee", "that's fine"),
        ("fee", "I was having coffee"),
        ("fee", "a few days ago"),
        ("thanks", "see you at thanksgiving"),
        ("thank you", "thank goodness you called"),
        ("refund", "the refrigerator"),
        ("want", "I can't"),
        ("no", "I know"),
        ("card", "I care about this"),
        ("hate", "I have a question"),
    ],
)
def test_words_are_compared_whole_and_short_words_exactly(phrase: str, text: str) -> None:
    assert found([phrase], text) == []


def test_every_occurrence_of_every_phrase_in_reading_order() -> None:
    text = "Thanks. I need a refund, and thanks again: I need it today."
    matcher = PhraseMatcher(["i need", "thanks", "refund"])
    assert [(matcher.phrases[m.phrase], text[m.start : m.end]) for m in matcher.find(text)] == [
        ("thanks", "Thanks"),
        ("i need", "I need"),
        ("refund", "refund"),
        ("thanks", "thanks"),
        ("i need", "I need"),
    ]


def test_edits_are_counted() -> None:
    [exact] = PhraseMatcher(["thank you"]).find("thank you")
    [one] = PhraseMatcher(["thank you"]).find("thnak you")
    [two] = PhraseMatcher(["really appreciate"]).find("realy apreciate")
    assert (exact.edits, one.edits, two.edits) == (0, 1, 2)


def test_a_phrase_without_words_is_refused() -> None:
    with pytest.raises(ValueError, match="no words"):
        PhraseMatcher(["!!!"])


@given(st.text(max_size=300))
def test_any_text_gives_spans_that_index_whole_words(text: str) -> None:
    matcher = PhraseMatcher(["thank you", "please", "fee", "what can you do", "supervisor"])
    for match in matcher.find(text):
        assert 0 <= match.start < match.end <= len(text)
        assert text[match.start].isalnum()
        assert text[match.end - 1].isalnum()
        assert match.start == 0 or not text[match.start - 1].isalnum()
        assert match.end == len(text) or not text[match.end].isalnum()


def test_tokens_keep_their_place_in_the_original() -> None:
    text = "Hi \u2014 it\u2019s order #EX-4417"
    assert [(t.word, text[t.start : t.end]) for t in tokenize(text)] == [
        ("hi", "Hi"),
        ("its", "it\u2019s"),
        ("order", "order"),
        ("ex", "EX"),
        ("4417", "4417"),
    ]
