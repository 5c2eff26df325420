"""The `trainer` command: argument parsing and the plain-text commands."""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shlex
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from trainer import __version__, paths
from trainer.problems import display_path

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line, exit 2, and point at --help."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see `{self.prog} --help`)\n")


def build_parser() -> argparse.ArgumentParser:
    """The parser for the whole command line."""

    def scenarios_option(dest: str) -> _Parser:
        holder = _Parser(add_help=False)
        holder.add_argument(
            "--scenarios",
            dest=dest,
            metavar="DIR",
            action="append",
            type=Path,
            default=[],
            help="also load scenarios from DIR (repeatable; see also TRAINER_SCENARIOS)",
        )
        return holder

    def scores_option(dest: str) -> _Parser:
        holder = _Parser(add_help=False)
        holder.add_argument(
            "--scores-dir",
            dest=dest,
            metavar="DIR",
            type=Path,
            default=None,
            help=f"keep the score history in DIR (default: {paths.scores_dir()}; "
            f"also {paths.SCORES_ENV})",
        )
        return holder

    common = scenarios_option("command_scenarios")
    common_scores = scores_option("command_scores_dir")
    parser = _Parser(
        prog="trainer",
        description="Rehearse a hard customer-service call before you make it.",
        epilog="Run `trainer COMMAND --help` for the options of each command.",
        parents=[scenarios_option("scenarios"), scores_option("scores_dir")],
    )
    parser.add_argument("--version", action="version", version=f"trainer {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    validate = commands.add_parser(
        "validate",
        parents=[common],
        help="check scenario files and report every problem",
        description="Check scenario files. Each problem is printed as `file:line: key: message`. "
        "Exit status 0 when every file is valid, 1 otherwise.",
    )
    validate.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="files or folders to check (default: the whole scenario library)",
    )

    play = commands.add_parser(
        "play",
        parents=[common, common_scores],
        help="practise a call",
        description="Practise a call with the scenario's agent. In a terminal you type each "
        "reply (type /hangup or press Ctrl-D to hang up). With --replies, the "
        "replies come from a file, one per line, and the transcript is printed.",
    )
    play.add_argument("scenario", metavar="SCENARIO", help="the scenario id (`trainer` lists them)")
    play.add_argument(
        "--replies",
        metavar="FILE",
        help="play these replies, one per line (- reads standard input); blank lines are skipped",
    )
    play.add_argument(
        "--seed",
        type=int,
        help="pick the agent's lines with this seed, to replay a call exactly "
        "(default: 0 with --replies, random otherwise)",
    )
    play.add_argument("--json", action="store_true", help="print the whole call as one JSON object")
    play.add_argument(
        "--no-save", action="store_true", help="do not keep this call in your score history"
    )

    score = commands.add_parser(
        "score",
        parents=[common],
        help="score one reply, or one reply per line from stdin",
        description="Score what you would say to the agent: politeness, firmness, evidence and "
        "open questions, each 0-100, with the cues that moved each score and a tip. Without "
        "TEXT, reads one reply per line from standard input.",
    )
    score.add_argument("text", nargs="?", metavar="TEXT", help="the reply to score")
    score.add_argument(
        "--json",
        action="store_true",
        help='print one JSON object per reply: {"text", "scores", "overall", "cues"}',
    )
    score.add_argument(
        "--scenario",
        metavar="ID",
        help="also use this scenario's own cues and weights",
    )

    history = commands.add_parser(
        "history",
        parents=[common, common_scores],
        help="your past calls and how your scores move",
        description="List your practice calls (date, scenario, outcome, the four scores and "
        "overall) and each dimension's trend over them.",
    )
    history.add_argument("--scenario", metavar="ID", help="only this scenario's calls")
    history.add_argument(
        "--last", metavar="N", type=_positive, default=20, help="the last N calls (default 20)"
    )
    history.add_argument("--json", action="store_true", help="print them as one JSON object")

    export = commands.add_parser(
        "export",
        parents=[common_scores],
        help="write every stored call and turn as CSV or JSON",
        description="Write the whole score history: every session and every turn.",
    )
    export.add_argument("--format", choices=("csv", "json"), required=True)
    export.add_argument("--out", metavar="FILE", type=Path, help="write here (default: stdout)")

    new = commands.add_parser(
        "new",
        parents=[common],
        help="write a scaffold scenario to start a new one from",
        description="Write a small, complete scenario that passes `trainer validate`, "
        "to edit into your own. Never overwrites a file.",
    )
    new.add_argument(
        "id", nargs="?", help="the scenario id, e.g. late-refund (default: my-scenario)"
    )
    new.add_argument("--title", help="the title shown in the library")
    new.add_argument("--company", help="the (fictional) company the agent works for")
    new.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help=f"folder to write into (default: your scenarios folder, {paths.user_scenarios_dir()})",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    try:
        try:
            status = _run(build_parser().parse_args(argv))
        except SystemExit as done:  # --help, --version and usage errors from argparse
            status = done.code if isinstance(done.code, int) else EXIT_USAGE
        sys.stdout.flush()
        return status
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`trainer validate | head`): stop quietly; the output is cut.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_INVALID
    except OSError as error:
        where = f": {error.filename}" if error.filename else ""
        return _fail(f"{error.strerror or error}{where}")


