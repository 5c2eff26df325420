"""A language is a folder of data: its rubric, its words and its acts. The scorer reads another
folder the same way, and a broken file there is reported by file, line and key."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest

from trainer.scoring.loading import RubricError, load_language
from trainer.scoring.scorer import Scorer

ENGLISH = Path(str(resources.files("trainer.scoring").joinpath("english")))


@pytest.fixture
def language(tmp_path: Path) -> Path:
    folder = tmp_path / "english-copy"
    shutil.copytree(ENGLISH, folder)
    return folder


def test_a_copy_of_the_folder_scores_as_the_shipped_one(language: Path) -> None:
    text = "No thanks. Could I speak to a manager? I was charged $40 on 3 May."
    copied = Scorer(load_language(language)).score(text)
    shipped = Scorer(load_language(ENGLISH)).score(text)
    assert copied.as_json() == shipped.as_json()
    assert [act.act for act in copied.acts] == ["refuse", "ask_supervisor"]


def test_an_act_phrase_added_as_data_is_read_without_a_code_change(language: Path) -> None:
    acts = language / "acts.toml"
    acts.write_text(
        acts.read_text(encoding="utf-8")
        + '\n[[acts]]\nact = "hold"\nphrases = ["i shall bide my time"]\n',
        encoding="utf-8",
    )
    result = Scorer(load_language(language)).score("Very well, I shall bide my time.")
    assert [act.act for act in result.acts] == ["hold"]


def test_a_negating_word_added_as_data_negates(language: Path) -> None:
    words = language / "words.toml"
    text = words.read_text(encoding="utf-8")
    words.write_text(
        text.replace('"neither", "refuse",', '"neither", "refuse", "scarcely",'), "utf-8"
    )
    result = Scorer(load_language(language)).score("I scarcely appreciate this")
    assert "thanks the agent" not in {cue.label for cue in result.cues}


@pytest.mark.parametrize(
    ("name", "broken", "line_key"),
    [
        ("acts.toml", ('act = "hold"', 'act = "wait"'), "acts["),
        (
            "acts.toml",
            ('unless_lists = ["hedges"]\n# Taking', 'unless_lists = ["hedgse"]\n# Taking'),
            "unless_lists",
        ),
        ("words.toml", ("window = 4", 'window = "four"'), "negation.window"),
        ("rubric.toml", ("weight = -40", "weight = 0"), "cues["),
    ],
)
def test_a_broken_file_names_its_file_line_and_key(
    language: Path, name: str, broken: tuple[str, str], line_key: str
) -> None:
    path = language / name
    text = path.read_text(encoding="utf-8")
    assert broken[0] in text
    path.write_text(text.replace(broken[0], broken[1], 1), encoding="utf-8")
    with pytest.raises(RubricError) as raised:
        load_language(language)
    [problem] = [p for p in raised.value.problems if line_key in p.key]
    assert problem.path == path
    # The line of the key, or of its table's header for a problem with the whole table.
    broken_line = text[: text.index(broken[0])].count("\n") + 1
    lines = text.splitlines()
    assert problem.line == broken_line or (
        problem.line < broken_line and lines[problem.line - 1].startswith("[[")
    )
