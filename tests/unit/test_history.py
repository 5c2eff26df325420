"""The score history on real SQLite files: migrations, files it must refuse and leave alone,
turns committed at once, abandoned calls, and exports that keep every value."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import random
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from tests.scenario_scripts import VAGUE
from trainer.call.dialogue import INTERRUPTION_LABEL, Call, Turn
from trainer.history.database import DATABASE_NAME, HistoryError
from trainer.history.report import EXPORT_CSV_COLUMNS, export_csv, export_json
from trainer.history.schema import MIGRATIONS, SESSION_COLUMNS, TURN_COLUMNS
from trainer.history.store import ABANDONED, SessionRow, Store
from trainer.scenario.library import load_scenario_file
from trainer.scenario.model import Scenario
from trainer.scoring.rubric import DIMENSIONS
from trainer.support import paths

SCORED = (*DIMENSIONS, "overall")


def shipped(scenario_id: str) -> Scenario:
    """A scenario from the shipped library."""
    loaded = load_scenario_file(paths.shipped_scenarios_dir() / f"{scenario_id}.toml")
    assert loaded.scenario is not None, loaded.problems
    return loaded.scenario


def save_call(
    store: Store, scenario: Scenario, replies: Sequence[str], finish: bool = True, seed: int = 0
) -> tuple[int, Call]:
    """Play `replies` as a call, saving each turn as it is scored, like `trainer play`."""
    call = Call(scenario, seed)
    session = store.start_session(scenario, "0123456789abcdef", seed, "replies")
    for reply in replies:
        store.add_turn(session, call.reply(reply))
    if finish:
        call.hang_up()
        store.finish_session(session, call.result())
    return session, call


def filled_database(folder: Path, calls: int = 30) -> Path:
    """A closed score database holding `calls` finished calls of three turns."""
    scenario = shipped("seats-apart")
    with Store(folder) as store:
        for number in range(calls):
            save_call(store, scenario, [f"{reply} (call {number})" for reply in VAGUE])
    return folder / DATABASE_NAME


def damage(database: Path) -> None:
    """Overwrite 1 KiB in the middle of the file: its header stays valid, its data does not."""
    data = bytearray(database.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 1024] = b"\xde\xad\xbe\xef" * 256
    database.write_bytes(bytes(data))


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


TRICKY_REPLIES = (
    'He said "no", then \'maybe\'; I said: "fine, but, please, check".',
    "Line one\nline two\r\nline three, with a comma",
    "Emoji \U0001f600\U0001f44d\U0001f3fd and \u00fcn\u00efc\u00f6d\u00e9 \u2014 "
    "\u201ccurly\u201d \u2018quotes\u2019, \u00bfs\u00ed? \u65e5\u672c\u8a9e \u202eRTL",
    "  leading and trailing spaces, tab\there  ",
)


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


def _stored(folder: Path) -> tuple[list[SessionRow], list[dict[str, Any]], dict[str, list[Turn]]]:
    """A store with a finished call of tricky replies, a call with no turns (every score
    None), and a short finished call; its rows and the turns as played."""
    played: dict[str, list[Turn]] = {}
    with Store(folder) as store:
        _, call = save_call(store, shipped("seats-apart"), TRICKY_REPLIES, seed=5)
        played["seats-apart"] = call.turns
        save_call(store, shipped("moving-fee"), [], finish=False)
        _, short = save_call(store, shipped("warranty-part"), ["Hi, I need the part replaced."])
        played["warranty-part"] = short.turns
        return store.sessions(), list(store.all_turns()), played


def test_export_json_keeps_every_value_of_every_session_and_turn(tmp_path: Path) -> None:
    sessions, turns, played = _stored(tmp_path / "scores")
    with Store(tmp_path / "scores") as store:
        exported = json.loads(export_json(store))["sessions"]

    assert [{k: v for k, v in s.items() if k != "turns"} for s in exported] == [
        dataclasses.asdict(s) for s in sessions
    ]
    assert (exported[1]["outcome"], exported[1]["overall"]) == (None, None)
    assert [t for s in exported for t in s["turns"]] == [
        {**t, "cues": json.loads(t["cues"]), "interrupted": bool(t["interrupted"])} for t in turns
    ]
    by_scenario = {s["scenario_id"]: s["turns"] for s in exported}
    for scenario_id, turns_played in played.items():
        assert [t["reply"] for t in by_scenario[scenario_id]] == [t.reply for t in turns_played]
        assert [t["cues"] for t in by_scenario[scenario_id]] == [
            [cue.as_json() for cue in t.score.cues] for t in turns_played
        ]
    assert by_scenario["moving-fee"] == []


def _decoded(cell: str, like: object) -> object:
    """A CSV cell read back as the kind of value it should hold ("" is None)."""
    if like is None:
        return None if cell == "" else cell
    if isinstance(like, int):
        return int(cell)
    return cell


def test_export_csv_keeps_every_value_of_every_session_and_turn(tmp_path: Path) -> None:
    sessions, turns, played = _stored(tmp_path / "scores")
    with Store(tmp_path / "scores") as store:
        text = export_csv(store)
    reader = csv.reader(io.StringIO(text, newline=""))
    header, *rows = list(reader)
    assert tuple(header) == EXPORT_CSV_COLUMNS
    records = [dict(zip(header, row, strict=True)) for row in rows]

    session_by_id = {s.id: s for s in sessions}
    turns_left = list(turns)
    for record in records:
        session = session_by_id[int(record["session_id"])]
        for column in SESSION_COLUMNS:
            value = getattr(session, column)
            assert _decoded(record[f"session_{column}"], value) == value, column
        if record["turn_number"] == "":
            assert session.scenario_id == "moving-fee"
            assert all(record[f"turn_{c}"] == "" for c in TURN_COLUMNS if c != "session_id")
            continue
        turn = turns_left.pop(0)
        assert turn["session_id"] == session.id
        for column in TURN_COLUMNS[1:]:
            assert _decoded(record[f"turn_{column}"], turn[column]) == turn[column], column
    assert turns_left == []
    assert len(records) == len(turns) + 1

    replies = [r["turn_reply"] for r in records if r["session_scenario_id"] == "seats-apart"]
    assert replies == list(TRICKY_REPLIES)
    cues = [json.loads(r["turn_cues"]) for r in records if r["turn_cues"]]
    assert cues == [[c.as_json() for c in t.score.cues] for ts in played.values() for t in ts]


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


def test_csv_export_quotes_a_reply_with_a_bare_carriage_return(tmp_path: Path) -> None:
    folder = tmp_path / "scores"
    with Store(folder) as store:
        save_call(store, shipped("seats-apart"), ["inner\rcarriage return", "and\nnewline"])
        rows = list(csv.DictReader(io.StringIO(export_csv(store), newline="")))
    assert [row["turn_reply"] for row in rows] == ["inner\rcarriage return", "and\nnewline"]
