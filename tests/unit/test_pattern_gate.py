"""The pre-check that lets a reply skip a regular expression never skips a real match."""

from __future__ import annotations

import re
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.scoring.pattern_gate import fold, gate_for, has_digit, nested_repeat
from trainer.scoring.rubric import Cue
from trainer.scoring.scorer import Scorer, default_rubric, default_scorer

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


def test_every_rubric_pattern_has_a_gate() -> None:
    assert [p for p in RUBRIC_PATTERNS if gate_for(p) is None] == []


@pytest.mark.parametrize(
    "text",
    ["I waited 45 M\u0130NUTES on hold", "It broke last FR\u0130DAY", "CLAUSE 4 \u0130S CLEAR"],
)
def test_dotted_capital_i_inside_a_gated_word(text: str) -> None:
    for pattern in RUBRIC_PATTERNS:
        gate = gate_for(pattern)
        if gate is not None and re.search(pattern, text, re.IGNORECASE):
            assert gate.admits(fold(text), has_digit(text)), pattern
    assert default_scorer().score(text).scores["evidence"] > 0


def test_a_case_sensitive_part_stays_case_sensitive() -> None:
    usd = Cue(label="says usd", dimension="evidence", weight=10, pattern=r"(?-i:\busd\b)")
    scorer = default_scorer().extended([usd])
    assert "says usd" in {c.label for c in scorer.score("50 usd").cues}
    assert "says usd" not in {c.label for c in scorer.score("50 USD").cues}


# Letters that IGNORECASE matches in odd ways: dotted capital I, long s, Kelvin sign, dotless i.
_CASE_TRAPS = ["\u0130", "\u017f", "\u212a", "\u0131"]
_PIECES = st.sampled_from(
    [
        *("clause 4", "$", "\u00a312", "12", "3 May", "10:30am", "%", "!!", "?!", ":)", "f***"),
        *("sh1t", "'help'", "booking QX7PLM", "7 years", "section", "#4411", "a**", " ", ", "),
        *(". ", "word", "MAY", "Monday", "twenty dollars", "per cent", *_CASE_TRAPS),
    ]
)


@pytest.mark.slow
@settings(max_examples=400)
@given(st.lists(_PIECES | st.text(max_size=6), max_size=12).map("".join))
def test_a_gate_never_turns_away_a_text_its_pattern_matches(text: str) -> None:
    folded, digit = fold(text), has_digit(text)
    for pattern in RUBRIC_PATTERNS:
        gate = gate_for(pattern)
        if gate is not None and re.search(pattern, text, re.IGNORECASE):
            assert gate.admits(folded, digit), (pattern, text)


def _ungated_scorer() -> Scorer:
    """The same rubric with no gates, no lower-case fast path and no word-start index: the
    plain way to search."""
    with (
        mock.patch("trainer.scoring.patterns.gate_for", return_value=None),
        mock.patch("trainer.scoring.patterns.word_prefixes", return_value=None),
        mock.patch("trainer.scoring.patterns._CASE_SENSITIVE", re.compile("")),
    ):
        return Scorer(default_rubric())


PLAIN = _ungated_scorer()


@settings(max_examples=300)
@given(st.lists(_PIECES | st.text(max_size=6), max_size=12).map("".join))
def test_the_fast_paths_change_no_result(text: str) -> None:
    assert default_scorer().score(text) == PLAIN.score(text)


@pytest.mark.parametrize(
    ("pattern", "nested"),
    [
        (r"(\w+\s?)+$", True),
        (r"(a*)*", True),
        (r"(\w+\s?){2,50}", True),
        (r"(?:a|b+)+", True),
        (r"(?=(a+)+)x", True),
        (r"(?:a\w+)+", True),  # "a" can start a round or continue \w+: two ways to split
        (r"\d+(?:\.\d+)*", False),  # each round starts with a "." that \d+ cannot take
        (r"(?:\d{1,3},)+", False),  # the inner repetition is bounded
        (r"(?:[^x]+x)+", False),
        (r"(?:\s*,\s*\w+)+", False),
        (r"(x.{0,80})+", False),
        (r"\bUNL-?\d{6}\b", False),
    ],
)
def test_nested_repetitions_that_can_backtrack_for_ever_are_found(
    pattern: str, nested: bool
) -> None:
    assert nested_repeat(pattern) is nested
