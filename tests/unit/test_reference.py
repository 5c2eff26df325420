"""docs/authoring.md: its reference matches the models, and its worked example is real.

The reference of every key is generated from the models; the guide carries a copy that must
not drift. The worked example's TOML snippets, in order, make docs/examples/ exactly, and
each `trainer validate` it shows prints what the guide says it prints.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from trainer.authoring import reference
from trainer.authoring.reference import (
    END,
    OUT_OF_DATE,
    SECTIONS,
    START,
    documented_reference,
    field_docstrings,
    scenario_reference,
    with_reference,
)
from trainer.cli.main import main as trainer_main
from trainer.scenario.library import default_folders, load_library, load_scenario_file
from trainer.scenario.model import Scenario

DOCS = Path(__file__).resolve().parents[2] / "docs"
GUIDE = DOCS / "authoring.md"
EXAMPLE = DOCS / "examples" / "gym-cancellation.toml"
WORKED_EXAMPLE = "## A worked example"
EXAMPLE_PATH = "my-scenarios/gym-cancellation.toml"
"""Where the worked example tells the reader to write the file."""


def guide() -> str:
    """The text of docs/authoring.md."""
    return GUIDE.read_text(encoding="utf-8")


def worked_example_blocks() -> list[tuple[str, str]]:
    """The fenced blocks of the worked-example section, as (language, text), in order."""
    text = guide()
    start = text.index(WORKED_EXAMPLE)
    end = text.index("\n## ", start + len(WORKED_EXAMPLE))
    return re.findall(r"^```(\w*)\n(.*?)^```$", text[start:end], flags=re.MULTILINE | re.DOTALL)


def reference_rows() -> dict[str, dict[str, list[str]]]:
    """The generated reference's tables: section title -> key -> the row's other cells."""
    sections: dict[str, dict[str, list[str]]] = {}
    for part in scenario_reference().split("### ")[1:]:
        title, _, body = part.partition("\n")
        rows = [line for line in body.splitlines() if line.startswith("| `")]
        cells = [re.split(r"(?<!\\) \| ", row.strip("| ")) for row in rows]
        sections[title] = {key.strip("`"): rest for key, *rest in cells}
    return sections


def models_in(annotation: object) -> set[type[BaseModel]]:
    """The pydantic models an annotation names, however deeply nested."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {annotation}
    found: set[type[BaseModel]] = set()
    for argument in typing.get_args(annotation):
        found |= models_in(argument)
    return found


def every_model() -> set[type[BaseModel]]:
    """Scenario and every model reachable from its fields."""
    seen: set[type[BaseModel]] = set()
    todo: list[type[BaseModel]] = [Scenario]
    while todo:
        model = todo.pop()
        if model not in seen:
            seen.add(model)
            todo += [m for f in model.model_fields.values() for m in models_in(f.annotation)]
    return seen


# The reference -----------------------------------------------------------------------------


def test_the_guide_s_reference_is_up_to_date() -> None:
    assert documented_reference(guide()) == scenario_reference(), OUT_OF_DATE


def test_every_table_of_the_format_has_a_section() -> None:
    assert {section.model for section in SECTIONS} == every_model()


def test_every_field_of_every_model_is_described() -> None:
    rows = reference_rows()
    for section in SECTIONS:
        docs = field_docstrings(section.model)
        table = rows[section.title]
        for name, field in section.model.model_fields.items():
            key = field.alias or name
            assert key in table, f"{section.title} has no row for {key}"
            holds, default, meaning = table[key]
            assert holds
            assert default
            assert meaning == docs[name].replace("\n\n", " ").replace("|", "\\|")
        assert len(table) == len(section.model.model_fields)


def test_keys_are_written_as_in_a_file() -> None:
    condition = reference_rows()["A `when` condition"]
    assert {"all", "any", "not"} <= set(condition)
    assert not {"all_of", "any_of", "not_"} & set(condition)


def test_what_keys_hold_is_in_an_author_s_words() -> None:
    rows = reference_rows()
    top, cue = rows["The top level"], rows["`[[cues]]` and `[[nodes.NAME.cues]]`"]
    assert top["difficulty"][:2] == ["whole number 1\u20135", "required"]
    assert top["turn_limit"][:2] == ["whole number 1\u2013100", "`12`"]
    assert top["tips"][:2] == ["list of text", "optional"]
    assert top["agent"][0] == "table `[agent]`"
    assert rows["`[nodes.NAME]`"]["say"][0] == "text, or a list of text"
    assert rows["A `when` condition"]["politeness"][0] == 'comparison such as `"< 30"`'
    assert cue["negatable"][:2] == ["true/false", "`true`"]
    assert cue["weight"][0] == "whole number from -100 to 100"
    assert rows["`[[tests]]`"]["outcome"][0] == '`"win"`, `"partial"`, `"loss"` or `"hung_up"`'


