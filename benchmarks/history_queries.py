"""Speed of the score history with a large database: open, progress queries, one turn insert.

Builds (once per run, in a temp folder) a database with 100,000 sessions and 600,000 turns
spread over two years, then times:
- opening the store (schema check, migrations, marking abandoned calls),
- the progress queries the progress screen needs (`progress.progress_summary`), wall and CPU,
- the one-off check of the whole file before a process first writes (`Store.check_sound`),
- saving one turn (`Store.add_turn`, commit included), 200 times.
Targets (issue 5): progress queries under 50 ms in total, a turn insert under 5 ms.

Run: python benchmarks/history_queries.py [SESSIONS]
"""

from __future__ import annotations

import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from trainer.call.dialogue import Call
from trainer.history.database import DATABASE_NAME
from trainer.history.store import Store
from trainer.progress.summary import progress_summary
from trainer.scenario.library import load_scenario_file
from trainer.support import paths

OUTCOMES = ("win", "partial", "loss", "hung_up", "abandoned")


def build(folder: Path, sessions: int, turns_per_session: int, scenario_ids: list[str]) -> None:
    """Fill a new store with random but plausible sessions and turns, in one transaction."""
    Store(folder).close()
    rng = random.Random(5)
    start = datetime(2024, 11, 24, tzinfo=UTC)
    connection = sqlite3.connect(folder / DATABASE_NAME)
    session_rows = []
    turn_rows = []
    cues = json.dumps(
        [
            {
                "dimension": "politeness",
                "cue": "thanks the agent",
                "matched": "thanks",
                "start": 0,
                "end": 6,
                "weight": 20,
            }
        ]
    )
    for session_id in range(1, sessions + 1):
        when = start + timedelta(seconds=session_id * 2 * 365 * 86400 // sessions)
        stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
        scores = [rng.randint(0, 100) for _ in range(5)]
        session_rows.append(
            (
                session_id,
                rng.choice(scenario_ids),
                "A scenario",
                "0123456789abcdef",
                0,
                "replies",
                1,
                stamp,
                stamp,
                rng.choice(OUTCOMES),
                *scores,
                stamp[:10],
            )
        )
        for number in range(1, turns_per_session + 1):
            turn_rows.append(
                (
                    session_id,
                    number,
                    "node",
                    "Dana",
                    "An agent line.",
                    "A reply, thanks.",
                    *(rng.randint(0, 100) for _ in range(5)),
                    cues,
                    0,
                    0,
                    "next",
                    stamp,
                )
            )
    with connection:
        connection.executemany(
            "INSERT INTO sessions (id, scenario_id, scenario_title, scenario_hash, seed, mode, "
            "pid, started_at, ended_at, outcome, politeness, firmness, evidence, open_questions, "
            "overall, day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            session_rows,
        )
        connection.executemany(
            "INSERT INTO turns VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", turn_rows
        )
    connection.close()


def main() -> None:
    """Build the database and print the timings."""
    sessions = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    scenario_files = sorted(paths.shipped_scenarios_dir().glob("*.toml"))
    scenarios = [s for f in scenario_files if (s := load_scenario_file(f).scenario) is not None]
    ids = [s.id for s in scenarios]
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        started = time.perf_counter()
        build(folder, sessions, 6, ids)
        built = time.perf_counter() - started
        size = (folder / DATABASE_NAME).stat().st_size

        opens, queries, query_cpu = [], [], []
        for _ in range(5):
            started = time.perf_counter()
            store = Store(folder)
            store.mark_abandoned()
            opened = time.perf_counter()
            cpu = time.process_time()
            progress_summary(store, ids, datetime.now(UTC).date())
            query_cpu.append(time.process_time() - cpu)
            queries.append(time.perf_counter() - opened)
            opens.append(opened - started)
            store.close()

        store = Store(folder)
        started = time.perf_counter()
        store.check_sound()
        checked = time.perf_counter() - started
        call = Call(scenarios[0], seed=1)
        turn = call.reply("Hi, thanks for taking my call. My booking is QX7PLM.")
        session = store.start_session(scenarios[0], "0123456789abcdef", 1, "replies")
        inserts = []
        for _ in range(200):
            started = time.perf_counter()
            store.add_turn(session, turn)
            inserts.append(time.perf_counter() - started)
            turn = type(turn)(**{**turn.__dict__, "number": turn.number + 1})
        store.close()

    print(
        f"database: {sessions:,} sessions, {sessions * 6:,} turns, {size / 1e6:.0f} MB "
        f"(built in {built:.1f} s)"
    )
    print(
        "open the store (schema check, abandoned calls): "
        f"median {statistics.median(opens) * 1e3:.1f} ms"
    )
    print(
        f"progress queries (progress_summary): median {statistics.median(queries) * 1e3:.1f} ms, "
        f"worst of 5 {max(queries) * 1e3:.1f} ms   (target < 50 ms); "
        f"CPU median {statistics.median(query_cpu) * 1e3:.1f} ms"
    )
    print(
        f"check the whole file before the first write of a call (quick_check): "
        f"{checked * 1e3:.0f} ms"
    )
    print(
        f"save one turn, commit included: median {statistics.median(inserts) * 1e3:.2f} ms, "
        f"p99 {sorted(inserts)[int(0.99 * len(inserts))] * 1e3:.2f} ms   (target < 5 ms)"
    )


if __name__ == "__main__":
    main()
