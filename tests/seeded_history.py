"""A score history played for real and moved to chosen days: the calls of a plan are played
through the dialogue engine, saved through the store, then dated with plain SQL."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from tests.conftest import TODAY
from tests.scenario_scripts import RUDE, VAGUE, play_model_replies, play_script
from trainer.call.dialogue import CallResult
from trainer.history.database import DATABASE_NAME
from trainer.history.store import Store
from trainer.scenario.library import Library
from trainer.scenario.model import Scenario

MODEL = ("model",)
"""Stands for "answer with the scenario's own model replies" in a plan."""
PLAN: tuple[tuple[int, str, tuple[str, ...]], ...] = (
    (20, "moving-fee", RUDE),
    (19, "moving-fee", VAGUE),
    (17, "seats-apart", VAGUE),
    (16, "moving-fee", MODEL),
    (13, "retention-bill", RUDE),
    (12, "seats-apart", MODEL),
    (10, "retention-bill", VAGUE),
    (9, "warranty-part", VAGUE),
    (7, "retention-bill", MODEL),
    (5, "warranty-part", MODEL),
    (4, "refund-after-cancelling", VAGUE),
    (2, "refund-after-cancelling", MODEL),
    (1, "moving-fee", MODEL),
    (0, "seats-apart", VAGUE),
)
"""Days before TODAY, scenario, script: a player getting better over three weeks, with gaps
and a three-day streak at the end."""


@dataclass(frozen=True)
class Played:
    """One seeded call: when, what, and how it went."""

    day: date
    scenario_id: str
    result: CallResult


def seed_history(
    folder: Path,
    library: Library,
    plan: Sequence[tuple[int, str, tuple[str, ...]]] = PLAN,
    title: str | None = None,
) -> list[Played]:
    """Play the calls of `plan` for real, store them, then move each to its day. A `title`
    replaces the stored title of every call (as if the scenario was renamed since)."""
    played: list[Played] = []
    cache: dict[tuple[str, tuple[str, ...]], CallResult] = {}
    with Store(folder) as store:
        for days_ago, scenario_id, script in plan:
            scenario = library.scenarios[scenario_id]
            result = cache.get((scenario_id, script))
            if result is None:
                result = cache[scenario_id, script] = play_plan(scenario, script)
            session = store.start_session(scenario, "hash", 0, "coach")
            for turn in result.turns:
                store.add_turn(session, turn)
            store.finish_session(session, result)
            day = TODAY - timedelta(days=days_ago)
            played.append(Played(day, scenario_id, result))
            with sqlite3.connect(folder / DATABASE_NAME) as raw:
                raw.execute(
                    "UPDATE sessions SET day = ?, started_at = ?, ended_at = ?, "
                    "scenario_title = coalesce(?, scenario_title) WHERE id = ?",
                    (day.isoformat(), f"{day}T12:00:00Z", f"{day}T12:10:00Z", title, session),
                )
            raw.close()
    return played


def play_plan(scenario: Scenario, script: tuple[str, ...]) -> CallResult:
    """A whole call: the model replies, or a script repeated until the call ends."""
    return play_model_replies(scenario) if script == MODEL else play_script(scenario, script)
