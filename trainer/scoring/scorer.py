"""Scoring one reply: which cues fire, which do not count and why, and the four scores.

Politeness and firmness start at a neutral 50; evidence and open questions start at 0. Each
cue that fires adds its weight to its dimension; a cue with the same label firing again adds
half as much as the time before, so stuffing one keyword cannot max out a dimension. A phrase
cue does not count when a negating word stands shortly before it in the same clause ("I'm not
going to say thank you"), and a sarcastic cue (`voids = true`) stops the positive cues of its
dimension in its sentence from counting ("thanks for nothing"). Scores are clamped to 0..100;
`overall` is the mean of the four weighted by the rubric, scenario and node weights.
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from importlib import resources
from itertools import accumulate
from pathlib import Path
from typing import NamedTuple

from trainer.scoring import features
from trainer.scoring.matching import PhraseMatcher, Token, tokenize
from trainer.scoring.pattern_gate import fold, has_digit
from trainer.scoring.patterns import CASE_TRAPS, CompiledPattern, PatternLimits, search_limited
from trainer.scoring.results import FiredCue, ReplyScore, VoidedCue
from trainer.scoring.rubric import DIMENSIONS, Cue, Dimension, Feature, Rubric, Weights
from trainer.support.problems import Problem
from trainer.support.terminal import visible
from trainer.support.tomlfile import parse_toml, validate_document

TWO_SIDED: frozenset[Dimension] = frozenset({"politeness", "firmness"})
"""Dimensions that start at a neutral 50 and move both ways; the others start at 0."""
NEUTRAL = 50
REPEAT_FACTOR = 0.5
"""Each repeat of a cue is worth this much of the one before."""

_FEATURES: dict[Feature, Callable[[features.Reply], list[features.Span]]] = {
    "open_question": features.open_questions,
    "yes_no_only": features.yes_no_only,
    "shouting": features.shouting,
}
_SCOPE_ENDERS = frozenset(
    "i im ill ive id we were well weve you youre youll they theyre he she and but or so "
    "because if when then how what why where which who".split()
)
"""Words after which a negation no longer reaches: "if you can't help, I'll cancel"."""


class RubricError(Exception):
    """The rubric file is broken; the problems say where."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = tuple(problems)


class _Hit(NamedTuple):
    cue: int
    start: int
    end: int
    first_word: int = -1
    words: int = 0


def resolve_weights(base: Weights, *overrides: Weights | None) -> dict[Dimension, float]:
    """The weight of each dimension in `overall`: the base, overridden in turn."""
    weights: dict[Dimension, float] = {}
    for layer in (base, *overrides):
        if layer is None:
            continue
        for dimension in DIMENSIONS:
            value = getattr(layer, dimension)
            if value is not None:
                weights[dimension] = float(value)
    return {dimension: weights.get(dimension, 1.0) for dimension in DIMENSIONS}


class _CueBlock:
    """Cues compiled for matching: one phrase matcher for all their phrases, their patterns
    and their features. Cue numbers count from `first` (the block's place in the scorer)."""

    def __init__(
        self, cues: Sequence[Cue], first: int, real_words: Iterable[str], authored: bool = True
    ) -> None:
        phrases: list[str] = []
        self.phrase_cue: list[int] = []
        self.patterns: list[CompiledPattern] = []
        self.features: list[tuple[int, Feature]] = []
        for index, cue in enumerate(cues, start=first):
            if cue.phrases is not None:
                phrases.extend(cue.phrases)
                self.phrase_cue.extend([index] * len(cue.phrases))
            elif cue.pattern is not None:
                self.patterns.append(CompiledPattern.compile(index, cue.pattern, authored))
            elif cue.feature is not None:
                self.features.append((index, cue.feature))
        self.matcher = PhraseMatcher(phrases, real_words)