def test_an_undocumented_field_stops_the_generator(monkeypatch: pytest.MonkeyPatch) -> None:
    def without_goal(model: type[object]) -> dict[str, str]:
        docs = field_docstrings(model)
        return {name: doc for name, doc in docs.items() if (model, name) != (Scenario, "goal")}

    monkeypatch.setattr(reference, "field_docstrings", without_goal)
    with pytest.raises(ValueError, match=r"Scenario\.goal has no docstring"):
        scenario_reference()


def test_write_rewrites_only_the_marked_part(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "guide.md"
    path.write_text(f"# Guide\n\nbefore\n\n{START}\nstale\n{END}\n\nafter\n", encoding="utf-8")

    assert reference.main(["--write", str(path)]) == 0
    written = path.read_text(encoding="utf-8")
    assert written.startswith(f"# Guide\n\nbefore\n\n{START}\n\n### The top level\n")
    assert written.endswith(f"\n\n{END}\n\nafter\n")
    assert documented_reference(written) == scenario_reference()
    assert "wrote the reference to" in capsys.readouterr().err

    assert reference.main(["--write", str(path)]) == 0
    assert path.read_text(encoding="utf-8") == written
    assert "is up to date" in capsys.readouterr().err


def test_write_refuses_a_file_without_the_markers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "guide.md"
    path.write_text(f"# Guide\n\n{END}\n{START}\n", encoding="utf-8")
    assert reference.main(["--write", str(path)]) == 1
    assert path.read_text(encoding="utf-8") == f"# Guide\n\n{END}\n{START}\n"
    assert "expected one" in capsys.readouterr().err
    with pytest.raises(ValueError, match="expected one"):
        with_reference("no markers", "text")


def test_without_write_the_reference_is_printed(capsys: pytest.CaptureFixture[str]) -> None:
    assert reference.main([]) == 0
    assert capsys.readouterr().out == scenario_reference()


def test_the_module_runs_as_a_script() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "trainer.authoring.reference"],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=60,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == scenario_reference()


# The worked example ------------------------------------------------------------------------


def test_the_worked_example_s_snippets_make_the_example_file() -> None:
    snippets = [text for language, text in worked_example_blocks() if language == "toml"]
    assert len(snippets) >= 5
    assert "\n".join(snippets) == EXAMPLE.read_text(encoding="utf-8")


def test_the_example_passes_validate_strictly_with_three_self_tests(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert trainer_main(["validate", "--strict", str(EXAMPLE)]) == 0
    assert capsys.readouterr().out == (
        "checked 1 file: 1 valid; 3 self-tests played, 3 passed; 0 warnings\n"
    )
    loaded = load_scenario_file(EXAMPLE)
    assert loaded.scenario is not None
    assert sorted(test.outcome for test in loaded.scenario.tests) == ["loss", "partial", "win"]


def test_what_the_worked_example_shows_validate_print_is_real(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my-scenarios").mkdir()
    so_far: list[str] = []
    shown = 0
    for language, text in worked_example_blocks():
        if language == "toml":
            so_far.append(text)
        elif language == "console":
            command, _, output = text.partition("\n")
            arguments = shlex.split(command.removeprefix("$ "))
            assert arguments[0] == "trainer"
            assert arguments[-1] == EXAMPLE_PATH
            Path(EXAMPLE_PATH).write_text("\n".join(so_far), encoding="utf-8")
            trainer_main(arguments[1:])
            captured = capsys.readouterr()
            assert captured.out + captured.err == output, command
            shown += 1
    assert shown >= 3


def test_the_worked_example_s_play_command_plays_the_call(tmp_path: Path) -> None:
    commands = [
        line
        for language, text in worked_example_blocks()
        if language == "sh"
        for line in text.splitlines()
        if line.startswith("trainer play") and "--replies -" in line
    ]
    assert len(commands) == 1
    folder = tmp_path / "my-scenarios"
    folder.mkdir()
    folder.joinpath(EXAMPLE.name).write_bytes(EXAMPLE.read_bytes())
    loaded = load_scenario_file(EXAMPLE)
    assert loaded.scenario is not None
    win = loaded.scenario.tests[0]

    result = subprocess.run(
        [sys.executable, "-m", *shlex.split(commands[0])],
        input="\n".join(win.replies) + "\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=os.environ.copy(),
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Outcome: win" in result.stdout


def test_the_example_is_not_in_the_library() -> None:
    library = load_library(default_folders())
    assert "gym-cancellation" not in library.scenarios
