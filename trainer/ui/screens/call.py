"""Call: the conversation with the agent, the reply box, and (in coach mode) live meters and
feedback after each reply."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from trainer.call.dialogue import Turn
from trainer.practice.debrief import focus_dimension
from trainer.practice.session import Practice
from trainer.scoring.language import NOTHING_COUNTED, nothing_counted
from trainer.scoring.results import ReplyScore
from trainer.scoring.scorer import default_rubric
from trainer.support.terminal import visible
from trainer.support.text import plural
from trainer.ui.render import OUTCOME_LABELS
from trainer.ui.screens.base import TrainerScreen
from trainer.ui.widgets.conversation import AgentLine, CustomerLine, TurnFeedback
from trainer.ui.widgets.meters import ScoreMeters
from trainer.ui.widgets.reply_box import ReplyBox


class ConfirmHangUp(ModalScreen[bool]):
    """Ask before ending the call."""

    CSS_PATH = "call.tcss"
    TITLE_TEXT = "Hang up?"
    YES = "hang up"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "answer(True)", "Hang up", priority=True),
        Binding("n,escape", "answer(False)", "Stay on the call", priority=True),
    ]

    def __init__(self, question: str = "The call ends here and goes to your debrief.") -> None:
        super().__init__()
        self.question = question
        """What answering yes does."""

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static(Content.styled(self.TITLE_TEXT, "bold"))
            yield Static(self.question, markup=False)
            yield Static(
                Content.styled(f"Y or Enter: {self.YES} \u00b7 N or Esc: stay", "$text-muted")
            )
        yield Footer()

    def action_answer(self, hang_up: bool) -> None:
        """Close the question with the answer."""
        self.dismiss(hang_up)


class ConfirmQuit(ConfirmHangUp):
    """Ask before leaving the trainer in the middle of a call."""

    TITLE_TEXT = "Leave the trainer?"
    YES = "leave"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "answer(True)", "Leave", priority=True),
        Binding("n,escape", "answer(False)", "Stay on the call", priority=True),
    ]

    @classmethod
    def during(cls, practice: Practice) -> ConfirmQuit:
        """The question for leaving `practice` where it stands."""
        replies = len(practice.call.turns)
        if practice.draft:
            kept = "a draft's call is never saved"
        elif replies == 0:
            kept = "with no reply yet, nothing is saved"
        else:
            kept = f"your {plural(replies, 'reply')} so far {'is' if replies == 1 else 'are'} saved"
        return cls(f"The call ends here, hung up; {kept}.")


def call_in_progress(screens: Sequence[Screen[object]]) -> CallScreen | None:
    """The call among `screens` that is still going on, if any."""
    return next((s for s in screens if isinstance(s, CallScreen) and not s.practice.finished), None)


class CallScreen(TrainerScreen):
    """The call in progress."""

    CSS_PATH = "call.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "show_line", "Show line now"),
        Binding("escape", "hang_up", "Hang up"),
        Binding("enter", "debrief", "Debrief", priority=True),
        Binding("pageup", "scroll_conversation(-1)", show=False, priority=True),
        Binding("pagedown", "scroll_conversation(1)", show=False, priority=True),
    ]

    def __init__(self, practice: Practice, show_tips: bool = True) -> None:
        super().__init__()
        self.practice = practice
        self.show_tips = show_tips
        self.coach = practice.mode == "coach"
        self._warned_unsaved = False
        self._said_english_only = False
        """Whether a reply's feedback has said that the rubric reads English (said once)."""
        self._farewell: AgentLine | None = None
        """The agent's last line, once the call has ended with one."""
        self.tips = default_rubric().tips

    def compose(self) -> ComposeResult:
        scenario = self.practice.scenario
        with Vertical(id="call-bar"):
            yield Static(id="call-status")
            yield Static(
                Content.assemble(("Goal: ", "bold"), visible(scenario.goal)), id="call-goal"
            )
        # Not focusable, so Tab never takes the keyboard away from the reply box unseen.
        yield VerticalScroll(id="conversation", can_focus=False)
        if self.coach:
            yield ScoreMeters(id="meters")
        yield ReplyBox(placeholder="Type what you would say; Enter sends", id="reply")
        yield Static(id="ended")
        yield Footer()

    def on_mount(self) -> None:
        conversation = self.query_one("#conversation", VerticalScroll)
        conversation.anchor()
        practice = self.practice
        for turn in practice.call.turns[: practice.replayed]:
            self._show_turn(turn, replayed=True)
        if practice.finished:
            self._call_ended()
        else:
            self._agent_says(practice.call.speaker, practice.call.agent_line)
        self._show_status()
        self.query_one(ReplyBox).focus()
        if practice.save_error is not None:
            self._warn_unsaved()
        elif self.trainer.history.problem is not None and not practice.saving:
            self.notify(
                f"This call is not being saved: {self.trainer.history.problem}",
                severity="warning",
                timeout=10,
                markup=False,
            )

    def on_unmount(self) -> None:
        # Leaving mid-call (quitting the app) counts as hanging up; the turns are saved.
        self.practice.finish()

    # The conversation -------------------------------------------------------------------

    def _agent_says(self, speaker: str, line: str) -> AgentLine:
        # A draft being written is said at once: the author tests branches, not patience.
        pace = 0 if self.practice.draft else self.trainer.context.settings.pace
        said = AgentLine(speaker, line, pace)
        self.query_one("#conversation", VerticalScroll).mount(said)
        return said

    def _show_turn(self, turn: Turn, replayed: bool = False) -> None:
        conversation = self.query_one("#conversation", VerticalScroll)
        if replayed:
            conversation.mount(AgentLine(turn.speaker, turn.agent_line, 0, classes="replayed"))
        conversation.mount(CustomerLine(turn, show_cues=self.coach, replayed=replayed))
        if self.coach:
            # Tips hidden in the briefing (a harder run) stay hidden on the call.
            dimension = focus_dimension(turn, self.practice.scenario)
            tip = self.tips.for_dimension(dimension) if self.show_tips else None
            conversation.mount(TurnFeedback(turn, dimension, tip, self._nothing_counted(turn)))

    def _nothing_counted(self, turn: Turn) -> str:
        """What the feedback says of a reply in which nothing counted: that the rubric reads
        English, the first time a reply does not look like English; else that nothing did."""
        said = nothing_counted(turn.reply)
        if said == NOTHING_COUNTED or turn.score.cues:
            return NOTHING_COUNTED
        if self._said_english_only:
            return NOTHING_COUNTED
        self._said_english_only = True
        return said

    def _speaking(self) -> AgentLine | None:
        lines = self.query(AgentLine)
        last = lines.last() if lines else None
        return last if last is not None and last.speaking else None

    def _show_status(self) -> None:
        practice = self.practice
        scenario = practice.scenario
        replies = len(practice.call.turns)
        if practice.finished:
            turn = f"call over after {replies} {'reply' if replies == 1 else 'replies'}"
        else:
            turn = f"turn {replies + 1} of up to {scenario.turn_limit}"
        node = (f" \u00b7 node {practice.call.node}", "$text-warning") if practice.draft else ""
        self.query_one("#call-status", Static).update(
            Content.assemble(
                (visible(scenario.title, keep_lines=False), "bold"),
                (f" \u00b7 {practice.mode} mode \u00b7 ", "$text-muted"),
                (turn, "bold $text-accent"),
                node,
            )
        )

    # Input ------------------------------------------------------------------------------

    @on(ReplyBox.Changed, "#reply")
    def _typing(self, event: ReplyBox.Changed) -> None:
        if not self.coach or self.practice.finished:
            return
        text = event.text_area.text
        if not text.strip():
            self.workers.cancel_group(self, "preview")
            self.query_one(ScoreMeters).show(None)
            return
        self._score_draft(text)

    @work(thread=True, exclusive=True, group="preview")
    def _score_draft(self, text: str) -> None:
        """Score the draft off the app's thread (a scenario's patterns may take their whole
        time budget), so that typing never waits; a newer draft cancels this one."""
        preview = self.practice.call.preview(text)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_preview, text, preview)

    def _show_preview(self, text: str, preview: ReplyScore) -> None:
        """Show the draft's score, if it is still what the box holds."""
        self._warn_slow_patterns()
        if not self.practice.finished and self.query_one(ReplyBox).text == text:
            self.query_one(ScoreMeters).show(preview)

    def _warn_slow_patterns(self) -> None:
        """Say once of each scenario pattern that was too slow, and is no longer used."""
        for warning in self.practice.call.pattern_limits.take_warnings():
            self.notify(f"This scenario: {warning}.", severity="warning", markup=False)

    @on(ReplyBox.Submitted, "#reply")
    def _send(self, event: ReplyBox.Submitted) -> None:
        practice = self.practice
        if practice.finished:
            return
        speaking = self._speaking()
        if speaking is not None:
            speaking.finish_now()
        self.workers.cancel_group(self, "preview")
        turn = practice.send(event.text, interrupted=speaking is not None)
        self._warn_slow_patterns()
        self._show_turn(turn)
        if practice.save_error is not None:
            self._warn_unsaved()
        if practice.finished:
            if practice.call.closing_line is not None:
                self._farewell = self._agent_says(practice.call.speaker, practice.call.closing_line)
            self._call_ended()
        else:
            self._agent_says(practice.call.speaker, practice.call.agent_line)
        self._show_status()

    def _warn_unsaved(self) -> None:
        if not self._warned_unsaved:
            self._warned_unsaved = True
            self.notify(
                f"Saving stopped: {(self.practice.save_error or '').rstrip('.')}. "
                "The call goes on unsaved.",
                severity="error",
                timeout=15,
                markup=False,
            )

    def _call_ended(self) -> None:
        result = self.practice.finish()
        reply = self.query_one(ReplyBox)
        reply.disabled = True
        reply.display = False
        if self.coach:
            self.query_one(ScoreMeters).display = False
        ended = self.query_one("#ended", Static)
        ended.update(
            Content.assemble(
                ("Call over: ", "bold"),
                (OUTCOME_LABELS.get(result.outcome, result.outcome), "bold reverse"),
                "  Press Enter for your debrief.",
            )
        )
        # Shown once the agent's closing line has been said (at once if there is none).
        if self._farewell is None or not self._farewell.speaking:
            ended.add_class("shown")
        self._show_status()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that only make sense during the call, or after it."""
        if action == "debrief":  # once the closing line is said: Enter twice skips nothing
            return self.practice.finished and self.query_one("#ended").has_class("shown")
        if action == "hang_up":
            return not self.practice.finished
        if action == "show_line":  # the closing line too, after the call has ended
            return not self.practice.finished or self._speaking() is not None
        return True

    # Actions ----------------------------------------------------------------------------

    def action_show_line(self) -> None:
        """Show the agent's line at once instead of at speaking pace."""
        speaking = self._speaking()
        if speaking is not None:
            speaking.finish_now()

    def action_scroll_conversation(self, pages: int) -> None:
        """Scroll the conversation a page up or down (the reply box keeps the keyboard)."""
        conversation = self.query_one("#conversation", VerticalScroll)
        if pages < 0:
            conversation.scroll_page_up()
        else:
            conversation.scroll_page_down()

    def action_hang_up(self) -> None:
        """Ask, then end the call and go to the debrief."""

        def answered(hang_up: bool | None) -> None:
            if hang_up:
                self.practice.hang_up()
                self.action_debrief()

        self.app.push_screen(ConfirmHangUp(), answered)

    def action_debrief(self) -> None:
        """Go to the debrief of the call."""
        self.practice.finish()
        self.trainer.show_debrief(self.practice, self.show_tips)

    @on(AgentLine.Finished)
    def _line_finished(self, event: AgentLine.Finished) -> None:
        self.query_one("#conversation", VerticalScroll).scroll_end(animate=False)
        if event.agent_line is self._farewell:
            self.query_one("#ended").add_class("shown")
            self.refresh_bindings()
