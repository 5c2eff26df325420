"""Telling a reply in another language from an English one, on replies labelled by hand."""

from __future__ import annotations

import csv

from tests.conftest import CHECKOUT
from trainer.scoring.language import reads_as_english

LABELLED = CHECKOUT / "tests" / "data" / "reply_languages.csv"


def test_every_labelled_reply_is_read_as_labelled() -> None:
    with LABELLED.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    wrong = [
        row["text"] for row in rows if reads_as_english(row["text"]) != (row["english"] == "yes")
    ]
    assert len(rows) > 40
    assert wrong == []


def test_every_customer_reply_in_the_scoring_set_reads_as_english() -> None:
    with (CHECKOUT / "tests" / "data" / "customer_replies.csv").open(encoding="utf-8") as file:
        replies = [row["text"] for row in csv.DictReader(file)]
    assert [reply for reply in replies if not reads_as_english(reply)] == []
