"""A score history made by hand: small scenarios, and finished or running calls saved through
the store, then dated (and scored) with plain SQL, for the progress and coach tests."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from trainer.history.store import Store
from trainer.scenario.model import Scenario
from trainer.scoring.rubric import DIMENSIONS


def make_scenario(
    scenario_id: str,
    title: str | None = None,
    difficulty: int = 1,
    weights: Mapping[str, float] | None = None,
    node_weights: Sequence[Mapping[str, float] | None] = (None,),
) -> Scenario:
    """A small valid scenario: one node per entry of `node_weights`, then an ending."""
    names = [f"step-{index}" for index in range(len(node_weights))]
    nodes: dict[str, Any] = {}
    for index, node_weight in enumerate(node_weights):
        following = names[index + 1] if index + 1 < len(names) else "end"
        nodes[names[index]] = {"say": "Go on.", "branches": [{"goto": following}]}
        if node_weight is not None:
            nodes[names[index]]["weights"] = dict(node_weight)
    nodes["end"] = {"say": "Goodbye.", "outcome": "win"}
    data: dict[str, Any] = {
        "id": scenario_id,
        "title": title or scenario_id.replace("-", " ").capitalize(),
        "company": "Example Co",
        "category": "refund",
        "difficulty": difficulty,
        "brief": "A charge you did not expect.",
        "goal": "A refund.",
        "start": names[0],
        "agent": {"name": "Sam"},
        "nodes": nodes,
    }
    if weights is not None:
        data["weights"] = dict(weights)
    return Scenario.model_validate(data)


class DatedHistory:
    """A score history in a temp folder, filled through the Store with dates set by hand."""

    def __init__(self, folder: Path) -> None:
        self.store = Store(folder)
        self._raw = sqlite3.connect(self.store.path, isolation_level=None)
        self._raw.execute("PRAGMA synchronous = NORMAL")
        self._scenarios: dict[tuple[str, str | None], Scenario] = {}

    def close(self) -> None:
        """Close both connections."""
        self._raw.close()
        self.store.close()

    def add(
        self,
        scenario_id: str,
        day: date,
        outcome: str = "win",
        overall: int = 60,
        scores: Sequence[int] | None = None,
        title: str | None = None,
        at: str = "12:00:00",
    ) -> int:
        """Record a finished call on `day` (at `at`, UTC); scores default to `overall`."""
        scenario = self._scenarios.get((scenario_id, title))
        if scenario is None:
            scenario = self._scenarios[scenario_id, title] = make_scenario(scenario_id, title)
        session_id = self.store.start_session(scenario, "hash", seed=0, mode="text")
        values = scores if scores is not None else [overall] * len(DIMENSIONS)
        # A call given no reply is not kept by the store: these synthetic calls are
        # finished and scored with plain SQL.
        self._raw.execute(
            "UPDATE sessions SET started_at = ?, ended_at = ?, day = ?, outcome = ?, "
            "politeness = ?, firmness = ?, evidence = ?, open_questions = ?, overall = ? "
            "WHERE id = ?",
            (
                f"{day}T{at}Z",
                f"{day}T{at}Z",
                day.isoformat(),
                outcome,
                *values,
                overall,
                session_id,
            ),
        )
        return session_id

    def start(self, scenario_id: str, day: date) -> int:
        """A call that is still running (no outcome, no scores)."""
        session_id = self.store.start_session(make_scenario(scenario_id), "hash", 0, "text")
        self._raw.execute(
            "UPDATE sessions SET started_at = ?, day = ? WHERE id = ?",
            (f"{day}T12:00:00Z", day.isoformat(), session_id),
        )
        return session_id
