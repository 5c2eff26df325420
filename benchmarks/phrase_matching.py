"""Speed of phrase matching: the word-aligned matcher against a plain difflib reference.

Run: python benchmarks/phrase_matching.py [REPLIES]
300 phrases of 2-6 words; replies of 10-60 words, a third of them carrying a phrase with a
typo. Prints per-reply times (median, p99) and how often each method finds the planted
phrase. Seeded, so the figures are comparable run to run. Asserts nothing.
"""

from __future__ import annotations

import difflib
import random
import statistics
import sys
import time
from collections.abc import Callable

from trainer.scoring.matching import PhraseMatcher

_TOPIC_WORDS = (
    "account agent airline amount appreciate bill billing booking call calling cancel cancelled "
    "card charge charged checked company competitor confirm confirmation contract credit customer "
    "date day department discount email explain fee flight help internet issue late loyal manager "
    "money month monthly number offer option order paid pay payment please policy price problem "
    "provider reason receipt reference refund renew retention seat service speed supervisor "
    "thank thanks ticket today transfer understand unlock upgrade warranty week written year"
)
_FILLER_WORDS = "i you we it the a to and of is was my your for on that this with can would"
WORDS = _TOPIC_WORDS.split()
FILLER = _FILLER_WORDS.split()


def typo(word: str, rng: random.Random) -> str:
    """Swap two inner letters of a long enough word."""
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of `values` lie."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def difflib_matcher(phrases: list[str]) -> Callable[[str], set[int]]:
    """The reference: slide a window of the phrase's length over the words, ratio >= 0.85."""
    split = [p.split() for p in phrases]

    def find(text: str) -> set[int]:
        words = text.lower().split()
        hits = set()
        for index, phrase_words in enumerate(split):
            target = " ".join(phrase_words)
            size = len(phrase_words)
            for start in range(len(words) - size + 1):
                window = " ".join(words[start : start + size])
                if difflib.SequenceMatcher(None, window, target).ratio() >= 0.85:
                    hits.add(index)
                    break
        return hits

    return find


def main() -> None:
    """Print the figures."""
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    rng = random.Random(7)
    phrases = sorted({" ".join(rng.sample(WORDS, rng.randint(2, 6))) for _ in range(300)})
    replies: list[tuple[str, int | None]] = []
    for _ in range(count):
        words = [rng.choice(FILLER + WORDS) for _ in range(rng.randint(10, 60))]
        planted = None
        if rng.random() < 1 / 3:
            planted = rng.randrange(len(phrases))
            at = rng.randrange(len(words))
            words[at:at] = [typo(w, rng) for w in phrases[planted].split()]
        replies.append((" ".join(words), planted))

    matcher = PhraseMatcher(phrases)
    reference = difflib_matcher(phrases)
    for name, find in (
        ("word-aligned", lambda text: {m.phrase for m in matcher.find(text)}),
        ("difflib", reference),
    ):
        sample = replies if name == "word-aligned" else replies[: max(50, count // 30)]
        times, caught, planted_total = [], 0, 0
        for text, planted in sample:
            start = time.perf_counter()
            hits = find(text)
            times.append((time.perf_counter() - start) * 1e6)
            if planted is not None:
                planted_total += 1
                caught += planted in hits
        print(
            f"{name:>12}: {len(sample)} replies, median {statistics.median(times):,.0f} µs, "
            f"p99 {percentile(times, 0.99):,.0f} µs; planted phrases found {caught}/{planted_total}"
        )


if __name__ == "__main__":
    main()