def _run(args: argparse.Namespace) -> int:
    if args.command == "validate":
        return run_validate(args.paths, _extra_folders(args), sys.stdout)
    if args.command == "play":
        store_folder = None if args.no_save else _scores_folder(args)
        return run_play(
            args.scenario,
            args.replies,
            args.seed,
            args.json,
            _extra_folders(args),
            store_folder,
            sys.stdout,
        )
    if args.command == "history":
        return run_history(
            _scores_folder(args),
            args.scenario,
            args.last,
            args.json,
            _extra_folders(args),
            sys.stdout,
        )
    if args.command == "export":
        return run_export(_scores_folder(args), args.format, args.out, sys.stdout)
    if args.command == "score":
        return run_score(args.text, args.json, args.scenario, _extra_folders(args), sys.stdout)
    if args.command == "new":
        return run_new(
            args.id, args.title, args.company, args.out, _extra_folders(args), sys.stdout
        )
    return run_overview(_extra_folders(args), sys.stdout)


def _scores_folder(args: argparse.Namespace) -> Path:
    """The score history's folder: --scores-dir (after or before the command), or the default."""
    chosen = getattr(args, "command_scores_dir", None) or args.scores_dir
    return paths.scores_dir(chosen)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, got {value}")
    return value


def _extra_folders(args: argparse.Namespace) -> list[Path]:
    """Folders from --scenarios, given before or after the command."""
    return [*args.scenarios, *getattr(args, "command_scenarios", [])]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def run_validate(targets: list[Path], extra: list[Path], out: TextIO) -> int:
    """`trainer validate`: print each problem and a summary; 0 when everything is valid."""
    from trainer.library import default_folders, load_files, load_library

    if targets:
        targets = [*targets, *extra]
        files, path_problems = load_files(targets)
        searched = ", ".join(display_path(t) for t in targets)
    else:
        library = load_library(default_folders(extra))
        files, path_problems = list(library.files), list(library.folder_problems)
        searched = ", ".join(display_path(f.path) for f in library.folders if f.path.is_dir())
    problems = [*path_problems, *(p for f in files for p in f.problems)]
    for problem in problems:
        print(problem, file=out)
    if not files and not problems:
        print(f"no scenario files (*.toml) found in {searched or 'the scenario library'}", file=out)
        return EXIT_INVALID
    broken = sum(1 for f in files if f.problems)
    summary = f"checked {_plural(len(files), 'file')}: {len(files) - broken} valid"
    if broken:
        summary += f", {broken} with problems"
    if path_problems:
        summary += f", {_plural(len(path_problems), 'path')} not checked"
    if problems:
        summary += f" ({_plural(len(problems), 'problem')})"
    if not targets:
        summary += f" [library: {searched}]"
    print(summary, file=out)
    return EXIT_INVALID if problems else EXIT_OK


