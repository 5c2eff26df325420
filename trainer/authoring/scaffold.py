"""Helping authors write scenarios: a scaffold that validates as written."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

import tomli_w

from trainer.scenario.model import Scenario, is_valid_id
from trainer.support.problems import display_path


def title_from_id(scenario_id: str) -> str:
    """A readable title made from an id: "late-refund" -> "Late refund"."""
    return scenario_id.replace("-", " ").capitalize()


def scaffold_scenario(
    scenario_id: str, title: str | None = None, company: str | None = None
) -> Scenario:
    """A small, complete scenario that shows every kind of branch and every outcome."""
    data: dict[str, Any] = {
        "id": scenario_id,
        "title": title or title_from_id(scenario_id),
        "company": company or "Example Co",
        "category": "refund",
        "difficulty": 2,
        "brief": (
            "You were charged $49.00 on 3 March for an order you cancelled on 28 February "
            "(order number EX-4417). The website says refunds are not possible."
        ),
        "goal": "A full refund of the $49.00 to your card.",
        "tips": [
            "Give the order number, the amount and the date straight away.",
            "Ask what the agent can do, rather than whether they can do it.",
        ],
        "start": "opening",
        "agent": {"name": "Sam", "persona": "Friendly, follows the script closely."},
        "nodes": {
            "opening": {
                "say": ["Thanks for calling Example Co, this is Sam. How can I help?"],
                "weights": {"evidence": 2},
                "model_reply": (
                    "Hi Sam, thanks for taking my call. Order EX-4417 was cancelled on 28 "
                    "February, but I was charged $49.00 on 3 March. I need that refunded."
                ),
                "branches": [
                    {"when": {"politeness": "< 25"}, "goto": "cold"},
                    {
                        "when": {"all": [{"evidence": ">= 40"}, {"firmness": ">= 60"}]},
                        "goto": "offer",
                    },
                    {"goto": "refusal"},
                ],
            },
            "refusal": {
                "say": [
                    "I'm sorry, our policy doesn't allow refunds once an order is processed.",
                    "I can see the charge, but refunds aren't something I can do.",
                ],
                "cues": [
                    {
                        "label": "says the order was cancelled before the charge",
                        "dimension": "evidence",
                        "weight": 15,
                        "phrases": ["cancelled before", "cancelled in time", "before the charge"],
                    }
                ],
                "model_reply": (
                    "I understand it's the policy. What options do I have, given I cancelled "
                    "before the charge? If you can't do it, I'd like to speak to a supervisor."
                ),
                "branches": [
                    {
                        "when": {
                            "any": [
                                {"mentions": ["supervisor", "manager"]},
                                {"open_questions": ">= 50"},
                            ]
                        },
                        "goto": "offer",
                    },
                    {"when": {"turn": ">= 5"}, "goto": "gave_up"},
                    {"goto": "refusal"},
                ],
            },
            "offer": {
                "say": ["Let me see... I can offer you a $25 credit on your next order."],
                "model_reply": (
                    "Thank you, but a credit doesn't work for me: I cancelled in time, so I need "
                    "a full refund of the $49.00 to my card. Can you confirm that in writing?"
                ),
                "branches": [
                    {
                        "when": {"mentions": ["full refund", "full amount"], "firmness": ">= 60"},
                        "goto": "refunded",
                    },
                    {"when": {"not": {"politeness": ">= 40"}}, "goto": "cold"},
                    {"goto": "credit"},
                ],
            },
            "refunded": {
                "say": ["You're right, I've refunded the full $49.00. Your reference is RF-2291."],
                "outcome": "win",
            },
            "credit": {
                "say": ["Okay, I've added the $25 credit to your account."],
                "outcome": "partial",
            },
            "gave_up": {
                "say": ["I'm afraid there's nothing more I can do. Thanks for calling."],
                "outcome": "loss",
            },
            "cold": {
                "say": ["I'm not able to help you further. Goodbye."],
                "outcome": "loss",
            },
        },
        # Self-tests: `trainer validate` plays these calls; keep them passing as you edit.
        "tests": [
            {
                "name": "model replies win",
                "replies": [
                    "Hi Sam, thanks for taking my call. Order EX-4417 was cancelled on 28 "
                    "February, but I was charged $49.00 on 3 March. I need that refunded.",
                    "Thank you, but a credit doesn't work for me: I cancelled in time, so I need "
                    "a full refund of the $49.00 to my card. Can you confirm that in writing?",
                ],
                "outcome": "win",
                "path": ["opening", "offer", "refunded"],
            },
            {
                "name": "takes the credit",
                "replies": [
                    "Hi Sam, thanks for taking my call. Order EX-4417 was cancelled on 28 "
                    "February, but I was charged $49.00 on 3 March. I need that refunded.",
                    "Okay, thank you, the credit is fine.",
                ],
                "outcome": "partial",
                "path": ["opening", "offer", "credit"],
            },
            {
                "name": "loses their temper",
                "replies": ["This is a joke, you useless idiots!!!"],
                "outcome": "loss",
                "path": ["opening", "cold"],
            },
        ],
    }
    return Scenario.model_validate(data)


def scenario_toml(scenario: Scenario) -> str:
    """The scenario as TOML text, written by tomli-w."""
    data = scenario.model_dump(mode="json", by_alias=True, exclude_none=True, exclude_defaults=True)
    return tomli_w.dumps(data, multiline_strings=False)


class ScaffoldExistsError(FileExistsError):
    """Raised when writing a scaffold would overwrite a file."""


def write_scaffold(
    folder: Path, scenario_id: str, title: str | None = None, company: str | None = None
) -> Path:
    """Write a new scaffold as `<folder>/<id>.toml`, never overwriting; returns the path."""
    if not is_valid_id(scenario_id):
        raise ValueError(f"{scenario_id!r} is not a valid id")
    target = folder / f"{scenario_id}.toml"
    text = scenario_toml(scaffold_scenario(scenario_id, title, company))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise ScaffoldExistsError(target) from None
    return target


INVALID_ID = (
    'is not a valid id: up to 64 lower-case letters, digits and hyphens, like "late-refund"'
)


def invalid_id(scenario_id: str) -> str:
    """Why `scenario_id` cannot be an id (call only when it cannot)."""
    return f'"{scenario_id}" {INVALID_ID}'


def id_in_library(scenario_id: str, taken: Mapping[str, Path]) -> str:
    """Why a new scenario cannot take an id the library has (call only when it has it)."""
    return (
        f'the library already has a scenario "{scenario_id}" '
        f"({display_path(taken[scenario_id])}); choose another id"
    )


def new_id_problem(scenario_id: str, folder: Path, taken: Mapping[str, Path]) -> str | None:
    """Why a new scenario in `folder` cannot have this id, if it cannot. A draft of that id
    is no obstacle: it is the new scenario, unfinished."""
    if not is_valid_id(scenario_id):
        return invalid_id(scenario_id)
    if scenario_id in taken:
        return id_in_library(scenario_id, taken)
    if (folder / f"{scenario_id}.toml").exists():
        return f"{display_path(folder / f'{scenario_id}.toml')} already exists; choose another id"
    return None


def free_scenario_id(folder: Path, base: str = "my-scenario", taken: Collection[str] = ()) -> str:
    """`base`, or `base-2`, `base-3`...: the first that is not `taken` and has no file or
    draft yet."""
    candidate, number = base, 1
    while (
        candidate in taken
        or (folder / f"{candidate}.toml").exists()
        or (folder / f"{candidate}.toml.draft").exists()
    ):
        number += 1
        candidate = f"{base}-{number}"
    return candidate
