"""The real `trainer` in a real terminal (tmux): keys typed as a person types them, and only
what the screen shows (tmux capture-pane) read back."""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from trainer.history.store import Store
from trainer.scenario.library import ScenarioFolder, load_library
from trainer.support.paths import shipped_scenarios_dir

TMUX = shutil.which("tmux")
pytestmark = [
    pytest.mark.tmux,
    pytest.mark.slow,
    pytest.mark.skipif(
        TMUX is None, reason="tmux is not installed: these tests drive the real app in tmux"
    ),
]

TRAINER = Path(sys.executable).parent / "trainer"
WIDTH, HEIGHT = 100, 30
TIMEOUT = 20.0
"""Seconds to wait for something to appear on the screen."""
POLL = 0.05

MOVING_FEE_TITLE = "A moving fee on your internet"
SEATS_TITLE = "Seats apart on a family flight"
SHIPPED_TITLES = [
    scenario.title
    for scenario in load_library(
        [ScenarioFolder(shipped_scenarios_dir(), "shipped")]
    ).scenarios.values()
]
"""The library the app shows here: the tests give it empty user folders, no TRAINER_SCENARIOS."""
WINNING_REPLIES = (
    "Hi Marcus, thanks for taking my call. I'm moving from 18 Elm Grove to 7 Harbour View on "
    "14 June and I'd like my Fibre 300 plan moved with me. My account is LN-4821907. The online "
    "form added a $99 moving fee, and I'd like to talk about that.",
    "I understand it's standard, Marcus, but I've been with Lumenet since 2017, over 8 years, "
    "and I've never missed a payment. This move has already cost me about $1,400, and other "
    "providers on my new street install free. I'd like the $99 fee waived, please.",
)
"""moving-fee's own model replies, which win it with --seed 0."""
OUTCOME_LABEL = re.compile(
    rf"^\s*(WIN|PARTIAL WIN|LOSS|HUNG UP|UNFINISHED)\s+{re.escape(MOVING_FEE_TITLE)}\s*$",
    re.MULTILINE,
)
FILTER_SEAT = re.compile(r"^\W*seat\s", re.MULTILINE)
"""The filter box with "seat" typed in it."""
SENTENCE = re.compile(r"^\s*(You \w+ after \d+ repl(?:y|ies)\.)", re.MULTILINE)
"""The debrief's sentence about the outcome."""
OVERALL = re.compile(r"^\W*overall\s+\D*?(\d+)", re.MULTILINE)
"""The overall score in the debrief's table of scores."""


