"""Time to load and validate scenario files: the shipped library, and a large pack.

Run: python benchmarks/load_library.py [COPIES]
Prints figures; asserts nothing. COPIES (default 200) is the size of the generated pack.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from trainer.authoring.scaffold import scaffold_scenario, scenario_toml
from trainer.scenario.library import default_folders, load_files, load_library


def best_of(runs: int, action: Callable[[], object]) -> tuple[float, float]:
    """Median and best wall time of `runs` calls, in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times)


def main() -> None:
    """Print the figures."""
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    library = load_library(default_folders())
    count = len(library.files)
    median, best = best_of(20, lambda: load_library(default_folders()))
    print(
        f"shipped library: {count} files, load + validate {median:.1f} ms median ({best:.1f} best)"
    )

    with tempfile.TemporaryDirectory() as folder:
        pack = Path(folder)
        text = scenario_toml(scaffold_scenario("bench"))
        for n in range(copies):
            (pack / f"bench-{n}.toml").write_text(text.replace('"bench"', f'"bench-{n}"', 1))
        median, best = best_of(5, lambda: load_files([pack]))
        print(f"valid pack: {copies} files, {median:.1f} ms median ({median / copies:.2f} ms/file)")

        broken = text.replace('goto = "offer"', 'goto = "ofer"').replace(
            "difficulty = 2", "difficulty = 9"
        )
        for n in range(copies):
            (pack / f"bench-{n}.toml").write_text(broken.replace('"bench"', f'"bench-{n}"', 1))
        median, best = best_of(5, lambda: load_files([pack]))
        files, _ = load_files([pack])
        problems = sum(len(f.problems) for f in files)
        print(
            f"broken pack: {copies} files, {problems} problems (line positions needed), "
            f"{median:.1f} ms median ({median / copies:.2f} ms/file)"
        )

    command = [sys.executable, "-m", "trainer", "validate"]
    times = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append((time.perf_counter() - start) * 1000)
    print(f"`trainer validate` as a process: {statistics.median(times):.0f} ms median")


if __name__ == "__main__":
    main()
