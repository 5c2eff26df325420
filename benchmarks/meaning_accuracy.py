"""How often the four scores say what a person would about replies whose words mislead a
keyword scorer (sarcasm, negation, threats, hostile questions, vague evidence...).

Data: tests/data/reply_meanings.csv (written by hand before the rules were tuned, then used to
tune them) and tests/data/reply_meanings_unseen.csv (another author's, held out: only this
script reads it). Labels per dimension: politeness and firmness `+` above 50, `-` below 50,
`n` not above 50; evidence and open questions `+` above 0, `0` exactly 0; `.` no judgement.

Prints, per failure kind and over all, how many labelled judgements the scores meet.

Run: python benchmarks/meaning_accuracy.py [--errors] [CSV ...]
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

from trainer.scoring.rubric import DIMENSIONS
from trainer.scoring.scorer import default_scorer

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
FILES = (DATA / "reply_meanings.csv", DATA / "reply_meanings_unseen.csv")


def meets(label: str, score: int, two_sided: bool) -> bool:
    """Whether `score` says what the label does."""
    if two_sided:
        return {"+": score > 50, "-": score < 50, "n": score <= 50}[label]
    return {"+": score > 0, "0": score == 0}[label]


def report(path: Path, show_errors: bool) -> float:
    """Print the share of judgements met per kind in one file; return the overall share."""
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    scorer = default_scorer()
    met: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for row in rows:
        result = scorer.score(row["text"])
        kind = row["kind"]
        for dimension in DIMENSIONS:
            label = row[dimension]
            if label == ".":
                continue
            good = meets(label, result.scores[dimension], dimension in {"politeness", "firmness"})
            total[kind] += 1
            met[kind] += good
            if show_errors and not good:
                got = result.scores[dimension]
                print(f"  {kind:<22} {dimension:<14} want {label} got {got:>3}  {row['text']}")
    print(f"{path.name}: {len(rows)} replies")
    for kind in sorted(total):
        print(f"  {kind:<26} {met[kind]:>3}/{total[kind]:<3} {met[kind] / total[kind]:6.1%}")
    share = sum(met.values()) / sum(total.values())
    print(f"  all judgements {sum(met.values())}/{sum(total.values())} = {share:.1%}")
    return share


def main() -> None:
    """Report each labelled file."""
    args = sys.argv[1:]
    show_errors = "--errors" in args
    paths = [Path(a) for a in args if a != "--errors"] or [p for p in FILES if p.exists()]
    for path in paths:
        report(path, show_errors)


if __name__ == "__main__":
    main()
