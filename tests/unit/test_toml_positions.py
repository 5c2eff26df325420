"""Key paths map to the lines where an author wrote them, whatever TOML style they used."""

from __future__ import annotations

import pytest

from trainer.support.toml_positions import KeyPositions

DOCUMENT = '''\
title = "x"
brief = """
A [fake.table] header inside a string
goal = "not a key"
"""
agent.name = "Dana"
"quoted key" = 1

[nodes.opening]
weights = { evidence = 2, politeness = 1 }
say = [
    # a comment before the first line
    "first",
    "second",
]

[[nodes.opening.branches]]
when = { any = [{ mentions = "x" }, { turn = ">= 2" }] }
goto = "a"

[[nodes.opening.branches]]
goto = "b"

[nodes.'literal key']
say = "hi"
'''


@pytest.mark.parametrize(
    ("loc", "line"),
    [
        (("title",), 1),
        (("brief",), 2),
        (("agent",), 6),
        (("agent", "name"), 6),
        (("quoted key",), 7),
        (("nodes",), 9),
        (("nodes", "opening"), 9),
        (("nodes", "opening", "weights", "politeness"), 10),
        (("nodes", "opening", "say", 0), 13),
        (("nodes", "opening", "say", 1), 14),
        (("nodes", "opening", "branches", 0), 17),
        (("nodes", "opening", "branches", 0, "when", "any", 1, "turn"), 18),
        (("nodes", "opening", "branches", 1, "goto"), 22),
        (("nodes", "literal key", "say"), 25),
    ],
)
def test_written_key_paths_map_to_their_line(loc: tuple[str | int, ...], line: int) -> None:
    positions = KeyPositions(DOCUMENT)
    assert positions.has(loc)
    assert positions.line_of(loc) == line


def test_text_inside_strings_is_not_mistaken_for_keys() -> None:
    positions = KeyPositions(DOCUMENT)
    assert not positions.has(("fake",))
    assert not positions.has(("goal",))


def test_missing_key_points_at_the_table_that_should_hold_it() -> None:
    positions = KeyPositions(DOCUMENT)
    assert positions.line_of(("nodes", "opening", "branches", 1, "when")) == 21
    assert positions.line_of(("nodes", "closing", "say")) == 9
    assert positions.line_of(("goal",)) == 1


NESTED_UNDER_ARRAYS = """\
[[nodes.a.branches]]
goto = "x"

[nodes.a.branches.when]
politeness = "< 25"

[[nodes.a.branches]]
goto = "y"

[[nodes.a.branches.when.any]]
mentions = "supervisor"

[[nodes.a.branches.when.any]]
turn = ">= 5"

[[nodes.b.branches]]
goto = "z"

[[nodes.b.branches.when.any]]
evidence = ">= 40"
"""


@pytest.mark.parametrize(
    ("loc", "line"),
    [
        (("nodes", "a", "branches", 0, "when"), 4),
        (("nodes", "a", "branches", 0, "when", "politeness"), 5),
        (("nodes", "a", "branches", 1, "goto"), 8),
        (("nodes", "a", "branches", 1, "when", "any", 0, "mentions"), 11),
        (("nodes", "a", "branches", 1, "when", "any", 1, "turn"), 14),
        (("nodes", "b", "branches", 0, "when", "any", 0, "evidence"), 20),
    ],
)
def test_tables_declared_inside_an_array_of_tables(loc: tuple[str | int, ...], line: int) -> None:
    positions = KeyPositions(NESTED_UNDER_ARRAYS)
    assert positions.has(loc)
    assert positions.line_of(loc) == line
