"""Exit statuses and the output helpers every command shares."""

from __future__ import annotations

import io
import json
import sys
from typing import TextIO

from trainer.support.terminal import escape_controls_in_json

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def fail(message: str, status: int = EXIT_INVALID) -> int:
    """Say what went wrong on stderr, one line; returns the exit status to use."""
    print(f"trainer: {message}", file=sys.stderr)
    return status


def json_line(data: object, ascii_only: bool) -> str:
    """One JSON object on one line. Control characters (C1 and bidirectional ones too) and
    the characters some readers take as line breaks (U+2028, U+2029, U+0085) are escaped, so
    that one line is always one object and nothing in it is an instruction to a terminal."""
    return escape_controls_in_json(json.dumps(data, ensure_ascii=ascii_only)) + "\n"


BLOCKS = "\u2581\u2588\u2591"
"""The bar and sparkline characters the readable output draws with."""


def prepare_output(out: TextIO) -> bool:
    """Let `out` write anything (a character it cannot encode becomes "?", as a reply's emoji
    on a terminal that cannot show it); returns whether to draw with ASCII only."""
    if isinstance(out, io.TextIOWrapper):
        out.reconfigure(errors="replace")
    return not can_encode(out, BLOCKS)


def can_encode(out: TextIO, sample: str) -> bool:
    """Whether `out` can write `sample` (the bars and sparklines need UTF-8)."""
    try:
        sample.encode(out.encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def unknown_scenario(scenario_id: str, closest: list[str]) -> str:
    """The message for a scenario id the library does not have, with ids that look like it."""
    hint = f"; did you mean {', '.join(closest)}?" if closest else ""
    return f'no scenario "{scenario_id}" in the library{hint} (`trainer` lists them all)'


def in_terminal() -> bool:
    """Whether both standard input and output are a terminal (the screens can run)."""
    return bool(sys.stdin and sys.stdin.isatty() and sys.stdout and sys.stdout.isatty())
