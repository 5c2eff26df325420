"""Finding phrases in a reply, word by word, so that typos match and short words stay whole.

A phrase matches a run of consecutive words in the reply when each reply word equals the
phrase's word, or is within the phrase word's edit budget (OSA distance: a swapped letter
pair is one edit) and starts with the same letter. Words are compared whole, so "fee" never
matches inside "coffee", and "thanks" never inside "thanksgiving". Words of up to four letters
must match exactly, since one edit turns "fee" into "few" and "card" into "care".

Known limit: a typo budget cannot tell a typo from another real word of the same shape
("think" is one edit from "thank"); the scorer must not rely on a single short phrase word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_APOSTROPHE_CHARS = "'\u2019"  # straight and typographic
_WORD = re.compile(rf"[^\W_]+(?:[{_APOSTROPHE_CHARS}][^\W_]+)*")
_APOSTROPHES = str.maketrans("", "", _APOSTROPHE_CHARS)
_CACHE_LIMIT = 20_000
_MOST_EDITS = 2


@dataclass(frozen=True)
class Token:
    """One word of a text: its normalised form and where it stands in the original."""

    word: str
    start: int
    end: int


def normalise_word(word: str) -> str:
    """Lower-case, with apostrophes dropped: "Don't" and "dont" are the same word."""
    return word.lower().translate(_APOSTROPHES)


def tokenize(text: str) -> list[Token]:
    """The words of `text`, with their character spans in `text`."""
    return [Token(normalise_word(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]


def edit_budget(word: str) -> int:
    """How many typos a phrase word tolerates: none up to 4 letters, 1 up to 7, then 2."""
    return 0 if len(word) <= 4 else 1 if len(word) <= 7 else _MOST_EDITS


@dataclass(frozen=True)
class PhraseMatch:
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

    def __init__(self, phrases: Iterable[str]) -> None:
        self.phrases: tuple[str, ...] = tuple(phrases)
        self._vocabulary: dict[str, int] = {}
        self._phrase_words: list[tuple[int, ...]] = []
        self._phrases_starting_with: dict[int, list[int]] = {}
        for index, phrase in enumerate(self.phrases):
            words = tuple(self._word_id(token.word) for token in tokenize(phrase))
            if not words:
                raise ValueError(f"phrase {phrase!r} has no words to match")
            self._phrase_words.append(words)
            self._phrases_starting_with.setdefault(words[0], []).append(index)
        self._by_initial: dict[str, list[str]] = {}
        for word in self._vocabulary:
            if edit_budget(word):
                self._by_initial.setdefault(word[0], []).append(word)
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
        candidates = self._by_initial.get(word[:1], [])
        if candidates and len(word) > 4:
            # Imported here, on a cache miss: loading scenarios at start-up needs `tokenize` only.
            from rapidfuzz import process
            from rapidfuzz.distance import OSA

            for candidate, distance, _ in process.extract(
                word, candidates, scorer=OSA.distance, score_cutoff=_MOST_EDITS, limit=None
            ):
                if 0 < distance <= edit_budget(candidate):
                    matches[self._vocabulary[candidate]] = int(distance)
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[word] = matches
        return matches

    def find(self, text: str) -> list[PhraseMatch]:
        """Every occurrence of every phrase in `text`, in reading order."""
        return self.find_in_tokens(tokenize(text))

    def find_in_tokens(self, tokens: list[Token]) -> list[PhraseMatch]:
        """Every occurrence of every phrase among already tokenised words."""
        per_word = [self.word_matches(token.word) for token in tokens]
        found: list[PhraseMatch] = []
        for position, matches in enumerate(per_word):
            for word_id, first_edits in matches.items():
                for phrase in self._phrases_starting_with.get(word_id, ()):
                    words = self._phrase_words[phrase]
                    end = position + len(words)
                    if end > len(tokens):
                        continue
                    edits = first_edits
                    for offset in range(1, len(words)):
                        more = per_word[position + offset].get(words[offset])
                        if more is None:
                            break
                        edits += more
                    else:
                        found.append(
                            PhraseMatch(
                                phrase,
                                tokens[position].start,
                                tokens[end - 1].end,
                                position,
                                len(words),
                                edits,
                            )
                        )
        found.sort(key=lambda match: (match.start, -match.end, match.phrase))
        return found
