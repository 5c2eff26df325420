"""Searching a reply with the cues' and acts' regular expressions, sentence by sentence (a
cue never spans sentences): a pattern whose gate the whole reply fails is not run at all, one
that needs a digit not on a sentence without one; a scenario's patterns run within the call's
time limits."""

from __future__ import annotations

from collections.abc import Sequence

from trainer.scoring.compiled import Hit
from trainer.scoring.pattern_gate import fold, has_digit
from trainer.scoring.patterns import CASE_TRAPS, CompiledPattern, PatternLimits, search_limited
from trainer.scoring.rubric import Cue
from trainer.support.terminal import visible

Found = tuple[list[Hit], list[Hit]]
"""The hits of the cues' patterns, and of the acts' patterns."""
Admitted = tuple[list[CompiledPattern], list[CompiledPattern]]
"""The cues' patterns, and the acts' patterns, that may match."""


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

    def admitted(self, text: str) -> Admitted:
        """The patterns whose gate `text` (a whole reply) passes: the others cannot match
        in any of its sentences."""
        folded, digit = fold(text), has_digit(text)
        cues, acts = (
            [p for p in patterns if p.gate is None or p.gate.admits(folded, digit)]
            for patterns in self.kinds
        )
        return cues, acts

    def in_sentence(
        self, text: str, admitted: Admitted, limits: PatternLimits, deadline: float
    ) -> Found:
        """The hits of the admitted patterns in one sentence."""
        digit = has_digit(text)
        found: Found = ([], [])
        for kind, patterns in enumerate(admitted):
            # A pattern the reply admitted only for a digit cannot match a sentence without.
            chosen = [
                p for p in patterns if digit or p.gate is None or p.gate.strings or not p.gate.digit
            ]
            found[kind].extend(self._hits(chosen, text, limits, deadline))
        return found

    def _hits(
        self,
        patterns: Sequence[CompiledPattern],
        text: str,
        limits: PatternLimits,
        deadline: float,
    ) -> list[Hit]:
        if not patterns:
            return []
        lowered = text.lower()
        # Lower-casing keeps every index unless some letter lower-cases to two ("İ"), and
        # matches as IGNORECASE does unless the text has dotless i or long s.
        same_indices = len(lowered) == len(text) and not CASE_TRAPS.search(text)
        hits = []
        for pattern in patterns:
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
            hits += [Hit(pattern.cue, m.start(), m.end()) for m in matches if m.end() > m.start()]
        return hits
