"""The scenario file format: pydantic models of a scripted call, and checks of its graph.

A scenario is a graph of nodes. The agent says a node's line; the customer replies; the
first branch whose `when` condition holds for that reply names the next node. A node with an
`outcome` ends the call. Conditions are data that read aloud: `when = { politeness = "< 30" }`
is "when politeness is below 30".
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Self, TypeAlias

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
    model_validator,
)

from trainer.scoring.rubric import Cue, Phrases, Weights
from trainer.support.models import NonBlank, StrictModel, listify, non_blank_schema, one_or_many
from trainer.support.problems import show_value

Outcome = Literal["win", "partial", "loss"]
"""How a call can end by the script; the engine adds `hung_up` when the customer leaves."""

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

_OPERATORS: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}
_COMPARISON = re.compile(r"^\s*(<=|>=|==|!=|<|>)\s*(-?\d+)\s*$")


@dataclass(frozen=True)
class Comparison:
    """A test of one number against a threshold, written `"< 30"` or `">= 70"`."""

    operator: str
    value: int

    def holds(self, actual: float) -> bool:
        """Whether `actual` passes this comparison."""
        return _OPERATORS[self.operator](actual, self.value)

    def __str__(self) -> str:
        return f"{self.operator} {self.value}"


def _comparison_parser(low: int, high: int, what: str) -> Callable[[Any], Comparison]:
    """A validator for comparisons whose subject ranges over low..high."""

    def parse(value: Any) -> Comparison:
        if isinstance(value, Comparison):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            comparison = Comparison("==", value)
        elif isinstance(value, str) and (match := _COMPARISON.match(value)):
            comparison = Comparison(match.group(1), int(match.group(2)))
        else:
            raise ValueError(
                f'expected a comparison such as "< 30", ">= 70" or "== 3", got {show_value(value)}'
            )
        if not any(comparison.holds(n) for n in range(low, high + 1)):
            raise ValueError(f'"{comparison}" can never hold: {what} runs from {low} to {high}')
        return comparison

    return parse


def _comparison_schema(what: str) -> WithJsonSchema:
    return WithJsonSchema(
        {
            "anyOf": [{"type": "string", "pattern": _COMPARISON.pattern}, {"type": "integer"}],
            "description": f'A comparison of {what}, such as "< 30" or ">= 70".',
        }
    )


ScoreComparison: TypeAlias = Annotated[
    Comparison,
    PlainValidator(_comparison_parser(0, 100, "a score")),
    PlainSerializer(str, return_type=str),
    _comparison_schema("a score"),
]
TurnComparison: TypeAlias = Annotated[
    Comparison,
    PlainValidator(_comparison_parser(1, 100, "the turn number")),
    PlainSerializer(str, return_type=str),
    _comparison_schema("the turn number"),
]


class Condition(StrictModel):
    """When a branch is taken. Every key given must hold (they are joined by "and")."""

    politeness: ScoreComparison | None = None
    """The reply's politeness, 0 to 100: 50 when the reply shows nothing either way."""
    firmness: ScoreComparison | None = None
    """The reply's firmness, 0 to 100: 50 when the reply shows nothing either way."""
    evidence: ScoreComparison | None = None
    """The reply's evidence (amounts, dates, reference numbers...), 0 to 100: 0 without any."""
    open_questions: ScoreComparison | None = None
    """How well the reply asks an open question, 0 to 100: 0 when it asks none."""
    overall: ScoreComparison | None = None
    """The reply's overall score, 0 to 100: the four dimensions, weighted by `weights`."""
    turn: TurnComparison | None = None
    """The customer's reply number in this call, counting from 1."""
    mentions: Phrases | None = None
    """The reply mentions at least one of these phrases (matched fuzzily)."""
    all_of: Annotated[tuple[Condition, ...], Field(min_length=1)] | None = Field(
        default=None, alias="all"
    )
    """Every one of these conditions holds."""
    any_of: Annotated[tuple[Condition, ...], Field(min_length=1)] | None = Field(
        default=None, alias="any"
    )
    """At least one of these conditions holds."""
    not_: Condition | None = Field(default=None, alias="not")
    """This condition does not hold."""

    @model_validator(mode="after")
    def _says_something(self) -> Self:
        if all(value is None for value in self.__dict__.values()):
            raise ValueError("an empty condition; leave out `when` to make this the default branch")
        return self


class Branch(StrictModel):
    """Where the call goes after a reply: to `goto`, when `when` holds (or always, without it)."""

    when: Condition | None = None
    """When this branch is taken; leave it out on the last branch, the default."""
    goto: NonBlank
    """The name of the node the call goes to."""


def _slug(value: str) -> str:
    if not is_valid_id(value):
        raise ValueError(
            f"{show_value(value)} is not a valid id: use lower-case letters, digits and hyphens, "
            'like "seats-apart"'
        )
    return value


ID_MAX_LENGTH = 64