def run_score(
    text: str | None, as_json: bool, scenario_id: str | None, extra: list[Path], out: TextIO
) -> int:
    """`trainer score`: score TEXT, or each line of stdin, as a breakdown or as JSON lines."""
    from trainer.scoring.explain import breakdown
    from trainer.scoring.scorer import default_rubric, default_scorer

    scorer = default_scorer()
    if scenario_id is not None:
        from trainer.library import default_folders, load_library

        library = load_library(default_folders(extra))
        scenario = library.get(scenario_id)
        if scenario is None:
            return _fail(_unknown_scenario(scenario_id, library.closest_ids(scenario_id)))
        scorer = scorer.extended(scenario.cues, scenario.weights)
    if isinstance(out, io.TextIOWrapper):
        out.reconfigure(errors="replace")  # a reply's emoji on a terminal that cannot show it
    ascii_only = not _can_encode(out, "\u2588\u2591")
    tips = default_rubric().tips
    width = min(shutil.get_terminal_size().columns, 100)
    first = True
    for reply in [text] if text is not None else _stdin_lines():
        result = scorer.score(reply)
        if as_json:
            out.write(_json_line(result.as_json(), ascii_only))
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
    """`trainer play`: a call from a replies file, or typed line by line in a terminal; each
    turn is saved to the score history as soon as it is scored (unless --no-save)."""
    from trainer.dialogue import HANG_UP_COMMAND, Call
    from trainer.history import HistoryError, Store, scenario_hash
    from trainer.library import default_folders, load_library
    from trainer.transcript import agent_says, header, summary, transcript, turn_lines

    library = load_library(default_folders(extra))
    scenario = library.get(scenario_id)
    if scenario is None:
        return _fail(_unknown_scenario(scenario_id, library.closest_ids(scenario_id)))
    interactive = replies_path is None
    if interactive and (sys.stdin is None or not sys.stdin.isatty()):
        return _fail(
            "no terminal to type replies in; give them with --replies FILE (- for stdin)",
            EXIT_USAGE,
        )
    if isinstance(out, io.TextIOWrapper):
        out.reconfigure(errors="replace")
    try:
        replies = iter(()) if replies_path is None else _replies(replies_path)
        if replies_path is not None and replies_path != "-":
            replies = iter(list(replies))  # read the whole file now: errors before the call
    except OSError as error:
        return _fail(f"cannot read {replies_path}: {error.strerror or error}")
    if seed is None:
        seed = random.randrange(10_000) if interactive else 0
    call = Call(scenario, seed)
    store: Store | None = None
    session = 0
    try:
        if store_folder is not None:
            store = Store(store_folder)
            store.mark_abandoned()
            source = next((f.path for f in library.files if f.scenario is scenario), None)
            content = source.read_text(encoding="utf-8") if source is not None else ""
            mode = "terminal" if interactive else "replies"
            session = store.start_session(scenario, scenario_hash(content), seed, mode)
        width = shutil.get_terminal_size().columns - 1
        if interactive:
            print(header(scenario, call.seed), file=out)
            print(f"(type {HANG_UP_COMMAND} or press Ctrl-D to hang up)\n", file=out)
        while not call.finished:
            if interactive:
                print(agent_says(call.speaker, call.agent_line, width), file=out)
                try:
                    text = input("You: ")
                except (EOFError, KeyboardInterrupt):
                    print(file=out)
                    break
            else:
                scripted = next(replies, None)
                if scripted is None:
                    break
                text = scripted
            if text.strip() == HANG_UP_COMMAND:
                break
            turn = call.reply(text)
            if store is not None:
                store.add_turn(session, turn)
            if interactive:
                print(turn_lines(turn).splitlines()[1], file=out)
        call.hang_up()
        result = call.result()
        if store is not None:
            store.finish_session(session, result)
    except HistoryError as error:
        return _fail(f"{error} (play with --no-save to practise without saving)")
    except OSError as error:
        return _fail(f"cannot read {replies_path}: {error.strerror or error}")
    finally:
        if store is not None:
            store.close()
    if as_json:
        out.write(_json_line(result.as_json(), not _can_encode(out, "\u2588")))
    elif interactive:
        if call.closing_line is not None:
            print(agent_says(call.speaker, call.closing_line, width), file=out)
        print(f"\n{summary(result)}", file=out)
    else:
        out.write(transcript(scenario, result) + "\n")
    return EXIT_OK


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

    from trainer.coach import recommend
    from trainer.history import DATABASE_NAME, HistoryError, SessionRow, Store
    from trainer.history_report import history_json, history_table
    from trainer.library import default_folders, load_library

    library = load_library(default_folders(extra))
    scenarios = list(library.scenarios.values())
    today = datetime.now(UTC).date()
    sessions: list[SessionRow] = []
    try:
        if (folder / DATABASE_NAME).exists():  # a mistyped --scores-dir creates nothing
            with Store(folder) as store:
                store.check_sound()  # say so if the file is damaged, rather than show part
                store.mark_abandoned()
                sessions = store.sessions(scenario_id, last)
                advice = recommend(scenarios, store, today)
        else:
            with Store(Path(tempfile.mkdtemp(prefix="trainer-empty-"))) as empty:
                advice = recommend(scenarios, empty, today)
    except (HistoryError, OSError) as error:
        return _fail(str(error))
    if scenario_id is not None and not sessions and library.get(scenario_id) is None:
        return _fail(_unknown_scenario(scenario_id, library.closest_ids(scenario_id)))
    titles = {scenario.id: scenario.title for scenario in scenarios}
    if isinstance(out, io.TextIOWrapper):
        out.reconfigure(errors="replace")
    ascii_only = not _can_encode(out, "\u2581\u2588")
    next_up = (
        None
        if advice is None
        else {"scenario": advice.scenario_id, "reason": advice.reason, "due": str(advice.due)}
    )
    if as_json:
        out.write(_json_line({**history_json(sessions), "practise_next": next_up}, ascii_only))
        return EXIT_OK
    out.write(history_table(sessions, folder, ascii_only) + "\n")
    if advice is not None:
        title = titles.get(advice.scenario_id, advice.scenario_id)
        out.write(
            f"\nPractise next: {title} (trainer play {advice.scenario_id})\n  {advice.reason}\n"
        )
    return EXIT_OK


