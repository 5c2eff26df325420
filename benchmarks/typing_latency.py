"""How long the live meters take to follow a keystroke on the call screen.

Run: python benchmarks/typing_latency.py [REPLIES]

Opens a call in coach mode in a headless app (80x24), then types REPLIES (default 5) model
replies of the shipped scenarios one character at a time. For each character it times the
whole round: the character goes into the reply box, the box reports the change, the reply so
far is scored, the four meters are updated, and the screen is drawn. Also times the same
round with no keystroke (what waiting for the screen costs by itself) and the trainer's own
part alone (scoring the reply so far and updating the meters). Prints median, p99 and worst.
Asserts nothing.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from trainer.scenario.library import default_folders, load_library
from trainer.support.settings import Settings
from trainer.ui.app import TrainerApp
from trainer.ui.context import TrainerContext
from trainer.ui.screens.call import CallScreen
from trainer.ui.widgets.meters import Meter, ScoreMeters
from trainer.ui.widgets.reply_box import ReplyBox


async def measure(replies: list[str], scores: Path) -> dict[str, list[float]]:
    """Seconds per keystroke: the whole round, an idle round, and the trainer's own part."""
    library = load_library(default_folders())
    context = TrainerContext(
        library=library,
        scores_folder=scores,
        settings=Settings(pace=0),
        today=lambda: date(2026, 11, 24),
        seed=0,
    )
    app = TrainerApp(context, start_scenario="moving-fee")
    timings: dict[str, list[float]] = {"round": [], "idle": [], "own": []}
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, CallScreen)
        box = screen.query_one(ReplyBox)
        meters = screen.query_one(ScoreMeters)
        for reply in replies:
            box.clear()
            await pilot.pause()
            for character in reply:
                started = time.perf_counter()
                box.insert(character)
                await pilot.pause()  # the change handled, meters updated, screen drawn
                timings["round"].append(time.perf_counter() - started)
                started = time.perf_counter()
                await pilot.pause()
                timings["idle"].append(time.perf_counter() - started)
                started = time.perf_counter()
                meters.show(screen.practice.call.preview(box.text))
                timings["own"].append(time.perf_counter() - started)
            assert meters.query(Meter).first().score is not None
    return timings


def main() -> int:
    """Print keystroke-to-meters figures."""
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    library = load_library(default_folders())
    replies = [
        node.model_reply
        for scenario in library.scenarios.values()
        for node in scenario.nodes.values()
        if node.model_reply
    ][:count]
    with tempfile.TemporaryDirectory() as scores:
        timings = asyncio.run(measure(replies, Path(scores)))
    longest = max(map(len, replies))
    print(f"{len(timings['round'])} keystrokes over {len(replies)} replies ({longest} chars max)")
    for key, what in (
        ("round", "keystroke to meters drawn"),
        ("idle", "the same wait with no keystroke"),
        ("own", "scoring the reply so far + updating the meters"),
    ):
        ms = sorted(t * 1000 for t in timings[key])
        p99 = ms[min(len(ms) - 1, round(0.99 * (len(ms) - 1)))]
        print(
            f"{what}: median {statistics.median(ms):.2f} ms, "
            f"p99 {p99:.2f} ms, worst {ms[-1]:.2f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
