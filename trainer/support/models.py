"""The base of every file format here: strict, frozen pydantic models and the types they
share (a string that is not blank; one string where a list is expected)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, WithJsonSchema

from trainer.support.problems import show_value


class StrictModel(BaseModel):
    """A frozen model that rejects unknown keys: the base of every file format here."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def listify(value: object) -> object:
    """Let an author write one string where a list of strings is expected."""
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list | tuple):
        raise ValueError(f"expected a string or a list of strings, got {show_value(value)}")
    return value


def _non_blank(text: str) -> str:
    if not text.strip():
        raise ValueError("must not be empty")
    return text


def non_blank_schema() -> dict[str, Any]:
    """The JSON Schema of `NonBlank`: a string with a character other than white space."""
    return {"type": "string", "pattern": r"\S"}


def one_or_many(item: dict[str, Any]) -> WithJsonSchema:
    """The JSON Schema of what `listify` takes: one `item`, or a non-empty list of them."""
    return WithJsonSchema({"anyOf": [item, {"type": "array", "items": dict(item), "minItems": 1}]})


NonBlank = Annotated[str, AfterValidator(_non_blank), WithJsonSchema(non_blank_schema())]
"""A string with something other than white space in it."""
