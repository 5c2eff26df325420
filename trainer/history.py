"""The score history: a SQLite database that keeps every call and every turn.

Each turn is committed the moment it is scored, so a crash or a closed terminal never loses a
finished turn; a call whose process died is marked `abandoned` the next time a trainer opens
the store. The schema grows by numbered migrations (`history_schema.py`) recorded in the
database. A file that is not a score database, or one written by a newer trainer, is reported
and never changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from trainer.dialogue import CallResult, Turn
from trainer.history_schema import MIGRATIONS, SESSION_COLUMNS, TURN_COLUMNS
from trainer.processes import process_identity, still_playing
from trainer.scenario import Scenario
from trainer.scoring.rubric import DIMENSIONS, Dimension

DATABASE_NAME = "scores.db"
ABANDONED = "abandoned"
BUSY_TIMEOUT_SECONDS = 10.0


class HistoryError(Exception):
    """The score database cannot be used; the message says why and what was left alone."""


def now() -> str:
    """The current time in UTC, as stored: ISO 8601 with seconds."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def scenario_hash(text: str) -> str:
    """A short hash of a scenario file's content, to tell edited versions apart."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


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
    """The score history in `<folder>/scores.db`; use as a context manager or call close()."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / DATABASE_NAME
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise HistoryError(
                f"cannot create the scores folder {folder}: {error.strerror or error}"
            ) from None
        self._connection = self._open()
        self._sound = False

    def _open(self) -> sqlite3.Connection:
        try:
            existed = self.path.exists()
        except OSError as error:
            raise HistoryError(f"cannot open {self.path}: {error.strerror or error}") from None
        deadline = time.monotonic() + 2 * BUSY_TIMEOUT_SECONDS
        while True:
            try:
                connection = sqlite3.connect(
                    self.path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None
                )
            except sqlite3.Error as error:
                raise HistoryError(f"cannot open {self.path}: {error}") from None
            try:
                self._prepare(connection)
            except HistoryError:
                connection.close()
                raise
            except sqlite3.OperationalError as error:
                connection.close()
                # Two trainers creating the same new database at once: one waits its turn.
                if _busy(error) and time.monotonic() < deadline:
                    time.sleep(0.05)
                    continue
                raise self._unusable(error, existed) from None
            except sqlite3.DatabaseError as error:
                connection.close()
                raise self._unusable(error, existed) from None
            return connection

    def _prepare(self, connection: sqlite3.Connection) -> None:
        """Check that the file is ours and current, then bring its schema up to date."""
        # Reads first: a file that is not a SQLite database, or another program's, fails
        # here and is left exactly as it was.
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if tables and "migrations" not in tables:
            raise HistoryError(
                f"{self.path} is a SQLite database, but not a score history (it has tables "
                f"{', '.join(sorted(tables)[:3])}); it has not been changed. Use --scores-dir to "
                "keep scores elsewhere."
            )
        applied = self._applied(connection)
        self._check_not_newer(applied)
        journal = connection.execute("PRAGMA journal_mode").fetchone()[0]
        if tables and (journal != "wal" or applied < len(MIGRATIONS)):
            # About to change an existing file (its journal mode or its schema): make sure it
            # is sound first, so that a damaged file is reported exactly as it was.
            self._quick_check(connection)
        if journal != "wal":
            connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        connection.execute("PRAGMA foreign_keys = ON")
        if applied < len(MIGRATIONS):
            self._migrate(connection)  # it checks again once it holds the write lock

    def _unusable(self, error: sqlite3.Error, existed: bool) -> HistoryError:
        reason = " ".join(str(error).split())  # SQLite's reports can run over several lines
        if isinstance(error, sqlite3.OperationalError) and _busy(error):
            return HistoryError(
                f"{self.path} is busy: another program has held it for over "
                f"{BUSY_TIMEOUT_SECONDS:.0f} s ({reason}). Try again in a moment."
            )
        if "readonly" in reason.replace("-", "").replace(" ", "") or "read only" in reason:
            return HistoryError(
                f"{self.path} cannot be written here ({reason}); check the permissions of "
                "the file and its folder, or use --scores-dir to keep scores elsewhere."
            )
        if existed and "unable to open" in reason:
            # The file is there but SQLite cannot open it or make its journal beside it: the
            # folder or the file cannot be written, which says nothing about the file itself.
            return HistoryError(
                f"{self.path} cannot be opened here ({reason}); check the permissions of the "
                "file and its folder, or use --scores-dir to keep scores elsewhere."
            )
        what = "is not a score database, or is damaged" if existed else "cannot be created"
        return HistoryError(
            f"{self.path} {what} ({reason}); it has not been changed. Move it aside, or use "
            "--scores-dir to keep scores elsewhere."
        )

    def check_sound(self) -> None:
        """Read the whole database once (SQLite's quick check): damage found here stops the
        trainer before it writes anything into a damaged file."""
        if not self._sound:
            self._quick_check(self._connection)
            self._sound = True

    def _quick_check(self, connection: sqlite3.Connection) -> None:
        try:
            problems = connection.execute("PRAGMA quick_check(1)").fetchone()
        except sqlite3.OperationalError as error:
            raise self._unusable(error, True) from None
        except sqlite3.DatabaseError as error:
            raise self._unusable(error, True) from None
        if problems is None or problems[0] != "ok":
            detail = problems[0] if problems else "no answer"
            raise self._unusable(sqlite3.DatabaseError(detail), True)

    @staticmethod
    def _applied(connection: sqlite3.Connection) -> int:
        has_table = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'"
        ).fetchone()
        if not has_table:
            return 0
        row = connection.execute("SELECT max(number) FROM migrations").fetchone()
        return int(row[0] or 0)

    def _check_not_newer(self, applied: int) -> None:
        if applied > len(MIGRATIONS):
            raise HistoryError(
                f"{self.path} was written by a newer version of the trainer (schema {applied}, "
                f"this one knows {len(MIGRATIONS)}); it has not been changed. Upgrade the "
                "trainer, or use --scores-dir to keep scores elsewhere."
            )

    def _migrate(self, connection: sqlite3.Connection) -> None:
        with _immediate(connection):
            connection.execute(
                "CREATE TABLE IF NOT EXISTS migrations "
                "(number INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            applied = self._applied(connection)
            for number, (name, script) in enumerate(MIGRATIONS, start=1):
                if number <= applied:
                    continue
                for statement in _statements(script):
                    connection.execute(statement)
                connection.execute(
                    "INSERT INTO migrations (number, name, applied_at) VALUES (?, ?, ?)",
                    (number, name, now()),
                )

    def close(self) -> None:
        """Close the database."""
        self._connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # Writing ---------------------------------------------------------------------------

    def start_session(self, scenario: Scenario, content_hash: str, seed: int, mode: str) -> int:
        """Record the start of a call; returns its session id."""
        started = now()
        with self._writing() as connection:
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
        with self._writing() as connection:
            connection.execute(
                f"INSERT INTO turns ({', '.join(TURN_COLUMNS)}) "
                f"VALUES ({', '.join('?' * len(TURN_COLUMNS))})",
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
                ),
            )

    def finish_session(self, session_id: int, result: CallResult) -> None:
        """Record how a call ended and its scores."""
        # A call with no reply has no scores (as an abandoned one), rather than neutral ones
        # that would pull every trend towards 50.
        scores = [*(result.scores[d] for d in DIMENSIONS), result.overall]
        with self._writing() as connection:
            connection.execute(
                "UPDATE sessions SET ended_at = ?, outcome = ?, politeness = ?, firmness = ?, "
                "evidence = ?, open_questions = ?, overall = ? WHERE id = ?",
                (
                    now(),
                    result.outcome,
                    *(scores if result.turns else [None] * len(scores)),
                    session_id,
                ),
            )

    def mark_abandoned(self) -> int:
        """Close the calls whose process died mid-call, scored on their saved turns."""
        unfinished = self._read("SELECT id, pid, owner FROM sessions WHERE outcome IS NULL")
        dead = [row[0] for row in unfinished if not still_playing(int(row[1]), row[2])]
        if not dead:
            return 0  # the usual case: nothing to write, so no need to check the whole file
        with self._writing() as connection:
            for session_id in dead:
                rows = connection.execute(
                    "SELECT politeness, firmness, evidence, open_questions, overall "
                    "FROM turns WHERE session_id = ?",
                    (session_id,),
                ).fetchall()
                # Rounded as a finished call's scores are (Python's round), so an abandoned
                # call and the same call hung up score alike.
                values = [
                    round(sum(column) / len(rows)) if rows else None
                    for column in zip(*rows, strict=True)
                ] or [None] * 5
                connection.execute(
                    "UPDATE sessions SET ended_at = coalesce(ended_at, ?), outcome = ?, "
                    "politeness = ?, firmness = ?, evidence = ?, open_questions = ?, "
                    "overall = ? WHERE id = ? AND outcome IS NULL",
                    (now(), ABANDONED, *values, session_id),
                )
            return len(dead)

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        self.check_sound()
        try:
            with _immediate(self._connection):
                yield self._connection
        except sqlite3.OperationalError as error:
            if _busy(error) or "readonly" in str(error).replace(" ", ""):
                raise self._unusable(error, True) from None
            raise HistoryError(f"cannot save to {self.path}: {error}") from None
        except sqlite3.DatabaseError as error:
            raise self._unusable(error, True) from None

    # Reading ---------------------------------------------------------------------------

    def sessions(self, scenario_id: str | None = None, last: int | None = None) -> list[SessionRow]:
        """Stored calls, oldest first (the last `last` of them, if given)."""
        where = "WHERE scenario_id = ?" if scenario_id is not None else ""
        parameters: list[Any] = [scenario_id] if scenario_id is not None else []
        limit = ""
        if last is not None:
            limit = "LIMIT ?"
            parameters.append(last)
        rows = self._read(
            f"SELECT * FROM (SELECT {', '.join(SESSION_COLUMNS)} FROM sessions {where} "
            f"ORDER BY started_at DESC, id DESC {limit}) ORDER BY started_at, id",
            parameters,
        )
        return [SessionRow(*row) for row in rows]

    def turns(self, session_id: int) -> list[dict[str, Any]]:
        """The stored turns of one call, in order."""
        rows = self._read(
            f"SELECT {', '.join(TURN_COLUMNS)} FROM turns WHERE session_id = ? ORDER BY number",
            [session_id],
        )
        return [dict(zip(TURN_COLUMNS, row, strict=True)) for row in rows]

    def all_turns(self) -> Iterator[dict[str, Any]]:
        """Every stored turn, by session then number."""
        try:
            cursor = self._connection.execute(
                f"SELECT {', '.join(TURN_COLUMNS)} FROM turns ORDER BY session_id, number"
            )
            for row in cursor:
                yield dict(zip(TURN_COLUMNS, row, strict=True))
        except sqlite3.DatabaseError as error:
            raise self._unusable(error, True) from None

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads inside see one moment of the database, even while another trainer writes."""
        try:
            self._connection.execute("BEGIN")
        except sqlite3.DatabaseError as error:
            raise self._unusable(error, True) from None
        try:
            yield
        finally:
            if self._connection.in_transaction:
                with suppress(sqlite3.Error):
                    self._connection.execute("COMMIT")

    def read(self, sql: str, parameters: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Rows of a read-only query (for progress queries); errors become HistoryError."""
        return self._read(sql, parameters)

    def _read(self, sql: str, parameters: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._connection.execute(sql, parameters).fetchall()
        except sqlite3.OperationalError as error:
            if _busy(error):
                raise HistoryError(f"cannot read {self.path}: {error}") from None
            raise self._unusable(error, True) from None
        except sqlite3.DatabaseError as error:
            raise self._unusable(error, True) from None


@contextmanager
def _immediate(connection: sqlite3.Connection) -> Iterator[None]:
    """A short write transaction that takes the write lock at once (so a read-then-write never
    fails with "database is locked": see TECHNOTES)."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
        connection.execute("COMMIT")
    except BaseException:
        # After a full disk or an I/O error SQLite may have rolled back already: keep the
        # original error, not "cannot rollback - no transaction is active".
        if connection.in_transaction:
            with suppress(sqlite3.Error):
                connection.execute("ROLLBACK")
        raise


def _busy(error: sqlite3.OperationalError) -> bool:
    """Whether an error only means another connection holds the lock for now."""
    message = str(error).lower()
    return "locked" in message or "busy" in message


def _statements(script: str) -> list[str]:
    return [part.strip() for part in script.split(";") if part.strip()]
