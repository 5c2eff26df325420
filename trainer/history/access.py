"""How the screens get the score history: the one place that decides when a store is opened,
which connection each use gets, and what happens when the history cannot be opened."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from trainer.history.database import DATABASE_NAME, HistoryError, history_read_only
from trainer.history.store import Store


class History:
    """The score history in `folder` (None: calls are not saved), as the screens use it.

    Calls are saved through one store, opened on first use and kept until `close`; it belongs
    to the thread that opened it (the app's), as every SQLite connection does. Each read gets a
    store of its own, opened in the thread that reads (a worker's, say). A read may write too:
    the progress figures first close the calls whose trainer died, a short transaction.
    """

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.problem: str | None = None
        """Why calls are not being saved (the history could not be opened), once tried."""
        self._store: Store | None = None

    @property
    def kept(self) -> bool:
        """Whether calls are saved at all (a scores folder is set)."""
        return self.folder is not None

    def for_saving(self) -> Store | None:
        """The store calls are saved to, opened on first use (closing the calls whose trainer
        died); None when calls are not saved or the history cannot be opened, and then
        `problem` says why."""
        if self._store is not None or self.folder is None or self.problem is not None:
            return self._store
        try:
            store = Store(self.folder)
        except HistoryError as error:
            self.problem = str(error)
            return None
        try:
            store.mark_abandoned()
        except HistoryError as error:  # busy, or found damaged before the first write
            store.close()
            self.problem = str(error)
            return None
        self._store = store
        return store

    @contextmanager
    def reading(self) -> Iterator[Store | None]:
        """A store of its own for one read, in this thread; None when there is no history
        yet (nothing is created); read-only (`Store.read_only`) when the history can only be
        read. Raises HistoryError when the history cannot be read."""
        if self.folder is None or not (self.folder / DATABASE_NAME).exists():
            yield None
            return
        with Store(self.folder, history_read_only(self.folder)) as store:
            yield store

    def close(self) -> None:
        """Close the store calls were saved to, if it was opened."""
        if self._store is not None:
            self._store.close()
            self._store = None
