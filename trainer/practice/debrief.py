"""What the debrief says about a finished call: the outcome in words, how it compares with
earlier attempts, a strong reply for each turn, and one concrete thing to do next time."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from trainer.call.dialogue import CallResult, Turn
from trainer.history.store import ABANDONED, SessionRow
from trainer.scenario.model import Scenario
from trainer.scoring.explain import DIMENSION_NAMES
from trainer.scoring.results import ReplyScore
from trainer.scoring.rubric import DIMENSIONS, Dimension
from trainer.scoring.scorer import Scorer, default_rubric, resolve_weights

CUT_OFF_TIP = "You cut the agent off, which costs politeness: let them finish before you reply."
RUDE_BELOW = 30
"""A reply this impolite is what next time's advice is about, before anything else."""


@dataclass(frozen=True)
class Earlier:
    """This person's earlier attempts at the scenario, as the debrief compares with them: the
    previous one, and the best of each score, both among the same calls (so a best is never
    below the previous)."""

    previous: SessionRow | None
    """The latest earlier call (None if there is none)."""
    best: Mapping[str, int] = field(default_factory=dict)
    """Each score (a dimension or overall) at its highest over those calls, each on its own:
    the best politeness may come from another call than the best overall."""

    def previous_score(self, column: str) -> int | None:
        """One score of the previous attempt (None if there is none)."""
        return self.previous.score(column) if self.previous is not None else None

    def best_score(self, column: str) -> int | None:
        """One score at its best (None if there is no earlier attempt)."""
        return self.best.get(column)


def earlier_attempts(sessions: Sequence[SessionRow], current_session: int | None) -> Earlier:
    """The previous attempt and the best scores among `sessions` (one scenario's calls, oldest
    first). Only scored calls the person ended count: not the call being debriefed, not one
    still going, not one abandoned when its trainer died (a part of a call)."""
    ended = [
        row
        for row in sessions
        if row.id != current_session
        and row.overall is not None
        and row.outcome not in (None, ABANDONED)
    ]
    if not ended:
        return Earlier(None)
    best = {}
    for column in (*DIMENSIONS, "overall"):
        scores = [score for row in ended if (score := row.score(column)) is not None]
        if scores:
            best[column] = max(scores)
    return Earlier(ended[-1], best)


def outcome_sentence(result: CallResult, scenario: Scenario) -> str:
    """The outcome in words, measured against the scenario's goal."""
    replies = len(result.turns)
    after = f"after {replies} {'reply' if replies == 1 else 'replies'}"
    if result.outcome == "win":
        return f"You won {after}. You got what you called for: {scenario.goal}"
    if result.outcome == "partial":
        return f"A partial win {after}: the agent gave some ground, but not all of it."
    if result.outcome == "loss":
        return f"You lost {after}: the call ended without what you called for."
    return f"You hung up {after}, before the call reached an outcome."


def model_reply(scenario: Scenario, node_id: str) -> str | None:
    """The scenario's strong reply at this point of the call, if its author wrote one."""
    node = scenario.nodes.get(node_id)
    return node.model_reply if node is not None else None


def next_time(
    result: CallResult, scenario: Scenario, scorer_at: Callable[[str], Scorer] | None = None
) -> str:
    """One concrete thing to do next time. In order: the rudest reply, if one was rude; a
    tactic the call missed, shown where the strong reply uses it; the turn where the strong
    reply beat the person's by the most (weighted as that point of the call weighs it), with
    the rubric's tip and that reply; else the turn that scored lowest on what it weighs most,
    with the tip."""
    if not result.turns:
        return (
            "Stay on the line: say who you are, what happened and what you want, "
            "and let the agent answer."
        )
    tips = default_rubric().tips
    rude = [turn for turn in result.turns if turn.score.scores["politeness"] < RUDE_BELOW]
    if rude:
        # Rudeness loses calls before tactics can win them: it comes first.
        turn = min(rude, key=lambda turn: (turn.score.scores["politeness"], turn.number))
        costs = sorted(
            {c.label for c in turn.score.cues if c.dimension == "politeness" and c.weight < 0}
        )
        why = f" ({'; '.join(costs)})" if costs else ""
        return (
            f"At turn {turn.number} your politeness fell to "
            f"{turn.score.scores['politeness']}{why}. {tips.for_dimension('politeness')}"
        )
    if scorer_at is not None:
        for label in result.tactics_missed:
            for turn in result.turns:
                model = model_reply(scenario, turn.node)
                if model is not None and label in _labels(scorer_at(turn.node).score(model)):
                    return (
                        f"At turn {turn.number} the strong reply {label}; you did not. "
                        f'Try it: "{model}"'
                    )
        gap = _biggest_gap(result.turns, scenario, scorer_at)
        if gap is not None:
            turn, dimension, model, model_score = gap
            name = DIMENSION_NAMES[dimension]
            tip = (
                CUT_OFF_TIP
                if dimension == "politeness" and turn.interrupted
                else tips.for_dimension(dimension)
            )
            return (
                f"At turn {turn.number} your {name} scored {turn.score.scores[dimension]}; "
                f'the strong reply scores {model_score}. {tip} The strong reply: "{model}"'
            )
    turn, dimension = _weakest_turn(result.turns, scenario)
    return (
        f"Your weakest moment was turn {turn.number}, where {DIMENSION_NAMES[dimension]} scored "
        f"{turn.score.scores[dimension]}. {tips.for_dimension(dimension)}"
    )


def _labels(score: ReplyScore) -> set[str]:
    return {cue.label for cue in score.cues}


def _biggest_gap(
    turns: Sequence[Turn], scenario: Scenario, scorer_at: Callable[[str], Scorer]
) -> tuple[Turn, Dimension, str, int] | None:
    """The turn and dimension where the strong reply beat the person's by the most weighted
    points, with that reply and its score (None if no strong reply did better anywhere)."""
    best: tuple[float, Turn, Dimension, str, int] | None = None
    for turn in turns:
        model = model_reply(scenario, turn.node)
        if model is None:
            continue
        model_scores = scorer_at(turn.node).score(model).scores
        weights = _weights_at(turn, scenario)
        for dimension in DIMENSIONS:
            gap = (model_scores[dimension] - turn.score.scores[dimension]) * weights[dimension]
            if gap > 0 and (best is None or gap > best[0]):
                best = (gap, turn, dimension, model, model_scores[dimension])
    return None if best is None else best[1:]


def _weights_at(turn: Turn, scenario: Scenario) -> dict[Dimension, float]:
    node = scenario.nodes.get(turn.node)
    return resolve_weights(
        default_rubric().weights, scenario.weights, node.weights if node else None
    )


def _shortfall(turn: Turn, dimension: Dimension, scenario: Scenario) -> float:
    """How far a turn's score is from full in `dimension`, times that dimension's weight there."""
    return (100 - turn.score.scores[dimension]) * _weights_at(turn, scenario)[dimension]


def focus_dimension(turn: Turn, scenario: Scenario) -> Dimension:
    """The dimension this reply most needed to do better in, given what its point in the call
    weighs most (the one a tip should be about)."""
    return max(DIMENSIONS, key=lambda dimension: _shortfall(turn, dimension, scenario))


def _weakest_turn(turns: Sequence[Turn], scenario: Scenario) -> tuple[Turn, Dimension]:
    """The turn and dimension with the largest weighted shortfall from a full score."""
    return max(
        ((turn, d) for turn in turns for d in DIMENSIONS),
        key=lambda item: (_shortfall(item[0], item[1], scenario), -item[0].number),
    )
