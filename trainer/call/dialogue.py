"""A practice call as a state machine: the customer's reply in, a scored turn and the agent's
next line out.

A call starts at the scenario's start node. Each reply is scored with the default rubric plus
the scenario's and the current node's cues and weights; the first branch whose condition holds
decides the next node. A node with an outcome ends the call. The customer may hang up at any
time (`hung_up`); after the scenario's turn limit the agent closes the call as a loss. Agent
lines with variants are picked by a generator seeded per call: the same seed and the same
replies give the same transcript.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Final, Literal

from trainer.scenario.model import Condition, Node, Scenario
from trainer.scoring.matching import PhraseMatcher
from trainer.scoring.patterns import PatternLimits
from trainer.scoring.results import FiredCue, ReplyScore
from trainer.scoring.rubric import DIMENSIONS, Dimension
from trainer.scoring.scorer import Scorer, default_rubric, default_scorer

HUNG_UP: Final = "hung_up"
CallOutcome = Literal["win", "partial", "loss", "hung_up"]

INTERRUPTION_PENALTY: Final = 15
"""Politeness points a reply loses when it cuts the agent off (TACTICS: don't interrupt)."""
INTERRUPTION_LABEL: Final = "interrupts the agent"
HANG_UP_COMMAND: Final = "/hangup"
"""Typed as a reply (in text mode or a replies file), ends the call as `hung_up`."""


class CallOverError(Exception):
    """A reply was given after the call had ended."""


@dataclass(frozen=True)
class Turn:
    """One exchange: what the agent said, what the customer replied, its scores, where it led."""

    number: int
    """Counting from 1."""
    node: str
    speaker: str
    """Who said `agent_line`: the scenario's agent, or the node's own speaker."""
    agent_line: str
    reply: str
    score: ReplyScore
    interrupted: bool
    branch: int | None
    """The index of the branch taken among the node's branches (None if none held)."""
    next_node: str

    def as_json(self) -> dict[str, object]:
        """The turn as plain data."""
        return {
            "number": self.number,
            "node": self.node,
            "speaker": self.speaker,
            "agent_line": self.agent_line,
            "reply": self.reply,
            "interrupted": self.interrupted,
            **{key: value for key, value in self.score.as_json().items() if key != "text"},
            "branch": self.branch,
            "next_node": self.next_node,
        }


@dataclass(frozen=True)
class CallResult:
    """Everything about a finished (or abandoned) call."""

    scenario_id: str
    seed: int
    turns: tuple[Turn, ...]
    outcome: CallOutcome
    final_node: str
    closing_speaker: str
    closing_line: str | None
    """What the agent said last, when the call ended on the agent's side."""
    scores: Mapping[Dimension, int]
    """Each dimension's mean over the turns (neutral when nothing was said)."""
    overall: int
    tactics_used: tuple[str, ...]
    """The scenario's own cues (its tactics) that fired at least once."""
    tactics_missed: tuple[str, ...]

    def as_json(self) -> dict[str, object]:
        """The call as plain data, for `trainer play --json`."""
        return {
            "scenario": self.scenario_id,
            "seed": self.seed,
            "outcome": self.outcome,
            "final_node": self.final_node,
            "closing_speaker": self.closing_speaker,
            "closing_line": self.closing_line,
            "scores": {dimension: self.scores[dimension] for dimension in DIMENSIONS},
            "overall": self.overall,
            "tactics_used": list(self.tactics_used),
            "tactics_missed": list(self.tactics_missed),
            "turns": [turn.as_json() for turn in self.turns],
        }


@lru_cache(maxsize=512)
def _mention_matcher(phrases: tuple[str, ...]) -> PhraseMatcher:
    return PhraseMatcher(phrases, default_rubric().real_words)


def condition_holds(condition: Condition, score: ReplyScore, turn: int) -> bool:
    """Whether `condition` holds for a reply with `score`, given as the `turn`-th reply."""
    for dimension in DIMENSIONS:
        comparison = getattr(condition, dimension)
        if comparison is not None and not comparison.holds(score.scores[dimension]):
            return False
    if condition.overall is not None and not condition.overall.holds(score.overall):
        return False
    if condition.turn is not None and not condition.turn.holds(turn):
        return False
    if condition.mentions is not None and not _mention_matcher(condition.mentions).find(score.text):
        return False
    if condition.all_of is not None and not all(
        condition_holds(part, score, turn) for part in condition.all_of
    ):
        return False
    if condition.any_of is not None and not any(
        condition_holds(part, score, turn) for part in condition.any_of
    ):
        return False
    return condition.not_ is None or not condition_holds(condition.not_, score, turn)


def choose_branch(node: Node, score: ReplyScore, turn: int) -> tuple[int, str] | None:
    """The first branch of `node` whose condition holds: its index and its target."""
    for index, branch in enumerate(node.branches):
        if branch.when is None or condition_holds(branch.when, score, turn):
            return index, branch.goto
    return None


def tactic_labels(scenario: Scenario) -> tuple[str, ...]:
    """The labels of the scenario's own cues, scenario-wide then per node, each once."""
    labels = [cue.label for cue in scenario.cues]
    labels += [cue.label for node in scenario.nodes.values() for cue in node.cues]
    return tuple(dict.fromkeys(labels))


@dataclass
class Call:
    """One practice call in progress."""

    scenario: Scenario
    seed: int = 0
    scorer: Scorer | None = None
    """The base scorer (default: the shipped rubric); the scenario's cues are added to it."""
    node: str = field(init=False)
    speaker: str = field(init=False, default="")
    """Who is speaking for the company now."""
    agent_line: str = field(init=False, default="")
    """What the agent is saying now."""
    outcome: CallOutcome | None = field(init=False, default=None)
    closing_line: str | None = field(init=False, default=None)
    turns: list[Turn] = field(init=False, default_factory=list)
    pattern_limits: PatternLimits = field(init=False, default_factory=PatternLimits)
    """The time the scenario's patterns have on each reply, and those too slow to use."""
    _rng: random.Random = field(init=False, repr=False)
    _scenario_scorer: Scorer = field(init=False, repr=False)
    _node_scorers: dict[str, Scorer] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)
        base = self.scorer if self.scorer is not None else default_scorer()
        self._scenario_scorer = base.extended(self.scenario.cues, self.scenario.weights)
        self._enter(self.scenario.start)

    @property
    def finished(self) -> bool:
        """Whether the call has ended."""
        return self.outcome is not None

    def scorer_here(self) -> Scorer:
        """The scorer for a reply at the current node (scenario and node cues included)."""
        return self.scorer_at(self.node)

    def scorer_at(self, node_id: str) -> Scorer:
        """The scorer for a reply at node `node_id` (scenario and node cues included)."""
        scorer = self._node_scorers.get(node_id)
        if scorer is None:
            node = self.scenario.nodes[node_id]
            scorer = self._scenario_scorer.extended(node.cues, node.weights)
            self._node_scorers[node_id] = scorer
        return scorer

    def preview(self, text: str) -> ReplyScore:
        """How `text` would score if sent now, without sending it (live meters)."""
        return self.scorer_here().score(text, self.pattern_limits)

    def reply(self, text: str, interrupted: bool = False) -> Turn:
        """Send the customer's reply: score it, follow the branch, and move the call on."""
        if self.finished:
            raise CallOverError("the call has ended")
        node = self.scenario.nodes[self.node]
        scorer = self.scorer_here()
        score = scorer.score(text, self.pattern_limits)
        if interrupted:
            score = scorer.with_extra_cue(
                score,
                FiredCue("politeness", INTERRUPTION_LABEL, "", 0, 0, -INTERRUPTION_PENALTY),
            )
        number = len(self.turns) + 1
        chosen = choose_branch(node, score, number)
        branch, target = chosen if chosen is not None else (None, self.node)
        turn = Turn(
            number,
            self.node,
            self.speaker,
            self.agent_line,
            text,
            score,
            interrupted,
            branch,
            target,
        )
        self.turns.append(turn)
        self._enter(target)
        if not self.finished and number >= self.scenario.turn_limit:
            self.outcome = "loss"
            self.closing_line = (
                f"I'm sorry, I don't think there's anything more I can do on this call. "
                f"Thank you for calling {self.scenario.company}."
            )
            self.agent_line = self.closing_line
        return turn

    def hang_up(self) -> None:
        """The customer ends the call; nothing happens if it has already ended."""
        if not self.finished:
            self.outcome = HUNG_UP

    def result(self) -> CallResult:
        """The call so far as a result (an unfinished call counts as hung up)."""
        turns = tuple(self.turns)
        if turns:
            scores = {
                d: round(sum(t.score.scores[d] for t in turns) / len(turns)) for d in DIMENSIONS
            }
            overall = round(sum(t.score.overall for t in turns) / len(turns))
        else:
            silence = self._scenario_scorer.score("")
            scores, overall = dict(silence.scores), silence.overall
        tactics = tactic_labels(self.scenario)
        fired = {cue.label for turn in turns for cue in turn.score.cues}
        return CallResult(
            scenario_id=self.scenario.id,
            seed=self.seed,
            turns=turns,
            outcome=self.outcome if self.outcome is not None else HUNG_UP,
            final_node=self.node,
            closing_speaker=self.speaker,
            closing_line=self.closing_line,
            scores=scores,
            overall=overall,
            tactics_used=tuple(label for label in tactics if label in fired),
            tactics_missed=tuple(label for label in tactics if label not in fired),
        )

    def _enter(self, node_id: str) -> None:
        self.node = node_id
        node = self.scenario.nodes[node_id]
        # A transfer changes who speaks until the next node that names someone else.
        self.speaker = node.speaker or self.speaker or self.scenario.agent.name
        # A real agent asked again rephrases: never the same line twice in a row.
        fresh = [line for line in node.say if line != self.agent_line]
        self.agent_line = self._rng.choice(fresh or node.say)
        if node.outcome is not None:
            self.outcome = node.outcome
            self.closing_line = self.agent_line


def ended_by_turn_limit(scenario: Scenario, result: CallResult) -> bool:
    """Whether the call was ended by the scenario's turn limit, not by an ending node."""
    return (
        result.outcome == "loss"
        and len(result.turns) >= scenario.turn_limit
        and scenario.nodes[result.final_node].outcome is None
    )


def play(
    scenario: Scenario, replies: Sequence[str], seed: int = 0, scorer: Scorer | None = None
) -> CallResult:
    """Play a whole call with scripted replies. "/hangup", or running out, hangs up."""
    call = Call(scenario, seed, scorer)
    for text in replies:
        if call.finished:
            break
        if text.strip() == HANG_UP_COMMAND:
            call.hang_up()
            break
        call.reply(text)
    call.hang_up()
    return call.result()
