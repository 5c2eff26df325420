"""Per-act precision, recall and F1 of the acts the scorer reads, on hand-labelled replies.

Data: tests/data/reply_acts.csv, reply_acts_more.csv, reply_acts_fourth.csv and
reply_acts_fifth.csv (each written by hand by a different author before the act rules were
tuned on it, then used to tune them)
and tests/data/reply_acts_unseen.csv (by yet another author, held out: never read while
writing the rules, only by this script). Each row lists the acts a person would
say the reply performs; a reply's acts are compared as sets.

Run: python benchmarks/acts_accuracy.py [--errors] [CSV ...]
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from trainer.scoring.rubric import ACTS
from trainer.scoring.scorer import default_scorer

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
FILES = tuple(
    DATA / name
    for name in (
        "reply_acts.csv",
        "reply_acts_more.csv",
        "reply_acts_fourth.csv",
        "reply_acts_fifth.csv",
        "reply_acts_sixth.csv",
        "reply_acts_unseen.csv",
    )
)


def read_rows(path: Path) -> list[tuple[str, set[str]]]:
    """(reply, its labelled acts) for each row of `path`."""
    with path.open(encoding="utf-8", newline="") as file:
        return [(row["text"], set(row["acts"].split())) for row in csv.DictReader(file)]


def report(path: Path, show_errors: bool) -> float:
    """Print per-act P/R/F1 for one file; return the macro F1."""
    rows = read_rows(path)
    scorer = default_scorer()
    counts = {act: [0, 0, 0] for act in ACTS}  # true positives, false positives, misses
    exact = 0
    for text, wanted in rows:
        read = {act.act for act in scorer.score(text).acts}
        exact += read == wanted
        for act in ACTS:
            if act in read and act in wanted:
                counts[act][0] += 1
            elif act in read:
                counts[act][1] += 1
            elif act in wanted:
                counts[act][2] += 1
        if show_errors and read != wanted:
            want, got = " ".join(sorted(wanted)) or "-", " ".join(sorted(read)) or "-"
            print(f"  want {want:<30} read {got:<30} {text}")
    print(f"{path.name}: {len(rows)} replies, {exact} read exactly ({exact / len(rows):.1%})")
    print(f"  {'act':<15} {'labelled':>8} {'precision':>9} {'recall':>7} {'F1':>6}")
    f1s = []
    for act in ACTS:
        hit, false, missed = counts[act]
        precision = hit / (hit + false) if hit + false else 1.0
        recall = hit / (hit + missed) if hit + missed else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        f1s.append(f1)
        print(f"  {act:<15} {hit + missed:>8} {precision:>9.2f} {recall:>7.2f} {f1:>6.2f}")
    macro = sum(f1s) / len(f1s)
    print(f"  macro F1 {macro:.3f}")
    return macro


def main() -> None:
    """Report each labelled file."""
    args = sys.argv[1:]
    show_errors = "--errors" in args
    paths = [Path(a) for a in args if a != "--errors"] or [p for p in FILES if p.exists()]
    for path in paths:
        report(path, show_errors)


if __name__ == "__main__":
    main()
