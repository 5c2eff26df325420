"""The data a rubric is made of: the four dimensions, their weights, and cues."""

from __future__ import annotations

from typing import Annotated, Literal, Self

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    PlainSerializer,
    model_validator,
)

from trainer.scoring.language_data import ACTS, Act, ActRule, Negation, Phrases, Words, _compiles

__all__ = ["ACTS", "DIMENSIONS", "Act", "Cue", "Dimension", "Phrases", "Rubric", "Weights"]
from trainer.support.models import NonBlank, StrictModel, listify

Dimension = Literal["politeness", "firmness", "evidence", "open_questions"]
DIMENSIONS: tuple[Dimension, ...] = ("politeness", "firmness", "evidence", "open_questions")

Feature = Literal[
    "open_question", "yes_no_only", "shouting", "imperative", "direct_question", "code_alone"
]
"""Shapes of a reply that no phrase list captures; `trainer.scoring.features` finds them."""


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


class Cue(StrictModel):
    """Something in a reply that moves one dimension: phrases, a pattern, a feature or an act."""

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
    """A shape of the reply: an open question, only yes/no questions, shouting, an order
    ("Seat us together"), a question asked straight out, or a sentence that is only a code."""
    act: Act | None = None
    """An act the reply performs ("refuse", "escalate"...): the cue fires where it is read."""
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
    silences: tuple[Dimension, ...] = ()
    """Where this fires, positive cues of these dimensions in its sentence earn nothing: an
    insult silences the thanks beside it, a threat the firmness of its ultimatum."""
    hostile: bool = False
    """Contempt: a question in the same sentence is rhetorical, not an open question ("why is
    your company so useless?")."""
    aimed: bool = False
    """Said of someone: said by the caller of themself ("I'm useless with apps") it does not
    count."""
    ironic: bool = False
    """Praise or thanks that turns to sarcasm when aimed at a bad outcome ("thanks for losing
    my parcel"), said with "oh" or "wow" beside a complaint, or alone after one ("Bravo.")."""
    refused: bool = False
    """A courtesy: pointedly refused ("I won't be saying thank you") it is rude, not neutral
    (the rubric's `refused_courtesy`)."""
    needs_specific: bool = False
    """Evidence that counts only in a reply with a checkable specific (an amount, a date, a
    reference): "my bill" alone proves nothing, "my bill says $89" does."""

    @model_validator(mode="after")
    def _one_matcher(self) -> Self:
        if self.weight == 0:
            raise ValueError("weight must not be 0: a cue that moves nothing explains nothing")
        given = [m for m in (self.phrases, self.pattern, self.feature, self.act) if m is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of `phrases`, `pattern`, `feature` or `act`")
        if (self.opening or not self.typos) and self.phrases is None:
            raise ValueError("`opening` and `typos` apply to `phrases` only")
        return self


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


class Reading(StrictModel):
    """Words that mean something else than the cues inside them: where these phrases match,
    cues of the `blocks` dimensions on the same words do not count ("how are you going to fix
    this" is not a greeting)."""

    means: NonBlank
    """What the words mean instead, as the feedback says it: "asks how, not a greeting"."""
    blocks: Annotated[tuple[Dimension, ...], BeforeValidator(listify), Field(min_length=1)]
    phrases: Phrases


class SpecialCue(StrictModel):
    """A cue the scorer's rules give rather than a phrase: sarcasm read from praise aimed at
    a bad outcome, a courtesy pointedly refused."""

    label: NonBlank
    weight: Annotated[int, Field(ge=-100, le=-1, strict=True)]


class RubricFile(StrictModel):
    """A language's rubric file: weights for `overall`, tips, the cues, and readings."""

    weights: Weights
    tips: Tips
    sarcasm: SpecialCue
    """What praise or thanks aimed at a bad outcome costs ("thanks for losing my parcel")."""
    refused_courtesy: SpecialCue
    """What a pointedly refused courtesy costs ("I won't be saying thank you")."""
    cues: Annotated[tuple[Cue, ...], Field(min_length=1)]
    readings: tuple[Reading, ...] = ()


class Rubric(RubricFile):
    """A language's whole rubric: its rubric file, its words and its acts (see `language`)."""

    words: Words
    acts: tuple[ActRule, ...] = ()
    act_names: dict[Act, str] = Field(default_factory=dict)
    """Each act as the feedback names it: "refuses the offer"."""

    @property
    def real_words(self) -> tuple[str, ...]:
        """Real words a typo away from a cue word, never read as typos of it."""
        return self.words.real_words

    @property
    def english_words(self) -> tuple[str, ...]:
        """The language's common words, by which a reply in another language is told apart."""
        return self.words.english_words

    @property
    def negation(self) -> Negation:
        """The negating words and how far they reach."""
        return self.words.negation
