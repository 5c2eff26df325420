"""Machine instructions the scorer spends per reply and per keystroke, counted by valgrind.

Run: python benchmarks/scoring_instructions.py [REPLIES]

Timings on a shared machine move by a third or more from one hour to the next (CPU stolen by
other tenants). An instruction count does not: it says whether a change made the scorer
cheaper, by how much, whatever the machine's load. Each figure is the count of a process that
builds the default scorer and then scores, minus the count of one that only builds it:
REPLIES (default 300) of `scoring_speed.py`'s replies each read afresh, and a 100-word reply
typed key by key. Needs `valgrind` (Debian: `apt install valgrind`); it takes about a
minute. Prints figures; asserts nothing.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

_RUN = """
import sys
sys.path.insert(0, {bench!r})
from scoring_speed import keystrokes, make_replies
from trainer.scoring.scorer import Scorer, default_rubric
scorer = Scorer(default_rubric())
if {what!r} == "replies":
    for reply in make_replies({count}, seed=7):
        scorer.forget_sentences()
        scorer.score(reply)
elif {what!r} == "keys":
    keystrokes(scorer, 100)
"""
_COUNT = re.compile(r"I\s+refs:\s+([\d,]+)")


def instructions(what: str, count: int) -> int:
    """Instructions executed by a fresh process doing `what` ("build", "replies", "keys")."""
    bench = str(Path(__file__).resolve().parent)
    code = _RUN.format(bench=bench, what=what, count=count)
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    done = subprocess.run(
        [*command, sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    found = _COUNT.search(done.stderr)
    if found is None:
        raise SystemExit(f"valgrind printed no instruction count:\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main() -> None:
    """Print instructions per reply and per keystroke."""
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt install valgrind)")
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    build = instructions("build", 0)
    replies = instructions("replies", count)
    keys = instructions("keys", 0)
    print(f"building the default scorer: {build / 1e6:,.0f} million instructions")
    print(f"a reply read afresh ({count} replies): {(replies - build) / count / 1e6:.2f} million")
    print(f"a keystroke, 100-word reply (556 keys): {(keys - build) / 556 / 1e6:.2f} million")


if __name__ == "__main__":
    main()
