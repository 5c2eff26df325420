"""Small helpers for the words the trainer writes."""

from __future__ import annotations


def plural(count: int, word: str) -> str:
    """`count` and `word`, with an s when there is not exactly one: "3 files"."""
    return f"{count} {word}{'' if count == 1 else 's'}"
