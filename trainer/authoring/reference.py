"""The reference of every key of a scenario file, generated from the models.

`scenario_reference()` writes one Markdown section per table of the format, with a row per
key: how it is written, what it holds, whether it is required, and what it means (the field's
docstring). docs/authoring.md carries a copy between two marker comments;
`python -m trainer.authoring.reference --write` brings that copy up to date, and a test fails while
the two differ. A field without a docstring makes the generator raise, so a new key cannot
go undocumented.
"""

from __future__ import annotations

import argparse
import ast
import inspect
import itertools
import re
import sys
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from trainer.scenario.model import (
    SLUG,
    Agent,
    Branch,
    Condition,
    Node,
    Scenario,
    ScoreFloor,
    SelfTest,
)
from trainer.scoring.rubric import Cue, Weights
from trainer.support.problems import display_path

START = "<!-- reference:start -->"
END = "<!-- reference:end -->"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "authoring.md"
"""The guide whose reference section `--write` rewrites (in a checkout of the project)."""
OUT_OF_DATE = "docs/authoring.md is out of date: run python -m trainer.authoring.reference --write"


@dataclass(frozen=True)
class Section:
    """One table of the format, as the reference shows it."""

    model: type[BaseModel]
    title: str
    """The heading: how the table is written in a file."""
    one: str = ""
    """What a key holding one such table holds, in the "holds" column."""
    many: str = ""
    """What a key holding a list of them holds."""
    named: str = ""
    """What a key holding one of them per name holds."""
    note: str = ""
    """A sentence after the model's docstring: where the table is written."""


SECTIONS: tuple[Section, ...] = (
    Section(
        Scenario,
        "The top level",
        note="Plain keys such as `id` come first in the file: TOML puts every key after a "
        "`[table]` header into that table.",
    ),
    Section(Agent, "`[agent]`", one="table `[agent]`"),
    Section(
        Node,
        "`[nodes.NAME]`",
        named="one table per node, `[nodes.NAME]`",
        note="NAME is the node's name, which `start` and `goto` use.",
    ),
    Section(
        Branch,
        "`[[nodes.NAME.branches]]`",
        many="list of tables, `[[nodes.NAME.branches]]`",
    ),
    Section(
        Condition,
        "A `when` condition",
        one="condition (a table)",
        many="list of conditions",
        note='Written inline: `when = { politeness = "< 25", turn = ">= 3" }`. A comparison '
        "is `<`, `<=`, `>`, `>=`, `==` or `!=` and a whole number; a number alone means `==`.",
    ),
    Section(
        Cue,
        "`[[cues]]` and `[[nodes.NAME.cues]]`",
        many="list of cues (tables)",
        note="`[[cues]]` count for the whole call, `[[nodes.NAME.cues]]` at that node only. "
        "Give exactly one of `phrases`, `pattern`, `feature` and `act`.",
    ),
    Section(
        Weights,
        "`weights`",
        one="table of weights",
        note="Written inline, at the top level or in a node: `weights = { evidence = 2 }`.",
    ),
    Section(SelfTest, "`[[tests]]`", many="list of tables, `[[tests]]`"),
    Section(
        ScoreFloor,
        "`[tests.min_scores]`",
        one="table of scores",
        note="Often written inline: `min_scores = { overall = 60 }`.",
    ),
)


def scenario_reference() -> str:
    """Every key of a scenario file, one Markdown section per table, from the models."""
    schema = Scenario.model_json_schema(mode="validation")
    sections = {section.model.__name__: section for section in SECTIONS}
    defined = {"Scenario", *schema.get("$defs", {})}
    if missing := sorted(defined - set(sections)):
        raise ValueError(f"no section of the reference for {', '.join(missing)}: add one")
    if unused := sorted(set(sections) - defined):
        raise ValueError(f"the scenario format no longer has {', '.join(unused)}: remove it")
    parts = []
    for section in SECTIONS:
        name = section.model.__name__
        properties = (
            schema["properties"] if name == "Scenario" else schema["$defs"][name]["properties"]
        )
        parts.append(_section_text(section, properties, sections))
    return "\n".join(parts)


def _section_text(
    section: Section, properties: Mapping[str, Any], sections: Mapping[str, Section]
) -> str:
    """One section: its heading, what the table is, and a row per key."""
    model = section.model
    about = inspect.cleandoc(model.__doc__ or "")
    if not about:
        raise ValueError(f"{model.__name__} has no docstring: the reference needs one")
    lines = [f"### {section.title}", "", " ".join(filter(None, [about, section.note])), ""]
    lines += ["| key | holds | required or default | meaning |", "|---|---|---|---|"]
    docs = field_docstrings(model)
    for name, field in model.model_fields.items():
        key = field.alias or name
        doc = docs.get(name)
        if not doc:
            raise ValueError(
                f"{model.__name__}.{name} has no docstring: write one under the field, in "
                f"{inspect.getsourcefile(model) or model.__module__}"
            )
        try:
            holds = _holds(properties[key], sections)
        except ValueError as error:
            raise ValueError(f"{model.__name__}.{name}: {error}") from None
        default = "required" if field.is_required() else _default(field.default)
        cells = [f"`{key}`", holds, default, doc.replace("\n\n", " ")]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines) + "\n"


