"""The scorer against 300+ customer replies labelled by hand (tests/data/customer_replies.csv).

Per dimension, the replies labelled `+` must score above those labelled `-`: ROC AUC at least
0.95. Rows labelled `0` in a dimension are left out of it.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from trainer.scoring.measure import roc_auc
from trainer.scoring.rubric import DIMENSIONS, Dimension
from trainer.scoring.scorer import default_scorer

REPLIES = Path(__file__).parents[1] / "data" / "customer_replies.csv"
LABELS = {"+", "-", "0"}


def labelled_rows() -> list[dict[str, str]]:
    with REPLIES.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_the_table_is_large_and_labelled_in_every_dimension() -> None:
    rows = labelled_rows()
    assert len(rows) >= 200
    for row in rows:
        assert {row[dimension] for dimension in DIMENSIONS} <= LABELS, row["text"]
    for dimension in DIMENSIONS:
        assert sum(row[dimension] == "+" for row in rows) >= 60
        assert sum(row[dimension] == "-" for row in rows) >= 60


@pytest.mark.parametrize("dimension", DIMENSIONS)
def test_replies_labelled_good_outscore_replies_labelled_bad(dimension: Dimension) -> None:
    scorer = default_scorer()
    rows = labelled_rows()
    good = [scorer.score(r["text"]).scores[dimension] for r in rows if r[dimension] == "+"]
    bad = [scorer.score(r["text"]).scores[dimension] for r in rows if r[dimension] == "-"]
    assert roc_auc(good, bad) >= 0.95


def test_roc_auc_counts_ties_as_half() -> None:
    assert roc_auc([2, 3], [1]) == 1.0
    assert roc_auc([1], [2, 3]) == 0.0
    assert roc_auc([1, 1], [1]) == 0.5