class Terminal:
    """A tmux server of its own with one 100x30 session running one command."""

    def __init__(self, folder: Path) -> None:
        self.socket = f"trainer-test-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.session = "trainer"
        self.config = folder / "tmux.conf"
        self.status_file = folder / "exit-status"
        # No status line (the app gets all 30 rows); keep the pane when the app exits, so
        # that any traceback can be read.
        self.config.write_text("set -g status off\nset -g remain-on-exit on\n")

    def tmux(self, *args: str) -> str:
        """Run a tmux command against this terminal's server; its output."""
        assert TMUX is not None
        done = subprocess.run(
            [TMUX, "-u", "-L", self.socket, "-f", str(self.config), *args],
            capture_output=True,
            check=True,
            timeout=TIMEOUT,
            # os.environ, not the C-level environment: pytest imports readline, which exports
            # COLUMNS=80 and LINES=24 there, and Textual would take them over the pane's size.
            env=dict(os.environ),
        )
        return done.stdout.decode("utf-8", "replace")

    def start(self, command: list[str], env: dict[str, str]) -> None:
        """Start `command` with `env` added to the environment."""
        unset = [arg for name in ("TRAINER_SCENARIOS", "COLUMNS", "LINES") for arg in ("-u", name)]
        line = shlex.join(["env", *unset, *_assignments(env), *command])
        line += f"; echo $? > {shlex.quote(str(self.status_file))}"
        self.tmux(
            "new-session", "-d", "-s", self.session, "-x", str(WIDTH), "-y", str(HEIGHT), line
        )

    def screen(self) -> str:
        """What the pane shows now."""
        return self.tmux("capture-pane", "-p", "-t", self.session)

    def type(self, text: str) -> None:
        """Type `text` as it is (no key names)."""
        self.tmux("send-keys", "-t", self.session, "-l", text)

    def press(self, key: str) -> None:
        """Press one key, by tmux's name for it ("Enter", "C-q")."""
        self.tmux("send-keys", "-t", self.session, key)

    def exit_status(self) -> int | None:
        """The command's exit status once it has ended, else None."""
        # Read from a file the shell writes, not from tmux's pane_dead_status: tmux only
        # knows the status once it has reaped the process, which it never does if it
        # started with SIGCHLD blocked (as under some job runners).
        try:
            text = self.status_file.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        return int(text) if text.endswith("\n") else None

    def wait_for(self, check: Callable[[str], bool], what: str) -> str:
        """The screen, once `check` accepts it; fails after TIMEOUT or if the app ends."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            screen = self.screen()
            if check(screen):
                return screen
            status = self.exit_status()
            if status is not None:
                pytest.fail(f"the app ended (status {status}) before {what}:\n{screen}")
            if time.monotonic() > deadline:
                pytest.fail(f"no {what} after {TIMEOUT:.0f} s; the screen:\n{screen}")
            time.sleep(POLL)

    def wait_for_text(self, *texts: str) -> str:
        """The screen, once it shows every one of `texts`."""
        return self.wait_for(
            lambda screen: all(text in screen for text in texts), " and ".join(map(repr, texts))
        )

    def wait_for_exit(self) -> int:
        """The command's exit status, once it has ended."""
        deadline = time.monotonic() + TIMEOUT
        while (status := self.exit_status()) is None:
            if time.monotonic() > deadline:
                pytest.fail(f"the app still runs after {TIMEOUT:.0f} s:\n{self.screen()}")
            time.sleep(POLL)
        return status

    def close(self) -> None:
        """End the session and the server, whatever state they are in, and remove the
        server's socket."""
        socket: str | None = None
        with contextlib.suppress(subprocess.CalledProcessError):  # no server: nothing to end
            socket = self.tmux("display-message", "-p", "#{socket_path}").strip()
        for command in (["kill-session", "-t", self.session], ["kill-server"]):
            with contextlib.suppress(subprocess.CalledProcessError):  # already gone
                self.tmux(*command)
        if socket:
            Path(socket).unlink(missing_ok=True)


def _assignments(env: dict[str, str]) -> list[str]:
    return [f"{name}={value}" for name, value in env.items()]


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    """A tmux terminal, always torn down."""
    term = Terminal(tmp_path)
    try:
        yield term
    finally:
        term.close()


@pytest.fixture
def app_env(tmp_path: Path) -> dict[str, str]:
    """Fresh score, data and config folders; the agent speaks instantly (pace = 0)."""
    config = tmp_path / "config"
    (config / "trainer").mkdir(parents=True)
    (config / "trainer" / "settings.toml").write_text("pace = 0\n", encoding="utf-8")
    (tmp_path / "data").mkdir()
    return {
        "TRAINER_SCORES_DIR": str(tmp_path / "scores"),
        "XDG_CONFIG_HOME": str(config),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }


def scenario_rows(screen: str) -> list[str]:
    """The lines of the Home screen's scenario list, below its column headings."""
    lines = screen.splitlines()
    heading = next((i for i, line in enumerate(lines) if line.split()[:1] == ["Scenario"]), None)
    if heading is None:
        return []
    rows = []
    for line in lines[heading + 1 :]:
        if not line.strip():
            break
        rows.append(line.strip())
    return rows


def titles_listed(screen: str) -> list[str]:
    """The titles of the shipped scenarios that the Home screen's list shows, sorted."""
    rows = scenario_rows(screen)
    return sorted(title for title in SHIPPED_TITLES if any(row.startswith(title) for row in rows))


