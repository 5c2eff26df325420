"""Finding phrases in a reply, word by word, so that typos match and short words stay whole.

A phrase matches a run of consecutive words in the reply when each reply word equals the
phrase's word, or is within the phrase word's edit budget (OSA distance: a swapped letter
pair is one edit), starts with the same letter, and differs in a way people mistype: a missed,
doubled or swapped letter, a neighbouring key, or one vowel for another ("pleese"). A letter
swapped for a distant one makes another word: "change" is not a typo of "charge". Words are
compared whole, so "fee" never matches inside "coffee", and "thanks" never inside
"thanksgiving". Words of up to four letters must match exactly, since one edit turns "fee"
into "few" and "card" into "care", except that a four-letter word may be a five-letter one
missing a letter ("sory").

A reply word spelt exactly like one of the phrase words, or listed as a real word, is never
read as a typo of another: "think" is one edit from "thank", and is not thanks. The rubric
lists such real words (`real_words`); any other word a typo away from a phrase word matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

_APOSTROPHE_CHARS = "'\u2019"  # straight and typographic
_WORD = re.compile(rf"[^\W_]+(?:[{_APOSTROPHE_CHARS}][^\W_]+)*")
_APOSTROPHES = str.maketrans("", "", _APOSTROPHE_CHARS)
_CACHE_LIMIT = 20_000
_MOST_EDITS = 2


class Token(NamedTuple):
    """One word of a text: its normalised form and where it stands in the original."""

    word: str
    start: int
    end: int


def normalise_word(word: str) -> str:
    """Lower-case, with apostrophes dropped: "Don't" and "dont" are the same word."""
    return word.lower().translate(_APOSTROPHES)


_WORD_OR_UNDERSCORE = re.compile(rf"\w+(?:[{_APOSTROPHE_CHARS}]\w+)*")
"""`_WORD` for a text without underscores (a simpler class, so a faster search)."""
_new_token = tuple.__new__  # a Token without NamedTuple's keyword handling: twice as fast


def tokenize(text: str) -> list[Token]:
    """The words of `text`, with their character spans in `text`."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter that lower-cases to two ("İ"): word by word
        return [Token(normalise_word(m.group()), *m.span()) for m in _WORD.finditer(text)]
    # Lower-casing the whole text once is faster, and keeps every index.
    words = _WORD if "_" in text else _WORD_OR_UNDERSCORE
    if "'" not in text and "\u2019" not in text:
        return [_new_token(Token, (m.group(), m.start(), m.end())) for m in words.finditer(lowered)]
    return [
        _new_token(
            Token,
            (word.translate(_APOSTROPHES) if "'" in word or "\u2019" in word else word, *m.span()),
        )
        for m in words.finditer(lowered)
        for word in (m.group(),)
    ]


def edit_budget(word: str) -> int:
    """How many typos a phrase word tolerates: none up to 4 letters, 1 up to 7, then 2."""
    return 0 if len(word) <= 4 else 1 if len(word) <= 7 else _MOST_EDITS


_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_KEY_POSITIONS = {
    key: (row, column + row / 2)
    for row, keys in enumerate(_KEYBOARD_ROWS)
    for column, key in enumerate(keys)
}
_VOWELS = frozenset("aeiouy")


def _slip_of_the_finger(typed: str, meant: str) -> bool:
    """Whether one letter typed for another is a likely typo: a neighbouring key, or a vowel
    for a vowel ("pleese"); "change" for "charge" is another word, not a typo."""
    if typed in _VOWELS and meant in _VOWELS:
        return True
    here, there = _KEY_POSITIONS.get(typed), _KEY_POSITIONS.get(meant)
    if here is None or there is None:
        return False
    return abs(here[0] - there[0]) <= 1 and abs(here[1] - there[1]) <= 1


def is_plausible_typo(typed: str, meant: str) -> bool:
    """Whether `typed` could be `meant` mistyped: a missed, doubled or swapped letter, or a
    letter replaced by a neighbouring key or a similar vowel."""
    if len(typed) != len(meant):
        return True
    different = [i for i, (a, b) in enumerate(zip(typed, meant, strict=True)) if a != b]
    if len(different) == 2 and different[1] == different[0] + 1:
        first, second = different
        if typed[first] == meant[second] and typed[second] == meant[first]:
            return True  # swapped letters: "thnak"
    return all(_slip_of_the_finger(typed[i], meant[i]) for i in different)


class PhraseMatch(NamedTuple):
    """A phrase found in a reply: which phrase, its character span, and how many typos."""

    phrase: int
    """The index of the phrase in the matcher's list."""
    start: int
    end: int
    first_word: int
    """The index of the phrase's first word among the reply's tokens."""
    word_count: int
    edits: int


