"""Practising: `trainer play` and `trainer score`."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from trainer.cli.output import (
    EXIT_OK,
    EXIT_USAGE,
    fail,
    in_terminal,
    json_line,
    prepare_output,
    unknown_scenario,
)
from trainer.support.text import plural

if TYPE_CHECKING:
    from trainer.call.dialogue import CallResult, Turn
    from trainer.history.store import Store
    from trainer.scenario.model import Scenario


def run_score(
    text: str | None, as_json: bool, scenario_id: str | None, extra: list[Path], out: TextIO
) -> int:
    """`trainer score`: score TEXT, or each line of stdin, as a breakdown or as JSON lines."""
    from trainer.scoring.explain import breakdown
    from trainer.scoring.patterns import PatternLimits
    from trainer.scoring.scorer import default_rubric, default_scorer

    scorer = default_scorer()
    limits = PatternLimits()  # a scenario's patterns too slow for one reply are dropped
    if scenario_id is not None:
        from trainer.scenario.library import default_folders, load_library

        library = load_library(default_folders(extra))
        scenario = library.get(scenario_id)
        if scenario is None:
            return fail(unknown_scenario(scenario_id, library.closest_ids(scenario_id)))
        scorer = scorer.extended(scenario.cues, scenario.weights)
    from trainer.call.replies import ReplyTooLongError, check_reply_length

    ascii_only = prepare_output(out)
    tips = default_rubric().tips
    width = min(shutil.get_terminal_size().columns, 100)
    first = True
    try:
        if text is not None:
            check_reply_length(text)
        for reply in [text] if text is not None else _stdin_lines():
            result = scorer.score(reply, limits)
            _warn(limits.take_warnings())
            if as_json:
                out.write(json_line(result.as_json(), ascii_only))
            else:
                report = breakdown(result, tips, ascii_only, width)
                out.write(("" if first else "\n") + report + "\n")
            out.flush()
            first = False
    except ReplyTooLongError as error:
        where = "" if text is not None else "standard input "
        return fail(f"cannot score {where}{error}")
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
    from trainer.call.replies import ReplyTooLongError
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
    except ReplyTooLongError as error:
        return fail(f"cannot play {replies_path}: {error}")
    except OSError as error:
        return fail(f"cannot read {replies_path}: {error.strerror or error}")
    call = Call(scenario, 0 if seed is None else seed)
    saving: _Saving | None = None
    if store_folder is not None:
        try:
            saving = _Saving(Store(store_folder))
            saving.start(scenario, library.content_hash(scenario), call.seed)
        except HistoryError as error:
            if saving is not None:
                saving.close()
            return fail(f"{error} (play with --no-save to practise without saving)")
    stopped: str | None = None
    try:
        for text in replies:
            if call.finished or text.strip() == HANG_UP_COMMAND:
                break
            turn = call.reply(text)
            _warn(call.pattern_limits.take_warnings())
            if saving is not None:
                saving.add_turn(turn)
    except ReplyTooLongError as error:  # a piped line, found as it arrives
        stopped = f"the call stopped at {error}"
    except OSError as error:  # reading replies from a file or stdin as they arrive
        where = replies_path if replies_path != "-" else "the replies"
        stopped = f"cannot read {where}: {error.strerror or error}"
    call.hang_up()
    result = call.result()
    if saving is not None:
        saving.finish(result)
        saving.close()
    if as_json:
        out.write(json_line(result.as_json(), ascii_only))
    else:
        out.write(transcript(scenario, result) + "\n")
    out.flush()
    problems = [stopped] if stopped is not None else []
    if saving is not None and saving.error is not None:
        problems.append(saving.error)
    for problem in problems[:-1]:
        fail(problem)
    return fail(problems[-1]) if problems else EXIT_OK


class _Saving:
    """The call's turns going into the score history; when a write fails, saving stops (what
    was saved stays) and the call goes on, as it does on screen."""

    def __init__(self, store: Store) -> None:
        self.store: Store | None = store
        self.session = 0
        self.saved_turns = 0
        self.error: str | None = None

    def start(self, scenario: Scenario, content_hash: str, seed: int) -> None:
        """Open the call's session (a failure here is raised: nothing has been played)."""
        assert self.store is not None
        self.store.mark_abandoned()
        self.session = self.store.start_session(scenario, content_hash, seed, "replies")

    def add_turn(self, turn: Turn) -> None:
        """Save one scored turn, unless saving has stopped."""
        self._write(lambda store: store.add_turn(self.session, turn), f"reply {turn.number}")
        if self.error is None:
            self.saved_turns += 1

    def finish(self, result: CallResult) -> None:
        """Save the call's outcome and scores, unless saving has stopped."""
        self._write(lambda store: store.finish_session(self.session, result), "the call's end")

    def close(self) -> None:
        """Close the history (safe to call twice)."""
        if self.store is not None:
            self.store.close()
            self.store = None

    def _write(self, write: Callable[[Store], None], what: str) -> None:
        from trainer.history.database import HistoryError

        if self.store is None:
            return
        try:
            write(self.store)
        except HistoryError as error:
            kept = plural(self.saved_turns, "reply")
            self.error = (
                f"saving stopped at {what} ({error}); the {kept} before it "
                f"{'is' if self.saved_turns == 1 else 'are'} kept, and the rest of the call "
                "was played unsaved"
            )
            self.close()


def _warn(warnings: list[str]) -> None:
    """Say each warning on stderr, as `trainer: warning: ...`."""
    for warning in warnings:
        print(f"trainer: warning: {warning}", file=sys.stderr, flush=True)


def _replies(path: str) -> Iterator[str]:
    """Replies from a file, or from stdin for "-" as they arrive, one per line; blank lines
    are skipped; bytes that are not UTF-8 become U+FFFD; a line longer than a reply may be
    raises ReplyTooLongError."""
    from trainer.call.replies import reply_lines

    source = sys.stdin.buffer if path == "-" else Path(path).open("rb")  # noqa: SIM115
    try:
        for _, line in reply_lines(source):
            yield line
    finally:
        if source is not sys.stdin.buffer:
            source.close()


def _stdin_lines() -> Iterator[str]:
    """Lines of standard input as text, whatever bytes arrive: invalid UTF-8 becomes \ufffd;
    a line longer than a reply may be raises ReplyTooLongError."""
    from trainer.call.replies import reply_lines

    if sys.stdin is None:
        return
    if sys.stdin.isatty():
        print("Type a reply and press Enter to score it; Ctrl-D to finish.", file=sys.stderr)
    for _, line in reply_lines(sys.stdin.buffer, skip_blank=False):
        yield line
