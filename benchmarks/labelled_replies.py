"""Per-dimension accuracy on the hand-labelled customer replies in tests/data/.

For each dimension: ROC AUC of the score, replies labelled `+` against those labelled `-`
(rows labelled `0` left out), and how many replies of each label there are. The tests assert
AUC >= 0.95 per dimension; this prints the figures.

Run: python benchmarks/labelled_replies.py
"""

from __future__ import annotations

import csv
import statistics
from pathlib import Path

from trainer.scoring.measure import roc_auc
from trainer.scoring.rubric import DIMENSIONS
from trainer.scoring.scorer import default_scorer

REPLIES = Path(__file__).resolve().parents[1] / "tests" / "data" / "customer_replies.csv"


def main() -> None:
    """Score every labelled reply and print AUC and mean scores per dimension."""
    with REPLIES.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    scorer = default_scorer()
    scored = [(row, scorer.score(row["text"])) for row in rows]
    print(f"{len(rows)} labelled replies ({REPLIES.name})")
    for dimension in DIMENSIONS:
        good = [r.scores[dimension] for row, r in scored if row[dimension] == "+"]
        bad = [r.scores[dimension] for row, r in scored if row[dimension] == "-"]
        print(
            f"  {dimension:<15} AUC {roc_auc(good, bad):.3f}   "
            f"'+' {len(good):>3} (mean {statistics.mean(good):5.1f})   "
            f"'-' {len(bad):>3} (mean {statistics.mean(bad):5.1f})"
        )


if __name__ == "__main__":
    main()
