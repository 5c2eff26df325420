"""The score history as a user meets it: `trainer play` saves, `trainer history` and
`trainer export` show it, across real processes, crashes and broken files."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.functional.commands import assert_no_traceback, run, trainer_command
from tests.saved_calls import damage, filled_database
from tests.scenario_scripts import VAGUE
from trainer.history.database import DATABASE_NAME
from trainer.history.store import ABANDONED, Store
from trainer.support import paths

ROOT = Path(__file__).resolve().parents[2]
COMMAND = trainer_command()
CALLS = {
    "seats-apart": ("Hi, my toddler and I were seated apart.", "What can you do to help?"),
    "moving-fee": ('I was quoted "no fee", so why $89.99, please?',),
    "warranty-part": ("Hi, I need the part replaced \U0001f600.", "Thanks, what are my options?"),
}


def replies_file(folder: Path, replies: tuple[str, ...]) -> Path:
    path = folder / f"replies-{len(list(folder.glob('replies-*')))}.txt"
    path.write_text("\n".join(replies) + "\n", encoding="utf-8")
    return path


def play(folder: Path, scenario_id: str, *options: str | Path) -> None:
    result = run(
        "play", scenario_id, "--replies", replies_file(folder, CALLS[scenario_id]), *options
    )
    assert result.returncode == 0, result.stderr
    assert_no_traceback(result)


def stored(folder: Path) -> tuple[list[str], int]:
    """The scenario ids of the calls stored in `folder`, and the number of turns."""
    with Store(folder) as store:
        return [s.scenario_id for s in store.sessions()], len(list(store.all_turns()))


@pytest.mark.slow
def test_three_calls_played_show_as_three_sessions_in_history(tmp_path: Path) -> None:
    for scenario_id in CALLS:
        play(tmp_path, scenario_id)

    table = run("history")
    assert table.returncode == 0, table.stderr
    assert_no_traceback(table)
    lines = table.stdout.splitlines()
    assert lines[0].split() == [
        "date",
        "(UTC)",
        "scenario",
        "outcome",
        "polite",
        "firm",
        "evid",
        "open",
        "overall",
    ]
    assert [line.split()[2] for line in lines[1:4]] == list(CALLS)
    assert "Trend over these 3 calls (oldest to newest):" in table.stdout

    as_json = run("history", "--json")
    assert as_json.returncode == 0, as_json.stderr
    sessions = json.loads(as_json.stdout)["sessions"]
    assert [s["scenario_id"] for s in sessions] == list(CALLS)
    assert all(s["outcome"] is not None and s["overall"] is not None for s in sessions)
    assert [line.split()[3] for line in lines[1:4]] == [s["outcome"] for s in sessions]
    assert stored(paths.scores_dir()) == (list(CALLS), 5)


def test_no_save_keeps_nothing(tmp_path: Path) -> None:
    play(tmp_path, "seats-apart", "--no-save")
    assert not (paths.scores_dir() / DATABASE_NAME).exists()
    result = run("history")
    assert result.returncode == 0
    assert result.stdout.startswith("No calls saved yet in ")


@pytest.mark.slow
def test_scores_dir_option_before_or_after_the_command_wins_over_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from_env, before, after = tmp_path / "env", tmp_path / "before", tmp_path / "after"
    monkeypatch.setenv(paths.SCORES_ENV, str(from_env))

    play(tmp_path, "seats-apart")
    moving = replies_file(tmp_path, CALLS["moving-fee"])
    result = run("--scores-dir", before, "play", "moving-fee", "--replies", moving)
    assert result.returncode == 0, result.stderr
    play(tmp_path, "warranty-part", "--scores-dir", after)

    assert stored(from_env) == (["seats-apart"], 2)
    assert stored(before) == (["moving-fee"], 1)
    assert stored(after) == (["warranty-part"], 2)
    shown = run("history", "--json", "--scores-dir", before)
    assert [s["scenario_id"] for s in json.loads(shown.stdout)["sessions"]] == ["moving-fee"]
    shown = run("--scores-dir", after, "history", "--json")
    assert [s["scenario_id"] for s in json.loads(shown.stdout)["sessions"]] == ["warranty-part"]


def saved_turns(database: Path) -> int:
    """How many turns another reader sees in the database now (0 until it exists)."""
    if not database.exists():
        return 0
    try:
        connection = sqlite3.connect(database, timeout=1)
        try:
            return int(connection.execute("SELECT count(*) FROM turns").fetchone()[0])
        finally:
            connection.close()
    except sqlite3.Error:
        return 0


def test_a_killed_call_keeps_its_turns_and_shows_as_abandoned() -> None:
    folder = paths.scores_dir()
    replies = VAGUE[:2]
    process = subprocess.Popen(
        [*COMMAND, "play", "seats-apart", "--replies", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=os.environ.copy(),
    )
    try:
        assert process.stdin is not None
        process.stdin.write("".join(f"{reply}\n" for reply in replies).encode("utf-8"))
        process.stdin.flush()
        deadline = time.monotonic() + 30
        while saved_turns(folder / DATABASE_NAME) < 2:
            assert process.poll() is None, "the call ended before it was killed"
            assert time.monotonic() < deadline, "the two turns were not saved within 30 s"
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=10) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        assert process.stdin is not None
        process.stdin.close()
        assert process.stderr is not None
        errors = process.stderr.read()
        process.stderr.close()
    assert errors == b""

    with Store(folder) as store:
        [session] = store.sessions()
        assert [t["reply"] for t in store.turns(session.id)] == list(replies)
        assert session.outcome is None

    table = run("history")
    assert table.returncode == 0, table.stderr
    [row] = [line for line in table.stdout.splitlines() if "seats-apart" in line]
    assert row.split()[3] == ABANDONED
    with Store(folder) as store:
        [session] = store.sessions()
        assert len(store.turns(session.id)) == 2
    assert session.outcome == ABANDONED
    assert session.ended_at is not None
    assert session.overall is not None


WRITER = """
import sys
from pathlib import Path

