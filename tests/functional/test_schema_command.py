"""`trainer schema`: the JSON Schema that editors check scenario files with.

The schema must accept every file the loader accepts (or an editor would underline valid
files) and reject the usual mistakes as the loader does. `jsonschema` checks both, and the
loader is asked the same question each time, so the two cannot drift apart unnoticed.
"""

from __future__ import annotations

import copy
import io
import json
import os
import stat
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
from pydantic import ValidationError

from tests.conftest import SCENARIO_FIXTURES
from tests.functional.commands import assert_no_traceback, run
from trainer.cli.authoring import run_schema
from trainer.cli.main import main
from trainer.scenario.model import Scenario
from trainer.support import paths

SHIPPED = sorted(paths.shipped_scenarios_dir().glob("*.toml"))
VALID_FIXTURES = [
    SCENARIO_FIXTURES / "valid" / "minimal.toml",
    *sorted((SCENARIO_FIXTURES / "engine").glob("*.toml")),
]


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    """The schema as `trainer schema` prints it."""
    out = io.StringIO()
    assert run_schema(None, out) == 0
    parsed: dict[str, Any] = json.loads(out.getvalue())
    return parsed


def errors(schema: dict[str, Any], data: dict[str, Any]) -> list[str]:
    """What the schema finds wrong with `data`, one message per problem."""
    validator = jsonschema.Draft202012Validator(schema)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


def loader_accepts(data: dict[str, Any]) -> bool:
    """Whether the trainer's own models take `data` (the graph checks aside)."""
    try:
        Scenario.model_validate(data)
    except ValidationError:
        return False
    return True


def minimal() -> dict[str, Any]:
    """A small valid scenario, parsed, for tests to vary."""
    with (SCENARIO_FIXTURES / "valid" / "minimal.toml").open("rb") as handle:
        return tomllib.load(handle)


