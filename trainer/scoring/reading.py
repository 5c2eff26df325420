"""Reading one sentence: its cues, what stops each from counting, and its acts — from one
tokenisation and one phrase walk. A cue never spans sentences, so a sentence read once is
read for good: the scorer keeps what each sentence gave, and a reply being typed pays only
for the sentence that changed.

What stops a cue, each a general rule over the sentence's structure:
- negation before it in its clause ("I'm not going to say thank you"), or right after it
  ("a manager isn't what I need"); a courtesy refused that way is rude (`refused`);
- a courtesy talked about rather than said ("please is the last word you'll hear");
- words that mean something else (a rubric `reading`: "how are you going to fix this");
- a word said of the caller themself (`aimed`: "I'm useless with apps");
- hedging or giving in before "but"/"still" (what follows carries the sentence), or after
  the "or" of an ultimatum ("refund it or I'm done");
- thanks or praise aimed at a bad outcome (`ironic`: "thanks for losing my parcel");
- contempt beside it: sarcasm, insults and threats silence the credit of their sentence
  (`voids`, `silences`), and make its question rhetorical (`hostile`).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import NamedTuple

from trainer.scoring import features
from trainer.scoring.acts import Context, FoundAct, read_acts
from trainer.scoring.compiled import Block, Hit, Walk
from trainer.scoring.language_data import ActRule
from trainer.scoring.lexicon import Lexicon
from trainer.scoring.matching import Token, tokenize
from trainer.scoring.rubric import Cue, Dimension, Reading, SpecialCue
from trainer.scoring.senses import (
    after_irony_word,
    aimed_at_bad_outcome,
    said_of_themself,
    talked_about,
)


class Counted(NamedTuple):
    """A cue that counts in a sentence: what it is, where, and its points before repeats."""

    dimension: Dimension
    label: str
    start: int
    end: int
    weight: float
    needs_specific: bool = False
    specific: bool = False


class Voided(NamedTuple):
    """A cue that matched but does not count, and why."""

    dimension: Dimension
    label: str
    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class SentenceReading:
    """What one sentence gave: spans count from the sentence's own start."""

    counted: tuple[Counted, ...]
    voided: tuple[Voided, ...]
    acts: tuple[FoundAct, ...]
    is_open: bool
    yes_no: tuple[tuple[int, int], ...]
    maybe_ironic: tuple[Counted, ...]
    """Praise said with "oh", "wow", "just": sarcasm if the reply complains."""
    after_complaint: tuple[Counted, ...]
    """Praise that is the whole sentence ("Bravo."): sarcasm after a sentence that complains."""
    complains: bool
    """Whether the sentence names a bad outcome or is rude."""


EMPTY = SentenceReading((), (), (), False, (), (), (), False)

_FINDERS = {
    "shouting": features.shouting,
    "imperative": features.imperatives,
    "direct_question": features.direct_questions,
    "code_alone": features.code_alone,
}


