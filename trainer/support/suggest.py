""" "Did you mean" suggestions for misspelt keys, node names and scenario ids."""

from __future__ import annotations

from collections.abc import Iterable


def _edit_budget(word: str) -> int:
    """How many typos a word of this length may carry and still be recognised."""
    return 1 if len(word) <= 4 else 2 if len(word) <= 8 else 3


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice `word` is most likely a typo of (ignoring case and punctuation), if any."""
    from rapidfuzz import process, utils
    from rapidfuzz.distance import OSA

    cleaned = utils.default_process(word)
    match = process.extractOne(
        cleaned,
        list(choices),
        scorer=OSA.distance,
        processor=utils.default_process,
        score_cutoff=_edit_budget(cleaned),
    )
    return None if match is None else str(match[0])


def similar(word: str, choices: Iterable[str], limit: int = 3) -> list[str]:
    """Choices that look like `word`, best first: typos, and partial names such as "seats"."""
    from rapidfuzz import fuzz, process, utils

    matches = process.extract(
        word,
        list(choices),
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        limit=limit,
        score_cutoff=60,
    )
    return [str(match[0]) for match in matches]
