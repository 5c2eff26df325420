"""Help for people writing scenarios: `trainer schema`, the JSON Schema of the file format.

Editors with TOML schema support (taplo, Even Better TOML in VS Code) read it to complete
keys and to check a scenario file as it is typed. The schema is generated from the pydantic
models that `trainer validate` uses, so the two cannot drift apart; `trainer validate` still
has the last word (graph checks, self-tests, comparisons that can never hold).
"""

from __future__ import annotations

import codecs
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from trainer.cli.output import EXIT_OK, fail
from trainer.support.files import write_whole
from trainer.support.problems import display_path

if TYPE_CHECKING:
    from pydantic.json_schema import GenerateJsonSchema

DIALECT = "https://json-schema.org/draft/2020-12/schema"
TITLE = "trainer scenario"
DESCRIPTION = (
    "A practice call for trainer: the situation, the goal, the agent, and the dialogue graph "
    "of nodes the call moves through."
)


def run_schema(destination: Path | None, out: TextIO) -> int:
    """`trainer schema`: the scenario file format's JSON Schema, to stdout or a file."""
    schema = scenario_schema()
    if destination is None:
        out.write(schema_text(schema, ascii_only=not _writes_utf8(out)))
        return EXIT_OK
    try:
        write_whole(destination, schema_text(schema, ascii_only=False))
    except OSError as error:
        return fail(f"cannot write {display_path(destination)}: {error.strerror or error}")
    print(f"wrote {display_path(destination)}", file=sys.stderr)
    return EXIT_OK


def schema_text(schema: dict[str, Any], ascii_only: bool) -> str:
    """`schema` as pretty-printed JSON, ending with a newline."""
    return json.dumps(schema, indent=2, ensure_ascii=ascii_only) + "\n"


def scenario_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a scenario file, as parsed from TOML."""
    from trainer.scenario.model import Scenario

    generated = Scenario.model_json_schema(mode="validation", schema_generator=_editor_schema())
    generated.pop("title", None)
    generated.pop("description", None)
    return {"$schema": DIALECT, "title": TITLE, "description": DESCRIPTION, **generated}


def _editor_schema() -> type[GenerateJsonSchema]:
    """pydantic's schema generator fitted to TOML files and to editors (made here, so that
    `pydantic.json_schema` is imported only when a schema is made)."""
    from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
    from pydantic_core import core_schema

    from trainer.authoring.reference import field_docstrings

    class EditorSchema(GenerateJsonSchema):
        """Field docstrings become descriptions, and nothing is nullable: TOML has no null."""

        def nullable_schema(self, schema: core_schema.NullableSchema) -> JsonSchemaValue:
            # `x: T | None = None` means "x may be left out", never "x may be null".
            return self.generate_inner(schema["schema"])

        def default_schema(self, schema: core_schema.WithDefaultSchema) -> JsonSchemaValue:
            json_schema = super().default_schema(schema)
            if "default" in json_schema and json_schema["default"] is None:
                del json_schema["default"]
            return json_schema

        def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
            json_schema = super().model_schema(schema)
            model = schema["cls"]
            properties = json_schema.get("properties", {})
            docs = field_docstrings(model)
            for name, field in model.model_fields.items():
                key = field.alias or name
                doc = docs.get(name)
                if doc is None or key not in properties:
                    continue
                about_type = properties[key].get("description")
                properties[key]["description"] = f"{doc} {about_type}" if about_type else doc
            return json_schema

    return EditorSchema


def _writes_utf8(out: TextIO) -> bool:
    """Whether `out` encodes as UTF-8 (otherwise the schema is written in ASCII, escaped)."""
    try:
        return codecs.lookup(out.encoding or "ascii").name == "utf-8"
    except LookupError:
        return False
