"""The command line's grammar: the global options, then one function per command that adds
its own. Usage errors are one line, exit 2, and point at --help."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeAlias

from trainer import __version__
from trainer.cli.output import EXIT_USAGE
from trainer.support import paths


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line, exit 2, and point at --help."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see `{self.prog} --help`)\n")


if TYPE_CHECKING:  # argparse's class is generic only to the type checker
    Commands: TypeAlias = argparse._SubParsersAction[_Parser]
    """Where each command adds its parser."""


def build_parser() -> argparse.ArgumentParser:
    """The parser for the whole command line."""
    # --scenarios and --scores-dir work before the command and after it, landing in different
    # names: main._extra_folders joins both lists of folders, and main._scores_folder lets
    # the command's own --scores-dir win.
    scenarios = _scenarios_option("command_scenarios")
    scores = _scores_option("command_scores_dir")
    parser = _Parser(
        prog="trainer",
        description="Rehearse a hard customer-service call before you make it. With no "
        "command, opens the trainer's screens (or lists the scenarios when not in a terminal).",
        epilog="Run `trainer COMMAND --help` for the options of each command.",
        parents=[_scenarios_option("scenarios"), _scores_option("scores_dir")],
    )
    parser.add_argument("--version", action="version", version=f"trainer {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_validate(commands, scenarios)
    _add_play(commands, scenarios, scores)
    _add_score(commands, scenarios)
    _add_history(commands, scenarios, scores)
    _add_export(commands, scores)
    _add_new(commands, scenarios)
    _add_schema(commands)
    return parser


def _scenarios_option(dest: str) -> _Parser:
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


def _scores_option(dest: str) -> _Parser:
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


def _add_validate(commands: Commands, scenarios: _Parser) -> None:
    validate = commands.add_parser(
        "validate",
        parents=[scenarios],
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


def _add_play(commands: Commands, scenarios: _Parser, scores: _Parser) -> None:
    play = commands.add_parser(
        "play",
        parents=[scenarios, scores],
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


def _add_score(commands: Commands, scenarios: _Parser) -> None:
    score = commands.add_parser(
        "score",
        parents=[scenarios],
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


def _add_history(commands: Commands, scenarios: _Parser, scores: _Parser) -> None:
    history = commands.add_parser(
        "history",
        parents=[scenarios, scores],
        help="your past calls and how your scores move",
        description="List your practice calls (date, scenario, outcome, the four scores and "
        "overall), each dimension's trend over them, and which scenario to practise next.",
    )
    history.add_argument("--scenario", metavar="ID", help="only this scenario's calls")
    history.add_argument(
        "--last", metavar="N", type=_positive, default=20, help="the last N calls (default 20)"
    )
    history.add_argument("--json", action="store_true", help="print them as one JSON object")


def _add_export(commands: Commands, scores: _Parser) -> None:
    export = commands.add_parser(
        "export",
        parents=[scores],
        help="write every stored call and turn as CSV or JSON",
        description="Write the whole score history: every session and every turn.",
    )
    export.add_argument("--format", choices=("csv", "json"), required=True)
    export.add_argument(
        "--out",
        metavar="FILE",
        type=Path,
        help="write here (default, or -: stdout); a file is replaced whole or not at all, a "
        "symlink's target is replaced, a FIFO or device is written to as it is",
    )


def _add_new(commands: Commands, scenarios: _Parser) -> None:
    new = commands.add_parser(
        "new",
        parents=[scenarios],
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


def _add_schema(commands: Commands) -> None:
    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of scenario files, for your editor",
        description="Print the JSON Schema of the scenario file format, so that an editor with "
        "TOML schema support (taplo, Even Better TOML) completes keys and checks a scenario as "
        "you type. docs/authoring.md says how to hook it up.",
    )
    schema.add_argument("--out", metavar="FILE", type=Path, help="write here (default: stdout)")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, got {value}")
    return value