class Scorer:
    """Scores replies with a rubric plus extra cues and weights (a scenario's, a node's)."""

    def __init__(
        self,
        rubric: Rubric,
        extra_cues: Iterable[Cue] = (),
        weights: Sequence[Weights | None] = (),
    ) -> None:
        extra = tuple(extra_cues)
        # The shipped rubric's patterns are tested; a scenario's are an author's: time-limited.
        blocks = [_CueBlock(rubric.cues, 0, rubric.real_words, authored=False)]
        if extra:
            blocks.append(_CueBlock(extra, len(rubric.cues), rubric.real_words))
        self._setup(rubric, (*rubric.cues, *extra), tuple(blocks), tuple(weights))

    def _setup(
        self,
        rubric: Rubric,
        cues: tuple[Cue, ...],
        blocks: tuple[_CueBlock, ...],
        weight_layers: tuple[Weights | None, ...],
    ) -> None:
        self.rubric = rubric
        self.cues = cues
        self._blocks = blocks
        self._patterns = [pattern for block in blocks for pattern in block.patterns]
        self._features = [feature for block in blocks for feature in block.features]
        self._weight_layers = weight_layers
        self.weights = resolve_weights(rubric.weights, *weight_layers)
        self._total_weight = sum(self.weights.values())
        self._negators = _negating_words(rubric)
        self._window = rubric.negation.window
        self._has_openings = any(cue.opening for cue in cues)

    def extended(self, cues: Iterable[Cue], *weights: Weights | None) -> Scorer:
        """This scorer with more cues and more weight overrides (a scenario's, a node's).

        The cues already compiled are shared, so extending costs only the new cues.
        """
        more = tuple(cues)
        blocks = self._blocks
        if more:
            blocks = (*blocks, _CueBlock(more, len(self.cues), self.rubric.real_words))
        scorer = object.__new__(Scorer)
        scorer._setup(self.rubric, (*self.cues, *more), blocks, (*self._weight_layers, *weights))
        return scorer

    def score(self, text: str, limits: PatternLimits | None = None) -> ReplyScore:
        """Score one reply."""
        tokens = tokenize(text)
        reply = features.analyse(text, tokens)
        parts = reply.sentences
        sentence_of = reply.sentence_of_token()
        phrase_hits = [
            hit  # a phrase never runs on from one sentence into the next: "Great. Another..."
            for hit in self._phrase_hits(tokens)
            if sentence_of[hit.first_word] == sentence_of[hit.first_word + hit.words - 1]
        ]
        if self._has_openings:
            openings = reply.openings()
            phrase_hits = [
                hit
                for hit in phrase_hits
                if not self.cues[hit.cue].opening or hit.first_word in openings
            ]
        hits = self._longest_per_dimension(phrase_hits + self._pattern_hits(text, limits))
        hits += self._feature_hits(reply)
        hits.sort(key=lambda hit: (hit.start, hit.end, hit.cue))

        voided: list[VoidedCue] = []
        clauses = list(accumulate(map(int, reply.breaks)))
        counted: list[_Hit] = []
        for hit in hits:
            negator = self._negated_by(hit, tokens, clauses)
            if negator is None:
                counted.append(hit)
            else:
                voided.append(self._voided(text, hit, f"negated by {negator!r}"))
        counted, sarcastic = self._without_sarcastic_praise(text, counted, parts)
        voided.extend(sarcastic)

        # Repeats are counted per label: "cites an amount" twice is worth 1 + 1/2, whichever
        # of the rubric's amount patterns matched.
        repeats: dict[tuple[Dimension, str], int] = {}
        fired: list[FiredCue] = []
        for hit in counted:
            cue = self.cues[hit.cue]
            times = repeats.get((cue.dimension, cue.label), 0)
            repeats[(cue.dimension, cue.label)] = times + 1
            points = cue.weight * REPEAT_FACTOR**times
            fired.append(
                FiredCue(
                    cue.dimension, cue.label, text[hit.start : hit.end], hit.start, hit.end, points
                )
            )
        voided.sort(key=lambda cue: (cue.start, cue.end))
        return self._assemble(text, fired, voided)

    def with_extra_cue(self, result: ReplyScore, cue: FiredCue) -> ReplyScore:
        """`result` with one more cue counted, such as interrupting the agent."""
        return self._assemble(result.text, [*result.cues, cue], list(result.voided))

    def _assemble(
        self, text: str, fired: Sequence[FiredCue], voided: Sequence[VoidedCue]
    ) -> ReplyScore:
        """The scores that the fired cues add up to, clamped, and `overall` from them."""
        raw: dict[Dimension, float] = dict.fromkeys(DIMENSIONS, 0.0)
        for cue in fired:
            raw[cue.dimension] += cue.weight
        scores = {dimension: _clamp(raw[dimension], dimension) for dimension in DIMENSIONS}
        overall = sum(scores[d] * self.weights[d] for d in DIMENSIONS) / self._total_weight
        return ReplyScore(text, scores, round(overall), tuple(fired), tuple(voided))

    def _phrase_hits(self, tokens: list[Token]) -> list[_Hit]:
        hits = []
        for block in self._blocks:
            for match in block.matcher.find_in_tokens(tokens):
                cue = block.phrase_cue[match.phrase]
                if match.edits and not self.cues[cue].typos:
                    continue
                hits.append(_Hit(cue, match.start, match.end, match.first_word, match.word_count))
        return hits

    def _pattern_hits(self, text: str, limits: PatternLimits | None) -> list[_Hit]:
        lowered = text.lower()
        # Lower-casing keeps every index unless some letter lower-cases to two ("İ"), and
        # matches as IGNORECASE does unless the text has dotless i or long s.
        same_indices = len(lowered) == len(text) and not CASE_TRAPS.search(text)
        folded, digit = fold(text), has_digit(text)
        # A scenario's patterns share one time budget for the reply (a call's limits, or
        # this reply's own when no call keeps them).
        limits = limits if limits is not None else PatternLimits()
        deadline = time.monotonic() + limits.reply_seconds
        hits = []
        for pattern in self._patterns:
            if pattern.gate is not None and not pattern.gate.admits(folded, digit):
                continue
            if pattern.on_lower_case is not None and same_indices:
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
            hits += [_Hit(pattern.cue, m.start(), m.end()) for m in matches if m.end() > m.start()]
        return hits

    def _feature_hits(self, reply: features.Reply) -> list[_Hit]:
        return [
            _Hit(index, start, end)
            for index, feature in self._features
            for start, end in _FEATURES[feature](reply)
        ]

    def _longest_per_dimension(self, hits: list[_Hit]) -> list[_Hit]:
        """Overlapping matches in one dimension count once: the longest, then the earliest.

        The rubric's cues and a scenario's own cues are resolved apart, so a scenario's cue
        counts on top of the rubric's even on the same words ("my booking" is evidence to the
        rubric; "booking" is the scenario's tactic).
        """
        general = len(self.rubric.cues)
        hits.sort(key=lambda hit: (hit.start - hit.end, hit.start, hit.cue))
        kept: list[_Hit] = []
        # Per dimension (and rubric or scenario), the spans taken so far, sorted and disjoint.
        taken: dict[tuple[Dimension, bool], list[tuple[int, int]]] = {}
        for hit in hits:
            spans = taken.setdefault((self.cues[hit.cue].dimension, hit.cue < general), [])
            place = bisect.bisect_left(spans, (hit.start, hit.end))
            if place > 0 and spans[place - 1][1] > hit.start:
                continue  # overlaps the span before it
            if place < len(spans) and spans[place][0] < hit.end:
                continue  # overlaps the span after it
            spans.insert(place, (hit.start, hit.end))
            kept.append(hit)
        return kept

    def _negated_by(self, hit: _Hit, tokens: list[Token], clauses: list[int]) -> str | None:
        if hit.first_word < 0 or not self.cues[hit.cue].negatable:
            return None
        first = hit.first_word
        for index in range(first - 1, max(first - 1 - self._window, -1), -1):
            token = tokens[index]
            if clauses[index] != clauses[first] or token.word in _SCOPE_ENDERS:
                return None
            if token.word in self._negators:
                return token.word
        return None

    def _without_sarcastic_praise(
        self, text: str, hits: list[_Hit], parts: list[features.Sentence]
    ) -> tuple[list[_Hit], list[VoidedCue]]:
        sarcasm = [hit for hit in hits if self.cues[hit.cue].voids]
        if not sarcasm:
            return hits, []
        kept: list[_Hit] = []
        voided: list[VoidedCue] = []
        for hit in hits:
            cue = self.cues[hit.cue]
            cause = next(
                (
                    other
                    for other in sarcasm
                    if cue.weight > 0
                    and self.cues[other.cue].dimension == cue.dimension
                    and _same_sentence(hit, other, parts)
                ),
                None,
            )
            if cause is None:
                kept.append(hit)
            else:
                quoted = text[cause.start : cause.end]
                voided.append(self._voided(text, hit, f"sarcastic next to {quoted!r}"))
        return kept, voided

    def _voided(self, text: str, hit: _Hit, reason: str) -> VoidedCue:
        cue = self.cues[hit.cue]
        return VoidedCue(
            cue.dimension, cue.label, text[hit.start : hit.end], hit.start, hit.end, reason
        )


