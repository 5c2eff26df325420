"""The `trainer` command: parsing the command line and handing each command its arguments."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from trainer import __version__
from trainer.cli.authoring import run_schema
from trainer.cli.library import run_new, run_overview, run_validate
from trainer.cli.output import EXIT_INVALID, EXIT_USAGE, fail, in_terminal
from trainer.cli.practice import run_play, run_score
from trainer.cli.records import run_export, run_history
from trainer.support import paths


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

    scenarios_parent = scenarios_option("command_scenarios")
    scores_parent = scores_option("command_scores_dir")
    parser = _Parser(
        prog="trainer",
        description="Rehearse a hard customer-service call before you make it. With no "
        "command, opens the trainer's screens (or lists the scenarios when not in a terminal).",
        epilog="Run `trainer COMMAND --help` for the options of each command.",
        parents=[scenarios_option("scenarios"), scores_option("scores_dir")],
    )
    parser.add_argument("--version", action="version", version=f"trainer {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    validate = commands.add_parser(
        "validate",
        parents=[scenarios_parent],
        help="check scenario files and report every problem",
        description="Check scenario files and play their self-tests ([[tests]]). Each problem "
        "is printed as `file:line: key: message`. Exit status 0 when every file is valid and "
        "every self-test passes, 1 otherwise.",
    )
    validate.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="files or folders to check (default: the whole scenario library)",
    )
    validate.add_argument(
        "--strict",
        action="store_true",
        help="also warn about likely mistakes (branches never taken, phrases the rubric "
        "already has, model replies that do not win, long lines...); warnings then fail too",
    )

    play = commands.add_parser(
        "play",
        parents=[scenarios_parent, scores_parent],
        help="practise a call",
        description="Practise a call with the scenario's agent. In a terminal it opens the "
        "scenario's briefing on screen. With --replies, the replies come from a file, one per "
        "line (/hangup hangs up), and the transcript is printed.",
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
        parents=[scenarios_parent],
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
        parents=[scenarios_parent, scores_parent],
        help="your past calls and how your scores move",
        description="List your practice calls (date, scenario, outcome, the four scores and "
        "overall), each dimension's trend over them, and which scenario to practise next.",
    )
    history.add_argument("--scenario", metavar="ID", help="only this scenario's calls")
    history.add_argument(
        "--last", metavar="N", type=_positive, default=20, help="the last N calls (default 20)"
    )
    history.add_argument("--json", action="store_true", help="print them as one JSON object")

    export = commands.add_parser(
        "export",
        parents=[scores_parent],
        help="write every stored call and turn as CSV or JSON",
        description="Write the whole score history: every session and every turn.",
    )
    export.add_argument("--format", choices=("csv", "json"), required=True)
    export.add_argument("--out", metavar="FILE", type=Path, help="write here (default: stdout)")

    new = commands.add_parser(
        "new",
        parents=[scenarios_parent],
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

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of scenario files, for your editor",
        description="Print the JSON Schema of the scenario file format, so that an editor with "
        "TOML schema support (taplo, Even Better TOML) completes keys and checks a scenario as "
        "you type. docs/authoring.md says how to hook it up.",
    )
    schema.add_argument("--out", metavar="FILE", type=Path, help="write here (default: stdout)")
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
        return fail(f"{error.strerror or error}{where}")


def _run(args: argparse.Namespace) -> int:
    if args.command == "validate":
        return run_validate(args.paths, _extra_folders(args), sys.stdout, args.strict)
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
    if args.command == "schema":
        return run_schema(args.out, sys.stdout)
    if in_terminal():
        from trainer.cli.screens import run_screens
        from trainer.scenario.library import default_folders, load_library

        library = load_library(default_folders(_extra_folders(args)))
        return run_screens(library, _scores_folder(args), None, None)
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
