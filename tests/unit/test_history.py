"""The score history on real SQLite files: migrations, files it must refuse and leave alone,
turns committed at once, abandoned calls, and exports that keep every value."""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.saved_calls import damage, filled_database, save_call, shipped
from tests.scenario_scripts import VAGUE
from trainer.call.dialogue import INTERRUPTION_LABEL, Call
from trainer.history.database import DATABASE_NAME, HistoryError
from trainer.history.schema import MIGRATIONS
from trainer.history.store import ABANDONED, SessionRow, Store
from trainer.scoring.rubric import DIMENSIONS

SCORED = (*DIMENSIONS, "overall")


def read_everything(folder: Path) -> None:
    """Open the store and read what `trainer history` and `trainer export` read."""
    with Store(folder) as store:
        store.mark_abandoned()
        store.sessions()
        list(store.all_turns())


def migration_numbers(store: Store) -> list[int]:
    return [row[0] for row in store.database.read("SELECT number FROM migrations ORDER BY number")]


def test_a_new_store_records_every_migration(tmp_path: Path) -> None:
    with Store(tmp_path / "scores") as store:
        rows = store.database.read(
            "SELECT number, name, applied_at FROM migrations ORDER BY number"
        )
        assert store.sessions() == []
    assert [row[0] for row in rows] == list(range(1, len(MIGRATIONS) + 1))
    assert [row[1] for row in rows] == [name for name, _ in MIGRATIONS]
    assert all(row[2] for row in rows)


def test_a_database_of_the_first_schema_is_migrated_and_keeps_its_data(tmp_path: Path) -> None:
    folder = tmp_path / "scores"
    folder.mkdir()
    connection = sqlite3.connect(folder / DATABASE_NAME)
    connection.executescript(MIGRATIONS[0][1])
    connection.executescript(
        "CREATE TABLE migrations "
        "(number INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);"
    )
    connection.execute(
        "INSERT INTO migrations VALUES (1, ?, '2024-03-01T09:00:00Z')", (MIGRATIONS[0][0],)
    )
    session = (7, "seats-apart", "Seats apart", "feedfacecafe0001", 3, "replies", 4242)
    connection.execute(
        "INSERT INTO sessions (id, scenario_id, scenario_title, scenario_hash, seed, mode, pid, "
        "started_at, ended_at, outcome, politeness, firmness, evidence, open_questions, overall) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, '2024-03-05T23:59:58Z', '2024-03-06T00:01:02Z', 'win', "
        "80, 70, 60, 50, 65)",
        session,
    )
    turn: dict[str, Any] = {
        "session_id": 7,
        "number": 1,
        "node": "opening",
        "speaker": "Dana",
        "agent_line": "How can I help?",
        "reply": 'My toddler, and I, were "split up" \U0001f600\nsecond line',
        "politeness": 80,
        "firmness": 70,
        "evidence": 60,
        "open_questions": 50,
        "overall": 65,
        "cues": '[{"dimension": "evidence", "cue": "x", "matched": "y", "start": 0, "end": 1}]',
        "interrupted": 1,
        "branch": None,
        "next_node": "won",
    }
    connection.execute(
        f"INSERT INTO turns ({', '.join(turn)}) VALUES ({', '.join('?' * len(turn))})",
        tuple(turn.values()),
    )
    connection.commit()
    connection.close()

    with Store(folder) as store:
        assert migration_numbers(store) == list(range(1, len(MIGRATIONS) + 1))
        assert store.database.read("SELECT day FROM sessions") == [("2024-03-05",)]
        assert store.sessions() == [
            SessionRow(
                7,
                "seats-apart",
                "Seats apart",
                "feedfacecafe0001",
                3,
                "replies",
                "2024-03-05T23:59:58Z",
                "2024-03-06T00:01:02Z",
                "win",
                80,
                70,
                60,
                50,
                65,
            )
        ]
        assert store.turns(7) == [turn]
        assert store.database.read("SELECT pid FROM sessions") == [(4242,)]


