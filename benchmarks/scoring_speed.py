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
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from trainer.scoring.matching import PhraseMatch, Token, tokenize
from trainer.scoring.scorer import Scorer, default_rubric

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


class DifflibMatcher:
    """Finds phrases as the word matcher does, but with difflib: a window of the phrase's
    length slid over the reply's words, ratio >= 0.85, difflib's quick bounds first."""

    def __init__(self, phrases: tuple[str, ...]) -> None:
        self.phrases = phrases
        self.longest = 0
        self._reference: list[tuple[int, int, difflib.SequenceMatcher[str]]] = []
        for index, phrase in enumerate(phrases):
            words = [token.word for token in tokenize(phrase)]
            matcher: difflib.SequenceMatcher[str] = difflib.SequenceMatcher(autojunk=False)
            matcher.set_seq2(" ".join(words))
            self._reference.append((index, len(words), matcher))
            self.longest = max(self.longest, len(words))

    def find_in_tokens(
        self, tokens: list[Token], starts: Iterable[int] | None = None
    ) -> list[PhraseMatch]:
        """Every phrase found among the words (starting at `starts` only, when given)."""
        words = [token.word for token in tokens]
        allowed = None if starts is None else set(starts)
        found = []
        for index, size, matcher in self._reference:
            for start in range(len(words) - size + 1):
                if allowed is not None and start not in allowed:
                    continue
                matcher.set_seq1(" ".join(words[start : start + size]))
                if (
                    matcher.real_quick_ratio() >= 0.85
                    and matcher.quick_ratio() >= 0.85
                    and matcher.ratio() >= 0.85
                ):
                    end = start + size - 1
                    edits = 0 if matcher.ratio() == 1 else 1
                    found.append(
                        PhraseMatch(index, tokens[start].start, tokens[end].end, start, size, edits)
                    )
        return found


def difflib_scorer() -> Scorer:
    """The same scorer, with phrases found by difflib instead of the word matcher."""
    scorer = Scorer(default_rubric())
    for block in scorer._blocks:
        block.matcher = DifflibMatcher(block.matcher.phrases)  # type: ignore[assignment]
    return scorer


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of `values` lie."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def time_each(score: Callable[[str], object], replies: list[str]) -> list[tuple[float, float]]:
    """(wall seconds, CPU seconds of this thread) taken to score each reply."""
    times = []
    for reply in replies:
        wall, cpu = time.perf_counter_ns(), time.thread_time_ns()
        score(reply)
        times.append(((time.perf_counter_ns() - wall) / 1e9, (time.thread_time_ns() - cpu) / 1e9))
    return times


def fresh(scorer: Scorer) -> Callable[[str], object]:
    """Score each reply as if no sentence of it had been read before."""

    def score(text: str) -> object:
        scorer.forget_sentences()
        return scorer.score(text)

    return score


def keystrokes(scorer: Scorer, words: int, seed: int = 11) -> list[tuple[float, float]]:
    """Times to score a reply of `words` words after each keystroke, as the live preview
    does: every prefix of the reply, in order, by one scorer that remembers sentences."""
    rng = random.Random(seed)
    text = ""
    while len(text.split()) < words:
        text += rng.choice(SENTENCES) + " "
    text = " ".join(text.split()[:words])
    scorer.forget_sentences()
    return time_each(scorer.score, [text[:end] for end in range(1, len(text) + 1)])


_FIRST_OR_TENTH = """
import sys, time
sys.path.insert(0, {bench!r})
from scoring_speed import make_replies
from trainer.scoring.scorer import default_scorer
replies = make_replies(400, seed={seed})
scorer = default_scorer()
for earlier in replies[1:{before}]:
    scorer.score(earlier)
cpu = time.thread_time_ns()
scorer.score(replies[0])
print((time.thread_time_ns() - cpu) / 1e9)
"""


def first_and_tenth(runs: int = 5) -> tuple[list[float], list[float]]:
    """CPU seconds to score a reply as the first of a fresh process, and the same reply as
    the tenth (after nine others) of another fresh process, for `runs` different replies."""
    bench = str(Path(__file__).resolve().parent)
    times: tuple[list[float], list[float]] = ([], [])
    for seed in range(runs):
        for kind, before in enumerate((1, 10)):
            code = _FIRST_OR_TENTH.format(bench=bench, seed=seed, before=before)
            out = subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            )
            times[kind].append(float(out.stdout))
    return times


def line(name: str, times: list[float]) -> str:
    """One line of figures: median and p99 in microseconds."""
    return (
        f"{name:<44} median {statistics.median(times) * 1e6:6.0f} µs   "
        f"p99 {percentile(times, 0.99) * 1e6:6.0f} µs"
    )


def main() -> None:
    """Time both scorers over the same replies and print the figures."""
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    replies = make_replies(count)
    lengths = [len(reply.split()) for reply in replies]

    started = time.perf_counter()
    scorer = Scorer(default_rubric())
    built = time.perf_counter() - started
    # This VM's timings wander by a third from run to run, and other processes steal CPU: the
    # fastest of three passes per reply is the steadiest estimate (as timeit reports).
    passes = [time_each(fresh(scorer), replies) for _ in range(3)]
    best_wall = [min(p[i][0] for p in passes) for i in range(len(replies))]
    best_cpu = [min(p[i][1] for p in passes) for i in range(len(replies))]
    median_wall = [statistics.median(p[i][0] for p in passes) for i in range(len(replies))]
    median_cpu = [statistics.median(p[i][1] for p in passes) for i in range(len(replies))]
    reference = time_each(difflib_scorer().score, replies[: max(1, count // 10)])
    typed = [keystrokes(scorer, 100) for _ in range(3)]
    typed_cpu = [min(t[i][1] for t in typed) for i in range(len(typed[0]))]
    typed_wall = [min(t[i][0] for t in typed) for i in range(len(typed[0]))]

    phrases = sum(len(block.matcher.phrases) for block in scorer._blocks)
    print(
        f"{len(replies)} replies of {min(lengths)}-{max(lengths)} words "
        f"(mean {statistics.mean(lengths):.0f}); rubric: {len(scorer.cues)} cues, "
        f"{len(scorer.rubric.acts)} act rules, {phrases} phrases; scorer built in "
        f"{built * 1000:.1f} ms"
    )
    print("scores + acts, each reply read afresh (no sentence remembered):")
    print(line("  CPU, fastest of 3 passes", best_cpu))
    print(line("  CPU, median of 3 passes", median_cpu))
    print(line("  wall, fastest of 3 passes", best_wall))
    print(line("  wall, median of 3 passes", median_wall))
    first, tenth = first_and_tenth()
    print(
        "  a reply scored first in a fresh process, CPU: median "
        f"{statistics.median(first) * 1e6:.0f} µs; the same reply scored tenth: "
        f"{statistics.median(tenth) * 1e6:.0f} µs (5 replies, 10 processes)"
    )
    print(f"live preview, a 100-word reply typed key by key ({len(typed_cpu)} keystrokes):")
    print(line("  CPU per keystroke, fastest of 3", typed_cpu))
    print(line("  wall per keystroke, fastest of 3", typed_wall))
    ref_wall = [wall for wall, _ in reference]
    ours = [wall for wall, _ in passes[0][: len(reference)]]
    print(line(f"difflib reference, one pass ({len(reference)} replies), wall", ref_wall))
    print(
        f"speed-up against difflib, one pass each: "
        f"{statistics.median(ref_wall) / statistics.median(ours):.0f}x at the median, "
        f"{percentile(ref_wall, 0.99) / percentile(ours, 0.99):.0f}x at p99"
    )


if __name__ == "__main__":
    main()
