"""`trainer score` as a user and a script run it: a real process, stdin, JSON lines."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.functional.commands import assert_no_traceback, run, run_with_stdin, trainer_command

DIMENSIONS = {"politeness", "firmness", "evidence", "open_questions"}


def test_score_prints_bars_cues_and_a_tip() -> None:
    result = run("score", "Hi Dana, thanks. I need the $89.99 fee refunded. What can you do?")
    assert result.returncode == 0
    assert_no_traceback(result)
    out = result.stdout
    for name in ("politeness", "firmness", "evidence", "open questions", "overall"):
        assert name in out
    assert "thanks the agent" in out
    assert '"$89.99"' in out
    assert "cites an amount" in out
    assert "Tip (" in out


def test_score_explains_what_did_not_count() -> None:
    result = run("score", "I didn't say thank you")
    assert result.returncode == 0
    assert "did not count" in result.stdout
    assert "negated by 'didnt'" in result.stdout


def test_json_reads_one_reply_per_line_and_writes_one_object_per_line_in_order() -> None:
    long_line = ("please could you check the $45 charge " * 300)[
        :5_000
    ]  # the longest a reply may be
    lines = [
        "Thanks, I need a refund of $20.",
        "",
        long_line,
        "\u00bfPuedo hablar con un supervisor? \U0001f600 \u202e reversed \u0000 nul",
        "thanks for nothing",
    ]
    data = "\n".join(lines).encode("utf-8") + b"\n" + b"bad bytes \xff\xfe here\r\n"
    result = run_with_stdin(data, "score", "--json")
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    objects = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert [o["text"] for o in objects[:5]] == lines
    assert objects[5]["text"] == "bad bytes \ufffd\ufffd here"
    for obj in objects:
        assert set(obj) == {"text", "scores", "overall", "cues", "acts"}
        assert set(obj["scores"]) == DIMENSIONS
        assert all(0 <= v <= 100 for v in obj["scores"].values())
        for cue in obj["cues"]:
            assert set(cue) == {"dimension", "cue", "matched", "start", "end", "weight"}
            assert obj["text"][cue["start"] : cue["end"]] == cue["matched"]
    assert objects[1]["cues"] == []
    assert objects[4]["scores"]["politeness"] < 50


def test_json_for_one_text_argument() -> None:
    result = run("score", "--json", "Could you walk me through what options I have?")
    obj = json.loads(result.stdout)
    assert obj["scores"]["open_questions"] > 50


def test_scenario_cues_count_with_scenario_option() -> None:
    text = "My toddler and I were split up."
    plain = json.loads(run("score", "--json", text).stdout)
    seats = json.loads(run("score", "--json", "--scenario", "seats-apart", text).stdout)
    assert "says how young the child is" in {c["cue"] for c in seats["cues"]}
    assert seats["scores"]["evidence"] > plain["scores"]["evidence"]


def test_unknown_scenario_names_the_closest_ids() -> None:
    result = run("score", "--scenario", "seats-aprt", "hello")
    assert result.returncode == 1
    assert "seats-apart" in result.stderr
    assert_no_traceback(result)


def test_output_to_a_non_utf8_terminal_does_not_crash(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    command = trainer_command()
    reply = "Merci \u00e0 vous \U0001f600, I need the fee waived"
    for extra in ([], ["--json"]):
        result = subprocess.run(
            [*command, "score", *extra, reply], capture_output=True, env=env, timeout=60
        )
        assert result.returncode == 0, result.stderr
        assert b"Traceback" not in result.stderr
    as_json = subprocess.run(
        [*command, "score", "--json", reply], capture_output=True, env=env, timeout=60
    )
    assert json.loads(as_json.stdout)["text"] == reply


@pytest.mark.slow
def test_long_adversarial_lines_finish() -> None:
    """Lines built to make regular expressions backtrack still score (no hang)."""
    lines = [
        "account" + " " * 9990 + "1",
        "reference number" + " " * 4000 + ":" + " " * 4000 + "x1",
        "a" * 10_000,
        "1." * 5000,
        "!" * 10_000,
        "f" + "*" * 9999,
        "What " * 2000,
        "clause " + "1." * 4900,
        "$" + "1," * 4990,
        "THANKS " * 1400,
    ]
    data = ("\n".join(line[:5000] for line in lines) + "\n").encode()  # a reply's limit
    result = run_with_stdin(data, "score", "--json")  # the helper's timeout is 60 s
    assert result.returncode == 0
    assert len(result.stdout.decode().splitlines()) == len(lines)


def test_json_escapes_characters_that_break_lines() -> None:
    result = run_with_stdin("thanks\u2028what\u0085next\n".encode(), "score", "--json")
    lines = result.stdout.decode("utf-8").splitlines()
    assert len(lines) == 1
    assert json.loads(lines[0])["text"] == "thanks\u2028what\u0085next"


def test_score_says_what_the_reply_was_read_as() -> None:
    result = run("score", "No thank you, I don't want a voucher. Who can actually sort this out?")
    assert result.returncode == 0
    assert "Read as: refuses the offer \u00b7 asks for a supervisor" in result.stdout


def test_the_python_api_gives_the_object_the_command_prints() -> None:
    from trainer import score

    lines = [
        "No thanks, could I speak to a manager? I was charged $40 on 3 May.",
        "Oh marvellous, billed twice again. Thanks for nothing.",
    ]
    result = run_with_stdin(("\n".join(lines) + "\n").encode(), "score", "--json")
    printed = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert printed == [score(line) for line in lines]
    assert [act["act"] for act in printed[0]["acts"]] == ["refuse", "ask_supervisor"]


def test_the_python_api_adds_a_scenario_s_cues_and_names_an_unknown_one() -> None:
    from trainer import score

    text = "I've been with you since 2017 and the move is costing me a fortune."
    result = run_with_stdin((text + "\n").encode(), "score", "--json", "--scenario", "moving-fee")
    with_scenario = score(text, scenario="moving-fee")
    assert json.loads(result.stdout) == with_scenario
    assert len(with_scenario["cues"]) > len(score(text)["cues"])  # type: ignore[arg-type]
    with pytest.raises(LookupError, match="no-such-scenario"):
        score(text, scenario="no-such-scenario")
