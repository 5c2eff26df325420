"""How long the editor's check takes, and whether typing waits for it.

Run: python benchmarks/editor_check.py [KEYS]

1. Times `check_draft` (parse, validate, play the self-tests, the --strict warnings, the node
   map) on every shipped scenario, 10 runs each: median and worst per file.
2. Opens the largest shipped scenario in the editor of a headless app (120x40) and types KEYS
   characters (default 300), pausing now and then, so that the check (in a worker thread)
   runs again and again while typing goes on. Each keystroke's round is timed (the edit, the
   change handled and the screen drawn), beside the same wait with no keystroke (what the
   harness's wait costs by itself), and a ticker on the event loop measures how late the loop
   answers every 5 ms (a stall is what a person feels as lag). Then the same typing with the
   check switched off, to tell its cost from the text area's own. Asserts nothing.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

from trainer.authoring.editing import check_draft
from trainer.scenario.library import ScenarioFolder, default_folders, load_library
from trainer.ui.app import TrainerApp
from trainer.ui.context import TrainerContext
from trainer.ui.screens.editor import CHECK_DELAY, EditorScreen

TICK = 0.005
TYPING_GAP = 0.025


def time_checks() -> list[tuple[str, float, float, int]]:
    """(file, median ms, worst ms, lines) of check_draft on each shipped scenario."""
    rows = []
    for loaded in load_library(default_folders()[:1]).files:
        text = loaded.path.read_text(encoding="utf-8")
        runs = []
        for _ in range(10):
            started = time.perf_counter()
            check_draft(text, loaded.path)
            runs.append((time.perf_counter() - started) * 1000)
        rows.append((loaded.path.name, statistics.median(runs), max(runs), text.count("\n")))
    return rows


async def type_in_editor(
    path: Path, keys: int, checking: bool = True
) -> tuple[list[float], list[float], list[float], int]:
    """Keystroke rounds, idle rounds and event-loop lateness (ms), and how many checks were
    shown (with `checking` False, the check never runs: the cost of typing alone)."""
    library = load_library([ScenarioFolder(path.parent, "command line")])
    app = TrainerApp(TrainerContext(library=library, scores_folder=None))
    rounds: list[float] = []
    idle: list[float] = []
    lateness: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        scenario = next(s for s in library.scenarios.values() if s.id == path.stem)
        app.edit_scenario(scenario)
        await pilot.pause(CHECK_DELAY + 0.2)
        await app.workers.wait_for_complete()
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        editor.source.move_cursor((editor.source.document.line_count // 2, 0))
        if not checking:
            editor._check_now = lambda: None  # type: ignore[method-assign]
        shown = 0
        last_check = editor.check

        async def ticker() -> None:
            while True:
                started = time.perf_counter()
                await asyncio.sleep(TICK)
                lateness.append((time.perf_counter() - started - TICK) * 1000)

        ticking = asyncio.create_task(ticker())
        for index in range(keys):
            started = time.perf_counter()
            if index % 2 == 0:
                editor.source.insert("x")
            else:
                editor.source.action_delete_left()
            await pilot.pause()  # the edit handled and the screen drawn
            rounds.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            await pilot.pause()
            idle.append((time.perf_counter() - started) * 1000)
            if editor.check is not last_check:
                shown, last_check = shown + 1, editor.check
            # Pause now and then, as people do, so that a check starts mid-typing.
            await asyncio.sleep(CHECK_DELAY + 0.05 if index % 20 == 19 else TYPING_GAP)
        ticking.cancel()
    return rounds, idle, lateness, shown


def percentile(values: list[float], fraction: float) -> float:
    """The value below which `fraction` of `values` lie."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> int:
    """Print the check's cost per file, then typing figures while checks run."""
    keys = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    rows = time_checks()
    print("check_draft on each shipped scenario (10 runs):")
    for name, median, worst, lines in rows:
        print(f"  {name:<32} {lines:>4} lines  median {median:6.1f} ms  worst {worst:6.1f} ms")
    largest = max(
        load_library(default_folders()[:1]).files, key=lambda f: f.path.stat().st_size
    ).path
    for checking in (True, False):
        rounds, idle, lateness, shown = asyncio.run(type_in_editor(largest, keys, checking))
        with_checks = "checks running meanwhile" if checking else "the check switched off"
        print(f"\ntyping {keys} keys into {largest.name} in the editor, {with_checks}:")
        print(f"  checks shown while typing: {shown}")
        print(
            f"  keystroke round (edit, handle, draw): median {statistics.median(rounds):.1f} ms, "
            f"p99 {percentile(rounds, 0.99):.1f} ms, worst {max(rounds):.1f} ms; the same wait "
            f"with no keystroke: median {statistics.median(idle):.1f} ms"
        )
        print(
            f"  event-loop lateness every {TICK * 1000:.0f} ms: median "
            f"{statistics.median(lateness):.1f} ms, p99 {percentile(lateness, 0.99):.1f} ms, "
            f"worst {max(lateness):.1f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
