"""Reading what one sentence does: which acts its words perform (`acts.toml`), aware of
negation, of questions, of stories told about the past, and of conditions.

"I don't want a supervisor" does not ask for one (negation); "what happens if I cancel?" asks
what can be done and threatens nothing (a question); "I already spoke to a manager" tells a
story (narration); "if you can make it $45, I'll stay" accepts only on a condition.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from trainer.scoring.compiled import Hit, Walk
from trainer.scoring.features import Sentence, is_yes_no_question
from trainer.scoring.language_data import Act, ActRule
from trainer.scoring.lexicon import Lexicon
from trainer.scoring.matching import Token


class FoundAct(NamedTuple):
    """An act a reply performs, and where the words that show it stand."""

    act: Act
    start: int
    end: int
    yields: frozenset[Act] = frozenset()
    """Acts that, read anywhere else in the reply, stand instead of this one."""


class Context(NamedTuple):
    """One sentence as the act rules and cues read it."""

    tokens: list[Token]
    clauses: list[int]
    """For each word, the number of its clause."""
    sentence: Sentence
    openings: frozenset[int]
    lexicon: Lexicon

    def is_question(self) -> bool:
        """Whether the sentence asks: a question mark, or opening like a question."""
        if self.sentence.ends_with_question_mark:
            return True
        first = next(
            (t.word for t in self.tokens if t.word not in self.lexicon.fillers),
            "",
        )
        return first in self.lexicon.question_words or is_yes_no_question(
            self.sentence, self.lexicon
        )

    def negator_before(self, first: int) -> str | None:
        """The negating word shortly before word `first` in its clause, if any."""
        lexicon, tokens, clauses = self.lexicon, self.tokens, self.clauses
        for index in range(first - 1, max(first - 1 - lexicon.window, -1), -1):
            word = tokens[index].word
            if clauses[index] != clauses[first] or word in lexicon.scope_enders:
                return None
            if word in lexicon.negators:
                return word
        return None

    def negator_after(self, last: int) -> str | None:
        """A negation right after word `last` that denies it: "a manager isn't what I
        need", "sorry won't fix this"."""
        tokens, lexicon = self.tokens, self.lexicon
        following = [
            tokens[i].word
            for i in range(last + 1, min(last + 3, len(tokens)))
            if self.clauses[i] == self.clauses[last]
        ]
        if following and following[0] in lexicon.copulas and following[0] in lexicon.negators:
            return following[0]
        if following and following[0] in {"isnt", "wasnt", "arent", "wont", "aint", "doesnt"}:
            return following[0]
        if (
            len(following) == 2
            and following[0] in lexicon.copulas
            and following[1] in lexicon.negators
        ):
            return f"{following[0]} {following[1]}"
        return None

    def framed(self, first: int, markers: frozenset[str], or_question: bool) -> bool:
        """Whether a word of `markers` stands before word `first` in the sentence (for a
        request: in its clause or the one before, and not itself negated, as in "I don't want
        to get you in trouble with your manager"), or (when `or_question`) the phrase's own
        first word is one ("transfer me to...") or the sentence asks; and no story is told
        in the clause before it."""
        lexicon, tokens = self.lexicon, self.tokens
        start = self.sentence.first_token
        for index in range(first - 1, start - 1, -1):
            word = tokens[index].word
            if word in lexicon.narration_words and self.clauses[index] == self.clauses[first]:
                return False
            if word in lexicon.scope_enders and word not in markers:
                # Reported advice: "my brother said I should ask for a supervisor"; not the
                # caller's own words again ("I said I want a manager", "as I said, ...").
                if word in lexicon.subjects and self._reported(index, start):
                    return False
                break
        # A request asks for what follows it in its clause or the next ("I'd like it passed
        # on, with a reference"), not three clauses on; an intent reaches further.
        marker = next(
            (
                i
                for i in range(first - 1, start - 1, -1)
                if tokens[i].word in markers
                and (not or_question or self.clauses[first] - self.clauses[i] <= 1)
            ),
            None,
        )
        if marker is not None:
            # A negated asking word asks nothing ("I don't want to get you in trouble with
            # your manager"), nor an intent negated right before it ("I'm not going to").
            negated = self.negator_before(marker) if or_question else self._intent_negated(marker)
            return not negated and not self._new_subject(marker, first, markers)
        if not or_question:
            return False
        return tokens[first].word in markers or self.is_question()

    def _reported(self, subject: int, start: int) -> bool:
        """Whether the subject at word `subject` follows, in its clause, a word that reports
        what someone other than the caller said ("my brother said I should")."""
        lexicon, tokens, clauses = self.lexicon, self.tokens, self.clauses
        said = subject - 1
        if said < start or clauses[said] != clauses[subject]:
            return False
        if tokens[said].word not in lexicon.narration_words:
            return False
        speaker = [t.word for t in tokens[max(start, said - 2) : said]]
        return not any(word in lexicon.first_person for word in speaker)

    def _intent_negated(self, marker: int) -> bool:
        """Whether a negator stands right before the intent at word `marker`, or before the
        intent words that lead to it in its clause ("I'm not going to dispute it"); "if not"
        supposes ("if not I'm cancelling")."""
        lexicon, tokens, clauses = self.lexicon, self.tokens, self.clauses
        leading = lexicon.intent_words | lexicon.intent_links
        index = marker - 1
        while index >= 0 and clauses[index] == clauses[marker] and tokens[index].word in leading:
            index -= 1
        if index < 0 or clauses[index] != clauses[marker]:
            return False
        if tokens[index].word not in lexicon.negators:
            return False
        return not (index > 0 and tokens[index - 1].word in lexicon.supposing)

    def _new_subject(self, marker: int, first: int, markers: frozenset[str]) -> bool:
        """Whether a new clause with its own subject and verb stands between the asking word
        and the phrase: "the refund request went in and I kept the receipt"."""
        lexicon, words = self.lexicon, [t.word for t in self.tokens]
        for index in range(marker + 1, first - 2):
            if (
                words[index] in lexicon.scope_enders
                and words[index] not in lexicon.subjects
                and words[index + 1] in lexicon.subjects
                and words[index + 2] not in markers
                and words[index + 2] not in lexicon.auxiliaries
                and words[index + 2] not in lexicon.fillers
            ):
                return True
        return False

    def closes(self, hit: Hit) -> bool:
        """Whether the words of `hit` close their clause, but for fillers."""
        end = hit.first_word + hit.words
        clause = self.clauses[end - 1]
        return all(
            self.tokens[i].word in self.lexicon.fillers
            for i in range(end, len(self.tokens))
            if self.clauses[i] == clause
        )

    def tells_story(self) -> bool:
        """Whether a word of the sentence narrates what already happened, or the caller is
        the subject of a verb in the past ("no, I moved in June", "I haven't restarted it")."""
        lexicon, words = self.lexicon, [t.word for t in self.tokens]
        # A past verb after "if I" or "suppose I" supposes: "if I ported out today, what
        # would I owe?", "suppose I took the later flight".
        if any(
            word in lexicon.narration_words
            and not (
                index >= 2
                and words[index - 2] in lexicon.supposing
                and words[index - 1] in lexicon.first_person
            )
            for index, word in enumerate(words)
        ):
            return True
        return any(
            word in lexicon.first_person
            and (_past(after[0]) or (after[0] in lexicon.auxiliaries and _past(after[1])))
            and (index == 0 or words[index - 1] not in lexicon.supposing)
            for index, word in enumerate(words[:-1])
            for after in ((*words[index + 1 : index + 3], ""),)
        )

    def order_follows(self, hit: Hit) -> bool:
        """Whether an order follows the words of `hit`, past fillers: a verb, then what it
        acts on ("sure, move the delivery", "yes, put that on")."""
        lexicon, tokens = self.lexicon, self.tokens
        index = hit.first_word + hit.words
        while index < len(tokens) and tokens[index].word in lexicon.fillers:
            index += 1
        if index + 1 >= len(tokens):
            return False
        verb, after = tokens[index].word, tokens[index + 1].word
        return (
            (verb not in lexicon.not_imperatives or verb == "do")
            and not verb.endswith(("ly", "ed"))
            and after in lexicon.object_words
        )

    def alone(self, hit: Hit) -> bool:
        """Whether the words of `hit` are the whole sentence, but for fillers."""
        end = hit.first_word + hit.words
        others = [t.word for i, t in enumerate(self.tokens) if not hit.first_word <= i < end]
        return all(word in self.lexicon.fillers for word in others)


