"""What scoring one reply gives: the cues that counted, those that matched but earned
nothing (and why), and the scores; each as the `trainer score --json` contract spells it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from trainer.scoring.rubric import DIMENSIONS, Act, Dimension


@dataclass(frozen=True, slots=True)
class FiredCue:
    """A cue found in a reply: what it is, the text it matched, where, and its points."""

    dimension: Dimension
    label: str
    matched: str
    start: int
    end: int
    weight: float
    """The points it added to its dimension (negative when it took points away)."""

    def as_json(self) -> dict[str, object]:
        """The cue as the `trainer score --json` contract spells it."""
        return {
            "dimension": self.dimension,
            "cue": self.label,
            "matched": self.matched,
            "start": self.start,
            "end": self.end,
            "weight": _plain(self.weight),
        }


@dataclass(frozen=True, slots=True)
class VoidedCue:
    """A cue that matched but earned nothing, and the reason ("negated by 'not'")."""

    dimension: Dimension
    label: str
    matched: str
    start: int
    end: int
    reason: str


@dataclass(frozen=True, slots=True)
class ReadAct:
    """An act the reply performs ("refuse", "ask_supervisor"), and the words that show it."""

    act: Act
    matched: str
    start: int
    end: int

    def as_json(self) -> dict[str, object]:
        """The act as the `trainer score --json` contract spells it."""
        return {"act": self.act, "matched": self.matched, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class ReplyScore:
    """Everything about one scored reply."""

    text: str
    scores: Mapping[Dimension, int]
    overall: int
    cues: tuple[FiredCue, ...]
    voided: tuple[VoidedCue, ...]
    acts: tuple[ReadAct, ...] = ()
    """What the reply does, in reading order."""

    def weakest(self) -> Dimension:
        """The dimension with the lowest score (the first of equals, in the usual order)."""
        return min(DIMENSIONS, key=lambda dimension: self.scores[dimension])

    def as_json(self) -> dict[str, object]:
        """The reply as one object of the `trainer score --json` contract."""
        return {
            "text": self.text,
            "scores": {dimension: self.scores[dimension] for dimension in DIMENSIONS},
            "overall": self.overall,
            "cues": [cue.as_json() for cue in self.cues],
            "acts": [act.as_json() for act in self.acts],
        }


def _plain(value: float) -> float | int:
    rounded = round(float(value), 2)
    return int(rounded) if rounded.is_integer() else rounded
