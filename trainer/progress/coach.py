"""The coach: which scenario to practise next, and why, in one sentence.

Each scenario comes back on a spaced-repetition schedule from its own history: one never
played is due now; after a loss, an abandoned call or a hang-up it is due the next day; after
a partial win, two days later; after wins, at growing intervals. Among the scenarios due, the
coach picks the one that trains the weakest skill of the latest calls the most. When nothing is
due, it names the one due soonest, but never a scenario just won today while another has not
been won today too: there is more to gain from any other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from trainer.history.store import Store
from trainer.progress.summary import ProgressSummary, ScenarioRecord, progress_summary
from trainer.scenario.model import Scenario
from trainer.scoring.rubric import Dimension
from trainer.scoring.scorer import default_rubric, resolve_weights

SETBACK_INTERVAL_DAYS = 1
PARTIAL_INTERVAL_DAYS = 2
WIN_INTERVAL_DAYS = (1, 3, 7, 14, 30)
"""Days until a won scenario is due, after the 1st, 2nd, 3rd... win in a row (then 30)."""
DEFAULT_WEIGHT = 1.0
"""A dimension's weight when nothing sets it; a scenario "trains" a dimension it weighs more."""


@dataclass(frozen=True)
class Recommendation:
    """The scenario to practise next and why."""

    scenario_id: str
    reason: str
    """One sentence, shown to the player."""
    due: date
    """When the scenario fell (or falls) due."""


def recommend(
    scenarios: Sequence[Scenario], played: Store | ProgressSummary, today: date
) -> Recommendation | None:
    """The scenario to practise next from `scenarios`, given what was played (a store, or its
    progress summary); None if there are no scenarios."""
    if not scenarios:
        return None
    summary = (
        played
        if isinstance(played, ProgressSummary)
        else progress_summary(played, [scenario.id for scenario in scenarios], today)
    )
    if not summary.has_history:
        easiest = min(scenarios, key=lambda scenario: (scenario.difficulty, scenario.id))
        return Recommendation(
            easiest.id,
            f"{_quoted(easiest.title)} is the easiest scenario "
            f"(difficulty {easiest.difficulty} of 5), so start there.",
            today,
        )
    focus = summary.weakest.dimension if summary.weakest is not None else None
    records = {scenario.id: summary.record(scenario.id) for scenario in scenarios}
    due = {scenario.id: due_date(records[scenario.id], today) for scenario in scenarios}

    def training(scenario: Scenario) -> tuple[float, int, str]:
        """Sort key: most emphasis on the focus first, then easier, then by id."""
        weight = round(emphasis(scenario, focus), 9) if focus is not None else 0.0
        return (-weight, scenario.difficulty, scenario.id)

    # A scenario won today is not due today (a win is next due a day later at the earliest);
    # it waits until every other one is won today too.
    won_today = {s.id for s in scenarios if _won_on(records[s.id], today)}
    others = [scenario for scenario in scenarios if scenario.id not in won_today] or scenarios
    ready = [scenario for scenario in others if due[scenario.id] <= today]
    # Build up gradually: nothing more than a level above the hardest scenario won.
    ceiling = _reach(scenarios, records)
    ready = [scenario for scenario in ready if scenario.difficulty <= ceiling] or ready
    if ready:
        chosen = min(ready, key=training)
        status = _status(records[chosen.id], due_now=True)
        if focus is not None and emphasis(chosen, focus) > DEFAULT_WEIGHT:
            reason = (
                f"Your weakest skill lately is {_label(focus)}, and {_quoted(chosen.title)} "
                f"trains it; {status}."
            )
        else:
            reason = f"Play {_quoted(chosen.title)} next: {status}."
        return Recommendation(chosen.id, reason, due[chosen.id])
    chosen = min(others, key=lambda scenario: (due[scenario.id], *training(scenario)))
    when = due[chosen.id]
    set_aside = won_today if chosen.id not in won_today else set()
    # Said when a scenario set aside comes up sooner than the one chosen.
    sooner = any(due[scenario_id] < when for scenario_id in set_aside)
    return Recommendation(
        chosen.id,
        f"{'Besides what you won today, nothing' if sooner else 'Nothing'} is due until "
        f"{_day(when, today)}, and {_quoted(chosen.title)} comes up first: "
        f"{_status(records[chosen.id], due_now=False)}.",
        when,
    )


def _won_on(record: ScenarioRecord | None, today: date) -> bool:
    """Whether the scenario's latest call was won today (or later: a clock put back)."""
    return record is not None and record.latest_outcome == "win" and record.latest_day >= today


def _reach(scenarios: Sequence[Scenario], records: dict[str, ScenarioRecord | None]) -> int:
    """The hardest level to suggest: one above the hardest scenario won the last time it was
    played (two, before any win)."""
    won = [
        scenario.difficulty
        for scenario in scenarios
        if (record := records[scenario.id]) is not None and record.latest_outcome == "win"
    ]
    return max(won, default=1) + 1


def due_date(record: ScenarioRecord | None, today: date) -> date:
    """When a scenario with this history is next due (`today` if it was never played)."""
    if record is None:
        return today
    if record.latest_outcome == "win":
        step = min(record.consecutive_wins, len(WIN_INTERVAL_DAYS))
        interval = WIN_INTERVAL_DAYS[max(step, 1) - 1]
    elif record.latest_outcome == "partial":
        interval = PARTIAL_INTERVAL_DAYS
    else:
        interval = SETBACK_INTERVAL_DAYS
    return record.latest_day + timedelta(days=interval)


def emphasis(scenario: Scenario, dimension: Dimension) -> float:
    """How much `dimension` counts in a scenario: its weight averaged over the reply nodes."""
    # A node's weight overrides the scenario's, which overrides the default; nodes with an
    # outcome end the call and score no reply, so they are left out.
    nodes = [node for node in scenario.nodes.values() if node.outcome is None]
    if not nodes:
        nodes = list(scenario.nodes.values())
    rubric = default_rubric().weights
    total = sum(
        resolve_weights(rubric, scenario.weights, node.weights)[dimension] for node in nodes
    )
    return float(total) / len(nodes)


def _status(record: ScenarioRecord | None, due_now: bool) -> str:
    """What happened last time, as a clause: "you lost it last time"."""
    if record is None:
        return "you have not played it yet"
    outcome = record.latest_outcome
    if outcome == "win":
        wins = record.consecutive_wins
        said = "you won it last time" if wins <= 1 else f"you have won it {wins} times in a row"
        return f"{said}, so it is due for a review" if due_now else said
    said = {
        "partial": "you won it only in part last time",
        "loss": "you lost it last time",
        "abandoned": "you left it unfinished last time",
        "hung_up": "you hung up on it last time",
    }.get(outcome, f"it ended as {outcome} last time")
    return f"{said}, so it is due again" if due_now else said


def _quoted(title: str) -> str:
    """A title inside a sentence, in quotation marks so that it reads as a name."""
    return f"\u201c{title}\u201d"


def _label(dimension: Dimension) -> str:
    return dimension.replace("_", " ")


def _day(when: date, today: date) -> str:
    return "tomorrow" if when == today + timedelta(days=1) else when.isoformat()
