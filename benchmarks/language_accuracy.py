"""How well the trainer tells a reply in another language from an English one (the rubric
reads English, and says so when a reply is not).

Data: tests/data/reply_languages.csv (replies in 15 languages and plain English ones, labelled
by hand), and as English only: tests/data/customer_replies.csv and the Wikipedia requests of
../shared/data/politeness/wikipedia.csv. Prints, for each, how many replies are read as
English and how many as another language, and the CPU time per reply.

Run: python benchmarks/language_accuracy.py
"""

from __future__ import annotations

import csv
import html
import time
from pathlib import Path

from trainer.scoring.language import looks_english
from trainer.scoring.scorer import default_rubric

CHECKOUT = Path(__file__).resolve().parents[1]
LANGUAGES = CHECKOUT / "tests" / "data" / "reply_languages.csv"
CUSTOMER_REPLIES = CHECKOUT / "tests" / "data" / "customer_replies.csv"
WIKIPEDIA = CHECKOUT.parent / "shared" / "data" / "politeness" / "wikipedia.csv"


def _column(path: Path, name: str) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return [row for row in csv.DictReader(file) if row.get(name)]


def main() -> None:
    """Print how each set of replies is read."""
    words = frozenset(default_rubric().english_words)
    labelled = _column(LANGUAGES, "text")
    sets: list[tuple[str, list[tuple[str, bool]]]] = [
        ("reply_languages.csv", [(r["text"], r["english"] == "yes") for r in labelled]),
        ("customer_replies.csv", [(r["text"], True) for r in _column(CUSTOMER_REPLIES, "text")]),
    ]
    if WIKIPEDIA.exists():
        requests = [html.unescape(r["request"]) for r in _column(WIKIPEDIA, "request")]
        sets.append(("wikipedia.csv", [(text, True) for text in requests]))
    for name, replies in sets:
        started = time.process_time()
        read = [(text, english, looks_english(text, words)) for text, english in replies]
        cpu = time.process_time() - started
        wrong = [(text, english) for text, english, seen in read if seen != english]
        missed = sum(1 for _, english in wrong if not english)
        flagged = sum(1 for _, english in wrong if english)
        print(
            f"{name}: {len(replies)} replies, {len(replies) - len(wrong)} read right; "
            f"other languages read as English: {missed}; English read as another language: "
            f"{flagged}; {cpu / max(len(replies), 1) * 1e6:.0f} us CPU a reply"
        )
        for text, english in wrong[:10]:
            print(f"  {'English' if english else 'not English'}: {text[:90]!r}")


if __name__ == "__main__":
    main()
