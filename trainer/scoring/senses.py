"""What the words around a cue say about it: whether a courtesy is talked about rather than
said ("sorry isn't enough"), whether an insult is said of the caller themself ("I'm useless
with apps"), whether thanks are aimed at a bad outcome ("thanks for losing my parcel"), and
whether praise comes after an irony word ("oh marvellous")."""

from __future__ import annotations

from trainer.scoring.acts import Context
from trainer.scoring.compiled import Hit


def talked_about(last: int, context: Context) -> bool:
    """Whether a courtesy is the subject of what follows ("sorry isn't enough")."""
    tokens, lexicon = context.tokens, context.lexicon
    following = last + 1
    if following >= len(tokens) or context.clauses[following] != context.clauses[last]:
        return False
    if tokens[following].word not in lexicon.copulas:
        return False
    after = following + 1
    return after >= len(tokens) or tokens[after].word not in lexicon.not_mentions


def said_of_themself(first: int, context: Context) -> bool:
    """Whether the nearest person before word `first` in its clause is the caller."""
    lexicon = context.lexicon
    for index in range(first - 1, -1, -1):
        if context.clauses[index] != context.clauses[first]:
            return False
        word = context.tokens[index].word
        if word in lexicon.second_person:
            return False
        if word in lexicon.first_person:
            return True
    return False


def aimed_at_bad_outcome(hit: Hit, context: Context) -> bool:
    """Whether "for ..." right after thanks or praise names a bad outcome ("thanks so much
    for losing my parcel")."""
    if hit.first_word < 0:
        return False
    tokens, lexicon = context.tokens, context.lexicon
    last = hit.first_word + hit.words - 1
    clause = context.clauses[last]
    words = [
        t.word
        for i, t in enumerate(tokens[last + 1 : last + 9], start=last + 1)
        if context.clauses[i] == clause
    ]
    aim = next((i for i, word in enumerate(words[:4]) if word in lexicon.aimed_by), None)
    if aim is None:
        return False
    after = words[aim + 1 :][:4]
    for word in after:
        if word in lexicon.remedies:
            return False  # "thanks for fixing the broken link"
        if word in lexicon.bad_outcomes:
            return True
    return False


def after_irony_word(hit: Hit, context: Context) -> bool:
    """Whether one of the two words before `hit` is an irony word ("oh", "wow", "just")."""
    if hit.first_word <= 0:
        return False
    before = context.tokens[max(0, hit.first_word - 2) : hit.first_word]
    return any(token.word in context.lexicon.irony_words for token in before)