def _past(word: str) -> bool:
    """Whether a word reads as a verb in the past: "moved", "restarted" (not "need")."""
    return len(word) > 3 and word.endswith("ed") and not word.endswith("eed")


def _overlap(one: Hit, other: Hit) -> bool:
    """Whether two hits share characters."""
    return one.start < other.end and other.start < one.end


def _passes(hit: Hit, rule: ActRule, walk: Walk, context: Context) -> bool:
    """Whether the hit of one rule stands, by the rule's conditions."""
    lexicon = context.lexicon
    if rule.opening and hit.first_word not in context.openings:
        return False
    if rule.alone and not context.alone(hit):
        return False
    if rule.closing and hit.first_word >= 0 and not context.closes(hit):
        return False
    unless = walk.unlesses.get(hit.owner, [])
    if rule.with_:
        # A condition stands unless an exception is read on its words: "if you can't" is no
        # condition, but "I'll stay if you match it; if not, I'm leaving" still is one.
        conditions = walk.withs.get(hit.owner, [])
        if not any(not any(_overlap(c, u) for u in unless) for c in conditions):
            return False
    elif unless:
        return False
    if rule.not_in_question and context.is_question():
        return False
    if rule.in_question and not context.is_question():
        return False
    if rule.not_in_story and context.tells_story():
        return False
    if rule.order_after and not context.order_follows(hit):
        return False
    if rule.negatable and hit.first_word >= 0:
        last = hit.first_word + hit.words - 1
        if context.negator_before(hit.first_word) or context.negator_after(last):
            return False
    if rule.after is not None:
        markers = lexicon.request_words if rule.after == "request" else lexicon.intent_words
        if not context.framed(hit.first_word, markers, rule.after == "request"):
            return False
    return True


