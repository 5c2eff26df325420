"""Line numbers for key paths in a TOML document (tomllib keeps none)."""

from __future__ import annotations

import tomllib
from functools import cache
from typing import TYPE_CHECKING

from trainer.support.problems import Loc

if TYPE_CHECKING:
    from tree_sitter import Node, Parser


@cache
def _parser() -> Parser:
    """A tree-sitter parser for TOML, built once and only when a position is needed."""
    import tree_sitter_toml
    from tree_sitter import Language, Parser

    return Parser(Language(tree_sitter_toml.language()))


def _key_text(node: Node) -> str:
    """The key a bare or quoted key node names, unquoted and unescaped."""
    raw = (node.text or b"").decode("utf-8")
    if node.type == "bare_key":
        return raw
    try:
        return next(iter(tomllib.loads(f"{raw} = 0")))
    except tomllib.TOMLDecodeError:
        return raw.strip("\"'")


def _key_parts(node: Node) -> list[str]:
    """The parts of a possibly dotted key node, outermost first."""
    if node.type == "dotted_key":
        parts: list[str] = []
        for child in node.named_children:
            parts += _key_parts(child)
        return parts
    return [_key_text(node)]


class KeyPositions:
    """Maps every key path of a TOML document to the 1-based line where it is written."""

    def __init__(self, source: str) -> None:
        self._lines: dict[Loc, int] = {}
        self._array_counts: dict[Loc, int] = {}
        tree = _parser().parse(source.encode("utf-8"))
        self._walk_document(tree.root_node)

    def line_of(self, loc: Loc) -> int:
        """The line of `loc`, or of its nearest written ancestor (a missing key's table)."""
        for length in range(len(loc), 0, -1):
            line = self._lines.get(tuple(loc[:length]))
            if line is not None:
                return line
        return 1

    def has(self, loc: Loc) -> bool:
        """Whether the document writes this exact key path."""
        return tuple(loc) in self._lines

    def _note(self, loc: Loc, node: Node) -> None:
        self._lines.setdefault(loc, node.start_point.row + 1)

    def _note_prefixes(self, loc: Loc, node: Node) -> None:
        for length in range(1, len(loc) + 1):
            self._note(loc[:length], node)

    def _resolve(self, parts: list[str]) -> Loc:
        """A header's key path, with the index of the current element of each array of tables
        it passes through (`[nodes.a.branches.when]` lies in the last `[[nodes.a.branches]]`)."""
        resolved: list[str | int] = []
        for part in parts:
            resolved.append(part)
            count = self._array_counts.get(tuple(resolved))
            if count:
                resolved.append(count - 1)
        return tuple(resolved)

    def _walk_document(self, root: Node) -> None:
        for child in root.named_children:
            if child.type == "pair":
                self._walk_pair(child, ())
            elif child.type == "table":
                prefix = self._resolve(_key_parts(child.named_children[0]))
                self._note_prefixes(prefix, child)
                self._walk_pairs(child, prefix)
            elif child.type == "table_array_element":
                *parents, last = _key_parts(child.named_children[0])
                base: Loc = (*self._resolve(parents), last)
                index = self._array_counts.get(base, 0)
                self._array_counts[base] = index + 1
                self._note_prefixes(base, child)
                element = (*base, index)
                self._note(element, child)
                self._walk_pairs(child, element)

    def _walk_pairs(self, table: Node, prefix: Loc) -> None:
        for child in table.named_children:
            if child.type == "pair":
                self._walk_pair(child, prefix)

    def _walk_pair(self, pair: Node, prefix: Loc) -> None:
        key_node, value = pair.named_children[0], pair.named_children[-1]
        loc: Loc = (*prefix, *_key_parts(key_node))
        self._note_prefixes(loc, key_node)
        self._walk_value(value, loc)

    def _walk_value(self, value: Node, loc: Loc) -> None:
        if value.type == "inline_table":
            self._walk_pairs(value, loc)
        elif value.type == "array":
            elements = [e for e in value.named_children if e.type != "comment"]
            for index, element in enumerate(elements):
                self._note((*loc, index), element)
                self._walk_value(element, (*loc, index))