def test_a_database_from_a_newer_trainer_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    folder = tmp_path / "scores"
    database = filled_database(folder, calls=2)
    connection = sqlite3.connect(database)
    connection.execute(
        "INSERT INTO migrations VALUES (?, 'from the future', '2030-01-01T00:00:00Z')",
        (len(MIGRATIONS) + 1,),
    )
    connection.commit()
    connection.close()
    before = database.read_bytes()

    with pytest.raises(HistoryError) as raised:
        Store(folder)

    assert str(database) in str(raised.value)
    assert "newer" in str(raised.value)
    assert database.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == [DATABASE_NAME]


@pytest.mark.parametrize("kind", ["random bytes", "text", "damaged database"])
def test_a_file_that_is_not_a_usable_database_is_reported_and_left_unchanged(
    tmp_path: Path, kind: str
) -> None:
    folder = tmp_path / "scores"
    folder.mkdir()
    database = folder / DATABASE_NAME
    if kind == "random bytes":
        database.write_bytes(random.Random(7).randbytes(20_000))
    elif kind == "text":
        database.write_text("date,score\n2024-03-05,80\nthese are my notes, not scores\n")
    else:
        filled_database(folder)
        damage(database)
    before = database.read_bytes()

    with pytest.raises(HistoryError) as raised:
        read_everything(folder)

    assert str(database) in str(raised.value)
    assert database.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == [DATABASE_NAME]


@pytest.mark.parametrize(
    "table",
    ["notes (text TEXT)", "sessions (id INTEGER, note TEXT)"],
    ids=["unrelated tables", "a sessions table of its own"],
)
def test_another_programs_sqlite_database_is_reported_and_left_unchanged(
    tmp_path: Path, table: str
) -> None:
    folder = tmp_path / "scores"
    folder.mkdir()
    database = folder / DATABASE_NAME
    connection = sqlite3.connect(database)
    connection.execute(f"CREATE TABLE {table}")
    connection.commit()
    connection.close()
    before = database.read_bytes()

    with pytest.raises(HistoryError) as raised:
        Store(folder).close()

    assert str(database) in str(raised.value)
    assert database.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == [DATABASE_NAME]


def test_each_turn_is_readable_by_another_store_as_soon_as_it_is_added(tmp_path: Path) -> None:
    folder = tmp_path / "scores"
    scenario = shipped("seats-apart")
    call = Call(scenario)
    with Store(folder) as writer, Store(folder) as reader:
        session = writer.start_session(scenario, "0123456789abcdef", 0, "replies")
        for number, reply in enumerate(VAGUE[:2], start=1):
            writer.add_turn(session, call.reply(reply))
            assert [t["reply"] for t in reader.turns(session)] == list(VAGUE[:number])
        assert [(s.id, s.outcome) for s in reader.sessions()] == [(session, None)]