def read_acts(walk: Walk, rules: Sequence[ActRule], context: Context) -> list[FoundAct]:
    """The acts one sentence performs, by the rules and what its phrase walk found."""
    kept = [
        (hit, rules[hit.owner])
        for hit in walk.acts
        if _passes(hit, rules[hit.owner], walk, context)
    ]
    replaced = [
        (hit, set(rule.replaces)) for hit, rule in kept if rule.replaces
    ]  # "accept_if" stands instead of "accept" on the same words
    found: list[tuple[FoundAct, ActRule]] = []
    taken: dict[Act, list[tuple[int, int]]] = {}
    acting = [(hit, rule) for hit, rule in kept if not rule.turns]
    for hit, rule in sorted(acting, key=lambda pair: (pair[0].start - pair[0].end, pair[0].start)):
        if any(
            rule.act in acts and other.start < hit.end and hit.start < other.end
            for other, acts in replaced
        ):
            continue
        spans = taken.setdefault(rule.act, [])
        if any(start < hit.end and hit.start < end for start, end in spans):
            continue  # the same act on overlapping words counts once: the longest
        spans.append((hit.start, hit.end))
        yields = frozenset(rule.yields_in_reply)
        found.append((FoundAct(rule.act, hit.start, hit.end, yields), rule))
    turning = [rule for _, rule in kept if rule.turns]
    found = [
        (next((act._replace(act=t.act) for t in turning if act.act in t.turns), act), rule)
        for act, rule in found
        if not rule.turns
    ]
    read = {act.act for act, _ in found}
    acts = [
        act
        for act, rule in found
        if not read.intersection(rule.yields_to)
        and not (rule.yields_to_order and _order_taken(act, rule.yields_to_order, found, context))
    ]
    acts.sort(key=lambda act: (act.start, act.end))
    return _joined(acts, context.tokens)


def _order_taken(
    act: FoundAct,
    others: Sequence[Act],
    found: Sequence[tuple[FoundAct, ActRule]],
    context: Context,
) -> bool:
    """Whether one of `others` is read where the order after `act` begins (its first three
    words, past fillers): the order is that act, not a yes to an offer."""
    tokens, fillers = context.tokens, context.lexicon.fillers
    index = next((i for i, token in enumerate(tokens) if token.start >= act.end), len(tokens))
    while index < len(tokens) and tokens[index].word in fillers:
        index += 1
    if index == len(tokens):
        return False
    last = tokens[min(index + 2, len(tokens) - 1)].end
    return any(
        other.act in others and tokens[index].start <= other.start < last for other, _ in found
    )


def _joined(found: list[FoundAct], tokens: list[Token]) -> list[FoundAct]:
    """The same act read on neighbouring words, as one: "speak to a" + "manager"."""
    starts = {token.start: index for index, token in enumerate(tokens)}
    ends = {token.end: index for index, token in enumerate(tokens)}
    joined: list[FoundAct] = []
    for act in found:
        before = next((j for j in range(len(joined) - 1, -1, -1) if joined[j].act == act.act), None)
        if before is not None:
            previous = joined[before]
            last, first = ends.get(previous.end), starts.get(act.start)
            if act.start <= previous.end or (
                last is not None and first is not None and first == last + 1
            ):
                joined[before] = previous._replace(end=max(previous.end, act.end))
                continue
        joined.append(act)
    return joined
