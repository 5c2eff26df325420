"""Text from scenario files and replies never reaches the terminal as an instruction: control
characters are refused in scenario files and shown as escapes (`\\x1b`) wherever text is
printed; odd files named *.toml are reported, never opened."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import SCENARIO_FIXTURES
from tests.functional.commands import assert_no_traceback, run, trainer_command
from trainer.history.database import DATABASE_NAME
from trainer.support import paths

ENGINE = SCENARIO_FIXTURES / "engine"
CLIPBOARD = "\\u001b]52;c;aGVsbG8=\\u0007"
"""A TOML escape that, decoded and written to a terminal, sets its clipboard."""
RAW_CONTROLS = ("\x1b", "\x07", "\x00", "\x9b", "\u202e")
WINDOW_TITLE = "\x1b]0;x\x07"
"""Written to a terminal, this sets its window title."""


def assert_no_raw_controls(text: str) -> None:
    """Nothing in `text` is a character a terminal could act on."""
    for character in RAW_CONTROLS:
        assert character not in text, f"raw {character!r} in output"


def write_scenario(folder: Path, minimal_toml: str, old: str, new: str) -> Path:
    """The minimal scenario with `old` replaced by `new`, written into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "hostile.toml"
    assert old in minimal_toml
    path.write_text(minimal_toml.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "line", "key"),
    [
        ('title = "Minimal"', f'title = "Min{CLIPBOARD}imal"', 2, "title"),
        ('company = "Example Co"', 'company = "Ex\\u001b]0;owned\\u0007"', 3, "company"),
        ('goal = "A refund."', 'goal = "A refund.\\u009b2J"', 7, "goal"),
        ('brief = "A charge', 'brief = "A \\u202echarge', 6, "brief"),
        ('say = "How can I help?"', 'say = "How \\u001b[2J can I help?"', 14, "nodes.opening.say"),
    ],
)
def test_validate_refuses_a_control_character_in_scenario_text(
    tmp_path: Path, minimal_toml: str, old: str, new: str, line: int, key: str
) -> None:
    path = write_scenario(tmp_path / "scenarios", minimal_toml, old, new)
    result = run("validate", path)
    assert result.returncode == 1
    assert_no_traceback(result)
    assert_no_raw_controls(result.stdout + result.stderr)
    assert f"hostile.toml:{line}: {key}: contains a control character" in result.stdout
    assert "1 with problems" in result.stdout


def test_a_cue_label_with_a_control_character_is_refused_at_its_line(
    tmp_path: Path, minimal_toml: str
) -> None:
    cue = '[[cues]]\nlabel = "polite\\u001b[2J"\ndimension = "politeness"\nweight = 5\n'
    cue += 'phrases = ["please"]\n\n[nodes.opening]'
    path = write_scenario(tmp_path / "s", minimal_toml, "[nodes.opening]", cue)
    result = run("validate", path)
    assert result.returncode == 1
    assert_no_raw_controls(result.stdout)
    assert "hostile.toml:14: cues[0].label: contains a control character (\\x1b" in result.stdout


def test_validate_shows_a_hostile_key_name_visibly(tmp_path: Path, minimal_toml: str) -> None:
    path = write_scenario(
        tmp_path / "s", minimal_toml, 'goal = "A refund."', 'goal = "A refund."\n"x\\u001b[2J" = 1'
    )
    result = run("validate", path)
    assert result.returncode == 1
    assert_no_raw_controls(result.stdout)
    assert "\\x1b[2J" in result.stdout


def test_the_listing_and_validate_never_show_a_hostile_title(
    tmp_path: Path, minimal_toml: str
) -> None:
    folder = tmp_path / "scenarios"
    write_scenario(folder, minimal_toml, 'title = "Minimal"', f'title = "Min{CLIPBOARD}imal"')
    listing = run("--scenarios", folder)
    assert_no_traceback(listing)
    assert_no_raw_controls(listing.stdout)
    assert "1 scenario file could not be loaded" in listing.stdout
    checked = run("validate", "--scenarios", folder)
    assert_no_raw_controls(checked.stdout)


def test_the_listing_says_the_screens_open_in_a_terminal() -> None:
    listing = run()
    assert "not built yet" not in listing.stdout
    assert "in a terminal, `trainer` opens the practice screens" in listing.stdout
    assert "trainer play ID" in listing.stdout


HOSTILE_REPLY = "Please\x1b]52;c;aGVsbG8=\x07 fix \x9b2J my \u202ebooking now"


def test_play_shows_control_characters_in_a_reply_without_sending_them(tmp_path: Path) -> None:
    replies = tmp_path / "replies.txt"
    replies.write_text(HOSTILE_REPLY + "\n", encoding="utf-8")
    result = run("play", "every-condition", "--scenarios", ENGINE, "--replies", replies)
    assert_no_traceback(result)
    assert_no_raw_controls(result.stdout)
    assert "You: Please\\x1b]52;c;aGVsbG8=\\x07 fix \\x9b2J my \\u202ebooking" in result.stdout


