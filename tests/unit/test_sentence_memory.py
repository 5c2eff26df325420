"""A scorer remembers the sentences it has read, so that a reply being typed is re-read only at
the cursor. What it remembers never changes an answer: a reply scored after all its drafts
scores exactly as it does afresh."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.scoring.loading import default_rubric
from trainer.scoring.scorer import Scorer, default_scorer

PIECES = [
    "Hi, thanks for taking my call.",
    "No thanks, that doesn't work for me.",
    "Could I speak to a manager?",
    "I was charged $89.99 on 3 May, ref QX7PLM.",
    "Oh great, charged twice again.",
    "Bravo.",
    "What can you do to help?",
    "maybe I'm wrong but I want a full refund",
    "Is there a cheaper plan?",
    "The competitor offers it for $30 a month.",
    "you are so incompetant",
    "\n",
    "  ",
    "!!!",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=7), st.booleans())
def test_typing_a_reply_key_by_key_ends_where_scoring_it_afresh_does(
    pieces: list[str], spaced: bool
) -> None:
    text = (" " if spaced else "").join(pieces)
    typing = default_scorer().extended([])
    for end in range(1, len(text) + 1):
        typing.score(text[:end])
    fresh = Scorer(default_rubric())
    assert typing.score(text).as_json() == fresh.score(text).as_json()
    assert typing.score(text).voided == fresh.score(text).voided
