"""The `trainer` command: each command handed its arguments, and every failure one line."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from trainer.cli.authoring import run_schema
from trainer.cli.library import run_new, run_overview, run_validate
from trainer.cli.output import EXIT_INVALID, EXIT_USAGE, fail, in_terminal
from trainer.cli.parser import build_parser
from trainer.cli.practice import run_play, run_score
from trainer.cli.records import run_export, run_history
from trainer.support import paths


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


def _extra_folders(args: argparse.Namespace) -> list[Path]:
    """Folders from --scenarios, given before or after the command."""
    return [*args.scenarios, *getattr(args, "command_scenarios", [])]