def test_json_output_escapes_c1_and_bidi_controls(tmp_path: Path) -> None:
    replies = tmp_path / "replies.txt"
    replies.write_text(HOSTILE_REPLY + "\n", encoding="utf-8")
    played = run("play", "every-condition", "--scenarios", ENGINE, "--replies", replies, "--json")
    assert played.returncode == 0, played.stderr
    assert_no_raw_controls(played.stdout)
    assert "\\u009b" in played.stdout
    assert json.loads(played.stdout)["turns"][0]["reply"] == HOSTILE_REPLY
    scored = run("score", HOSTILE_REPLY, "--json")
    assert_no_raw_controls(scored.stdout)
    assert json.loads(scored.stdout)["text"] == HOSTILE_REPLY
    exported = run("export", "--format", "json")
    assert exported.returncode == 0, exported.stderr
    assert_no_raw_controls(exported.stdout)
    assert json.loads(exported.stdout)["sessions"][0]["turns"][0]["reply"] == HOSTILE_REPLY


def test_score_breakdown_shows_control_characters_in_the_reply(tmp_path: Path) -> None:
    result = run("score", HOSTILE_REPLY, "--scenario", "every-condition", "--scenarios", ENGINE)
    assert result.returncode == 0, result.stderr
    assert_no_raw_controls(result.stdout)
    assert "\\x1b]52" in result.stdout


def run_briefly(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run `trainer`, failing the test if it does not finish within a few seconds."""
    started = time.monotonic()
    try:
        result = subprocess.run(
            [*trainer_command(), *map(str, args)],
            capture_output=True,
            text=True,
            env=os.environ.copy(),
            timeout=20,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"trainer {' '.join(map(str, args))} blocked")
    assert time.monotonic() - started < 20
    return result


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_named_toml_is_reported_and_never_opened(tmp_path: Path, minimal_toml: str) -> None:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "good.toml").write_text(minimal_toml, encoding="utf-8")
    os.mkfifo(folder / "pipe.toml")
    checked = run_briefly("validate", folder)
    assert checked.returncode == 1
    assert "pipe.toml:1: (file): not a regular file" in checked.stdout
    assert "checked 1 file: 1 valid" in checked.stdout
    direct = run_briefly("validate", folder / "pipe.toml")
    assert "pipe.toml:1: (file): not a regular file" in direct.stdout
    listing = run_briefly("--scenarios", folder)
    assert "minimal" in listing.stdout
    assert "pipe.toml" in listing.stdout


def test_links_that_lead_nowhere_are_reported(tmp_path: Path, minimal_toml: str) -> None:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (tmp_path / "real.toml").write_text(minimal_toml, encoding="utf-8")
    (folder / "linked.toml").symlink_to(tmp_path / "real.toml")
    (folder / "dangling.toml").symlink_to(tmp_path / "gone.toml")
    (folder / "loop.toml").symlink_to(folder / "loop.toml")
    (folder / "device.toml").symlink_to("/dev/null")
    checked = run_briefly("validate", folder)
    for name in ("dangling", "loop", "device"):
        assert f"{name}.toml:1: (file): not a regular file" in checked.stdout
    assert "checked 1 file: 1 valid" in checked.stdout  # the link to a real file loads


def test_text_stored_in_the_history_is_printed_escaped(tmp_path: Path) -> None:
    replies = tmp_path / "replies.txt"
    replies.write_text("Hi, I was quoted no fee, so why $89.99?\n", encoding="utf-8")
    for _ in range(2):
        played = run("play", "moving-fee", "--replies", replies)
        assert played.returncode == 0, played.stderr
    # A history copied from elsewhere, or edited by hand, may hold anything.
    with sqlite3.connect(paths.scores_dir() / DATABASE_NAME) as raw:
        raw.execute("UPDATE sessions SET scenario_title = ?", (f"Fee{WINDOW_TITLE}",))
        raw.execute(
            "UPDATE sessions SET scenario_id = ?, outcome = ? WHERE id = 2",
            (f"gone{WINDOW_TITLE}", f"loss{WINDOW_TITLE}"),
        )
    raw.close()

    shown = run("history")

    assert shown.returncode == 0, shown.stderr
    assert_no_traceback(shown)
    assert_no_raw_controls(shown.stdout)
    rows = shown.stdout.splitlines()[1:3]
    assert rows[0].split()[2:4] == ["moving-fee", "hung_up"]
    assert rows[1].split()[2:4] == ["gone\\x1b]0;x\\x07", "loss\\x1b]0;x\\x07"]
