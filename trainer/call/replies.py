"""How long a reply may be, and reading replies one per line from a file or a pipe without
ever holding more than one reply's worth of it (a file with no line breaks, such as
/dev/zero, is an error at its first line, not a memory error)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO, Final

REPLY_LIMIT: Final = 5000
"""Characters a reply may hold: several minutes of speech, far more than anyone says in one
turn of a call, and little enough that scoring and saving it take no noticeable time."""

_MOST_BYTES_PER_CHARACTER: Final = 4
"""UTF-8 writes a character in at most four bytes."""


class ReplyTooLongError(ValueError):
    """A reply holds more than REPLY_LIMIT characters."""

    def __init__(self, line: int | None = None) -> None:
        self.line = line
        where = f"line {line}: " if line is not None else ""
        super().__init__(
            f"{where}a reply holds at most {REPLY_LIMIT:,} characters, and this one is longer"
        )


def check_reply_length(text: str) -> None:
    """Raise ReplyTooLongError when `text` is longer than a reply may be."""
    if len(text) > REPLY_LIMIT:
        raise ReplyTooLongError()


def reply_lines(source: BinaryIO, skip_blank: bool = True) -> Iterator[tuple[int, str]]:
    """Each line of `source` as (line number, text), read as it arrives; bytes that are not
    UTF-8 become U+FFFD; blank lines are skipped when `skip_blank`. A line longer than a reply
    may be raises ReplyTooLongError naming it, having read no more than the limit allows."""
    most_bytes = REPLY_LIMIT * _MOST_BYTES_PER_CHARACTER + len(b"\r\n")
    number = 0
    while raw := source.readline(most_bytes + 1):
        number += 1
        if len(raw) > most_bytes:
            raise ReplyTooLongError(number)
        text = raw.decode("utf-8", errors="replace").rstrip("\n").rstrip("\r")
        if len(text) > REPLY_LIMIT:
            raise ReplyTooLongError(number)
        if text.strip() or not skip_blank:
            yield number, text