@cache
def _negating_words(rubric: Rubric) -> frozenset[str]:
    """The rubric's negating words, normalised as reply words are (worked out once)."""
    return frozenset(token.word for token in tokenize(" ".join(rubric.negation.words)))


def _same_sentence(one: _Hit, other: _Hit, parts: list[features.Sentence]) -> bool:
    for sentence in parts:
        if sentence.start <= other.start < sentence.end:
            return sentence.start <= one.start < sentence.end
    return False


def _clamp(raw: float, dimension: Dimension) -> int:
    base = NEUTRAL if dimension in TWO_SIDED else 0
    return max(0, min(100, round(base + raw)))


RUBRIC_FILE = "rubric.toml"


def load_rubric(text: str, path: Path) -> Rubric:
    """Parse and validate a rubric; a broken one raises RubricError with its problems."""
    document, problems = parse_toml(text, path)
    if document is None:
        raise RubricError(problems)
    rubric, problems = validate_document(document, Rubric)
    if rubric is None:
        raise RubricError(problems)
    return rubric


@cache
def default_rubric() -> Rubric:
    """The rubric shipped with the trainer (`trainer/scoring/rubric.toml`)."""
    source = resources.files("trainer.scoring").joinpath(RUBRIC_FILE)
    return load_rubric(source.read_text(encoding="utf-8"), Path(str(source)))


@cache
def default_scorer() -> Scorer:
    """A scorer with the default rubric and no extra cues."""
    return Scorer(default_rubric())
