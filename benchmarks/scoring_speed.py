"""Speed of scoring one reply with the full default rubric, against a difflib reference.

Run: python benchmarks/scoring_speed.py [REPLIES]

Builds REPLIES (default 5,000) varied customer replies of 5-80 words, seeded: sentences
from a pool of courteous, rude, firm, hedging, evidenced and questioning lines, with topic
words and typos mixed in. Each reply is scored in-process by the trainer's scorer, and then
by a reference scorer that is the same in every way except that phrase cues are found with
`difflib.SequenceMatcher` (a window of the phrase's length slid over the reply's words,
ratio >= 0.85, with difflib's quick upper bounds checked first). Prints per-reply median and
p99 for both, and the speed-up. Asserts nothing.
"""

from __future__ import annotations

import difflib
import random
import statistics
import sys
import time
from collections.abc import Callable

from trainer.scoring.matching import Token, tokenize
from trainer.scoring.scorer import Scorer, _Hit, default_rubric

SENTENCES = (
    "Hi, thanks for taking my call.",
    "Good morning, I hope you're well.",
    "I really appreciate your help with this.",
    "I know this isn't your fault.",
    "Could you please check my account?",
    "I need this refunded today.",
    "That doesn't work for me.",
    "I'd like to speak to a supervisor.",
    "Otherwise I'll dispute the charge with my bank.",
    "Please put that in writing.",
    "Maybe, if it's not too much trouble, you could look again?",
    "Sorry to bother you, I guess it's fine.",
    "Never mind, I'll just pay it.",
    "I was charged $89.99 on 3 May.",
    "My booking reference is QX7PLM.",
    "Clause 4.2 of the contract says the part is covered for 5 years.",
    "I've been a customer for 7 years.",
    "A competitor offered me the same speed for $10 a month less.",
    "I called on 12 March at 10:30am, reference 88120.",
    "What can you do to keep me as a customer?",
    "What would you do in my position",
    "Could you walk me through my options?",
    "Is there anything you can do?",
    "Can you tell me if there is a discount?",
    "Thanks for nothing.",
    "Great, another useless answer.",
    "You people are f***ing useless!!!",
    "THIS IS RIDICULOUS.",
    "I'm not going to say thank you.",
    "I don't need your help, I need a refund.",
)
TOPIC = [
    "bill",
    "fee",
    "refund",
    "seat",
    "flight",
    "booking",
    "account",
    "contract",
    "warranty",
    "plan",
    "price",
    "speed",
    "internet",
    "phone",
    "card",
    "charge",
    "month",
    "year",
    "customer",
    "service",
    "agent",
    "company",
    "provider",
    "offer",
    "discount",
    "retention",
    "cancel",
    "unlock",
    "code",
    "parcel",
    "delivery",
    "gym",
    "membership",
    "insurance",
    "claim",
]
FILLER = [
    "i",
    "you",
    "we",
    "it",
    "the",
    "a",
    "to",
    "and",
    "of",
    "is",
    "was",
    "my",
    "your",
    "for",
    "on",
    "that",
    "this",
    "with",
    "can",
    "would",
    "so",
]


def typo(word: str, rng: random.Random) -> str:
    """Swap two inner letters of a word of five letters or more."""
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def make_replies(count: int, seed: int = 7) -> list[str]:
    """`count` replies of 5-80 words, each a mix of pool sentences and loose words."""
    rng = random.Random(seed)
    replies: list[str] = []
    while len(replies) < count:
        target = rng.randint(5, 80)
        words: list[str] = []
        while len(words) < target:
            if rng.random() < 0.6:
                words += rng.choice(SENTENCES).split()
            else:
                words += rng.choices(TOPIC + FILLER, k=rng.randint(3, 10))
        words = words[:target]
        words = [typo(w, rng) if rng.random() < 0.04 else w for w in words]
        replies.append(" ".join(words))
    return replies


class DifflibScorer(Scorer):
    """The same scorer, with phrase cues found by difflib instead of the word matcher."""

    def __init__(self) -> None:
        super().__init__(default_rubric())
        self._reference: list[tuple[int, int, difflib.SequenceMatcher[str]]] = []
        for cue_index, cue in enumerate(self.cues):
            for phrase in cue.phrases or ():
                words = [token.word for token in tokenize(phrase)]
                matcher: difflib.SequenceMatcher[str] = difflib.SequenceMatcher(autojunk=False)
                matcher.set_seq2(" ".join(words))
                self._reference.append((cue_index, len(words), matcher))

    def _phrase_hits(self, tokens: list[Token]) -> list[_Hit]:
        words = [token.word for token in tokens]
        hits = []
        for cue_index, size, matcher in self._reference:
            for start in range(len(words) - size + 1):
                matcher.set_seq1(" ".join(words[start : start + size]))
                if (
                    matcher.real_quick_ratio() >= 0.85
                    and matcher.quick_ratio() >= 0.85
                    and matcher.ratio() >= 0.85
                ):
                    end = start + size - 1
                    hits.append(_Hit(cue_index, tokens[start].start, tokens[end].end, start))
        return hits


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of `values` lie."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def time_each(score: Callable[[str], object], replies: list[str]) -> list[float]:
    """Seconds taken to score each reply."""
    times = []
    for reply in replies:
        started = time.perf_counter()
        score(reply)
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    """Time both scorers over the same replies and print the figures."""
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    replies = make_replies(count)
    lengths = [len(reply.split()) for reply in replies]

    started = time.perf_counter()
    scorer = Scorer(default_rubric())
    built = time.perf_counter() - started
    one_pass = time_each(scorer.score, replies)
    # This VM's timings wander by a third from run to run; the fastest of three runs of the
    # same reply is the steadiest estimate of what scoring it costs (as timeit reports).
    second, third = time_each(scorer.score, replies), time_each(scorer.score, replies)
    best = [min(times) for times in zip(one_pass, second, third, strict=True)]
    reference = time_each(DifflibScorer().score, replies)

    phrases = sum(len(cue.phrases or ()) for cue in scorer.cues)
    print(
        f"{len(replies)} replies of {min(lengths)}-{max(lengths)} words "
        f"(mean {statistics.mean(lengths):.0f}); rubric: {len(scorer.cues)} cues, "
        f"{phrases} phrases; scorer built in {built * 1000:.1f} ms"
    )
    for name, times in (
        ("trainer scorer, one pass (fresh scorer)", one_pass),
        ("trainer scorer, fastest of 3 per reply", best),
        ("difflib reference, one pass", reference),
    ):
        print(
            f"{name:<41} median {statistics.median(times) * 1e6:7.0f} µs   "
            f"p99 {percentile(times, 0.99) * 1e6:7.0f} µs"
        )
    print(
        f"speed-up, one pass against one pass: "
        f"{statistics.median(reference) / statistics.median(one_pass):.0f}x at the median, "
        f"{percentile(reference, 0.99) / percentile(one_pass, 0.99):.0f}x at p99"
    )


if __name__ == "__main__":
    main()
