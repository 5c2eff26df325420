"""A cue's regular expression, compiled to run case-insensitively as fast as it can; a
scenario author's pattern runs on `regex` with a time limit, since Python's `re` cannot be
stopped."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from trainer.scoring.pattern_gate import Gate, gate_for
from trainer.scoring.pattern_starts import word_prefixes

CASE_TRAPS = re.compile("[\u0131\u017f]")
"""Dotless i and long s: IGNORECASE matches them as i and s, but lower() keeps them."""
_CASE_SENSITIVE = re.compile(r"\(\?[a-zA-Z]*-[a-zA-Z]*i")
_ESCAPE = re.compile(r"\\(?:N\{[^}]*\}|U[0-9a-fA-F]{8}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)")


PATTERN_TIME_LIMIT = 0.05
"""Seconds a scenario's pattern may search one reply before it counts as not matching. Python's
`re` cannot be stopped, so a pattern that backtracks for ever (`(\\w+\\s?)+$` on a reply it
does not match) would freeze the trainer: scenario patterns run on `regex`, which can."""


REPLY_TIME_BUDGET = 0.2
"""Seconds all of a scenario's patterns together may search one reply: 50 patterns that each
ran to PATTERN_TIME_LIMIT would make a reply take 2.5 s. A fifth of a second is about the
longest a pause after Enter goes unnoticed; scoring a reply otherwise takes a few ms."""


@dataclass
class PatternLimits:
    """The time a call's patterns have: REPLY_TIME_BUDGET for all of them on each reply; a
    pattern that runs out of its own PATTERN_TIME_LIMIT is not searched again in this call,
    and said so once (`take_warnings`)."""

    reply_seconds: float = REPLY_TIME_BUDGET
    disabled: set[str] = field(default_factory=set)
    """The patterns not searched any more."""
    _warnings: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def disable(self, pattern: str, label: str) -> None:
        """Stop using `pattern` (of the cue `label`) for the rest of the call."""
        with self._lock:
            if pattern in self.disabled:
                return
            self.disabled.add(pattern)
            self._warnings.append(
                f'the pattern of the cue "{label}" searched a reply for more than '
                f"{PATTERN_TIME_LIMIT * 1000:.0f} ms and is not used for the rest of this call"
            )

    def take_warnings(self) -> list[str]:
        """The warnings not yet shown (each is given once)."""
        with self._lock:
            warnings, self._warnings = self._warnings, []
        return warnings


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
        yield from self.find_all(text, PATTERN_TIME_LIMIT)[0]

    def find_all(self, text: str, seconds: float) -> tuple[list[_Found], bool]:
        """The matches found within `seconds`, and whether the search ran out of time."""
        found: list[_Found] = []
        try:
            found.extend(self._compiled.finditer(text, timeout=seconds))
        except TimeoutError:
            return found, True
        return found, False


def search_limited(
    searcher: _Searcher, text: str, deadline: float, limits: PatternLimits, pattern: str, label: str
) -> list[_Found]:
    """The matches of a scenario's pattern within the reply's remaining time (by `deadline`,
    on time.monotonic) and its own limit; a pattern that runs out of its own limit is
    disabled for the call."""
    if pattern in limits.disabled or not isinstance(searcher, _TimeLimited):
        return [] if pattern in limits.disabled else list(searcher.finditer(text))
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        return []  # the reply's time is spent: this pattern is not to blame
    seconds = min(PATTERN_TIME_LIMIT, remaining)
    found, ran_out = searcher.find_all(text, seconds)
    if ran_out and seconds >= PATTERN_TIME_LIMIT:
        limits.disable(pattern, label)
    return found


@dataclass(frozen=True)
class CompiledPattern:
    """A cue's regular expression, compiled to run case-insensitively as fast as it can."""

    cue: int
    source: str
    """The pattern as the author wrote it."""
    time_limited: bool
    any_case: _Searcher
    on_lower_case: _Searcher | None
    """The same pattern without IGNORECASE, to run on lower-cased text (about twice as fast);
    None when the pattern names capital letters itself."""
    gate: Gate | None
    """What a text must contain for the pattern to match: texts without it are not searched."""
    word_prefixes: frozenset[str] | None = None
    """The beginnings of the words where a match can start (`pattern_starts`), for a pattern
    that runs on lower-cased text: it is tried at those words only. None: scanned."""

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

        on_lower_case = None if case_matters else compiled(ignore_case=False)
        indexable = not time_limited and on_lower_case is not None
        return cls(
            cue,
            pattern,
            time_limited,
            compiled(ignore_case=True),
            on_lower_case,
            gate_for(pattern),
            word_prefixes(pattern) if indexable else None,
        )
