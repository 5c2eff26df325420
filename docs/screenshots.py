"""Regenerate the README's screenshots: `python docs/screenshots.py` (needs rsvg-convert).

Plays a few weeks of calls into a temporary score history, then saves the debrief of one more
call and the progress screen, and the editor on the guide's worked example with a mistake in
it, as SVG and, with rsvg-convert, as PNG in docs/.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.scenario_scripts import VAGUE, play_model_replies, play_script  # noqa: E402
from trainer.history.database import DATABASE_NAME  # noqa: E402
from trainer.history.store import Store  # noqa: E402
from trainer.scenario.library import ScenarioFolder, default_folders, load_library  # noqa: E402
from trainer.support.settings import Settings  # noqa: E402
from trainer.ui.app import TrainerApp  # noqa: E402
from trainer.ui.context import TrainerContext  # noqa: E402
from trainer.ui.screens.editor import CHECK_DELAY, EditorScreen  # noqa: E402
from trainer.ui.widgets.reply_box import ReplyBox  # noqa: E402

TODAY = datetime.now(UTC).date()  # the call played for the debrief is saved today
SIZE = (120, 40)
PLAN = [
    (20, "moving-fee", VAGUE),
    (18, "seats-apart", VAGUE),
    (15, "moving-fee", None),
    (12, "refund-after-cancelling", VAGUE),
    (9, "seats-apart", None),
    (6, "warranty-part", VAGUE),
    (4, "refund-after-cancelling", None),
    (2, "warranty-part", None),
    (1, "ticket-by-mail-fee", VAGUE),
    (0, "retention-bill", None),
]
"""(days ago, scenario, script): None plays the model replies."""
REPLIES = (
    "Hi Dana, thanks for taking my call. I'm on SK212 on 3 May with my 3-year-old daughter, "
    "booking QX7PLM. We've been put in 14C and 27F and I need us seated together.",
    "I understand the flight is full. What would you do if it were your child?",
    "Okay, I guess the gate is fine then.",
)


def seed(folder: Path) -> None:
    """A few weeks of real calls, moved to their days."""
    library = load_library(default_folders())
    with Store(folder) as store:
        for days_ago, scenario_id, script in PLAN:
            scenario = library.scenarios[scenario_id]
            result = (
                play_model_replies(scenario) if script is None else play_script(scenario, script)
            )
            session = store.start_session(scenario, "hash", 0, "coach")
            for turn in result.turns:
                store.add_turn(session, turn)
            store.finish_session(session, result)
            day = TODAY - timedelta(days=days_ago)
            with sqlite3.connect(folder / DATABASE_NAME) as raw:
                raw.execute(
                    "UPDATE sessions SET day = ?, started_at = ?, ended_at = ? WHERE id = ?",
                    (day.isoformat(), f"{day}T18:00:00Z", f"{day}T18:09:00Z", session),
                )
            raw.close()


async def shoot(folder: Path, out: Path) -> list[Path]:
    """Play one call through the screens; save the debrief and the progress screen."""
    context = TrainerContext(
        library=load_library(default_folders()),
        scores_folder=folder,
        settings=Settings(pace=0),
        today=lambda: TODAY,
        seed=0,
    )
    app = TrainerApp(context, start_scenario="seats-apart")
    saved: list[Path] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        for reply in REPLIES:
            if app.screen.query("#ended.shown"):
                break
            app.screen.query_one(ReplyBox).text = reply
            await pilot.press("enter")
        await pilot.press("enter" if app.screen.query("#ended.shown") else "escape")
        if type(app.screen).__name__ == "ConfirmHangUp":
            await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        saved.append(Path(app.save_screenshot("debrief.svg", path=str(out))))
        await pilot.press("f2")
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        saved.append(Path(app.save_screenshot("progress.svg", path=str(out))))
    return saved


async def shoot_editor(out: Path) -> Path:
    """Open the guide's worked example in the editor, misspell a goto, and save the screen."""
    example = Path("docs/examples")  # shown relative to the checkout
    context = TrainerContext(
        library=load_library([ScenarioFolder(example, "command line")]), scores_folder=None
    )
    app = TrainerApp(context)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+e")
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        text = editor.source.text
        row = text[: text.index('goto = "supervisor"')].count("\n")
        editor.source.replace('goto = "supervisr"', (row, 0), (row, len('goto = "supervisor"')))
        editor.source.move_cursor((row, 0), center=True)
        await pilot.pause(CHECK_DELAY + 0.1)
        await app.workers.wait_for_complete()
        await pilot.pause()
        editor.source.cursor_blink = False
        await pilot.pause()
        return Path(app.save_screenshot("editor.svg", path=str(out)))


def keep_spaces(svg: str) -> str:
    """The SVG with its spaces kept: rsvg-convert drops a no-break space that starts a run of
    styled text ("Hi" + " Dana" drawn as "HiDana"); plain spaces under xml:space="preserve"
    are drawn as they are."""
    svg = svg.replace(
        '<svg class="rich-terminal"', '<svg xml:space="preserve" class="rich-terminal"'
    )
    return svg.replace("&#160;", " ")


def main() -> int:
    """Write docs/debrief.png, docs/progress.png and docs/editor.png."""
    converter = shutil.which("rsvg-convert")
    if converter is None:
        print("rsvg-convert is missing (Debian: apt install librsvg2-bin)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as scores, tempfile.TemporaryDirectory() as shots:
        seed(Path(scores))
        os.chdir(ROOT)
        shots_taken = asyncio.run(shoot(Path(scores), Path(shots)))
        shots_taken.append(asyncio.run(shoot_editor(Path(shots))))
        for svg in shots_taken:
            png = ROOT / "docs" / svg.with_suffix(".png").name
            svg.write_text(keep_spaces(svg.read_text(encoding="utf-8")), encoding="utf-8")
            subprocess.run([converter, str(svg), "-o", str(png)], check=True)
            print(png.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
