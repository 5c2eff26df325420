"""Exports of the score history that keep every value: JSON and CSV, with replies that break
naive CSV and JSON writers."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path
from typing import Any

from tests.saved_calls import save_call, shipped
from trainer.call.dialogue import Turn
from trainer.history.report import EXPORT_CSV_COLUMNS, export_csv, export_json
from trainer.history.schema import SESSION_COLUMNS, TURN_COLUMNS
from trainer.history.store import SessionRow, Store

TRICKY_REPLIES = (
    'He said "no", then \'maybe\'; I said: "fine, but, please, check".',
    "Line one\nline two\r\nline three, with a comma",
    "Emoji \U0001f600\U0001f44d\U0001f3fd and \u00fcn\u00efc\u00f6d\u00e9 \u2014 "
    "\u201ccurly\u201d \u2018quotes\u2019, \u00bfs\u00ed? \u65e5\u672c\u8a9e \u202eRTL",
    "  leading and trailing spaces, tab\there  ",
)


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
            if column != "reply":  # shown safely; checked below
                assert _decoded(record[f"turn_{column}"], turn[column]) == turn[column], column
    assert turns_left == []
    assert len(records) == len(turns) + 1

    replies = [r["turn_reply"] for r in records if r["session_scenario_id"] == "seats-apart"]
    # The CSV is for spreadsheets and people: CRLF becomes LF, a bidi control is shown.
    assert replies == [
        TRICKY_REPLIES[0],
        "Line one\nline two\nline three, with a comma",
        TRICKY_REPLIES[2].replace("\u202e", "\\u202e"),
        TRICKY_REPLIES[3],
    ]
    cues = [json.loads(r["turn_cues"]) for r in records if r["turn_cues"]]
    assert cues == [[c.as_json() for c in t.score.cues] for ts in played.values() for t in ts]


def test_csv_export_shows_a_bare_carriage_return_and_quotes_a_newline(tmp_path: Path) -> None:
    folder = tmp_path / "scores"
    with Store(folder) as store:
        save_call(store, shipped("seats-apart"), ["inner\rcarriage return", "and\nnewline"])
        text = export_csv(store)
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [row["turn_reply"] for row in rows] == ["inner\\x0dcarriage return", "and\nnewline"]
    assert '"and\nnewline"' in text
