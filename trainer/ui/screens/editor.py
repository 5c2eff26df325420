"""The Editor: write a scenario with its problems listed by line as you type, see its node
map, play the draft at once, and save it without ever replacing a valid file with a broken
one."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Footer, Header, OptionList, Static, TextArea, Tree
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from trainer.authoring.drafts import Opened, Saved, draft_path, save_scenario
from trainer.authoring.editing import DraftCheck, check_draft, is_warning
from trainer.authoring.lint import WARNING
from trainer.authoring.nodemap import ALWAYS, MapBranch, MapNode
from trainer.support.problems import FILE_KEY, Problem, display_path
from trainer.support.text import plural
from trainer.ui.render import OUTCOME_LABELS
from trainer.ui.screens.base import TrainerScreen
from trainer.ui.screens.editor_dialogs import Answer, UnsavedChanges

CHECK_DELAY = 0.3
"""Seconds of quiet typing before the text is checked again."""


def problem_line(problem: Problem) -> Content:
    """A problem as the list shows it: its line, then the key and what is wrong."""
    warning = is_warning(problem)
    message = problem.message.removeprefix(WARNING)
    return Content.assemble(
        (f"{problem.line:>4} ", "$text-muted"),
        ("warning " if warning else "error ", "$text-warning" if warning else "$text-error"),
        (problem.key, "bold"),
        f": {message}",
    )


def node_label(node: MapNode) -> Text:
    """A node in the map: its name, then start, outcome or unreachable."""
    label = Text(node.name, style="bold")
    if node.start:
        label.append("  start", style="italic")
    if node.outcome is not None:
        label.append(f"  ends: {OUTCOME_LABELS.get(node.outcome, node.outcome)}", style="italic")
    if not node.reachable:
        label.append("  unreachable", style="bold red")
    return label


def branch_label(branch: MapBranch) -> Text:
    """A branch in the map: where it leads first (the pane is narrow), then when."""
    label = Text("\u2192 ")
    label.append(branch.target, style="bold" if branch.known else "bold red")
    if not branch.known:
        label.append("  no such node", style="red")
    when = branch.when if branch.when == ALWAYS else f"if {branch.when}"
    label.append(f"  {when}", style="dim")
    return label


class EditorScreen(TrainerScreen):
    """Edit one scenario file: problems by line, the node map, play the draft, save."""

    CSS_PATH = "editor.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("f5", "play", "Play draft", priority=True),
        Binding("f8", "next_problem", "Next problem", priority=True),
        Binding("f6", "app.focus_next", "Next pane", priority=True),
        Binding("escape", "close", "Close", priority=True),
        Binding("ctrl+home", "go_to_line(1)", "Top of the file", show=False),
        Binding("ctrl+end", "go_to_line(0)", "End of the file", show=False),
    ]

    def __init__(self, path: Path, opened: Opened) -> None:
        super().__init__()
        self.path = path
        self.opened = opened
        self.written_text = opened.text if opened.written else None
        """The text as last written anywhere (the file or its draft)."""
        self.kept_as_draft = opened.from_draft
        self.stamp = opened.stamp
        """The file's stamp as last seen: a save over a file changed since is kept aside."""
        self.where = ""
        """Which library folder the file is in, in words (found again after each save)."""
        self.version = 0
        self.check: DraftCheck | None = None
        self._timer: Timer | None = None
        self._status = ""

    @property
    def source(self) -> TextArea:
        """The text area holding the scenario."""
        return self.query_one("#source", TextArea)

    @property
    def unsaved(self) -> bool:
        """Whether the text differs from what was last written (file or draft)."""
        return self.source.text != self.written_text

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="panes"):
            # Scenario files are mostly prose in long strings: wrap them.
            yield TextArea.code_editor(
                self.opened.text, language="toml", theme="css", soft_wrap=True, id="source"
            )
            with Vertical(id="side"):
                yield OptionList(id="problems")
                yield Tree(Text("nodes"), id="map")
        yield Static(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.where = self.trainer.where_is(self.path)
        self.title = f"Editing {self.path.name}"
        self.query_one("#problems").border_title = "Problems"
        node_tree = self.query_one("#map", Tree)
        node_tree.border_title = "Node map"
        node_tree.show_root = False
        node_tree.auto_expand = False  # Enter goes to the line; the map stays open
        self.source.border_title = Content(display_path(self.path))
        self.source.focus()
        if self.opened.notice:
            self.notify(self.opened.notice, timeout=8, markup=False)
        self._check_now()

    # Checking as the author types ----------------------------------------------------------

    @on(TextArea.Changed, "#source")
    def _text_changed(self) -> None:
        self.version += 1
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(CHECK_DELAY, self._check_now)
        self._show_status(checking=True)

    def _check_now(self) -> None:
        self._show_status(checking=True)
        self.run_check(self.source.text, self.version, self.trainer.context.library.taken_ids())

    @work(thread=True, exclusive=True, group="check")
    def run_check(self, text: str, version: int, taken: dict[str, Path]) -> tuple[int, DraftCheck]:
        """Check the text off the UI thread (self-tests are played), for version `version`."""
        return version, check_draft(text, self.path, taken)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # Only the check of the text as it stands is shown; older ones are dropped.
        if event.worker.group != "check" or event.state != WorkerState.SUCCESS:
            return
        result = event.worker.result
        assert isinstance(result, tuple)
        version, check = result
        if version == self.version:
            self.check = check
            self._show_check(check)

    def _show_check(self, check: DraftCheck) -> None:
        problems = self.query_one("#problems", OptionList)
        kept = problems.highlighted
        problems.clear_options()
        problems.add_options(
            Option(problem_line(problem), id=str(index))
            for index, problem in enumerate(check.problems)
        )
        if not check.problems:
            problems.add_option(
                Option(Content.styled("No problems found.", "italic $text-success"), disabled=True)
            )
        if check.problems:  # Enter goes to a problem from the first time
            problems.highlighted = min(kept or 0, len(check.problems) - 1)
        counts = [plural(check.errors, "error")] if check.errors else []
        counts += [plural(check.warnings, "warning")] if check.warnings else []
        problems.border_title = "Problems" + (f": {', '.join(counts)}" if counts else "")
        if check.nodes is not None:
            self._show_map(check)
        self.query_one("#map").border_subtitle = "as last read" if check.nodes is None else ""
        self._show_status()

    def _show_map(self, check: DraftCheck) -> None:
        node_tree: Tree[int] = self.query_one("#map", Tree)
        node_tree.clear()
        for node in check.nodes or ():
            line = check.node_lines.get(node.name, 1)
            item = node_tree.root.add(node_label(node), data=line, expand=True)
            for branch in node.branches:
                branch_line = check.branch_lines.get((node.name, branch.index), line)
                item.add_leaf(branch_label(branch), data=branch_line)

    def _show_status(self, checking: bool = False) -> None:
        parts = [self.where]
        if self.unsaved:
            parts.append("unsaved changes")
        elif self.kept_as_draft:
            parts.append(f"kept as {draft_path(self.path).name}")
        else:
            parts.append("saved")
        check = self.check
        if checking or check is None:
            parts.append("checking\u2026")
        elif check.scenario is None:
            parts.append(f"not a scenario yet: {plural(check.errors, 'error')}")
        elif check.id_clash is not None:
            parts.append("F5 plays it, but another file has its id: saving keeps a draft")
        elif check.tests_failed:
            parts.append(
                f"valid, F5 plays it; {check.tests_failed} of "
                f"{plural(check.tests_played, 'self-test')} failing"
            )
        else:
            tests = (
                f"{plural(check.tests_played, 'self-test')} played, "
                f"{check.tests_played - check.tests_failed} passed"
            )
            parts.append(f"valid, F5 plays it; {tests}")
        status = " \u00b7 ".join(parts)
        if status != self._status:  # typing changes it rarely; redrawing it costs a layout
            self._status = status
            self.query_one("#status", Static).update(Content(status))

    # Moving around -----------------------------------------------------------------------

    def go_to_line(self, line: int) -> None:
        """Put the cursor at the start of `line` (counted from 1) in the text, and focus it."""
        source = self.source
        row = min(max(line - 1, 0), source.document.line_count - 1)
        indent = len(source.document.get_line(row)) - len(source.document.get_line(row).lstrip())
        source.move_cursor((row, indent), center=True)
        source.focus()

    def action_go_to_line(self, line: int) -> None:
        """Go to a line of the text (0: the last)."""
        self.go_to_line(line or self.source.document.line_count)

    @on(OptionList.OptionSelected, "#problems")
    def _problem_chosen(self, event: OptionList.OptionSelected) -> None:
        if self.check is not None and event.option.id is not None:
            self.go_to_line(self.check.problems[int(event.option.id)].line)

    @on(Tree.NodeSelected, "#map")
    def _node_chosen(self, event: Tree.NodeSelected[int]) -> None:
        if event.node.data is not None:
            self.go_to_line(event.node.data)

    def action_next_problem(self) -> None:
        """Move the cursor to the next problem's line (from the top after the last)."""
        if self.check is None or not self.check.problems:
            self.notify("No problems to go to.", timeout=3)
            return
        here = self.source.cursor_location[0] + 1
        problems = self.check.problems
        index = next((i for i, p in enumerate(problems) if p.line > here), 0)
        self.query_one("#problems", OptionList).highlighted = index
        self.go_to_line(problems[index].line)

    # Playing, saving, closing ------------------------------------------------------------

    def action_play(self) -> None:
        """Play the draft as it stands in a call (not saved to the history)."""
        from trainer.practice.session import Practice
        from trainer.scenario.library import load_scenario_text, scenario_hash
        from trainer.ui.screens.call import CallScreen

        text = self.source.text
        loaded = load_scenario_text(text, self.path)
        if loaded.scenario is None:
            first = loaded.problems[0]
            self.notify(
                f"The draft cannot be played yet: {plural(len(loaded.problems), 'error')}. "
                f"The first is at line {first.line}.",
                severity="error",
                markup=False,
            )
            self.go_to_line(first.line)
            return
        practice = Practice(
            loaded.scenario,
            scenario_hash(text),
            "coach",
            self.trainer.context.seed,
            store=None,
            draft=True,
        )
        self.app.push_screen(CallScreen(practice, show_tips=True))
        self.notify(
            "Playing the draft: lines come at once, the node is shown at the top, and the call "
            "is not saved to your history.",
            timeout=5,
        )

    def action_save(self) -> bool:
        """Save: the file when the text is a valid scenario, else a draft beside it."""
        text = self.source.text
        try:
            saved = save_scenario(
                self.path,
                text,
                self.trainer.context.library.taken_ids(),
                expected_stamp=self.stamp,
                check_stamp=True,
            )
        except OSError as error:
            failed = Path(error.filename) if error.filename else self.path
            self.notify(
                f"Could not save {display_path(failed)}: {error.strerror or error}. "
                "Your text is still here.",
                severity="error",
                timeout=10,
                markup=False,
            )
            return False
        self.written_text = text
        self.kept_as_draft = saved.draft
        # Once the author has been told that the file changed on disk (and that the text is
        # otherwise fine), the next save replaces it; until then, saves keep warning.
        if not saved.changed_on_disk or self._only_changed_on_disk(saved):
            self.stamp = saved.stamp
        self._say_saved(saved)
        if not saved.draft:
            self.trainer.reload_library()
            self.where = self.trainer.where_is(self.path)
        self._show_status()
        return True

    def _say_saved(self, saved: Saved) -> None:
        if not saved.draft:
            self.notify(f"Saved {display_path(saved.path)}.", timeout=4, markup=False)
            return
        kept = "is unchanged" if self.path.exists() else "is not written yet"
        if self._only_changed_on_disk(saved):
            self.notify(
                f"{self.path.name} was changed on disk since you opened it, so your text was "
                f"kept as {saved.path.name} and {self.path.name} is unchanged. Ctrl+S again "
                "replaces it with your text.",
                severity="warning",
                timeout=15,
                markup=False,
            )
            return
        first = saved.problems[0]
        changed = (
            f" ({self.path.name} was also changed on disk since you opened it.)"
            if saved.changed_on_disk
            else ""
        )
        self.notify(
            f"Not a valid scenario yet ({plural(len(saved.problems), 'error')}; the first at "
            f"line {first.line}), so it was kept as {saved.path.name}. "
            f"{self.path.name} {kept}.{changed}",
            severity="warning",
            timeout=10,
            markup=False,
        )

    @staticmethod
    def _only_changed_on_disk(saved: Saved) -> bool:
        """Whether the text was kept aside only because the file changed on disk."""
        return saved.changed_on_disk and all(p.key == FILE_KEY for p in saved.problems)

    def action_close(self) -> None:
        """Close the editor, asking first when there are unsaved changes."""
        if not self.unsaved:
            self.dismiss()
            return

        def answered(answer: Answer | None) -> None:
            if answer == "discard" or (answer == "save" and self.action_save()):
                self.dismiss()

        self.app.push_screen(UnsavedChanges(self.path.name), answered)
