"""The scenario library's commands: `trainer validate`, `trainer new` and bare `trainer`."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import TextIO

from trainer import __version__
from trainer.cli.output import EXIT_INVALID, EXIT_OK, EXIT_USAGE, fail
from trainer.support import paths
from trainer.support.problems import display_path
from trainer.support.terminal import visible
from trainer.support.text import plural


def run_validate(targets: list[Path], extra: list[Path], out: TextIO, strict: bool = False) -> int:
    """`trainer validate`: print each problem (and, when strict, each warning) and a summary;
    0 when everything is valid."""
    from trainer.authoring.lint import lint_problems
    from trainer.authoring.selftests import self_test_problems
    from trainer.scenario.library import default_folders, load_files, load_library

    if targets:
        targets = [*targets, *extra]
        files, path_problems = load_files(targets)
        searched = ", ".join(display_path(t) for t in targets)
    else:
        library = load_library(default_folders(extra))
        files, path_problems = list(library.files), list(library.folder_problems)
        searched = ", ".join(display_path(f.path) for f in library.folders if f.path.is_dir())
    # A valid scenario's self-tests are played; each failure is a problem at its test.
    # With --strict, the warnings about likely mistakes are listed and fail the check too.
    failed_tests = [self_test_problems(f) for f in files]
    warnings = [lint_problems(f) if strict else [] for f in files]
    per_file = [
        sorted([*f.problems, *failed, *warned])
        for f, failed, warned in zip(files, failed_tests, warnings, strict=True)
    ]
    problems = [*path_problems, *(p for found in per_file for p in found)]
    for problem in problems:
        print(problem, file=out)
    if not files and not problems:
        print(f"no scenario files (*.toml) found in {searched or 'the scenario library'}", file=out)
        return EXIT_INVALID
    broken = sum(1 for f, failed in zip(files, failed_tests, strict=True) if f.problems or failed)
    summary = f"checked {plural(len(files), 'file')}: {len(files) - broken} valid"
    if broken:
        summary += f", {broken} with problems"
    if path_problems:
        summary += f", {plural(len(path_problems), 'path')} not checked"
    played = sum(len(f.scenario.tests) for f in files if f.scenario is not None)
    if played:
        passed = played - sum(len(failed) for failed in failed_tests)
        summary += f"; {plural(played, 'self-test')} played, {passed} passed"
    warned = sum(len(found) for found in warnings)
    errors = len(problems) - warned
    if errors:
        summary += f" ({plural(errors, 'problem')})"
    if strict:
        summary += f"; {plural(warned, 'warning')}"
    if not targets:
        summary += f" [library: {searched}]"
    print(summary, file=out)
    return EXIT_INVALID if problems else EXIT_OK


def run_new(
    scenario_id: str | None,
    title: str | None,
    company: str | None,
    folder: Path | None,
    extra: list[Path],
    out: TextIO,
) -> int:
    """`trainer new`: write a scaffold scenario and say where it went."""
    from trainer.authoring.scaffold import (
        ScaffoldExistsError,
        free_scenario_id,
        id_in_library,
        invalid_id,
        write_scaffold,
    )
    from trainer.scenario.library import default_folders, load_library
    from trainer.scenario.model import is_valid_id

    if scenario_id is not None and not is_valid_id(scenario_id):
        return fail(invalid_id(scenario_id), EXIT_USAGE)
    for option, value in (("--title", title), ("--company", company)):
        if value is not None and not value.strip():
            return fail(f"{option} must not be blank", EXIT_USAGE)
        if value is not None and visible(value, keep_lines=False) != value:
            return fail(f"{option} must not hold a control character", EXIT_USAGE)
    folder = folder if folder is not None else paths.user_scenarios_dir()
    taken = load_library(default_folders(extra)).taken_ids()
    if scenario_id in taken:
        return fail(id_in_library(scenario_id, taken))
    try:
        chosen = scenario_id or free_scenario_id(folder, taken=taken)
        written = write_scaffold(folder, chosen, title, company)
    except ScaffoldExistsError as error:
        return fail(
            f"{display_path(Path(str(error)))} already exists; choose another id or --out folder"
        )
    except OSError as error:
        return fail(f"cannot write to {display_path(folder)}: {error.strerror or error}")
    shown = shlex.quote(display_path(written))
    print(f"wrote {shown}", file=out)
    print(f"next: edit it, then check it with `trainer validate {shown}`", file=out)
    return EXIT_OK


def run_overview(extra: list[Path], out: TextIO) -> int:
    """Bare `trainer`: list the scenario library and what to do next."""
    from trainer.scenario.library import default_folders, load_library

    library = load_library(default_folders(extra))
    scenarios = list(library.scenarios.values())
    print(
        f"trainer {__version__}: rehearse a hard customer-service call before you make it.",
        file=out,
    )
    print(f"\n{plural(len(scenarios), 'scenario')}:", file=out)
    id_width = max((len(visible(s.id, keep_lines=False)) for s in scenarios), default=0)
    for scenario in scenarios:
        # Scenario files are refused when they hold a control character; shown safely anyway.
        title, company, category = (
            visible(text, keep_lines=False)
            for text in (scenario.title, scenario.company, scenario.category)
        )
        print(
            f"  {visible(scenario.id, keep_lines=False):<{id_width}}  {title} ({company}, "
            f"{category}, difficulty {scenario.difficulty}/5)",
            file=out,
        )
    for problem in library.folder_problems:
        print(f"\n{problem}", file=out)
    if library.broken_files:
        print(
            f"\n{plural(len(library.broken_files), 'scenario file')} could not be loaded: "
            "`trainer validate` shows why.",
            file=out,
        )
    print(
        "\nRun in a terminal, `trainer` opens the practice screens. The commands:\n"
        "  trainer play ID               practise a call with one scenario\n"
        '  trainer score "REPLY"         see how a reply scores, and why\n'
        "  trainer history               your saved calls and how your scores move\n"
        "  trainer validate [PATH ...]   check scenario files\n"
        "  trainer new [ID]              write a scenario to start your own from\n"
        "  trainer --help                every command",
        file=out,
    )
    return EXIT_INVALID if library.folder_problems else EXIT_OK
