"""The data a rubric is made of: the four dimensions, their weights, and cues."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    PlainSerializer,
    WithJsonSchema,
    model_validator,
)

from trainer.scoring.matching import tokenize
from trainer.support.models import NonBlank, StrictModel, listify, one_or_many
from trainer.support.problems import show_value

Dimension = Literal["politeness", "firmness", "evidence", "open_questions"]
DIMENSIONS: tuple[Dimension, ...] = ("politeness", "firmness", "evidence", "open_questions")

Feature = Literal["open_question", "yes_no_only", "shouting"]
"""Shapes of a reply that no phrase list captures; `trainer.scoring.features` finds them."""


def _has_a_word(text: str) -> str:
    if not tokenize(text):
        raise ValueError(f"{show_value(text)} has no word in it to match")
    return text


def _phrase_schema() -> dict[str, Any]:
    # A character that is neither white space nor ASCII punctuation: every word has one, and
    # the class means the same in every regex dialect an editor may use (ECMA, Rust, Python).
    return {"type": "string", "pattern": r"[^\s\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]"}


Phrase = Annotated[str, AfterValidator(_has_a_word), WithJsonSchema(_phrase_schema())]
"""A phrase to look for in a reply: at least one word."""

Phrases = Annotated[
    tuple[Phrase, ...], BeforeValidator(listify), Field(min_length=1), one_or_many(_phrase_schema())
]
"""One phrase, or a non-empty list of phrases."""


def _plain_number(value: float) -> float | int:
    return int(value) if value.is_integer() else value


Weight = Annotated[float, Field(ge=0, le=10, strict=True), PlainSerializer(_plain_number)]


class Weights(StrictModel):
    """How much each dimension counts towards `overall`; unnamed dimensions keep their weight."""

    politeness: Weight | None = None
    """The weight of politeness, 0 to 10 (usually 1)."""
    firmness: Weight | None = None
    """The weight of firmness, 0 to 10 (usually 1)."""
    evidence: Weight | None = None
    """The weight of evidence, 0 to 10 (usually 1)."""
    open_questions: Weight | None = None
    """The weight of open questions, 0 to 10 (usually 1)."""

    @model_validator(mode="after")
    def _not_all_zero(self) -> Self:
        values = (self.politeness, self.firmness, self.evidence, self.open_questions)
        named = [w for w in values if w is not None]
        if not named:
            raise ValueError("name at least one dimension, e.g. { evidence = 2 }")
        if len(named) == len(DIMENSIONS) and not any(named):
            raise ValueError("the weights cannot all be zero")
        return self


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as error:
        raise ValueError(f"not a valid regular expression: {error}") from None
    return pattern


class Cue(StrictModel):
    """Something in a reply that moves one dimension: phrases, a pattern, or a feature."""

    label: NonBlank
    """What the customer did, as the feedback shows it: "asks for retention"."""
    dimension: Dimension
    """The dimension the cue moves."""
    weight: Annotated[int, Field(ge=-100, le=100, strict=True)]
    """Points added to (or, when negative, taken from) the dimension when the cue fires."""
    phrases: Phrases | None = None
    """Phrases matched fuzzily and word by word, so typos still count."""
    pattern: Annotated[str, AfterValidator(_compiles)] | None = None
    """A regular expression (case-insensitive), for amounts, dates and reference numbers."""
    feature: Feature | None = None
    """A shape of the reply: an open question, only yes/no questions, or shouting."""
    opening: bool = False
    """Phrases count only where they open a sentence (after greetings and fillers such as
    "so", "just", "please"): "stop" in "Stop reading me the script", not in "a stop"."""
    typos: bool = True
    """Whether phrases also match with typos; `false` for cues where a near miss must not
    count (an ordinary word one letter from an insult is not an insult: "pick", "prick")."""
    negatable: bool = True
    """Whether "not", "never", "don't"... just before a phrase stops it counting."""
    voids: bool = False
    """Sarcasm: where this fires, positive cues of the same dimension in its sentence earn
    nothing ("thanks for nothing")."""

    @model_validator(mode="after")
    def _one_matcher(self) -> Self:
        if self.weight == 0:
            raise ValueError("weight must not be 0: a cue that moves nothing explains nothing")
        given = [m for m in (self.phrases, self.pattern, self.feature) if m is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of `phrases`, `pattern` or `feature`")
        if (self.opening or not self.typos) and self.phrases is None:
            raise ValueError("`opening` and `typos` apply to `phrases` only")
        return self


def _single_words(words: tuple[str, ...]) -> tuple[str, ...]:
    for word in words:
        if len(tokenize(word)) != 1:
            raise ValueError(f"{show_value(word)} is not a single word")
    return words


class Negation(StrictModel):
    """Words that stop a phrase cue from counting when they come shortly before it."""

    words: Annotated[Phrases, AfterValidator(_single_words)]
    window: Annotated[int, Field(ge=1, le=10, strict=True)] = 4
    """How many words before a phrase a negating word may stand (within one clause)."""


class Tips(StrictModel):
    """One tip per dimension, shown for the weakest dimension of a reply."""

    politeness: NonBlank
    firmness: NonBlank
    evidence: NonBlank
    open_questions: NonBlank

    def for_dimension(self, dimension: Dimension) -> str:
        """The tip for `dimension`."""
        tip: str = getattr(self, dimension)
        return tip


class Rubric(StrictModel):
    """The default scoring rubric: weights for `overall`, negation, tips, and the cues."""

    weights: Weights
    negation: Negation
    tips: Tips
    real_words: Annotated[tuple[Phrase, ...], AfterValidator(_single_words)] = ()
    """Real words a typo away from a cue word, never read as typos of it ("think")."""
    english_words: Annotated[tuple[Phrase, ...], AfterValidator(_single_words)] = ()
    """Common English words, by which a reply in another language is told apart (the rubric
    reads English: such a reply's feedback says so, rather than that nothing counted)."""
    cues: Annotated[tuple[Cue, ...], Field(min_length=1)]
