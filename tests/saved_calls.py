"""Calls played through the dialogue engine and saved through the store turn by turn, as
`trainer play` saves them; a filled database, and a way to damage one."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tests.scenario_scripts import VAGUE
from trainer.call.dialogue import Call
from trainer.history.database import DATABASE_NAME
from trainer.history.store import Store
from trainer.scenario.library import load_scenario_file
from trainer.scenario.model import Scenario
from trainer.support import paths


def shipped(scenario_id: str) -> Scenario:
    """A scenario from the shipped library."""
    loaded = load_scenario_file(paths.shipped_scenarios_dir() / f"{scenario_id}.toml")
    assert loaded.scenario is not None, loaded.problems
    return loaded.scenario


def save_call(
    store: Store, scenario: Scenario, replies: Sequence[str], finish: bool = True, seed: int = 0
) -> tuple[int, Call]:
    """Play `replies` as a call, saving each turn as it is scored, like `trainer play`."""
    call = Call(scenario, seed)
    session = store.start_session(scenario, "0123456789abcdef", seed, "replies")
    for reply in replies:
        store.add_turn(session, call.reply(reply))
    if finish:
        call.hang_up()
        store.finish_session(session, call.result())
    return session, call


def filled_database(folder: Path, calls: int = 30) -> Path:
    """A closed score database holding `calls` finished calls of three turns."""
    scenario = shipped("seats-apart")
    with Store(folder) as store:
        for number in range(calls):
            save_call(store, scenario, [f"{reply} (call {number})" for reply in VAGUE])
    return folder / DATABASE_NAME


def damage(database: Path) -> None:
    """Overwrite 1 KiB in the middle of the file: its header stays valid, its data does not."""
    data = bytearray(database.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 1024] = b"\xde\xad\xbe\xef" * 256
    database.write_bytes(bytes(data))