def _dead_pid() -> int:
    """The id of a process that has finished."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def _set_pid(database: Path, session: int, pid: int) -> None:
    connection = sqlite3.connect(database)
    connection.execute("UPDATE sessions SET pid = ? WHERE id = ?", (pid, session))
    connection.commit()
    connection.close()


def test_a_call_whose_process_died_is_marked_abandoned_with_its_turns_averaged(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "scores"
    scenario = shipped("seats-apart")
    with Store(folder) as store:
        dead, dead_call = save_call(store, scenario, VAGUE[:2], finish=False)
        mine, _ = save_call(store, scenario, VAGUE[:1], finish=False)
    _set_pid(folder / DATABASE_NAME, dead, _dead_pid())

    with Store(folder) as store:
        assert store.mark_abandoned() == 1
        rows = {s.id: s for s in store.sessions()}
        assert len(store.turns(dead)) == 2

    expected = dead_call.result()
    assert rows[dead].outcome == ABANDONED
    assert rows[dead].ended_at is not None
    assert {d: rows[dead].score(d) for d in DIMENSIONS} == dict(expected.scores)
    assert rows[dead].overall == expected.overall
    assert (rows[mine].outcome, rows[mine].ended_at, rows[mine].overall) == (None, None, None)


def test_an_abandoned_call_scores_like_the_same_call_hung_up(tmp_path: Path) -> None:
    # These two replies average to x.5 on politeness, firmness and overall.
    folder = tmp_path / "scores"
    with Store(folder) as store:
        dead, call = save_call(store, shipped("seats-apart"), VAGUE[1:3], finish=False)
    _set_pid(folder / DATABASE_NAME, dead, _dead_pid())

    with Store(folder) as store:
        store.mark_abandoned()
        [row] = store.sessions()

    hung_up = call.result()
    expected = {**{str(d): v for d, v in hung_up.scores.items()}, "overall": hung_up.overall}
    assert row.outcome == ABANDONED
    assert {d: row.score(d) for d in SCORED} == expected


def test_an_interrupted_turn_is_saved_with_its_interruption_cue(tmp_path: Path) -> None:
    scenario = shipped("seats-apart")
    call = Call(scenario)
    with Store(tmp_path / "scores") as store:
        session = store.start_session(scenario, "0123456789abcdef", 0, "terminal")
        turn = call.reply(VAGUE[0], interrupted=True)
        store.add_turn(session, turn)
        [saved] = store.turns(session)
    assert saved["interrupted"] == 1
    assert saved["politeness"] == turn.score.scores["politeness"]
    assert json.loads(saved["cues"]) == [cue.as_json() for cue in turn.score.cues]
    assert INTERRUPTION_LABEL in {cue["cue"] for cue in json.loads(saved["cues"])}


def test_no_journal_is_left_after_a_store_is_closed(tmp_path: Path) -> None:
    folder = tmp_path / "scores"
    filled_database(folder, calls=1)
    assert sorted(p.name for p in folder.iterdir()) == [DATABASE_NAME]


def test_a_damaged_database_of_an_older_schema_is_not_upgraded(tmp_path: Path) -> None:
    """Before changing a file (journal mode, schema), the whole file is checked."""
    folder = tmp_path / "scores"
    folder.mkdir()
    database = folder / DATABASE_NAME
    connection = sqlite3.connect(database)
    connection.executescript(MIGRATIONS[0][1])
    connection.executescript(
        "CREATE TABLE migrations (number INTEGER PRIMARY KEY, name TEXT, applied_at TEXT);"
        "INSERT INTO migrations VALUES (1, 'sessions and turns', '2024-03-01T09:00:00Z');"
    )
    rows = [
        (n, "seats-apart", "t", "h", 0, "replies", 1, "2024-03-01T09:00:00Z", "win", 1, 2, 3, 4, 5)
        for n in range(1, 400)
    ]
    connection.executemany(
        "INSERT INTO sessions (id, scenario_id, scenario_title, scenario_hash, seed, mode, pid, "
        "started_at, outcome, politeness, firmness, evidence, open_questions, overall) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    connection.commit()
    connection.close()
    damage(database)
    before = database.read_bytes()
    with pytest.raises(HistoryError, match=str(database)):
        Store(folder)
    assert database.read_bytes() == before


def test_a_locked_database_is_reported_as_busy_not_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "scores"
    database = filled_database(folder, calls=2)
    monkeypatch.setattr("trainer.history.database.BUSY_TIMEOUT_SECONDS", 0.2)
    other = sqlite3.connect(database, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with Store(folder) as store:  # reading needs no lock
            assert len(store.sessions()) == 2
            with pytest.raises(HistoryError, match="busy") as caught:
                save_call(store, shipped("seats-apart"), ["Hello"])
            assert "damaged" not in str(caught.value)
    finally:
        other.execute("ROLLBACK")
        other.close()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")
def test_a_call_whose_process_id_was_reused_is_marked_abandoned(tmp_path: Path) -> None:
    """The id of the process that started a call may belong to another process now."""
    folder = tmp_path / "scores"
    with Store(folder) as store:
        session, _ = save_call(store, shipped("seats-apart"), VAGUE[:2], finish=False)
    connection = sqlite3.connect(folder / DATABASE_NAME)
    with connection:  # this process's id, but an earlier process's start time
        connection.execute(
            "UPDATE sessions SET pid = ?, owner = ? WHERE id = ?",
            (os.getpid(), f"an-earlier-boot:{os.getpid()}:1", session),
        )
    connection.close()
    with Store(folder) as store:
        assert store.mark_abandoned() == 1
        [row] = store.sessions()
    assert row.outcome == ABANDONED
