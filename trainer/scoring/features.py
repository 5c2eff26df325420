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

from trainer.scoring.lexicon import Lexicon
from trainer.scoring.matching import Token

Span = tuple[int, int]

_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n")
"""Where a sentence ends: . ! ? before a space or the end, and a line break."""

_CAPITAL_WORD = re.compile(r"(?<![^\W_])[^\W\d_a-z]+(?:['\u2019][^\W\d_a-z]+)*(?![^\W_])")
"""A whole word with no lower-case ASCII letter (checked with isupper() afterwards)."""
_WORD_OR_BREAK = re.compile(r"[^\W_]|\n")
_DIGIT = re.compile(r"\d")
_TWO_CAPITALS = re.compile(r"[^\W\d_a-z]{2}")
"""Two letters in a row with no lower-case ASCII letter: without them there is no shouting."""
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
    lexicon: Lexicon
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
                    sentence.words[position].word in self.lexicon.fillers
                ):
                    position += 1
                    found.add(first + position)
                found.add(first + _leading_fillers(sentence, self.lexicon))
            self._openings = frozenset(found)
        return self._openings

    def open_flags(self) -> list[bool]:
        """For each sentence, whether it is an open question (worked out once)."""
        if self._open is None:
            self._open = [is_open_question(s, self.text, self.lexicon) for s in self.sentences]
        return self._open


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Where each sentence of `text` starts and ends: split after . ! ? before a space, and
    at line breaks; the white space before a sentence belongs to it."""
    spans, start = [], 0
    for mark in _SENTENCE_END.finditer(text):
        spans.append((start, mark.end()))
        start = mark.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def analyse_sentence(text: str, lexicon: Lexicon, tokens: list[Token]) -> Reply:
    """A text known to be one sentence (from the scorer's split), as a Reply of it."""
    marks = [match.start() for match in _CLAUSE_BREAK.finditer(text)]
    breaks = [False] * len(tokens)
    if marks:
        next_mark = 0
        previous_end = -1
        for index, token in enumerate(tokens):
            while next_mark < len(marks) and marks[next_mark] < previous_end:
                next_mark += 1
            if next_mark == len(marks):
                break
            breaks[index] = previous_end >= 0 and marks[next_mark] < token.start
            previous_end = token.end
    last = tokens[-1]
    tail = text[last.end :].rstrip()
    sentence = Sentence(
        tokens[0].start,
        last.end + len(tail),
        tuple(tokens),
        (0, *(i for i in range(1, len(tokens)) if breaks[i])),
        "?" in tail,
        0,
    )
    return Reply(text, tokens, lexicon, breaks, [sentence])


def _leading_fillers(sentence: Sentence, lexicon: Lexicon, first: int = 0) -> int:
    """Where the words of a sentence (or of its clause from `first`) start, after greetings,
    names and fillers."""
    words = sentence.words
    skipped = first
    while skipped < len(words) and words[skipped].word in lexicon.fillers:
        skipped += 1
    # "Hi Dana, what ...": a short chunk before a comma is an address, not the question.
    for start in sentence.clause_starts:
        if skipped < start <= skipped + 3:
            skipped = start
            while skipped < len(words) and words[skipped].word in lexicon.fillers:
                skipped += 1
            break
    return skipped


def is_open_question(sentence: Sentence, text: str, lexicon: Lexicon) -> bool:
    """Whether a sentence invites the agent to explain or offer options."""
    words = {token.word for token in sentence.words}
    opens = any(
        _opens_with_question_word(sentence, start, lexicon) for start in sentence.clause_starts
    )
    if opens or words.isdisjoint(lexicon.frame_words):
        return opens
    for frame in (*lexicon.told_frames, *lexicon.know_frames):
        for match in frame.finditer(text, sentence.start, sentence.end):
            before = [t.word for t in sentence.words if t.end <= match.start()][-4:]
            if lexicon.frame_negators.intersection(before[-3:]):
                continue  # "I don't know what I want" asks nothing
            # "I know what you did" tells; "I'd like to know what..." and "Do you know how...?" ask.
            if frame in lexicon.told_frames or sentence.ends_with_question_mark:
                return True
            if lexicon.wanting.intersection(before):
                return True
    return False


def _opens_with_question_word(sentence: Sentence, clause_start: int, lexicon: Lexicon) -> bool:
    first = _leading_fillers(sentence, lexicon, clause_start)
    words = sentence.words
    after_preposition = (
        first + 1 < len(words)
        and words[first].word in lexicon.question_prepositions
        and words[first + 1].word in lexicon.question_words
    )
    if after_preposition:
        first += 1  # "for how long", "by when", "until when is...": these ask
    if first >= len(words) or words[first].word not in lexicon.question_words:
        return False
    if first + 1 >= len(words):
        return words[first].word in lexicon.asks_alone  # "Why?" asks; "What?!" protests
    following = words[first + 1].word
    if (
        following in lexicon.exclaiming
        and first + 2 < len(words)
        and words[first + 2].word in lexicon.exclaimed
    ):
        return False
    if following in lexicon.not_after_question_word or following in lexicon.subjects:
        # "What a mess.", "How dare you", "What I need is...", "When you get a chance, ..."
        return False
    if sentence.ends_with_question_mark or after_preposition:
        return True
    if words[first].word in lexicon.contracted_question_words:
        return True  # "what's the best way to sort this": the verb is in the word
    return words[first].word in lexicon.asking_question_words and following in lexicon.auxiliaries


def is_yes_no_question(sentence: Sentence, lexicon: Lexicon) -> bool:
    """Whether a sentence is a question that can be answered with a plain yes or no."""
    if sentence.ends_with_question_mark:
        # "When you get a chance, could you refund me?": any clause may carry the question.
        starts = {_leading_fillers(sentence, lexicon, start) for start in sentence.clause_starts}
        return any(
            start < len(sentence.words) and sentence.words[start].word in lexicon.auxiliaries
            for start in starts
        )
    words = sentence.words[_leading_fillers(sentence, lexicon) :]
    # Without a question mark, "Can you refund me" asks; "Don't charge me again" orders.
    return (
        len(words) > 2
        and words[0].word in lexicon.auxiliaries
        and words[1].word in lexicon.asked_about
    )


def shouting(reply: Reply) -> list[Span]:
    """Runs of words in capitals (any alphabet): two or more words with seven letters or more
    between them, or one word of six letters or more. Codes such as QX7PLM are not words."""
    text = reply.text
    spans: list[Span] = []
    if _TWO_CAPITALS.search(text) is None:
        return spans
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


def imperatives(reply: Reply) -> list[Span]:
    """Orders: a clause that opens (after fillers) with a verb and what it acts on ("Seat my
    daughter beside me", "so just credit it back"), in a sentence that neither asks nor asks
    to be told ("Tell me about the plans" is an open request)."""
    lexicon = reply.lexicon
    spans: list[Span] = []
    for sentence, is_open in zip(reply.sentences, reply.open_flags(), strict=True):
        if is_open or sentence.ends_with_question_mark:
            continue
        words = sentence.words
        starts = set(sentence.clause_starts)
        starts.update(i + 1 for i, t in enumerate(words) if t.word in lexicon.order_openers)
        for start in sorted(starts):
            first = start
            if start in sentence.clause_starts:
                first = _leading_fillers(sentence, lexicon, start)
            while first < len(words) and words[first].word in lexicon.order_openers:
                first += 1
            if first + 1 >= len(words):
                continue
            before = [t.word for t in words[:first] if t.word not in lexicon.order_openers]
            if before and (
                before[-1] in lexicon.subjects
                or before[-1] in lexicon.first_person
                or before[-1] in lexicon.second_person
            ):
                continue  # "I'll just pay it": a subject says who does it
            verb, thing = words[first].word, words[first + 1].word
            if (
                verb in lexicon.not_imperatives
                or not verb.isalpha()
                or (
                    verb.endswith(lexicon.not_order_endings)
                    and not verb.endswith(lexicon.order_endings)
                )
                or thing not in lexicon.object_words
            ):
                continue
            spans.append((words[first].start, words[first + 1].end))
            break
    return spans


def direct_questions(reply: Reply) -> list[Span]:
    """Questions that open with a question word, straight to the point ("What browser are
    you using?"): less polite than one that asks leave first ("Could you tell me what...")."""
    spans: list[Span] = []
    for sentence in reply.sentences:
        if not sentence.ends_with_question_mark:
            continue
        first = _leading_fillers(sentence, reply.lexicon)
        if (
            first < len(sentence.words)
            and sentence.words[first].word in reply.lexicon.question_words
        ):
            spans.append((sentence.words[first].start, sentence.words[first].end))
    return spans


def code_alone(reply: Reply) -> list[Span]:
    """A sentence that is only a code or a number, but for fillers and words that announce an
    answer ("88213.", "yes, it's QX-4471", "4410-8832"): the answer to "what's the order
    number?"."""
    lexicon = reply.lexicon
    spans: list[Span] = []
    if _DIGIT.search(reply.text) is None:
        return spans
    for sentence in reply.sentences:
        words = [
            t
            for t in sentence.words
            if t.word not in lexicon.fillers and t.word not in lexicon.answer_words
        ]
        digits = sum(ch.isdigit() for t in words for ch in t.word)
        coded = all(any(ch.isdigit() for ch in t.word) for t in words)
        if words and len(words) <= 4 and digits >= 4 and coded:
            spans.append((words[0].start, words[-1].end))
    return spans