def _holds(schema: Mapping[str, Any], sections: Mapping[str, Section]) -> str:
    """What a key holds, in an author's words, from its JSON Schema."""
    if "anyOf" in schema:
        options = [option for option in schema["anyOf"] if option != {"type": "null"}]
        if len(options) == 1:
            return _holds(options[0], sections)
        first, second = [*options, {}][:2]
        if len(options) == 2 and second.get("type") == "array" and second.get("items") == first:
            one = _holds(first, sections)
            return f"{one}, or a list of {one}"
        if "<=" in first.get("pattern", "") and second == {"type": "integer"}:
            return 'comparison such as `"< 30"`'  # or a number alone, meaning "=="
        raise ValueError(f"no words for the schema {schema!r}")
    if ref := schema.get("$ref"):
        return _section_noun(ref, sections, "one")
    kind = schema.get("type")
    if "enum" in schema:
        values = [f'`"{value}"`' for value in schema["enum"]]
        return ", ".join(values[:-1]) + " or " + values[-1]
    if kind == "string":
        if schema.get("pattern") == SLUG.pattern:
            return "id: lower-case letters, digits and hyphens"
        return "text"
    if kind in ("integer", "number"):
        noun = "whole number" if kind == "integer" else "number"
        low, high = schema.get("minimum"), schema.get("maximum")
        if low is not None and high is not None:
            return f"{noun} {low}\u2013{high}" if low >= 0 else f"{noun} from {low} to {high}"
        if low is not None:
            return f"{noun}, {low} or more"
        return noun
    if kind == "boolean":
        return "true/false"
    if kind == "array":
        items = schema.get("items", {})
        if ref := items.get("$ref"):
            return _section_noun(ref, sections, "many")
        return f"list of {_holds(items, sections)}"
    if kind == "object" and (ref := schema.get("additionalProperties", {}).get("$ref")):
        return _section_noun(ref, sections, "named")
    raise ValueError(f"no words for the schema {schema!r}")


def _section_noun(ref: str, sections: Mapping[str, Section], how: str) -> str:
    """What a key holding the table `ref` (one, a list, or one per name) holds."""
    section = sections[ref.rsplit("/", 1)[-1]]
    noun: str = getattr(section, how)
    if not noun:
        raise ValueError(f"the section {section.title} has no `{how}` noun: give it one")
    return noun


def _default(value: object) -> str:
    """The default of an optional key, as the reference shows it."""
    if value is None or value == ():
        return "optional"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, int):
        return f"`{value}`"
    raise ValueError(f"no words for the default {value!r}")


def field_docstrings(model: type[Any]) -> dict[str, str]:
    """The docstring written under each field of a class and its bases, by field name.

    This is what pydantic's `use_attribute_docstrings` reads; done here, only when a schema
    or the reference is made, it costs nothing when the models are imported (on every start
    of the trainer). Empty when the source cannot be read.
    """
    docs: dict[str, str] = {}
    for cls in reversed(model.__mro__):
        if not cls.__module__.startswith("trainer."):
            continue
        try:
            tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
        except (OSError, TypeError, SyntaxError):
            continue
        body = tree.body[0].body if isinstance(tree.body[0], ast.ClassDef) else []
        for statement, following in itertools.pairwise(body):
            if (
                isinstance(statement, ast.AnnAssign)
                and isinstance(statement.target, ast.Name)
                and isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)
            ):
                # One paragraph per blank line: editors wrap the text themselves.
                text = inspect.cleandoc(following.value.value)
                docs[statement.target.id] = re.sub(r"(?<!\n)\n(?!\n)", " ", text)
    return docs


def documented_reference(document: str) -> str:
    """The part of `document` between the reference markers (ValueError without them)."""
    start, end = _marker_span(document)
    return document[start:end].strip("\n") + "\n"


def with_reference(document: str, reference: str) -> str:
    """`document` with the part between the reference markers replaced by `reference`."""
    start, end = _marker_span(document)
    return document[:start] + "\n\n" + reference.strip("\n") + "\n\n" + document[end:]


def _marker_span(document: str) -> tuple[int, int]:
    """Where the text between the two marker comments starts and ends."""
    start = document.find(START)
    end = document.find(END, max(start, 0))
    if start < 0 or end < 0 or document.count(START) != 1 or document.count(END) != 1:
        raise ValueError(f"expected one {START} and, after it, one {END}")
    return start + len(START), end


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m trainer.authoring.reference [--write [FILE]]`: print, or rewrite the guide."""
    parser = argparse.ArgumentParser(
        prog="python -m trainer.authoring.reference",
        description="Print the reference of every scenario key, or with --write, rewrite the "
        f"part of the guide between {START} and {END}.",
    )
    parser.add_argument(
        "--write",
        nargs="?",
        const=DOCS,
        type=Path,
        metavar="FILE",
        help=f"rewrite the reference in FILE (default: {display_path(DOCS)})",
    )
    arguments = parser.parse_args(argv)
    reference = scenario_reference()
    if arguments.write is None:
        sys.stdout.write(reference)
        return 0
    path: Path = arguments.write
    try:
        document = path.read_text(encoding="utf-8")
        updated = with_reference(document, reference)
    except (OSError, ValueError) as error:
        print(f"cannot update {display_path(path)}: {error}", file=sys.stderr)
        return 1
    if updated == document:
        print(f"{display_path(path)} is up to date", file=sys.stderr)
        return 0
    path.write_text(updated, encoding="utf-8")
    print(f"wrote the reference to {display_path(path)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
