"""The `trainer` command as a user runs it: a real process, real files, exit codes."""

from __future__ import annotations

import os
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from tests.conftest import CHECKOUT, SCENARIO_FIXTURES
from tests.functional.commands import assert_no_traceback, run, trainer_command
from trainer.support import paths

BROKEN = SCENARIO_FIXTURES / "broken"


def test_folder_with_one_valid_and_three_broken_files(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    shutil.copy(SCENARIO_FIXTURES / "valid" / "minimal.toml", folder)
    for name in ("syntax_error.toml", "unknown_key.toml", "several_problems.toml"):
        shutil.copy(BROKEN / name, folder)

    result = run("validate", "pack", cwd=tmp_path)

    assert result.returncode == 1
    assert_no_traceback(result)
    lines = result.stdout.splitlines()
    problems = [line.split(": ")[0] for line in lines[:-1]]
    assert problems == [
        "pack/several_problems.toml:5",
        "pack/several_problems.toml:11",
        "pack/several_problems.toml:18",
        "pack/syntax_error.toml:14",
        "pack/unknown_key.toml:2",
    ]
    assert lines[-1] == "checked 4 files: 1 valid, 3 with problems (5 problems)"


def test_valid_files_exit_zero(tmp_path: Path) -> None:
    result = run("validate", SCENARIO_FIXTURES / "valid")
    assert (result.returncode, result.stdout) == (0, "checked 1 file: 1 valid\n")


def test_validate_without_paths_checks_the_library() -> None:
    # Counted from the files themselves, as TOML: every shipped file, and its [[tests]].
    shipped = sorted((CHECKOUT / "scenarios").glob("*.toml"))
    tests = sum(len(tomllib.loads(path.read_text("utf-8")).get("tests", [])) for path in shipped)
    assert shipped
    assert tests
    result = run("validate")
    assert result.returncode == 0, result.stdout
    expected = f"{len(shipped)} valid; {tests} self-tests played, {tests} passed [library:"
    assert expected in result.stdout


def test_validate_a_missing_path(tmp_path: Path) -> None:
    result = run("validate", tmp_path / "nope.toml")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{tmp_path / 'nope.toml'}:1: (file): no such file or folder",
        "checked 0 files: 0 valid, 1 path not checked (1 problem)",
    ]


def test_new_writes_a_scaffold_that_validates(tmp_path: Path) -> None:
    result = run(
        "new", "late-refund", "--title", "Late refund", "--company", "Acme", "--out", tmp_path
    )
    assert result.returncode == 0, result.stderr
    written = tmp_path / "late-refund.toml"
    assert written.is_file()
    assert str(written) in result.stdout
    assert run("validate", written).returncode == 0


def test_new_without_id_goes_to_the_users_folder_and_joins_the_library(
    user_data_dir: Path,
) -> None:
    first, second = run("new"), run("new")
    assert (first.returncode, second.returncode) == (0, 0)
    folder = user_data_dir / "scenarios"
    assert sorted(p.name for p in folder.iterdir()) == ["my-scenario-2.toml", "my-scenario.toml"]
    overview = run()
    assert "my-scenario-2" in overview.stdout
    assert "seats-apart" in overview.stdout


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "mine.toml"
    target.write_text("# keep me\n")
    result = run("new", "mine", "--out", tmp_path)
    assert result.returncode == 1
    assert "already exists" in result.stderr
    assert target.read_text() == "# keep me\n"
    assert_no_traceback(result)


