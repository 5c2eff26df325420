"""Start-up time of the app: from running `trainer` in a terminal to a usable Home screen.

Run: python benchmarks/startup.py [--runs N]
Each run spawns the real `trainer` (the console script next to this Python, else
`python -m trainer`) in a pseudo-terminal of 80x24 with TERM=xterm-256color and fresh temp
data, config and score folders, reads what it draws until the Home screen shows the
"Practise next" card and the scenario list, notes the time, presses Ctrl+Q and
waits for the process to end. It also notes when the coach's pick fills the card (it comes
from a worker, so it can arrive after the first frame). For reference, it times `python -c "import
trainer.ui.app"` and a bare `python -c pass`. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import platform
import re
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from dataclasses import dataclass
from pathlib import Path

from trainer.scenario.library import ScenarioFolder, load_library
from trainer.support.paths import shipped_scenarios_dir

COLUMNS, ROWS = 80, 24
TIMEOUT = 30.0
"""Seconds to wait for the Home screen (or for the process to end) before giving up."""
CTRL_Q = b"\x11"
CARD = "Practise next"
COACH_PICK = "easiest"
"""In the card's reason once the coach's pick has been read from the (empty) history: "... is
the easiest scenario ..."."""
COACH_WAIT = 5.0
"""Seconds to wait for the coach's pick once the Home screen is usable."""
TARGET_MS = 1000.0
LISTED_ROWS = 3
"""Scenario titles to see before the Home screen counts as drawn (not all fit in 24 rows)."""

# Escape sequences: CSI (cursor moves, colours, modes), OSC (titles, queries), the rest.
ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-_]")


@dataclass(frozen=True)
class Run:
    """One start-up: when the list was drawn and when the coach's pick arrived, in ms, and
    the exit status after Ctrl+Q (None if it had to be killed)."""

    usable_ms: float
    coach_ms: float | None
    exit_status: int | None


def trainer_command() -> list[str]:
    """The `trainer` console script of this environment, or `python -m trainer`."""
    script = Path(sys.executable).parent / "trainer"
    return [str(script)] if script.exists() else [sys.executable, "-m", "trainer"]


def scenario_titles() -> list[str]:
    """The titles the Home screen can list: the runs have empty user folders and no
    TRAINER_SCENARIOS, so only the shipped library's."""
    library = load_library([ScenarioFolder(shipped_scenarios_dir(), "shipped")])
    return [scenario.title for scenario in library.scenarios.values()]


def home_is_usable(text: str, titles: list[str]) -> bool:
    """Whether the screen so far shows the card and the list: "Practise next" and at least
    LISTED_ROWS scenario titles (the card names one at most, so the list is drawn)."""
    return CARD in text and sum(title in text for title in titles) >= min(LISTED_ROWS, len(titles))


def clean_env(folder: Path) -> dict[str, str]:
    """The environment for a run: a terminal type, and fresh folders for everything saved."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "TRAINER_SCORES_DIR"):
        path = folder / name.lower()
        path.mkdir(exist_ok=True)
        env[name] = str(path)
    env.pop("TRAINER_SCENARIOS", None)
    env["TERM"] = "xterm-256color"
    return env


def read_some(fd: int, wait: float) -> bytes | None:
    """What the terminal has received within `wait` seconds: b"" if nothing yet, None once
    the other side has closed."""
    ready, _, _ = select.select([fd], [], [], max(wait, 0.0))
    if not ready:
        return b""
    try:
        return os.read(fd, 65536) or None
    except OSError:  # EIO: the process has gone and the terminal is closed
        return None


def start_once(command: list[str], env: dict[str, str], titles: list[str]) -> Run:
    """Start the app in a pseudo-terminal, time the Home screen, then quit with Ctrl+Q."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
        close_fds=True,
    )
    os.close(slave)
    screen = b""
    usable_ms: float | None = None
    coach_ms: float | None = None
    try:
        deadline = start + TIMEOUT
        while coach_ms is None:
            chunk = read_some(master, deadline - time.perf_counter())
            now = time.perf_counter()
            if usable_ms is not None and (chunk is None or now > deadline):
                break  # usable, but the coach's pick never showed
            if chunk is None or now > deadline:
                text = ESCAPES.sub(b"", screen).decode("utf-8", "replace")
                raise RuntimeError(f"no usable Home screen within {TIMEOUT:.0f} s:\n{text[-2000:]}")
            screen += chunk
            text = ESCAPES.sub(b"", screen).decode("utf-8", "replace")
            if usable_ms is None and home_is_usable(text, titles):
                usable_ms = (now - start) * 1000
                deadline = now + COACH_WAIT
            if usable_ms is not None and COACH_PICK in text:
                coach_ms = (now - start) * 1000
        os.write(master, CTRL_Q)
        deadline = time.perf_counter() + TIMEOUT
        while process.poll() is None and time.perf_counter() < deadline:
            if read_some(master, 0.05) is None:
                break
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=max(deadline - time.perf_counter(), 0.1))
        exit_status = process.poll()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
    assert usable_ms is not None
    return Run(usable_ms, coach_ms, exit_status)


def time_command(command: list[str], env: dict[str, str], runs: int) -> list[float]:
    """Wall times of `command` run to completion `runs` times, in ms."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
        times.append((time.perf_counter() - start) * 1000)
    return times


def summary(times: list[float]) -> str:
    """Median, min and max of some times in ms."""
    return (
        f"median {statistics.median(times):.0f} ms, "
        f"min {min(times):.0f} ms, max {max(times):.0f} ms"
    )


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=10, help="start-ups to time (default 10)")
    args = parser.parse_args()
    command = trainer_command()
    titles = scenario_titles()
    print(f"Python {platform.python_version()} ({sys.executable}), {os.cpu_count()} CPUs")
    print(f"command: {' '.join(command)}, {COLUMNS}x{ROWS} pseudo-terminal, {args.runs} runs")
    with tempfile.TemporaryDirectory() as folder:
        env = clean_env(Path(folder))
        # One start-up first, untimed, so that every timed run finds compiled bytecode.
        start_once(command, env, titles)
        runs = [start_once(command, env, titles) for _ in range(args.runs)]
        usable = [run.usable_ms for run in runs]
        coach = [run.coach_ms for run in runs if run.coach_ms is not None]
        verdict = "under" if statistics.median(usable) < TARGET_MS else "OVER"
        print(f"Home screen usable (the card and {LISTED_ROWS}+ scenario rows drawn):")
        print(f"  {summary(usable)}  [{verdict} the {TARGET_MS:.0f} ms target]")
        if coach:
            print(f"coach's pick shown in the card ({len(coach)} of {len(runs)} runs):")
            print(f"  {summary(coach)}")
        statuses = sorted({str(run.exit_status) for run in runs})
        print(f"exit status after Ctrl+Q: {', '.join(statuses)} (None: did not end, killed)")
        imports = time_command([sys.executable, "-c", "import trainer.ui.app"], env, args.runs)
        print(f"for reference, python -c 'import trainer.ui.app':\n  {summary(imports)}")
        bare = time_command([sys.executable, "-c", "pass"], env, args.runs)
        print(f"and python -c pass (the interpreter alone):\n  {summary(bare)}")


if __name__ == "__main__":
    main()