def test_prints_a_pretty_draft_2020_12_schema_with_a_title_and_a_description(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["schema"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    text = captured.out
    assert text.endswith("}\n")
    assert text.startswith('{\n  "$schema": "https://json-schema.org/draft/2020-12/schema",\n')
    schema = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["title"] == "trainer scenario"
    assert schema["description"].endswith(".")
    assert ". " not in schema["description"]  # one sentence
    assert "$id" not in text
    assert schema["additionalProperties"] is False


def test_fields_carry_their_docstrings_as_descriptions(schema: dict[str, Any]) -> None:
    top = schema["properties"]
    assert top["goal"]["description"] == "What the customer wants out of the call."
    assert top["difficulty"]["description"].startswith("From 1 (gentle) to 5 (hard)")
    say = schema["$defs"]["Node"]["properties"]["say"]
    assert say["description"].startswith("What the agent says here")
    # A docstring over two lines reads as one paragraph.
    speaker = schema["$defs"]["Node"]["properties"]["speaker"]["description"]
    assert "\n" not in speaker
    assert "(after a transfer: " in speaker
    # The docstring leads; what the type says about itself follows.
    turn = schema["$defs"]["Condition"]["properties"]["turn"]["description"]
    assert turn.startswith("The customer's reply number")
    assert '">= 70"' in turn
    assert all("description" in field for field in top.values()), [
        name for name, field in top.items() if "description" not in field
    ]


def test_nothing_is_nullable_and_no_default_is_null(schema: dict[str, Any]) -> None:
    # TOML has no null: `x: T | None = None` means the key may be left out.
    assert '"null"' not in json.dumps(schema)
    assert all(sub.get("default", 0) is not None for sub in _subschemas(schema))


@pytest.mark.parametrize("path", SHIPPED + VALID_FIXTURES, ids=lambda path: path.name)
def test_every_shipped_scenario_passes(schema: dict[str, Any], path: Path) -> None:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    assert loader_accepts(data)
    assert errors(schema, data) == []


def test_the_library_is_not_empty() -> None:
    assert len(SHIPPED) >= 8


def _with(change: str, value: Any) -> dict[str, Any]:
    """`minimal()` with one key (a dotted path) set to `value`."""
    data = copy.deepcopy(minimal())
    *parents, last = change.split(".")
    table = data
    for key in parents:
        table = table[key]
    table[last] = value
    return data


def _when(condition: Any) -> dict[str, Any]:
    """`minimal()` whose opening node branches on `condition`."""
    return _with("nodes.opening.branches", [{"when": condition, "goto": "won"}, {"goto": "lost"}])


def _cue(**keys: Any) -> dict[str, Any]:
    """`minimal()` with one scenario-wide cue."""
    return _with("cues", [{"label": "cites", "dimension": "evidence", "weight": 5, **keys}])


def _renamed(key: str, new_name: str) -> dict[str, Any]:
    """`minimal()` with a top-level key renamed."""
    data = minimal()
    data[new_name] = data.pop(key)
    return data


ACCEPTED = {
    "say as one string": _with("nodes.opening.say", "How can I help?"),
    "say as a list of variants": _with("nodes.opening.say", ["Hello.", "Hi, how can I help?"]),
    "a comparison as a string": _when({"firmness": ">= 60"}),
    "a comparison with no spaces": _when({"overall": "<25"}),
    "a turn as a number": _when({"turn": 3}),
    "mentions as one phrase": _when({"mentions": "supervisor"}),
    "nested all, any and not": _when(
        {"all": [{"any": [{"evidence": "> 9"}, {"not": {"turn": 1}}]}]}
    ),
    "cue phrases as one string": _cue(phrases="booking"),
    "a cue with a pattern": _cue(pattern=r"\bRF-\d{4}\b", weight=-5),
    "a non-ASCII phrase": _cue(phrases=["merci beaucoup", "日本"], label="à la carte"),
    "whole and fractional weights": _with("weights", {"evidence": 2, "politeness": 0.5}),
}


@pytest.mark.parametrize("data", ACCEPTED.values(), ids=list(ACCEPTED))
def test_accepts_what_the_loader_accepts(schema: dict[str, Any], data: dict[str, Any]) -> None:
    assert loader_accepts(data)
    assert errors(schema, data) == []


MISTAKES = {
    "an unknown top-level key (titel)": (_renamed("title", "titel"), "('titel' was unexpected)"),
    "difficulty 9": (_with("difficulty", 9), "9 is greater than the maximum of 5"),
    "difficulty as a string": (_with("difficulty", "3"), "'3' is not of type 'integer'"),
    "a node with an unknown key": (_with("nodes.won.sya", "Hi."), "('sya' was unexpected)"),
    "an id with capitals": (_with("id", "Late-Refund"), "does not match"),
    "an empty say": (_with("nodes.won.say", []), "[] is not valid under any of"),
    "a blank title": (_with("title", "   "), "does not match"),
    "a comparison in words": (_when({"politeness": "below 25"}), "is not valid under any of"),
    "an unknown outcome": (_with("nodes.won.outcome", "won"), "is not one of"),
    "a cue weight out of range": (_cue(phrases="x", weight=500), "greater than the maximum"),
    "a missing agent": (_renamed("agent", "agnet"), "'agent' is a required property"),
}


@pytest.mark.parametrize(("data", "message"), MISTAKES.values(), ids=list(MISTAKES))
def test_rejects_typical_mistakes_as_the_loader_does(
    schema: dict[str, Any], data: dict[str, Any], message: str
) -> None:
    assert not loader_accepts(data)
    found = errors(schema, data)
    assert any(message in problem for problem in found), found


def _toml_or_none(path: Path) -> dict[str, Any] | None:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError:
        return None  # the editor's TOML parser reports it, before any schema


BROKEN = {
    path.name: data
    for path in sorted((SCENARIO_FIXTURES / "broken").glob("*.toml"))
    if (data := _toml_or_none(path)) is not None
}


@pytest.mark.parametrize("data", BROKEN.values(), ids=list(BROKEN))
def test_a_broken_fixture_the_models_reject_fails_the_schema_too(
    schema: dict[str, Any], data: dict[str, Any]
) -> None:
    # Graph problems (a goto to nowhere, an unreachable node) are for `trainer validate`.
    assert bool(errors(schema, data)) == (not loader_accepts(data))


def test_the_broken_fixtures_include_schema_mistakes_and_graph_problems(
    schema: dict[str, Any],
) -> None:
    rejected = [name for name, data in BROKEN.items() if errors(schema, data)]
    assert 5 <= len(rejected) < len(BROKEN)


# Keywords that mean the same in draft 7 and draft 2020-12 (`$defs` is only a place that
# `$ref` points into). taplo (Even Better TOML) checks with draft 7 rules whatever `$schema`
# says, so the schema keeps to these: no `prefixItems`, `unevaluatedProperties`...
PORTABLE_KEYWORDS = {
    "$schema", "$defs", "$ref", "title", "description", "default", "examples", "type", "enum",
    "const", "format", "properties", "additionalProperties", "patternProperties", "required",
    "minProperties", "maxProperties", "items", "minItems", "maxItems", "uniqueItems",
    "anyOf", "allOf", "oneOf", "not", "minimum", "maximum", "exclusiveMinimum",
    "exclusiveMaximum", "multipleOf", "pattern", "minLength", "maxLength",
}  # fmt: skip


def test_the_schema_means_the_same_to_a_draft_7_validator(schema: dict[str, Any]) -> None:
    for sub in _subschemas(schema):
        assert set(sub) <= PORTABLE_KEYWORDS, set(sub) - PORTABLE_KEYWORDS
        assert isinstance(sub.get("items", {}), dict)  # a list of items is a tuple in draft 7
        if "$ref" in sub:  # draft 7 ignores whatever stands beside a $ref
            assert set(sub) <= {"$ref", "description", "title"}, sub
    for path in SHIPPED:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        assert list(jsonschema.Draft7Validator(schema).iter_errors(data)) == []


def _subschemas(schema: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """`schema` and every schema inside it."""
    yield schema
    for key, value in schema.items():
        if key in ("properties", "patternProperties", "$defs"):
            for sub in value.values():
                yield from _subschemas(sub)
        elif key in ("items", "additionalProperties", "not") and isinstance(value, dict):
            yield from _subschemas(value)
        elif key in ("anyOf", "allOf", "oneOf"):
            for sub in value:
                yield from _subschemas(sub)


def test_out_writes_the_same_text_as_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema"]) == 0
    printed = capsys.readouterr().out
    target = tmp_path / "scenario.schema.json"

    assert main(["schema", "--out", str(target)]) == 0

    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("wrote ")
    assert captured.err.endswith("scenario.schema.json\n")
    assert target.read_bytes() == printed.encode("utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["scenario.schema.json"]  # no temp file left


def test_out_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "scenario.schema.json"
    target.write_text("old", encoding="utf-8")
    assert main(["schema", "--out", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["title"] == "trainer scenario"


def test_out_into_a_missing_folder_is_one_line_and_exit_1(tmp_path: Path) -> None:
    result = run("schema", "--out", tmp_path / "missing" / "scenario.schema.json")

    assert result.returncode == 1
    assert_no_traceback(result)
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("trainer: cannot write ")
    assert "No such file or directory" in result.stderr
    assert not (tmp_path / "missing").exists()


def test_out_onto_a_folder_is_refused_and_leaves_no_temp_file(tmp_path: Path) -> None:
    (tmp_path / "taken").mkdir()
    result = run("schema", "--out", tmp_path / "taken")

    assert result.returncode == 1
    assert_no_traceback(result)
    assert result.stderr.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]


def test_the_real_command_prints_the_same_schema(schema: dict[str, Any]) -> None:
    result = run("schema")
    assert result.returncode == 0
    assert json.loads(result.stdout) == schema
    assert "schema" in run("--help").stdout


def test_out_files_get_the_mode_of_an_ordinary_new_file(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        target = tmp_path / "scenario.schema.json"
        assert main(["schema", "--out", str(target)]) == 0
        assert stat.S_IMODE(target.stat().st_mode) == 0o644
        target.chmod(0o640)
        assert main(["schema", "--out", str(target)]) == 0
        assert stat.S_IMODE(target.stat().st_mode) == 0o640  # a replaced file keeps its mode
    finally:
        os.umask(umask)
