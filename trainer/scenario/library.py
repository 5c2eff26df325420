"""Finding and loading scenario files; a broken file is reported and never hides the others."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from trainer.scenario.graph import graph_problems
from trainer.scenario.model import Scenario
from trainer.support import paths
from trainer.support.problems import FILE_KEY, Loc, Problem, display_path
from trainer.support.suggest import similar
from trainer.support.tomlfile import (
    TomlDocument,
    control_character_checks,
    parse_toml,
    read_toml,
    validate_document,
)


def scenario_hash(text: str) -> str:
    """A short hash of a scenario file's content, to tell edited versions apart."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


Origin = Literal["shipped", "yours", "TRAINER_SCENARIOS", "command line"]


@dataclass(frozen=True)
class ScenarioFile:
    """One scenario file as loaded: the scenario when it is valid, its problems otherwise."""

    path: Path
    scenario: Scenario | None
    problems: tuple[Problem, ...]
    document: TomlDocument | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class ScenarioFolder:
    """A folder scenarios are read from, and why it is searched."""

    path: Path
    origin: Origin

    @property
    def required(self) -> bool:
        """A folder someone named must exist; the default folders may be absent."""
        return self.origin in ("TRAINER_SCENARIOS", "command line")


def load_scenario_text(text: str, path: Path) -> ScenarioFile:
    """Parse and validate scenario TOML text, reporting every problem it has."""
    return _load(path, lambda: parse_toml(text, path))


def load_scenario_file(path: Path) -> ScenarioFile:
    """Read, parse and validate one scenario file, reporting every problem it has."""
    return _load(path, lambda: read_toml(path))


def _load(
    path: Path, parse: Callable[[], tuple[TomlDocument | None, list[Problem]]]
) -> ScenarioFile:
    try:
        document, problems = parse()
        if document is None:
            return ScenarioFile(path, None, tuple(problems))
        checks = [
            *_control_characters(document.data),
            *_too_many_patterns(document.data),
            *graph_problems(document.data),
        ]
        scenario, problems = validate_document(document, Scenario, checks)
        return ScenarioFile(path, scenario, tuple(problems), document)
    except RecursionError:
        message = "tables, lists or conditions are nested too deeply to read"
        return ScenarioFile(path, None, (Problem(path, 1, FILE_KEY, message),))


_NO_REASON = "; a scenario has no reason to hold one"


def _control_characters(data: dict[str, object]) -> list[tuple[Loc, str]]:
    """Text that would be an instruction to a terminal (ESC, BEL, C1, bidi controls)."""
    return [(loc, message + _NO_REASON) for loc, message in control_character_checks(data)]


MOST_PATTERNS = 200
"""Regular expressions a scenario may hold, in all its cues: each is searched on every reply
(within the reply's time budget), and no real scenario needs more than a few dozen."""


def _too_many_patterns(data: dict[str, object]) -> list[tuple[Loc, str]]:
    """A scenario with more patterns than MOST_PATTERNS, pinned to its first cues."""
    places: list[Loc] = []
    cues = data.get("cues")
    if isinstance(cues, list):
        places += [("cues", n) for n, cue in enumerate(cues) if _has_pattern(cue)]
    nodes = data.get("nodes")
    if isinstance(nodes, dict):
        for name, node in nodes.items():
            node_cues = node.get("cues") if isinstance(node, dict) else None
            if isinstance(node_cues, list):
                places += [
                    ("nodes", name, "cues", n) for n, c in enumerate(node_cues) if _has_pattern(c)
                ]
    if len(places) <= MOST_PATTERNS:
        return []
    return [
        (
            places[0][:-1],
            f"{len(places)} cues with a pattern; a scenario may have at most {MOST_PATTERNS}",
        )
    ]


def _has_pattern(cue: object) -> bool:
    return isinstance(cue, dict) and "pattern" in cue


def _unreadable(path: Path, error: OSError) -> Problem:
    return Problem(path, 1, FILE_KEY, f"cannot be read: {error.strerror or error}")


def _toml_files_under(folder: Path, problems: list[Problem]) -> list[Path]:
    """Regular *.toml files below `folder`, sorted, hidden folders and files skipped."""
    found: list[Path] = []

    def report(error: OSError) -> None:
        problems.append(_unreadable(Path(error.filename or folder), error))

    for root, dirs, files in os.walk(folder, onerror=report):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            path = Path(root) / name
            if not name.endswith(".toml") or name.startswith("."):
                continue
            if _is_regular_file(path):
                found.append(path)
            else:  # a FIFO would block the read, a device never end: report, never open
                problems.append(Problem(path, 1, FILE_KEY, NOT_REGULAR))
    return sorted(found)


NOT_REGULAR = "not a regular file"


