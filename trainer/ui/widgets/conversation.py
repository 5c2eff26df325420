"""The call as a conversation: the agent's lines (spoken at a pace) and the person's replies,
told apart by side, colour and name."""

from __future__ import annotations

from dataclasses import dataclass
from time import monotonic

from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static

from trainer.call.dialogue import Turn
from trainer.scoring.explain import DIMENSION_NAMES
from trainer.scoring.rubric import Dimension
from trainer.support.terminal import visible
from trainer.ui.render import cue_summary, highlighted, read_as, score_row, untrusted

TICKS_A_SECOND = 30
"""How often a line being spoken is redrawn, at most, whatever the pace."""


class AgentLine(Static):
    """What the company's side says, appearing at `pace` characters a second."""

    @dataclass
    class Finished(Message):
        """The whole line is showing."""

        agent_line: AgentLine

    def __init__(self, speaker: str, text: str, pace: int, classes: str = "") -> None:
        super().__init__(classes=f"agent-line {classes}".strip())
        self.speaker = speaker
        self.text = visible(text)  # said as written, but a control character is shown
        self.pace = pace
        self.shown = len(self.text) if pace <= 0 else 0
        self._timer: Timer | None = None
        self._started = 0.0
        self.border_title = untrusted(speaker, one_line=True)  # a name, never markup

    @property
    def speaking(self) -> bool:
        """Whether the agent is still saying this line."""
        return self.shown < len(self.text)

    def on_mount(self) -> None:
        self._render_line()
        if self.speaking:
            self._started = monotonic()
            self._timer = self.set_interval(1 / min(self.pace, TICKS_A_SECOND), self._advance)
        else:
            self.post_message(self.Finished(self))

    def _advance(self) -> None:
        said = max(int((monotonic() - self._started) * self.pace), self.shown + 1)
        self.shown = min(said, len(self.text))
        self._render_line()
        if not self.speaking:
            self._stop()

    def finish_now(self) -> None:
        """Show the rest of the line at once."""
        if self.speaking:
            self.shown = len(self.text)
            self._render_line()
            self._stop()

    def on_click(self) -> None:
        """A click on a line being spoken shows all of it."""
        self.finish_now()

    def _stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.post_message(self.Finished(self))

    def _render_line(self) -> None:
        said = Content(self.text[: self.shown])
        self.update(said + Content.styled(" \u2026", "$text-muted") if self.speaking else said)


class CustomerLine(Static):
    """A reply the person sent, with its cues marked when `show_cues` is on."""

    def __init__(self, turn: Turn, show_cues: bool, replayed: bool = False) -> None:
        super().__init__(classes="customer-line")
        self.turn = turn
        notes = [
            note
            for note, on in (("replayed", replayed), ("cut the agent off", turn.interrupted))
            if on
        ]
        self.border_title = "You" + (f" ({', '.join(notes)})" if notes else "")
        self.show_cues = show_cues

    def on_mount(self) -> None:
        cues = self.turn.score.cues if self.show_cues else ()
        self.update(highlighted(self.turn.reply, cues))


class TurnFeedback(Static):
    """Coach mode, after a reply: its scores, the cues that counted and one tip (None when
    the tips are hidden)."""

    def __init__(
        self, turn: Turn, tip_dimension: Dimension, tip: str | None, nothing_counted: str
    ) -> None:
        super().__init__(classes="turn-feedback")
        self.turn = turn
        self.tip_dimension = tip_dimension
        self.tip = tip
        self.nothing_counted = nothing_counted
        """What to say when no cue fired."""

    def on_mount(self) -> None:
        score = self.turn.score
        parts = [score_row(score.scores, score.overall)]
        acts = read_as(score.acts)
        if acts is not None:
            parts.append(acts)
        if score.cues:
            parts.append(cue_summary(score.cues))
        else:
            parts.append(Content.styled(self.nothing_counted, "italic"))
        if self.tip is not None:
            name = DIMENSION_NAMES[self.tip_dimension]
            parts.append(Content.assemble((f"Tip ({name}): ", "bold"), untrusted(self.tip)))
        self.update(Content("\n").join(parts))
