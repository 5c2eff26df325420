"""Trying a pattern only at the words where its matches can start finds what a scan finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.scoring.pattern_starts import DIGIT, word_prefixes
from trainer.scoring.scorer import default_rubric, default_scorer
from trainer.scoring.searching import _WORD_RUN

RUBRIC_PATTERNS = [cue.pattern for cue in default_rubric().cues if cue.pattern is not None]


@pytest.mark.parametrize(
    ("pattern", "prefixes"),
    [
        (r"\bclause\s+\d+", {"clause"}),
        (r"\b(?:will|would|is\s+it)\b", {"will", "would", "is"}),
        (r"(?<![\w'])(?:no|nope)\b", {"no"}),  # the parser takes the shared "no" out
        (r"\b(?:re(?:fund|turn)|money\s+back)", {"re", "money"}),
        (r"\d(?<![\w.]\d)\d*\s*(?:am|pm)", {DIGIT}),
        (r"\b[0-9]{6,}\b", {str(digit) for digit in range(10)}),
        (r"\b\d+\s?%", {DIGIT}),
        (r"\b(?:ok|okay)+\b", {"ok"}),
    ],
)
def test_the_words_a_match_can_start(pattern: str, prefixes: set[str]) -> None:
    assert word_prefixes(pattern) == frozenset(prefixes)


@pytest.mark.parametrize(
    "pattern",
    [
        r"[$€£]\s?\d",  # starts with a symbol
        r"clause\s+\d+",  # no word boundary: "subclause 4" matches too
        r"\b(?:refund|\$\d)",  # one branch starts with a symbol
        r"\bRefund",  # a capital letter: runs on the reply as typed
        r"^\W*(?:fine|ok)",  # anchored to the start
        r"\b(?:x|y)?refund",  # the first word is optional
        r"\b\w+\b",  # any letter at all
        r"\d+",  # a digit inside a word ("A320") can start a match
        r"(",  # not a pattern
        r"(?a)\bwill",  # under ASCII, "éwill" has a word start before "w"
        r"(?a:\b)will",
        r"(?<![^\w])will",  # a letter must come before: not a word start at all
    ],
)
def test_patterns_that_can_start_anywhere_are_scanned(pattern: str) -> None:
    assert word_prefixes(pattern) is None


def test_most_rubric_patterns_are_tried_at_their_words() -> None:
    indexed = [p for p in RUBRIC_PATTERNS if word_prefixes(p)]
    assert len(indexed) >= len(RUBRIC_PATTERNS) // 2


def _at_word_starts(pattern: re.Pattern[str], prefixes: frozenset[str], text: str) -> list[str]:
    """The matches found by trying `pattern` at each word start with a listed beginning."""
    found, end = [], -1
    for word in _WORD_RUN.finditer(text):
        begins = any(
            word.group()[0].isdecimal() if p == DIGIT else word.group().startswith(p)
            for p in prefixes
        )
        if not begins or word.start() < end:
            continue
        match = pattern.match(text, word.start())
        if match is not None and match.end() > match.start():
            found.append(match.group())
            end = match.end()
    return found


_PIECES = st.sampled_from(
    [
        *("no", "nope", "okay", "will", "would", "is it", "clause 4", "refund", "12", "3.5"),
        *("10:30am", "\u0663\u0664", "_no", "no_", "can't", "won't", "I'd", "don't", "\u0130"),
        *("fine", "speak to", "manager", "supervisor", "chargeback", "cancel", "thanks"),
        *(" ", ", ", ". ", "'", "-", "?", "!", "$", "%", "x", "re", "e"),
    ]
)


@settings(max_examples=300)
@given(st.lists(_PIECES | st.text(max_size=4), max_size=16).map("".join).map(str.lower))
def test_word_starts_find_exactly_what_a_scan_finds(text: str) -> None:
    for source in RUBRIC_PATTERNS:
        prefixes = word_prefixes(source)
        if not prefixes:
            continue
        pattern = re.compile(source)
        scanned = [m.group() for m in pattern.finditer(text) if m.end() > m.start()]
        assert _at_word_starts(pattern, prefixes, text) == scanned, (source, text)


def test_a_reply_whose_case_folding_shifts_letters_is_still_read() -> None:
    # "İ" lower-cases to two characters: the reply is scanned as typed instead.
    assert default_scorer().score("\u0130 want a refund by 3 May, clause 4").scores["evidence"] > 0
