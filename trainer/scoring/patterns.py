"""A cue's regular expression, compiled to run case-insensitively as fast as it can; a
scenario author's pattern runs on `regex` with a time limit, since Python's `re` cannot be
stopped."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from trainer.scoring.pattern_gate import Gate, gate_for

CASE_TRAPS = re.compile("[\u0131\u017f]")
"""Dotless i and long s: IGNORECASE matches them as i and s, but lower() keeps them."""
_CASE_SENSITIVE = re.compile(r"\(\?[a-zA-Z]*-[a-zA-Z]*i")
_ESCAPE = re.compile(r"\\(?:N\{[^}]*\}|U[0-9a-fA-F]{8}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)")


PATTERN_TIME_LIMIT = 0.05
"""Seconds a scenario's pattern may search one reply before it counts as not matching. Python's
`re` cannot be stopped, so a pattern that backtracks for ever (`(\\w+\\s?)+$` on a reply it
does not match) would freeze the trainer: scenario patterns run on `regex`, which can."""


class _Searcher(Protocol):
    """What the scorer needs of a compiled pattern (`re` or `regex`)."""

    def finditer(self, text: str) -> Iterator[_Found]:
        """Every non-overlapping match in `text`."""
        ...


class _Found(Protocol):
    def start(self) -> int: ...
    def end(self) -> int: ...


class _TimeLimited:
    """A scenario's pattern, compiled with `regex` and searched within PATTERN_TIME_LIMIT."""

    def __init__(self, pattern: str, ignore_case: bool) -> None:
        import regex  # type: ignore[import-untyped]  # only when a scenario has patterns

        flags = regex.VERSION0 | (regex.IGNORECASE if ignore_case else 0)
        self._compiled: Any = regex.compile(pattern, flags)

    def finditer(self, text: str) -> Iterator[_Found]:
        """Every match found within the time limit; a search that runs out finds no more."""
        try:
            yield from self._compiled.finditer(text, timeout=PATTERN_TIME_LIMIT)
        except TimeoutError:
            return


@dataclass(frozen=True)
class CompiledPattern:
    """A cue's regular expression, compiled to run case-insensitively as fast as it can."""

    cue: int
    any_case: _Searcher
    on_lower_case: _Searcher | None
    """The same pattern without IGNORECASE, to run on lower-cased text (about twice as fast);
    None when the pattern names capital letters itself."""
    gate: Gate | None
    """What a text must contain for the pattern to match: texts without it are not searched."""

    @classmethod
    def compile(cls, cue: int, pattern: str, time_limited: bool = False) -> CompiledPattern:
        """Compile `pattern` for cue number `cue`; a scenario's pattern (`time_limited`) gives
        up on a reply after PATTERN_TIME_LIMIT."""
        unescaped = _ESCAPE.sub("", pattern)
        # Capitals, a part marked case-sensitive with (?-i:...), or letters outside ASCII
        # (Greek sigma has three forms) need the text as written and IGNORECASE.
        case_matters = (
            any(ch.isupper() for ch in unescaped)
            or _CASE_SENSITIVE.search(unescaped) is not None
            or any(not ch.isascii() and ch.lower() != ch.upper() for ch in unescaped)
        )

        def compiled(ignore_case: bool) -> _Searcher:
            if time_limited:
                return _TimeLimited(pattern, ignore_case)
            return re.compile(pattern, re.IGNORECASE if ignore_case else 0)

        return cls(
            cue,
            compiled(ignore_case=True),
            None if case_matters else compiled(ignore_case=False),
            gate_for(pattern),
        )
