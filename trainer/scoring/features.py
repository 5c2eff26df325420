"""Shapes of a reply that phrase lists cannot capture: sentences, questions, shouting.

An open question invites the agent to explain or offer options: it opens with what, how,
why or which ("What would you do in my position", with or without a question mark), or asks
the agent to tell, show or walk the customer through something ("Could you walk me through
what options I have?"). A yes/no question opens with an auxiliary verb ("Can you refund me?",
"Is there anything you can do?", "Can you tell me if there is a discount?"): it is easy to
answer "no". Shouting is a run of capitalised words ("THIS IS RIDICULOUS").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from trainer.scoring.matching import Token, tokenize

Span = tuple[int, int]

_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n")

_FILLERS = frozenset(
    "so and but ok okay well then also alright right now please honestly hi hello hey "
    "sorry look listen yes yeah no thanks um uh oh anyway".split()
)
_OPENING_FILLERS = _FILLERS | {"just", "now"}
_OPEN_WORDS = frozenset(
    "what whats how hows why whys which who whos whom where wheres when whens".split()
)
_NOT_AFTER_OPEN_WORD = frozenset("a an dare nice kind lovely great cares knows".split())
_EXCLAIMED = frozenset("hell heck fuck f h3ll devil".split())
"""After "what the": "What the hell is this?" protests; "What's the best you can do?" asks."""
_ASKING_OPEN_WORDS = frozenset("what whats how hows why".split())
"""The question words that ask even without a question mark ("What would you do in my
position"); "which", "when", "who"... without one are more often relative ("..., which is not
what I agreed to")."""
_SUBJECTS = frozenset({"i", "you", "we", "they", "he", "she", "it"})
_AUXILIARIES = frozenset(
    "can could would will is are am was were do does did have has had should shall may "
    "might must isnt arent wasnt werent dont doesnt didnt wont cant couldnt wouldnt "
    "shouldnt havent hasnt".split()
)
_ASKED_ABOUT = _SUBJECTS | {"there", "this", "that"}
_ASKS_TO_BE_TOLD = re.compile(
    r"\b(?:(?:tell|telling|show|showing|let)\s+(?:me|us)\s+(?:know\s+)?"
    r"|(?:explain|explaining|describe|clarify)\s+(?:to\s+(?:me|us)\s+)?"
    r"|(?:wondering|wonder|curious|suggest|recommend|asking|ask)\s+(?:about\s+)?)"
    r"(?:what|how|why|which|when|where|who)\b"
    r"|\b(?:walk|talk|take)\s+(?:me|us)\s+through\b"
    r"|\bhelp\s+(?:me|us)\s+understand\b"
    r"|\btell\s+(?:me|us)\s+more\b",
    re.IGNORECASE,
)
_WANTS_TO_KNOW = re.compile(
    r"\b(?:know|knowing|understand|hear|learn|find\s+out|idea)\s+(?:about\s+)?"
    r"(?:what|how|why|which|when|where|who)\b",
    re.IGNORECASE,
)
_FRAME_WORDS = frozenset(
    "tell telling show showing let explain explaining describe clarify wondering wonder "
    "curious suggest recommend asking ask walk talk take help know knowing understand hear "
    "learn find idea".split()
)
"""Words without which neither question frame above can match: a cheap check first."""
_WANTING = frozenset("like love want wanted need hoping hope appreciate keen".split())
_NEGATIONS = frozenset("not dont doesnt didnt never no cant cannot".split())
_CAPITAL_WORD = re.compile(r"(?<![^\W_])[^\W\d_a-z]+(?:['\u2019][^\W\d_a-z]+)*(?![^\W_])")
"""A whole word with no lower-case ASCII letter (checked with isupper() afterwards)."""
_WORD_OR_BREAK = re.compile(r"[^\W_]|\n")
_CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014.!?\n]|\s-+\s")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a reply: its span, its words, and where its clauses start."""

    start: int
    end: int
    words: tuple[Token, ...]
    clause_starts: tuple[int, ...]
    """Indices into `words` where a clause starts: the first word, and each after a , ; : ( or
    a dash."""
    ends_with_question_mark: bool
    first_token: int
    """The index of the sentence's first word among the reply's words."""


