"""Speed of the progress screen on a large score history: does it load, and does it freeze?

Builds (once per run, in a temp folder) a database of SESSIONS sessions (default 100,000, with
six turns each) spread over the two years up to 2026-11-24, with the generator of
`history_queries.py`. Then times:
- the worker's work on its own: `read_progress` (which opens the store) and `recommend`;
- in a headless app at 80x24, from pushing the progress screen (F2) to the screen shown, and
  to the history shown in it (charts and bests filled), RUNS times;
- meanwhile, the longest stall of the app's event loop (a ticker that asks to wake every
  5 ms): the time the interface could not answer a key. Loading runs in a thread worker, so
  this stays small however long the queries take.
Prints figures; asserts nothing.

Run: python benchmarks/progress_screen.py [SESSIONS] [RUNS]
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from history_queries import build

from trainer.history.access import History
from trainer.history.database import DATABASE_NAME
from trainer.progress.coach import recommend
from trainer.progress.summary import read_progress
from trainer.scenario.library import default_folders, load_library
from trainer.ui.app import TrainerApp
from trainer.ui.context import TrainerContext
from trainer.ui.screens.progress import ProgressScreen

TODAY = date(2026, 11, 24)
"""The last day of the generated history."""
TICK = 0.005


class Ticker:
    """Wakes every TICK seconds and keeps the longest wait beyond it: an event-loop stall."""

    def __init__(self) -> None:
        self.longest = 0.0
        self.running = True

    async def run(self) -> None:
        """Tick until stopped."""
        while self.running:
            started = time.perf_counter()
            await asyncio.sleep(TICK)
            self.longest = max(self.longest, time.perf_counter() - started - TICK)


async def time_screen(folder: Path, runs: int) -> tuple[list[float], list[float], list[float]]:
    """Push the progress screen `runs` times; milliseconds to shown, to loaded, longest stall."""
    library = load_library(default_folders())
    context = TrainerContext(library=library, scores_folder=folder, today=lambda: TODAY, seed=0)
    app = TrainerApp(context)
    shown, loaded, stalls = [], [], []
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()  # Home reads the history too
        await pilot.pause()
        for _ in range(runs):
            ticker = Ticker()
            ticking = asyncio.create_task(ticker.run())
            started = time.perf_counter()
            app.action_progress()
            while not isinstance(app.screen, ProgressScreen):
                await asyncio.sleep(0.001)
            screen = app.screen
            shown.append(time.perf_counter() - started)
            while screen.loaded is None:
                await asyncio.sleep(0.001)
            loaded.append(time.perf_counter() - started)
            ticker.running = False
            await ticking
            stalls.append(ticker.longest)
            await pilot.press("escape")
            await app.workers.wait_for_complete()
            await pilot.pause()
    return (
        [t * 1e3 for t in shown],
        [t * 1e3 for t in loaded],
        [t * 1e3 for t in stalls],
    )


def main() -> None:
    """Build the database and print the timings."""
    sessions = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    library = load_library(default_folders())
    scenarios = list(library.scenarios.values())
    ids = [s.id for s in scenarios]
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        started = time.perf_counter()
        build(folder, sessions, 6, ids)
        built = time.perf_counter() - started
        size = (folder / DATABASE_NAME).stat().st_size

        work = []
        for _ in range(runs):
            started = time.perf_counter()
            summary = read_progress(History(folder), ids, TODAY)
            recommend(scenarios, summary, TODAY)
            work.append((time.perf_counter() - started) * 1e3)

        shown, loaded, stalls = asyncio.run(time_screen(folder, runs))

    print(
        f"database: {sessions:,} sessions, {sessions * 6:,} turns, {size / 1e6:.0f} MB "
        f"(built in {built:.1f} s); {sum(p.calls for p in summary.by_day):,} finished calls "
        "in the last 30 days"
    )
    print(
        f"worker's work (read_progress + recommend): median {statistics.median(work):.0f} ms, "
        f"worst {max(work):.0f} ms"
    )
    print(
        f"F2 to the screen shown (loading): median {statistics.median(shown):.0f} ms, "
        f"worst {max(shown):.0f} ms"
    )
    print(
        f"F2 to the history shown: median {statistics.median(loaded):.0f} ms, "
        f"worst {max(loaded):.0f} ms   ({runs} runs, 80x24, headless)"
    )
    print(
        f"longest event-loop stall meanwhile: median {statistics.median(stalls):.0f} ms, "
        f"worst {max(stalls):.0f} ms   (the interface answers keys between stalls)"
    )


if __name__ == "__main__":
    main()
