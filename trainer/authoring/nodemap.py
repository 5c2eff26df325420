"""The dialogue graph as a map an author can read: each node, what ends the call, where each
branch leads and when, and the nodes no call can reach. It works on parsed TOML that need not
be valid yet (a draft being edited): whatever is malformed is skipped, as the schema reports it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

ALWAYS = "otherwise"
"""How a branch without `when` (the default branch) reads."""


@dataclass(frozen=True)
class MapBranch:
    """One way out of a node: when it is taken, and where it leads."""

    when: str
    target: str
    known: bool
    """Whether a node of that name exists."""
    index: int = 0
    """Its place in the node's `branches`."""


@dataclass(frozen=True)
class MapNode:
    """One node of the map."""

    name: str
    outcome: str | None
    branches: tuple[MapBranch, ...]
    reachable: bool
    start: bool


def describe_when(when: Any) -> str:
    """A branch condition as a short line: `politeness < 25`, `mentions "supervisor"`."""
    if not isinstance(when, Mapping):
        return str(when)
    parts = []
    for key, value in when.items():
        if key in ("all", "any") and isinstance(value, list):
            joined = f" {'and' if key == 'all' else 'or'} ".join(describe_when(v) for v in value)
            parts.append(f"({joined})")
        elif key == "not":
            parts.append(f"not ({describe_when(value)})")
        elif key == "mentions":
            phrases = value if isinstance(value, list) else [value]
            parts.append("mentions " + " or ".join(f'"{phrase}"' for phrase in phrases))
        elif isinstance(value, int) and not isinstance(value, bool):
            parts.append(f"{key} == {value}")
        else:
            parts.append(f"{key} {' '.join(str(value).split())}")
    return ", ".join(parts)


def node_map(raw: Mapping[str, Any]) -> list[MapNode]:
    """The nodes in reading order: the start node, then breadth-first along the branches,
    then the nodes no call reaches."""
    nodes = raw.get("nodes")
    if not isinstance(nodes, Mapping):
        return []
    start = raw.get("start")
    order: list[str] = []
    queue = [start] if isinstance(start, str) and start in nodes else []
    while queue:
        name = queue.pop(0)
        if name in order:
            continue
        order.append(name)
        queue += [b.target for b in _branches(nodes[name], nodes) if b.known]
    reachable = set(order)
    order += [name for name in nodes if name not in reachable and isinstance(name, str)]
    return [
        MapNode(
            name,
            _outcome(nodes[name]),
            tuple(_branches(nodes[name], nodes)),
            name in reachable,
            name == start,
        )
        for name in order
    ]


def _outcome(node: Any) -> str | None:
    outcome = node.get("outcome") if isinstance(node, Mapping) else None
    return outcome if isinstance(outcome, str) else None


def _branches(node: Any, nodes: Mapping[str, Any]) -> list[MapBranch]:
    if not isinstance(node, Mapping) or not isinstance(node.get("branches"), list):
        return []
    found = []
    for index, branch in enumerate(node["branches"]):
        if not isinstance(branch, Mapping) or not isinstance(branch.get("goto"), str):
            continue
        when = describe_when(branch["when"]) if "when" in branch else ALWAYS
        found.append(MapBranch(when, branch["goto"], branch["goto"] in nodes, index))
    return found
