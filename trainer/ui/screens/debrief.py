"""Debrief: how the call went and why, turn by turn, beside a strong reply for each."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from trainer.call.dialogue import CallResult, Turn
from trainer.history.access import History
from trainer.history.database import HistoryError
from trainer.practice.debrief import (
    Earlier,
    earlier_attempts,
    model_reply,
    next_time,
    outcome_sentence,
)
from trainer.practice.session import Practice
from trainer.scoring.explain import DIMENSION_NAMES
from trainer.scoring.language import nothing_counted
from trainer.scoring.rubric import DIMENSIONS
from trainer.support.terminal import visible
from trainer.ui.render import (
    OUTCOME_LABELS,
    OUTCOME_STYLES,
    bar,
    cue_lines,
    highlighted,
    read_as,
    score_row,
    shortened,
)
from trainer.ui.screens.base import TrainerScreen

SCORE_BAR_WIDTH = 20
COMPARED_WIDTH = 12
"""Room for an earlier score and its change: "54 (+8)"."""


def compared(score: int, before: int | None) -> str:
    """An earlier score and the change since it: "54 (+8)", or a dash."""
    if before is None:
        return "\u2013"
    change = score - before
    return f"{before} ({change:+d})" if change else f"{before} (=)"


class ChooseTurn(ModalScreen[int | None]):
    """Pick the turn to retry from."""

    CSS_PATH = "debrief.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss_none", "Cancel")]

    def __init__(self, turns: tuple[Turn, ...]) -> None:
        super().__init__()
        self.turns = turns

    def compose(self) -> ComposeResult:
        with Vertical(id="choose-turn"):
            yield Static(Content.styled("Retry from which turn?", "bold"))
            yield Static(
                Content.styled(
                    "Enter retries from the highlighted turn: the replies before it are "
                    "replayed, and you go on live.",
                    "$text-muted",
                )
            )
            yield OptionList(
                *(
                    Option(
                        Content.assemble(
                            (f"Turn {turn.number}  ", "bold"),
                            f"{turn.speaker}: \u201c{shortened(turn.agent_line, 50)}\u201d",
                        ),
                        id=str(turn.number),
                    )
                    for turn in self.turns
                ),
                id="turns",
            )
        yield Footer()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 1))

    def action_dismiss_none(self) -> None:
        """Close without retrying."""
        self.dismiss(None)


class TurnReview(Vertical):
    """One turn: what the agent said, the reply with its cues marked, and a strong reply."""

    can_focus = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "retry_here", "Retry from here"),
    ]

    @dataclass
    class RetryRequested(Message):
        """The person asked to retry the call from this turn."""

        number: int

    def __init__(self, turn: Turn, model_content: Content | None) -> None:
        super().__init__(classes="turn-review")
        self.turn = turn
        self.model_content = model_content
        self.border_title = f"Turn {turn.number}"

    def compose(self) -> ComposeResult:
        turn = self.turn
        yield Static(
            Content.assemble((f"{turn.speaker}: ", "bold $text-primary"), turn.agent_line),
            classes="review-agent",
        )
        with Horizontal(classes="review-columns"):
            with Vertical(classes="review-yours"):
                cut_off = " (cut the agent off)" if turn.interrupted else ""
                yield Static(Content.styled(f"You said{cut_off}", "bold $text-secondary"))
                yield Static(highlighted(turn.reply, turn.score.cues), classes="review-reply")
                yield Static(
                    score_row(turn.score.scores, turn.score.overall), classes="review-scores"
                )
            with Vertical(classes="review-model"):
                yield Static(Content.styled("A strong reply", "bold $text-success"))
                yield Static(
                    self.model_content
                    if self.model_content is not None
                    else Content.styled("The scenario has no model reply here.", "italic"),
                    classes="review-reply",
                )
        # Below both columns, across the whole turn: a cue's line is long.
        acts = read_as(turn.score.acts)
        if acts is not None:
            yield Static(acts, classes="review-acts")
        if turn.score.cues:
            yield Static(cue_lines(turn.score.cues), classes="review-cues")
        else:
            yield Static(
                Content.styled(nothing_counted(turn.reply), "italic"), classes="review-cues"
            )

    def action_retry_here(self) -> None:
        """Ask the debrief to retry from this turn."""
        self.post_message(self.RetryRequested(self.turn.number))


class DebriefScreen(TrainerScreen):
    """The finished call explained."""

    CSS_PATH = "debrief.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "retry", "Retry"),
        Binding("t", "retry_from", "Retry from turn"),
        Binding("escape,h", "home", "Home"),
        Binding("escape,h", "editor", "Back to the editor"),
    ]

    def __init__(self, practice: Practice, show_tips: bool = True) -> None:
        super().__init__()
        self.practice = practice
        self.show_tips = show_tips
        self.result: CallResult = practice.finish()
        self.earlier = Earlier(None)

    def compose(self) -> ComposeResult:
        result = self.result
        scenario = self.practice.scenario
        call = self.practice.call
        yield Header()
        with VerticalScroll(id="debrief"):
            yield Static(
                Content.assemble(
                    (
                        f" {OUTCOME_LABELS.get(result.outcome, result.outcome)} ",
                        f"bold reverse {OUTCOME_STYLES.get(result.outcome, '$error')}",
                    ),
                    "  ",
                    (visible(scenario.title, keep_lines=False), "bold"),
                ),
                id="outcome-title",
            )
            yield Static(Content(outcome_sentence(result, scenario)), id="outcome")
            yield Static(id="scores")
            yield Static(Content(next_time(result, scenario, call.scorer_at)), id="next-time")
            yield Static(self._tactics(), id="tactics")
            for turn in result.turns:
                model = model_reply(scenario, turn.node)
                model_content = (
                    highlighted(model, call.scorer_at(turn.node).score(model).cues)
                    if model
                    else None
                )
                yield TurnReview(turn, model_content)
            if result.closing_line:
                yield Static(
                    Content.assemble(
                        (f"{result.closing_speaker}: ", "bold $text-primary"), result.closing_line
                    ),
                    id="closing",
                )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#scores").border_title = "Scores"
        self.query_one("#next-time").border_title = "Next time"
        self._show_scores()
        history = self.trainer.history
        # A draft's call is not compared with the saved scenario's history.
        if history.kept and history.problem is None and not self.practice.draft:
            self.load_earlier(history, self.practice.scenario.id, self.practice.session_id)

    def _tactics(self) -> Content:
        result = self.result
        if not result.turns:
            return Content.styled("No replies, so no tactics to look at.", "italic $text-muted")
        if not result.tactics_used and not result.tactics_missed:
            return Content.styled("This scenario names no tactics.", "italic $text-muted")
        lines = [Content.styled("Tactics", "bold")]
        lines += [
            Content.assemble(("  \u2713 used    ", "bold $text-success"), label)
            for label in result.tactics_used
        ]
        lines += [
            Content.assemble(("  \u2717 missed  ", "bold $text-error"), label)
            for label in result.tactics_missed
        ]
        return Content("\n").join(lines)

    def _show_scores(self) -> None:
        result = self.result
        earlier = self.earlier
        if not result.turns:
            self.query_one("#scores", Static).update(
                Content.styled("No replies, so no scores.", "italic")
            )
            return
        rows_of: list[tuple[str, str, int]] = [
            (DIMENSION_NAMES[d], d, result.scores[d]) for d in DIMENSIONS
        ]
        rows_of.append(("overall", "overall", result.overall))
        name_width = max(len(name) for name, _, _ in rows_of)
        rows = [
            Content.styled(
                f"{'':<{name_width}}  {'this call':<{SCORE_BAR_WIDTH + 4}}   "
                f"{'previous':<{COMPARED_WIDTH}}best",
                "$text-muted",
            )
        ]
        for name, column, score in rows_of:
            rows.append(
                Content.assemble(
                    (f"{name:<{name_width}}  ", "bold"),
                    bar(score, SCORE_BAR_WIDTH),
                    (f" {score:>3}", "bold"),
                    "   ",
                    f"{compared(score, earlier.previous_score(column)):<{COMPARED_WIDTH}}",
                    compared(score, earlier.best_score(column)),
                )
            )
        self.query_one("#scores", Static).update(Content("\n").join(rows))

    @work(thread=True, exclusive=True, group="earlier")
    def load_earlier(self, history: History, scenario_id: str, session_id: int | None) -> Earlier:
        """Read this person's earlier attempts at the scenario, off the UI thread."""
        try:
            with history.reading() as store:
                rows = store.sessions(scenario_id) if store is not None else []
        except (HistoryError, OSError):
            return Earlier(None)  # the call screen has already said why
        return earlier_attempts(rows, session_id)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "earlier" and event.state == WorkerState.SUCCESS:
            result = event.worker.result
            assert isinstance(result, Earlier)
            self.earlier = result
            self._show_scores()

    def action_retry(self) -> None:
        """Play the whole call again."""
        self.trainer.show_call(self.practice.retry(1), self.show_tips)

    def action_retry_from(self) -> None:
        """Choose a turn, replay the replies before it, and go on live from there."""
        if not self.result.turns:
            self.action_retry()
            return

        def chosen(number: int | None) -> None:
            if number is not None:
                self.trainer.show_call(self.practice.retry(number), self.show_tips)

        self.app.push_screen(ChooseTurn(self.result.turns), chosen)

    @on(TurnReview.RetryRequested)
    def _retry_from_turn(self, event: TurnReview.RetryRequested) -> None:
        self.trainer.show_call(self.practice.retry(event.number), self.show_tips)

    def action_home(self) -> None:
        """Back to the scenario list."""
        self.trainer.action_home()

    def action_editor(self) -> None:
        """Back to the scenario being written (after playing its draft)."""
        self.trainer.action_home()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Esc goes home, or back to the editor after a draft was played."""
        if action in ("home", "editor"):
            return (action == "editor") == self.practice.draft
        return True
