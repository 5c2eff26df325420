"""The score history's commands: `trainer history` and `trainer export`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from trainer.cli.output import (
    EXIT_OK,
    fail,
    json_line,
    prepare_output,
    unknown_scenario,
)
from trainer.support.files import write_whole
from trainer.support.problems import display_path
from trainer.support.terminal import visible


def run_history(
    folder: Path,
    scenario_id: str | None,
    last: int,
    as_json: bool,
    extra: list[Path],
    out: TextIO,
) -> int:
    """`trainer history`: the last calls as a table, each dimension's trend, and what to
    practise next."""
    from datetime import UTC, datetime

    from trainer.history.database import DATABASE_NAME, HistoryError, history_read_only
    from trainer.history.report import history_json, history_table
    from trainer.history.store import SessionRow, Store
    from trainer.progress.coach import recommend
    from trainer.progress.summary import empty_summary
    from trainer.scenario.library import default_folders, load_library

    library = load_library(default_folders(extra))
    scenarios = list(library.scenarios.values())
    today = datetime.now(UTC).date()
    sessions: list[SessionRow] = []
    try:
        if (folder / DATABASE_NAME).exists():  # a mistyped --scores-dir creates nothing
            read_only = history_read_only(folder)
            with Store(folder, read_only) as store:
                store.check_sound()  # say so if the file is damaged, rather than show part
                if read_only:
                    _note_read_only(folder, "showing")
                else:
                    store.mark_abandoned()
                sessions = store.sessions(scenario_id, last)
                advice = recommend(scenarios, store, today)
        else:
            advice = recommend(scenarios, empty_summary(list(library.scenarios), today), today)
    except (HistoryError, OSError) as error:
        return fail(str(error))
    if scenario_id is not None and not sessions and library.get(scenario_id) is None:
        return fail(unknown_scenario(scenario_id, library.closest_ids(scenario_id)))
    titles = {scenario.id: scenario.title for scenario in scenarios}
    ascii_only = prepare_output(out)
    next_up = (
        None
        if advice is None
        else {"scenario": advice.scenario_id, "reason": advice.reason, "due": str(advice.due)}
    )
    if as_json:
        out.write(json_line({**history_json(sessions), "practise_next": next_up}, ascii_only))
        return EXIT_OK
    out.write(history_table(sessions, folder, ascii_only) + "\n")
    if advice is not None:
        title = visible(titles.get(advice.scenario_id, advice.scenario_id), keep_lines=False)
        reason = visible(advice.reason, keep_lines=False)
        out.write(f"\nPractise next: {title} (trainer play {advice.scenario_id})\n  {reason}\n")
    return EXIT_OK


def run_export(folder: Path, form: str, destination: Path | None, out: TextIO) -> int:
    """`trainer export`: every session and turn, as CSV or JSON, to a file or stdout."""
    from trainer.history.database import DATABASE_NAME, HistoryError, history_read_only
    from trainer.history.report import export_csv, export_json
    from trainer.history.store import Store

    if destination is not None and str(destination) == "-":
        destination = None  # `--out -`: standard output
    database = folder / DATABASE_NAME
    if not database.exists():
        return fail(f"no score history in {display_path(folder)} (nothing saved there yet)")
    if destination is not None and _same_file_family(destination, database):
        return fail(f"{display_path(destination)} is the score database itself; choose another")
    try:
        read_only = history_read_only(folder)
        with Store(folder, read_only) as store:
            store.check_sound()
            if read_only:
                _note_read_only(folder, "exporting")
            with store.snapshot():  # sessions and turns from one moment, even mid-call
                text = export_csv(store) if form == "csv" else export_json(store)
    except HistoryError as error:
        return fail(str(error))
    if destination is None:
        out.write(text)
        return EXIT_OK
    try:
        write_whole(destination, text)
    except OSError as error:
        return fail(f"cannot write {display_path(destination)}: {error.strerror or error}")
    print(f"wrote {display_path(destination)}", file=sys.stderr)
    return EXIT_OK


def _note_read_only(folder: Path, doing: str) -> None:
    """Say on stderr that the history is read as it is (its abandoned calls not closed)."""
    print(
        f"trainer: note: the history in {display_path(folder)} is read-only; {doing} it as it is",
        file=sys.stderr,
    )


def _same_file_family(path: Path, database: Path) -> bool:
    """Whether `path` is the database or one of its -wal/-shm/-journal files."""
    family = [
        database,
        *(database.with_name(database.name + s) for s in ("-wal", "-shm", "-journal")),
    ]
    try:
        target = path.resolve()
        return any(target == member.resolve() for member in family)
    except OSError:
        return False