@pytest.mark.parametrize(
    "args",
    [
        ["bogus"],
        ["validate", "--nope"],
        ["new", "Not A Slug"],
        ["new", "a", "b"],
        ["--scenarios"],
        ["score", "a", "b"],
    ],
)
def test_usage_errors_exit_2_with_one_line(args: list[str]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("trainer")
    assert_no_traceback(result)


def test_version() -> None:
    from trainer import __version__

    result = run("--version")
    assert (result.returncode, result.stdout.strip()) == (0, f"trainer {__version__}")


@pytest.mark.parametrize("command", [[], ["validate"], ["new"], ["score"]])
def test_help_for_each_command(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: trainer")


def test_scenarios_option_adds_a_folder(tmp_path: Path) -> None:
    shutil.copy(SCENARIO_FIXTURES / "valid" / "minimal.toml", tmp_path)
    result = run("--scenarios", tmp_path)
    assert result.returncode == 0
    assert "minimal" in result.stdout


def test_overview_mentions_broken_files_without_crashing(tmp_path: Path) -> None:
    shutil.copy(BROKEN / "syntax_error.toml", tmp_path)
    result = run("--scenarios", tmp_path)
    assert result.returncode == 0
    assert "1 scenario file could not be loaded" in result.stdout
    assert_no_traceback(result)


def test_overview_names_a_missing_scenarios_folder(tmp_path: Path) -> None:
    result = run("--scenarios", tmp_path / "nowhere")
    assert result.returncode == 1
    assert "nowhere:1: (file): no such folder (named by command line)" in result.stdout
    assert "seats-apart" in result.stdout


def test_scenarios_given_before_and_after_the_command_both_count(tmp_path: Path) -> None:
    for name in ("one", "two"):
        folder = tmp_path / name
        folder.mkdir()
        text = (SCENARIO_FIXTURES / "valid" / "minimal.toml").read_text()
        (folder / f"{name}.toml").write_text(text.replace('"minimal"', f'"{name}"'))
    result = run("--scenarios", tmp_path / "one", "validate", "--scenarios", tmp_path / "two")
    assert result.returncode == 0, result.stdout
    shipped = len(list(paths.shipped_scenarios_dir().glob("*.toml")))
    total = shipped + 2
    assert result.stdout.startswith(f"checked {total} files: {total} valid")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["new", "a" * 65], "not a valid id"),
        (["new", "x", "--title", "   "], "--title must not be blank"),
        (["new", "x", "--company", " "], "--company must not be blank"),
    ],
)
def test_new_refuses_bad_values_before_writing(
    args: list[str], message: str, user_data_dir: Path
) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert_no_traceback(result)
    assert not (user_data_dir / "scenarios").exists()


def test_new_refuses_an_id_the_library_already_has(user_data_dir: Path) -> None:
    result = run("new", "seats-apart")
    assert result.returncode == 1
    assert 'already has a scenario "seats-apart"' in result.stderr
    assert not (user_data_dir / "scenarios" / "seats-apart.toml").exists()


def test_new_without_id_skips_ids_taken_in_the_library(user_data_dir: Path) -> None:
    folder = user_data_dir / "scenarios"
    assert run("new").returncode == 0
    (folder / "my-scenario.toml").rename(folder / "renamed.toml")
    assert run("new").returncode == 0
    assert sorted(p.name for p in folder.iterdir()) == ["my-scenario-2.toml", "renamed.toml"]
    assert run("validate").returncode == 0


def test_deeply_nested_file_is_reported_and_others_still_load(tmp_path: Path) -> None:
    shutil.copy(SCENARIO_FIXTURES / "valid" / "minimal.toml", tmp_path)
    (tmp_path / "deep.toml").write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    result = run("validate", tmp_path)
    assert result.returncode == 1
    assert "deep.toml:1: (file): tables, lists or conditions are nested too deeply" in result.stdout
    assert result.stdout.splitlines()[-1] == "checked 2 files: 1 valid, 1 with problems (1 problem)"
    assert_no_traceback(result)


def test_only_regular_toml_files_are_scenarios(tmp_path: Path) -> None:
    shutil.copy(SCENARIO_FIXTURES / "valid" / "minimal.toml", tmp_path)
    (tmp_path / "folder.toml").mkdir()
    os.mkfifo(tmp_path / "pipe.toml")
    result = run("validate", tmp_path)
    assert result.returncode == 1  # a FIFO is reported, never opened; a folder is a folder
    assert result.stdout.splitlines()[0].endswith("pipe.toml:1: (file): not a regular file")
    assert (
        result.stdout.splitlines()[-1] == "checked 1 file: 1 valid, 1 path not checked (1 problem)"
    )


def test_output_cut_short_by_the_reader_is_not_a_traceback(tmp_path: Path) -> None:
    for n in range(300):
        shutil.copy(BROKEN / "several_problems.toml", tmp_path / f"b{n}.toml")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    command = [*trainer_command(), "validate", str(tmp_path)]
    reader = subprocess.Popen(["head", "-1"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    assert reader.stdin is not None
    trainer = subprocess.run(
        command, stdout=reader.stdin, stderr=subprocess.PIPE, env=env, text=True
    )
    reader.stdin.close()
    reader.wait()
    assert trainer.stderr == ""  # no traceback, no "Exception ignored", no complaint
    assert trainer.returncode == 1
