"""The core never imports Textual or Rich: only trainer/ui/ may."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import trainer

PACKAGE = Path(trainer.__file__).parent


def core_modules() -> list[str]:
    """Every module of the package outside trainer/ui/."""
    modules = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        if "ui" in relative.parts or relative.name == "__main__":
            continue
        modules.append(".".join(relative.parts).removesuffix(".__init__"))
    return modules


def test_core_modules_exist() -> None:
    assert {"trainer.scenario.model", "trainer.scenario.library", "trainer.cli.main"} <= set(
        core_modules()
    )


def test_importing_the_core_loads_neither_textual_nor_rich() -> None:
    imports = "; ".join(f"import {name}" for name in core_modules())
    check = (
        f"import sys; {imports}; "
        "leaks = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')); "
        "print(leaks); sys.exit(1 if leaks else 0)"
    )
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
