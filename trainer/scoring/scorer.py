"""Scoring one reply: which cues fire, which do not count and why, the four scores, and the
acts the reply performs.

Politeness and firmness start at a neutral 50; evidence and open questions start at 0. Each
cue that fires adds its weight to its dimension; a cue with the same label firing again adds
half as much as the time before, so stuffing one keyword cannot max out a dimension. What
stops a cue from counting is read sentence by sentence (`trainer.scoring.reading`): negation,
sarcasm, contempt, a hedge outweighed by what follows "but". A few things need the whole
reply: only yes/no questions, praise made ironic by a complaint in another sentence, and
evidence that counts only beside a checkable specific. Scores are clamped to 0..100;
`overall` is the mean of the four weighted by the rubric, scenario and node weights.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from functools import cache

from trainer.scoring.compiled import Block
from trainer.scoring.features import sentence_spans
from trainer.scoring.language_data import Words
from trainer.scoring.lexicon import Lexicon
from trainer.scoring.loading import RubricError, default_rubric
from trainer.scoring.patterns import PatternLimits
from trainer.scoring.reading import Counted, SentenceReader, SentenceReading, Voided
from trainer.scoring.results import FiredCue, ReadAct, ReplyScore, VoidedCue
from trainer.scoring.rubric import DIMENSIONS, Act, Cue, Dimension, Rubric, Weights
from trainer.scoring.searching import PatternSearch

__all__ = ["RubricError", "Scorer", "default_rubric", "default_scorer", "resolve_weights"]

TWO_SIDED: frozenset[Dimension] = frozenset({"politeness", "firmness"})
"""Dimensions that start at a neutral 50 and move both ways; the others start at 0."""
NEUTRAL = 50
REPEAT_FACTOR = 0.5
"""Each repeat of a cue is worth this much of the one before."""
SENTENCES_KEPT = 4096
"""How many sentences a scorer remembers the reading of (a call's replies, a typed draft)."""


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
        blocks = [
            Block(
                rubric.cues,
                0,
                rubric.real_words,
                authored=False,
                acts=rubric.acts,
                readings=rubric.readings,
            )
        ]
        if extra:
            blocks.append(Block(extra, len(rubric.cues), rubric.real_words))
        self._setup(rubric, (*rubric.cues, *extra), tuple(blocks), tuple(weights))
        _warm_up()
        # Read a few replies now, so that the first real reply is read as fast as the tenth.
        for reply in rubric.words.warm_up:
            self.score(reply)
        self.forget_sentences()

    def _setup(
        self,
        rubric: Rubric,
        cues: tuple[Cue, ...],
        blocks: tuple[Block, ...],
        weight_layers: tuple[Weights | None, ...],
    ) -> None:
        self.rubric = rubric
        self.cues = cues
        self._blocks = blocks
        self._search = PatternSearch(
            cues,
            [pattern for block in blocks for pattern in block.patterns],
            blocks[0].act_patterns,
        )
        self._weight_layers = weight_layers
        self.weights = resolve_weights(rubric.weights, *weight_layers)
        self._total_weight = sum(self.weights.values())
        self._reader = SentenceReader(
            cues,
            blocks,
            _lexicon(rubric.words),
            rubric.acts,
            rubric.readings,
            rubric.sarcasm,
            rubric.refused_courtesy,
            len(rubric.cues),
        )
        self._yes_no_cues = [
            index for index, cue in enumerate(cues) if cue.feature == "yes_no_only"
        ]
        self._read: dict[tuple[str, int], SentenceReading] = {}

    def extended(self, cues: Iterable[Cue], *weights: Weights | None) -> Scorer:
        """This scorer with more cues and more weight overrides (a scenario's, a node's).

        The cues already compiled are shared, so extending costs only the new cues.
        """
        more = tuple(cues)
        blocks = self._blocks
        if more:
            blocks = (*blocks, Block(more, len(self.cues), self.rubric.real_words))
        scorer = object.__new__(Scorer)
        scorer._setup(self.rubric, (*self.cues, *more), blocks, (*self._weight_layers, *weights))
        return scorer

    def score(self, text: str, limits: PatternLimits | None = None) -> ReplyScore:
        """Score one reply; sentences read before (by this scorer) are not read again."""
        # A scenario's patterns share one time budget for the reply (a call's limits, or
        # this reply's own when no call keeps them).
        limits = limits if limits is not None else PatternLimits()
        deadline = time.monotonic() + limits.reply_seconds
        spans = sentence_spans(text)
        keys = [(text[start:end], len(limits.disabled)) for start, end in spans]
        known = [self._read.get(key) for key in keys]
        new = [index for index, reading in enumerate(known) if reading is None]
        if new:
            # Which patterns can match: checked once, on the new text only (a reply being
            # typed has one new sentence, the one at the cursor).
            admitted = self._search.admitted(keys[new[0]][0] if len(new) == 1 else text)
            for index in new:
                sentence = keys[index][0]
                found = self._search.in_sentence(sentence, admitted, limits, deadline)
                reading = self._reader.read(sentence, *found)
                if time.monotonic() < deadline:  # a reading cut short is not kept
                    if len(self._read) >= SENTENCES_KEPT:
                        self._read.clear()
                    self._read[keys[index]] = reading
                known[index] = reading
        readings = [
            (start, reading)
            for (start, _), reading in zip(spans, known, strict=True)
            if reading is not None
        ]
        return self._combine(text, readings)

    def forget_sentences(self) -> None:
        """Forget the sentences read so far (to measure reading afresh)."""
        self._read.clear()

    def with_extra_cue(self, result: ReplyScore, cue: FiredCue) -> ReplyScore:
        """`result` with one more cue counted, such as interrupting the agent."""
        return self._assemble(result.text, [*result.cues, cue], list(result.voided), result.acts)

    def _combine(self, text: str, readings: list[tuple[int, SentenceReading]]) -> ReplyScore:
        """The reply from its sentences' readings, with the rules that need all of it."""
        # Each item with where it stands in the reply: (start, end, what).
        counted: list[tuple[int, int, Counted]] = []
        voided: list[tuple[int, int, Voided]] = []
        acts: list[tuple[ReadAct, frozenset[Act]]] = []  # each with the acts it yields to
        ironic: set[tuple[int, int]] = set()
        complains = any(reading.complains for _, reading in readings)
        any_open = any(reading.is_open for _, reading in readings)
        complained = False
        for offset, reading in readings:
            if reading.counted:
                counted += [(c.start + offset, c.end + offset, c) for c in reading.counted]
            if reading.voided:
                voided += [(v.start + offset, v.end + offset, v) for v in reading.voided]
            for act in reading.acts:
                start, end = act.start + offset, act.end + offset
                acts.append((ReadAct(act.act, text[start:end], start, end), act.yields))
            # Praise said with "oh", "wow" beside a complaint ("Oh marvellous, charged
            # twice"), or alone after one ("... since spring. Fantastic work.").
            if complains and reading.maybe_ironic:
                ironic.update((c.start + offset, c.end + offset) for c in reading.maybe_ironic)
            if complained and reading.after_complaint:
                ironic.update((c.start + offset, c.end + offset) for c in reading.after_complaint)
            complained = complained or reading.complains
            if reading.yes_no and not any_open:
                for start, end in reading.yes_no:
                    for index in self._yes_no_cues:
                        cue = self.cues[index]
                        item = Counted(cue.dimension, cue.label, start, end, cue.weight)
                        counted.append((start + offset, end + offset, item))
        # An act that yields to one read elsewhere in the reply gives way ("... Fine.").
        read = {act.act for act, _ in acts}
        performed = tuple(act for act, yields in acts if yields.isdisjoint(read - {act.act}))
        if ironic:
            sarcasm = self.rubric.sarcasm
            kept = []
            for start, end, item in counted:
                if (start, end) in ironic and item.weight > 0 and item.dimension == "politeness":
                    reason = "sarcastic: praise beside a complaint"
                    voided.append((start, end, Voided(*item[:4], reason)))
                    item = Counted("politeness", sarcasm.label, start, end, sarcasm.weight)
                kept.append((start, end, item))
            counted = kept
        if not any(item.specific for _, _, item in counted):
            vague = [entry for entry in counted if entry[2].needs_specific and entry[2].weight > 0]
            if vague:
                counted = [entry for entry in counted if entry not in vague]
                reason = "no checkable specific beside it"
                voided += [(s, e, Voided(*item[:4], reason)) for s, e, item in vague]
        counted.sort(key=lambda entry: (entry[0], entry[1]))
        voided.sort(key=lambda entry: (entry[0], entry[1]))

        # Repeats are counted per label: "cites an amount" twice is worth 1 + 1/2, whichever
        # of the rubric's amount patterns matched.
        repeats: dict[tuple[Dimension, str], int] = {}
        fired: list[FiredCue] = []
        for start, end, item in counted:
            times = repeats.get((item.dimension, item.label), 0)
            repeats[(item.dimension, item.label)] = times + 1
            points = item.weight * REPEAT_FACTOR**times
            fired.append(FiredCue(item.dimension, item.label, text[start:end], start, end, points))
        void = [
            VoidedCue(v.dimension, v.label, text[start:end], start, end, v.reason)
            for start, end, v in voided
        ]
        return self._assemble(text, fired, void, performed)

    def _assemble(
        self,
        text: str,
        fired: Sequence[FiredCue],
        voided: Sequence[VoidedCue],
        acts: tuple[ReadAct, ...] = (),
    ) -> ReplyScore:
        """The scores that the fired cues add up to, clamped, and `overall` from them."""
        raw: dict[Dimension, float] = dict.fromkeys(DIMENSIONS, 0.0)
        for cue in fired:
            raw[cue.dimension] += cue.weight
        scores = {dimension: _clamp(raw[dimension], dimension) for dimension in DIMENSIONS}
        overall = sum(scores[d] * self.weights[d] for d in DIMENSIONS) / self._total_weight
        return ReplyScore(text, scores, round(overall), tuple(fired), tuple(voided), acts)


@cache
def _lexicon(words: Words) -> Lexicon:
    return Lexicon.of(words)


@cache
def _warm_up() -> None:
    """Load what the first typo lookup needs now, so the first reply is no slower than the
    tenth (importing rapidfuzz takes about 10 ms, and its first search about 0.3 ms more)."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    process.extract("warm", ["worm", "warn"], scorer=OSA.distance, score_cutoff=2, limit=None)


def _clamp(raw: float, dimension: Dimension) -> int:
    base = NEUTRAL if dimension in TWO_SIDED else 0
    return max(0, min(100, round(base + raw)))


@cache
def default_scorer() -> Scorer:
    """A scorer with the default rubric and no extra cues."""
    return Scorer(default_rubric())
