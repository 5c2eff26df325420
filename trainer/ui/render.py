"""Scores, cues and replies as Textual content. Text a person or an author wrote is always
plain content, never markup, so "[b]" or "[/]" in a reply shows as typed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from textual.content import Content

from trainer.scoring.explain import DIMENSION_NAMES, act_names, signed
from trainer.scoring.results import FiredCue, ReadAct
from trainer.scoring.rubric import DIMENSIONS, Dimension
from trainer.support.terminal import visible

GOOD_STYLE = "bold underline $text-success"
BAD_STYLE = "bold strike $text-error"
GOOD_SCORE = 60
"""From here on a score shows as good."""
FAIR_SCORE = 35
"""From here on (below good) a score shows as fair; below it, weak."""
BAR_FULL = "\u2588"
BAR_EMPTY = "\u2591"
SHORT_NAMES: dict[Dimension, str] = {
    "politeness": "polite",
    "firmness": "firm",
    "evidence": "evidence",
    "open_questions": "open q",
}
OUTCOME_STYLES = {"win": "$success", "partial": "$warning"}
"""The colour of an outcome (any other reads as a setback: $error); always shown in words too."""
OUTCOME_WORDS = {
    "win": "won",
    "partial": "partly won",
    "loss": "lost",
    "hung_up": "hung up",
    "abandoned": "unfinished",
}
OUTCOME_LABELS = {
    "win": "WIN",
    "partial": "PARTIAL WIN",
    "loss": "LOSS",
    "hung_up": "HUNG UP",
    "abandoned": "UNFINISHED",
}


def as_markup(text: str) -> str:
    """Text written as markup that shows it exactly, for the few places that only take
    markup (command palette entries)."""
    return text.replace("[", "\\[")


def untrusted(text: str, one_line: bool = False) -> Content:
    """Text from a scenario file or a reply as plain content: never markup, and every
    character a terminal could act on (Textual writes them through) shown as `\\x1b`."""
    return Content(visible(text, keep_lines=not one_line))


def _shown_offsets(text: str) -> list[int]:
    """Where each character of `text` (and its end) starts once `visible` has escaped it."""
    offsets, at = [], 0
    for character in text:
        offsets.append(at)
        at += len(visible(character))
    return [*offsets, at]


def highlighted(text: str, cues: Sequence[FiredCue]) -> Content:
    """The reply with each cue's words marked: good ones underlined, bad ones struck through
    (never told by colour alone); control characters in it are shown, not sent."""
    content = untrusted(text)
    offsets = _shown_offsets(text) if content.plain != text else None
    for cue in cues:
        if cue.end <= cue.start or cue.weight == 0:
            continue
        start, end = cue.start, cue.end
        if offsets is not None:
            last = len(offsets) - 1
            start, end = offsets[min(start, last)], offsets[min(end, last)]
        content = content.stylize(GOOD_STYLE if cue.weight > 0 else BAD_STYLE, start, end)
    return content


def cue_lines(cues: Sequence[FiredCue]) -> Content:
    """One line per cue: points, dimension, label and the words that matched."""
    lines: list[Content] = []
    for cue in cues:
        style = "$text-success" if cue.weight > 0 else "$text-error"
        quoted = f' "{shortened(cue.matched)}"' if cue.matched else ""
        lines.append(
            Content.assemble(
                (f"{signed(cue.weight):>5} ", f"bold {style}"),
                (f"{DIMENSION_NAMES[cue.dimension]}: ", "$text-muted"),
                untrusted(cue.label, one_line=True),
                (quoted, "italic"),
            )
        )
    return Content("\n").join(lines)


def shortened(text: str, longest: int = 40) -> str:
    """Text cut to `longest` characters with an ellipsis, on one line, control characters
    shown as escapes."""
    text = " ".join(visible(text).split())
    return text if len(text) <= longest else text[: longest - 1].rstrip() + "\u2026"


def score_style(score: float) -> str:
    """The theme colour of a score: good, fair or weak (always shown with its number too)."""
    if score >= GOOD_SCORE:
        return "$success"
    if score >= FAIR_SCORE:
        return "$warning"
    return "$error"


def bar(score: int, width: int) -> Content:
    """A score 0..100 as a bar of `width` cells, styled by how good it is."""
    filled = round(max(0, min(score, 100)) * width / 100)
    return Content.assemble(
        (BAR_FULL * filled, score_style(score)), (BAR_EMPTY * (width - filled), "$panel")
    )


def score_row(scores: Mapping[Dimension, int], overall: int) -> Content:
    """The four scores and overall on one line: "polite 62 · firm 50 · ..."."""
    parts = [f"{SHORT_NAMES[d]} {scores[d]}" for d in DIMENSIONS]
    return Content(" \u00b7 ".join([*parts, f"overall {overall}"]))


def when(day: date | None, today: date) -> str:
    """A day as people say it: "today", "yesterday", "3 days ago", or the date."""
    if day is None:
        return "never"
    days = (today - day).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{days} days ago" if days < 14 else day.isoformat()


def cue_summary(cues: Sequence[FiredCue]) -> Content:
    """The cues on as few lines as fit: what earned points, then what cost points, each label
    once with its points added up (the words themselves are marked in the reply)."""
    totals: dict[str, float] = {}
    for cue in cues:
        totals[cue.label] = totals.get(cue.label, 0.0) + cue.weight
    lines: list[Content] = []
    for heading, earned, style in (
        ("Earned", True, "$text-success"),
        ("Cost", False, "$text-error"),
    ):
        items = [
            Content.assemble((signed(points), f"bold {style}"), f" {visible(label, False)}")
            for label, points in totals.items()
            if points != 0 and (points > 0) == earned
        ]
        if items:
            lines.append(
                Content.assemble((f"{heading}: ", "bold"), Content(" \u00b7 ").join(items))
            )
    return Content("\n").join(lines)


def read_as(acts: Sequence[ReadAct]) -> Content | None:
    """What the reply was read as doing ("Read as: refuses the offer · asks for a
    supervisor"), so that the agent's answer makes sense; None when it performs no act."""
    shown = act_names(acts)
    if not shown:
        return None
    return Content.assemble(("Read as: ", "bold"), " \u00b7 ".join(shown))
