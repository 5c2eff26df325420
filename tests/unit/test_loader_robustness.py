"""Whatever an author's file holds, loading it reports problems and never raises."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.scenario.library import load_scenario_text
from trainer.support import paths

SEATS = (paths.shipped_scenarios_dir() / "seats-apart.toml").read_text(encoding="utf-8")
SEATS_LINES = SEATS.splitlines()


def assert_reported_sensibly(text: str) -> None:
    loaded = load_scenario_text(text, Path("fuzz.toml"))
    assert (loaded.scenario is None) == bool(loaded.problems)
    last_line = text.count("\n") + 1
    for problem in loaded.problems:
        assert 1 <= problem.line <= last_line, str(problem)
        assert problem.key
        assert problem.message


@settings(max_examples=150)
@given(st.text(alphabet=st.sampled_from("ab =[]{}.\"'\n#,0123"), max_size=120))
def test_arbitrary_text_never_raises(text: str) -> None:
    assert_reported_sensibly(text)


@settings(max_examples=150)
@given(st.lists(st.integers(0, len(SEATS_LINES) - 1), min_size=1, max_size=4), st.booleans())
def test_a_real_scenario_with_lines_deleted_or_repeated(lines: list[int], repeat: bool) -> None:
    edited = list(SEATS_LINES)
    for index in sorted(set(lines), reverse=True):
        if repeat:
            edited.insert(index, edited[index])
        else:
            del edited[index]
    assert_reported_sensibly("\n".join(edited) + "\n")
