"""Searching a reply with the cues' and acts' regular expressions, sentence by sentence (a
cue never spans sentences).

A pattern whose matches must start a word with a known beginning (`pattern_starts`: "\\b(?:will|
would)...", a digit with no letter before it) is tried only at the words that begin so, which
finds what a scan would find at a fraction of the cost. The others are scanned: one whose gate
the whole reply fails is not run at all, one that needs a digit not on a sentence without one;
a scenario's patterns run within the call's time limits."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from trainer.scoring.compiled import Hit
from trainer.scoring.pattern_gate import fold, has_digit
from trainer.scoring.pattern_starts import DIGIT
from trainer.scoring.patterns import CASE_TRAPS, CompiledPattern, PatternLimits, search_limited
from trainer.scoring.rubric import Cue
from trainer.support.terminal import visible

Found = tuple[list[Hit], list[Hit]]
"""The hits of the cues' patterns, and of the acts' patterns."""

_WORD_RUN = re.compile(r"(?<!\w)[^\W_]+")
"""A word as a pattern's \\b or (?<!\\w) sees its start: letters and digits after no \\w."""
_CACHE_LIMIT = 20_000


Numbered = list[tuple[int, CompiledPattern]]
"""Patterns, each with its place among its kind's (the order their hits are given in)."""


class Admitted(NamedTuple):
    """What may match in a reply's sentences: the patterns to scan (cues', acts'), and
    whether the others are tried at their words (the reply lower-cases letter for letter)."""

    cues: Numbered
    acts: Numbered
    at_words: bool


class _Indexed(NamedTuple):
    kind: int
    order: int
    cue: int
    searcher: re.Pattern[str]


class PatternSearch:
    """The patterns of a scorer's cues and of its language's acts."""

    def __init__(
        self,
        cues: Sequence[Cue],
        cue_patterns: Sequence[CompiledPattern],
        act_patterns: Sequence[CompiledPattern],
    ) -> None:
        self.cues = cues
        self.kinds = (tuple(cue_patterns), tuple(act_patterns))
        self._numbered = tuple(list(enumerate(patterns)) for patterns in self.kinds)
        self._scanned = tuple(
            [(order, pattern) for order, pattern in numbered if pattern.word_prefixes is None]
            for numbered in self._numbered
        )
        self._indexed: list[_Indexed] = []
        self._by_first: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        for kind, patterns in enumerate(self.kinds):
            for order, pattern in enumerate(patterns):
                searcher = pattern.on_lower_case
                if pattern.word_prefixes is None or not isinstance(searcher, re.Pattern):
                    continue
                index = len(self._indexed)
                self._indexed.append(_Indexed(kind, order, pattern.cue, searcher))
                for first in {DIGIT if p == DIGIT else p[0] for p in pattern.word_prefixes}:
                    starting = tuple(p for p in pattern.word_prefixes if p.startswith(first))
                    self._by_first.setdefault(first, []).append((index, starting))
        self._at_word: dict[str, tuple[int, ...]] = {}

    def admitted(self, text: str) -> Admitted:
        """The patterns to scan whose gate `text` (a whole reply) passes: the others cannot
        match in any of its sentences."""
        folded, digit = fold(text), has_digit(text)
        at_words = _same_indices(text)
        cues, acts = (
            [(order, p) for order, p in numbered if p.gate is None or p.gate.admits(folded, digit)]
            for numbered in (self._scanned if at_words else self._numbered)
        )
        return Admitted(cues, acts, at_words)

    def in_sentence(
        self, text: str, admitted: Admitted, limits: PatternLimits, deadline: float
    ) -> Found:
        """The hits of the admitted patterns in one sentence, in the patterns' order."""
        digit = has_digit(text)
        lowered = text.lower()
        # A reply that lower-cases letter for letter has sentences that do.
        same_indices = admitted.at_words or _same_indices(text, lowered)
        found: tuple[list[tuple[int, Hit]], list[tuple[int, Hit]]] = ([], [])
        if admitted.at_words:
            self._at_words(lowered, found)
        for kind, numbered in enumerate((admitted.cues, admitted.acts)):
            # A pattern the reply admitted only for a digit cannot match a sentence without.
            chosen = [
                (order, p)
                for order, p in numbered
                if digit or p.gate is None or p.gate.strings or not p.gate.digit
            ]
            if chosen:
                searched = (text, lowered if same_indices else None)
                self._scan(chosen, searched, limits, deadline, found[kind])
        cue_hits, act_hits = found
        if len(cue_hits) > 1:
            cue_hits.sort(key=_first)
        if len(act_hits) > 1:
            act_hits.sort(key=_first)
        return [hit for _, hit in cue_hits], [hit for _, hit in act_hits]

    def _at_words(self, lowered: str, found: tuple[list[tuple[int, Hit]], ...]) -> None:
        """Try each indexed pattern at the words it can start at, as a scan would find it:
        left to right, each match after the one before."""
        tried: dict[int, list[int]] = {}
        at_word = self._at_word
        for word in _WORD_RUN.finditer(lowered):
            chosen = at_word.get(word.group())
            if chosen is None:
                chosen = self._patterns_at(word.group())
            for index in chosen:
                tried.setdefault(index, []).append(word.start())
        for index, starts in tried.items():
            kind, order, cue, searcher = self._indexed[index]
            end = -1
            for start in starts:
                if start < end:
                    continue
                match = searcher.match(lowered, start)
                if match is not None and match.end() > start:
                    end = match.end()
                    found[kind].append((order, Hit(cue, start, end)))

    def _patterns_at(self, word: str) -> tuple[int, ...]:
        """The indexed patterns that may match at the start of `word` (remembered)."""
        candidates = [*self._by_first.get(word[0], ())]
        if word[0].isdecimal():
            candidates += self._by_first.get(DIGIT, ())
        chosen = tuple(
            sorted(
                index
                for index, prefixes in candidates
                if prefixes == (DIGIT,) or word.startswith(prefixes)
            )
        )
        if len(self._at_word) >= _CACHE_LIMIT:
            self._at_word.clear()
        self._at_word[word] = chosen
        return chosen

    def _scan(
        self,
        patterns: Numbered,
        texts: tuple[str, str | None],
        limits: PatternLimits,
        deadline: float,
        into: list[tuple[int, Hit]],
    ) -> None:
        """Scan the sentence with each pattern; `texts` is the sentence as typed, and
        lower-cased when that keeps every index (None when it does not)."""
        text, lowered = texts
        for order, pattern in patterns:
            if pattern.on_lower_case is not None and lowered is not None:
                searcher, searched = pattern.on_lower_case, lowered
            else:
                searcher, searched = pattern.any_case, text
            if pattern.time_limited:
                label = visible(self.cues[pattern.cue].label, keep_lines=False)
                matches = search_limited(
                    searcher, searched, deadline, limits, pattern.source, label
                )
            else:
                matches = list(searcher.finditer(searched))
            into += [
                (order, Hit(pattern.cue, m.start(), m.end()))
                for m in matches
                if m.end() > m.start()
            ]


def _first(pair: tuple[int, Hit]) -> int:
    return pair[0]


def _same_indices(text: str, lowered: str | None = None) -> bool:
    """Lower-casing keeps every index unless some letter lower-cases to two ("İ"), and
    matches as IGNORECASE does unless the text has dotless i or long s."""
    lowered = text.lower() if lowered is None else lowered
    return len(lowered) == len(text) and not CASE_TRAPS.search(text)