class SentenceReader:
    """Reads sentences with a language's cues, acts and readings plus a scenario's cues."""

    def __init__(
        self,
        cues: Sequence[Cue],
        blocks: Sequence[Block],
        lexicon: Lexicon,
        acts: Sequence[ActRule],
        readings: Sequence[Reading],
        sarcasm: SpecialCue,
        refused: SpecialCue,
        general: int,
    ) -> None:
        self.cues, self.blocks, self.lexicon = cues, blocks, lexicon
        self.acts, self.readings = acts, readings
        self.sarcasm, self.refused = sarcasm, refused
        self.general = general
        """How many of the cues are the language's own (the rest are a scenario's)."""
        self._features = [f for block in blocks for f in block.features]
        self._act_cues: dict[str, list[int]] = {}
        for index, cue in enumerate(cues):
            if cue.act is not None:
                self._act_cues.setdefault(cue.act, []).append(index)

    def read(
        self, text: str, pattern_hits: list[Hit], act_pattern_hits: Sequence[Hit] = ()
    ) -> SentenceReading:
        """Read one sentence, given its patterns' hits (searched by the scorer)."""
        tokens = tokenize(text)
        if not tokens:
            return EMPTY
        lexicon = self.lexicon
        reply = features.analyse_sentence(text, lexicon, tokens)
        sentence = reply.sentences[0]
        clauses = list(accumulate(map(int, reply.breaks)))
        openings = reply.openings()
        context = Context(tokens, clauses, sentence, openings, lexicon)
        walk = Walk([], [], {}, {}, [])
        for block in self.blocks:
            block.walk(tokens, self.cues, self.acts, walk)
        if self.acts and lexicon.asides:
            self.blocks[0].walk_acts_without(tokens, lexicon.asides, self.acts, walk)
        starts = [token.start for token in tokens] if act_pattern_hits else []
        for hit in act_pattern_hits:
            first = bisect.bisect_right(starts, hit.start) - 1
            last = bisect.bisect_left(starts, hit.end) - 1
            walk.acts.append(hit._replace(first_word=max(first, 0), words=max(last - first + 1, 1)))
        acts = read_acts(walk, self.acts, context)
        is_open = reply.open_flags()[0]

        hits = [
            hit
            for hit in walk.cues
            if not self.cues[hit.owner].opening or hit.first_word in openings
        ]
        for act in acts:
            hits += [
                Hit(i, act.start, act.end, *_words_of(act.start, act.end, tokens))
                for i in self._act_cues.get(act.act, ())
            ]
        hits = self._longest_per_dimension(hits + pattern_hits)
        for index, feature in self._features:
            if feature == "open_question" and is_open:
                hits.append(Hit(index, sentence.start, sentence.end))
            elif feature in _FINDERS:
                hits += [Hit(index, start, end) for start, end in _FINDERS[feature](reply)]
        hits.sort(key=lambda hit: (hit.start, hit.end, hit.owner))
        return self._judge(text, hits, walk, context, acts, is_open)

    def _judge(
        self,
        text: str,
        hits: list[Hit],
        walk: Walk,
        context: Context,
        acts: list[FoundAct],
        is_open: bool,
    ) -> SentenceReading:
        cues, lexicon, tokens = self.cues, self.lexicon, context.tokens
        counted: list[tuple[Hit, Counted]] = []
        voided: list[Voided] = []
        silenced_clauses: set[int] = set()

        def void(hit: Hit, reason: str) -> None:
            cue = cues[hit.owner]
            voided.append(Voided(cue.dimension, cue.label, hit.start, hit.end, reason))

        for hit in hits:
            cue = cues[hit.owner]
            reason = self._stopped(text, hit, cue, walk, context)
            if reason is None:
                counted.append((hit, _counted(cue, hit)))
                continue
            void(hit, reason)
            if cue.refused and reason.startswith("refused"):
                counted.append(
                    (
                        hit,
                        Counted(
                            "politeness",
                            self.refused.label,
                            hit.start,
                            hit.end,
                            self.refused.weight,
                        ),
                    )
                )
                silenced_clauses.add(context.clauses[hit.first_word])

        # What follows "but" carries the sentence; the "or" of an ultimatum is its threat.
        # (Unless the sentence asks: "sorry to bother you, but is a refund possible?")
        asks = context.sentence.ends_with_question_mark
        turns = [t for t in tokens if t.word in lexicon.contrast and not asks]
        consequences = [t for t in tokens if t.word in lexicon.consequence]
        kept: list[tuple[Hit, Counted]] = []
        for hit, item in counted:
            cue = cues[hit.owner]
            weakens = item.dimension == "firmness" and item.weight < 0
            if weakens and any(t.start >= hit.end and t.end < tokens[-1].start for t in turns):
                word = next(t.word for t in turns if t.start >= hit.end)
                voided.append(_as_voided(item, f"outweighed by what follows {word!r}"))
                continue
            if weakens and any(t.end <= hit.start for t in consequences):
                voided.append(_as_voided(item, "the threat of an ultimatum, not giving in"))
                continue
            if (
                item.dimension == "firmness"
                and item.weight > 0
                and hit.first_word >= 0
                and context.clauses[hit.first_word] in silenced_clauses
            ):
                voided.append(_as_voided(item, "part of a refused courtesy"))
                continue
            if (
                cue is not None
                and cue.ironic
                and item.weight > 0
                and aimed_at_bad_outcome(hit, context)
            ):
                voided.append(_as_voided(item, "sarcastic: thanks or praise for a bad outcome"))
                kept.append(
                    (
                        hit,
                        Counted(
                            "politeness",
                            self.sarcasm.label,
                            hit.start,
                            hit.end,
                            self.sarcasm.weight,
                        ),
                    )
                )
                continue
            kept.append((hit, item))

        # Contempt silences the credit of its sentence and makes its question rhetorical.
        silenced: dict[Dimension, str] = {}
        hostile = None
        for hit, item in kept:
            cue = cues[hit.owner]
            quoted = text[hit.start : hit.end]
            if item.label == self.sarcasm.label and item.weight < 0:
                silenced.setdefault("politeness", quoted)
            if cue.voids:
                silenced.setdefault(cue.dimension, quoted)
            for dimension in cue.silences:
                silenced.setdefault(dimension, quoted)
            if cue.hostile and hostile is None:
                hostile = quoted
        if hostile is not None:
            silenced.setdefault("open_questions", hostile)
            is_open = False
        final: list[Counted] = []
        maybe_ironic: list[Counted] = []
        after_complaint: list[Counted] = []
        for hit, item in kept:
            cause = silenced.get(item.dimension)
            if cause is not None and item.weight > 0:
                voided.append(_as_voided(item, f"sarcastic or hostile next to {cause!r}"))
                continue
            final.append(item)
            cue = cues[hit.owner]
            if cue.ironic and item.label == cue.label:
                if after_irony_word(hit, context):
                    maybe_ironic.append(item)  # "Oh marvellous, charged twice."
                elif not cue.refused and len(tokens) <= 3:
                    after_complaint.append(item)  # "... since spring. Fantastic work."
        if "firmness" in silenced:
            acts = [act for act in acts if act.act != "escalate"]  # a threat is not a next step
        complains = any(t.word in lexicon.bad_outcomes for t in tokens) or any(
            item.dimension == "politeness" and item.weight <= -10 for item in final
        )
        yes_no = (
            ((context.sentence.start, context.sentence.end),)
            if not is_open and features.is_yes_no_question(context.sentence, lexicon)
            else ()
        )
        return SentenceReading(
            tuple(final),
            tuple(sorted(voided, key=lambda v: (v.start, v.end))),
            tuple(acts),
            is_open,
            yes_no,
            tuple(maybe_ironic),
            tuple(after_complaint),
            complains,
        )

    def _stopped(self, text: str, hit: Hit, cue: Cue, walk: Walk, context: Context) -> str | None:
        """Why a cue's match does not count, or None when it counts."""
        if hit.first_word < 0:
            return None
        lexicon = context.lexicon
        for reading_hit in walk.readings:
            reading = self.readings[reading_hit.owner]
            if (
                cue.dimension in reading.blocks
                and reading_hit.start < hit.end
                and hit.start < reading_hit.end
            ):
                return f"part of {text[reading_hit.start : reading_hit.end]!r}: {reading.means}"
        last = hit.first_word + hit.words - 1
        if cue.negatable:
            negator = context.negator_before(hit.first_word)
            if negator is not None:
                if cue.refused and negator in lexicon.refusing_words:
                    return f"refused with {negator!r}"
                return f"negated by {negator!r}"
            after = context.negator_after(last)
            if after is not None:
                return f"negated by {after!r}"
        if cue.dimension == "politeness" and cue.weight > 0 and talked_about(last, context):
            return "talked about, not said"
        if cue.aimed and said_of_themself(hit.first_word, context):
            return "said of themself, not of the agent"
        return None

    def _longest_per_dimension(self, hits: list[Hit]) -> list[Hit]:
        """Overlapping matches in one dimension count once: the longest, then the earliest.

        The rubric's cues and a scenario's own cues are resolved apart, so a scenario's cue
        counts on top of the rubric's even on the same words ("my booking" is evidence to
        the rubric; "booking" is the scenario's tactic)."""
        hits.sort(key=lambda hit: (hit.start - hit.end, hit.start, hit.owner))
        kept: list[Hit] = []
        taken: dict[tuple[Dimension, bool], list[tuple[int, int]]] = {}
        for hit in hits:
            cue = self.cues[hit.owner]
            spans = taken.setdefault((cue.dimension, hit.owner < self.general), [])
            if any(start < hit.end and hit.start < end for start, end in spans):
                continue
            spans.append((hit.start, hit.end))
            kept.append(hit)
        return kept


def _words_of(start: int, end: int, tokens: list[Token]) -> tuple[int, int]:
    """The first word and the number of words of the span start..end."""
    inside = [i for i, token in enumerate(tokens) if start <= token.start < end]
    return (inside[0], len(inside)) if inside else (-1, 0)


def _counted(cue: Cue, hit: Hit) -> Counted:
    specific = cue.dimension == "evidence" and cue.weight > 0 and not cue.needs_specific
    return Counted(
        cue.dimension, cue.label, hit.start, hit.end, cue.weight, cue.needs_specific, specific
    )


def _as_voided(item: Counted, reason: str) -> Voided:
    return Voided(item.dimension, item.label, item.start, item.end, reason)
