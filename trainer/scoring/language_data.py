"""The data of one language that is not cues: phrases and single words as rubric files write
them, the words the scorer's rules are made of (`words.toml`), and the rules that read which
acts a reply performs (`acts.toml`)."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, Self, get_args

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema, model_validator

from trainer.scoring.matching import tokenize
from trainer.support.models import NonBlank, StrictModel, listify, one_or_many
from trainer.support.problems import Loc, show_value

Act = Literal[
    "accept",
    "accept_if",
    "refuse",
    "ask_supervisor",
    "ask_reference",
    "ask_timeline",
    "ask_options",
    "escalate",
    "give_in",
    "hold",
    "goodbye",
]
"""What a reply does in the call: accepts an offer, refuses it, asks for a supervisor..."""
ACTS: tuple[Act, ...] = get_args(Act)
"""Every act, in the order the feedback and the benchmarks list them."""


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


SingleWords = Annotated[tuple[Phrase, ...], BeforeValidator(listify), AfterValidator(_single_words)]
"""A list of single words."""


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as error:
        raise ValueError(f"not a valid regular expression: {error}") from None
    return pattern


Pattern = Annotated[str, AfterValidator(_compiles)]
"""A regular expression, matched case-insensitively."""


class Words(StrictModel):
    """The words a language's rules are made of (`words.toml`); each list is described there."""

    negation: Negation
    real_words: SingleWords = ()
    english_words: SingleWords = ()
    scope_enders: SingleWords
    contrast: SingleWords
    consequence: SingleWords
    fillers: SingleWords
    question_words: SingleWords
    asking_question_words: SingleWords
    contracted_question_words: SingleWords
    not_after_question_word: SingleWords
    exclaimed: SingleWords
    question_prepositions: SingleWords
    subjects: SingleWords
    auxiliaries: SingleWords
    asked_about: SingleWords
    wanting: SingleWords
    frame_negators: SingleWords
    told_frames: tuple[Pattern, ...]
    know_frames: tuple[Pattern, ...]
    frame_words: SingleWords
    request_words: SingleWords
    intent_words: SingleWords
    narration_words: SingleWords
    refusing_words: SingleWords
    first_person: SingleWords
    second_person: SingleWords
    irony_words: SingleWords
    bad_outcomes: SingleWords
    remedies: SingleWords
    copulas: SingleWords
    not_mentions: SingleWords
    not_imperatives: SingleWords
    object_words: SingleWords
    order_openers: SingleWords
    not_order_endings: tuple[NonBlank, ...]
    order_endings: tuple[NonBlank, ...]
    asks_alone: SingleWords
    exclaiming: SingleWords
    aimed_by: SingleWords
    answer_words: SingleWords
    asides: SingleWords = ()
    supposing: SingleWords = ()
    intent_links: SingleWords = ()
    warm_up: tuple[NonBlank, ...] = ()
    """Replies read once when a scorer is built, so that the first real one is not slower."""


Frame = Literal["request", "intent"]


