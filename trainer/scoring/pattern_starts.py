"""Where a regular expression's matches can start: at the start of a word beginning with one
of a few letters or prefixes.

Most of the rubric's patterns open with a word boundary and a list of words
(`\\b(?:will|would|is\\s+it)...`) or with a digit that no letter precedes. Scanning a sentence
with such a pattern tries it at every character; trying it only where a word with the right
beginning starts ("will", "would", "is") finds the same matches in a fraction of the time. The
analysis is conservative: a pattern it does not fully understand gets no prefixes and is
scanned as before.
"""

from __future__ import annotations

import re
from typing import Any

from trainer.scoring.pattern_gate import parse_tree

_WORD_CHAR = re.compile(r"[^\W_]")
DIGIT = "\\d"
"""The prefix that stands for any decimal digit (of any script, as \\d means it)."""
_MOST_FIRST_CHARACTERS = 40
"""A character class with more members than this ([a-z] has 26) is not worth indexing."""


def word_prefixes(pattern: str) -> frozenset[str] | None:
    """The beginnings (lower case; DIGIT for any digit) one of which starts the word where
    every match of `pattern` starts; None if a match may start elsewhere, or it cannot tell."""
    parsed = parse_tree(pattern)
    if parsed is None or _ascii_anywhere(pattern):
        return None  # under re.ASCII, \b and \w see "é" as no letter: word starts differ
    ops, tree = parsed
    return _Starts(ops).sequence(tree, False)


def _ascii_anywhere(pattern: str) -> bool:
    """Whether the ASCII flag applies to any part of `pattern`, (?a) or (?a:...)."""
    scoped = re.search(r"\(\?[aiLmsux-]*a", pattern) is not None
    return scoped or bool(re.compile(pattern).flags & re.ASCII)


class _Starts:
    """Walks the parse tree of a pattern (re._parser's format) for the start of its matches."""

    def __init__(self, ops: Any) -> None:
        self.ops = ops
        self.repeats = {ops.MAX_REPEAT, ops.MIN_REPEAT, getattr(ops, "POSSESSIVE_REPEAT", None)}

    def sequence(self, items: list[tuple[Any, Any]], at_word_start: bool) -> frozenset[str] | None:
        """The prefixes a match of `items` starts with, if it must start a word (or follows
        something, `at_word_start`, that says it does)."""
        ops = self.ops
        position = 0
        # Assertions before the first character: \b, (?<!\w) say the match starts a word.
        while position < len(items):
            op, value = items[position]
            if op is ops.AT:
                if value is not ops.AT_BOUNDARY:
                    return None
                at_word_start = True
            elif op is ops.ASSERT_NOT and value[0] == -1:
                at_word_start = at_word_start or self._not_after_word(value[1])
            elif op not in (ops.ASSERT, ops.ASSERT_NOT):
                break
            position += 1
        if position == len(items):
            return None
        op, value = items[position]
        rest = items[position + 1 :]
        if op is ops.BRANCH:
            found = [self.sequence([*branch, *rest], at_word_start) for branch in value[1]]
            if any(prefixes is None for prefixes in found):
                return None
            return frozenset().union(*(prefixes for prefixes in found if prefixes))
        if op is ops.SUBPATTERN:
            return self.sequence([*value[-1], *rest], at_word_start)
        if op in self.repeats:
            low, _, body = value
            return self.sequence(list(body), at_word_start) if low >= 1 else None
        if op is ops.LITERAL:
            letters = ""
            for literal_op, code in items[position:]:
                if literal_op is not ops.LITERAL or not _WORD_CHAR.fullmatch(chr(code)):
                    break
                letters += chr(code)
            if not letters or letters != letters.lower() or not at_word_start:
                return None
            return frozenset({letters})
        if op is ops.IN:
            first = self._characters(value)
            if first is None:
                return None
            # \d(?<![\w.]\d): a digit with no letter or digit before it starts a word.
            follows = rest[:1]
            if follows and follows[0][0] is ops.ASSERT_NOT and follows[0][1][0] == -1:
                look = list(follows[0][1][1])
                if len(look) == 2 and look[1] == (op, value) and self._has_word(look[0]):
                    at_word_start = True
            return first if at_word_start else None
        return None

    def _not_after_word(self, behind: Any) -> bool:
        """Whether a negative lookbehind forbids a letter, digit or underscore before."""
        items = list(behind)
        return len(items) == 1 and self._has_word(items[0])

    def _has_word(self, item: tuple[Any, Any]) -> bool:
        ops = self.ops
        op, value = item
        members = list(value)
        return (
            op is ops.IN
            and (ops.CATEGORY, ops.CATEGORY_WORD) in members
            and (ops.NEGATE, None) not in members
        )

    def _characters(self, members: Any) -> frozenset[str] | None:
        """The characters a class matches, if few and all letters or digits."""
        ops = self.ops
        found: set[str] = set()
        for op, value in members:
            if op is ops.LITERAL:
                found.add(chr(value))
            elif op is ops.RANGE:
                found.update(chr(code) for code in range(value[0], value[1] + 1))
            elif op is ops.CATEGORY and value is ops.CATEGORY_DIGIT:
                found.add(DIGIT)  # any script's digit, as \d means it
            else:
                return None
        if len(found) > _MOST_FIRST_CHARACTERS:
            return None
        if not all(ch == DIGIT or (_WORD_CHAR.fullmatch(ch) and ch == ch.lower()) for ch in found):
            return None
        return frozenset(found)
