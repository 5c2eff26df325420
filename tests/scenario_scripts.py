"""Scripted callers that every shipped scenario is tested against.

- `model_replies`: the scenario's own model reply at each node, from the start; must win.
- `RUDE`: insults, swearing and shouting; must end in a loss.
- `VAGUE`: polite but hedging, apologetic and vague, giving in; must not win.
The rude and vague scripts repeat until the call ends (the turn limit ends it at the latest).
"""

from __future__ import annotations

from trainer.call.dialogue import Call, CallResult
from trainer.scenario.model import Scenario

RUDE = (
    "This is ridiculous. You people are useless idiots and I want my money back NOW!!!",
    "Are you deaf? Just do your f***ing job.",
    "Unbelievable. Put me through to someone who isn't a clown, you incompetent muppet.",
)
VAGUE = (
    "Hi, sorry to bother you. I was just wondering if maybe something could be done? "
    "No worries if not.",
    "Oh, okay. I guess that's fine then, I don't want to be a pain.",
    "Sorry, um, is there anything at all? If not it's fine, I understand.",
)


def play_script(scenario: Scenario, script: tuple[str, ...], seed: int = 0) -> CallResult:
    """Play `script` over and over until the call ends."""
    call = Call(scenario, seed)
    index = 0
    while not call.finished:
        call.reply(script[index % len(script)])
        index += 1
    return call.result()


def play_model_replies(scenario: Scenario, seed: int = 0) -> CallResult:
    """Answer every node with its own model reply until the call ends."""
    call = Call(scenario, seed)
    while not call.finished:
        model = scenario.nodes[call.node].model_reply
        if model is None:
            raise AssertionError(f"{scenario.id}: node {call.node!r} has no model_reply")
        call.reply(model)
    return call.result()