def _is_regular_file(path: Path) -> bool:
    """Whether `path` is, or links to, a regular file; found out without opening it
    (a dangling link or a link loop is not)."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def find_scenario_files(targets: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """The .toml files named, or found under the folders named, in order and without repeats."""
    found: list[Path] = []
    problems: list[Problem] = []
    for target in targets:
        try:
            if target.is_dir():
                found += _toml_files_under(target, problems)
            elif _is_regular_file(target):
                found.append(target)
            elif target.exists() or target.is_symlink():
                problems.append(Problem(target, 1, FILE_KEY, NOT_REGULAR))
            else:
                problems.append(Problem(target, 1, FILE_KEY, "no such file or folder"))
        except OSError as error:
            problems.append(_unreadable(target, error))
    unique: dict[Path, Path] = {}
    for path in found:
        unique.setdefault(path.resolve(), path)
    return list(unique.values()), problems


def id_taken(scenario_id: str, owner: Path) -> str:
    """The problem with a second file using an id: which file has it."""
    return f'scenario id "{scenario_id}" is already used by {display_path(owner)}'


def with_unique_ids(files: Sequence[ScenarioFile]) -> list[ScenarioFile]:
    """The files, where each one reusing an id already taken is marked as a problem."""
    owners: dict[str, Path] = {}
    checked: list[ScenarioFile] = []
    for loaded in files:
        scenario = loaded.scenario
        if scenario is None or loaded.document is None:
            checked.append(loaded)
            continue
        first = owners.setdefault(scenario.id, loaded.path)
        if first == loaded.path:
            checked.append(loaded)
            continue
        problem = loaded.document.problem(("id",), id_taken(scenario.id, first))
        checked.append(ScenarioFile(loaded.path, None, (problem,), loaded.document))
    return checked


def load_files(paths_to_check: Iterable[Path]) -> tuple[list[ScenarioFile], list[Problem]]:
    """Load every scenario file under the given files and folders, ids made unique."""
    files, problems = find_scenario_files(paths_to_check)
    return with_unique_ids([load_scenario_file(path) for path in files]), problems


@dataclass(frozen=True)
class Library:
    """Every scenario the trainer can offer, and every file that could not be loaded."""

    folders: tuple[ScenarioFolder, ...]
    files: tuple[ScenarioFile, ...]
    folder_problems: tuple[Problem, ...] = ()

    @property
    def scenarios(self) -> dict[str, Scenario]:
        """The valid scenarios by id, in the order they were found."""
        return {f.scenario.id: f.scenario for f in self.files if f.scenario is not None}

    @property
    def problems(self) -> list[Problem]:
        """Every problem found in the library, file by file."""
        return [*self.folder_problems, *(p for f in self.files for p in f.problems)]

    @property
    def broken_files(self) -> list[ScenarioFile]:
        """The files that could not be loaded."""
        return [f for f in self.files if f.scenario is None]

    def get(self, scenario_id: str) -> Scenario | None:
        """The scenario with this id, if the library has it."""
        return self.scenarios.get(scenario_id)

    def content_hash(self, scenario: Scenario) -> str:
        """The hash of the scenario's file as it was loaded (stored with each call)."""
        loaded = self.file_of(scenario)
        return scenario_hash(loaded.document.text if loaded and loaded.document else "")

    def file_of(self, scenario: Scenario) -> ScenarioFile | None:
        """The file the scenario (by its id) is loaded from now."""
        return next(
            (f for f in self.files if f.scenario is not None and f.scenario.id == scenario.id),
            None,
        )

    def folder_of(self, path: Path) -> ScenarioFolder | None:
        """The library folder a scenario file is in (the first, when folders nest)."""
        resolved = path.resolve()
        return next((f for f in self.folders if resolved.is_relative_to(f.path.resolve())), None)

    def taken_ids(self) -> dict[str, Path]:
        """Which file each scenario id belongs to."""
        return {f.scenario.id: f.path for f in self.files if f.scenario is not None}

    def closest_ids(self, scenario_id: str) -> list[str]:
        """Ids that look like `scenario_id`, best first, for "did you mean" messages."""
        return similar(scenario_id, self.scenarios)


def default_folders(
    extra: Sequence[Path] = (), environ: Mapping[str, str] | None = None
) -> list[ScenarioFolder]:
    """The library's folders in precedence order: shipped, yours, env, command line."""
    folders = [
        ScenarioFolder(paths.shipped_scenarios_dir(), "shipped"),
        ScenarioFolder(paths.user_scenarios_dir(), "yours"),
        *(ScenarioFolder(p, "TRAINER_SCENARIOS") for p in paths.env_scenario_dirs(environ)),
        *(ScenarioFolder(Path(p).expanduser(), "command line") for p in extra),
    ]
    unique: dict[Path, ScenarioFolder] = {}
    for folder in folders:
        unique.setdefault(folder.path.resolve(), folder)
    return list(unique.values())


def load_library(folders: Sequence[ScenarioFolder]) -> Library:
    """Load every scenario in these folders; when two share an id, the first found wins."""
    targets: list[Path] = []
    problems: list[Problem] = []
    for folder in folders:
        try:
            exists = folder.path.is_dir()
        except OSError as error:
            problems.append(_unreadable(folder.path, error))
            continue
        if exists:
            targets.append(folder.path)
        elif folder.required:
            message = f"no such folder (named by {folder.origin})"
            problems.append(Problem(folder.path, 1, FILE_KEY, message))
    files, missing = load_files(targets)
    return Library(tuple(folders), tuple(files), tuple(problems + missing))
