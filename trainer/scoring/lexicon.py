"""A language's words (`words.toml`) as the scorer uses them: sets of normalised words and
compiled question frames, built once per rubric."""

from __future__ import annotations

import re
from dataclasses import dataclass

from trainer.scoring.language_data import Words
from trainer.scoring.matching import normalise_word

_ENDINGS = {"not_order_endings", "order_endings"}
"""Lists of word endings, kept as written (not normalised into sets)."""


def _set(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(normalise_word(word) for word in words)


@dataclass(frozen=True)
class Lexicon:
    """The word sets of `Words`, normalised as reply words are (see words.toml for each)."""

    negators: frozenset[str]
    window: int
    scope_enders: frozenset[str]
    contrast: frozenset[str]
    consequence: frozenset[str]
    fillers: frozenset[str]
    question_words: frozenset[str]
    asking_question_words: frozenset[str]
    contracted_question_words: frozenset[str]
    not_after_question_word: frozenset[str]
    exclaimed: frozenset[str]
    question_prepositions: frozenset[str]
    subjects: frozenset[str]
    auxiliaries: frozenset[str]
    asked_about: frozenset[str]
    wanting: frozenset[str]
    frame_negators: frozenset[str]
    told_frames: tuple[re.Pattern[str], ...]
    know_frames: tuple[re.Pattern[str], ...]
    frame_words: frozenset[str]
    request_words: frozenset[str]
    intent_words: frozenset[str]
    narration_words: frozenset[str]
    refusing_words: frozenset[str]
    first_person: frozenset[str]
    second_person: frozenset[str]
    irony_words: frozenset[str]
    bad_outcomes: frozenset[str]
    remedies: frozenset[str]
    copulas: frozenset[str]
    not_mentions: frozenset[str]
    not_imperatives: frozenset[str]
    object_words: frozenset[str]
    order_openers: frozenset[str]
    not_order_endings: tuple[str, ...]
    order_endings: tuple[str, ...]
    asks_alone: frozenset[str]
    exclaiming: frozenset[str]
    aimed_by: frozenset[str]
    answer_words: frozenset[str]
    asides: frozenset[str]
    supposing: frozenset[str]
    intent_links: frozenset[str]

    @classmethod
    def of(cls, words: Words) -> Lexicon:
        """The lexicon of a language's words."""
        sets: dict[str, frozenset[str]] = {
            name: _set(getattr(words, name))
            for name in cls.__dataclass_fields__
            if name not in {"negators", "window", "told_frames", "know_frames"} | _ENDINGS
        }
        return cls(
            negators=_set(words.negation.words),
            window=words.negation.window,
            told_frames=tuple(re.compile(p, re.IGNORECASE) for p in words.told_frames),
            know_frames=tuple(re.compile(p, re.IGNORECASE) for p in words.know_frames),
            not_order_endings=tuple(words.not_order_endings),
            order_endings=tuple(words.order_endings),
            **sets,
        )
