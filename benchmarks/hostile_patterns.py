"""What a shared scenario with catastrophic patterns costs a call, per reply.

Run: python benchmarks/hostile_patterns.py [PATTERNS] [REPLIES]

Builds a scenario with PATTERNS (default 50) cues whose patterns backtrack without end on a
reply they do not match (`(a|aa)+$`, each made distinct), and plays REPLIES (default 5) such
replies through a call twice: as the trainer does now (one time budget per reply across all
patterns; a pattern that runs out of its own limit is dropped for the call), and as it did
before (each pattern given its own limit on every search, none dropped). Prints wall and CPU
time per reply for both. Asserts nothing.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from trainer.call.dialogue import Call
from trainer.scenario.library import load_scenario_text
from trainer.scoring.patterns import PatternLimits

REPLY = "a" * 40 + "!"


class _NoBudget(PatternLimits):
    """The limits as they were: every pattern searched every time, each on its own limit."""

    def disable(self, pattern: str, label: str) -> None:
        """Never stop using a pattern."""


def scenario_text(patterns: int) -> str:
    """A one-node scenario whose cues all carry a catastrophic pattern."""
    cues = "".join(
        f"[[cues]]\nlabel = 'slow {n}'\ndimension = 'firmness'\nweight = 1\n"
        f"pattern = '(a|aa)+$(?#{n})'\n"
        for n in range(patterns)
    )
    return (
        "id = 'hostile'\ntitle = 'Hostile'\ncompany = 'Example Co'\ncategory = 'refund'\n"
        "difficulty = 1\nbrief = 'A charge.'\ngoal = 'A refund.'\nstart = 'open'\n"
        f"[agent]\nname = 'Sam'\n{cues}[nodes.open]\nsay = 'Hello?'\n"
        "[[nodes.open.branches]]\nwhen = { turn = '>= 99' }\ngoto = 'end'\n"
        "[[nodes.open.branches]]\ngoto = 'open'\n[nodes.end]\nsay = 'Bye.'\noutcome = 'win'\n"
    )


def per_reply(call: Call, replies: int) -> list[tuple[float, float]]:
    """Wall and CPU seconds of each reply sent to `call`."""
    times = []
    for _ in range(replies):
        wall, cpu = time.perf_counter(), time.process_time()
        call.reply(REPLY)
        times.append((time.perf_counter() - wall, time.process_time() - cpu))
    return times


def main() -> None:
    """Print the figures."""
    patterns = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    replies = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    loaded = load_scenario_text(scenario_text(patterns), Path("hostile.toml"))
    if loaded.scenario is None:
        raise SystemExit("\n".join(str(problem) for problem in loaded.problems))
    print(f"{patterns} catastrophic patterns, {replies} replies of {len(REPLY)} characters")
    for name, limits in (("now", PatternLimits()), ("before", _NoBudget(reply_seconds=1e9))):
        call = Call(loaded.scenario)
        call.pattern_limits = limits
        times = per_reply(call, replies)
        shown = ", ".join(f"{wall:.3f} s wall / {cpu:.3f} s CPU" for wall, cpu in times)
        print(f"  {name:6}: {shown}")
        print(f"          total {sum(w for w, _ in times):.2f} s wall")


if __name__ == "__main__":
    main()
