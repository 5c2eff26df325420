"""A scored reply in plain words: four bars, the cues that fired, and one tip."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence

from trainer.scoring.language import nothing_counted
from trainer.scoring.loading import default_rubric
from trainer.scoring.results import ReadAct, ReplyScore
from trainer.scoring.rubric import DIMENSIONS, Dimension, Tips
from trainer.support.terminal import visible

DIMENSION_NAMES: dict[Dimension, str] = {
    "politeness": "politeness",
    "firmness": "firmness",
    "evidence": "evidence",
    "open_questions": "open questions",
}
_BAR_WIDTH = 20
_LONGEST_QUOTE = 60


def bar(score: int, width: int = _BAR_WIDTH, ascii_only: bool = False) -> str:
    """A score 0..100 as a bar of `width` cells."""
    filled = round(score * width / 100)
    full, empty = ("#", "-") if ascii_only else ("\u2588", "\u2591")
    return full * filled + empty * (width - filled)


def signed(points: float) -> str:
    """Points with their sign, in whole points as the scores are: "+12", "-20" (a scenario's
    weights can make a cue's points fractional, 37.5; halves round away from zero, to 38)."""
    whole = math.floor(abs(points) + 0.5)
    return f"{'-' if points < 0 and whole else '+'}{whole}"


def breakdown(result: ReplyScore, tips: Tips, ascii_only: bool = False, width: int = 100) -> str:
    """The readable report `trainer score` prints for one reply, wrapped to `width`."""
    name_width = max(len(name) for name in DIMENSION_NAMES.values())
    lines = [repr_reply(result.text), ""]
    for dimension in DIMENSIONS:
        score = result.scores[dimension]
        lines.append(
            f"  {DIMENSION_NAMES[dimension]:<{name_width}}  "
            f"{bar(score, ascii_only=ascii_only)}  {score:>3}"
        )
    lines.append(f"  {'overall':<{name_width}}  {'':<{_BAR_WIDTH}}  {result.overall:>3}")
    if result.acts:
        read = (" / " if ascii_only else " \u00b7 ").join(act_names(result.acts))
        lines += ["", *textwrap.wrap(f"Read as: {read}", width=max(width, 40))]
    if result.cues:
        lines += ["", "What counted:"]
        labels = [visible(cue.label, keep_lines=False) for cue in result.cues]
        label_width = max(len(label) for label in labels)
        for cue, label in zip(result.cues, labels, strict=True):
            lines.append(
                f"  {signed(cue.weight):>4} {DIMENSION_NAMES[cue.dimension]:<{name_width}}  "
                f"{label:<{label_width}}  {repr_reply(_shortened(cue.matched))}"
            )
    else:
        lines += ["", *textwrap.wrap(nothing_counted(result.text), width=max(width, 40))]
    if result.voided:
        lines += ["", "Matched but did not count:"]
        for voided in result.voided:
            quoted = repr_reply(_shortened(voided.matched))
            label, reason = visible(voided.label, False), visible(voided.reason, False)
            lines.append(f"  {label} {quoted}: {reason}")
    weakest = result.weakest()
    tip = f"Tip ({DIMENSION_NAMES[weakest]}): {visible(tips.for_dimension(weakest), False)}"
    lines += ["", *textwrap.wrap(tip, width=max(width, 40), subsequent_indent="  ")]
    return "\n".join(lines)


def act_names(acts: Sequence[ReadAct]) -> list[str]:
    """The acts a reply was read as performing, as the feedback names them ("refuses the
    offer"), each once, in reading order."""
    names = default_rubric().act_names
    return list(dict.fromkeys(names.get(act.act, act.act) for act in acts))


def _shortened(text: str) -> str:
    if len(text) <= _LONGEST_QUOTE:
        return text
    return text[: _LONGEST_QUOTE - 3].rstrip() + "..."


def repr_reply(text: str) -> str:
    """Reply text in quotes on one line, with line breaks and control characters shown."""
    shown = "".join(
        ch
        if ch.isprintable()
        else ("\\n" if ch == "\n" else f"\\x{ord(ch):02x}")
        if ord(ch) < 0x100
        else f"\\u{ord(ch):04x}"
        for ch in text
    )
    return f'"{shown}"'
