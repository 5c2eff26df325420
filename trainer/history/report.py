"""The score history as text: the `trainer history` table and trends, and exports."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from trainer.history.schema import SESSION_COLUMNS, TURN_COLUMNS
from trainer.history.store import SessionRow, Store
from trainer.scoring.explain import DIMENSION_NAMES
from trainer.scoring.rubric import DIMENSIONS
from trainer.support.problems import display_path
from trainer.support.terminal import escape_controls_in_json, visible

_SPARKS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588"
_ASCII_SPARKS = "_.-=+*#@"
_NAMES: dict[str, str] = {str(key): value for key, value in DIMENSION_NAMES.items()}
_SHORT = {"politeness": "polite", "firmness": "firm", "evidence": "evid", "open_questions": "open"}


def sparkline(values: Sequence[int], ascii_only: bool = False) -> str:
    """Scores 0..100 as a row of bars, one per value."""
    marks = _ASCII_SPARKS if ascii_only else _SPARKS
    return "".join(marks[min(len(marks) - 1, value * len(marks) // 101)] for value in values)


def history_table(sessions: Sequence[SessionRow], folder: Path, ascii_only: bool = False) -> str:
    """The sessions as a table, then one trend line per dimension and for overall."""
    if not sessions:
        return (
            f"No calls saved yet in {display_path(folder)}.\n"
            "Practise one with `trainer play ID` (`trainer` lists the scenarios)."
        )
    # Ids and outcomes are read back from a file that another program may have written: shown,
    # never obeyed, as every piece of text from it is.
    ids = [visible(s.scenario_id, keep_lines=False) for s in sessions]
    id_width = max(len(scenario_id) for scenario_id in ids)
    header = (
        f"{'date (UTC)':<16}  {'scenario':<{id_width}}  {'outcome':<9}  "
        + "  ".join(f"{_SHORT[d]:>6}" for d in DIMENSIONS)
        + f"  {'overall':>7}"
    )
    lines = [header]
    for session, scenario_id in zip(sessions, ids, strict=True):
        scores = "  ".join(f"{_shown(session.score(d)):>6}" for d in DIMENSIONS)
        outcome = visible(session.outcome or "playing", keep_lines=False)
        started = visible(session.started_at[:16].replace("T", " "), keep_lines=False)
        lines.append(
            f"{started:<16}  {scenario_id:<{id_width}}  "
            f"{outcome:<9}  {scores}  {_shown(session.overall):>7}"
        )
    scored = [s for s in sessions if s.overall is not None]
    if len(scored) >= 2:
        lines += ["", f"Trend over these {len(scored)} calls (oldest to newest):"]
        for dimension in (*DIMENSIONS, "overall"):
            values = [v for s in scored if (v := s.score(dimension)) is not None]
            name = _NAMES.get(dimension, dimension)
            lines.append(
                f"  {name:<15} {sparkline(values, ascii_only)}  "
                f"{values[0]} \u2192 {values[-1]}".replace(
                    "\u2192", "->" if ascii_only else "\u2192"
                )
            )
    return "\n".join(lines)


def _shown(value: int | None) -> str:
    return "-" if value is None else str(value)


def _session_dict(session: SessionRow) -> dict[str, Any]:
    return {column: getattr(session, column) for column in SESSION_COLUMNS}


def history_json(sessions: Sequence[SessionRow]) -> dict[str, Any]:
    """The sessions and the per-dimension series, as `trainer history --json` prints them."""
    scored = [s for s in sessions if s.overall is not None]
    return {
        "sessions": [_session_dict(s) for s in sessions],
        "trend": {
            dimension: [s.score(dimension) for s in scored]
            for dimension in (*DIMENSIONS, "overall")
        },
    }


def export_json(store: Store) -> str:
    """Every session with its turns, as one JSON document (cues as a list, not text)."""
    turns = _turns_by_session(store)
    sessions = [
        {
            **_session_dict(session),
            "turns": [
                {**turn, "cues": json.loads(turn["cues"]), "interrupted": bool(turn["interrupted"])}
                for turn in turns.get(session.id, [])
            ],
        }
        for session in store.sessions()
    ]
    return (
        escape_controls_in_json(json.dumps({"sessions": sessions}, ensure_ascii=False, indent=1))
        + "\n"
    )


def _turns_by_session(store: Store) -> dict[int, list[dict[str, Any]]]:
    """Every stored turn, grouped by the session it belongs to."""
    grouped: dict[int, list[dict[str, Any]]] = {}
    for turn in store.all_turns():
        grouped.setdefault(turn["session_id"], []).append(turn)
    return grouped


EXPORT_CSV_COLUMNS = (
    *(f"session_{column}" for column in SESSION_COLUMNS),
    *(f"turn_{column}" for column in TURN_COLUMNS if column != "session_id"),
)


def export_csv(store: Store) -> str:
    """Every turn as a CSV row with its session's columns; a session without turns is one row
    with the turn columns empty. Text cells are made safe for a spreadsheet and a terminal
    (see `_cell`)."""
    buffer = io.StringIO()
    # CRLF line ends (RFC 4180), so that a reply holding a line break is quoted.
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(EXPORT_CSV_COLUMNS)
    turns_by_session = _turns_by_session(store)
    empty_turn = [""] * (len(TURN_COLUMNS) - 1)
    for session in store.sessions():
        values = [_cell(getattr(session, column)) for column in SESSION_COLUMNS]
        turns = turns_by_session.get(session.id, [])
        if not turns:
            writer.writerow([*values, *empty_turn])
        for turn in turns:
            writer.writerow([*values, *(_cell(turn[c]) for c in TURN_COLUMNS if c != "session_id")])
    return buffer.getvalue()


def _cell(value: object) -> str:
    """One CSV cell. Numbers (ids, seeds, scores) are written as they are. Text, which comes
    from people and files, is made safe for a spreadsheet and a terminal: CRLF becomes the LF
    it means (a line break in a cell either way), every other control a terminal acts on is
    shown as an escape (a bare CR too, as `\\x0d`: on a terminal it would overwrite the line
    shown before it), and text a spreadsheet would run as a formula (its
    first character `=`, `+`, `-`, `@`, tab or CR) gets a `'` in front, as OWASP advises.
    The JSON export keeps every value exactly."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return str(value)
    text = visible(value.replace("\r\n", "\n"))
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet takes as the start of a formula (or strips to find one)."""