def run_export(folder: Path, form: str, destination: Path | None, out: TextIO) -> int:
    """`trainer export`: every session and turn, as CSV or JSON, to a file or stdout."""
    from trainer.history import DATABASE_NAME, HistoryError, Store
    from trainer.history_report import export_csv, export_json

    database = folder / DATABASE_NAME
    if not database.exists():
        return _fail(f"no score history in {display_path(folder)} (nothing saved there yet)")
    if destination is not None and _same_file_family(destination, database):
        return _fail(f"{display_path(destination)} is the score database itself; choose another")
    try:
        with Store(folder) as store:
            store.check_sound()
            with store.snapshot():  # sessions and turns from one moment, even mid-call
                text = export_csv(store) if form == "csv" else export_json(store)
    except HistoryError as error:
        return _fail(str(error))
    if destination is None:
        out.write(text)
        return EXIT_OK
    try:
        _write_whole(destination, text)
    except OSError as error:
        return _fail(f"cannot write {display_path(destination)}: {error.strerror or error}")
    print(f"wrote {display_path(destination)}", file=sys.stderr)
    return EXIT_OK


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


def _write_whole(destination: Path, text: str) -> None:
    """Write `text` to a temporary file beside `destination`, then put it in place: a failed
    write leaves no half file."""
    with tempfile.NamedTemporaryFile(
        "w",
        encoding="utf-8",
        newline="",
        dir=destination.parent,
        delete=False,
        prefix=f".{destination.name}.",
        suffix=".tmp",
    ) as handle:
        handle.write(text)
    try:
        Path(handle.name).replace(destination)
    except OSError:
        Path(handle.name).unlink(missing_ok=True)
        raise


_LINE_BREAKS_IN_TEXT = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"})


