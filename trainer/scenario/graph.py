"""Checks of a scenario's dialogue graph: every goto names a node, every node is reached
from the start, a default branch comes last, and some ending can be reached."""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from typing import Any

from trainer.support.problems import Loc, quote
from trainer.support.suggest import closest


def graph_problems(raw: Mapping[str, Any]) -> list[tuple[Loc, str]]:
    """Problems with the dialogue graph of a parsed (not necessarily valid) scenario.

    Works on the raw TOML data so that it can report alongside schema errors; parts that
    are malformed are skipped here, because the schema reports them.
    """
    nodes = raw.get("nodes")
    if not isinstance(nodes, Mapping):
        return []
    problems: list[tuple[Loc, str]] = []
    names = list(nodes)
    edges: dict[str, list[str]] = {name: [] for name in names}
    terminal: set[str] = set()
    every_goto_resolves = True

    for name, node in nodes.items():
        if not isinstance(node, Mapping):
            continue
        branches = node.get("branches", [])
        branches = branches if isinstance(branches, list) else []
        if "outcome" in node:
            terminal.add(name)
            if branches:
                problems.append(
                    (
                        ("nodes", name, "branches"),
                        "an outcome node ends the call, so these branches are never taken; "
                        "remove them or the outcome",
                    )
                )
            continue
        if not branches:
            problems.append(
                (
                    ("nodes", name),
                    f"node {quote(name)} neither ends the call nor leads anywhere: give it "
                    "`outcome = ...` or [[nodes.NAME.branches]] ending in a default branch",
                )
            )
            continue
        defaults = [i for i, b in enumerate(branches) if isinstance(b, Mapping) and "when" not in b]
        if not defaults:
            problems.append(
                (
                    ("nodes", name, "branches"),
                    "no default branch: add a last branch without `when`, so that every "
                    "reply leads somewhere",
                )
            )
        elif defaults[0] != len(branches) - 1:
            problems.append(
                (
                    ("nodes", name, "branches", defaults[0] + 1),
                    f"this branch can never be taken: branches[{defaults[0]}] has no `when` "
                    "and catches every reply; put the default branch last",
                )
            )
        for index, branch in enumerate(branches):
            target = branch.get("goto") if isinstance(branch, Mapping) else None
            if isinstance(target, str) and not target.strip():
                every_goto_resolves = False  # the schema reports the empty name
                continue
            if isinstance(target, str) and target in nodes:
                edges[name].append(target)
                continue
            every_goto_resolves = False
            if isinstance(target, str):
                problems.append(
                    (
                        ("nodes", name, "branches", index, "goto"),
                        f"no node is named {quote(target)}" + _did_you_mean(target, names),
                    )
                )

    start = raw.get("start")
    if not isinstance(start, str) or not start.strip():
        return problems
    if start not in nodes:
        problems.append(
            (("start",), f"no node is named {quote(start)}" + _did_you_mean(start, names))
        )
        return problems
    if not every_goto_resolves:
        # Which nodes are reached depends on the broken gotos: report those first.
        return problems
    reached = _reachable(start, edges)
    for name in names:
        if name not in reached:
            problems.append(
                (
                    ("nodes", name),
                    f"node {quote(name)} is never reached from the start node {quote(start)}",
                )
            )
    if not reached & terminal:
        problems.append(
            (
                ("start",),
                f"no node with an `outcome` can be reached from {quote(start)}: the call could "
                "never end",
            )
        )
    return problems


def _reachable(start: str, edges: Mapping[str, list[str]]) -> set[str]:
    seen = {start}
    queue = deque([start])
    while queue:
        for target in edges.get(queue.popleft(), []):
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def _did_you_mean(word: str, choices: list[str]) -> str:
    match = closest(word, choices)
    return f"; did you mean {quote(match)}?" if match else ""