@dataclass
class Reply:
    """A reply split into words, clauses and sentences once, for every feature to share."""

    text: str
    tokens: list[Token]
    breaks: list[bool]
    """For each word, whether punctuation stands between it and the word before."""
    sentences: list[Sentence]
    _open: list[bool] | None = field(default=None, repr=False)
    _openings: frozenset[int] | None = field(default=None, repr=False)

    def openings(self) -> frozenset[int]:
        """Indices of the words that open a sentence, counting past greetings and fillers."""
        if self._openings is None:
            found: set[int] = set()
            for sentence in self.sentences:
                first = sentence.first_token
                found.add(first)
                position = 0
                while position < len(sentence.words) and (
                    sentence.words[position].word in _OPENING_FILLERS
                ):
                    position += 1
                    found.add(first + position)
                found.add(first + _leading_fillers(sentence))
            self._openings = frozenset(found)
        return self._openings

    def sentence_of_token(self) -> list[int]:
        """For each word, the index of its sentence."""
        owner = [0] * len(self.tokens)
        for index, sentence in enumerate(self.sentences):
            first = sentence.first_token
            owner[first : first + len(sentence.words)] = [index] * len(sentence.words)
        return owner

    def open_flags(self) -> list[bool]:
        """For each sentence, whether it is an open question (worked out once)."""
        if self._open is None:
            self._open = [is_open_question(s, self.text) for s in self.sentences]
        return self._open


def analyse(text: str, tokens: list[Token] | None = None) -> Reply:
    """Split a reply into words, clauses and sentences."""
    tokens = tokenize(text) if tokens is None else tokens
    # Walk the punctuation once, alongside the words: a mark before a word breaks its clause.
    marks = [match.start() for match in _CLAUSE_BREAK.finditer(text)]
    breaks = []
    next_mark = 0
    previous_end = -1
    for token in tokens:
        while next_mark < len(marks) and marks[next_mark] < previous_end:
            next_mark += 1
        breaks.append(
            previous_end >= 0 and next_mark < len(marks) and marks[next_mark] < token.start
        )
        previous_end = token.end
    return Reply(text, tokens, breaks, _sentences(text, tokens, breaks))


def _sentences(text: str, tokens: list[Token], breaks: list[bool]) -> list[Sentence]:
    """The sentences of `text`, split at . ! ? followed by a space, and at line breaks."""
    found: list[Sentence] = []
    index = 0
    bounds = [(m.start(), m.end()) for m in _SENTENCE_END.finditer(text)]
    bounds.append((len(text), len(text)))
    for mark_start, mark_end in bounds:
        first = index
        while index < len(tokens) and tokens[index].start < mark_start:
            index += 1
        if index == first:
            continue
        words = tuple(tokens[first:index])
        clause_starts = (0, *(i - first for i in range(first + 1, index) if breaks[i]))
        found.append(
            Sentence(
                words[0].start,
                mark_end if mark_end > words[-1].end else words[-1].end,
                words,
                clause_starts,
                "?" in text[mark_start:mark_end],
                first,
            )
        )
    return found


def _leading_fillers(sentence: Sentence, first: int = 0) -> int:
    """Where the words of a sentence (or of its clause from `first`) start, after greetings,
    names and fillers."""
    words = sentence.words
    skipped = first
    while skipped < len(words) and words[skipped].word in _FILLERS:
        skipped += 1
    # "Hi Dana, what ...": a short chunk before a comma is an address, not the question.
    for start in sentence.clause_starts:
        if skipped < start <= skipped + 3:
            skipped = start
            while skipped < len(words) and words[skipped].word in _FILLERS:
                skipped += 1
            break
    return skipped