def _json_line(data: object, ascii_only: bool) -> str:
    """One JSON object on one line. Characters that some readers take as line breaks
    (U+2028, U+2029, U+0085) are escaped, so that one line is always one object."""
    return json.dumps(data, ensure_ascii=ascii_only).translate(_LINE_BREAKS_IN_TEXT) + "\n"


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


def _can_encode(out: TextIO, sample: str) -> bool:
    try:
        sample.encode(out.encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _unknown_scenario(scenario_id: str, closest: list[str]) -> str:
    hint = f"; did you mean {', '.join(closest)}?" if closest else ""
    return f'no scenario "{scenario_id}" in the library{hint} (`trainer` lists them all)'


def run_new(
    scenario_id: str | None,
    title: str | None,
    company: str | None,
    folder: Path | None,
    extra: list[Path],
    out: TextIO,
) -> int:
    """`trainer new`: write a scaffold scenario and say where it went."""
    from trainer.authoring import ScaffoldExistsError, free_scenario_id, write_scaffold
    from trainer.library import default_folders, load_library
    from trainer.scenario import is_valid_id

    if scenario_id is not None and not is_valid_id(scenario_id):
        return _fail(
            f'"{scenario_id}" is not a valid id: up to 64 lower-case letters, digits and '
            'hyphens, like "late-refund"',
            EXIT_USAGE,
        )
    for option, value in (("--title", title), ("--company", company)):
        if value is not None and not value.strip():
            return _fail(f"{option} must not be blank", EXIT_USAGE)
    folder = folder if folder is not None else paths.user_scenarios_dir()
    taken = {
        s.id: f.path
        for f in load_library(default_folders(extra)).files
        if (s := f.scenario) is not None
    }
    if scenario_id in taken:
        return _fail(
            f'the library already has a scenario "{scenario_id}" '
            f"({display_path(taken[scenario_id])}); choose another id"
        )
    try:
        chosen = scenario_id or free_scenario_id(folder, taken=taken)
        written = write_scaffold(folder, chosen, title, company)
    except ScaffoldExistsError as error:
        return _fail(
            f"{display_path(Path(str(error)))} already exists; choose another id or --out folder"
        )
    except OSError as error:
        return _fail(f"cannot write to {display_path(folder)}: {error.strerror or error}")
    shown = shlex.quote(display_path(written))
    print(f"wrote {shown}", file=out)
    print(f"next: edit it, then check it with `trainer validate {shown}`", file=out)
    return EXIT_OK


def run_overview(extra: list[Path], out: TextIO) -> int:
    """Bare `trainer`: list the scenario library and what to do next."""
    from trainer.library import default_folders, load_library

    library = load_library(default_folders(extra))
    scenarios = list(library.scenarios.values())
    print(
        f"trainer {__version__}: rehearse a hard customer-service call before you make it.",
        file=out,
    )
    print(f"\n{_plural(len(scenarios), 'scenario')}:", file=out)
    id_width = max((len(s.id) for s in scenarios), default=0)
    for scenario in scenarios:
        print(
            f"  {scenario.id:<{id_width}}  {scenario.title} ({scenario.company}, "
            f"{scenario.category}, difficulty {scenario.difficulty}/5)",
            file=out,
        )
    for problem in library.folder_problems:
        print(f"\n{problem}", file=out)
    if library.broken_files:
        print(
            f"\n{_plural(len(library.broken_files), 'scenario file')} could not be loaded: "
            "`trainer validate` shows why.",
            file=out,
        )
    print(
        "\nThe practice screens are not built yet. Meanwhile:\n"
        "  trainer play ID               practise a call in this terminal\n"
        '  trainer score "REPLY"         see how a reply scores, and why\n'
        "  trainer history               your saved calls and how your scores move\n"
        "  trainer validate [PATH ...]   check scenario files\n"
        "  trainer new [ID]              write a scenario to start your own from\n"
        "  trainer --help                every command",
        file=out,
    )
    return EXIT_INVALID if library.folder_problems else EXIT_OK


def _fail(message: str, status: int = EXIT_INVALID) -> int:
    print(f"trainer: {message}", file=sys.stderr)
    return status
