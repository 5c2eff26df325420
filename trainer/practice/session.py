"""A practice call as the screens run it: the call, saved turn by turn, and retried at will.

`Practice` wraps a `Call` with the score history: the session is recorded when the call
starts, each turn the moment it is scored, and the outcome when it ends. If the history
cannot be written (a locked or damaged database), the call goes on unsaved and
`save_error` says why, so that practice is never blocked by storage.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from trainer.call.dialogue import Call, CallResult, Turn
from trainer.history.database import HistoryError
from trainer.history.store import Store
from trainer.scenario.model import Scenario

Mode = Literal["coach", "exam"]


@dataclass(frozen=True)
class Reply:
    """A reply as it was given: its text, and whether it cut the agent off."""

    text: str
    interrupted: bool = False


@dataclass
class Practice:
    """One call played through the screens, saved as it goes (when a store is given)."""

    scenario: Scenario
    content_hash: str
    """The scenario file's hash, stored with the session."""
    mode: Mode = "coach"
    seed: int | None = None
    """The seed of the agent's lines; None picks one."""
    store: Store | None = None
    draft: bool = False
    """A scenario being written, played from the editor: never saved, lines said at once."""
    call: Call = field(init=False)
    session_id: int | None = field(init=False, default=None)
    save_error: str | None = field(init=False, default=None)
    """Why the call is not being saved, once a write has failed."""
    replayed: int = field(init=False, default=0)
    """How many turns at the start were replayed from an earlier attempt."""
    _result: CallResult | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        if self.seed is None:
            self.seed = random.randrange(10_000)
        self.call = Call(self.scenario, self.seed)
        if self.store is not None:
            try:
                self.session_id = self.store.start_session(
                    self.scenario, self.content_hash, self.call.seed, self.mode
                )
            except HistoryError as error:
                self.save_error = str(error)

    @property
    def finished(self) -> bool:
        """Whether the call has ended (an outcome, a hang-up or the turn limit)."""
        return self.call.finished

    @property
    def saving(self) -> bool:
        """Whether turns are being saved to the score history."""
        return self.session_id is not None and self.save_error is None

    def send(self, text: str, interrupted: bool = False) -> Turn:
        """Send a reply: score it, move the call on, and save the turn at once."""
        turn = self.call.reply(text, interrupted)
        if self.session_id is not None:
            session_id = self.session_id
            self._save(lambda store: store.add_turn(session_id, turn))
        return turn

    def hang_up(self) -> None:
        """End the call from the customer's side (nothing happens once it has ended)."""
        self.call.hang_up()

    def finish(self) -> CallResult:
        """The result of the call, recorded in the history once; hangs up an unfinished call."""
        if self._result is None:
            self.call.hang_up()
            self._result = self.call.result()
            if self.session_id is not None:
                session_id, result = self.session_id, self._result
                self._save(lambda store: store.finish_session(session_id, result))
        return self._result

    def replies(self) -> list[Reply]:
        """The replies given so far, in order."""
        return [Reply(turn.reply, turn.interrupted) for turn in self.call.turns]

    def retry(self, from_turn: int = 1) -> Practice:
        """A new attempt with the same agent lines: the replies before turn `from_turn` are
        replayed (and saved in the new session), and the call goes on live from there."""
        return Practice.replaying(
            self.scenario,
            self.content_hash,
            self.replies()[: max(from_turn - 1, 0)],
            self.mode,
            self.call.seed,
            self.store,
            self.draft,
        )

    @classmethod
    def replaying(
        cls,
        scenario: Scenario,
        content_hash: str,
        replies: Sequence[Reply],
        mode: Mode,
        seed: int,
        store: Store | None,
        draft: bool = False,
    ) -> Practice:
        """A call with the same seed that first replays `replies`, then continues live."""
        practice = cls(scenario, content_hash, mode, seed, store, draft)
        for reply in replies:
            if practice.finished:
                break
            practice.send(reply.text, reply.interrupted)
        practice.replayed = len(practice.call.turns)
        return practice

    def _save(self, write: Callable[[Store], object]) -> None:
        if self.store is None or self.save_error is not None:
            return
        try:
            write(self.store)
        except HistoryError as error:
            self.save_error = str(error)
