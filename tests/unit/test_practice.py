"""A practice call saved as it goes, retried whole or from a turn, and never blocked by a
history that cannot be written."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.history.store import Store
from trainer.practice.session import Practice, Reply
from trainer.scenario.library import default_folders, load_library
from trainer.scenario.model import Scenario

FIRST = "Hi Dana, I'm on SK212 on 3 May with my 3-year-old, booking QX7PLM, in 14C and 27F."
SECOND = "What would you do if it were your child?"


@pytest.fixture(scope="module")
def seats() -> Scenario:
    scenario = load_library(default_folders()).get("seats-apart")
    assert scenario is not None
    return scenario


def test_each_turn_is_in_the_history_the_moment_it_is_sent(seats: Scenario, tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        practice = Practice(seats, "hash", "coach", seed=3, store=store)
        practice.send(FIRST)
        with Store(tmp_path) as reader:  # another connection, as another process would
            [session] = reader.sessions()
            assert session.outcome is None
            assert [turn["reply"] for turn in reader.turns(session.id)] == [FIRST]
        result = practice.finish()
        assert practice.finish() is result  # recorded once
        [session] = store.sessions()
        assert (session.outcome, session.seed, session.mode) == ("hung_up", 3, "coach")


def test_retry_from_a_turn_replays_the_replies_before_it_with_the_same_agent_lines(
    seats: Scenario,
) -> None:
    practice = Practice(seats, "hash", seed=7)
    practice.send(FIRST, interrupted=True)
    practice.send(SECOND)
    again = practice.retry(from_turn=2)
    assert again.replayed == 1
    assert again.replies() == [Reply(FIRST, interrupted=True)]
    assert again.call.turns[0].agent_line == practice.call.turns[0].agent_line
    assert again.call.agent_line == practice.call.turns[1].agent_line
    whole = practice.retry()
    assert (whole.replayed, whole.replies()) == (0, [])


def test_a_history_that_cannot_be_written_stops_saving_but_not_the_call(
    seats: Scenario, tmp_path: Path
) -> None:
    with Store(tmp_path) as store:
        store.close()  # every write now fails as a closed database
        practice = Practice(seats, "hash", store=store)
        assert practice.save_error is not None
        assert not practice.saving
        practice.send(FIRST)
        assert len(practice.call.turns) == 1
