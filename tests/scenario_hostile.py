"""A scenario a hostile author could share: many patterns that backtrack for ever on a reply
they do not match, in a call that lasts several replies."""

from __future__ import annotations

from pathlib import Path

SLOW_PATTERN = "(a|aa)+$"
SLOW_REPLY = "a" * 40 + "!"
"""A reply on which SLOW_PATTERN would search for years without a time limit."""


def write_hostile_scenario(folder: Path, patterns: int = 50, pattern: str = SLOW_PATTERN) -> Path:
    """Write `hostile.toml` to `folder` with `patterns` cues of `pattern`; its call stays at
    its first node until the fifth reply."""
    folder.mkdir(parents=True, exist_ok=True)
    cues = "".join(
        f'[[cues]]\nlabel = "slow {n}"\ndimension = "politeness"\nweight = 1\n'
        f"pattern = '{pattern}(?#{n})'\n\n"
        for n in range(patterns)
    )
    text = (
        'id = "hostile"\ntitle = "Hostile"\ncompany = "Example Co"\ncategory = "refund"\n'
        'difficulty = 1\nbrief = "A charge you did not expect."\ngoal = "A refund."\n'
        'start = "opening"\n\n[agent]\nname = "Sam"\n\n' + cues + "[nodes.opening]\n"
        'say = "How can I help?"\n\n[[nodes.opening.branches]]\nwhen = { turn = ">= 5" }\n'
        'goto = "won"\n\n[[nodes.opening.branches]]\ngoto = "opening"\n\n'
        '[nodes.won]\nsay = "Refunded."\noutcome = "win"\n'
    )
    path = folder / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    return path