class PhraseMatcher:
    """Finds every occurrence of a fixed list of phrases in replies, tolerating typos."""

    def __init__(self, phrases: Iterable[str], real_words: Iterable[str] = ()) -> None:
        self.phrases: tuple[str, ...] = tuple(phrases)
        self._real_words = frozenset(normalise_word(word) for word in real_words)
        self._vocabulary: dict[str, int] = {}
        # A trie of the phrases over word ids: node 0 is the root.
        self._children: list[dict[int, int]] = [{}]
        self._ends: list[list[int]] = [[]]
        self.longest = 0
        """The most words in one phrase."""
        for index, phrase in enumerate(self.phrases):
            words = tuple(self._word_id(token.word) for token in tokenize(phrase))
            if not words:
                raise ValueError(f"phrase {phrase!r} has no words to match")
            self.longest = max(self.longest, len(words))
            node = 0
            for word_id in words:
                child = self._children[node].get(word_id)
                if child is None:
                    child = len(self._children)
                    self._children[node][word_id] = child
                    self._children.append({})
                    self._ends.append([])
                node = child
            self._ends[node].append(index)
        # Typo candidates by first letter and length: a typo is at most two letters longer or
        # shorter than the word meant, so only five lengths need comparing.
        self._by_shape: dict[tuple[str, int], list[str]] = {}
        for word in self._vocabulary:
            if edit_budget(word):
                self._by_shape.setdefault((word[0], len(word)), []).append(word)
        self._cache: dict[str, dict[int, int]] = {}

    def _word_id(self, word: str) -> int:
        return self._vocabulary.setdefault(word, len(self._vocabulary))

    def word_matches(self, word: str) -> dict[int, int]:
        """The phrase words (by id) that a normalised reply word matches, with the edits used."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        matches: dict[int, int] = {}
        exact = self._vocabulary.get(word)
        if exact is not None:
            matches[exact] = 0
        # A word spelt like a phrase word, or a known real word, is not a typo of another one:
        # "think" is not "thank".
        candidates = (
            []
            if len(word) < 4 or exact is not None or word in self._real_words
            else [
                candidate
                for size in range(len(word) - _MOST_EDITS, len(word) + _MOST_EDITS + 1)
                for candidate in self._by_shape.get((word[0], size), ())
            ]
        )
        if candidates:
            # Imported here, on a cache miss: loading scenarios at start-up needs `tokenize` only.
            from rapidfuzz import process
            from rapidfuzz.distance import OSA

            for candidate, distance, _ in process.extract(
                word, candidates, scorer=OSA.distance, score_cutoff=_MOST_EDITS, limit=None
            ):
                if len(word) == 4 and len(candidate) != 5:
                    continue  # a four-letter word is only a five-letter one missing a letter
                if 0 < distance <= edit_budget(candidate) and is_plausible_typo(word, candidate):
                    matches[self._vocabulary[candidate]] = int(distance)
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[word] = matches
        return matches

    def find(self, text: str) -> list[PhraseMatch]:
        """Every occurrence of every phrase in `text`, in reading order."""
        return self.find_in_tokens(tokenize(text))

    def find_in_tokens(
        self, tokens: list[Token], starts: Iterable[int] | None = None
    ) -> list[PhraseMatch]:
        """Every occurrence of every phrase among already tokenised words (only those that
        start at the positions `starts`, when given)."""
        per_word = [self.word_matches(token.word) for token in tokens]
        children, ends = self._children, self._ends
        found: list[PhraseMatch] = []
        root = children[0]
        for position in range(len(tokens)) if starts is None else starts:
            if root.keys().isdisjoint(per_word[position]):
                continue  # no phrase starts with this word
            # Walk the phrase trie from this word on, along every word the reply's words match.
            frontier = [(0, 0)]
            offset = position
            while frontier and offset < len(tokens):
                advanced = []
                for node, edits in frontier:
                    branches = children[node]
                    for word_id, more in per_word[offset].items():
                        child = branches.get(word_id)
                        if child is None:
                            continue
                        advanced.append((child, edits + more))
                        for phrase in ends[child]:
                            found.append(
                                _new_token(
                                    PhraseMatch,
                                    (
                                        phrase,
                                        tokens[position].start,
                                        tokens[offset].end,
                                        position,
                                        offset - position + 1,
                                        edits + more,
                                    ),
                                )
                            )
                frontier = advanced
                offset += 1
        found.sort(key=lambda match: (match.start, -match.end, match.phrase))
        return found
