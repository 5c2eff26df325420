"""Editing a scenario file safely: opening it (or the draft left from last time), and saving
it so that the file is written only when the text is a valid scenario; otherwise the text is
kept beside it as `<file>.draft`. A valid file is never replaced by a broken one, nor a file
someone changed on disk since it was opened replaced unasked."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from trainer.scenario.library import id_taken, load_scenario_text
from trainer.scenario.model import Scenario
from trainer.support.files import write_whole
from trainer.support.problems import FILE_KEY, Problem

DRAFT_SUFFIX = ".draft"
NOT_UTF8 = "\ufffd"
"""What a byte that is not UTF-8 text reads as."""


def draft_path(path: Path) -> Path:
    """Where the draft of `path` is kept: `seats.toml.draft`."""
    return path.with_name(path.name + DRAFT_SUFFIX)


def file_stamp(path: Path) -> int | None:
    """When the file was last changed (ns), to tell whether someone else changed it since;
    None when there is no file."""
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:
        return None


@dataclass(frozen=True)
class Opened:
    """The text to edit, and where it came from."""

    text: str
    written: bool
    """Whether the text is on disk as it is (the file or its draft), so closing loses nothing."""
    stamp: int | None = None
    """The file's stamp when it was opened (None: there was no file)."""
    from_draft: bool = False
    notice: str | None = None
    """Something to tell the author on opening (a draft, text that is not UTF-8)."""


def read_text(path: Path) -> tuple[str, bool]:
    """The file's text, and whether it was UTF-8 (bytes that are not read as \ufffd)."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig"), True  # as the loader reads it: a BOM is dropped
    except UnicodeDecodeError:
        return data.decode("utf-8-sig", errors="replace"), False


def open_for_editing(path: Path) -> Opened:
    """The text to edit for `path`: its draft when that is newer than the file (unsaved
    work from last time), else the file. Raises OSError when the one chosen cannot be read."""
    draft = draft_path(path)
    stamp = file_stamp(path)
    draft_stamp = file_stamp(draft)
    notices = []
    draft_text: tuple[str, bool] | None = None
    if draft_stamp is not None and (stamp is None or draft_stamp >= stamp):
        try:
            draft_text = read_text(draft)
        except OSError as error:
            if stamp is None:
                raise
            notices.append(
                f"{draft.name} cannot be read ({error.strerror or error}), so the file was "
                "opened; saving a draft will replace it."
            )
    if draft_text is not None:
        text, utf8 = draft_text
        source, from_draft = draft, True
        if stamp is None:
            notices.append(f"Opened your draft ({draft.name}); {path.name} is not written yet.")
        else:
            notices.append(
                f"Opened your draft ({draft.name}): {path.name} stays as it was until you "
                "save a valid scenario over it."
            )
    else:
        text, utf8 = read_text(path)
        source, from_draft = path, False
        if draft_stamp is not None and not notices:
            notices.append(f"{draft.name} is older than {path.name}, so the file was opened.")
    if not utf8:
        notices.append(
            f"{source.name} is not all UTF-8 text: what could not be read shows as {NOT_UTF8}."
        )
    return Opened(text, True, stamp, from_draft, " ".join(notices) or None)


@dataclass(frozen=True)
class Saved:
    """Where the text went, and why it was kept as a draft (if it was)."""

    path: Path
    draft: bool
    problems: tuple[Problem, ...]
    stamp: int | None
    """The file's stamp after saving (to pass to the next save)."""
    changed_on_disk: bool = False
    """Kept as a draft because the file changed on disk since `expected_stamp`."""


def id_clash(scenario: Scenario, path: Path, taken: Mapping[str, Path]) -> str | None:
    """Why the scenario's id cannot be used (another file has it), if so."""
    owner = taken.get(scenario.id)
    if owner is None or owner.resolve() == path.resolve():
        return None
    return id_taken(scenario.id, owner)


def save_scenario(
    path: Path,
    text: str,
    taken: Mapping[str, Path] | None = None,
    *,
    expected_stamp: int | None = None,
    check_stamp: bool = False,
) -> Saved:
    """Write `text` to `path` if it is a valid scenario whose id no other file of the library
    (`taken`: id to file) uses, and drop any draft; otherwise write it to the draft beside
    `path`, leaving `path` as it was. With `check_stamp`, a file whose stamp is no longer
    `expected_stamp` (someone changed it) is left as it is too. Raises OSError if writing
    fails."""
    loaded = load_scenario_text(text, path)
    problems = loaded.problems
    if loaded.scenario is not None and loaded.document is not None:
        clash = id_clash(loaded.scenario, path, taken or {})
        if clash is not None:
            problems = (loaded.document.problem(("id",), clash),)
    stamp = file_stamp(path)
    changed = check_stamp and stamp != expected_stamp
    if changed and not problems:
        problems = (Problem(path, 1, FILE_KEY, "changed on disk since it was opened"),)
    path.parent.mkdir(parents=True, exist_ok=True)  # your scenarios folder, on first save
    if problems:
        draft = draft_path(path)
        _write(draft, text)
        return Saved(draft, True, problems, stamp, changed)
    _write(path, text)
    with contextlib.suppress(OSError):  # the file is saved; a draft left over is older
        draft_path(path).unlink(missing_ok=True)
    return Saved(path, False, (), file_stamp(path))


def _write(path: Path, text: str) -> None:
    """Write the whole file; an error names `path` (not the temporary file beside it)."""
    try:
        write_whole(path, text)
    except OSError as error:
        raise OSError(error.errno, error.strerror or str(error), str(path)) from error
