"""Whether a reply is written in English, the one language the rubric reads: a reply in
another script, or in words that are hardly ever English, scores nothing, and its feedback
should say why rather than that nothing in it counted."""

from __future__ import annotations

import unicodedata
from collections.abc import Collection
from functools import cache
from typing import Final

from trainer.scoring.matching import tokenize

FEWEST_WORDS: Final = 3
"""Replies shorter than this ("Merci", "lol ok") are too short to tell, and never judged."""
LEAST_ENGLISH_SHARE: Final = 0.3
"""A reply whose words are less often than this among the rubric's common English words is
read as another language (an English sentence is mostly such words: measured on the labelled
replies by benchmarks/language_accuracy.py)."""

READS_ENGLISH_ONLY: Final = (
    "This reply does not look like English, and the rubric reads English only: nothing in it "
    "could move a score."
)


def _latin_share(text: str) -> float:
    """The share of the letters in `text` that are Latin letters (1.0 when it has none)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 1.0
    latin = sum(1 for ch in letters if unicodedata.name(ch, "").startswith("LATIN"))
    return latin / len(letters)


def looks_english(text: str, english_words: Collection[str]) -> bool:
    """Whether `text` could be English: written mostly in Latin letters, and (from three words
    on) with enough common English words among them."""
    if _latin_share(text) < 0.5:
        return False
    words = [token.word for token in tokenize(text) if token.word.isalpha()]
    if len(words) < FEWEST_WORDS:
        return True
    common = sum(1 for word in words if word in english_words)
    return common / len(words) >= LEAST_ENGLISH_SHARE


NOTHING_COUNTED: Final = "Nothing in this reply moved a score."


@cache
def _rubric_english_words() -> frozenset[str]:
    from trainer.scoring.scorer import default_rubric

    return frozenset(default_rubric().english_words)


def reads_as_english(text: str) -> bool:
    """Whether `text` could be English, by the shipped rubric's common English words."""
    return looks_english(text, _rubric_english_words())


def nothing_counted(text: str) -> str:
    """What the feedback says of a reply in which nothing counted: that the rubric reads
    English only, when the reply does not look like English; else that nothing counted."""
    return NOTHING_COUNTED if reads_as_english(text) else READS_ENGLISH_ONLY
