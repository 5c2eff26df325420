"""`trainer new` scaffolds: valid as written, equal to their model when read back."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.authoring.scaffold import (
    ScaffoldExistsError,
    free_scenario_id,
    new_id_problem,
    scaffold_scenario,
    scenario_toml,
    write_scaffold,
)
from trainer.scenario.library import load_scenario_file, load_scenario_text

ids = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}", fullmatch=True)
text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40
).filter(str.strip)


@settings(max_examples=60)
@given(scenario_id=ids, title=st.none() | text, company=st.none() | text)
def test_every_scaffold_reads_back_equal(
    scenario_id: str, title: str | None, company: str | None
) -> None:
    scenario = scaffold_scenario(scenario_id, title, company)
    loaded = load_scenario_text(scenario_toml(scenario), Path(f"{scenario_id}.toml"))
    assert loaded.problems == ()
    assert loaded.scenario == scenario


def test_written_scaffold_validates_and_keeps_title_and_company(tmp_path: Path) -> None:
    path = write_scaffold(tmp_path, "late-refund", "A refund, late", "Brightline Retail")
    loaded = load_scenario_file(path)
    assert loaded.problems == ()
    assert loaded.scenario is not None
    assert (loaded.scenario.title, loaded.scenario.company) == (
        "A refund, late",
        "Brightline Retail",
    )


def test_scaffold_shows_every_outcome_and_kind_of_branch() -> None:
    scenario = scaffold_scenario("example")
    outcomes = {node.outcome for node in scenario.nodes.values() if node.outcome}
    assert outcomes == {"win", "partial", "loss"}
    conditions = [b.when for n in scenario.nodes.values() for b in n.branches if b.when]
    used = {key for c in conditions for key, v in c.model_dump(by_alias=True).items() if v}
    assert {"politeness", "mentions", "turn", "all", "any", "not"} <= used
    assert any(b.when is None for n in scenario.nodes.values() for b in n.branches)


def test_never_overwrites(tmp_path: Path) -> None:
    path = write_scaffold(tmp_path, "mine")
    path.write_text("# my edits\n")
    with pytest.raises(ScaffoldExistsError):
        write_scaffold(tmp_path, "mine")
    assert path.read_text() == "# my edits\n"


def test_free_id_counts_up(tmp_path: Path) -> None:
    assert free_scenario_id(tmp_path) == "my-scenario"
    write_scaffold(tmp_path, "my-scenario")
    write_scaffold(tmp_path, "my-scenario-2")
    assert free_scenario_id(tmp_path) == "my-scenario-3"


def test_free_id_skips_an_unfinished_draft(tmp_path: Path) -> None:
    (tmp_path / "my-scenario.toml.draft").write_text("id = ", encoding="utf-8")
    assert free_scenario_id(tmp_path) == "my-scenario-2"


def test_why_a_new_scenario_cannot_have_an_id(tmp_path: Path) -> None:
    taken = {"moving-fee": tmp_path / "shipped" / "moving-fee.toml"}
    write_scaffold(tmp_path, "mine")
    (tmp_path / "unfinished.toml.draft").write_text("id = ", encoding="utf-8")
    assert new_id_problem("Late Refund", tmp_path, taken) == (
        '"Late Refund" is not a valid id: up to 64 lower-case letters, digits and hyphens, '
        'like "late-refund"'
    )
    message = new_id_problem("moving-fee", tmp_path, taken)
    assert message is not None
    assert message.startswith('the library already has a scenario "moving-fee" (')
    assert new_id_problem("mine", tmp_path, taken) == (
        f"{tmp_path / 'mine.toml'} already exists; choose another id"
    )
    assert new_id_problem("unfinished", tmp_path, taken) is None  # its draft is resumed
    assert new_id_problem("late-refund", tmp_path, taken) is None


def test_a_typo_in_a_written_scaffold_is_reported_at_its_line() -> None:
    text = scenario_toml(scaffold_scenario("example"))
    broken = text.replace('open_questions = ">= 50"', 'open_question = ">= 50"')
    broken = broken.replace('turn = ">= 5"', 'turn = ">= 500"')
    lines = broken.splitlines()
    typo_line = next(i for i, line in enumerate(lines, 1) if line.startswith("open_question ="))
    turn_line = next(i for i, line in enumerate(lines, 1) if line.startswith("turn ="))

    problems = load_scenario_text(broken, Path("example.toml")).problems

    assert [(p.line, p.key) for p in problems] == [
        (typo_line, "nodes.refusal.branches[0].when.any[1].open_question"),
        (turn_line, "nodes.refusal.branches[1].when.turn"),
    ]
