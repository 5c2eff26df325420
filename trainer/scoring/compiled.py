"""A rubric compiled for reading replies: one phrase matcher for every phrase of a block of
cues (and, for the language's own rubric, of its acts and readings), their patterns and their
features; and what one sentence's phrase walk found, sorted by owner."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal, NamedTuple

from trainer.scoring.language_data import ActRule
from trainer.scoring.matching import PhraseMatcher, Token
from trainer.scoring.patterns import CompiledPattern
from trainer.scoring.rubric import Cue, Feature, Reading

Owner = Literal["cue", "act", "with", "unless", "reading"]


class Hit(NamedTuple):
    """Where something matched in a sentence: its owner's number, span and words."""

    owner: int
    start: int
    end: int
    first_word: int = -1
    words: int = 0


_new_hit = tuple.__new__  # a Hit without NamedTuple's keyword handling: twice as fast


class Walk(NamedTuple):
    """What one phrase walk found in a sentence, by owner."""

    cues: list[Hit]
    acts: list[Hit]
    withs: dict[int, list[Hit]]
    unlesses: dict[int, list[Hit]]
    readings: list[Hit]


class Block:
    """Cues compiled for matching (numbered from `first`, the block's place in the scorer),
    and for the language's own block its acts and readings, all in one phrase matcher."""

    def __init__(
        self,
        cues: Sequence[Cue],
        first: int,
        real_words: Iterable[str],
        authored: bool = True,
        acts: Sequence[ActRule] = (),
        readings: Sequence[Reading] = (),
    ) -> None:
        phrases: list[str] = []
        self.owners: list[tuple[Owner, int]] = []
        self.patterns: list[CompiledPattern] = []
        self.act_patterns: list[CompiledPattern] = []
        self.features: list[tuple[int, Feature]] = []

        def add(owner: Owner, index: int, words: Iterable[str]) -> None:
            for phrase in words:
                phrases.append(phrase)
                self.owners.append((owner, index))

        for index, cue in enumerate(cues, start=first):
            if cue.phrases is not None:
                add("cue", index, cue.phrases)
            elif cue.pattern is not None:
                self.patterns.append(CompiledPattern.compile(index, cue.pattern, authored))
            elif cue.feature is not None:
                self.features.append((index, cue.feature))
        for index, rule in enumerate(acts):
            if rule.phrases is not None:
                add("act", index, rule.phrases)
            elif rule.pattern is not None:
                self.act_patterns.append(CompiledPattern.compile(index, rule.pattern))
            add("with", index, rule.with_ or ())
            add("unless", index, rule.unless or ())
        for index, reading in enumerate(readings):
            add("reading", index, reading.phrases)
        self.matcher = PhraseMatcher(phrases, real_words)

    def walk(
        self, tokens: list[Token], cues: Sequence[Cue], acts: Sequence[ActRule], into: Walk
    ) -> None:
        """Match every phrase of the block in `tokens`, adding what matched to `into`."""
        owners = self.owners
        for phrase, start, end, first_word, word_count, edits in self.matcher.find_in_tokens(
            tokens
        ):
            owner, index = owners[phrase]
            hit = _new_hit(Hit, (index, start, end, first_word, word_count))
            if owner == "cue":
                if not edits or cues[index].typos:
                    into.cues.append(hit)
            elif owner == "reading":
                into.readings.append(hit)
            else:
                _add_act_hit(into, owner, hit, edits, acts)

    def walk_acts_without(
        self, tokens: list[Token], asides: frozenset[str], acts: Sequence[ActRule], into: Walk
    ) -> None:
        """Match the acts' phrases (and their with/unless phrases) once more with the words
        of `asides` left out, adding what matched across a left-out word to `into`."""
        kept = [index for index, token in enumerate(tokens) if token.word not in asides]
        if len(kept) in (0, len(tokens)):
            return
        # A phrase across a left-out word starts at most `longest` words before it.
        starts: set[int] = set()
        before = 0  # how many kept words stand before the word at hand
        for token in tokens:
            if token.word in asides:
                starts.update(range(max(0, before - self.matcher.longest + 1), before))
            else:
                before += 1
        owners = self.owners
        for phrase, start, end, first, count, edits in self.matcher.find_in_tokens(
            [tokens[index] for index in kept], sorted(starts)
        ):
            owner, index = owners[phrase]
            first_word, last_word = kept[first], kept[first + count - 1]
            if last_word - first_word + 1 == count:
                continue  # no word left out inside it: the first walk found it
            if owner in ("act", "with", "unless"):
                hit = _new_hit(Hit, (index, start, end, first_word, last_word - first_word + 1))
                _add_act_hit(into, owner, hit, edits, acts)


def _add_act_hit(into: Walk, owner: Owner, hit: Hit, edits: int, acts: Sequence[ActRule]) -> None:
    """File the hit of an act rule's phrase, or of its `with` or `unless` phrase."""
    if owner == "act":
        if not edits or acts[hit.owner].typos:
            into.acts.append(hit)
    elif owner == "with":
        into.withs.setdefault(hit.owner, []).append(hit)
    else:
        into.unlesses.setdefault(hit.owner, []).append(hit)
