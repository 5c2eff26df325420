"""The score database's schema: its numbered migrations, in order, and the columns of its
two tables as the store reads and writes them. A migration, once released, never changes:
the schema grows by adding the next one."""

from __future__ import annotations

from trainer.scoring.rubric import DIMENSIONS

MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "sessions and turns",
        """
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            scenario_id TEXT NOT NULL,
            scenario_title TEXT NOT NULL,
            scenario_hash TEXT NOT NULL,
            seed INTEGER NOT NULL,
            mode TEXT NOT NULL,
            pid INTEGER NOT NULL,
            started_at TEXT NOT NULL,
            ended_at TEXT,
            outcome TEXT,
            politeness INTEGER,
            firmness INTEGER,
            evidence INTEGER,
            open_questions INTEGER,
            overall INTEGER
        );
        CREATE TABLE turns (
            session_id INTEGER NOT NULL REFERENCES sessions (id),
            number INTEGER NOT NULL,
            node TEXT NOT NULL,
            speaker TEXT NOT NULL,
            agent_line TEXT NOT NULL,
            reply TEXT NOT NULL,
            politeness INTEGER NOT NULL,
            firmness INTEGER NOT NULL,
            evidence INTEGER NOT NULL,
            open_questions INTEGER NOT NULL,
            overall INTEGER NOT NULL,
            cues TEXT NOT NULL,
            interrupted INTEGER NOT NULL,
            branch INTEGER,
            next_node TEXT NOT NULL,
            PRIMARY KEY (session_id, number)
        );
        """,
    ),
    (
        "a day column and indexes for progress queries",
        """
        ALTER TABLE sessions ADD COLUMN day TEXT;
        UPDATE sessions SET day = substr(started_at, 1, 10);
        CREATE INDEX sessions_by_day
            ON sessions (day, politeness, firmness, evidence, open_questions, overall);
        CREATE INDEX sessions_by_scenario ON sessions (scenario_id, started_at);
        CREATE INDEX sessions_unfinished ON sessions (outcome) WHERE outcome IS NULL;
        """,
    ),
    (
        "who is playing a call: the process and when it started",
        """
        ALTER TABLE sessions ADD COLUMN owner TEXT;
        """,
    ),
    (
        "when each turn was saved, so that an abandoned call ends at its last turn",
        """
        ALTER TABLE turns ADD COLUMN saved_at TEXT;
        """,
    ),
)
"""Numbered from 1 by their place here; never reorder or edit one that has shipped."""

READABLE_AS_IS = 3
"""The oldest schema a history on read-only media can be read in without upgrading it: the
migrations after it add only what saving uses (each turn's `saved_at`)."""

SESSION_COLUMNS = (
    "id",
    "scenario_id",
    "scenario_title",
    "scenario_hash",
    "seed",
    "mode",
    "started_at",
    "ended_at",
    "outcome",
    *DIMENSIONS,
    "overall",
)
TURN_COLUMNS = (
    "session_id",
    "number",
    "node",
    "speaker",
    "agent_line",
    "reply",
    *DIMENSIONS,
    "overall",
    "cues",
    "interrupted",
    "branch",
    "next_node",
)
