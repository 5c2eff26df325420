"""Practising: `trainer play` and `trainer score`."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from trainer.cli.output import (
    EXIT_OK,
    EXIT_USAGE,
    fail,
    in_terminal,
    json_line,
    prepare_output,
    unknown_scenario,
)


def run_score(
    text: str | None, as_json: bool, scenario_id: str | None, extra: list[Path], out: TextIO
) -> int:
    """`trainer score`: score TEXT, or each line of stdin, as a breakdown or as JSON lines."""
    from trainer.scoring.explain import breakdown
    from trainer.scoring.scorer import default_rubric, default_scorer

    scorer = default_scorer()
    if scenario_id is not None:
        from trainer.scenario.library import default_folders, load_library

        library = load_library(default_folders(extra))
        scenario = library.get(scenario_id)
        if scenario is None:
            return fail(unknown_scenario(scenario_id, library.closest_ids(scenario_id)))
        scorer = scorer.extended(scenario.cues, scenario.weights)
    ascii_only = prepare_output(out)
    tips = default_rubric().tips
    width = min(shutil.get_terminal_size().columns, 100)
    first = True
    for reply in [text] if text is not None else _stdin_lines():
        result = scorer.score(reply)
        if as_json:
            out.write(json_line(result.as_json(), ascii_only))
        else:
            report = breakdown(result, tips, ascii_only, width)
            out.write(("" if first else "\n") + report + "\n")
        out.flush()
        first = False
    return EXIT_OK


def run_play(
    scenario_id: str,
    replies_path: str | None,
    seed: int | None,
    as_json: bool,
    extra: list[Path],
    store_folder: Path | None,
    out: TextIO,
) -> int:
    """`trainer play`: in a terminal, the call on screen from its briefing; with --replies,
    the call played from a file and printed. Each turn is saved to the score history as soon
    as it is scored (unless --no-save)."""
    from trainer.call.dialogue import HANG_UP_COMMAND, Call
    from trainer.call.transcript import transcript
    from trainer.history.database import HistoryError
    from trainer.history.store import Store
    from trainer.scenario.library import default_folders, load_library

    library = load_library(default_folders(extra))
    scenario = library.get(scenario_id)
    if scenario is None:
        return fail(unknown_scenario(scenario_id, library.closest_ids(scenario_id)))
    if replies_path is None:
        if not in_terminal():
            return fail(
                "no terminal to play in; give the replies with --replies FILE (- for stdin)",
                EXIT_USAGE,
            )
        from trainer.cli.screens import run_screens

        return run_screens(library, store_folder, scenario.id, seed)
    ascii_only = prepare_output(out)
    try:
        replies = _replies(replies_path)
        if replies_path != "-":
            replies = iter(list(replies))  # read the whole file now: errors before the call
    except OSError as error:
        return fail(f"cannot read {replies_path}: {error.strerror or error}")
    call = Call(scenario, 0 if seed is None else seed)
    store: Store | None = None
    session = 0
    try:
        if store_folder is not None:
            store = Store(store_folder)
            store.mark_abandoned()
            content_hash = library.content_hash(scenario)
            session = store.start_session(scenario, content_hash, call.seed, "replies")
        for text in replies:
            if call.finished or text.strip() == HANG_UP_COMMAND:
                break
            turn = call.reply(text)
            if store is not None:
                store.add_turn(session, turn)
        call.hang_up()
        result = call.result()
        if store is not None:
            store.finish_session(session, result)
    except HistoryError as error:
        return fail(f"{error} (play with --no-save to practise without saving)")
    except OSError as error:  # reading replies from a file or stdin as they arrive
        where = replies_path if replies_path != "-" else "the replies"
        return fail(f"cannot read {where}: {error.strerror or error}")
    finally:
        if store is not None:
            store.close()
    if as_json:
        out.write(json_line(result.as_json(), ascii_only))
    else:
        out.write(transcript(scenario, result) + "\n")
    return EXIT_OK


def _replies(path: str) -> Iterator[str]:
    """Replies from a file, or from stdin for "-" as they arrive, one per line; blank lines
    are skipped; bytes that are not UTF-8 become U+FFFD."""
    source = sys.stdin.buffer if path == "-" else Path(path).open("rb")  # noqa: SIM115
    try:
        for raw in source:
            line = raw.decode("utf-8", errors="replace").rstrip("\n").rstrip("\r")
            if line.strip():
                yield line
    finally:
        if source is not sys.stdin.buffer:
            source.close()


def _stdin_lines() -> Iterator[str]:
    """Lines of standard input as text, whatever bytes arrive: invalid UTF-8 becomes \ufffd."""
    if sys.stdin is None:
        return
    if sys.stdin.isatty():
        print("Type a reply and press Enter to score it; Ctrl-D to finish.", file=sys.stderr)
    for raw in sys.stdin.buffer:
        yield raw.rstrip(b"\n").rstrip(b"\r").decode("utf-8", errors="replace")
