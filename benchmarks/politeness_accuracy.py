"""How well the politeness score separates requests people rated polite from impolite ones.

Data: ../shared/data/politeness/wikipedia.csv (Stanford Politeness Corpus, Wikipedia part:
4,353 requests, each rated by five annotators). As in the paper, the top quartile by human
score is "polite" and the bottom quartile "impolite". The rubric was written for customers
talking to an agent, not fitted to these requests: this measures whether it generalises.

Prints the ROC AUC of the politeness score, and the accuracy when the requests are split at
the median politeness score: above it "polite", below it "impolite", and each request exactly
at the median counted as half right (a coin toss), so that ties favour neither side.

Run: python benchmarks/politeness_accuracy.py [path/to/wikipedia.csv]
"""

from __future__ import annotations

import csv
import html
import statistics
import sys
import time
from pathlib import Path

from trainer.scoring.measure import roc_auc
from trainer.scoring.scorer import default_scorer

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "politeness" / "wikipedia.csv"


def read_requests(path: Path) -> list[tuple[str, float]]:
    """(request text, human politeness score) pairs; HTML entities decoded."""
    with path.open(encoding="utf-8", newline="") as file:
        return [
            (html.unescape(row["request"]), float(row["score"])) for row in csv.DictReader(file)
        ]


def main() -> None:
    """Score the top and bottom quartiles and print AUC and median-split accuracy."""
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DATA
    requests = read_requests(path)
    human = sorted(score for _, score in requests)
    bottom, top = human[len(human) // 4], human[3 * len(human) // 4]
    quartiles = [
        (text, score >= top) for text, score in requests if score >= top or score <= bottom
    ]

    scorer = default_scorer()
    started = time.perf_counter()
    scored = [(scorer.score(text).scores["politeness"], polite) for text, polite in quartiles]
    elapsed = time.perf_counter() - started

    polite = [float(score) for score, is_polite in scored if is_polite]
    impolite = [float(score) for score, is_polite in scored if not is_polite]
    median = statistics.median(score for score, _ in scored)
    decided = sum(
        1 for score, is_polite in scored if score != median and (score > median) == is_polite
    )
    at_median = sum(1 for score, _ in scored if score == median)
    accuracy = (decided + at_median / 2) / len(scored)

    print(f"data: {path}")
    print(
        f"{len(requests)} requests; top quartile (polite) {len(polite)}, "
        f"bottom quartile (impolite) {len(impolite)}"
    )
    print(f"ROC AUC of the politeness score:    {roc_auc(polite, impolite):.3f}")
    print(
        f"accuracy, split at the median ({median:g}): {accuracy:.1%} "
        f"({at_median} requests at the median, counted half right)"
    )
    print(f"scored {len(scored)} requests in {elapsed * 1000:.0f} ms")


if __name__ == "__main__":
    main()
