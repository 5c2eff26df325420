"""A call as plain text: the transcript `trainer play` prints, turn by turn and at the end."""

from __future__ import annotations

import textwrap

from trainer.call.dialogue import CallResult, Turn
from trainer.scenario.model import Scenario
from trainer.scoring.explain import DIMENSION_NAMES
from trainer.scoring.results import ReplyScore
from trainer.scoring.rubric import DIMENSIONS
from trainer.support.terminal import visible

OUTCOME_WORDS = {
    "win": "win: you got what you called for",
    "partial": "partial: you got part of it",
    "loss": "loss: the call ended without it",
    "hung_up": "hung up: you ended the call",
}


def header(scenario: Scenario, seed: int) -> str:
    """The lines printed before the call starts."""
    title, company, goal = (_one_line(t) for t in (scenario.title, scenario.company, scenario.goal))
    return f"{title} ({company}, difficulty {scenario.difficulty}/5, seed {seed})\nGoal: {goal}"


def score_line(score: ReplyScore) -> str:
    """The four scores and overall on one line."""
    parts = [f"{DIMENSION_NAMES[d]} {score.scores[d]}" for d in DIMENSIONS]
    return " \u00b7 ".join([*parts, f"overall {score.overall}"])


def agent_says(speaker: str, line: str, width: int | None = None) -> str:
    """One line of the agent's, as the transcript shows it (wrapped to `width` if given)."""
    speaker = _one_line(speaker)
    said = f"{speaker}: {_one_line(line)}"
    if width is None:
        return said
    indent = " " * (len(speaker) + 2)
    return "\n".join(textwrap.wrap(said, width=max(width, 40), subsequent_indent=indent))


def turn_lines(turn: Turn) -> str:
    """The customer's reply and its scores, as the transcript shows them."""
    cut_off = " (cut the agent off)" if turn.interrupted else ""
    return (
        f"You: {_one_line(turn.reply)}{cut_off}\n"
        f"     [{score_line(turn.score)} \u2192 {_one_line(turn.next_node)}]"
    )


def transcript(scenario: Scenario, result: CallResult) -> str:
    """The whole call: header, every exchange, the outcome and the call's scores."""
    lines = [header(scenario, result.seed), ""]
    for turn in result.turns:
        lines += [agent_says(turn.speaker, turn.agent_line), turn_lines(turn)]
    if result.closing_line is not None:
        lines.append(agent_says(result.closing_speaker, result.closing_line))
    lines += ["", summary(result)]
    return "\n".join(lines)


def summary(result: CallResult) -> str:
    """The outcome, the call's scores and the tactics used and missed."""
    at = _one_line(result.final_node)
    scores = " \u00b7 ".join(f"{DIMENSION_NAMES[d]} {result.scores[d]}" for d in DIMENSIONS)
    return "\n".join(
        [
            f"Outcome: {OUTCOME_WORDS[result.outcome]} (after {len(result.turns)} "
            f"{'reply' if len(result.turns) == 1 else 'replies'}, at {at})",
            f"Call scores: {scores} \u00b7 overall {result.overall}",
            f"Tactics used: {_one_line('; '.join(result.tactics_used)) or 'none'}",
            f"Tactics missed: {_one_line('; '.join(result.tactics_missed)) or 'none'}",
        ]
    )


def _one_line(text: str) -> str:
    """Scenario or reply text on one line: runs of white space become one space, and every
    character a terminal could act on is shown as an escape (`\\x1b`), never sent."""
    return " ".join(visible(text).split())
