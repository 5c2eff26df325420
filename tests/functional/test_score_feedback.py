"""What `trainer score` says of a reply, as a person reads it: points in whole numbers, and a
reply in another language told that the rubric reads English."""

from __future__ import annotations

import re

import pytest

from tests.conftest import SCENARIO_FIXTURES
from tests.functional.commands import assert_no_traceback, run

ENGINE = SCENARIO_FIXTURES / "engine"


def test_a_repeated_cue_shows_whole_points() -> None:
    # The cue is worth 10; said three times it earns 10, 5 and 2.5 points.
    result = run(
        "score",
        "--scenario",
        "every-condition",
        "--scenarios",
        ENGINE,
        "The booking, the booking, and the booking again.",
    )
    assert result.returncode == 0, result.stderr
    points = re.findall(r"^\s+([+-]\S+) evidence\s+mentions the booking", result.stdout, re.M)
    assert points == ["+10", "+5", "+3"]


@pytest.mark.parametrize(
    "reply",
    [
        "Ik wil graag mijn geld terug voor deze rekening.",
        "ขอคุยกับหัวหน้าได้ไหมครับ",
        "Θα ήθελα να μιλήσω με έναν προϊστάμενο, παρακαλώ.",  # noqa: RUF001
    ],
)
def test_a_reply_in_another_language_is_told_the_rubric_reads_english(reply: str) -> None:
    result = run("score", reply)
    assert result.returncode == 0
    assert_no_traceback(result)
    assert "rubric reads English" in result.stdout
    assert "Nothing in this reply moved a score" not in result.stdout


def test_an_english_reply_that_scores_nothing_says_so_plainly() -> None:
    result = run("score", "Right, got it, go on then.")
    assert "Nothing in this reply moved a score." in result.stdout
    assert "English" not in result.stdout
