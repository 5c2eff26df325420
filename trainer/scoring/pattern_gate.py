"""A cheap pre-check for a regular expression: what a text must contain before it can match.

Scanning a reply with a regular expression costs time at every position; checking whether the
reply contains "clause" or a digit costs almost nothing. From the parsed pattern we work out a
necessary condition (a gate): any of some literal strings, or any digit. A reply that passes
no gate cannot match, so it is not scanned. The analysis is conservative: whatever it does
not understand yields no gate, never a wrong one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

_DIGIT = re.compile(r"\d")


def fold(text: str) -> str:
    """Text folded the way gates compare it. IGNORECASE matches dotted capital I and dotless
    i as a plain i, where casefold() would make the first i plus a combining dot."""
    return text.replace("\u0130", "i").casefold().replace("\u0131", "i")


@dataclass(frozen=True)
class Gate:
    """A pattern can only match a text that contains one of `strings`, or a digit if `digit`."""

    strings: frozenset[str]
    """Folded literal strings."""
    digit: bool
    _any_string: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # One search for all the strings, longest first (as fast as one `in` for each).
        ordered = sorted(self.strings, key=lambda string: (-len(string), string))
        searcher = re.compile("|".join(map(re.escape, ordered))) if ordered else None
        object.__setattr__(self, "_any_string", searcher)

    def admits(self, folded: str, has_digit: bool) -> bool:
        """Whether a text (folded by `fold`) might match."""
        if self.digit and has_digit:
            return True
        return self._any_string is not None and self._any_string.search(folded) is not None


def has_digit(text: str) -> bool:
    """Whether `text` has a decimal digit, as the regular expression \\d means it."""
    return _DIGIT.search(text) is not None


_Need = tuple[frozenset[str], bool]


def parse_tree(pattern: str) -> tuple[Any, list[tuple[Any, Any]]] | None:
    """The opcodes module and the parse tree of `pattern` (re._parser's format), or None
    when it does not parse."""
    try:
        from re import _constants as ops  # type: ignore[attr-defined]
        from re import _parser as parser  # type: ignore[attr-defined]

        return ops, list(parser.parse(pattern))
    except Exception:
        return None


def gate_for(pattern: str) -> Gate | None:
    """A necessary condition for `pattern` to match anywhere in a text, or None."""
    parsed = parse_tree(pattern)
    if parsed is None:
        return None
    ops, tree = parsed
    need = _Analysis(ops).sequence(tree)
    if need is None:
        return None
    return Gate(need[0], need[1])


class _Analysis:
    """Walks the parse tree of a pattern (re._parser's format) to find what it needs."""

    def __init__(self, ops: Any) -> None:
        self.ops = ops
        self.repeats = {ops.MAX_REPEAT, ops.MIN_REPEAT, getattr(ops, "POSSESSIVE_REPEAT", None)}

    def sequence(self, items: list[tuple[Any, Any]]) -> _Need | None:
        """Every item of a sequence must match, so any one item's need will do: the best."""
        options: list[_Need] = []
        run: list[str] = []
        for op, value in [*items, (None, None)]:
            if op is self.ops.LITERAL:
                run.append(chr(value))
                continue
            if run:
                options.append((frozenset({fold("".join(run))}), False))
                run = []
            if op is not None and (need := self.item(op, value)) is not None:
                options.append(need)
        useful = [option for option in options if _selective(option)]
        if not useful:
            return None
        return min(useful, key=_cost)

    def item(self, op: Any, value: Any) -> _Need | None:
        """What one item of a sequence needs."""
        ops = self.ops
        if op is ops.IN:
            return self.char_set(value)
        if op is ops.BRANCH:
            needs = [self.sequence(list(branch)) for branch in value[1]]
            if any(need is None for need in needs):
                return None
            strings = frozenset().union(*(need[0] for need in needs if need))
            return strings, any(need[1] for need in needs if need)
        if op is ops.SUBPATTERN:
            return self.sequence(list(value[-1]))
        if op in self.repeats:
            return self.sequence(list(value[2])) if value[0] >= 1 else None
        if op is ops.ASSERT:  # a lookahead or lookbehind still needs its text to be there
            return self.sequence(list(value[1]))
        if op is getattr(ops, "ATOMIC_GROUP", None):
            return self.sequence(list(value))
        return None

    def char_set(self, members: list[tuple[Any, Any]]) -> _Need | None:
        """[0-9] and \\d need a digit; [$€£] needs one of its characters."""
        ops = self.ops
        digits = all(
            (op is ops.RANGE and 48 <= value[0] <= value[1] <= 57)
            or (op is ops.CATEGORY and value is ops.CATEGORY_DIGIT)
            or (op is ops.LITERAL and chr(value).isdecimal())
            for op, value in members
        )
        if members and digits:
            return frozenset(), True
        if members and all(op is ops.LITERAL for op, _ in members):
            return frozenset(fold(chr(value)) for _, value in members), False
        return None


def _selective(need: _Need) -> bool:
    """A need worth checking: no string is a single letter or digit (those are everywhere)."""
    strings, _ = need
    return all(len(string) > 1 or not string.isalnum() for string in strings)


_DIGIT_COST = 4
"""A digit turns up in a reply about as often as one of four given strings."""


def _cost(need: _Need) -> tuple[int, int]:
    """Fewer strings to look for first; then longer ones (rarer). Digits are common."""
    strings, digit = need
    return len(strings) + _DIGIT_COST * digit, -min((len(s) for s in strings), default=0)


def nested_repeat(pattern: str) -> bool:
    """Whether an unbounded repetition sits inside another repetition that nothing delimits,
    as in `(\\w+\\s?)+`: on a reply it does not match, such a pattern can take practically
    forever (catastrophic backtracking), and Python's `re` cannot be stopped meanwhile.
    `(?:\\.\\d+)*` is fine: each round must start with a "." that `\\d+` cannot take."""
    parsed = parse_tree(pattern)
    if parsed is None:
        return False
    ops, tree = parsed
    return _Nesting(ops).walk(tree, False)


class _Nesting:
    """Finds unbounded repetitions inside undelimited repetitions (re._parser's format)."""

    def __init__(self, ops: Any) -> None:
        self.ops = ops
        self.repeats = {ops.MAX_REPEAT, ops.MIN_REPEAT, getattr(ops, "POSSESSIVE_REPEAT", None)}
        self.categories: dict[Any, Callable[[str], bool]] = {
            ops.CATEGORY_DIGIT: str.isdigit,
            ops.CATEGORY_SPACE: str.isspace,
            ops.CATEGORY_WORD: lambda c: c.isalnum() or c == "_",
        }
        self.negated = {
            ops.CATEGORY_NOT_DIGIT: ops.CATEGORY_DIGIT,
            ops.CATEGORY_NOT_SPACE: ops.CATEGORY_SPACE,
            ops.CATEGORY_NOT_WORD: ops.CATEGORY_WORD,
        }

    def walk(self, items: list[tuple[Any, Any]], inside: bool) -> bool:
        """Whether `items` (inside an undelimited repetition, if `inside`) nest badly."""
        ops = self.ops
        for op, value in items:
            if op in self.repeats:
                _, high, body = value
                if inside and high == ops.MAXREPEAT:
                    return True
                body = list(body)
                if self.walk(body, inside or (high > 1 and not self.delimited(body))):
                    return True
            elif op is ops.SUBPATTERN:
                if self.walk(list(value[-1]), inside):
                    return True
            elif op is ops.BRANCH:
                if any(self.walk(list(branch), inside) for branch in value[1]):
                    return True
            elif op in (ops.ASSERT, ops.ASSERT_NOT) and self.walk(list(value[1]), inside):
                return True
        return False

    def delimited(self, body: list[tuple[Any, Any]]) -> bool:
        """Whether each round of a repetition must contain a character (a top-level literal)
        that no repetition inside it can take, so that rounds cannot be split two ways."""
        literals = [chr(value) for op, value in body if op is self.ops.LITERAL]
        inner = [value[2] for op, value in self._all(body) if op in self.repeats]
        return any(not any(self.may_take(list(r), c) for r in inner) for c in literals)

    def _all(self, items: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
        """Every item, at any depth."""
        found = []
        for op, value in items:
            found.append((op, value))
            if op in self.repeats:
                found += self._all(list(value[2]))
            elif op is self.ops.SUBPATTERN:
                found += self._all(list(value[-1]))
            elif op is self.ops.BRANCH:
                for branch in value[1]:
                    found += self._all(list(branch))
        return found

    def may_take(self, items: list[tuple[Any, Any]], char: str) -> bool:
        """Whether anything in `items` might match `char` (True when unsure)."""
        ops = self.ops
        for op, value in self._all(items):
            if op is ops.LITERAL:
                if chr(value).casefold() == char.casefold():
                    return True
            elif op is ops.NOT_LITERAL:  # [^x]
                if chr(value).casefold() != char.casefold():
                    return True
            elif op is ops.IN:
                if self._in_set(value, char):
                    return True
            elif op not in (*self.repeats, ops.SUBPATTERN, ops.BRANCH, ops.AT):
                return True  # ANY, NOT_LITERAL, groups, lookarounds...: assume it can
        return False

    def _in_set(self, members: list[tuple[Any, Any]], char: str) -> bool:
        ops = self.ops
        negate, hit = False, False
        for op, value in members:
            if op is ops.NEGATE:
                negate = True
            elif op is ops.LITERAL:
                hit |= chr(value).casefold() == char.casefold()
            elif op is ops.RANGE:
                hit |= value[0] <= ord(char) <= value[1]
            elif op is ops.CATEGORY and value in self.categories:
                hit |= self.categories[value](char)
            elif op is ops.CATEGORY and value in self.negated:
                hit |= not self.categories[self.negated[value]](char)
            else:
                return True
        return hit != negate


def overlapping_alternation(pattern: str) -> bool:
    """Whether a repetition holds alternatives that can start on the same character (or match
    nothing), as in `(\\w|\\w\\w|\\s)+`: a run of text can then be split between them in
    exponentially many ways, and a reply the pattern does not match takes practically forever.
    `(?:very |really )*` is fine: its alternatives start differently."""
    parsed = parse_tree(pattern)
    if parsed is None:
        return False
    ops, tree = parsed
    return _Overlap(_Nesting(ops)).walk(tree, False)


class _Overlap:
    """Finds alternations with overlapping starts inside repetitions (re._parser's format)."""

    _SAMPLES = "aZ0 _.,-!?'\"$/:\t\n"

    def __init__(self, nesting: _Nesting) -> None:
        self.nesting = nesting
        self.ops = nesting.ops

    def walk(self, items: list[tuple[Any, Any]], repeated: bool) -> bool:
        """Whether `items` (inside a repetition, if `repeated`) hold overlapping alternatives."""
        ops = self.ops
        for op, value in items:
            if op in self.nesting.repeats:
                _, high, body = value
                if self.walk(list(body), repeated or high > 1):
                    return True
            elif op is ops.SUBPATTERN:
                if self.walk(list(value[-1]), repeated):
                    return True
            elif op is ops.BRANCH:
                branches = [list(branch) for branch in value[1]]
                if repeated and self._overlap(branches):
                    return True
                if any(self.walk(branch, repeated) for branch in branches):
                    return True
        return False

    def _overlap(self, branches: list[list[tuple[Any, Any]]]) -> bool:
        if any(not branch for branch in branches):
            return True  # an empty alternative: a round may take nothing
        literals = {chr(v) for b in branches for op, v in b[:1] if op is self.ops.LITERAL}
        samples = set(self._SAMPLES) | literals
        for char in samples:
            starting = sum(1 for branch in branches if self.nesting.may_take(branch[:1], char))
            if starting > 1:
                return True
        return False