def test_moving_fee_played_to_a_win_in_a_real_terminal(
    terminal: Terminal, app_env: dict[str, str], tmp_path: Path
) -> None:
    terminal.start([str(TRAINER), "play", "moving-fee", "--seed", "0"], app_env)
    terminal.wait_for_text(MOVING_FEE_TITLE, "Your goal:", "Start call")
    terminal.press("Enter")
    terminal.wait_for_text("turn 1 of up to", "Type what you would say")

    terminal.type(WINNING_REPLIES[0])
    terminal.press("Enter")
    terminal.wait_for_text("turn 2 of up to", "Type what you would say")  # the reply went

    terminal.type(WINNING_REPLIES[1])
    terminal.press("Enter")
    screen = terminal.wait_for_text("Press Enter for your debrief.", "call over after 2 replies")
    assert "Call over: WIN  Press Enter for your debrief." in screen

    terminal.press("Enter")
    screen = terminal.wait_for(
        lambda s: all(pattern.search(s) for pattern in (OUTCOME_LABEL, OVERALL, SENTENCE)),
        "debrief with its outcome, sentence and overall score",
    )
    label, sentence, overall = (
        match.group(1)
        for match in (OUTCOME_LABEL.search(screen), SENTENCE.search(screen), OVERALL.search(screen))
        if match is not None
    )
    assert label == "WIN"
    assert sentence == "You won after 2 replies."

    terminal.press("C-q")
    assert terminal.wait_for_exit() == 0

    with Store(tmp_path / "scores") as store:
        sessions = store.sessions()
    assert [(s.scenario_id, s.outcome) for s in sessions] == [("moving-fee", "win")]
    assert sessions[0].overall == int(overall)  # the debrief showed what was saved


def test_home_filters_the_list_as_you_type_and_ctrl_q_quits(
    terminal: Terminal, app_env: dict[str, str]
) -> None:
    terminal.start([str(TRAINER)], app_env)
    screen = terminal.wait_for(
        lambda s: "Practise next" in s and len(titles_listed(s)) >= 2, "Home screen with its list"
    )
    listed = titles_listed(screen)
    assert MOVING_FEE_TITLE in listed
    assert SEATS_TITLE in listed

    terminal.type("seat")  # the filter has the keyboard from the start
    screen = terminal.wait_for(
        lambda s: FILTER_SEAT.search(s) is not None and titles_listed(s) == [SEATS_TITLE],
        "'seat' in the filter and only Seats apart listed",
    )
    assert not any("moving fee" in row.lower() for row in scenario_rows(screen))

    terminal.press("C-q")
    assert terminal.wait_for_exit() == 0


def test_a_new_scenario_written_saved_and_played_in_the_editor(
    terminal: Terminal, app_env: dict[str, str]
) -> None:
    terminal.start([str(TRAINER)], app_env)
    terminal.wait_for(lambda s: len(titles_listed(s)) >= 2, "Home screen with its list")
    terminal.press("Tab")  # from the filter to the list, where N starts a new scenario
    terminal.wait_for_text("New scenario")  # the footer offers it now
    terminal.press("n")
    terminal.wait_for_text("Its id, like late-refund")
    terminal.type("gym-fees")
    terminal.press("Enter")
    terminal.wait_for_text("Editing gym-fees.toml", "3 self-tests played, 3 passed")

    terminal.press("C-s")  # a terminal's flow control must not swallow it
    terminal.wait_for_text("your scenarios \u00b7 saved")
    saved = Path(app_env["XDG_DATA_HOME"]) / "trainer" / "scenarios" / "gym-fees.toml"
    text = saved.read_text(encoding="utf-8")
    assert 'id = "gym-fees"' in text

    terminal.press("F5")  # play the draft
    terminal.wait_for_text("Gym fees \u00b7 coach mode", "Type what you would say")
    terminal.press("Escape")
    terminal.wait_for_text("Hang up?")
    terminal.type("y")
    terminal.wait_for_text("HUNG UP")
    terminal.press("Escape")  # from the draft's debrief back to the editor
    terminal.wait_for_text("Editing gym-fees.toml")

    terminal.type("oops")  # at the top of the file: no longer TOML
    terminal.wait_for_text("unsaved changes \u00b7 not a scenario yet: 2 errors")
    terminal.press("C-q")
    terminal.wait_for_text("gym-fees.toml has unsaved changes")
    terminal.type("d")
    assert terminal.wait_for_exit() == 0
    assert saved.read_text(encoding="utf-8") == text
    assert not saved.with_name("gym-fees.toml.draft").exists()