def is_open_question(sentence: Sentence, text: str) -> bool:
    """Whether a sentence invites the agent to explain or offer options."""
    words = {token.word for token in sentence.words}
    if words.isdisjoint(_FRAME_WORDS):
        return not words.isdisjoint(_OPEN_WORDS) and any(
            _opens_with_question_word(sentence, start) for start in sentence.clause_starts
        )
    for frame in (_ASKS_TO_BE_TOLD, _WANTS_TO_KNOW):
        for match in frame.finditer(text, sentence.start, sentence.end):
            before = [t.word for t in sentence.words if t.end <= match.start()][-4:]
            if _NEGATIONS.intersection(before[-3:]):
                continue  # "I don't know what I want" asks nothing
            # "I know what you did" tells; "I'd like to know what..." and "Do you know how...?" ask.
            if frame is _ASKS_TO_BE_TOLD or sentence.ends_with_question_mark:
                return True
            if _WANTING.intersection(before):
                return True
    return any(_opens_with_question_word(sentence, start) for start in sentence.clause_starts)


def _opens_with_question_word(sentence: Sentence, clause_start: int) -> bool:
    first = _leading_fillers(sentence, clause_start)
    words = sentence.words
    if first >= len(words) or words[first].word not in _OPEN_WORDS:
        return False
    if first + 1 >= len(words):
        return words[first].word in {"why", "how"}  # "Why?" asks; "What?!" is a protest
    following = words[first + 1].word
    if following == "the" and first + 2 < len(words) and words[first + 2].word in _EXCLAIMED:
        return False
    if following in _NOT_AFTER_OPEN_WORD or following in _SUBJECTS:
        # "What a mess.", "How dare you", "What I need is...", "When you get a chance, ..."
        return False
    if sentence.ends_with_question_mark:
        return True
    return words[first].word in _ASKING_OPEN_WORDS and following in _AUXILIARIES


def is_yes_no_question(sentence: Sentence) -> bool:
    """Whether a sentence is a question that can be answered with a plain yes or no."""
    if sentence.ends_with_question_mark:
        # "When you get a chance, could you refund me?": any clause may carry the question.
        starts = {_leading_fillers(sentence, start) for start in sentence.clause_starts}
        return any(
            start < len(sentence.words) and sentence.words[start].word in _AUXILIARIES
            for start in starts
        )
    words = sentence.words[_leading_fillers(sentence) :]
    # Without a question mark, "Can you refund me" asks; "Don't charge me again" orders.
    return len(words) > 2 and words[0].word in _AUXILIARIES and words[1].word in _ASKED_ABOUT


def open_questions(reply: Reply) -> list[Span]:
    """The spans of the open questions in a reply."""
    return [
        (s.start, s.end)
        for s, is_open in zip(reply.sentences, reply.open_flags(), strict=False)
        if is_open
    ]


def yes_no_only(reply: Reply) -> list[Span]:
    """The yes/no questions of a reply that asks no open question; empty otherwise."""
    if any(reply.open_flags()):
        return []
    return [(s.start, s.end) for s in reply.sentences if is_yes_no_question(s)]


def shouting(reply: Reply) -> list[Span]:
    """Runs of words in capitals (any alphabet): two or more words with seven letters or more
    between them, or one word of six letters or more. Codes such as QX7PLM are not words."""
    text = reply.text
    spans: list[Span] = []
    run: list[tuple[int, int]] = []
    letters = 0
    last_end = -1
    for match in _CAPITAL_WORD.finditer(text):
        start, end = match.span()
        word = match.group().replace("'", "").replace("\u2019", "")
        joined = run and _WORD_OR_BREAK.search(text, last_end, start) is None
        if len(word) == 1:  # "WHY DID I PAY": a capital I or A neither starts nor breaks a run
            if joined:
                last_end = end
            continue
        if not word.isupper():
            continue
        if not joined:
            spans += _shouted(run, letters)
            run, letters = [], 0
        run.append((start, end))
        letters += len(word)
        last_end = end
    return spans + _shouted(run, letters)


def _shouted(run: list[tuple[int, int]], letters: int) -> list[Span]:
    if (len(run) >= 2 and letters >= 7) or (len(run) == 1 and letters >= 6):
        return [(run[0][0], run[-1][1])]
    return []
