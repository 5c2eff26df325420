"""What a CSV export hands a spreadsheet or a terminal: no control characters that act on a
terminal, and no text cell a spreadsheet would run as a formula; number cells stay numbers."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.saved_calls import save_call, shipped
from trainer.history.report import export_csv, export_json
from trainer.history.store import Store

FORMULA_REPLIES = (
    '=HYPERLINK("http://x","y")',
    "+1 555 0100 is my number",
    "-5 stars, honestly",
    "@SUM(A1:A9)",
    "\tindented with a tab",
    "\rstarts with a carriage return",
)


def _rows(folder: Path) -> list[dict[str, str]]:
    with Store(folder) as store:
        return list(csv.DictReader(io.StringIO(export_csv(store), newline="")))


def test_a_reply_or_title_that_starts_a_formula_is_exported_as_text(tmp_path: Path) -> None:
    folder = tmp_path / "scores"
    scenario = shipped("seats-apart").model_copy(update={"title": '=HYPERLINK("http://x","y")'})
    with Store(folder) as store:
        for reply in FORMULA_REPLIES:  # one call each: a call may end after a reply
            save_call(store, scenario, [reply])

    rows = _rows(folder)

    assert [row["turn_reply"] for row in rows] == [
        '\'=HYPERLINK("http://x","y")',
        "'+1 555 0100 is my number",
        "'-5 stars, honestly",
        "'@SUM(A1:A9)",
        "'\tindented with a tab",
        "\\x0dstarts with a carriage return",  # shown, so no longer a formula's start
    ]
    assert {row["session_scenario_title"] for row in rows} == {'\'=HYPERLINK("http://x","y")'}


def test_number_cells_stay_numbers_and_plain_text_is_unchanged(tmp_path: Path) -> None:
    folder = tmp_path / "scores"
    with Store(folder) as store:
        save_call(store, shipped("seats-apart"), ["Hello, I booked seats together."], seed=-3)

    [row] = _rows(folder)

    assert row["session_seed"] == "-3"  # a negative number is a number, not a formula
    assert row["session_id"] == "1"
    assert row["turn_number"] == "1"
    assert row["turn_overall"].isdigit()
    assert row["turn_reply"] == "Hello, I booked seats together."
    assert row["session_scenario_id"] == "seats-apart"


def test_control_characters_in_a_reply_are_shown_not_written_raw(tmp_path: Path) -> None:
    folder = tmp_path / "scores"
    reply = "bell\a escape\x1b]52;c;aGk=\a nul\x00 csi\x9b2J rtl\u202e end"
    with Store(folder) as store:
        save_call(store, shipped("seats-apart"), [reply, "line one\r\nline two\nthree\tfour"])
        exported_json = export_json(store)
        text = export_csv(store)

    assert not any(ch in text for ch in "\a\x1b\x00\x9b\u202e")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert rows[0]["turn_reply"] == (
        "bell\\x07 escape\\x1b]52;c;aGk=\\x07 nul\\x00 csi\\x9b2J rtl\\u202e end"
    )
    # A line break typed as CRLF is the same line break as LF in a cell; tabs stay tabs.
    assert rows[1]["turn_reply"] == "line one\nline two\nthree\tfour"
    # The JSON export keeps the reply exactly.
    [session] = json.loads(exported_json)["sessions"]
    assert session["turns"][0]["reply"] == reply
