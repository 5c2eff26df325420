"""The history holds real practice: a call with no reply is not a session, and a call whose
trainer was killed ends, in the history, when its last reply was saved."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

from tests.functional.commands import assert_no_traceback, run, trainer_command


def sessions(scores: Path) -> list[dict[str, Any]]:
    """The calls `trainer history --json` lists for the scores folder."""
    shown = run("history", "--json", "--scores-dir", scores)
    assert shown.returncode == 0, shown.stderr
    found: list[dict[str, Any]] = json.loads(shown.stdout)["sessions"]
    return found


def test_a_call_given_no_reply_is_not_saved(tmp_path: Path) -> None:
    scores = tmp_path / "scores"
    for replies in ("/dev/null", tmp_path / "hang-up.txt"):
        (tmp_path / "hang-up.txt").write_text("/hangup\nThis is never sent.\n")
        played = run("play", "seats-apart", "--replies", replies, "--scores-dir", scores)
        assert played.returncode == 0, played.stderr
        assert_no_traceback(played)
        assert "Outcome: hung up" in played.stdout
    assert sessions(scores) == []
    # A call with a reply is saved as always.
    (tmp_path / "one.txt").write_text("Hello, could you help me sit with my son?\n")
    run("play", "seats-apart", "--replies", tmp_path / "one.txt", "--scores-dir", scores)
    assert [call["outcome"] for call in sessions(scores)] == ["hung_up"]


def _killed_mid_call(scores: Path, replies: list[str]) -> str:
    """Play `replies` through `play --replies -`, then kill the trainer with SIGKILL; the
    time of the kill, as the history stores times."""
    process = subprocess.Popen(
        [*trainer_command(), "play", "seats-apart", "--replies", "-", "--scores-dir", str(scores)],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=os.environ.copy(),
    )
    assert process.stdin is not None
    for reply in replies:
        process.stdin.write(reply.encode() + b"\n")
        process.stdin.flush()
    deadline = time.monotonic() + 30
    while not _saved(scores, len(replies)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _saved(scores, len(replies)), "the call and every reply were saved before the kill"
    time.sleep(2.1)  # the kill comes well after the last save, in another second
    killed = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    process.send_signal(signal.SIGKILL)
    process.wait()
    return killed


def _saved(scores: Path, replies: int) -> bool:
    """Whether the history holds a call in progress with `replies` turns."""
    exported = run("export", "--format", "json", "--scores-dir", scores)
    if exported.returncode != 0:
        return False
    calls = json.loads(exported.stdout)["sessions"]
    return len(calls) == 1 and calls[0]["outcome"] is None and len(calls[0]["turns"]) == replies


def test_a_killed_call_ends_at_its_last_saved_reply(tmp_path: Path) -> None:
    scores = tmp_path / "scores"
    killed = _killed_mid_call(scores, ["Thank you so much, I appreciate your help."])
    time.sleep(1.1)  # the history notices the dead call later still
    [call] = sessions(scores)
    assert call["outcome"] == "abandoned"
    # The reply was saved two seconds before the kill: the call ended then.
    assert call["started_at"] <= call["ended_at"] < killed


def test_a_call_killed_before_its_first_reply_leaves_nothing(tmp_path: Path) -> None:
    scores = tmp_path / "scores"
    _killed_mid_call(scores, [])
    assert sessions(scores) == []