class ActRule(StrictModel):
    """Phrases or a pattern that show a reply performing an act (`acts.toml`)."""

    act: Act
    phrases: Phrases | None = None
    pattern: Pattern | None = None
    negatable: bool = True
    """Whether a negating word shortly before (or a "not" right after) stops it: "I don't want
    a supervisor" does not ask for one."""
    typos: bool = True
    opening: bool = False
    """Only where the phrase opens a sentence (after fillers): "No, ..." refuses."""
    alone: bool = False
    """Only where the phrase is the whole sentence, but for fillers: "Yes." or "Sure!"."""
    after: Frame | None = None
    """Only after a word that asks (`request_words`: "could I speak to a manager") or that
    says what the caller will do (`intent_words`: "I'll take this to the ombudsman"), in the
    same sentence; a request may also be a question. Narrating the past does neither."""
    not_in_question: bool = False
    """Not in a question: "what happens if I cancel?" asks; it does not threaten."""
    in_question: bool = False
    """Only in a question: "is it going to be today or tomorrow?" asks when."""
    closing: bool = False
    """Only where the phrase closes its clause, but for fillers: "sure, I'll stay on" holds,
    "I'll stay on the contract" does not."""
    not_in_story: bool = False
    """Not in a sentence that tells a story (a word of `narration_words` anywhere in it):
    "no, I didn't get the email" answers a question of fact."""
    yields_to: Annotated[tuple[Act, ...], BeforeValidator(listify)] = ()
    """Acts that, read anywhere in the same sentence, stand instead of this one: "no, no,
    that's great, do it" accepts, and its "no" refuses nothing."""
    yields_to_order: Annotated[tuple[Act, ...], BeforeValidator(listify)] = ()
    """Acts that, read where the order after the phrase begins, stand instead of this one:
    "yes, put me through to a manager" asks for one; in "ok, do the refund, and I need the
    case number" the "ok" still accepts."""
    yields_in_reply: Annotated[tuple[Act, ...], BeforeValidator(listify)] = ()
    """Acts that, read anywhere in the reply, stand instead of this one: in "So I'm stuck
    with it. Fine." the bare "Fine." gives in, and accepts nothing."""
    with_: Annotated[Phrases | None, Field(alias="with")] = None
    """Only in a sentence that also has one of these phrases ("if you", "as long as")."""
    unless: Phrases | None = None
    """Not in a sentence that has one of these phrases."""
    unless_lists: Annotated[tuple[NonBlank, ...], BeforeValidator(listify)] = ()
    """Lists of the file's `[lists]` whose phrases count as `unless` phrases too (phrases
    that several rules share, such as the hedges that are no condition)."""
    replaces: Annotated[tuple[Act, ...], BeforeValidator(listify)] = ()
    """Acts that this act, where read, stands instead of on the same words ("accept_if"
    instead of "accept")."""
    turns: Annotated[tuple[Act, ...], BeforeValidator(listify)] = ()
    """Acts that, read anywhere in the same sentence as this rule, become this rule's act;
    the rule alone performs nothing: a condition turns "put me on the new tariff" into an
    acceptance on a condition when "but only if it's cheaper" follows."""
    order_after: bool = False
    """Only where an order follows the phrase, past fillers: "sure, move the delivery to
    Saturday" accepts; "sure, I got the email" does not."""

    @model_validator(mode="after")
    def _one_matcher(self) -> Self:
        if (self.phrases is None) == (self.pattern is None):
            raise ValueError("give exactly one of `phrases` or `pattern`")
        if (self.opening or self.alone or not self.typos) and self.phrases is None:
            raise ValueError("`opening`, `alone` and `typos` apply to `phrases` only")
        return self


class ActsFile(StrictModel):
    """A language's act rules (`acts.toml`), and how the feedback names each act."""

    names: dict[Act, NonBlank]
    """Each act as the feedback names it: "refuses the offer"."""
    lists: dict[NonBlank, Phrases] = Field(default_factory=dict)
    """Phrases that several rules share, by name (`unless_lists`)."""
    acts: Annotated[tuple[ActRule, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _every_act_named(self) -> Self:
        missing = [act for act in ACTS if act not in self.names]
        if missing:
            raise ValueError(f"`names` has no name for {', '.join(missing)}")
        return self

    @staticmethod
    def unknown_lists(data: object) -> list[tuple[Loc, str]]:
        """Where the rules of an acts file as parsed (`data`) name a list that its `[lists]`
        does not have: a check the file is validated with, so the problem has its line."""
        if not isinstance(data, dict) or not isinstance(data.get("acts"), list):
            return []
        lists = data.get("lists")
        known = set(lists) if isinstance(lists, dict) else set()
        found: list[tuple[Loc, str]] = []
        for index, rule in enumerate(data["acts"]):
            names = listify(rule.get("unless_lists", ())) if isinstance(rule, dict) else ()
            for name in names if isinstance(names, list | tuple) else ():
                if isinstance(name, str) and name not in known:
                    message = f"no list {show_value(name)} in `[lists]`"
                    found.append((("acts", index, "unless_lists"), message))
        return found

    def rules(self) -> tuple[ActRule, ...]:
        """The act rules, each with the phrases of its `unless_lists` in its `unless`."""
        return tuple(
            rule.model_copy(
                update={
                    "unless": (
                        *(rule.unless or ()),
                        *(phrase for name in rule.unless_lists for phrase in self.lists[name]),
                    ),
                    "unless_lists": (),
                }
            )
            if rule.unless_lists
            else rule
            for rule in self.acts
        )