Slug = Annotated[
    str,
    Field(max_length=ID_MAX_LENGTH),
    AfterValidator(_slug),
    WithJsonSchema({"type": "string", "pattern": SLUG.pattern, "maxLength": ID_MAX_LENGTH}),
]


def is_valid_id(text: str) -> bool:
    """Whether `text` can be a scenario id: a slug of at most 64 characters."""
    return len(text) <= ID_MAX_LENGTH and SLUG.fullmatch(text) is not None


def _one_line_as_text(lines: tuple[str, ...]) -> str | list[str]:
    return lines[0] if len(lines) == 1 else list(lines)


AgentLines = Annotated[
    tuple[NonBlank, ...],
    BeforeValidator(listify),
    Field(min_length=1),
    PlainSerializer(_one_line_as_text),
    one_or_many(non_blank_schema()),
]
"""One line the agent says, or several variants of it."""


class Agent(StrictModel):
    """The company's representative the customer talks to."""

    name: NonBlank
    """The agent's name, as the call shows it: "Sam"."""
    persona: NonBlank | None = None
    """One line on how this agent behaves, shown in the briefing."""


class Node(StrictModel):
    """One moment in the call: what the agent says, and where each kind of reply leads."""

    say: AgentLines
    """What the agent says here; with several lines, one is picked per call (seeded)."""
    speaker: NonBlank | None = None
    """Who speaks from this node on, when not the scenario's agent (after a transfer:
    "Elaine (supervisor)"); nodes after it keep that speaker until one names another."""
    weights: Weights | None = None
    """How much each dimension counts for `overall` at this point of the call."""
    cues: tuple[Cue, ...] = ()
    """Extra cues for the scorer at this point, on top of the default rubric."""
    model_reply: NonBlank | None = None
    """What a skilled customer would say here, shown in the debrief."""
    branches: tuple[Branch, ...] = ()
    """Tried in order; the first whose `when` holds is taken. The last has no `when`."""
    outcome: Outcome | None = None
    """Set on the nodes that end the call."""


Score = Annotated[int, Field(ge=0, le=100, strict=True)]


class ScoreFloor(StrictModel):
    """The least a self-test's call must score, on the call's means (each key optional)."""

    politeness: Score | None = None
    """The least mean politeness, 0 to 100."""
    firmness: Score | None = None
    """The least mean firmness, 0 to 100."""
    evidence: Score | None = None
    """The least mean evidence, 0 to 100."""
    open_questions: Score | None = None
    """The least mean open-questions score, 0 to 100."""
    overall: Score | None = None
    """The least mean overall score, 0 to 100."""


class SelfTest(StrictModel):
    """A scripted call the scenario must pass; `trainer validate` plays it."""

    name: NonBlank
    """What the test shows, as failures name it: "gives in at the first no"."""
    replies: Annotated[tuple[NonBlank, ...], Field(min_length=1)]
    """The customer's replies in order; "/hangup" hangs up, and running out hangs up too."""
    outcome: Literal["win", "partial", "loss", "hung_up"]
    """How the call must end (hung_up: the replies ran out, or one was "/hangup")."""
    path: Annotated[tuple[NonBlank, ...], Field(min_length=1)] | None = None
    """The nodes the call must pass through, from the start node to the last one."""
    min_scores: ScoreFloor | None = None
    """The least the call's average scores must reach."""
    seed: Annotated[int, Field(ge=0, strict=True)] = 0
    """The seed of the agent's lines (it never changes where a call goes)."""


class Scenario(StrictModel):
    """A practice call: the situation, the goal, the agent, and the dialogue graph."""

    id: Slug
    """Lower-case letters, digits and hyphens, unique in the library: "late-refund"."""
    title: NonBlank
    """The title shown in the library."""
    company: NonBlank
    """The (fictional) company the agent works for."""
    category: NonBlank
    """The kind of situation: seats, refund, fee, warranty, runaround, billing, retention."""
    difficulty: Annotated[int, Field(ge=1, le=5, strict=True)]
    """From 1 (gentle) to 5 (hard); a number, not a string."""
    brief: NonBlank
    """The situation, told to the customer before the call."""
    goal: NonBlank
    """What the customer wants out of the call."""
    tips: tuple[NonBlank, ...] = ()
    """Tactics shown in the briefing, one per tip; they can be hidden for a harder run."""
    start: NonBlank
    """The name of the node the call starts at."""
    turn_limit: Annotated[int, Field(ge=1, le=100, strict=True)] = 12
    """After this many replies the agent closes the call, as a loss."""
    agent: Agent
    """The company's representative the customer talks to."""
    weights: Weights | None = None
    """How much each dimension counts for `overall` in this scenario."""
    cues: tuple[Cue, ...] = ()
    """Extra cues for the scorer throughout this scenario."""
    nodes: Annotated[dict[str, Node], Field(min_length=1)]
    """The dialogue graph: one table per node, [nodes.NAME]."""
    tests: tuple[SelfTest, ...] = ()
    """Scripted calls that `trainer validate` plays to check the scenario still works."""
