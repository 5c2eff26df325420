"""The score database's file: opened, checked and migrated, never changed when it is not ours.

A file that is not a SQLite database, another program's database, a damaged file or one
written by a newer trainer is reported as a `HistoryError` and left exactly as it was. The
schema grows by the numbered migrations of `schema.py`, recorded in the database. Every
statement of the trainer runs through `Database.read` and `Database.writing`, which turn
SQLite's errors into messages that say what was left alone.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from trainer.history.schema import MIGRATIONS, READABLE_AS_IS

DATABASE_NAME = "scores.db"
BUSY_TIMEOUT_SECONDS = 10.0


class HistoryError(Exception):
    """The score database cannot be used; the message says why and what was left alone."""


def now() -> str:
    """The current time in UTC, as stored: ISO 8601 with seconds."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def history_read_only(folder: Path) -> bool:
    """Whether the history in `folder` can only be read: the folder is there, and it or its
    database cannot be written (read-only media, or its permissions)."""
    database = folder / DATABASE_NAME
    if not folder.is_dir():
        return False
    return not os.access(folder, os.W_OK) or (
        database.exists() and not os.access(database, os.W_OK)
    )


class Database:
    """One connection to the score database at `path`, checked and migrated on opening; with
    `read_only`, opened to read it as it is (never changed, migrated or locked for writing)."""

    def __init__(self, path: Path, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self._connection = self._open_read_only() if read_only else self._open()
        self._sound = False

    def _open_read_only(self) -> sqlite3.Connection:
        """Open the file read-only. SQLite reads a WAL database by its -shm file; in a folder it
        cannot write, with no -shm there, only `immutable=1` opens it, and that ignores the
        -wal file (measured with SQLite 3.40: the calls only in it are not there), so it is used
        only when there is no -wal file to lose."""
        uri = self.path.absolute().as_uri()
        try:
            return self._connect_read_only(f"{uri}?mode=ro")
        except sqlite3.OperationalError as error:
            if "unable to open" not in str(error) or _writable(self.path.parent):
                raise self._unusable(error, True) from None
        wal = self.path.with_name(f"{self.path.name}-wal")
        if wal.exists() and wal.stat().st_size > 0:
            raise HistoryError(
                f"the history in {self.path.parent} is read-only, and its latest calls are in "
                f"{wal.name}, which SQLite reads only with a {self.path.name}-shm file it can "
                "create there; copy the folder somewhere writable and use --scores-dir"
            )
        try:
            return self._connect_read_only(f"{uri}?mode=ro&immutable=1")
        except sqlite3.DatabaseError as error:
            raise self._unusable(error, True) from None

    def _connect_read_only(self, uri: str) -> sqlite3.Connection:
        try:
            connection = sqlite3.connect(
                uri, uri=True, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None
            )
        except sqlite3.Error as error:
            raise HistoryError(f"cannot open {self.path}: {error}") from None
        try:
            tables = self._check_ours(connection)
            applied = self._applied(connection)
            self._check_not_newer(applied)
            if tables and applied < READABLE_AS_IS:
                raise HistoryError(
                    f"{self.path} was written by an older trainer and must be upgraded to be "
                    "read, which cannot be done where it is read-only; copy the folder "
                    "somewhere writable and use --scores-dir"
                )
            connection.execute("PRAGMA query_only = ON")
        except HistoryError:
            connection.close()
            raise
        except sqlite3.OperationalError:
            connection.close()
            raise
        except sqlite3.DatabaseError as error:
            connection.close()
            raise self._unusable(error, True) from None
        return connection

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
        tables = self._check_ours(connection)
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

    def _check_ours(self, connection: sqlite3.Connection) -> set[str]:
        """The file's tables, after checking that it is a score history (or empty)."""
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
        return tables

    def _unusable(self, error: sqlite3.Error, existed: bool) -> HistoryError:
        reason = " ".join(str(error).split())  # SQLite's reports can run over several lines
        if isinstance(error, sqlite3.OperationalError) and _busy(error):
            return HistoryError(
                f"{self.path} is busy: another program has held it for over "
                f"{BUSY_TIMEOUT_SECONDS:.0f} s ({reason}). Try again in a moment."
            )
        read_only = "readonly" in reason.replace("-", "").replace(" ", "") or "read only" in reason
        if (read_only or "unable to open" in reason) and not _writable(self.path.parent):
            # SQLite must create its -wal and -shm files beside the database to write it.
            folder = self.path.parent
            return HistoryError(
                f"cannot save to {folder}: permission denied{_read_only_media(folder)}; "
                "`trainer history` and `trainer export` can still read it. Use --scores-dir to "
                "keep scores elsewhere."
            )
        if read_only:
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
        """Close the connection."""
        self._connection.close()

    @contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """A short write transaction, after the whole file was found sound once; errors
        become HistoryError."""
        if self.read_only:
            raise HistoryError(f"the history in {self.path.parent} is read-only; nothing was saved")
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
        """The rows of a read-only query; errors become HistoryError."""
        try:
            return self._connection.execute(sql, parameters).fetchall()
        except sqlite3.OperationalError as error:
            if _busy(error):
                raise HistoryError(f"cannot read {self.path}: {error}") from None
            raise self._unusable(error, True) from None
        except sqlite3.DatabaseError as error:
            raise self._unusable(error, True) from None

    def each(self, sql: str, parameters: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]:
        """The rows of a read-only query one at a time (for exports of any size)."""
        try:
            yield from self._connection.execute(sql, parameters)
        except sqlite3.DatabaseError as error:
            raise self._unusable(error, True) from None


@contextmanager
def _immediate(connection: sqlite3.Connection) -> Iterator[None]:
    """A short write transaction that takes the write lock at once (so that a read followed by a
    write never fails with "database is locked": busy_timeout cannot help a read lock that
    must be upgraded)."""
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


def _writable(folder: Path) -> bool:
    """Whether files can be made in `folder` (a missing folder counts: it will be made)."""
    return not folder.is_dir() or os.access(folder, os.W_OK)


def _read_only_media(folder: Path) -> str:
    """ " (a read-only file system)" when `folder` is on one, else nothing."""
    try:
        return " (a read-only file system)" if os.statvfs(folder).f_flag & os.ST_RDONLY else ""
    except OSError:
        return ""


def _busy(error: sqlite3.OperationalError) -> bool:
    """Whether an error only means another connection holds the lock for now."""
    message = str(error).lower()
    return "locked" in message or "busy" in message


def _statements(script: str) -> list[str]:
    return [part.strip() for part in script.split(";") if part.strip()]
