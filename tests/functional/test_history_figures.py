"""`trainer history` as a user reads it: its "Practise next" is not the scenario just won
today."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from tests.dated_history import DatedHistory
from tests.functional.commands import run
from trainer.history.database import DATABASE_NAME
from trainer.progress.coach import recommend
from trainer.scenario.library import default_folders, load_library
from trainer.support import paths


def test_practise_next_is_not_the_scenario_just_won_today() -> None:
    today = datetime.now(UTC).date()
    scenarios = list(load_library(default_folders()).scenarios.values())
    history = DatedHistory(paths.scores_dir())
    calls = {s.id: history.add(s.id, today, "loss", scores=[70, 70, 20, 60]) for s in scenarios}
    # Every scenario lost today: the coach names the one it would name again had that one
    # been won today instead.
    first = recommend(scenarios, history.store, today)
    assert first is not None
    history.close()
    with sqlite3.connect(paths.scores_dir() / DATABASE_NAME) as raw:
        raw.execute("UPDATE sessions SET outcome = 'win' WHERE id = ?", (calls[first.scenario_id],))
    raw.close()

    shown = run("history")

    assert shown.returncode == 0, shown.stderr
    [advice] = [line for line in shown.stdout.splitlines() if line.startswith("Practise next:")]
    assert f"(trainer play {first.scenario_id})" not in advice
    assert shown.stdout.rstrip().endswith("you lost it last time.")
