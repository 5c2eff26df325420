"""The score history: every call and every turn, kept in a SQLite database.

Each turn is committed the moment it is scored, so a crash or a closed terminal never loses a
finished turn; a call whose process died is marked `abandoned` (ended at its last turn) the
next time a trainer opens the store. A call given no reply is not kept: it holds no practice.
Opening, checking and migrating the file is `database.py`'s work; the aggregate
reads of the progress figures are in `queries.py`.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trainer.call.dialogue import CallResult, Turn
from trainer.history.database import DATABASE_NAME, Database, HistoryError, now
from trainer.history.processes import process_identity, still_playing
from trainer.history.schema import SESSION_COLUMNS, TURN_COLUMNS
from trainer.scenario.model import Scenario
from trainer.scoring.rubric import DIMENSIONS, Dimension

ABANDONED = "abandoned"


@dataclass(frozen=True)
class SessionRow:
    """One stored call."""

    id: int
    scenario_id: str
    scenario_title: str
    scenario_hash: str
    seed: int
    mode: str
    started_at: str
    ended_at: str | None
    outcome: str | None
    politeness: int | None
    firmness: int | None
    evidence: int | None
    open_questions: int | None
    overall: int | None

    def score(self, dimension: Dimension | str) -> int | None:
        """One of the four dimensions, or overall."""
        value: int | None = getattr(self, dimension)
        return value


class Store:
    """The score history in `<folder>/scores.db`; use as a context manager or call close().
    With `read_only`, nothing is created or written (for a history on read-only media)."""

    def __init__(self, folder: Path, read_only: bool = False) -> None:
        self.path = folder / DATABASE_NAME
        self.read_only = read_only
        """Opened only to read the history as it is (see `history_read_only`)."""
        try:
            if not read_only:
                folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise HistoryError(
                f"cannot create the scores folder {folder}: {error.strerror or error}"
            ) from None
        self.database = Database(self.path, read_only)
        """The connection every statement runs through (for the queries of this folder)."""

    def check_sound(self) -> None:
        """Read the whole database once (SQLite's quick check): damage found here stops the
        trainer before it writes anything into a damaged file."""
        self.database.check_sound()

    def close(self) -> None:
        """Close the database."""
        self.database.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # Writing ---------------------------------------------------------------------------

    def start_session(self, scenario: Scenario, content_hash: str, seed: int, mode: str) -> int:
        """Record the start of a call; returns its session id."""
        started = now()
        with self.database.writing() as connection:
            cursor = connection.execute(
                "INSERT INTO sessions (scenario_id, scenario_title, scenario_hash, seed, mode, "
                "pid, owner, started_at, day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    scenario.id,
                    scenario.title,
                    content_hash,
                    seed,
                    mode,
                    os.getpid(),
                    process_identity(os.getpid()),
                    started,
                    started[:10],
                ),
            )
            return int(cursor.lastrowid or 0)

    def add_turn(self, session_id: int, turn: Turn) -> None:
        """Save one scored turn, committed at once."""
        score = turn.score
        with self.database.writing() as connection:
            connection.execute(
                f"INSERT INTO turns ({', '.join(TURN_COLUMNS)}, saved_at) "
                f"VALUES ({', '.join('?' * (len(TURN_COLUMNS) + 1))})",
                (
                    session_id,
                    turn.number,
                    turn.node,
                    turn.speaker,
                    turn.agent_line,
                    turn.reply,
                    *(score.scores[d] for d in DIMENSIONS),
                    score.overall,
                    json.dumps([cue.as_json() for cue in score.cues], ensure_ascii=False),
                    int(turn.interrupted),
                    turn.branch,
                    turn.next_node,
                    now(),
                ),
            )

    def finish_session(self, session_id: int, result: CallResult) -> None:
        """Record how a call ended and its scores; a call given no reply is not kept (it
        holds no practice)."""
        scores = [*(result.scores[d] for d in DIMENSIONS), result.overall]
        with self.database.writing() as connection:
            if _drop_if_empty(connection, session_id):
                return
            connection.execute(
                "UPDATE sessions SET ended_at = ?, outcome = ?, politeness = ?, firmness = ?, "
                "evidence = ?, open_questions = ?, overall = ? WHERE id = ?",
                (now(), result.outcome, *scores, session_id),
            )

    def mark_abandoned(self) -> int:
        """Close the calls whose process died mid-call, scored on their saved turns and ended
        when their last turn was saved; one that died before its first reply is dropped."""
        unfinished = self.database.read("SELECT id, pid, owner FROM sessions WHERE outcome IS NULL")
        dead = [row[0] for row in unfinished if not still_playing(int(row[1]), row[2])]
        if not dead:
            return 0  # the usual case: nothing to write, so no need to check the whole file
        with self.database.writing() as connection:
            for session_id in dead:
                if _drop_if_empty(connection, session_id):
                    continue
                rows = connection.execute(
                    "SELECT politeness, firmness, evidence, open_questions, overall "
                    "FROM turns WHERE session_id = ?",
                    (session_id,),
                ).fetchall()
                # Rounded as a finished call's scores are (Python's round), so an abandoned
                # call and the same call hung up score alike.
                values = [round(sum(column) / len(rows)) for column in zip(*rows, strict=True)]
                # Turns saved before saved_at existed leave the start as the best known end.
                connection.execute(
                    "UPDATE sessions SET ended_at = coalesce(ended_at, "
                    "(SELECT max(saved_at) FROM turns WHERE session_id = sessions.id), "
                    "started_at), outcome = ?, politeness = ?, firmness = ?, evidence = ?, "
                    "open_questions = ?, overall = ? WHERE id = ? AND outcome IS NULL",
                    (ABANDONED, *values, session_id),
                )
            return len(dead)

    # Reading ---------------------------------------------------------------------------

    def sessions(self, scenario_id: str | None = None, last: int | None = None) -> list[SessionRow]:
        """Stored calls, oldest first (the last `last` of them, if given)."""
        where = "WHERE scenario_id = ?" if scenario_id is not None else ""
        parameters: list[Any] = [scenario_id] if scenario_id is not None else []
        limit = ""
        if last is not None:
            limit = "LIMIT ?"
            parameters.append(last)
        rows = self.database.read(
            f"SELECT * FROM (SELECT {', '.join(SESSION_COLUMNS)} FROM sessions {where} "
            f"ORDER BY started_at DESC, id DESC {limit}) ORDER BY started_at, id",
            parameters,
        )
        return [SessionRow(*row) for row in rows]

    def turns(self, session_id: int) -> list[dict[str, Any]]:
        """The stored turns of one call, in order."""
        rows = self.database.read(
            f"SELECT {', '.join(TURN_COLUMNS)} FROM turns WHERE session_id = ? ORDER BY number",
            [session_id],
        )
        return [dict(zip(TURN_COLUMNS, row, strict=True)) for row in rows]

    def all_turns(self) -> Iterator[dict[str, Any]]:
        """Every stored turn, by session then number."""
        rows = self.database.each(
            f"SELECT {', '.join(TURN_COLUMNS)} FROM turns ORDER BY session_id, number"
        )
        for row in rows:
            yield dict(zip(TURN_COLUMNS, row, strict=True))

    def snapshot(self) -> AbstractContextManager[None]:
        """Reads inside see one moment of the database, even while another trainer writes."""
        return self.database.snapshot()


def _drop_if_empty(connection: sqlite3.Connection, session_id: int) -> bool:
    """Delete the session if it has no turn; whether it was deleted."""
    cursor = connection.execute(
        "DELETE FROM sessions WHERE id = ? AND NOT EXISTS "
        "(SELECT 1 FROM turns WHERE session_id = ?)",
        (session_id, session_id),
    )
    return cursor.rowcount > 0