from tests.scenario_scripts import VAGUE
from trainer.support import paths
from trainer.call.dialogue import Call
from trainer.history.store import Store
from trainer.scenario.library import load_scenario_file

folder, name = Path(sys.argv[1]), sys.argv[2]
scenario = load_scenario_file(paths.shipped_scenarios_dir() / "seats-apart.toml").scenario
assert scenario is not None
with Store(folder) as store:
    for number in range(40):
        session = store.start_session(scenario, name, number, "replies")
        call = Call(scenario, number)
        for reply in VAGUE:
            store.add_turn(session, call.reply(f"{name} {number}: {reply}"))
        call.hang_up()
        store.finish_session(session, call.result())
"""


def test_two_processes_saving_at_once_lose_nothing() -> None:
    folder = paths.scores_dir()
    Store(folder).close()  # the history exists already, as after a first call
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(folder), name],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            env=os.environ.copy(),
        )
        for name in ("first", "second")
    ]
    outputs = [writer.communicate(timeout=60) for writer in writers]
    assert [(w.returncode, out) for w, out in zip(writers, outputs, strict=True)] == [
        (0, (b"", b"")),
        (0, (b"", b"")),
    ]

    with Store(folder) as store:
        sessions = store.sessions()
        turns = list(store.all_turns())
    assert len(sessions) == 80
    assert len(turns) == 240
    for name in ("first", "second"):
        mine = [s for s in sessions if s.scenario_hash == name]
        assert sorted(s.seed for s in mine) == list(range(40))
        assert all(s.outcome is not None for s in mine)
    replies = {t["reply"] for t in turns}
    assert replies == {
        f"{name} {number}: {reply}"
        for name in ("first", "second")
        for number in range(40)
        for reply in VAGUE
    }


@pytest.fixture(params=["not a database", "damaged database"])
def corrupt_database(request: pytest.FixtureRequest) -> Path:
    folder = paths.scores_dir()
    database = folder / DATABASE_NAME
    if request.param == "not a database":
        folder.mkdir(parents=True, exist_ok=True)
        database.write_bytes(random.Random(3).randbytes(16_384))
    else:
        filled_database(folder)
        damage(database)
    return database


@pytest.mark.parametrize(
    "command",
    [("history",), ("export", "--format", "json"), ("play", "seats-apart", "--replies")],
    ids=["history", "export", "play"],
)
def test_a_corrupt_database_is_reported_in_one_line_and_left_unchanged(
    corrupt_database: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    before = corrupt_database.read_bytes()
    arguments: list[str | Path] = list(command)
    if command[0] == "play":
        arguments.append(replies_file(tmp_path, CALLS["seats-apart"]))

    result = run(*arguments)

    assert result.returncode == 1, result.stdout
    assert_no_traceback(result)
    [line] = result.stderr.splitlines()
    assert line.startswith("trainer: ")
    assert str(corrupt_database) in line
    assert corrupt_database.read_bytes() == before
    assert sorted(p.name for p in corrupt_database.parent.iterdir()) == [DATABASE_NAME]


@pytest.mark.slow
def test_export_writes_json_and_csv_files_with_every_session_and_turn(tmp_path: Path) -> None:
    for scenario_id in CALLS:
        play(tmp_path, scenario_id)
    with Store(paths.scores_dir()) as store:
        sessions = store.sessions()
        turns = list(store.all_turns())

    json_file = tmp_path / "out" / "history.json"
    json_file.parent.mkdir()
    result = run("export", "--format", "json", "--out", json_file)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert str(json_file) in result.stderr
    exported = json.loads(json_file.read_text(encoding="utf-8"))["sessions"]
    assert [s["id"] for s in exported] == [s.id for s in sessions]
    assert [(t["session_id"], t["number"], t["reply"]) for s in exported for t in s["turns"]] == [
        (t["session_id"], t["number"], t["reply"]) for t in turns
    ]

    csv_file = tmp_path / "out" / "history.csv"
    result = run("export", "--format", "csv", "--out", csv_file)
    assert result.returncode == 0, result.stderr
    with csv_file.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(int(r["session_id"]), int(r["turn_number"]), r["turn_reply"]) for r in rows] == [
        (t["session_id"], t["number"], t["reply"]) for t in turns
    ]
    assert {r["session_scenario_id"] for r in rows} == set(CALLS)

    to_stdout = run("export", "--format", "csv")
    assert list(csv.DictReader(io.StringIO(to_stdout.stdout, newline=""))) == rows


def test_history_of_an_empty_folder_creates_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "typo" / "scroes"
    result = run("history", "--scores-dir", folder)
    assert result.returncode == 0
    assert "No calls saved yet" in result.stdout
    assert "Practise next" in result.stdout
    assert not folder.exists()


def test_history_of_an_unknown_scenario_is_an_error(tmp_path: Path) -> None:
    play(tmp_path, "seats-apart")
    result = run("history", "--scenario", "seats-aprt")
    assert result.returncode == 1
    assert "seats-apart" in result.stderr


def test_export_refuses_to_write_over_the_database(tmp_path: Path) -> None:
    play(tmp_path, "seats-apart")
    database = paths.scores_dir() / DATABASE_NAME
    before = database.read_bytes()
    result = run("export", "--format", "csv", "--out", database)
    assert result.returncode == 1
    assert "score database itself" in result.stderr
    assert database.read_bytes() == before
