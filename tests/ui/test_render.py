"""How scores and cues are drawn: plain text stays plain, every mark comes with words."""

from __future__ import annotations

from datetime import date

from trainer.scoring.explain import signed
from trainer.scoring.results import FiredCue
from trainer.ui.render import cue_summary, highlighted, when


def cue(label: str, weight: float, start: int = 0, end: int = 0) -> FiredCue:
    return FiredCue("politeness", label, "", start, end, weight)


def test_repeated_cues_are_added_up_and_split_into_earned_and_cost() -> None:
    summary = cue_summary([cue("says please", 12), cue("says please", 6), cue("swears", -30)])
    assert summary.plain == "Earned: +18 says please\nCost: -30 swears"
    assert cue_summary([]).plain == ""


def test_highlighting_marks_good_and_bad_words_differently_and_keeps_markup_as_text() -> None:
    text = "[b]thanks[/b] you idiot"
    marked = highlighted(text, [cue("thanks", 20, 3, 9), cue("insult", -40, 18, 23)])
    assert marked.plain == text
    styles = {text[span.start : span.end]: str(span.style) for span in marked.spans}
    assert "underline" in styles["thanks"]
    assert "strike" in styles["idiot"]


def test_points_and_days_read_as_people_say_them() -> None:
    assert [signed(12), signed(-6), signed(37.5), signed(22.5), signed(-2.5)] == [
        "+12",
        "-6",
        "+38",
        "+23",
        "-3",
    ]
    assert signed(30.000000000000004) == "+30"
    today = date(2026, 11, 24)
    assert when(today, today) == "today"
    assert when(date(2026, 11, 23), today) == "yesterday"
    assert when(date(2026, 11, 20), today) == "4 days ago"
    assert when(date(2026, 10, 1), today) == "2026-10-01"
    assert when(None, today) == "never"
