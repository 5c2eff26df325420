"""The pre-check that lets a reply skip a regular expression never skips a real match."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.scoring.pattern_gate import fold, gate_for, has_digit
from trainer.scoring.scorer import default_rubric

RUBRIC_PATTERNS = [cue.pattern for cue in default_rubric().cues if cue.pattern is not None]


@pytest.mark.parametrize(
    ("pattern", "strings", "digit"),
    [
        (r"\bclause\s+\d+", {"clause"}, False),
        (r"\d+\s?%", {"%"}, False),
        (r"\b\d{6,}\b", set(), True),
        (r"[$€£]\s?\d", {"$", "€", "£"}, False),
        (r"\b(?:refund|Chargeback)\b", {"refund", "chargeback"}, False),
        (r"(?=[a-z]*\d)[a-z0-9]{5,}", set(), True),
        (r"(?:seat|\d+)x", {"seat"}, True),
    ],
)
def test_gates_name_what_a_match_needs(pattern: str, strings: set[str], digit: bool) -> None:
    gate = gate_for(pattern)
    assert gate is not None
    assert (set(gate.strings), gate.digit) == (strings, digit)


@pytest.mark.parametrize("pattern", [r"\w+", r"a?", r"(?:clause|\w)", r"[a-z]+", r"(", r"x*"])
def test_no_gate_when_nothing_is_certain(pattern: str) -> None:
    assert gate_for(pattern) is None


def test_most_rubric_patterns_have_a_gate() -> None:
    gated = [p for p in RUBRIC_PATTERNS if gate_for(p) is not None]
    assert len(gated) >= len(RUBRIC_PATTERNS) - 2


# Letters that IGNORECASE matches in odd ways: dotted capital I, long s, Kelvin sign, dotless i.
_CASE_TRAPS = ["\u0130", "\u017f", "\u212a", "\u0131"]
_PIECES = st.sampled_from(
    [
        *("clause 4", "$", "\u00a312", "12", "3 May", "10:30am", "%", "!!", "?!", ":)", "f***"),
        *("sh1t", "'help'", "booking QX7PLM", "7 years", "section", "#4411", "a**", " ", ", "),
        *(". ", "word", "MAY", "Monday", "twenty dollars", "per cent", *_CASE_TRAPS),
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES | st.text(max_size=6), max_size=12).map("".join))
def test_a_gate_never_turns_away_a_text_its_pattern_matches(text: str) -> None:
    folded, digit = fold(text), has_digit(text)
    for pattern in RUBRIC_PATTERNS:
        gate = gate_for(pattern)
        if gate is not None and re.search(pattern, text, re.IGNORECASE):
            assert gate.admits(folded, digit), (pattern, text)
